"""The build, stage by stage, and the other commands that run parts of it.

    read and check (content/) → model (catalogue/) → near-duplicates and related initiatives
        (catalogue/similarity/) → pages (pages/) → render (render/, media/) → outputs (outputs/)
        → engine (engine/) → publish (publish/)

`check` stops after screening for near-duplicates; `build` runs every stage into a staged site and puts it in
place; `serve` writes every page for the site engine's live preview; `duplicates` reports near-duplicates for
editors. Messages go to the terminal from here; `cli.py` only reads the command line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from tqdm import tqdm

from generator import routes
from generator.catalogue.cache import RecordCache, code_digest
from generator.catalogue.model import Catalogue
from generator.catalogue.similarity import related, screening
from generator.catalogue.similarity.signatures import SketchCache
from generator.common import ending, formatting, parallel
from generator.common.problems import Problem
from generator.common.store import StateFile
from generator.config import Config
from generator.content.validate import Listing, LoadResult, listing, load_content, missing_content
from generator.engine import mkdocs_site
from generator.media import cards
from generator.outputs import feeds
from generator.outputs.published import PublishedData
from generator.pages.page import Page
from generator.pages.site_pages import all_pages, initiative_card, initiative_keys
from generator.publish import build as publish
from generator.render.writer import Writer, page_file
from generator.search import index as search_index

NEAR = "near.json"  # the last build's near-duplicate pairs, in the build folder's duplicates/
# Each initiative's related ones as rows, and its page key worked out with them (none unless asked for).
_Related = tuple[dict[int, tuple[int, ...]], list[str]]
SPARE_BELOW = 1000  # records read afresh: fewer, and their share cards (about 2 s) leave the other core time to spare


@dataclass(frozen=True)
class Project:
    """Where a command reads and writes: the content, the built site, and the build folder between them."""

    content: Path
    site: Path
    docs: Path  # build/docs: the engine's pages
    config: Config = Config()

    @property
    def build(self) -> Path:
        return self.docs.parent

    @property
    def cache(self) -> Path:
        return self.build / "cache"

    @property
    def data(self) -> Path:
        return self.build / "data"


def check(project: Project, strict_duplicates: bool = False) -> int:
    if _content_missing(project.content):
        return 2
    loaded = load_content(project.content)
    _report(loaded.problems)
    # Reads the build folder's sketches but never writes them: `check` does not hold the build folder.
    refused = _warn(similar(project, loaded, progress=False, keep=False, relate=False), strict_duplicates)
    print(_summary(loaded))
    return 1 if loaded.problems or refused else 0


def duplicates(
    project: Project,
    threshold: float | None = None,
    csv: Path | None = None,
    html: Path | None = None,
    strict: bool = False,
    progress: bool = True,
) -> int:
    """The editors' report of near-duplicates not yet decided: on the terminal, and as CSV and HTML if asked."""
    from generator.tools.duplicates import report

    if _content_missing(project.content):
        return 2
    start = time.perf_counter()
    loaded = _load(project, RecordCache(project.cache, generation(project)))
    found = similar(project, loaded, progress, keep=True, relate=False, threshold=threshold)
    rows = report.rows(found)
    print(report.table(rows, found))
    if csv:
        report.write_csv(csv, rows)
        print(f"Đã ghi bảng CSV: {csv}")
    if html:
        report.write_html(html, rows, found, project.config)
        print(f"Đã ghi trang HTML cho biên tập viên: {html}")
    print(report.summary(found, time.perf_counter() - start))
    return 1 if strict and found.pairs else 0


def build(
    project: Project,
    skip_invalid: bool = False,
    report: Path | None = None,
    progress: bool = True,
    metrics: Path | None = None,
    strict_duplicates: bool = False,
) -> int:
    """Every stage; the previous site stays untouched unless the new one is complete."""
    with _collector_paused():
        try:
            return _build(project, skip_invalid, report, progress, metrics, strict_duplicates)
        finally:
            gc.unfreeze()  # see _build


