"""Atom feeds (generator/feeds.py): valid Atom, absolute links to real pages, newest first, text escaped."""

from __future__ import annotations

import dataclasses
import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.catalogue.model import Catalogue
from generator.outputs import feeds

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
BASE = "https://sangkien.example.org/"
SITE = "Một triệu sáng kiến"
A = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PUBLISHED = dt.date(2026, 11, 20)
HOSTILE = 'Máy <script>alert("x")</script> & "bẫy" Đà Nẵng'


@pytest.fixture(scope="module")
def written(catalogue, tmp_path_factory):
    out = tmp_path_factory.mktemp("feeds")
    return out, feeds.write(catalogue, out, BASE, SITE, published=PUBLISHED)


def _root(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def _entries(root: ET.Element) -> list[ET.Element]:
    return root.findall(f"{A}entry")


def _pages(catalogue) -> set[str]:
    return {BASE + i.url for i in catalogue.initiatives} | {BASE + s.url for s in catalogue.stories}


def test_every_feed_is_atom_with_absolute_links_to_real_pages(catalogue, written):
    out, listed = written
    assert [f["path"] for f in listed[:2]] == ["nguon-tin/sang-kien.xml", "nguon-tin/cau-chuyen.xml"]
    pages = _pages(catalogue)
    for f in listed:
        root = _root(out / f["path"])
        assert root.tag == f"{A}feed" and root.get(XML_LANG) == "vi"
        assert root.findtext(f"{A}id") == BASE + f["path"]
        assert f["title"] in root.findtext(f"{A}title") and SITE in root.findtext(f"{A}title")
        self_link = root.find(f"{A}link[@rel='self']")
        assert self_link.get("href") == BASE + f["path"]
        assert root.find(f"{A}link[@rel='alternate']").get("href").startswith(BASE)
        entries = _entries(root)
        assert len(entries) <= 50
        for e in entries:
            link = e.find(f"{A}link[@rel='alternate']").get("href")
            assert link.startswith(BASE) and link in pages
            assert e.findtext(f"{A}id") == link
            assert e.findtext(f"{A}title") and e.findtext(f"{A}summary") and e.findtext(f"{A}author/{A}name")
            assert e.findtext(f"{A}updated").endswith("T00:00:00+07:00")
            assert e.findall(f"{A}category")


def test_entries_are_newest_first_and_the_feed_dated_by_the_newest(written):
    out, listed = written
    for f in listed:
        root = _root(out / f["path"])
        dates = [e.findtext(f"{A}updated") for e in _entries(root)]
        assert dates == sorted(dates, reverse=True)
        if dates:
            assert root.findtext(f"{A}updated") == dates[0]


def test_main_feeds_follow_the_catalogue(catalogue, written):
    out, _ = written
    initiatives = _entries(_root(out / "nguon-tin/sang-kien.xml"))
    assert len(initiatives) == min(50, len(catalogue.initiatives))
    newest = catalogue.initiatives[0]
    first = initiatives[0]
    assert first.findtext(f"{A}updated") == f"{newest.record.approved_on.isoformat()}T00:00:00+07:00"
    assert {e.findtext(f"{A}id") for e in initiatives} <= {BASE + i.url for i in catalogue.initiatives}
    stories = _entries(_root(out / "nguon-tin/cau-chuyen.xml"))
    assert [e.findtext(f"{A}id") for e in stories] == [BASE + s.url for s in catalogue.stories[:50]]
    by_url = {BASE + s.url: s for s in catalogue.stories}
    for e in stories:
        s = by_url[e.findtext(f"{A}id")]
        assert e.findtext(f"{A}title") == s.record.title
        assert e.findtext(f"{A}author/{A}name") == (s.record.byline or SITE)


def test_every_province_and_the_national_units_have_a_feed_empty_or_not(catalogue, written):
    out, listed = written
    local = [f for f in listed if f["scope"] and f["scope"] != "cong-doan-nganh"]
    assert [f["province"] for f in local] == [p.name for p in catalogue.taxonomy.provinces]
    assert len(local) == 34
    slugs = {p.name: p.slug for p in catalogue.taxonomy.provinces}
    empty = 0
    for f in local:
        slug = slugs[f["province"]]
        assert f["path"] == f"nguon-tin/tinh/{slug}.xml" and f["scope"] == slug
        expected = {BASE + i.url for i in catalogue.by_province.get(slug, [])}
        expected |= {BASE + s.url for s in catalogue.stories_in("province", slug)}
        root = _root(out / f["path"])
        got = {e.findtext(f"{A}id") for e in _entries(root)}
        assert got <= expected and len(got) == min(50, len(expected))
        if not got:
            # An empty Atom feed is still a valid one (RFC 4287): id, title, updated, links, author; dated by
            # the data's publication, never by the clock.
            empty += 1
            assert root.findtext(f"{A}updated") == "2026-11-20T00:00:00+07:00"
            assert root.findtext(f"{A}title") and root.findtext(f"{A}author/{A}name") == SITE
            assert root.find(f"{A}link[@rel='alternate']").get("href") == BASE + f"tinh-thanh/{slug}/"
    assert empty, "the sample content should leave some province without initiatives"
    national = next(f for f in listed if f["scope"] == "cong-doan-nganh")
    assert national["path"] == "nguon-tin/cong-doan-nganh.xml"
    got = {e.findtext(f"{A}id") for e in _entries(_root(out / national["path"]))}
    assert got == {BASE + i.url for i in catalogue.national}


def test_the_feeds_are_listed_before_they_are_written_as_they_are_written(catalogue, written):
    """The pages linking the feeds are made while the feeds are still being written, from `listed`."""
    out, listed = written
    assert feeds.listed(catalogue) == listed
    made = {p.relative_to(out).as_posix() for p in out.rglob("*.xml") if p.name != "sitemap.xml"}
    assert made == {f["path"] for f in listed} and len(listed) == 34 + 3


def test_limit_keeps_the_newest(catalogue, tmp_path):
    listed = feeds.write(catalogue, tmp_path, BASE, SITE, limit=3)
    ids = [e.findtext(f"{A}id") for e in _entries(_root(tmp_path / "nguon-tin/sang-kien.xml"))]
    assert ids == [BASE + i.url for i in catalogue.initiatives[:3]]
    for f in listed:
        assert len(_entries(_root(tmp_path / f["path"]))) <= 3


def test_the_newest_picked_by_day_are_the_newest_of_all(catalogue):
    """A feed's entries are picked among the records approved on or after the limit-th latest day: the same as
    ranking every record, at every limit, with many records approved on one day (their addresses break ties)."""
    import heapq

    import numpy as np

    days = [dt.date(2025, 3, 1), dt.date(2025, 3, 2), dt.date(2025, 6, 9)]
    tied = [
        dataclasses.replace(i, record=i.record.model_copy(update={"approved_on": days[k % 3 if k % 5 else 2]}))
        for k, i in enumerate(catalogue.initiatives)
    ]
    copy = Catalogue(catalogue.taxonomy, tied, list(catalogue.stories))
    rows = np.arange(len(tied))
    for limit in range(1, len(rows) + 2):
        for chosen in (rows, rows[1::2]):  # every record, a province's
            expected = heapq.nlargest(limit, copy.at(chosen), key=lambda i: (i.record.approved_on, i.url))
            assert feeds._newest(copy, chosen, limit) == expected


def test_markup_in_a_title_is_text(catalogue, tmp_path):
    first = catalogue.initiatives[0]
    hostile = dataclasses.replace(
        first,
        record=first.record.model_copy(
            update={"title": HOSTILE, "summary": "<b>đậm</b> & <img src=x onerror=alert(1)>"}
        ),
    )
    copy = Catalogue(catalogue.taxonomy, [hostile, *catalogue.initiatives[1:]], list(catalogue.stories))
    feeds.write(copy, tmp_path, BASE, SITE)
    path = tmp_path / "nguon-tin/sang-kien.xml"
    raw = path.read_text(encoding="utf-8")
    assert "<script>" not in raw and "<img" not in raw and "&lt;script&gt;" in raw and "&amp;" in raw
    entry = _entries(_root(path))[0]
    assert entry.findtext(f"{A}title") == HOSTILE
    assert entry.findtext(f"{A}summary") == "<b>đậm</b> & <img src=x onerror=alert(1)>"
    assert not list(entry.find(f"{A}title"))  # text only, no child element


def test_output_is_deterministic(catalogue, written, tmp_path):
    out, listed = written
    assert feeds.write(catalogue, tmp_path, BASE, SITE, published=PUBLISHED) == listed
    for f in listed:
        assert (tmp_path / f["path"]).read_bytes() == (out / f["path"]).read_bytes()
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
