"""Atom feeds (RFC 4287) of the newest approved initiatives and stories: the whole country and each province.

Built with ElementTree, so every value from the public is escaped as XML text. Dates are the approval or story
dates at midnight Vietnam time; a feed's `updated` is its newest entry (an empty feed's, the data's publication
day), never the time of the build, so an unchanged catalogue gives byte-identical feeds.
"""

from __future__ import annotations

import datetime as dt
import heapq
import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np

from generator import routes
from generator.catalogue.model import NATIONAL_UNITS
from generator.common import files

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# For an empty feed: `updated` is required and must not be "now".
_NO_DATE = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class Entry:
    url: str  # site path, e.g. "sang-kien/abc/"
    title: str
    date: dt.date
    summary: str
    author: str
    provinces: tuple[str, ...]
    sectors: tuple[str, ...]

    @property
    def order(self) -> tuple:
        return (self.date, self.url)  # ties by address: every build lists them the same way


class _Feed(NamedTuple):
    path: str
    title: str
    province: str | None  # the name of the place it follows, a province's or NATIONAL_UNITS
    scope: str | None  # a province's slug, `cong-doan-nganh`, or None for the site's feeds
    page: str  # the page it follows

    def listing(self) -> dict:
        """What pages linking it need of it."""
        return {"path": self.path, "title": self.title, "province": self.province, "scope": self.scope}


def listed(catalogue) -> list[dict]:
    """The feeds `write` writes, in its order, as it returns them: known before they are written, so the pages
    linking them are made meanwhile."""
    return [f.listing() for f in _feeds(catalogue)]


def _feeds(catalogue) -> list[_Feed]:
    initiatives, stories, unions = routes.INITIATIVES, routes.STORIES, routes.UNIONS
    out = [
        _Feed(routes.feed(initiatives), "Sáng kiến mới được công nhận", None, None, routes.section(initiatives)),
        _Feed(routes.feed(stories), "Câu chuyện sáng kiến mới", None, None, routes.section(stories)),
    ]
    out += [
        _Feed(routes.feed_of_province(p.slug), f"Sáng kiến và câu chuyện mới ở {p.name}", p.name, p.slug,
              routes.province(p.slug))
        for p in catalogue.taxonomy.provinces
    ]  # fmt: skip
    title = f"Sáng kiến mới của {NATIONAL_UNITS.lower()}"
    out.append(_Feed(routes.feed(unions), title, NATIONAL_UNITS, unions, routes.section(unions)))
    return out


def write(
    catalogue, out: Path, base_url: str, site_name: str, limit: int = 50, published: dt.date = _NO_DATE
) -> list[dict]:
    """Atom feeds of the newest approved initiatives and the newest stories: `nguon-tin/sang-kien.xml`,
    `nguon-tin/cau-chuyen.xml`, per province `nguon-tin/tinh/<slug>.xml` (initiatives and stories of that
    province together) for every province, and `nguon-tin/cong-doan-nganh.xml` (the national units' initiatives
    that name no province). A feed with no entry yet is dated `published`, the data's publication day, so a
    reader can subscribe before the first initiative arrives. Returns `listed`: [{"path", "title", "province",
    "scope"}] for pages to link to."""
    dated: dict[str, str] = {}
    written = _feeds(catalogue)
    for f in written:
        newest = heapq.nlargest(limit, _entries(catalogue, f, site_name, limit), key=lambda e: e.order)
        tree = feed(newest, base_url, f.path, f"{f.title} — {site_name}", f.page, site_name, published)
        _save(tree, out / f.path)
        dated[f.path] = max((e.date for e in newest), default=published).isoformat()
    _sitemaps(out, base_url, dated)
    return [f.listing() for f in written]


def _entries(catalogue, f: _Feed, site_name: str, limit: int) -> list[Entry]:
    """A feed's candidates: the newest `limit` initiatives of what it follows, and its stories."""
    if f.path == routes.feed(routes.STORIES):
        return [_story(s, site_name) for s in catalogue.stories]
    rows, stories = np.arange(len(catalogue.initiatives)), []
    if f.scope == routes.UNIONS:
        rows = catalogue.national_rows
    elif f.scope is not None:
        rows = catalogue.rows_of("province").get(f.scope, np.zeros(0, dtype=np.int64))
        stories = catalogue.stories_in("province", f.scope)
    initiatives = [_initiative(i, site_name) for i in _newest(catalogue, rows, limit)]
    return initiatives + [_story(s, site_name) for s in stories]