def _build(
    project: Project,
    skip_invalid: bool,
    report: Path | None,
    progress: bool,
    metrics: Path | None,
    strict_duplicates: bool,
) -> int:
    if _content_missing(project.content):
        return 2
    start = time.perf_counter()
    stamp = generation(project)
    listed = parallel.beside(lambda: listing(project.content))  # while the record cache is read
    loaded = _load(project, RecordCache(project.cache, stamp), listed())
    ending.leave(loaded)
    loaded.derive()
    # The catalogue lives as long as the build: the collector need not walk it again on every later allocation,
    # and forked workers then share its memory rather than copying the pages the collector would touch.
    gc.freeze()
    read = time.perf_counter() - start
    if loaded.problems and not skip_invalid:
        print(
            f"Không dựng trang vì có {len(loaded.problems)} lỗi; trang cũ trong {project.site} giữ nguyên. "
            "Dùng --skip-invalid để vẫn dựng trang với các tệp hợp lệ.",
            file=sys.stderr,
        )
        return 1
    if loaded.problems:
        report = report or project.build / "skipped.txt"
        _write_report(report, loaded.problems)
        print(f"Bỏ qua {loaded.invalid} tệp lỗi; danh sách và lý do: {report}", file=sys.stderr)
    ahead = _drawing_ahead(project, loaded)
    written = _screen_and_write(project, loaded, progress, strict_duplicates)
    if written is None:
        ahead()
        print(f"Không dựng trang vì --strict-duplicates; trang cũ trong {project.site} giữ nguyên.", file=sys.stderr)
        return 1
    written.seconds = {"đọc và kiểm tra": read, **written.seconds}
    seconds = time.perf_counter() - start
    print(
        f"Đã đọc, kiểm tra và viết {len(written.engine)} trang Markdown ({written.writer.written} thay đổi) "
        f"trong {seconds:.1f} giây; đang dựng {len(written.engine) + len(written.parts.bulk)} trang tĩnh…"
    )
    try:
        written.ahead = ahead()
    except BaseException:
        _stop(written)
        raise
    try:
        built = publish.build(
            project.docs, project.site, written.parts, stamp, project.cache, project.config, progress, written.run
        )
    except publish.SiteBuildError as e:
        _stop(written)
        print(f"{e}\nTrang cũ trong {project.site} giữ nguyên.", file=sys.stderr)
        return 1
    if metrics:
        _write_metrics(metrics, seconds, built, written)
    steps = " · ".join(f"{step} {s:.1f} giây" for step, s in built.seconds.items())
    kept = (
        f"; giữ {formatting.number(len(written.parts.bulk) - built.rendered)} trang không đổi từ lần dựng trước"
        if built.warm
        else ""
    )
    print(
        f"Xong: {project.site} ({time.perf_counter() - start:.1f} giây: nội dung {seconds:.1f} giây · {steps}){kept}."
    )
    return 0


def _screen_and_write(project: Project, loaded: LoadResult, progress: bool, strict: bool) -> _Written | None:
    """Stages near-duplicates, pages, render and outputs, for `build`; None when undecided near-duplicates must
    stop it (`strict`)."""
    # With many cards to draw ahead (a cold build), the other core has no time to spare: the cards are what the
    # build waits for last, so open data and screening stay on this one. Otherwise they go to the other core too.
    spare = len(loaded.fresh) < SPARE_BELOW
    # The search index, from the records alone, the longest of the workers of a warm build: started first.
    # A preview's copy in the docs folder would be published twice: gone before the engine reads the folder.
    shutil.rmtree(project.docs / routes.SEARCH_INDEX, ignore_errors=True)
    searching = parallel.beside(lambda: _write_search_index(project, loaded.catalogue, False))
    # Open data and feeds, from the records alone, written while near-duplicates are screened.
    clock = time.perf_counter()
    opened = _OpenData(project, loaded.catalogue, fork=spare)
    opening = time.perf_counter() - clock  # at once when forked
    similarity = _Similarity(project, loaded, progress, keep=True, relate=True, threshold=None, fork=spare, keyed=True)
    # Which pairs are near-duplicates is known only once screening ends: meanwhile the pages are made with the last
    # build's, and made again in the rare build where they turn out to differ (a new copy, a new decision).
    guess = similarity.last_near()

    def start_engine(bulk: list) -> publish.Engine:
        """The engine's run, in a thread: this one goes on to wait for its workers."""
        return publish.Engine(project.docs, project.site, bulk, generation(project), project.cache, project.config)

    def write() -> _Written:
        return _write_pages(project, loaded, progress, False, opened, searching, similarity.key, start_engine)

    written = None
    try:
        if guess is not None:
            similarity.start_relating(guess)
            written = write()
            similarity.relate(guess)  # before any initiative page's key is asked (publish/)
        found = similarity.screening()
        if _warn(found, strict):
            opened.finished()  # their workers end before the build does
            searching()
            _discard(written)
            return None
        near = similarity.near()
        if written is None or near != guess:
            _discard(written)  # its docs are written again
            written = None
            similarity.relate(near)
            written = write()
    except BaseException:
        _discard(written)
        raise
    clock = time.perf_counter()
    opened.finished()
    written.seconds = {**found.seconds, **written.seconds}
    written.seconds["dữ liệu mở và bản tin"] += opening + time.perf_counter() - clock
    return written


