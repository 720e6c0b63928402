"""One generation pass: content -> validated catalogue -> Markdown pages in a docs folder."""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from generator.media import cards
from generator.pages import search
from generator.catalogue.cache import RecordCache
from generator.pages.site_pages import Page, all_pages

SITE_NAME = "Một triệu sáng kiến"
from generator.render.writer import Writer, page_file
from generator.content.validate import LoadResult, load_content


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
    files: dict[str, Path]  # site path -> a file made here to publish as it is (open data, feeds)


def generate(content: Path, docs: Path, progress: bool = True, everything: bool = False,
             cache: RecordCache | None = None, base_url: str = "/") -> Generated:
    """`everything` writes bulk pages as Markdown too, for the live preview (which has no bulk step);
    `cache` holds the checked records of the last build; `base_url` is the site's public address."""
    start = time.perf_counter()
    loaded = load_content(content, cache)
    if cache:
        cache.save()
    data = PublishedData(docs.parent / "data", base_url)
    data.write(loaded.catalogue)
    pages = list(all_pages(loaded.catalogue, base_url, data.files, data.feeds))
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
                     search.bundles(loaded.catalogue), drawn, data.paths())


class PublishedData:
    """Open data and feeds, written beside the docs folder and rewritten only when the records changed:
    at 10^5 records they take seconds, which a one-record change should not cost twice."""

    def __init__(self, folder: Path, base_url: str):
        self.folder, self.base_url = folder, base_url
        self.files: list[dict] = []
        self.feeds: list[dict] = []

    def write(self, cat) -> None:
        from generator.outputs import open_data as exports
        from generator.outputs import feeds

        digest = hashlib.blake2b(repr((self.base_url, [i.digest for i in cat.initiatives],
                                       [s.digest for s in cat.stories])).encode(), digest_size=16).hexdigest()
        index = self.folder / "index.json"
        try:
            kept = json.loads(index.read_text(encoding="utf-8"))
            if kept["digest"] == digest and all((self.folder / f["path"]).is_file() for f in kept["files"]):
                self.files, self.feeds = kept["files"], kept["feeds"]
                return
        except (OSError, ValueError, KeyError):
            pass
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.files = exports.write(cat, self.folder, self.base_url)
        self.feeds = feeds.write(cat, self.folder, self.base_url, SITE_NAME)
        index.write_text(json.dumps({"digest": digest, "files": self.files, "feeds": self.feeds},
                                    ensure_ascii=False), encoding="utf-8")

    def paths(self) -> dict[str, Path]:
        return {f["path"]: self.folder / f["path"] for f in self.files + self.feeds}


def _remove_stale(docs: Path, keep: set[str]) -> None:
    """A record or photo that was unpublished or removed must not keep its old file."""
    stale = [p for p in docs.rglob("*.md")] + [p for p in (docs / "media").rglob("*") if p.is_file()]
    for path in stale:
        if path.relative_to(docs).as_posix() not in keep:
            path.unlink()
