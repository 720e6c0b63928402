"""`showcase import FILE`: a portal export (.xlsx or .csv) into one YAML file per initiative.

    rows (sheets.py, xlsx.py) -> header (headers.py) -> fields (records.py, values.py)
        -> merged with the file already there (writer.py) -> checked as `check` checks -> written if changed

Rows stream through: the main process reads and numbers them, catches repeated ids and writes the files; the
other cores turn batches into records and check them. A handful of batches are in flight at once, so memory stays
bounded whatever the size of the export. Records go to content/initiatives/cong-thong-tin/<id>.yml; a file
there whose record left the export is withdrawn at the end, never deleted.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
import sys
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from generator.common import files, formatting
from generator.common.problems import Problem, quote, relative
from generator.content.source import Document, SourceError, parse_yaml
from generator.content.taxonomy import Taxonomy
from generator.content.validate import check_initiative, missing_content
from generator.tools.importer import headers, records, sheets, values, writer
from generator.tools.importer.headers import Columns, Mapping

BATCH = 256  # rows a worker takes at once
IN_FLIGHT = 3  # batches per core waiting or at work: bounds memory
PARALLEL_FROM_BYTES = 2_000_000  # a smaller export is done in this process: starting workers costs more
_ID_LINE = re.compile(r"""^id:\s*["']?([A-Za-z0-9][A-Za-z0-9-]*)""", re.MULTILINE)


@dataclass
class Done:
    """What became of one row (or of one file that left the export)."""

    number: int
    id: str
    kind: str  # "new" | "updated" | "unchanged" | "rejected" | "left" (not in the export)
    problems: list[Problem] = field(default_factory=list)
    withdrawn: bool = False
    status: str = ""  # the export's status, for the report
    kept_status: str = ""  # an editor's status kept against the export's
    target: str = ""  # the record's file, as seen from beside content/
    text: str | None = None  # what to write there (the main process writes: one writer in the folder)


@dataclass(frozen=True)
class _Job:
    """Everything a worker needs, inherited when it is forked."""

    source: str  # the export, as the editor named it: the FILE of FILE:ROW
    content: Path
    folder: Path
    columns: Columns
    taxonomy: Taxonomy
    reader: records.Reader
    existing: dict[str, str]  # file names in the folder, by their name in lower case
    dry_run: bool


_JOB: _Job | None = None


def run(path: Path, content: Path, mapping_path: Path | None, dry_run: bool, progress: bool = True) -> int:
    start = time.perf_counter()
    missing = missing_content(content)
    if missing:
        print(missing, file=sys.stderr)
        return 2
    try:
        mapping = headers.load_mapping(mapping_path)
        sheet = sheets.open_sheet(path)
    except headers.MappingError as e:
        for line, where, reason in e.problems:
            print(Problem(str(mapping_path), line, where, reason), file=sys.stderr)
        return 2
    except sheets.BadFile as e:
        print(f"{path}: {e}", file=sys.stderr)
        return 2
    try:
        return _import(path, content, mapping, sheet, dry_run, progress, start)
    except sheets.BadFile as e:
        print(f"{path}: {e}", file=sys.stderr)
        return 2


def _import(path: Path, content: Path, mapping: Mapping, sheet, dry_run: bool, progress: bool, start: float) -> int:
    global _JOB
    columns, rows = headers.find(sheet.rows, mapping)
    if columns is None or columns.missing():
        for problem in _header_problems(str(path), columns):
            print(problem, file=sys.stderr)
        return 2
    if columns.unused:
        print("Cột không dùng: " + ", ".join(quote(c) for c in columns.unused))
    folder = content / "initiatives" / writer.FOLDER
    existing = {name.lower(): name for name in os.listdir(folder)} if folder.is_dir() else {}
    if not dry_run:
        folder.mkdir(parents=True, exist_ok=True)
    taxonomy = Taxonomy(content / "taxonomies")
    reader = records.Reader(columns, taxonomy, sheet.epoch_1904)
    _JOB = _Job(str(path), content, folder, columns, taxonomy, reader, existing, dry_run)
    try:
        done = list(_rows(path, rows, sheet, columns, content, folder, progress))
    finally:
        _JOB = None
    seen = {d.id.lower() for d in done if d.id}
    done += [_leave(folder / existing[key], content, dry_run) for key in sorted(existing) if _left(key, seen)]
    return _report(path, done, dry_run, time.perf_counter() - start)


def _header_problems(source: str, columns: Columns | None) -> list[Problem]:
    if columns is None:
        wanted = ", ".join(quote(headers.FIELDS[f]) for f in headers.REQUIRED)
        return [
            Problem(
                source,
                1,
                headers.HEADER_WHERE,
                f"không tìm thấy dòng tiêu đề trong {headers.LOOK_AHEAD} dòng đầu: cần các cột như {wanted} "
                "(tên cột khác: dùng --mapping)",
            )
        ]
    return [
        Problem(source, columns.last, headers.HEADER_WHERE, f"thiếu cột {quote(headers.FIELDS[f])} ({f})")
        for f in columns.missing()
    ]