def engine_pages(project: Project, progress: bool = False) -> None:
    """Every page, bulk ones included, as Markdown for the site engine: the live preview, and the benchmark's
    build of the same pages with plain MkDocs."""
    loaded = _load(project)
    _warn(similar(project, loaded, progress=progress, keep=True, relate=True), strict=False)
    _write_pages(project, loaded, progress=progress, everything=True)


def serve(project: Project, address: str) -> int:
    """The live preview: every page through the engine, written again whenever content changes."""
    if _content_missing(project.content):
        return 2
    engine_pages(project, progress=True)
    threading.Thread(target=_watch, args=(project,), daemon=True).start()
    print(f"Xem trước tại http://{address}/ (Ctrl+C để dừng); trang tự cập nhật khi nội dung thay đổi.")
    mkdocs_site.serve(project.docs, address, project.config)
    return 0


@dataclass
class _Written:
    engine: list[Page]  # pages written for the engine into the docs folder
    writer: Writer
    parts: publish.Parts
    search: Callable[[], search_index.Written]  # waits for it, the first time
    seconds: dict[str, float]  # the content step's parts, for benchmarks/
    ahead: tuple[int, float] = (0, 0.0)  # share cards drawn ahead of the build, and the seconds it took
    run: publish.Engine | None = None  # the engine's run, started once the docs folder was complete
    waited: dict[str, float] = field(default_factory=dict)  # what the build waited for later, for benchmarks/


def _stop(written: _Written) -> None:
    """A build stopping once its pages are written: the engine's run dropped (staged beside the site, never put in
    place), and the search index's worker waited for, so that it ends before the build does and its files are
    whole for the next build (the others were waited for already)."""
    _discard(written)
    with contextlib.suppress(Exception):
        written.search()


def _discard(written: _Written | None) -> None:
    """Its engine run, if started: the docs are written again, or the build stops."""
    if written is not None and written.run is not None:
        written.run.discard()


def _open_data(project: Project, cat: Catalogue, later: bool = False) -> PublishedData:
    data = PublishedData(project.data, project.config, generation(project), project.cache / "open-data")
    data.write(cat, later)
    return data


class _OpenData:
    """Open data and feeds, written beside the build from the records alone. The country's text files, put
    together from the provinces' parts (250 MB at 10^5 records), are written in another worker once the rest is
    known: the page model waits only for what it lists (their sizes are known before they are written)."""

    def __init__(self, project: Project, cat: Catalogue, fork: bool):
        self.written = parallel.beside(lambda: _open_data(project, cat, later=True), fork=fork)
        self.fork = fork
        self.finishing: Callable[[], None] | None = None

    def __call__(self) -> PublishedData:
        data = self.written()
        if self.finishing is None:
            self.finishing = parallel.beside(data.finish, fork=self.fork)
        return data

    def finished(self) -> PublishedData:
        """Every file written: before the site is put together from them."""
        data = self()
        assert self.finishing is not None
        self.finishing()
        return data


