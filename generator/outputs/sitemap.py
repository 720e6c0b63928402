"""The sitemap: every page, bulk ones included (the engine's own sitemap knows only its pages), in files of at
most 50,000 URLs under one index; and robots.txt pointing at it.

Every URL has a `lastmod` (W3C date): an initiative's or a story's page its record's own date, every other page
(lists, hubs, figures, the data) the day the published data last changed, which is when they last changed too.
Each sitemap file of the index is dated by its newest URL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from generator import routes

SIZE = 50_000  # the most URLs one sitemap file may list


def write(
    stage: Path,
    base_url: str,
    engine_files: list[str],
    bulk: list[tuple[str, dt.date | None]],
    dated: Callable[[str], dt.date],
) -> None:
    """The sitemap of the site staged in `stage`: the engine's pages (its `engine_files` named index.html, relative
    to the site) and the `bulk` pages, by site path with their own date if they have one; `dated` gives any other
    page's last change from its site path."""
    listed = {u for u, _ in bulk}
    made = {f.removesuffix("index.html") for f in engine_files if f.rsplit("/", 1)[-1] == "index.html"}
    urls = [(base_url + u, dated(u).isoformat()) for u in sorted(made - listed)]
    urls += [(base_url + u, (day or dated(u)).isoformat()) for u, day in bulk]
    parts = [urls[k : k + SIZE] for k in range(0, len(urls), SIZE)] or [[]]
    folder = stage / routes.SITEMAP
    folder.mkdir(parents=True, exist_ok=True)
    for n, part in enumerate(parts, 1):
        body = "".join(f"<url><loc>{escape(u)}</loc><lastmod>{day}</lastmod></url>\n" for u, day in part)
        (stage / routes.sitemap_part(n)).write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns='
            f'"http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}</urlset>\n',
            encoding="utf-8",
        )
    index = "".join(
        f"<sitemap><loc>{escape(base_url + routes.sitemap_part(n))}</loc>"
        + (f"<lastmod>{max(day for _, day in part)}</lastmod>" if part else "")
        + "</sitemap>\n"
        for n, part in enumerate(parts, 1)
    )
    (stage / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns='
        f'"http://www.sitemaps.org/schemas/sitemap/0.9">\n{index}</sitemapindex>\n',
        encoding="utf-8",
    )
    (stage / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n", encoding="utf-8")
