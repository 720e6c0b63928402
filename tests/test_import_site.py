"""The sample portal export, imported into the sample content and built: the national units' initiatives have
their hub, their search filter, their row in the statistics (not on the map), their open-data file, and pages
that name their union. Looked at in Chromium at 1280 and 360 px."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from generator import cli
from generator.catalogue.model import NATIONAL_UNITS

from . import static_server
from .chromium import open_page
from .conftest import CONTENT, ROOT, build

SAMPLE = ROOT / "content-samples" / "xuat-tu-cong-thong-tin.xlsx"
NATIONAL_IDS = {
    "CTT-2023-0001",
    "CTT-2023-0002",
    "CTT-2023-0003",
    "CTT-2023-0004",
    "CTT-2023-0005",
    "CTT-2023-0006",
    "CTT-2023-0007",
    "CTT-2023-0025",
    "CTT-2023-0026",
    "CTT-2023-0027",
    "CTT-2023-0028",
}


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    """The sample content with the sample export imported, built."""
    out = tmp_path_factory.mktemp("imported")
    content = out / "content"
    shutil.copytree(CONTENT, content)
    assert cli.main(["import", str(SAMPLE), "--content", str(content), "--quiet"]) == 1  # four rows refused
    assert build(content, out) == 0
    return out / "site"


@pytest.fixture(scope="module")
def served(imported):
    with static_server.serve(imported) as url:
        yield url


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_the_sample_export_names_every_refused_row(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "taxonomies", content / "taxonomies")
    assert cli.main(["import", str(SAMPLE), "--content", str(content), "--dry-run", "--quiet"]) == 1
    out, err = capsys.readouterr()
    assert [line.split(": ", 2)[:2] for line in err.splitlines()] == [
        [f"{SAMPLE}:27", "Giá trị làm lợi (đồng/năm)"],  # a formula never calculated
        [f"{SAMPLE}:28", "Mã sáng kiến"],  # the same id again
        [f"{SAMPLE}:29", "Tỉnh/Thành phố"],  # TP HCMM
        [f"{SAMPLE}:30", "Loại đơn vị"],  # Câu lạc bộ
    ]
    assert "30 dòng sáng kiến; sẽ có 26 mới" in out


def test_the_national_units_have_their_hub(imported):
    page = html(imported, "cong-doan-nganh")
    assert "Sáng kiến của đơn vị trung ương" in page
    assert "11 sáng kiến của đơn vị trung ương không gắn với tỉnh, thành nào" in page
    rows = re.findall(r'<tr><td><a href="([^"]+)">([^<]+)</a></td><td>[^<]*</td><td class="ms-num">(\d+)', page)
    assert rows[0] == ("dau-khi/", "Công đoàn Dầu khí Việt Nam", "3")  # most initiatives first
    assert len(rows) == 19
    hub = html(imported, "cong-doan-nganh/dau-khi")
    for record in ("ctt-2023-0001", "ctt-2023-0008", "ctt-2023-0025"):  # 0008 names a province as well
        assert f'href="../../sang-kien/{record}/"' in hub


def test_a_national_initiative_names_its_union_and_no_province(imported):
    page = html(imported, "sang-kien/ctt-2023-0001")
    assert "<dt data-pagefind-ignore>Tỉnh, thành</dt>" not in page
    assert 'Công đoàn</dt><dd><a href="../../cong-doan-nganh/dau-khi/">Công đoàn Dầu khí Việt Nam</a>' in page
    assert "Công đoàn: Công đoàn Dầu khí Việt Nam\n" in page  # the fact box for the press
    assert f'<span data-pagefind-filter="tinh">{NATIONAL_UNITS}</span>' in page
    provincial = html(imported, "sang-kien/ctt-2023-0009")
    assert "Công đoàn: Liên đoàn Lao động thành phố Hồ Chí Minh\n" in provincial


def test_statistics_list_the_national_units_but_the_map_does_not(imported):
    page = html(imported, "thong-ke")
    table = page[page.index("Sáng kiến và giá trị làm lợi theo tỉnh, thành") :]
    assert re.search(rf'<a href="../cong-doan-nganh/">{NATIONAL_UNITS}</a></th><td class="ms-num">11<', table)
    start = page.index('<svg class="ms-map__svg"')
    svg = page[start : page.index("</svg>", start)]
    assert NATIONAL_UNITS not in svg and len(re.findall(r'href="\.\./tinh-thanh/[a-z-]+/"', svg)) == 34


def test_search_has_a_filter_value_for_them(imported):
    info = json.loads((imported / "chi-muc" / "muc-luc.json").read_text(encoding="utf-8"))
    provinces = info["filters"]["tinh"]
    assert provinces["values"][-1] == NATIONAL_UNITS  # listed after the provinces
    assert provinces["counts"][-1] == 11


def test_open_data_leaves_the_province_empty_and_names_the_union(imported):
    with (imported / "du-lieu" / "sang-kien.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    national = rows["CTT-2023-0003"]
    assert (national["province"], national["province_code"]) == ("", "")
    assert national["union"] == "Công đoàn Tập đoàn Công nghiệp Than – Khoáng sản Việt Nam"
    assert rows["CTT-2023-0009"]["union"] == "Liên đoàn Lao động thành phố Hồ Chí Minh"
    with (imported / "du-lieu" / "cong-doan-nganh.csv").open(encoding="utf-8-sig", newline="") as f:
        assert {r["id"] for r in csv.DictReader(f)} == NATIONAL_IDS
    assert not (imported / "du-lieu" / "tinh" / "cong-doan-nganh.csv").exists()


@pytest.mark.parametrize("width", [1280, 360])
def test_the_hub_looks_right_in_chromium(browser, served, tmp_path, width):
    page, seen = open_page(browser, served + "cong-doan-nganh/", width)
    try:
        assert seen["errors"] == []
        assert all(u.startswith(served) or u.startswith("data:") for u in seen["requests"])
        assert page.locator("h1").inner_text() == "Sáng kiến của đơn vị trung ương"
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width
        page.get_by_role("link", name="Công đoàn Dầu khí Việt Nam").click()
        page.wait_for_url("**/cong-doan-nganh/dau-khi/")
        assert page.locator(".ms-card").count() == 3
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width
        shot = tmp_path / f"hub-{width}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
    finally:
        page.close()


def test_search_finds_them_under_their_filter_value(browser, served):
    page, seen = open_page(browser, served + "tim-kiem/?tinh=" + NATIONAL_UNITS.replace(" ", "+"), 1280)
    try:
        page.wait_for_selector("#ms-search-results[aria-busy=false]", state="attached")
        titles = page.locator(".ms-result h2").all_inner_texts()
        assert "Cải tiến giá đỡ cần khoan trên giàn khai thác" in titles
        assert len(titles) == 11
        assert seen["errors"] == []
    finally:
        page.close()