def sitemaps(listed: list[dict]) -> list[str]:
    """The site paths of the feed folders' sitemaps, for the feeds `write` listed."""
    return sorted({posixpath.join(posixpath.dirname(f["path"]), "sitemap.xml") for f in listed})


def _sitemaps(out: Path, base_url: str, dated: dict[str, str]) -> None:
    """A sitemap of the feeds in each feed folder. The theme's script fetches `sitemap.xml` beside every
    `<link rel="alternate">` of a page (it takes them for other languages of the site): there it finds a real one,
    where it would log a 404 on every page with a feed."""
    folders: dict[str, list[str]] = {}
    for path in dated:
        folders.setdefault(posixpath.dirname(path), []).append(path)
    for folder, paths in folders.items():
        urlset = ET.Element("urlset", {"xmlns": SITEMAP})
        for path in paths:
            url = ET.SubElement(urlset, "url")
            _text(url, "loc", base_url + path)
            _text(url, "lastmod", dated[path])
        ET.indent(urlset)
        _save(ET.ElementTree(urlset), out / folder / "sitemap.xml")


def feed(
    entries: list[Entry], base_url: str, path: str, title: str, page: str, site_name: str, empty: dt.date = _NO_DATE
) -> ET.ElementTree:
    """One Atom feed of `entries` (newest first); `path` is the feed's own site path, `page` the HTML page it
    follows."""
    # Plain tag names under a default xmlns: ElementTree would otherwise invent an "ns0:" prefix.
    root = ET.Element("feed", {"xmlns": ATOM, XML_LANG: "vi"})
    _text(root, "id", base_url + path)
    _text(root, "title", title)
    _link(root, base_url + path, "self", "application/atom+xml")
    _link(root, base_url + page, "alternate", "text/html")
    _text(root, "updated", _rfc3339(max((e.date for e in entries), default=empty)))
    _author(root, site_name)
    for e in entries:
        _entry(root, e, base_url)
    ET.indent(root)
    return ET.ElementTree(root)


def _entry(parent: ET.Element, e: Entry, base_url: str) -> None:
    node = ET.SubElement(parent, "entry")
    _text(node, "id", base_url + e.url)
    _text(node, "title", e.title)
    _link(node, base_url + e.url, "alternate", "text/html")
    _text(node, "updated", _rfc3339(e.date))
    _text(node, "summary", e.summary)
    _author(node, e.author)
    schemes = [(t, routes.section(routes.PROVINCES)) for t in e.provinces]
    for term, scheme in schemes + [(t, routes.section(routes.SECTORS)) for t in e.sectors]:
        ET.SubElement(node, "category", {"term": term, "scheme": base_url + scheme})


def _initiative(i, site_name: str) -> Entry:
    r = i.record
    return Entry(
        i.url,
        r.title,
        r.approved_on,
        r.summary,
        r.organization.name if r.organization else site_name,
        (i.province.name,) if i.province else (),
        (i.sector.label,),
    )


def _story(s, site_name: str) -> Entry:
    """A story's places are its own, or else those of the initiatives it tells."""
    r = s.record
    provinces = (s.province,) if s.province else tuple(i.province for i in s.initiatives if i.province)
    sectors = (s.sector,) if s.sector else tuple(i.sector for i in s.initiatives)
    return Entry(
        s.url,
        r.title,
        r.date,
        r.summary,
        r.byline or site_name,
        _distinct(p.name for p in provinces),
        _distinct(x.label for x in sectors),
    )


def _newest(catalogue, rows: np.ndarray, limit: int) -> list:
    """The `limit` newest of these rows' initiatives (ties by address). Only those approved on or after the
    `limit`-th latest day are looked at, by the catalogue's columns: a worker that read 10^5 records would copy
    the memory of all of them."""
    days = catalogue.columns.day[rows]
    if len(rows) > limit:
        rows = rows[days >= np.partition(days, len(days) - limit)[len(days) - limit]]
    return heapq.nlargest(limit, catalogue.at(rows), key=lambda i: (i.day, i.url))


def _distinct(names) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    node = ET.SubElement(parent, tag)
    node.text = text
    return node


def _link(parent: ET.Element, href: str, rel: str, kind: str) -> None:
    ET.SubElement(parent, "link", {"rel": rel, "type": kind, "href": href})


def _author(parent: ET.Element, name: str) -> None:
    _text(ET.SubElement(parent, "author"), "name", name)


def _rfc3339(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00+07:00"


def _save(tree: ET.ElementTree, path: Path) -> None:
    """Written beside its place and moved in whole: a reader never fetches half a feed."""
    with files.replacing(path, "wb") as f:
        tree.write(f, encoding="utf-8", xml_declaration=True)
