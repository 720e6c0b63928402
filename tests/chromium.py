"""Debian's Chromium, started the way every check here starts it: headless, and quiet on the network."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def open_page(browser, url: str, width: int):
    """A page at `url`, loaded, with the requests it made and the errors it logged."""
    page, seen = _opening(browser, url, width)
    page.wait_for_load_state("networkidle")
    return page, seen


def read_pages(browser, urls: list[str], width: int, read, ahead: int = 1) -> list:
    """`read(page, seen)` for each URL's page (see open_page), then the page closed; the next page loads while
    one is read, since most of opening a page is waiting for its network to be idle."""
    loading: list = []
    out = []
    for url in [*urls, *[None] * ahead]:
        if url is not None:
            loading.append(_opening(browser, url, width))
        if loading and (len(loading) > ahead or url is None):
            page, seen = loading.pop(0)
            try:
                page.wait_for_load_state("networkidle")
                out.append(read(page, seen))
            finally:
                page.close()
    return out


def _opening(browser, url: str, width: int):
    page = browser.new_page(viewport={"width": width, "height": 800})
    seen: dict[str, list[str]] = {"requests": [], "errors": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    response = page.goto(url, wait_until="commit")
    assert response is not None and response.status == 200, url
    return page, seen