def _left(name: str, seen: set[str]) -> bool:
    return name.endswith(".yml") and not name.startswith(".") and name[: -len(".yml")] not in seen


# --- the main process: rows in, repeated ids out, batches to the workers ------------------------------------


def _rows(path: Path, rows, sheet, columns: Columns, content: Path, folder: Path, progress: bool) -> Iterator[Done]:
    source = str(path)
    handwritten = _handwritten_ids(content, folder)
    seen: dict[str, int] = {}
    bar = tqdm(total=sheet.total, desc="Nhập", unit=" dòng", disable=None if progress else True, leave=False)
    pending: list[tuple[int, list]] = []
    ordered: list[Done] = []  # rows refused here, put back in order with the workers' results

    def batches() -> Iterator[list]:
        nonlocal pending
        for number, cells in rows:
            bar.update(1)
            if not any(_filled(c) for c in cells):
                continue  # a blank row
            refused = _repeated(source, number, cells, columns, seen, handwritten)
            if refused is not None:
                ordered.append(refused)
                continue
            pending.append((number, cells))
            if len(pending) >= BATCH:
                yield pending
                pending = []
        if pending:
            yield pending

    results = _map(batches(), parallel=_parallel(path))
    merged: list[Done] = []
    for part in results:
        for done in part:
            if done.text is not None:
                # Written here rather than by the workers: two processes creating files in one folder wait on
                # each other's hold on it, and that cost more system time than the writing itself.
                files.write_text(folder / Path(done.target).name, done.text)
                done.text = None
        merged.extend(part)
    bar.close()
    merged.extend(ordered)
    merged.sort(key=lambda d: d.number)
    yield from merged


def _filled(cell) -> bool:
    return cell is not None and (not isinstance(cell, str) or bool(cell.strip()))


def _repeated(source: str, number: int, cells: list, columns: Columns, seen: dict, handwritten: dict) -> Done | None:
    """A row whose id an earlier row, or a record written by hand, already has."""
    k = columns.at["id"]
    try:
        written = values.line(cells[k]) if k < len(cells) else ""
    except values.Refused:
        return None  # the worker says why
    key = written.lower()
    if not key:
        return None
    name = columns.names["id"]
    if key in seen:
        why = f"trùng mã với dòng {seen[key]}; dòng này bị bỏ qua ({quote(written)})"
        return Done(number, "", "rejected", [Problem(source, number, name, why)])
    if key in handwritten:
        why = f"mã đã có ở tệp viết tay {handwritten[key]}; không nhập đè ({quote(written)})"
        return Done(number, written, "rejected", [Problem(source, number, name, why)])
    seen[key] = number
    return None


def _handwritten_ids(content: Path, folder: Path) -> dict[str, str]:
    """Ids of the records outside the import's folder (lower case -> file), read from their `id:` line."""
    out: dict[str, str] = {}
    for root, dirs, names in os.walk(content / "initiatives"):
        if Path(root) == folder:
            dirs.clear()
            continue
        for name in names:
            if name.endswith((".yml", ".yaml")):
                file = Path(root) / name
                try:
                    found = _ID_LINE.search(file.read_text(encoding="utf-8", errors="replace"))
                except OSError:
                    continue
                if found:
                    out.setdefault(found.group(1).lower(), relative(file, content))
    return out


def _parallel(path: Path) -> bool:
    try:
        return (os.cpu_count() or 1) > 1 and path.stat().st_size >= PARALLEL_FROM_BYTES
    except OSError:
        return False


def _map(batches: Iterator[list], parallel: bool) -> Iterator[list[Done]]:
    """_batch over every batch, in order; on every core, with a bounded number of batches in flight."""
    if not parallel:
        yield from map(_batch, batches)
        return
    cores = os.cpu_count() or 1
    gc.freeze()  # what is loaded now is shared with the workers, never scanned or copied again
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        waiting: deque = deque()
        for batch in batches:
            waiting.append(pool.apply_async(_batch, (batch,)))
            while len(waiting) >= cores * IN_FLIGHT:
                yield waiting.popleft().get()
        while waiting:
            yield waiting.popleft().get()


# --- a worker: a batch of rows into records, checked and written --------------------------------------------


def _batch(batch: list[tuple[int, list]]) -> list[Done]:
    job = _JOB
    assert job is not None
    return [_one(job, number, cells) for number, cells in batch]


