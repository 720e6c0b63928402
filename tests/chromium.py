"""Debian's Chromium, started the way every check here starts it: headless, and quiet on the network."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def open_page(browser, url: str, width: int):
    """A page at `url`, loaded, with the requests it made and the errors it logged."""
    page, seen = _listening(browser, width)
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200, url
    return page, seen


def read_pages(browser, urls: list[str], width: int, read, ahead: int = 1) -> list:
    """`read(page, seen)` for each URL's page (see open_page), then the page closed; the next page loads while
    one is read, since most of opening a page is waiting for its network to be idle. A page that fails to open
    or to be read gives the exception instead, for the check of that page to raise (see `shown`)."""
    loading: list = []
    out = []
    try:
        for url in [*urls, *[None] * ahead]:
            if url is not None:
                loading.append(_start(browser, url, width))
            if loading and (len(loading) > ahead or url is None):
                out.append(_finish(*loading.pop(0), read))
    finally:
        for page, _, _ in loading:
            page.close()
    return out


def shown(result):
    """A result of `read_pages`, or the exception its page gave, raised."""
    if isinstance(result, BaseException):
        raise result
    return result


def _listening(browser, width: int):
    page = browser.new_page(viewport={"width": width, "height": 800})
    seen: dict[str, list[str]] = {"requests": [], "errors": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    return page, seen


def _start(browser, url: str, width: int):
    page, seen = _listening(browser, width)
    try:
        response = page.goto(url, wait_until="commit")
        status = response.status if response is not None else None
        error = None if status == 200 else AssertionError(f"{url}: HTTP {status}")
    except Exception as e:  # reported by this page's check
        error = e
    return page, seen, error


def _finish(page, seen, error, read):
    try:
        if error is not None:
            return error
        page.wait_for_load_state("networkidle")
        return read(page, seen)
    except Exception as e:  # reported by this page's check
        return e
    finally:
        page.close()
