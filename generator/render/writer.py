"""Writing pages as Markdown files (with YAML front matter) into a docs folder.

Templates autoescape: every value from content is escaped unless it was sanitised to `Markup` first.
Files are rewritten only when their text changes, so the site engine rebuilds only what changed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, select_autoescape

from generator import routes
from generator.common import formatting
from generator.common.digest import digest
from generator.common.store import FileStore, StateFile
from generator.config import Config
from generator.media.photos import Published, Publisher
from generator.pages.page import Page
from generator.render import charts, citation, linked_data
from generator.render.markup import render_markdown
from generator.search import documents as search


def relative_url(from_url: str, to_url: str) -> str:
    """Link from one directory-style page to another, relative so the site works under any base path.
    As `posixpath.relpath` would give (a test compares them), by splitting: pages link hundreds of times each."""
    here = [part for part in from_url.split("/") if part]
    there = [part for part in to_url.split("/") if part]
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    if rel == ".":
        return "./"
    return rel + "/" if to_url.endswith("/") or not to_url else rel


def page_file(url: str) -> str:
    """`a/b/` is written as `a/b.md`: the engine serves it at `a/b/`, and no folder is made per page."""
    return url.rstrip("/") + ".md" if url else "index.md"


def front_matter(page: Page) -> str:
    # JSON strings are valid YAML scalars, and far cheaper to write than through a YAML emitter.
    lines = [
        f"title: {json.dumps(page.title, ensure_ascii=False)}",
        f"description: {json.dumps(page.description, ensure_ascii=False)}",
    ]
    if page.hide:
        lines.append(f"hide: {json.dumps(list(page.hide))}")
    lines += [f"image: {json.dumps(page.image)}", f"og_type: {json.dumps(page.og_type)}"]
    if page.feeds:
        feeds = [{"href": path, "title": title} for path, title in page.feeds]
        lines.append(f"feeds: {json.dumps(feeds, ensure_ascii=False)}")
    lines.append(f"tab: {json.dumps(routes.tab(page.url))}")  # the navigation tab it belongs to
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def environment(config: Config = Config(), compiled: Path | None = None) -> Environment:
    """`compiled`: a folder where templates are kept compiled (Jinja checks each against its source), so a build
    does not compile them again: a quarter of a second."""
    env = Environment(
        loader=PackageLoader("generator.render", "templates"),
        bytecode_cache=FileSystemBytecodeCache(str(compiled)) if compiled else None,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        number=formatting.number,
        money=formatting.money,
        money_short=formatting.money_short,
        date=formatting.date,
        filesize=formatting.filesize,
        jsonld=linked_data.script,
        markdown=render_markdown,
    )
    env.globals.update(
        chart=charts.inline,
        chart_columns=charts.COLUMNS,
        chart_embed=lambda chart: charts.embed(chart, config.site, routes.section(routes.LICENCE)),
        province_map=_province_map,
        kinds=formatting.ORGANIZATION_KINDS,
        url=routes,
        site=config.site,
        cite_initiative=lambda i: citation.initiative(i, config.site),
        cite_story=lambda s: citation.story(s, config.site),
        search_kind={"initiative": search.KIND_INITIATIVE, "story": search.KIND_STORY},
        photo_name=photo_name,
    )
    return env


def _province_map(rows, href, mode: str = "count"):
    from markupsafe import Markup

    from generator.render import province_map

    mapped = [r for r in rows if r.code]  # national units that name no province are not on the map
    return Markup(
        province_map.svg(
            {r.code: getattr(r, "benefit_vnd" if mode == "benefit" else "count") for r in mapped},
            {r.code: r.label for r in mapped},
            {r.code: href(r.url) for r in mapped},
            province_map.TITLES[mode],
            mode,
        )
    )


def chart_credit(config: Config) -> str:
    """Who made a chart and under which licence, written on its files."""
    site = config.site
    return f"Nguồn: {site.name}, {site.publisher} · {site.public_url} · Giấy phép {site.licence.name}"


def photo_name(owner: str, number: int | None = None) -> str:
    """The name of a photo's download: its record's id and its place on the page (`HN-2022-0012-1`), or a
    story's address segment for its cover."""
    return f"{owner}-{number}" if number else owner