def _drawing_ahead(project: Project, loaded: LoadResult) -> Callable[[], tuple[int, float]]:
    """Initiatives' share cards, from their records alone, drawn on a core the next steps often leave idle; only
    those of records read afresh (any other's was in the store for the last build, and the card step draws what
    is missing). Many cards (a cold build: half an hour at 10^6) are drawn apart, from their text alone, so that
    the drawer never holds a copy of the catalogue while this process works on it; a few, in a forked worker."""
    fresh = loaded.fresh
    cards = [initiative_card(i) for i in loaded.catalogue.initiatives if i.source in fresh] if fresh else []
    if not cards:
        return lambda: (0, 0.0)  # no worker forked for nothing: it would share, and so copy, this one's pages
    if len(cards) < SPARE_BELOW:
        return parallel.beside(lambda: _draw_ahead(cards, project.cache))
    return parallel.apart(_draw_ahead, cards, project.cache)


def _draw_ahead(cards: list, cache: Path) -> tuple[int, float]:
    """Share cards drawn into the card store before the build places them: (drawn, seconds)."""
    start = time.perf_counter()
    drawn = publish.draw_ahead(cards, cache)
    return drawn, time.perf_counter() - start


def _load(project: Project, cache: RecordCache | None = None, listed: Listing | None = None) -> LoadResult:
    """Stages read, check and model: the catalogue, every problem reported. `listed`: the files, if listed."""
    loaded = load_content(project.content, cache, listed)
    if cache:
        cache.save()
    _report(loaded.problems)
    print(_summary(loaded))
    return loaded


def similar(
    project: Project, loaded: LoadResult, progress: bool, keep: bool, relate: bool, threshold: float | None = None
) -> screening.Screening:
    """Stage near-duplicates: every record that could be published (approved or pending, not a copy) screened;
    with `relate`, each published initiative's related ones put in the catalogue. `keep`: write the sketches
    of new texts to the build folder for the next run."""
    similarity = _Similarity(project, loaded, progress, keep, relate, threshold)
    found = similarity.screening()
    if relate:
        similarity.relate(similarity.near())
    return found


