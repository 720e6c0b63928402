"""Search in Chromium on a small site written for it: the answers a reader expects, ranked once over the whole
site, exact filter counts, places offered and never imposed, typos, sorts, and the fold shared with Python.

Every case of issue #15 is here; each waits for #ms-search-results[aria-busy=false], which the page sets only
once the list is filled."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import pytest

from generator.content.validate import load_content
from generator.search.documents import _excerpt, documents
from generator.search.postings import fnv1a
from generator.search.words import reference_tokens, words

from . import static_server
from .chromium import open_page
from .conftest import CONTENT, build
from .test_search_index import TRICKY

# id, title, summary, date, province, sector, recognition, benefit, extra YAML
RECORDS = [
    (
        "KHOAN-01",
        "Máy khoan đa năng cho xưởng cơ khí",
        "Một máy khoan làm được ba việc.",
        "2021-03-01",
        "Nghệ An",
        "C",
        "co-so",
        120_000_000,
        "",
    ),
    (
        "DN-01",
        "Băng chuyền phân loại cá tại cảng",
        "Công nhân cảng cá tiết kiệm sức lao động.",
        "2024-05-01",
        "Đà Nẵng",
        "C",
        "cap-tinh",
        300_000_000,
        "",
    ),
    (
        "DN-02",
        "Tủ điện thông minh cho khu chế xuất",
        "Giảm sự cố điện, tiết kiệm điện năng.",
        "2024-04-01",
        "Đà Nẵng",
        "D",
        "cap-nganh",
        450_000_000,
        "",
    ),
    (
        "NUOC-01",
        "Phần mềm theo dõi diễn biến chất lượng nước",
        "Cảnh báo sớm khi nước thải vượt ngưỡng.",
        "2021-06-01",
        "Hà Nội",
        "E",
        "",
        80_000_000,
        "",
    ),
    (
        "DB-01",
        "Nhà kính trồng rau vùng cao",
        "Rau sạch quanh năm cho bếp ăn bán trú.",
        "2024-06-01",
        "Điện Biên",
        "A",
        "co-so",
        60_000_000,
        "",
    ),
    (
        "HUE-01",
        "Quy trình kiểm tra chất lượng vải",
        "Tổ kiểm tra vải giảm lỗi dệt.",
        "2021-01-10",
        "Hà Nội",
        "C",
        "",
        90_000_000,
        "authors:\n  - {name: Nguyễn Thị Huệ, consent_public: true}\n",
    ),
    (
        "HUE-02",
        "Quy trình đóng gói bánh",
        "Đóng gói nhanh hơn.",
        "2024-02-01",
        "Huế",
        "C",
        "",
        70_000_000,
        "authors:\n  - {name: Nguyễn Thị Huế, consent_public: true}\n",
    ),
    (
        "HCM-T1",
        "Học tập và làm theo tư tưởng Hồ Chí Minh trong sản xuất",
        "Tổ công đoàn học tập mỗi tuần.",
        "2021-02-01",
        "Nghệ An",
        "C",
        "",
        0,
        "",
    ),
    (
        "HCM-01",
        "Băng tải tự động cho kho hàng",
        "Một sáng kiến ở Hồ Chí Minh, làm theo tư tưởng đổi mới.",
        "2024-07-01",
        "Hồ Chí Minh",
        "H",
        "",
        500_000_000,
        "",
    ),
    ("HANAM-01", "Máy xay bột cải tiến", "Sáng kiến của thợ cơ khí.", "2020-05-01", "Hà Nam", "C", "", 0, ""),
    ("HANAM-02", "Bể lọc nước giếng khoan", "Nước sạch cho công nhân.", "2020-04-01", "Hà Nam", "E", "", 0, ""),
    (
        "HANOI-01",
        "Lò sấy nông sản miền Nam",
        "Thợ Hà Nội hỗ trợ nông dân miền Nam.",
        "2024-08-01",
        "Hà Nội",
        "A",
        "toan-quoc",
        0,
        "",
    ),
    (
        "HANOI-02",
        "Hà Nội tiết kiệm nước sạch",
        "Nhà máy nước phía Nam thành phố.",
        "2024-08-02",
        "Hà Nội",
        "E",
        "cap-tinh",
        150_000_000,
        "",
    ),
    (
        "DANG-01",
        "Giá đỡ khuôn điều chỉnh nhanh",
        "Tổ cơ khí cải tiến giá đỡ.",
        "2022-01-01",
        "Thái Nguyên",
        "C",
        "",
        200_000_000,
        "authors:\n  - {name: Đặng Xuân Quân, consent_public: true}\n",
    ),
    (
        "DANG-02",
        "Sổ tay an toàn điện",
        "Kỹ sư Đặng biên soạn sổ tay cho công nhân.",
        "2022-02-01",
        "Thái Nguyên",
        "D",
        "",
        0,
        "",
    ),
    ("BOM-01", "Bơm nước", "Bơm nước tưới tiêu tiết kiệm.", "2020-01-01", "Cần Thơ", "A", "", 40_000_000, ""),
    (
        "BOM-02",
        "Bơm nước tự động cho ruộng lúa",
        "Bơm nước theo mực nước.",
        "2024-09-01",
        "Cần Thơ",
        "A",
        "co-so",
        95_000_000,
        "",
    ),
    (
        "BOM-03",
        "Cải tiến bơm nước cho trạm",
        "Trạm bơm nước chạy êm.",
        "2024-09-02",
        "Cần Thơ",
        "D",
        "",
        35_000_000,
        "",
    ),
    (
        "VTB-01",
        "Giàn khoan dầu giảm thời gian dừng máy",
        "Công đoàn Dầu khí cải tiến giàn khoan.",
        "2023-03-03",
        "",
        "B",
        "cap-nganh",
        900_000_000,
        "union: Công đoàn Dầu khí Việt Nam\n",
    ),
]
STORY = """---
title: "Tiết kiệm điện ở xưởng may"
date: 2023-05-05
summary: "Công nhân xưởng may ở Hà Nội tiết kiệm điện mỗi ngày."
province: Hà Nội
sector: C
initiatives: [DN-02]
---
Câu chuyện về những người thợ tiết kiệm điện.
"""


def _write(content: Path) -> None:
    for rid, title, summary, day, province, sector, level, benefit, extra in RECORDS:
        lines = [f"id: {rid}", f"title: {title}", f"summary: {summary}", "status: approved", f"approved_on: {day}",
                 f"sector: {sector}"]  # fmt: skip
        lines += [f"province: {province}"] if province else []
        lines += [f"recognition: {level}"] if level else []
        lines += [f"benefit_vnd: {benefit}"] if benefit else []
        (content / "initiatives" / f"{rid.lower()}.yml").write_text("\n".join(lines) + "\n" + extra, "utf-8")
    (content / "stories" / "tiet-kiem-dien.md").write_text(STORY, "utf-8")


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("search")
    content = root / "content"
    for sub in ("initiatives", "stories", "media"):
        (content / sub).mkdir(parents=True)
    shutil.copytree(CONTENT / "taxonomies", content / "taxonomies")
    _write(content)
    assert build(content, root) == 0
    return root


@pytest.fixture(scope="module")
def searched(written):
    with static_server.serve(written / "site") as url:
        yield url


@pytest.fixture(scope="module")
def model(written):
    loaded = load_content(written / "content")
    assert not loaded.problems, loaded.problems
    return documents(loaded.catalogue)


def _open(browser, base: str, query: str, width: int = 1280):
    page, seen = open_page(browser, base + "tim-kiem/" + query, width)
    _wait(page)
    assert seen["errors"] == []
    return page


def _wait(page) -> None:
    page.wait_for_selector("#ms-search-results[aria-busy=false]", state="attached")


def _titles(page) -> list[str]:
    return page.locator(".ms-result h2").all_inner_texts()


def _chips(page) -> list[str]:
    return page.locator(".ms-search__chip").all_inner_texts()


def _checked(page) -> list[str]:
    return page.locator("#ms-search-filters input:checked + label").all_inner_texts()


def _q(text: str, **more) -> str:
    return "?" + urlencode({"q": text, **more})


def test_the_browser_folds_and_hashes_as_python_does(browser, searched):
    page = _open(browser, searched, "")
    texts = [*TRICKY, "N\u0061\u0306\u0303ng", "Nẵng"]
    got = page.evaluate(
        """async (texts) => {
            const m = await import(new URL('../assets/javascripts/search-index.js', location.href).href);
            return [texts.map((t) => m.words(t)), texts.map((t) => m.fnv1a(m.words(t).map(([w]) => w).join('_')))];
        }""",
        texts,
    )
    assert got[0] == [[list(w) for w in words(t)] for t in texts]
    assert got[1] == [fnv1a("_".join(reference_tokens(t)).encode()) for t in texts]
    page.close()


def test_words_that_look_like_a_province_are_searched_as_words(browser, searched):
    page = _open(browser, searched, _q("máy khoan đa năng"))
    assert _titles(page)[0] == "Máy khoan đa năng cho xưởng cơ khí"
    assert not any("Đà Nẵng" in t for t in _titles(page))
    assert page.locator("#ms-search-q").input_value() == "máy khoan đa năng"
    assert _chips(page) == [] and _checked(page) == []  # "đa năng" typed with its marks is not Đà Nẵng
    page.close()

    page = _open(browser, searched, _q("theo dõi diễn biến"))
    assert _titles(page) == ["Phần mềm theo dõi diễn biến chất lượng nước"]
    page.close()


def test_exact_diacritics_rank_a_name_before_its_folded_twins(browser, searched):
    page = _open(browser, searched, _q("Nguyễn Thị Huệ"))
    # Both records hold "nguyen thi hue" folded; the newer one (Huế) comes second all the same.
    assert _titles(page) == ["Quy trình kiểm tra chất lượng vải", "Quy trình đóng gói bánh"]
    assert _chips(page) == []  # Huệ is not Huế
    page.close()


def test_a_place_named_in_the_query_is_offered_never_imposed(browser, searched):
    page = _open(browser, searched, _q("tư tưởng Hồ Chí Minh"))
    assert _titles(page)[0] == "Học tập và làm theo tư tưởng Hồ Chí Minh trong sản xuất"
    assert page.locator("#ms-search-q").input_value() == "tư tưởng Hồ Chí Minh"
    assert _checked(page) == [] and _chips(page) == ["Chỉ xem Hồ Chí Minh?"]
    page.close()

    # A former province: its records first (the words side by side), and the chip names the province it joined.
    page = _open(browser, searched, _q("Hà Nam"))
    titles = _titles(page)
    assert set(titles[:2]) == {"Máy xay bột cải tiến", "Bể lọc nước giếng khoan"}
    assert "Lò sấy nông sản miền Nam" in titles[2:]
    assert _chips(page) == ["Chỉ xem Ninh Bình?"]
    page.locator(".ms-search__chip").click()
    page.wait_for_function("location.search.includes('tinh=')")
    _wait(page)
    assert sorted(_titles(page)) == ["Bể lọc nước giếng khoan", "Máy xay bột cải tiến"]
    assert [c.rsplit(" ", 1)[0] for c in _checked(page)] == ["Ninh Bình"]
    assert page.locator("#ms-search-q").input_value() == "Hà Nam"
    assert "Đang lọc: Ninh Bình" in page.locator("#ms-search-status").inner_text()
    page.close()


def test_a_search_never_sets_a_filter_that_stays_for_the_next_one(browser, searched):
    page = _open(browser, searched, _q("Da Nang"))
    assert _checked(page) == [] and "tinh=" not in page.evaluate("location.search")
    assert {"Băng chuyền phân loại cá tại cảng", "Tủ điện thông minh cho khu chế xuất"} <= set(_titles(page))
    page.fill("#ms-search-q", "khoan")
    page.evaluate("document.getElementById('ms-search-results').setAttribute('aria-busy', 'stale')")
    page.press("#ms-search-q", "Enter")
    _wait(page)
    assert _checked(page) == []
    assert set(_titles(page)) == {"Máy khoan đa năng cho xưởng cơ khí", "Bể lọc nước giếng khoan",
                                  "Giàn khoan dầu giảm thời gian dừng máy"}  # fmt: skip
    page.close()


def test_d_folds_in_every_field(browser, searched):
    page = _open(browser, searched, _q("Dang Xuan Quan"))
    assert _titles(page) == ["Giá đỡ khuôn điều chỉnh nhanh"]  # the author
    page.close()
    page = _open(browser, searched, _q("dang"))
    assert set(_titles(page)) == {"Giá đỡ khuôn điều chỉnh nhanh", "Sổ tay an toàn điện"}  # author, summary
    page.close()


def test_an_exact_title_comes_first(browser, searched):
    page = _open(browser, searched, _q("bơm nước"))
    titles = _titles(page)
    assert titles[0] == "Bơm nước" and len(titles) == 3  # the two others are newer and hold the words too
    page.close()


def test_a_typo_is_offered_its_correction(browser, searched):
    page = _open(browser, searched, _q("tiet kiwm"))
    assert _titles(page) == []
    suggestion = page.locator(".ms-search__suggest a")
    assert suggestion.inner_text() == "tiet kiem"
    suggestion.click()
    page.wait_for_function("new URLSearchParams(location.search).get('q') === 'tiet kiem'")
    _wait(page)
    assert len(_titles(page)) >= 5
    page.close()


def test_excerpts_are_the_records_own_words(browser, searched, model):
    page = _open(browser, searched, _q("tiết kiệm"))
    summaries = {d.title: _excerpt(d.card["text"]) for d in model}
    cards = page.locator(".ms-result")
    assert cards.count() >= 5
    for k in range(cards.count()):
        card = cards.nth(k)
        title = card.locator("h2").inner_text()
        assert card.locator(".ms-result__excerpt").inner_text() == summaries[title]
        assert {m.lower() for m in card.locator("mark").all_inner_texts()} <= {"tiết", "kiệm"}
    page.close()


def _expected(model, query: str, selected: dict[str, set[str]]) -> tuple[list, dict]:
    """Results and every filter value's count, from the documents: AND of folded words; a value counts what
    the query and every other filter select."""
    wanted = set(reference_tokens(query))
    hits = [d for d in model if wanted <= set(reference_tokens(" ".join([d.title, *d.body])))]

    def passes(d, skip=None) -> bool:
        return all(not values or d.filters[key] in values for key, values in selected.items() if key != skip)

    counts = {key: Counter(d.filters[key] for d in hits if passes(d, key)) for key in model[0].filters}
    return [d for d in hits if passes(d)], counts


CASES = [
    ("tiết kiệm", {}),
    ("tiet kiem", {"tinh": {"Đà Nẵng"}}),
    ("nuoc", {"linh_vuc": {"Cung cấp nước, xử lý chất thải", "Nông, lâm nghiệp và thủy sản"}, "nam": {"2024"}}),
    ("", {"tinh": {"Hà Nội", "Cần Thơ"}, "cap": {"Cấp tỉnh"}}),
    ("cải tiến", {"loai": {"Sáng kiến"}, "tinh": {"Đơn vị trung ương", "Thái Nguyên"}}),
    ("điện", {"loai": {"Câu chuyện"}}),
]


@pytest.mark.parametrize(("query", "selected"), CASES)
def test_filter_counts_are_exact(browser, searched, model, query, selected):
    params = [("q", query)] + [(k, v) for k, vs in selected.items() for v in sorted(vs)]
    page = _open(browser, searched, "?" + urlencode(params))
    results, counts = _expected(model, query, {k: set(v) for k, v in selected.items()})
    shown = {}
    for label in page.locator("#ms-search-filters input + label").all():
        key = label.get_attribute("for").split("-")[1]
        name, count = label.inner_text().rsplit(" ", 1)
        shown.setdefault(key, {})[name] = int(count.replace(".", ""))
    for key, values in shown.items():
        assert values == {v: counts[key][v] for v in values}, key
    assert set(_titles(page)) == {d.title for d in results}
    status = page.locator("#ms-search-status").inner_text()
    assert status.startswith(f"{len(results)} kết quả") if results else status.startswith("Không tìm thấy")
    page.close()


def test_sorts_are_exact(browser, searched, model):
    page = _open(browser, searched, _q("", loai="Sáng kiến", sap_xep="moi"))
    newest = [d.title for d in model if d.filters["loai"] == "Sáng kiến"]
    assert _titles(page) == newest[:20]
    page.close()
    page = _open(browser, searched, _q("cải tiến", sap_xep="loi_ich"))
    hits = [d for d in model if {"cai", "tien"} <= set(reference_tokens(" ".join([d.title, *d.body])))]
    assert _titles(page) == [d.title for d in sorted(hits, key=lambda d: -d.benefit) if d.benefit] + [
        d.title for d in hits if not d.benefit
    ]
    page.close()


@pytest.mark.parametrize("width", [1280, 360])
def test_the_search_page_fits_the_screen(browser, searched, tmp_path, width):
    page = _open(browser, searched, _q("Hà Nam"), width)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    shot = tmp_path / f"search-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    page.close()
