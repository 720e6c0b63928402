"""Everything that knows about MkDocs: the theme's assets, the config, rendering pages and page shells.

The rest of the generator writes plain Markdown; replacing the site engine means replacing this module.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import posixpath
import re
import shutil
import signal
from functools import cached_property
from importlib import metadata
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator import routes
from generator.common.digest import digest_bytes
from generator.config import Config

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "mkdocs.yml"
ASSETS = ROOT / "assets"
PUBLISHED_ASSETS = ("stylesheets", "fonts", "images", "javascripts")


def copy_assets(docs: Path) -> None:
    """Theme assets go into the docs folder, where MkDocs publishes them as they are."""
    for name in PUBLISHED_ASSETS:
        source = ASSETS / name
        if source.is_dir():
            shutil.copytree(source, docs / "assets" / name, dirs_exist_ok=True)


def settings(config: Config) -> dict:
    """What the engine shows that the showcase's configuration sets: name, description, address, links."""
    site = config.site
    return {
        "site_name": site.name,
        "site_description": site.description,
        "site_author": site.publisher,
        "site_url": site.public_url,
        "copyright": site.copyright,
        "extra": {"routes": routes.for_engine(), "publisher": site.publisher, "licence": site.licence.name},
    }


def load(docs: Path, site_dir: Path, config: Config, **overrides):
    # MkDocs reads relative folders from its configuration file's folder, which is the product's, not the project's.
    return load_config(
        str(CONFIG), docs_dir=str(docs.absolute()), site_dir=str(site_dir.absolute()), **settings(config), **overrides
    )


def render_engine(docs: Path, out: Path, config: Config, shell_urls: set[str]) -> dict[str, Shell]:
    """MkDocs builds the engine's pages into `out`, with the empty shell pages `write_shells` put in the docs
    folder; the shells are read back and removed, ready for bulk pages to be poured in (see build.py)."""
    _quiet_mkdocs()
    mkdocs_build(load(docs, out, config))
    shells = {url: Shell.read(out, url) for url in shell_urls}
    _remove_shells(out, shell_urls)
    for own in ("sitemap.xml", "sitemap.xml.gz"):  # its pages only: outputs/sitemap.py writes the whole site's
        (out / own).unlink(missing_ok=True)
    return shells


def engine_digest(docs: Path, generation: str) -> str:
    """Everything the engine's output is made from, besides `generation` (the product's code, theme and
    configuration): the docs folder, shells included, and the engine's versions. (The build date is in none of
    its pages, only in its sitemap, which render_engine removes.) Photos count by size and time: they are many,
    large, and rewritten only when they change."""
    h = hashlib.blake2b(f"{generation}\0{_versions()}".encode(), digest_size=16)
    media = docs / routes.MEDIA
    for path in sorted(p for p in docs.rglob("*") if p.is_file()):
        h.update(path.relative_to(docs).as_posix().encode() + b"\0")
        st = path.stat()
        h.update(repr((st.st_size, st.st_mtime_ns)).encode() if path.is_relative_to(media) else path.read_bytes())
    return h.hexdigest()


def _versions() -> str:
    return " ".join(f"{name} {metadata.version(name)}" for name in ("mkdocs", "mkdocs-material", "markdown"))


def engine_inputs() -> list[Path]:
    """The files besides the generator that shape every page: config, theme overrides, assets."""
    return [CONFIG, ROOT / "overrides", ASSETS]


SHELL = "__vo-trang__"
_TITLE, _DESCRIPTION, _CONTENT = "@@SHOWCASE-TITLE@@", "@@SHOWCASE-DESCRIPTION@@", "@@SHOWCASE-CONTENT@@"
_URL, _IMAGE = "@@SHOWCASE-URL@@", "@@SHOWCASE-IMAGE@@"  # the page's path and its share card's, after site_url
_ALTERNATE = "@@SHOWCASE-ALTERNATE@@"  # the page's feed links, in <head>
# The comment stands for the body; "<h1" in it stops the theme adding a title heading of its own.
_CONTENT_COMMENT = f"<!--{_CONTENT} <h1 -->"
_TOKENS = re.compile(
    "(" + "|".join(map(re.escape, (_TITLE, _DESCRIPTION, _URL, _IMAGE, _ALTERNATE, _CONTENT_COMMENT))) + ")"
)
# The theme's templates indent every tag: 2.8 of a record page's 21.7 KB. Between two tags a line break shows as
# the indented run did (one space), so the run is cut to the line break; where whitespace is kept as written, it
# is left alone.
_INDENTED = re.compile(r">[ \t]*\n\s*<")
_KEPT_AS_WRITTEN = re.compile(r"<(pre|textarea)\b", re.IGNORECASE)


