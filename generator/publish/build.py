"""Building the site: engine pages, bulk pages, share cards, then putting the result in place.

Every build is staged in a folder beside the site; a failure anywhere leaves the previous site as it was.
- A cold build stages the whole site and swaps it in; the replaced site is removed by a process of its own,
  which the build does not wait for.
- A warm build (the previous build's manifest matches this site and generation) stages the engine's
  pages and files (unless nothing the engine reads changed), the published files that changed (open data, the
  search index, linked from the build folder) and only the bulk pages whose key changed, then moves those files
  into the live site. The manifest is removed before and rewritten after
  that step, so an interrupted one is followed by a cold build.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import resource
import shutil
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import BinaryIO, cast

from tqdm import tqdm

from generator.common import files, parallel
from generator.common.digest import digest, digest_bytes
from generator.common.store import FileStore, StateFile
from generator.config import Config
from generator.engine import mkdocs_site as site
from generator.media import cards as share
from generator.outputs import sitemap
from generator.pages.page import Later, Page

MANIFEST = "site-manifest.json"
CARDS = "cards"  # the card store, in the cache folder
REPLACED = ".old-"  # a replaced site, beside the site while it is removed: `site.old-<build>`
SHELLS = "engine-shells.json"  # the shells the engine last made, in the cache folder, kept under its digest


class SiteBuildError(RuntimeError):
    pass


@dataclass
class Manifest:
    """What a build put in a site folder, so the next build knows what it may keep. Kept as a state of the site
    folder and the generation (common/store.py): another folder or generation starts cold."""

    pages: dict[str, str] = field(default_factory=dict)  # bulk page URL -> key
    cards: dict[str, str] = field(default_factory=dict)  # share card path -> key
    engine_files: list[str] = field(default_factory=list)  # every other file, relative to the site
    engine: str = ""  # the digest of what the engine made its files from (mkdocs_site.engine_digest)
    engine_made: list[str] = field(default_factory=list)  # those files


@dataclass
class Built:
    seconds: dict[str, float]  # per step
    warm: bool
    rendered: int  # bulk pages rendered (all of them in a cold build)
    cards: int  # share cards placed (drawn, or taken from the card cache)
    drawn: int  # share cards drawn
    peak_mb: dict[str, float]  # peak resident memory of each step's processes
    engine_ran: bool = True  # False: nothing the engine reads changed, and its files were kept


@dataclass
class Dates:
    """When each engine page last changed, for the sitemap: those dated by their own record, the rest by `published`
    (a bulk page gives its own date)."""

    published: dt.date
    pages: dict[str, dt.date] = field(default_factory=dict)

    def __call__(self, url: str) -> dt.date:
        return self.pages.get(url, self.published)


@dataclass
class Parts:
    """What a build puts in the site besides the engine's own pages (those are in the docs folder)."""

    bulk: list[Page | Later]  # record and list pages, poured into engine-rendered shells
    render: Callable[[Page], str]  # a bulk page's body
    cards: dict[str, share.Card]  # site path -> the share card drawn there, besides those of `Later` pages
    # What gives the files published as they are (open data, feeds, search index), site path -> file: asked for
    # once the bulk pages are poured.
    files: Callable[[], dict[str, Path]]
    dates: Dates = field(default_factory=lambda: Dates(dt.date.today()))


@dataclass
class Plan:
    render: list  # bulk pages to render
    cards: dict[str, share.Card]  # share cards to place: path -> card
    warm: bool


class Engine:
    """The engine's pages, made into the staging folder in a thread from the moment the docs folder is complete: the
    build then mostly waits for its workers, and MkDocs (a second at 10^5 records whenever an engine page changed)
    uses that time. `result` waits for it; `discard` drops it (the docs were written again, or the build stops)."""

    def __init__(self, docs: Path, site_dir: Path, bulk: list, generation: str, cache: Path, config: Config):
        self.site_dir = site_dir.resolve()
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.stage = self.site_dir.with_name(f"{self.site_dir.name}.new-{uuid.uuid4().hex[:8]}")
        self.state = StateFile(cache / MANIFEST, _digest(str(self.site_dir), generation))
        self.previous = _previous(self.state, self.site_dir)
        self._made: list[_Engine | BaseException] = []
        work = (docs, self.stage, config, bulk, generation, cache, self.previous)
        self._thread = threading.Thread(target=self._run, args=work, daemon=True)
        self._thread.start()

    def _run(self, *work) -> None:
        try:
            self._made.append(_engine(*work))
        except BaseException as e:  # raised where the build waits for it
            self._made.append(e)

    def result(self) -> _Engine:
        self._thread.join()
        made = self._made[0]
        if isinstance(made, BaseException):
            raise made
        return made

    def discard(self) -> None:
        self._thread.join()
        shutil.rmtree(self.stage, ignore_errors=True)


