"""Link check over a built site: every internal link and asset resolves, every anchor exists,
and nothing on a page loads from another host."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# (tag, attribute) pairs that make the browser fetch something when the page loads.
_LOADS = {
    ("img", "src"),
    ("img", "srcset"),
    ("source", "srcset"),
    ("source", "src"),
    ("script", "src"),
    ("iframe", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("link", "href"),
}
_NAVIGATES = {("a", "href"), ("area", "href")}
# The site's public address (mkdocs.yml site_url): absolute links under it (canonical, share cards) must resolve
# inside the built site; they load nothing when the page opens.
SITE_URL = "https://sangkien.example.org/"


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for attr, value in attrs.items():
            if value is None or ((tag, attr) not in _LOADS and (tag, attr) not in _NAVIGATES):
                continue
            if (
                tag == "link"
                and "alternate" in (attrs.get("rel") or "")
                and "canonical" not in (attrs.get("rel") or "")
            ):
                continue
            if tag == "link" and attrs.get("rel") == "canonical":
                tag = "a"  # a link to follow, not a load
            values = [v.strip().split(" ")[0] for v in value.split(",")] if attr == "srcset" else [value]
            self.refs.extend((tag, attr, v) for v in values if v)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def check_links(site: Path) -> list[str]:
    pages = {p: _parse(p) for p in site.rglob("*.html")}
    ids = {p.resolve(): page.ids for p, page in pages.items()}
    problems = []
    for path, page in pages.items():
        here = "/" + path.relative_to(site).as_posix()
        for tag, attr, value in page.refs:
            problem = _check(site, here, tag, attr, value, ids)
            if problem:
                problems.append(f'{here}: <{tag} {attr}="{value}">: {problem}')
    return problems


def _check(site: Path, here: str, tag: str, attr: str, value: str, ids: dict) -> str | None:
    if value.startswith(SITE_URL):
        value = "/" + value.removeprefix(SITE_URL)
    parts = urlsplit(value)
    if parts.scheme in ("mailto", "tel"):
        return None
    if parts.scheme == "javascript":
        return "javascript: link"
    if parts.scheme or parts.netloc:
        if ((tag, attr) in _LOADS and tag != "link") or (tag == "link"):
            return "loads from another host"
        return None  # an outbound link a reader may follow
    if not parts.path:
        target = site / here.lstrip("/")
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(here), unquote(parts.path)))
        target = site / resolved.lstrip("/")
        as_dir = parts.path.endswith("/") or posixpath.basename(parts.path) in (".", "..")
        if as_dir or target.is_dir():
            if not as_dir:
                return "directory link without a trailing slash"
            target = target / "index.html"
    if not target.is_file():
        return "missing"
    if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids.get(target.resolve(), set()):
        return f'no element with id "{parts.fragment}"'
    return None