def _one(job: _Job, number: int, cells: list) -> Done:
    row = job.reader.read(number, cells)
    if row.problems:
        return Done(number, row.id, "rejected", [_at(job, number, f, why) for f, why in row.problems])
    fresh = row.data
    name = f"{fresh['id'].lower()}.yml"
    target = job.folder / job.existing.get(name, name)  # a file renamed by hand in another case is still it
    shown = relative(target, job.content)
    old_text = _read(target) if name in job.existing else None
    if old_text is None:
        merged = writer.merge(fresh, None, None)
    elif old_text == writer.render(fresh, {"status": fresh["status"], "tags": fresh.get("tags", [])}):
        return Done(number, fresh["id"], "unchanged", status=fresh["status"], target=shown)  # as this export gives
    else:
        try:
            existing = parse_yaml(old_text).data
        except SourceError as e:
            why = f"tệp đã có không đọc được (dòng {e.line}: {e.reason}); không ghi đè"
            return Done(number, fresh["id"], "rejected", [Problem(job.source, number, shown, why)])
        merged = writer.merge(fresh, existing, writer.read_state(old_text))
    text = writer.render(merged.data, merged.state)
    kept = merged.data["status"] if merged.kept_status else ""  # said at every import: the portal differs
    if text == old_text:
        return Done(number, fresh["id"], "unchanged", status=fresh["status"], kept_status=kept, target=shown)
    checked = check_initiative(Document(merged.data), shown, job.content, job.taxonomy)
    if checked.problems:
        return Done(number, fresh["id"], "rejected", [_checked_at(job, number, p) for p in checked.problems])
    kind = "new" if old_text is None else "updated"
    written = None if job.dry_run else text
    return Done(number, fresh["id"], kind, [], merged.withdrawn, fresh["status"], kept, shown, written)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""  # there but unreadable: never equal to a new text, and parsed (and refused) below


def _at(job: _Job, number: int, name: str, reason: str) -> Problem:
    return Problem(job.source, number, job.columns.names.get(name, name), reason)


def _checked_at(job: _Job, number: int, problem: Problem) -> Problem:
    """A problem the checker found in the record, at the column its field came from."""
    parts = problem.field.split(".")
    name = parts[0]
    if name == "organization" and parts[-1] == "kind":
        name = "organization_kind"
    elif name == "authors" and len(parts) == 3:
        name = {"role": "author_roles", "consent_public": "consent"}.get(parts[2], "authors")
    elif name == "benefit_vnd" or (name == "benefit_note" and name not in job.columns.at):
        name = "benefit"
    elif name == "province" and name not in job.columns.at:
        name = "union"
    column = job.columns.names.get(name)
    if column is None:  # a field an editor added to the file
        return Problem(job.source, number, f"{problem.field} (trong {problem.file})", problem.reason)
    reason = "không được để trống" if problem.reason.startswith("thiếu trường bắt buộc") else problem.reason
    return Problem(job.source, number, column, reason)


# --- records that left the export -------------------------------------------------------------------------


def _leave(path: Path, content: Path, dry_run: bool) -> Done:
    """Withdraw an imported record that is no longer in the export; never delete it."""
    shown = relative(path, content)
    old_text = _read(path) or ""
    try:
        existing = parse_yaml(old_text).data
    except SourceError as e:
        why = f"không còn trong bản xuất nhưng tệp không đọc được (dòng {e.line}: {e.reason}); chưa rút được"
        return Done(0, "", "left", [Problem(shown, e.line, "(tệp)", why)], target=shown)
    merged = writer.withdraw(existing, writer.read_state(old_text))
    record_id = str(existing.get("id", path.stem))
    if merged.withdrawn and not dry_run:
        files.write_text(path, writer.render(merged.data, merged.state))
    return Done(0, record_id, "left", [], merged.withdrawn, target=shown)


# --- the report -------------------------------------------------------------------------------------------


def _report(path: Path, done: list[Done], dry_run: bool, seconds: float) -> int:
    counts = {k: sum(1 for d in done if d.kind == k) for k in ("new", "updated", "unchanged", "rejected")}
    for d in done:
        for problem in d.problems:
            print(problem, file=sys.stderr)
    withdrawn = [d for d in done if d.withdrawn]
    for d in withdrawn:
        why = (
            "không còn trong bản xuất"
            if d.kind == "left"
            else f"bản xuất ghi trạng thái {quote(values.STATUS_WORDS[d.status][0])}"
        )
        print(f"{'Sẽ rút' if dry_run else 'Rút'} khỏi trang: {d.id} ({d.target}): {why}")
    for d in done:
        if d.kept_status:
            print(f"Giữ trạng thái {d.kept_status} do biên tập viên đặt: {d.id} ({d.target})")
    n = formatting.number
    rows = sum(counts.values())
    figures = (
        f"{n(counts['new'])} mới, {n(counts['updated'])} cập nhật, {n(counts['unchanged'])} không đổi, "
        f"{n(len(withdrawn))} rút khỏi trang, {n(counts['rejected'])} dòng bị từ chối"
    )
    if dry_run:
        print(f"Chạy thử, không ghi tệp nào. {path}: {n(rows)} dòng sáng kiến; sẽ có {figures} ({seconds:.1f} giây).")
    else:
        print(f"Đã nhập {path}: {n(rows)} dòng sáng kiến; {figures} ({seconds:.1f} giây).")
    if counts["rejected"]:
        print("Các dòng bị từ chối được liệt kê ở trên (TỆP:DÒNG: cột: lý do); sửa trong bản xuất rồi nhập lại.")
    return 1 if any(d.problems for d in done) else 0