def _shown(images) -> list:
    """The photos a page shows, in its order: those that may be published."""
    return [image for image in images if image and image.publishable]


def _compiled(folder: Path, generation: str) -> Path:
    """The folder of compiled templates, emptied when the code changes: Jinja checks a template's source, not the
    environment's options it was compiled under."""
    stamp = StateFile(folder / "generation.json", generation)
    if stamp.read() is None:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        stamp.write(True)
    return folder


class Writer:
    def __init__(self, docs: Path, media: Path, cache: Path, config: Config = Config(), generation: str = ""):
        """`generation`: what the templates are compiled under (pipeline.generation); with it, they are kept
        compiled in `cache` for the next build."""
        self.docs = docs
        self.pictures = FileStore(cache / "charts")  # charts' PNG, by what they show: drawing one costs 0.1 s
        self.photos = Publisher(media, docs, cache / "media", config.site.public_url + routes.section(routes.LICENCE))
        self.env = environment(config, _compiled(cache / "templates", generation) if generation else None)
        self.config = config
        self.written = 0
        self.charts_drawn = 0
        self._photos: dict[tuple, Published] = {}

    def body(self, page: Page) -> str:
        template = self.env.get_template(page.template)
        here = page.url

        def href(url: str) -> str:
            return relative_url(here, url)

        return template.render(page=page, href=href, image=self.image, **page.context)

    def write(self, page: Page) -> None:
        self._write_if_changed(self.docs / page_file(page.url), front_matter(page) + self.body(page))

    def write_charts(self, shown) -> set[str]:
        """Each chart's data (CSV, UTF-8 with a byte-order mark for Excel), drawing (SVG) and picture (PNG) beside
        the page that shows it; returns their paths in the docs folder."""
        credit = chart_credit(self.config)
        written, drawn = set(), set()
        for chart in shown:
            svg = charts.standalone(chart, credit)
            drawn.add(name := digest(charts.PNG_DESIGN, svg) + ".png")
            for ext, data in (
                ("csv", "\ufeff".encode() + charts.csv_text(chart).encode("utf-8")),
                ("svg", svg.encode("utf-8")),
                ("png", self._picture(name, chart, credit)),
            ):
                self._write_bytes_if_changed(self.docs / chart.file(ext), data)
                written.add(chart.file(ext))
        self.pictures.prune(drawn.__contains__)
        return written

    def _picture(self, name: str, chart, credit: str) -> bytes:
        if not self.pictures.has(name):
            self.charts_drawn += 1
            with self.pictures.writing(name) as f:
                f.write(charts.png(chart, credit))
        return self.pictures.path(name).read_bytes()

    def publish_photos(self, catalogue) -> None:
        """Publish every photo up front (encoding new ones on every core), so pages rendered in parallel
        only look them up."""
        named = [
            (image, photo_name(i.id, n))
            for i in catalogue.initiatives
            if i.photos  # most have none: their records stay packed (catalogue/model.py)
            for n, image in enumerate(_shown(i.record.images), 1)
        ]
        named += [(s.record.cover, photo_name(s.slug)) for s in catalogue.stories if _shown([s.record.cover])]
        self.photos.encode([(im.file, im.credit, im.license) for im, _ in named])
        for image, name in named:
            self.image(image, name)
        self.photos.prune()

    def image(self, image, name: str | None = None) -> Published:
        """Publish a photo next to the pages: a clean copy (its download named `name`), its URL and size."""
        key = (image.file, image.credit, image.license, name)
        if key not in self._photos:
            self._photos[key] = self.photos.publish(*key)
        return self._photos[key]

    def _write_if_changed(self, path: Path, text: str) -> None:
        self._write_bytes_if_changed(path, text.encode("utf-8"))

    def _write_bytes_if_changed(self, path: Path, data: bytes) -> None:
        if path.exists() and path.read_bytes() == data:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.written += 1