class _Similarity:
    """Near-duplicates and related initiatives, started at once and finished when asked: candidate pairs are scored
    on the other core while this one goes on; the related initiatives are chosen for the near-duplicates that are
    known, or guessed (see `_screen_and_write`), on the other core too when it has time to spare (`fork`)."""

    def __init__(
        self,
        project: Project,
        loaded: LoadResult,
        progress: bool,
        keep: bool,
        relate: bool,
        threshold: float | None,
        fork: bool = True,
        keyed: bool = False,
    ):
        """`fork`: score the candidates and choose the related initiatives in forked processes; `keyed`: work out
        each initiative page's key with its related initiatives (`key`)."""
        self.loaded, self.settings = loaded, project.config.duplicates
        self.threshold = self.settings.threshold if threshold is None else threshold
        self.kept = StateFile(project.cache / "duplicates" / NEAR, generation(project))
        self.keep, self.progress, self.fork = keep, progress, fork
        self.found: screening.Screening | None = None
        cat = loaded.catalogue
        self.records = records = loaded.screened
        clock = time.perf_counter()
        self.folder = project.cache / "duplicates" if keep else None
        cache = SketchCache(project.cache / "duplicates", generation(project))
        digests = np.concatenate([cat.columns.digest, np.array([i.digest for i in loaded.pending], dtype=np.bytes_)])
        # A new text's MinHash (and datasketch's import, a third of a second) only where it is compared (`scored`):
        # here, the sketches' shingles alone are complete.
        sketches = self.sketches = cache.sketches(records, progress, sign_later=fork, digests=digests)
        before = cache.stored  # the last build's, which its kept scores are of
        self.computed = cache.computed
        sketched = time.perf_counter()

        def scored() -> screening.Scored:
            signed = cache.signed()
            if keep:
                cache.save()  # on the other core too: 190 MB at 10^5 records whenever a text changed
            return screening.scored(records, signed, self.threshold, self.folder, before, generation(project))

        self.scored = parallel.beside(scored, fork=fork)
        started = time.perf_counter()  # at once when forked
        self.published = sketches.bigrams.first(len(cat.initiatives))  # the records screened begin with them
        self.relating = relate and self.settings.related > 0
        self.keyed = keyed
        self.keys: list[str] = []
        self.choosing: tuple[set[frozenset[str]], Callable[[], _Related]] | None = None
        self.seconds = {"sketches": sketched - clock, "related": 0.0, "screening": started - sketched}

    def screening(self) -> screening.Screening:
        """The screening's result, waited for the first time."""
        if self.found is None:
            clock = time.perf_counter()
            self.found = screening.screen(
                self.records, self.sketches, self.threshold, self.loaded.decisions, self.scored()
            )
            self.found.computed = self.computed
            # "screening": its own time when not forked, and what is left of it once this core needs it.
            self.seconds["screening"] += time.perf_counter() - clock
            self.found.seconds = self.seconds
        return self.found

    def near(self) -> set[frozenset[str]]:
        """The pairs never offered as related: near-duplicates editors have not said are distinct."""
        found, decisions = self.screening(), self.loaded.decisions
        near = {p.ids for p in found.pairs + found.decided if not decisions.distinct(p.first.id, p.second.id)}
        if self.keep:
            self.kept.write(sorted(sorted(ids) for ids in near))
        return near

    def last_near(self) -> set[frozenset[str]] | None:
        """What `near` was in the last build, if known."""
        kept = self.kept.read()
        return {frozenset(ids) for ids in kept} if isinstance(kept, list) else None

    def start_relating(self, near: set[frozenset[str]]) -> None:
        """Choose the related initiatives, never a pair of `near`: beside this process when forking."""
        clock = time.perf_counter()
        self.choosing = (near, parallel.beside(lambda: self._related(near), fork=self.fork))
        self.seconds["related"] += time.perf_counter() - clock

    def relate(self, near: set[frozenset[str]]) -> None:
        """Put the related initiatives in the catalogue, chosen for `near` (waited for, if started)."""
        if self.choosing is None or self.choosing[0] != near:
            self.start_relating(near)
        assert self.choosing is not None
        clock = time.perf_counter()
        cat = self.loaded.catalogue
        rows, self.keys = self.choosing[1]()
        cat.related = related.ByID(cat.initiatives, rows, cat.columns.ids)
        self.seconds["related"] += time.perf_counter() - clock

    def key(self, row: int) -> str:
        """The page key of the initiative at `row`, worked out with its related initiatives (`keyed`)."""
        return self.keys[row]

    def _related(self, near: set[frozenset[str]]) -> _Related:
        rows = self._chosen(near)
        # Beside the build when forking: 10^5 keys are a second of its time, and need the related rows anyway.
        return rows, initiative_keys(self.loaded.catalogue, rows) if self.keyed else []

    def _chosen(self, near: set[frozenset[str]]) -> dict[int, tuple[int, ...]]:
        if not self.relating:
            return {}
        # From the catalogue's columns, not its records: this runs in a worker, which would copy what it reads.
        cat = self.loaded.catalogue
        ids = cat.columns.ids
        names = [x.decode().lower() for x in ids.tolist()]
        either = {x for pair in near for x in pair}  # asked of 10^5 candidates: most are in no pair

        def excluded(me: int, col: int) -> bool:
            return (first := names[me]) in either and frozenset((first, names[col])) in near

        pools = related.pools(cat.initiatives, self.published, self.progress, self.folder, ids)
        return related.chosen(pools, excluded, self.settings.related, ids, cat.columns.org)


def _warn(found: screening.Screening, strict: bool) -> bool:
    """Say every near-duplicate pair not yet decided; True when that must stop the command."""
    lines = screening.problems(found)
    for line in lines:
        print(line, file=sys.stderr)
    if lines:
        print(
            f"{'Lỗi' if strict else 'Cảnh báo'}: {formatting.number(len(lines))} cặp sáng kiến gần trùng "
            f"(độ trùng từ {found.threshold:.0%}) chưa có quyết định của biên tập viên. Xem `showcase duplicates "
            f"--html bao-cao.html`, rồi ghi quyết định vào content/decisions/duplicates.yaml.",
            file=sys.stderr,
        )
    return strict and bool(lines)


