"""Everything that knows about MkDocs: the theme's assets, the config, the build and the swap into place.

The rest of the generator writes plain Markdown; replacing the site engine means replacing this module.
"""

from __future__ import annotations

import html
import logging
import os
import re
import resource
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

from tqdm import tqdm

from . import parallel

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
ASSETS = ROOT / "assets"
PUBLISHED_ASSETS = ("stylesheets", "fonts", "images", "javascripts")


class SiteBuildError(RuntimeError):
    pass


def copy_assets(docs: Path) -> None:
    """Theme assets go into the docs folder, where MkDocs publishes them as they are."""
    for name in PUBLISHED_ASSETS:
        source = ASSETS / name
        if source.is_dir():
            shutil.copytree(source, docs / "assets" / name, dirs_exist_ok=True)


def load(docs: Path, site_dir: Path, **overrides):
    return load_config(str(CONFIG), docs_dir=str(docs), site_dir=str(site_dir), **overrides)


def build(docs: Path, site_dir: Path, bulk=(), render_body=None, progress: bool = False) -> dict[str, float]:
    """Build into a fresh folder beside `site_dir`, then swap it in: a failed build leaves the old site.

    `bulk` pages skip MkDocs: it renders one empty shell page per section and depth, and each bulk
    page's body (pure HTML, see pages.Page.bulk) is poured into its shell, on every core."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tag = uuid.uuid4().hex[:8]
    fresh = site_dir.with_name(f"{site_dir.name}.new-{tag}")
    old = site_dir.with_name(f"{site_dir.name}.old-{tag}")
    _quiet_mkdocs()
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[step] = now - clock
        clock = now

    try:
        shell_urls = write_shells(docs, bulk)
        config = load(docs, fresh)
        mkdocs_build(config)
        shells = {url: Shell.read(fresh, url) for url in shell_urls}
        _remove_shells(fresh, shell_urls)
        lap("MkDocs")
        pour(bulk, render_body, shells, fresh, progress)
        lap("trang bản ghi")
        PEAK_MB["dựng trang"] = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                                    resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
        index_search(fresh)
        lap("chỉ mục tìm kiếm")
    except BaseException as e:
        shutil.rmtree(fresh, ignore_errors=True)
        if isinstance(e, (SiteBuildError, KeyboardInterrupt)):
            raise
        raise SiteBuildError(f"Không dựng được trang: {e}") from e
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(fresh, site_dir)
    shutil.rmtree(old, ignore_errors=True)
    return timings


SHELL = "__vo-trang__"
_TITLE, _DESCRIPTION, _CONTENT = "@@SHOWCASE-TITLE@@", "@@SHOWCASE-DESCRIPTION@@", "@@SHOWCASE-CONTENT@@"
# The comment stands for the body; "<h1" in it stops the theme adding a title heading of its own.
_CONTENT_COMMENT = f"<!--{_CONTENT} <h1 -->"
_TOKENS = re.compile("(" + "|".join(map(re.escape, (_TITLE, _DESCRIPTION, _CONTENT_COMMENT))) + ")")


def shell_url(url: str) -> str:
    """The shell serving a page: same section, same depth. `sang-kien/x/` -> `sang-kien/__vo-trang__/`."""
    first, *rest = url.strip("/").split("/")
    return "/".join([first] + [SHELL] * len(rest)) + "/"


def write_shells(docs: Path, bulk) -> set[str]:
    urls = {shell_url(p.url) for p in bulk}
    for old in docs.rglob(f"{SHELL}*.md"):
        old.unlink()
    for url in urls:
        path = docs / (url.rstrip("/") + ".md")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'---\ntitle: "{_TITLE}"\ndescription: "{_DESCRIPTION}"\n'
                        f'hide: ["navigation", "toc"]\n---\n\n{_CONTENT_COMMENT}\n', encoding="utf-8")
    return urls


class Shell:
    """A rendered empty page, cut where a bulk page's title, description and body go."""

    def __init__(self, html: str, url: str):
        self.url = url
        self.parts = _TOKENS.split(html)
        if _CONTENT_COMMENT not in self.parts:
            raise SiteBuildError(f"trang khung {url} không có chỗ cho nội dung")

    @classmethod
    def read(cls, site: Path, url: str) -> "Shell":
        return cls((site / url / "index.html").read_text(encoding="utf-8"), url)

    def wrap(self, title: str, description: str, body: str) -> str:
        values = {_TITLE: html.escape(title, quote=False), _DESCRIPTION: html.escape(description),
                  _CONTENT_COMMENT: body}
        return "".join(values.get(part, part) for part in self.parts)


def _remove_shells(site: Path, urls: set[str]) -> None:
    for url in urls:
        shutil.rmtree(site / url, ignore_errors=True)
    sitemap = site / "sitemap.xml"
    if sitemap.exists():
        text = re.sub(r"\s*<url>(?:(?!</url>).)*" + SHELL + r".*?</url>", "", sitemap.read_text(encoding="utf-8"),
                      flags=re.S)
        sitemap.write_text(text, encoding="utf-8")


PEAK_MB: dict[str, float] = {}  # peak resident memory of each step's processes, for the benchmark


def pour(pages, render_body, shells: dict, site: Path, progress: bool) -> None:
    """Render bulk pages into the site, on every core."""
    def one(page) -> None:
        target = site / page.url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(shells[shell_url(page.url)].wrap(page.title, page.description, render_body(page)),
                          encoding="utf-8")

    with tqdm(total=len(pages), desc="Trang bản ghi", unit="trang", disable=not progress, leave=False) as bar:
        parallel.map_in_order(one, pages, progress=bar.update)


def index_search(site: Path) -> None:
    """Pagefind indexes the built pages (only what their `data-pagefind-body` holds) into site/pagefind/:
    a static, sharded index of which a browser downloads only the parts a query needs."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind",
         "--force-language", "vi", "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)  # its own peak memory, apart from the page build's
    proc.returncode = os.waitstatus_to_exitcode(status)
    PEAK_MB["chỉ mục tìm kiếm"] = usage.ru_maxrss / 1024
    if proc.returncode != 0:
        raise SiteBuildError(f"Pagefind không lập được chỉ mục tìm kiếm: {output.strip()}")


def serve(docs: Path, address: str) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    _quiet_mkdocs()
    mkdocs_serve(str(CONFIG), livereload=True, docs_dir=str(docs), dev_addr=address)


def _quiet_mkdocs() -> None:
    # Pages kept out of the nav are by design; MkDocs' INFO lines about them would flood the console.
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
