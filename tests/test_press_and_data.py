"""For journalists and enterprises: organisations, figures, press corner, open data, feeds, sitemap, linked data."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from html import unescape
from pathlib import Path

SITE_URL = "https://sangkien.example.org/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _numbers(cell: str) -> int:
    return int(re.sub(r"[^\d]", "", cell))


def _table(html: str, caption: str) -> dict[str, tuple[int, int]]:
    """label -> (initiatives, benefit) from the table with this caption."""
    block = html.split(f"<caption>{caption}</caption>", 1)[1].split("</table>", 1)[0]
    rows = {}
    for label, count, benefit in re.findall(
        r'<tr><th scope="row">(.*?)</th><td class="ms-num">([^<]*)</td>'
        r'<td class="ms-num">([^<]*)</td></tr>',
        block,
    ):
        rows[unescape(re.sub(r"<[^>]+>", "", label))] = (_numbers(count), _numbers(benefit))
    return rows


def test_statistics_tables_equal_the_sums_of_the_data(site, catalogue):
    cat = catalogue
    html = _html(site, "thong-ke/")
    by_province, by_sector, by_year = (
        defaultdict(lambda: [0, 0]),
        defaultdict(lambda: [0, 0]),
        defaultdict(lambda: [0, 0]),
    )
    for i in cat.initiatives:
        for table, key in (
            (by_province, i.province.name),
            (by_sector, i.sector.label),
            (by_year, str(i.record.approved_on.year)),
        ):
            table[key][0] += 1
            table[key][1] += i.record.benefit_vnd or 0
    provinces = _table(html, "Sáng kiến và giá trị làm lợi theo tỉnh, thành")
    assert len(provinces) == 34 + 1  # and the total row
    for name, (count, benefit) in provinces.items():
        if name == "Tổng":
            assert (count, benefit) == (len(cat.initiatives), cat.totals.benefit_vnd)
        else:
            assert (count, benefit) == tuple(by_province.get(name, [0, 0])), name
    sectors = _table(html, "Sáng kiến và giá trị làm lợi theo lĩnh vực")
    years = _table(html, "Sáng kiến và giá trị làm lợi theo năm công nhận")
    for table, expected in ((sectors, by_sector), (years, by_year)):
        assert {k: v for k, v in table.items() if k != "Tổng" and v[0]} == {k: tuple(v) for k, v in expected.items()}
    # Each chart draws as many bars as its table has rows, longest for the largest value.
    charts = re.findall(r'<svg class="ms-chart".*?</svg>', html)
    assert len(charts) == 5
    widths = [float(w) for w in re.findall(r'<rect x="\d+" y="[\d.]+" width="([\d.]+)"', charts[0])]
    assert len(widths) == 34 and widths == sorted(widths, reverse=True)


def test_the_map_links_every_province_and_shows_the_archipelagos(site):
    html = _html(site, "thong-ke/")
    # Two maps, by count and by benefit, each lawful on its own.
    svgs = re.findall(r'<figure class="ms-map ms-map--(?:count|benefit)">\s*(<svg.*?</svg>)', html, flags=re.S)
    assert len(svgs) == 2
    for svg in svgs:
        assert len(re.findall(r'<a [^>]*href="\.\./tinh-thanh/[a-z-]+/"', svg)) == 34
        assert "Hoàng Sa" in svg and "Trường Sa" in svg and "Natural Earth" in svg and "Biển Đông" in svg


def test_one_organisation_written_two_ways_has_one_page(more_records):
    # Two records name it, one as "Công ty CP Cơ khí Mường Thanh", one as "CÔNG TY CỔ PHẦN  cơ khí Mường Thanh"
    # (conftest.ONE_ORGANISATION).
    site = more_records
    pages = [p for p in (site / "don-vi").glob("cong-ty-co-phan-co-khi-muong-thanh*/index.html")]
    assert len(pages) == 1
    html = pages[0].read_text(encoding="utf-8")
    assert html.count('class="ms-card"') == 2
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    assert ld["@type"] == "Organization" and ld["url"].startswith(SITE_URL + "don-vi/")
    ranking = _html(site, "don-vi/")
    assert ranking.count(pages[0].parent.name) == 1


def test_organisation_rankings_are_ordered(site, catalogue):
    cat = catalogue
    for url, key in (("don-vi/", 3), ("don-vi/theo-loi-ich/", 4)):
        rows = re.findall(
            r'<tr><td class="ms-num">[^<]+</td><td><a href="[^"]+">([^<]+)</a></td><td>[^<]*</td>'
            r'<td class="ms-num">([^<]+)</td><td class="ms-num">([^<]+)</td></tr>',
            _html(site, url),
        )
        assert len(rows) == min(50, len(cat.organizations))
        if key == 3:
            counts = [_numbers(r[1]) for r in rows]
            assert counts == sorted(counts, reverse=True)


def test_initiative_page_has_a_fact_box_and_linked_data(site):
    html = _html(site, "sang-kien/hn-2022-0012/")
    box = unescape(re.search(r'<section class="ms-factbox".*?<pre[^>]*>(.*?)</pre>', html, flags=re.S).group(1))
    assert "Sáng kiến: Cải tiến khuôn dập giúp giảm 40% phế phẩm linh kiện xe máy" in box
    assert "Làm lợi mỗi năm:" in box and "Công nhận: 15/08/2022" in box and "Liên hệ báo chí:" in box
    assert f"{SITE_URL}sang-kien/hn-2022-0012/" in box
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    assert ld["@type"] == "CreativeWork" and ld["url"] == SITE_URL + "sang-kien/hn-2022-0012/"
    assert ld["name"] == "Cải tiến khuôn dập giúp giảm 40% phế phẩm linh kiện xe máy"
    story = _html(site, "cau-chuyen/tho-lo-ha-lam-va-gia-do-thuy-luc/")
    assert (
        json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', story).group(1))["@type"]
        == "Article"
    )


def test_sitemap_lists_every_page_and_robots_points_at_it(site):
    index = ET.parse(site / "sitemap.xml").getroot()
    listed = set()
    for loc in index.iter(f"{SITEMAP}loc"):
        part = ET.parse(site / loc.text.removeprefix(SITE_URL)).getroot()
        listed |= {u.text for u in part.iter(f"{SITEMAP}loc")}
    pages = {
        SITE_URL + ("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/")
        for p in site.rglob("index.html")
        if "pagefind" not in p.parts
    }
    assert listed == pages
    assert f"Sitemap: {SITE_URL}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")


def test_open_data_page_lists_files_that_match_the_content(site, catalogue):
    cat = catalogue
    html = _html(site, "du-lieu/")
    links = re.findall(r'<a href="([^"]+\.(?:csv|json))" download>', html)
    assert len(links) >= 2
    csv_all = next(site / "du-lieu" / link for link in links if link.endswith("sang-kien.csv"))
    with csv_all.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert sorted(r["id"] for r in rows) == sorted(i.id for i in cat.initiatives)
    assert sum(int(r["benefit_vnd"] or 0) for r in rows) == cat.totals.benefit_vnd
    assert "<code>benefit_vnd</code>" in html and "CC BY 4.0" in html


def test_feeds_are_published_and_parse(site):
    feeds = [p for p in (site / "nguon-tin").rglob("*.xml") if p.name != "sitemap.xml"]  # the feeds' own sitemaps
    assert len(feeds) >= 3
    for feed in feeds:
        root = ET.parse(feed).getroot()
        assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert 'href="../nguon-tin/' in _html(site, "bao-chi/")