def shell_url(url: str) -> str:
    """The shell serving a page: same section, same depth. `sang-kien/x/` -> `sang-kien/__vo-trang__/`."""
    first, *rest = url.strip("/").split("/")
    return "/".join([first] + [SHELL] * len(rest)) + "/"


def write_shells(docs: Path, bulk) -> set[str]:
    og_types = {shell_url(p.url): p.og_type for p in bulk}  # one kind of page per section
    for old in docs.rglob(f"{SHELL}*.md"):
        old.unlink()
    for url, og_type in og_types.items():
        path = docs / (url.rstrip("/") + ".md")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f'---\ntitle: "{_TITLE}"\ndescription: "{_DESCRIPTION}"\nurl: "{_URL}"\nimage: "{_IMAGE}"\n'
            f'og_type: "{og_type}"\nalternate: "{_ALTERNATE}"\ntab: "{routes.tab(url)}"\nhide: ["navigation", "toc"]\n'
            f"---\n\n{_CONTENT_COMMENT}\n",
            encoding="utf-8",
        )
    return set(og_types)


class Shell:
    """A rendered empty page, cut where a bulk page's title, description and body go."""

    def __init__(self, html: str, url: str):
        self.url = url
        self.parts = _TOKENS.split(html if _KEPT_AS_WRITTEN.search(html) else _INDENTED.sub(">\n<", html))
        if _CONTENT_COMMENT not in self.parts:
            raise ValueError(f"trang khung {url} không có chỗ cho nội dung")

    @property
    def html(self) -> str:
        return "".join(self.parts)

    @cached_property  # every bulk page's key holds its shell's
    def digest(self) -> str:
        return digest_bytes(self.html.encode())

    @classmethod
    def read(cls, site: Path, url: str) -> Shell:
        return cls((site / url / "index.html").read_text(encoding="utf-8"), url)

    def wrap(self, page, body: str) -> str:
        # Title and description land in text and in attribute values alike: quotes are escaped too.
        values = {
            _TITLE: html.escape(page.title),
            _DESCRIPTION: html.escape(page.description),
            _URL: html.escape(page.url),
            _IMAGE: html.escape(page.image),
            _ALTERNATE: feed_links(page),
            _CONTENT_COMMENT: body,
        }
        return "".join(values.get(part, part) for part in self.parts)


def feed_links(page) -> str:
    """The <link rel="alternate"> elements of a bulk page's feeds, written as the theme writes an engine page's."""
    return "".join(
        f'\n  <link rel="alternate" type="application/atom+xml" title="{html.escape(title)}" '
        f'href="{html.escape(posixpath.relpath(path, page.url or "."))}">'
        for path, title in page.feeds
    )


def _remove_shells(site: Path, urls: set[str]) -> None:
    for url in urls:
        shutil.rmtree(site / url, ignore_errors=True)


def serve(docs: Path, address: str, config: Config) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    _quiet_mkdocs()
    _stop_as_on_ctrl_c()
    mkdocs_serve(str(CONFIG), livereload=True, docs_dir=str(docs.absolute()), dev_addr=address, **settings(config))


def _stop_as_on_ctrl_c() -> None:
    """A preview stopped by a service manager or a closed terminal (SIGTERM, SIGHUP) stops as on Ctrl+C: MkDocs
    then removes the site it builds in a temporary folder, which otherwise stays (gigabytes at 10^5 records). The
    workers it forks to make pages again keep the signals' usual meaning: a pool ends its workers with SIGTERM."""
    preview = os.getpid()

    def stop(signum, frame):
        if os.getpid() != preview:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise KeyboardInterrupt

    for stopping in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stopping, stop)


def _quiet_mkdocs() -> None:
    # Pages kept out of the nav are by design; MkDocs' INFO lines about them would flood the console.
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
