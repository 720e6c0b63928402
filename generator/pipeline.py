"""The build, stage by stage, and the other commands that run parts of it.

    read and check (content/) → model (catalogue/) → pages (pages/) → render (render/, media/)
        → outputs (outputs/) → engine (engine/) → publish (publish/)

`check` stops after the model; `build` runs every stage into a staged site and puts it in place; `serve`
writes every page for the site engine's live preview. Messages go to the terminal from here; `cli.py` only
reads the command line.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from generator.catalogue.cache import RecordCache, code_digest
from generator.common import formatting
from generator.common.problems import Problem
from generator.config import Config
from generator.content.validate import LoadResult, load_content, missing_content
from generator.engine import mkdocs_site
from generator.media import cards
from generator.outputs.published import PublishedData
from generator.pages import search
from generator.pages.page import Page
from generator.pages.site_pages import all_pages
from generator.publish import build as publish
from generator.render.writer import Writer, page_file


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


def check(project: Project) -> int:
    if _content_missing(project.content):
        return 2
    loaded = load_content(project.content)
    _report(loaded.problems)
    print(_summary(loaded))
    return 1 if loaded.problems else 0


def build(
    project: Project,
    skip_invalid: bool = False,
    report: Path | None = None,
    progress: bool = True,
    metrics: Path | None = None,
) -> int:
    """Every stage; the previous site stays untouched unless the new one is complete."""
    if _content_missing(project.content):
        return 2
    start = time.perf_counter()
    generation = _generation(project)
    loaded = _load(project, RecordCache(project.cache, generation))
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
    written = _write_pages(project, loaded, progress, everything=False)
    seconds = time.perf_counter() - start
    print(
        f"Đã đọc, kiểm tra và viết {len(written.engine)} trang Markdown ({written.writer.written} thay đổi) "
        f"trong {seconds:.1f} giây; đang dựng {len(written.engine) + len(written.parts.bulk)} trang tĩnh…"
    )
    try:
        built = publish.build(
            project.docs, project.site, written.parts, generation, project.cache, project.config, progress=progress
        )
    except publish.SiteBuildError as e:
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


def serve(project: Project, address: str) -> int:
    """The live preview: every page through the engine, written again whenever content changes."""
    if _content_missing(project.content):
        return 2
    _write_pages(project, _load(project), progress=True, everything=True)
    threading.Thread(target=_watch, args=(project,), daemon=True).start()
    print(f"Xem trước tại http://{address}/ (Ctrl+C để dừng); trang tự cập nhật khi nội dung thay đổi.")
    mkdocs_site.serve(project.docs, address, project.config)
    return 0


@dataclass
class _Written:
    engine: list[Page]  # pages written for the engine into the docs folder
    writer: Writer
    parts: publish.Parts


def _load(project: Project, cache: RecordCache | None = None) -> LoadResult:
    """Stages read, check and model: the catalogue, every problem reported."""
    loaded = load_content(project.content, cache)
    if cache:
        cache.save()
    _report(loaded.problems)
    print(_summary(loaded))
    return loaded


def _write_pages(project: Project, loaded: LoadResult, progress: bool, everything: bool) -> _Written:
    """Stages pages, render and outputs. `everything` writes bulk pages as Markdown too, for the live preview
    (which has no bulk step)."""
    cat, config = loaded.catalogue, project.config
    data = PublishedData(project.data, config)
    data.write(cat)
    pages = list(all_pages(cat, config, data.files, data.feeds))
    writer = Writer(project.docs, project.content / "media", project.cache, config)
    writer.publish_photos(cat)
    engine = pages if everything else [p for p in pages if not p.bulk]
    for page in tqdm(engine, desc="Viết trang", unit="trang", disable=not progress, leave=False):
        writer.write(page)
    writer.write_data(search.INFO_URL, search.info(cat))
    _remove_stale(project.docs, {page_file(p.url) for p in engine} | writer.photos.used)
    mkdocs_site.copy_assets(project.docs)
    drawn = {cards.DEFAULT_IMAGE: cards.DEFAULT} | {p.image: p.card for p in pages if p.card}
    bulk = [] if everything else [p for p in pages if p.bulk]
    return _Written(engine, writer, publish.Parts(bulk, writer.body, search.bundles(cat), drawn, data.paths()))


def _generation(project: Project) -> str:
    """What every page depends on besides its own records: code, templates, theme, taxonomies, configuration."""
    return code_digest(Path(__file__).parent, project.content / "taxonomies", *mkdocs_site.engine_inputs()) + repr(
        project.config
    )


def _remove_stale(docs: Path, keep: set[str]) -> None:
    """A record or photo that was unpublished or removed must not keep its old file."""
    stale = [p for p in docs.rglob("*.md")] + [p for p in (docs / "media").rglob("*") if p.is_file()]
    for path in stale:
        if path.relative_to(docs).as_posix() not in keep:
            path.unlink()


def _watch(project: Project) -> None:
    """Regenerate pages when content changes; the engine then rebuilds and reloads the browser."""
    last = _stamp(project.content)
    while True:
        time.sleep(1)
        now = _stamp(project.content)
        if now != last:
            last = now
            written = _write_pages(project, _load(project), progress=False, everything=True)
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
    return (
        f"{formatting.number(len(cat.initiatives))} sáng kiến được công bố, "
        f"{formatting.number(loaded.not_approved)} chưa duyệt (bỏ qua), "
        f"{formatting.number(loaded.invalid)} tệp lỗi, {formatting.number(len(cat.stories))} câu chuyện"
    )


def _write_metrics(path: Path, content_seconds: float, built: publish.Built, written: _Written) -> None:
    """Figures for benchmarks/: each step's time and peak memory, and what a warm build kept."""
    path.write_text(
        json.dumps(
            {
                "seconds": {"nội dung": content_seconds, **built.seconds},
                "peak_mb": built.peak_mb,
                "pages": len(written.engine) + len(written.parts.bulk),
                "warm": built.warm,
                "rendered": built.rendered,
                "reindexed": built.reindexed,
                "cards": built.cards,
                "cards_drawn": built.drawn,
                "photos_encoded": written.writer.photos.encoded,
            }
        ),
        encoding="utf-8",
    )