def build(
    docs: Path,
    site_dir: Path,
    parts: Parts,
    generation: str,
    cache: Path,
    config: Config,
    progress: bool = False,
    started: Engine | None = None,
) -> Built:
    """Build the site from `docs` (engine pages) and `parts` into `site_dir`; `generation` is the digest of what
    every page depends on besides its records, `cache` the folder of the manifest and the card cache. `started`:
    the engine's run, if started already from these docs and bulk pages."""
    bulk = parts.bulk
    peak_mb: dict[str, float] = {}
    run = started or Engine(docs, site_dir, bulk, generation, cache, config)
    site_dir, stage, state, previous = run.site_dir, run.stage, run.state, run.previous
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[step] = now - clock
        clock = now

    try:
        engine = run.result()
        shells = engine.shells
        lap("MkDocs")
        # A page is what it is made from and the shell it is poured into: a section gaining or losing a depth
        # of pages (one organisation's second page) changes no other section's pages.
        keys = {p.url: _page_key(p.key, shells[site.shell_url(p.url)].digest) for p in bulk}
        card_keys, cards = _cards(parts.cards, bulk, keys, previous)
        plan = _plan(previous, bulk, keys, cards)
        pour(plan.render, parts.render, shells, stage, progress)
        lap("trang bản ghi")
        card_store = FileStore(cache / CARDS)
        drawn = place_cards(plan.cards, stage, card_store, progress)
        lap("thẻ chia sẻ")
        # A warm build leaves in place the published files the live site already links (most of the search
        # index and open data): only new or rewritten ones are staged.
        published = parts.files()
        kept = {path for path, source in published.items() if previous and _same_file(site_dir / path, source)}
        for path, source in published.items():
            if path not in kept:
                files.link(source, stage / path)
        sitemap.write(stage, config.site.public_url, engine.made, [(p.url, p.date) for p in bulk], parts.dates)
        peak_mb["dựng trang"] = (
            max(
                resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
            )
            / 1024
        )
        rendered = {p.url for p in plan.render}
    except BaseException as e:
        run.discard()  # the engine's thread may still be writing into the stage (an interrupted wait)
        if isinstance(e, KeyboardInterrupt):
            raise
        raise SiteBuildError(f"Không dựng được trang: {e}") from e
    staged = _engine_files(stage, {f"{url}index.html" for url in rendered} | set(plan.cards))
    manifest = Manifest(
        pages=keys,
        engine_files=sorted(set(staged) | kept | set(engine.made)),
        cards=card_keys,
        engine=engine.key,
        engine_made=engine.made,
    )
    state.clear()
    if previous is not None:  # a warm build
        _apply(
            stage,
            site_dir,
            previous,
            manifest,
            staged + [f"{url}index.html" for url in rendered] + list(plan.cards),
        )
    else:
        _swap(stage, site_dir)
    # Not asdict: it would copy 10^5 entries one by one, and they are plain strings already.
    state.write({f.name: getattr(manifest, f.name) for f in fields(manifest)})
    card_store.prune(used={f"{key}.png" for key in card_keys.values()}.__contains__)
    lap("đưa vào chỗ")
    return Built(timings, plan.warm, len(plan.render), len(plan.cards), drawn, peak_mb, engine.ran)


@dataclass
class _Engine:
    shells: dict[str, site.Shell]  # by shell URL
    made: list[str]  # the files the engine made, relative to the site
    key: str  # what they were made from (mkdocs_site.engine_digest)
    ran: bool


def _engine(
    docs: Path, stage: Path, config: Config, bulk: list, generation: str, cache: Path, previous: Manifest | None
) -> _Engine:
    """The engine's pages and the shells bulk pages are poured into. The engine runs unless nothing it reads
    changed since it made the live site's files (a record's own text rarely shows on an engine page): those
    files then stay where they are, and the shells are read from the cache."""
    urls = site.write_shells(docs, bulk)
    key = site.engine_digest(docs, generation)
    store = StateFile(cache / SHELLS, key)
    kept = store.read() if previous is not None and previous.engine == key else None
    if previous is not None and isinstance(kept, dict) and set(kept) == urls:
        return _Engine({url: site.Shell(html, url) for url, html in kept.items()}, previous.engine_made, key, False)
    shells = site.render_engine(docs, stage, config, urls)
    store.write({url: shell.html for url, shell in shells.items()})
    return _Engine(shells, _engine_files(stage, set()), key, True)


def _digest(*parts) -> str:
    return digest(*parts, size=16)


def _page_key(key: str, shell: str) -> str:
    """A bulk page's own key and its shell's: 10^5 a build, from two digests (no free text: no separator needed
    beyond one they never hold)."""
    return digest_bytes(f"{key}\0{shell}".encode(), size=16)


def _previous(state: StateFile, site_dir: Path) -> Manifest | None:
    kept = state.read()
    try:
        return Manifest(**kept) if kept is not None and site_dir.is_dir() else None
    except TypeError:  # written by another version
        return None


