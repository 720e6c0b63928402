"""Writing pages as Markdown files (with YAML front matter) into a docs folder.

Templates autoescape: every value from content is escaped unless it was sanitised to `Markup` first.
Files are rewritten only when their text changes, so the site engine rebuilds only what changed.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from . import formatting
from .markup import render_markdown
from .media import Published, Publisher
from .pages import Page


def relative_url(from_url: str, to_url: str) -> str:
    """Link from one directory-style page to another, relative so the site works under any base path."""
    rel = posixpath.relpath("/" + to_url, "/" + from_url)
    if rel == ".":
        return "./"
    return rel + "/" if to_url.endswith("/") or not to_url else rel


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
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
        markdown=render_markdown,
    )
    return env


class Writer:
    def __init__(self, docs: Path, media: Path, cache: Path):
        self.docs = docs
        self.photos = Publisher(media, docs, cache / "media")
        self.env = environment()
        self.written = 0

    def write(self, page: Page) -> None:
        template = self.env.get_template(page.template)
        here = page.url

        def href(url: str) -> str:
            return relative_url(here, url)

        body = template.render(page=page, href=href, image=self.image, **page.context)
        meta = {"title": page.title, "description": page.description}
        if page.hide:
            meta["hide"] = list(page.hide)
        text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n" + body
        self._write_if_changed(self.docs / (page.url + "index.md"), text)

    def image(self, image) -> Published:
        """Publish a photo next to the pages: a clean copy, its site URL and pixel size."""
        return self.photos.publish(image.file, image.credit, image.license)

    def _write_if_changed(self, path: Path, text: str) -> None:
        data = text.encode("utf-8")
        if path.exists() and path.read_bytes() == data:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.written += 1
