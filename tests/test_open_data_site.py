"""The open data as the built site publishes it: Dataset markup, the licence page and links to it, a dated
sitemap, feeds discoverable from pages, and the data page's layout on a phone and a desktop."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import pytest

from .chromium import open_page

SITE_URL = "https://sangkien.example.org/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"
LICENCE = "giay-phep/"


def _html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _linked_data(html: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]


def _published(site: Path) -> str:
    return json.loads((site / "du-lieu/sang-kien.json").read_text(encoding="utf-8"))["date_published"]


def test_the_data_page_describes_a_dataset_with_its_downloads(site, catalogue):
    (ld,) = [d for d in _linked_data(_html(site, "du-lieu/")) if d["@type"] == "Dataset"]
    # What Google Dataset Search requires (name, description) and recommends, each filled.
    for prop in ("name", "description", "license", "creator", "temporalCoverage", "spatialCoverage",
                 "distribution", "dateModified", "url"):  # fmt: skip
        assert ld.get(prop), prop
    assert 50 <= len(ld["description"]) <= 5000
    assert ld["license"] == [SITE_URL + LICENCE, "https://creativecommons.org/licenses/by/4.0/deed.vi"]
    assert ld["creator"] == {"@type": "Organization", "name": "Tổng Liên đoàn Lao động Việt Nam", "url": SITE_URL}
    days = sorted(i.approved_on for i in catalogue.initiatives)
    assert ld["temporalCoverage"] == f"{days[0].isoformat()}/{days[-1].isoformat()}"
    assert ld["spatialCoverage"]["name"] == "Việt Nam"
    assert ld["dateModified"] == _published(site)
    formats = {d["encodingFormat"] for d in ld["distribution"]}
    assert {
        "text/csv",
        "application/json",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    } <= formats
    for d in ld["distribution"]:
        assert d["@type"] == "DataDownload" and d["contentUrl"].startswith(SITE_URL), d
        assert (site / d["contentUrl"].removeprefix(SITE_URL)).is_file(), d["contentUrl"]


def test_the_data_is_dated_by_its_publication_not_its_newest_approval(site, catalogue):
    published = dt.date.fromisoformat(_published(site))
    assert published != max(i.approved_on for i in catalogue.initiatives)
    assert published.strftime("%d/%m/%Y") in _html(site, "du-lieu/")


def test_the_licence_page_says_what_is_allowed_and_what_is_not_and_is_linked(site):
    html = _html(site, LICENCE)
    for words in ("CC BY 4.0", "thương mại", "Cách ghi nguồn", "Ảnh", "Dữ liệu cá nhân", "91/2025/QH15"):
        assert words in html, words
    assert 'href="https://creativecommons.org/licenses/by/4.0/deed.vi"' in html
    for page in ("du-lieu/", "bao-chi/"):
        assert 'href="../giay-phep/"' in _html(site, page), page
    press = _html(site, "bao-chi/")
    photos = press.split('id="anh"', 1)[1].split("<h2", 1)[0]
    assert 'href="../giay-phep/"' in photos  # where photo downloads are explained


def _sitemap(site: Path) -> tuple[ET.Element, dict[str, str]]:
    index = ET.parse(site / "sitemap.xml").getroot()
    dated = {}
    for loc in index.iter(f"{SITEMAP}loc"):
        for url in ET.parse(site / loc.text.removeprefix(SITE_URL)).getroot().iter(f"{SITEMAP}url"):
            assert [child.tag for child in url] == [f"{SITEMAP}loc", f"{SITEMAP}lastmod"]
            dated[url.findtext(f"{SITEMAP}loc")] = url.findtext(f"{SITEMAP}lastmod")
    return index, dated


def test_every_sitemap_url_has_the_date_it_last_changed(site, catalogue):
    index, dated = _sitemap(site)
    published = _published(site)
    assert len(dated) > 200
    for url, day in dated.items():
        assert url.startswith(SITE_URL) and len(url) < 2048
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) and day <= published, (url, day)  # a W3C date, never ahead
    for i in catalogue.initiatives:
        assert dated[SITE_URL + i.url] == i.approved_on.isoformat()
    for s in catalogue.stories:
        assert dated[SITE_URL + s.url] == s.record.date.isoformat()
    for page in ("", "du-lieu/", "thong-ke/", "tinh-thanh/ha-noi/", LICENCE):
        assert dated[SITE_URL + page] == published, page
    for entry in index.iter(f"{SITEMAP}sitemap"):
        assert entry.findtext(f"{SITEMAP}lastmod") == max(dated.values())


def _feeds(site: Path, url: str) -> dict[str, str]:
    """title -> the feed's site path, from the <link rel="alternate"> elements in the page's <head>."""
    head = _html(site, url).split("</head>", 1)[0]
    found = {}
    for tag in re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*>', head):
        title, href = re.search(r'title="([^"]*)"', tag).group(1), re.search(r'href="([^"]*)"', tag).group(1)
        found[unescape(title)] = posixpath.normpath(posixpath.join(url, href))
    return found


def _is_feed(site: Path, path: str) -> ET.Element:
    root = ET.parse(site / path).getroot()
    assert root.tag == f"{ATOM}feed"
    return root


def test_feeds_are_discoverable_from_home_province_and_story_pages(site, catalogue):
    home = _feeds(site, "")
    assert sorted(home.values()) == ["nguon-tin/cau-chuyen.xml", "nguon-tin/sang-kien.xml"]
    for p in catalogue.taxonomy.provinces:  # every province, with initiatives or not
        (path,) = _feeds(site, f"tinh-thanh/{p.slug}/").values()
        assert path == f"nguon-tin/tinh/{p.slug}.xml"
        root = _is_feed(site, path)
        assert p.name in root.findtext(f"{ATOM}title")
    assert list(_feeds(site, "cong-doan-nganh/").values()) == ["nguon-tin/cong-doan-nganh.xml"]
    for s in catalogue.stories:
        assert list(_feeds(site, s.url).values()) == ["nguon-tin/cau-chuyen.xml"]
    for path in {*home.values(), "nguon-tin/cong-doan-nganh.xml"}:
        _is_feed(site, path)


def test_a_sitemap_of_the_feeds_sits_beside_them(site):
    # The theme fetches `sitemap.xml` beside every <link rel="alternate">: it must find one, listing the feeds.
    for folder in ("nguon-tin", "nguon-tin/tinh"):
        root = ET.parse(site / folder / "sitemap.xml").getroot()
        listed = {u.findtext(f"{SITEMAP}loc").removeprefix(SITE_URL) for u in root.iter(f"{SITEMAP}url")}
        assert listed == {p.relative_to(site).as_posix() for p in (site / folder).glob("*.xml")} - {
            f"{folder}/sitemap.xml"
        }


@pytest.mark.parametrize("width", [360, 1280])
def test_the_data_page_fits_a_phone_and_fills_a_desktop(browser, server, width):
    page, seen = open_page(browser, server + "du-lieu/", width)
    try:
        page.wait_for_selector(".ms-dictionary th code", state="visible")
        assert seen["errors"] == []
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width
        # Every file's size is on screen, beside its link: no column pushed out of view.
        boxes = page.locator(".ms-files .ms-size").evaluate_all(
            "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.width]; })"
        )
        assert boxes and all(left >= 0 and right <= width and w > 0 for left, right, w in boxes)
        # A field name is one line: never broken inside the word.
        lines = page.locator(".ms-dictionary th code").evaluate_all("els => els.map(e => e.getClientRects().length)")
        assert lines and set(lines) == {1}
        heights = page.locator(".ms-dictionary th code").evaluate_all("els => els.map(e => e.offsetHeight)")
        assert max(heights) < 2 * min(heights)
        # No empty table-of-contents column: the content takes the width the page has.
        content = page.locator(".md-content").evaluate("e => e.getBoundingClientRect().width")
        assert content >= 0.75 * min(width, 1280) or width < 600
        assert not page.locator(".md-sidebar--secondary").is_visible()
    finally:
        page.close()