def _cards(
    eager: dict[str, share.Card], bulk: list, keys: dict[str, str], previous: Manifest | None
) -> tuple[dict[str, str], dict[str, share.Card]]:
    """Every share card's key by path, and the cards that may need placing: a `Later` page's card is made only
    when the page's key changed, since the key covers what the card is drawn from."""
    known = {path: card.key for path, card in eager.items()}
    cards = dict(eager)
    for p in bulk:
        if not isinstance(p, Later) or p.draw is None:
            continue
        kept = previous.cards.get(p.image) if previous and previous.pages.get(p.url) == keys[p.url] else None
        if kept:
            known[p.image] = kept
        else:
            card = cards[p.image] = p.draw()
            known[p.image] = card.key
    return known, cards


def _plan(previous: Manifest | None, bulk: list, keys: dict[str, str], cards: dict[str, share.Card]) -> Plan:
    if previous is None:
        return Plan(list(bulk), dict(cards), warm=False)
    render = [p for p in bulk if previous.pages.get(p.url) != keys[p.url]]
    changed = {path: card for path, card in cards.items() if previous.cards.get(path) != card.key}
    return Plan(render, changed, warm=True)


def pour(pages, render_body, shells: dict, out: Path, progress: bool) -> None:
    """Render bulk pages into their shells, on every core."""

    def one(page) -> None:
        page = page.made()
        target = out / page.url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(shells[site.shell_url(page.url)].wrap(page, render_body(page)), encoding="utf-8")

    with tqdm(total=len(pages), desc="Trang bản ghi", unit="trang", disable=not progress, leave=False) as bar:
        parallel.map_in_order(one, pages, progress=bar.update)


def place_cards(cards: dict[str, share.Card], out: Path, store: FileStore, progress: bool) -> int:
    """Put each share card in place, on every core: linked from the card store (by the card's key), drawn
    into it first if it is not there. Returns how many were drawn."""

    def one(item) -> bool:
        path, card = item
        drawn = draw(card, store)
        files.link(store.path(f"{card.key}.png"), out / path)
        return drawn

    with tqdm(total=len(cards), desc="Thẻ chia sẻ", unit="thẻ", disable=not progress, leave=False) as bar:
        return sum(parallel.map_in_order(one, list(cards.items()), progress=bar.update, chunk=200))


def draw(card: share.Card, store: FileStore) -> bool:
    """Draw a card into the store unless it is there (by its key); True when drawn."""
    name = f"{card.key}.png"
    if store.has(name):
        return False
    with store.writing(name) as f:
        share.save(card, cast(BinaryIO, f))
    return True


def draw_ahead(cards: list[share.Card], cache: Path) -> int:
    """Draw into the card store the cards a build will place, ahead of it (on a core the content step leaves
    idle); the build then links them. Returns how many were drawn."""
    store = FileStore(cache / CARDS)
    return sum(draw(card, store) for card in cards)


def _engine_files(stage: Path, skip: set[str]) -> list[str]:
    """Files of the stage that are not bulk files (pages, cards)."""
    out = []
    for root, _, names in os.walk(stage):
        rel = os.path.relpath(root, stage)
        rel = "" if rel == "." else rel + "/"
        out += [rel + f for f in names if rel + f not in skip]
    return sorted(out)


def _swap(stage: Path, site_dir: Path) -> None:
    """The staged site in place of the live one, which is then removed without waiting for it."""
    old = site_dir.with_name(f"{site_dir.name}{REPLACED}{stage.name.rsplit('-', 1)[-1]}")
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(stage, site_dir)
    _remove_replaced(site_dir)


def _remove_replaced(site_dir: Path) -> None:
    """Remove, without waiting, the sites this build and earlier ones replaced (a removal is cut short when the
    machine, the service or the container stops): only folders named as `_swap` names them, never another."""
    named = re.compile(re.escape(site_dir.name + REPLACED) + "[0-9a-f]{8}")
    for leftover in site_dir.parent.iterdir():
        if named.fullmatch(leftover.name) and leftover.is_dir() and not leftover.is_symlink():
            files.remove_in_background(leftover)


def _apply(stage: Path, site_dir: Path, previous: Manifest, manifest: Manifest, made: list[str]) -> None:
    """Move what this build staged (`made`) into the live site, and remove what it no longer has."""
    for rel in set(previous.engine_files) - set(manifest.engine_files):
        (site_dir / rel).unlink(missing_ok=True)
        _prune((site_dir / rel).parent, site_dir)  # a removed photo's download leaves its folder
    for path in set(previous.cards) - set(manifest.cards):
        (site_dir / path).unlink(missing_ok=True)
    for url in set(previous.pages) - set(manifest.pages):
        (site_dir / url / "index.html").unlink(missing_ok=True)
        _prune(site_dir / url, site_dir)
    for rel in made:
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(stage / rel, target)
    shutil.rmtree(stage, ignore_errors=True)
    _remove_replaced(site_dir)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _prune(folder: Path, root: Path) -> None:
    """Remove a page's folder and its parents once they are empty."""
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