def _write_pages(
    project: Project,
    loaded: LoadResult,
    progress: bool,
    everything: bool,
    opened: Callable[[], PublishedData] | None = None,
    searching: Callable[[], search_index.Written] | None = None,
    keys: Callable[[int], str] | None = None,
    start_engine: Callable[[list], publish.Engine] | None = None,
) -> _Written:
    """Stages pages, render and outputs. `everything` writes bulk pages as Markdown too, for the live preview
    (which has no bulk step). `opened`: what waits for the open data and feeds, if started; `searching`: what
    waits for the search index, if started; `keys`: initiative pages' keys by row, if worked out elsewhere;
    `start_engine`: what starts the engine's run on the bulk pages, once the docs folder is complete."""
    cat, config = loaded.catalogue, project.config
    laps = _Laps()
    # The search index depends on the catalogue alone: it is built on the other core meanwhile.
    searching = searching or parallel.beside(lambda: _write_search_index(project, cat, everything))
    if opened is None:
        eager = _open_data(project, cat)
        opened = lambda: eager  # noqa: E731
    laps("dữ liệu mở và bản tin")

    def data_files() -> tuple[list[dict], dt.date]:
        data = opened()
        return data.files, data.published

    with _collector_paused():
        # The open data is waited for only at the data page: the feeds it writes are known already.
        pages = list(all_pages(cat, config, data_files, feeds.listed(cat), not everything, keys))
    laps("mô tả trang")
    data = opened()
    writer = Writer(project.docs, project.content / "media", project.cache, config, generation(project))
    writer.publish_photos(cat)
    engine = [p for p in pages if isinstance(p, Page) and (everything or not p.bulk)]  # everything: no Later
    for page in tqdm(engine, desc="Viết trang", unit="trang", disable=not progress, leave=False):
        writer.write(page)
    charts = writer.write_charts(chart for page in pages for chart in page.charts)
    _remove_stale(project.docs, {page_file(p.url) for p in engine} | writer.photos.used | charts)
    mkdocs_site.copy_assets(project.docs)
    bulk = [] if everything else [p for p in pages if p.bulk]
    laps("ảnh, biểu đồ, trang Markdown")
    if everything:  # the preview publishes the index from the docs folder
        searching()
    # A Later page's card is made by the publisher, only if the page changed.
    drawn = {cards.DEFAULT_IMAGE: cards.DEFAULT} | {p.image: p.card for p in pages if isinstance(p, Page) and p.card}
    # What changed when, for the sitemap: a record's page its own date, every other page the data's. A bulk page
    # gives its own as the sitemap is written.
    dates = publish.Dates(data.published, {p.url: p.date for p in engine if p.date})
    waited: dict[str, float] = {}

    def published() -> dict[str, Path]:
        """Asked for once the bulk pages are poured, which need no search index: after a withdrawal, rewriting
        every index file (its ids move) is the longest of the build's workers."""
        clock = time.perf_counter()
        files = searching().files
        waited["chờ chỉ mục tìm kiếm"] = time.perf_counter() - clock
        return data.paths() | files

    parts = publish.Parts(bulk, writer.body, drawn, published, dates)
    run = start_engine(bulk) if start_engine else None  # the docs folder is complete
    return _Written(engine, writer, parts, searching, laps.seconds, run=run, waited=waited)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Page objects for every record make no reference cycles, but their number sets off full collections: at
    10^5 records a quarter of the page model's time (measured: 9.1 s of CPU, 6.5 s with the collector paused)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class _Laps:
    """Seconds since the last lap, by step."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.clock = time.perf_counter()

    def __call__(self, step: str) -> None:
        now = time.perf_counter()
        self.seconds[step], self.clock = now - self.clock, now


def _write_search_index(project: Project, cat: Catalogue, preview: bool) -> search_index.Written:
    """The search index, written where its bytes changed: into the docs folder for the live preview (the
    engine publishes it as it is), else into the build folder, from where the site links it."""
    in_docs = project.docs / routes.SEARCH_INDEX
    kept = (project.cache, generation(project))  # the last build's documents and files: only changes are redone
    if preview:
        return search_index.publish(cat, in_docs, routes.SEARCH_INDEX, False, *kept)
    return search_index.publish(cat, project.build / "search", routes.SEARCH_INDEX, True, *kept)


def generation(project: Project) -> str:
    """What every page depends on besides its own records: code, templates, theme, taxonomies, configuration."""
    return code_digest(Path(__file__).parent, project.content / "taxonomies", *mkdocs_site.engine_inputs()) + repr(
        project.config
    )


def _remove_stale(docs: Path, keep: set[str]) -> None:
    """A record, photo or chart that was unpublished or removed must not keep its old file."""
    stale = [p for p in docs.rglob("*.md")] + [p for p in (docs / "media").rglob("*") if p.is_file()]
    stale += [p for p in docs.rglob(f"{routes.CHARTS}/*") if p.is_file()]
    for path in stale:
        if path.relative_to(docs).as_posix() not in keep:
            path.unlink()
            if path.parent != docs / "media" and not any(path.parent.iterdir()):
                path.parent.rmdir()  # a photo's download folder, now empty


def _watch(project: Project) -> None:
    """Regenerate pages when content changes; the engine then rebuilds and reloads the browser."""
    last = _stamp(project.content)
    while True:
        time.sleep(1)
        now = _stamp(project.content)
        if now != last:
            last = now
            loaded = _load(project)
            _warn(similar(project, loaded, progress=False, keep=True, relate=True), strict=False)
            written = _write_pages(project, loaded, progress=False, everything=True)
            print(f"Nội dung thay đổi: {written.writer.written} trang cập nhật.")


def _stamp(content: Path) -> tuple:
    """Every file's mtime; os.walk does not follow symlinked folders, and a file that cannot be looked at
    (a symlink loop, no permission) counts as None rather than stopping the preview."""
    found: list[tuple[str, int | None]] = []
    for root, _, names in os.walk(content):
        for name in names:
            path = os.path.join(root, name)
            try:
                found.append((path, os.stat(path).st_mtime_ns))
            except OSError:
                found.append((path, None))
    return tuple(sorted(found, key=lambda item: item[0]))


def _content_missing(content: Path) -> bool:
    message = missing_content(content)
    if message:
        print(message, file=sys.stderr)
    return message is not None


def _report(problems: list[Problem]) -> None:
    for p in problems:
        print(p, file=sys.stderr)


def _write_report(path: Path, problems: list[Problem]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# Tệp bị bỏ qua khi dựng trang: tệp:dòng: trường: lý do («giá trị»)"] + [str(p) for p in problems]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _summary(loaded: LoadResult) -> str:
    cat = loaded.catalogue
    copies = f"{formatting.number(loaded.copies)} bản sao (không công bố), " if loaded.copies else ""
    return (
        f"{formatting.number(len(cat.initiatives))} sáng kiến được công bố, "
        f"{formatting.number(loaded.not_approved)} chưa duyệt (bỏ qua), {copies}"
        f"{formatting.number(loaded.invalid)} tệp lỗi, {formatting.number(len(cat.stories))} câu chuyện"
    )


def _write_metrics(path: Path, content_seconds: float, built: publish.Built, written: _Written) -> None:
    """Figures for benchmarks/: each step's time and peak memory, and what a warm build kept."""
    searched = written.search()
    path.write_text(
        json.dumps(
            {
                "seconds": {"nội dung": content_seconds, **built.seconds},
                "content_seconds": written.seconds | written.waited,
                "peak_mb": built.peak_mb,
                "pages": len(written.engine) + len(written.parts.bulk),
                "warm": built.warm,
                "rendered": built.rendered,
                "engine_ran": built.engine_ran,
                "cards": built.cards,
                "cards_drawn": built.drawn + written.ahead[0],
                "cards_drawn_ahead": written.ahead[0],
                "cards_ahead_s": written.ahead[1],
                "search_written": searched.written,
                "search_s": searched.seconds,
                "search_files": len(searched.names),
                "search_bytes": searched.size,
                "photos_encoded": written.writer.photos.encoded,
                "charts_drawn": written.writer.charts_drawn,
            }
        ),
        encoding="utf-8",
    )
