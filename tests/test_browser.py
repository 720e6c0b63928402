"""Pages opened in headless Chromium as a visitor would: desktop and a 360 px phone."""

import pytest

PAGES = {
    "home": "",
    "provinces": "tinh-thanh/",
    "province": "tinh-thanh/ha-noi/",
    "sectors": "linh-vuc/",
    "sector": "linh-vuc/che-bien-che-tao/",
    "initiative": "sang-kien/hn-2022-0012/",
    "stories": "cau-chuyen/",
    "story": "cau-chuyen/tho-lo-ha-lam-va-gia-do-thuy-luc/",
    "about": "gioi-thieu/",
}


def open_page(browser, url, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    seen = {"requests": [], "errors": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    response = page.goto(url, wait_until="networkidle")
    assert response.status == 200
    return page, seen


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("kind", PAGES)
def test_page_renders_cleanly_and_stays_local(browser, server, tmp_path, kind, width):
    page, seen = open_page(browser, server + PAGES[kind], width)
    try:
        assert seen["errors"] == []
        outside = [u for u in seen["requests"] if not u.startswith(server) and not u.startswith("data:")]
        assert outside == [], f"requests leaving the machine: {outside}"
        assert page.evaluate("document.documentElement.lang") == "vi"
        assert page.locator("h1").first.is_visible()
        # Nothing wider than the screen: a phone never scrolls sideways.
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width
        # The Vietnamese font is the one actually used.
        assert page.evaluate("document.fonts.check('16px \"Be Vietnam Pro\"', 'Nẵng')")
        shot = tmp_path / f"{kind}-{width}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
    finally:
        page.close()


def test_built_in_search_finds_an_initiative(browser, server):
    page, seen = open_page(browser, server, 1280)
    try:
        box = page.locator("input.md-search__input")
        box.click()
        box.type("khuôn dập", delay=30)  # the theme searches on key events, as a person types
        result = page.locator(".md-search-result__item a").first
        result.wait_for(timeout=15_000)
        assert "khuôn dập" in page.locator(".md-search-result").inner_text().lower()
        assert seen["errors"] == []
    finally:
        page.close()
