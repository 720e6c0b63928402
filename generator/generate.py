"""One generation pass: content -> validated catalogue -> Markdown pages in a docs folder."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from .pages import all_pages
from .render import Writer
from .validate import LoadResult, load_content


@dataclass
class Generated:
    loaded: LoadResult
    pages: int
    written: int
    seconds: float


def generate(content: Path, docs: Path, progress: bool = True) -> Generated:
    start = time.perf_counter()
    loaded = load_content(content)
    pages = list(all_pages(loaded.catalogue))
    writer = Writer(docs, content / "media", docs.parent / "cache")
    for page in tqdm(pages, desc="Viết trang", unit="trang", disable=not progress, leave=False):
        writer.write(page)
    _remove_stale(docs, {p.url + "index.md" for p in pages} | writer.photos.used)
    return Generated(loaded, len(pages), writer.written, time.perf_counter() - start)


def _remove_stale(docs: Path, keep: set[str]) -> None:
    """A record or photo that was unpublished or removed must not keep its old file."""
    stale = [p for p in docs.rglob("*.md")] + [p for p in (docs / "media").rglob("*") if p.is_file()]
    for path in stale:
        if path.relative_to(docs).as_posix() not in keep:
            path.unlink()
