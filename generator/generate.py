"""One generation pass: content -> validated catalogue -> Markdown pages in a docs folder."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from . import cards, search
from .cache import RecordCache
from .pages import Page, all_pages
from .render import Writer, page_file
from .validate import LoadResult, load_content


@dataclass
class Generated:
    loaded: LoadResult
    pages: int
    written: int
    seconds: float
    bulk: list[Page]  # rendered later, straight into the site (see build.py)
    writer: Writer
    bundles: list[search.Bundle]
    cards: dict[str, cards.Card]  # site path -> the share card drawn there


def generate(content: Path, docs: Path, progress: bool = True, everything: bool = False,
             cache: RecordCache | None = None) -> Generated:
    """`everything` writes bulk pages as Markdown too, for the live preview (which has no bulk step);
    `cache` holds the checked records of the last build."""
    start = time.perf_counter()
    loaded = load_content(content, cache)
    if cache:
        cache.save()
    pages = list(all_pages(loaded.catalogue))
    writer = Writer(docs, content / "media", docs.parent / "cache")
    writer.publish_photos(loaded.catalogue)
    engine_pages = pages if everything else [p for p in pages if not p.bulk]
    for page in tqdm(engine_pages, desc="Viết trang", unit="trang", disable=not progress, leave=False):
        writer.write(page)
    writer.write_data(search.INFO_URL, search.info(loaded.catalogue))
    _remove_stale(docs, {page_file(p.url) for p in engine_pages} | writer.photos.used)
    bulk = [] if everything else [p for p in pages if p.bulk]
    drawn = {cards.DEFAULT_IMAGE: cards.DEFAULT} | {p.image: p.card for p in pages if p.card}
    return Generated(loaded, len(pages), writer.written, time.perf_counter() - start, bulk, writer,
                     search.bundles(loaded.catalogue), drawn)


def _remove_stale(docs: Path, keep: set[str]) -> None:
    """A record or photo that was unpublished or removed must not keep its old file."""
    stale = [p for p in docs.rglob("*.md")] + [p for p in (docs / "media").rglob("*") if p.is_file()]
    for path in stale:
        if path.relative_to(docs).as_posix() not in keep:
            path.unlink()
