"""Writing pages as Markdown files (with YAML front matter) into a docs folder.

Templates autoescape: every value from content is escaped unless it was sanitised to `Markup` first.
Files are rewritten only when their text changes, so the site engine rebuilds only what changed.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from generator import routes
from generator.common import formatting
from generator.config import Config
from generator.media.photos import Published, Publisher
from generator.pages.page import Page
from generator.render import charts, linked_data
from generator.render.markup import render_markdown
from generator.search import documents as search


def relative_url(from_url: str, to_url: str) -> str:
    """Link from one directory-style page to another, relative so the site works under any base path."""
    rel = posixpath.relpath("/" + to_url, "/" + from_url)
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
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def environment(config: Config = Config()) -> Environment:
    env = Environment(
        loader=PackageLoader("generator.render", "templates"),
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
        bars=charts.bars,
        province_map=_province_map,
        kinds=formatting.ORGANIZATION_KINDS,
        url=routes,
        site=config.site,
        search_kind={"initiative": search.KIND_INITIATIVE, "story": search.KIND_STORY},
    )
    return env


def _province_map(rows, href):
    from markupsafe import Markup

    from generator.render import province_map

    mapped = [r for r in rows if r.code]  # national units that name no province are not on the map
    return Markup(
        province_map.svg(
            {r.code: r.count for r in mapped},
            {r.code: r.label for r in mapped},
            {r.code: href(r.url) for r in mapped},
            "Bản đồ số sáng kiến theo tỉnh, thành",
        )
    )


class Writer:
    def __init__(self, docs: Path, media: Path, cache: Path, config: Config = Config()):
        self.docs = docs
        self.photos = Publisher(media, docs, cache / "media")
        self.env = environment(config)
        self.written = 0
        self._photos: dict[tuple, Published] = {}

    def body(self, page: Page) -> str:
        template = self.env.get_template(page.template)
        here = page.url

        def href(url: str) -> str:
            return relative_url(here, url)

        return template.render(page=page, href=href, image=self.image, **page.context)

    def write(self, page: Page) -> None:
        self._write_if_changed(self.docs / page_file(page.url), front_matter(page) + self.body(page))

    def publish_photos(self, catalogue) -> None:
        """Publish every photo up front (encoding new ones on every core), so pages rendered in parallel
        only look them up."""
        images = [image for i in catalogue.initiatives for image in i.record.images if image.publishable]
        images += [s.record.cover for s in catalogue.stories if s.record.cover and s.record.cover.publishable]
        self.photos.encode([(im.file, im.credit, im.license) for im in images])
        for image in images:
            self.image(image)
        self.photos.prune()

    def image(self, image) -> Published:
        """Publish a photo next to the pages: a clean copy, its site URL and pixel size."""
        key = (image.file, image.credit, image.license)
        if key not in self._photos:
            self._photos[key] = self.photos.publish(*key)
        return self._photos[key]

    def _write_if_changed(self, path: Path, text: str) -> None:
        data = text.encode("utf-8")
        if path.exists() and path.read_bytes() == data:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.written += 1
