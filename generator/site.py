"""Everything that knows about MkDocs: the theme's assets, the config, the build and the swap into place.

The rest of the generator writes plain Markdown; replacing the site engine means replacing this module.
"""

from __future__ import annotations

import html
import json
import logging
import os
import shutil
import uuid
from pathlib import Path

import nh3
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
ASSETS = ROOT / "assets"
PUBLISHED_ASSETS = ("stylesheets", "fonts", "images", "javascripts")
_SEARCH_TAGS = {"p", "code", "pre", "ul", "ol", "li", "strong", "em", "b", "i", "table", "tr", "th", "td"}


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


def build(docs: Path, site_dir: Path) -> None:
    """Build into a fresh folder beside `site_dir`, then swap it in: a failed build leaves the old site."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tag = uuid.uuid4().hex[:8]
    fresh = site_dir.with_name(f"{site_dir.name}.new-{tag}")
    old = site_dir.with_name(f"{site_dir.name}.old-{tag}")
    _quiet_mkdocs()
    try:
        config = load(docs, fresh)
        mkdocs_build(config)
        _sanitise_search_index(fresh / "search" / "search_index.json")
    except BaseException as e:
        shutil.rmtree(fresh, ignore_errors=True)
        raise SiteBuildError(f"MkDocs không dựng được trang: {e}") from e
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(fresh, site_dir)
    shutil.rmtree(old, ignore_errors=True)


def _sanitise_search_index(path: Path) -> None:
    """The theme's search shows titles and text as HTML, and MkDocs stores them unescaped: a title
    like `<img onerror=…>` from the public would run in the visitor's browser. Escape titles,
    and keep only harmless tags in the text."""
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index.get("docs", []):
        doc["title"] = html.escape(doc.get("title", ""), quote=False)
        doc["text"] = nh3.clean(doc.get("text", ""), tags=_SEARCH_TAGS, attributes={})
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def serve(docs: Path, address: str) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    _quiet_mkdocs()
    mkdocs_serve(str(CONFIG), livereload=True, docs_dir=str(docs), dev_addr=address)


def _quiet_mkdocs() -> None:
    # Pages kept out of the nav are by design; MkDocs' INFO lines about them would flood the console.
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
