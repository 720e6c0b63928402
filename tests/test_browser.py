"""Pages opened in headless Chromium as a visitor would: desktop and a 360 px phone."""

import pytest

from .chromium import open_page, read_pages, shown

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


@pytest.fixture(scope="module")
def rendered(browser, server, tmp_path_factory):
    """What each page shows a visitor at a width (see test_page_renders_cleanly_and_stays_local), read once."""
    shots = tmp_path_factory.mktemp("shots")
    done: dict[int, dict[str, dict]] = {}

    def read(page, seen) -> dict:
        name = page.url.removeprefix(server).strip("/").replace("/", "_") or "home"
        shot = shots / f"{name}-{page.viewport_size['width']}.png"
        page.screenshot(path=str(shot), full_page=True)
        return {
            "errors": seen["errors"],
            "outside": [u for u in seen["requests"] if not u.startswith(server) and not u.startswith("data:")],
            "lang": page.evaluate("document.documentElement.lang"),
            "heading": page.locator("h1").first.is_visible(),
            "width": page.evaluate("document.scrollingElement.scrollWidth"),
            "font": page.evaluate("document.fonts.check('16px \"Be Vietnam Pro\"', 'Nẵng')"),
            "shot": shot.stat().st_size,
        }

    def at(width: int) -> dict[str, dict]:
        if width not in done:
            read_all = read_pages(browser, [server + u for u in PAGES.values()], width, read)
            done[width] = dict(zip(PAGES, read_all, strict=True))
        return done[width]

    return at


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("kind", PAGES)
def test_page_renders_cleanly_and_stays_local(rendered, kind, width):
    seen = shown(rendered(width)[kind])
    assert seen["errors"] == []
    assert seen["outside"] == [], f"requests leaving the machine: {seen['outside']}"
    assert seen["lang"] == "vi"
    assert seen["heading"]
    assert seen["width"] <= width  # nothing wider than the screen: a phone never scrolls sideways
    assert seen["font"]  # the Vietnamese font is the one actually used
    assert seen["shot"] > 10_000


def _search(browser, server, query: str):
    page, seen = open_page(browser, server + "tim-kiem/" + query, 1280)
    _wait_for_results(page)
    return page, seen


def _wait_for_results(page) -> None:
    """Until the latest search's results are in the list (not merely counted in the status line)."""
    page.wait_for_selector("#ms-search-results[aria-busy=false]", state="attached")


def _titles(page) -> list[str]:
    return page.locator(".ms-result h2").all_inner_texts()


def test_search_without_diacritics_finds_the_initiative(browser, server):
    page, seen = _search(browser, server, "?q=sang+kien+tiet+kiem+dien")
    assert "Ổ cắm hẹn giờ tắt thiết bị văn phòng ngoài giờ làm việc" in _titles(page)
    assert seen["errors"] == [] and all(u.startswith(server) for u in seen["requests"])
    page.close()


def test_search_folds_d_and_filters_by_province(browser, server):
    # "dong" finds "động": đ folds to d in every field.
    page, _ = _search(browser, server, "?q=may+boc+vo+tom+ban+tu+dong")
    everywhere = _titles(page)
    page.locator("label", has_text="Đà Nẵng").first.click()  # the province filter
    page.wait_for_function("location.search.includes('tinh=')")
    _wait_for_results(page)
    in_da_nang = _titles(page)
    assert "Máy bóc vỏ tôm bán tự động giảm lao động thủ công" in in_da_nang
    assert 0 < len(in_da_nang) <= len(everywhere)
    counts = page.locator("#ms-search-filters .ms-chips__count").all_inner_texts()
    assert any(c != "0" for c in counts)
    page.close()


def test_a_province_named_in_the_query_is_offered_as_its_filter(browser, server):
    page, seen = _search(browser, server, "?q=Da+Nang")
    assert page.locator("#ms-search-filters input:checked").count() == 0
    assert page.locator("#ms-search-q").input_value() == "Da Nang"
    assert "Máy bóc vỏ tôm bán tự động giảm lao động thủ công" in _titles(page)
    page.locator(".ms-search__chip", has_text="Chỉ xem Đà Nẵng?").click()
    page.wait_for_function("location.search.includes('tinh=')")
    _wait_for_results(page)
    assert "Đà Nẵng" in page.locator("#ms-search-status").inner_text()
    assert "Máy bóc vỏ tôm bán tự động giảm lao động thủ công" in _titles(page)
    # The index's files only: its table of contents, shards, titles, filter columns, cards; nothing else.
    index = {u.split("/chi-muc/")[1].split("?")[0].split("/")[0] for u in seen["requests"] if "/chi-muc/" in u}
    assert index <= {"muc-luc.json", "s", "ten", "cot.bin", "the", "w"}
    page.close()


def test_search_sorts_by_yearly_benefit(browser, server):
    page, _ = _search(browser, server, "?loai=S%C3%A1ng+ki%E1%BA%BFn&sap_xep=loi_ich")
    assert _titles(page)[0] == "Giá đỡ thủy lực di động cải tiến cho lò chợ than"  # 5,6 tỷ đồng, the largest
    page.close()


def test_a_not_approved_record_is_not_found(browser, server):
    for query in ["?q=Máy+pha+chế+dung+dịch", "?q=phan+loai+buu+kien", "?q=Mạo+Khê"]:
        page, _ = _search(browser, server, query)
        assert _titles(page) == []
        assert page.locator("#ms-search-status").inner_text().startswith("Không tìm thấy")
        page.close()


def test_exact_diacritics_rank_first(browser, server):
    page, _ = _search(browser, server, "?q=kiểm+tra")
    assert _titles(page)[0].startswith("Bộ gá kiểm tra nhanh")  # before "tiết kiệm" matches
    page.close()


def test_province_page_links_into_search_prefiltered(browser, server):
    page, _ = open_page(browser, server + "tinh-thanh/ha-noi/", 1280)
    with page.expect_navigation():
        page.locator("a", has_text="Tìm trong Hà Nội").click()
    _wait_for_results(page)
    assert page.locator("#f-tinh-H__N_i").is_checked()
    assert "Cải tiến khuôn dập giúp giảm 40% phế phẩm linh kiện xe máy" in _titles(page)
    page.close()


def test_more_results_continue_the_benefit_order_across_the_site(browser, server, catalogue):
    from generator.search.documents import documents

    page, _ = _search(browser, server, "?loai=S%C3%A1ng+ki%E1%BA%BFn&sap_xep=loi_ich")
    page.locator("#ms-search-more").click()
    page.wait_for_function("document.querySelectorAll('.ms-result').length > 20")
    docs = [d for d in documents(catalogue) if d.filters["loai"] == "Sáng kiến"]
    expected = [d.title for d in sorted(docs, key=lambda d: -d.benefit) if d.benefit]
    expected += [d.title for d in docs if not d.benefit]
    assert _titles(page) == expected[:40]
    page.close()
