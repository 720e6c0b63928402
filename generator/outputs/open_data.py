"""Open data: every published initiative as CSV, CSV for Excel, JSON and (for the whole country) an Excel
workbook, for the whole country, for each province and for the national units that name no province; and the
data dictionary as JSON.

Only what the initiative pages themselves publish: approved records, authors' names only with their consent,
no photos (only a count of the publishable ones), the union's press contact on purpose.

The files are streamed: one pass over a province's records writes its files a row at a time, so 10^5 records
never sit in memory as one text, and the country's are put together from the provinces' bodies as they lie in
their files (the records are on disk once, not once more for the country). Each file is written under a
temporary name and moved into place when complete.

- `.csv`, for programs: RFC 4180, UTF-8 without a byte-order mark, comma-separated, CRLF line ends.
- `-excel.csv`, for Excel set to Vietnamese: Excel opens a double-clicked CSV with the regional list separator,
  which is ";" in vi-VN (the decimal mark being ","), and reads it as UTF-8 only after a byte-order mark; it
  turns "01" into 1. So: ";" separated, a BOM, and codes (`province_code`, `id`, `sector_code`, the phone)
  written as `="01"`, which Excel shows as the text 01. Amounts are whole numbers and dates ISO, so no decimal
  mark or day order is involved.
- `.xlsx`: typed cells, the safest for spreadsheets (generator/outputs/workbook.py).
- `.json`: English keys throughout, like the records': the file's own facts, then `records`.

Every value comes from the public, and someone else's code may show it as HTML or as Markdown: every text value
goes through the pages' sanitiser after entity decoding (markup.safe_text, markup.safe_source), so no tag and no
script link reaches a file. In CSV, a text cell that starts with `=`, `+`, `-` or `@` also gets a leading `'`: a
spreadsheet would otherwise run it as a formula (CSV injection); the workbook writes every text as text.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np

from generator import routes
from generator.catalogue.model import NATIONAL_UNITS
from generator.common import files
from generator.common.digest import digest
from generator.common.formatting import ORGANIZATION_KINDS
from generator.common.store import StateFile
from generator.config import Site
from generator.outputs import dictionary, workbook
from generator.outputs.dictionary import FIELDS, NAMES
from generator.render.markup import safe_source, safe_text

FORMAT = "4"  # of the parts kept between builds: another layout starts them afresh
TITLE = "Sáng kiến đã được công nhận — Một triệu sáng kiến"
DICTIONARY = routes.DATA_DICTIONARY  # the data dictionary, published on its own too
# Kinds of file, in the order the data page lists them: key -> (format shown, file suffix, media type).
KINDS = {
    "xlsx": ("Excel (.xlsx)", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "excel": ("CSV cho Excel", "-excel.csv", "text/csv"),
    "csv": ("CSV", ".csv", "text/csv"),
    "json": ("JSON", ".json", "application/json"),
}
_AS_TEXT = {f.name for f in FIELDS if f.type in ("code", "phone")}  # Excel would turn "01" into 1
_FORMULA = ("=", "+", "-", "@")


def write(
    catalogue,
    out: Path,
    base_url: str,
    published: dt.date,
    site: Site | None = None,
    parts: Path | None = None,
    generation: str = "",
    later: list[Joined] | None = None,
) -> list[dict]:
    """Write under `out`: `du-lieu/sang-kien.{xlsx,csv,json}` and `du-lieu/sang-kien-excel.csv` (all published
    initiatives), the same but the workbook per province (`du-lieu/tinh/<slug>…`, provinces with initiatives)
    and for the national units that name no province (`du-lieu/cong-doan-nganh…`), and `du-lieu/tu-dien.json`.
    `published` is the data's date. With `parts` (a folder kept between builds), each province's records are
    serialised into its files only when they (or the `generation`: code, taxonomies, settings) changed, and the
    country's files are put together from the bodies of the provinces' files (all carry the one publication date:
    a warm build writes what a cold one does). Returns one entry per data file, for the data page to list:
    {"path", "kind", "format", "media_type", "province": name or None, "records", "bytes"}. `later`: the
    country's text files are not written but added there, to be written once the build has what it waits for
    (`Joined`); their entries give the size they will have."""
    if parts is None:
        assert later is None  # the parts would be gone by then
        with tempfile.TemporaryDirectory() as scratch:
            return write(catalogue, out, base_url, published, site, Path(scratch), generation)
    site = site or Site()
    groups = _groups(catalogue)
    scopes = [(p.slug, routes.open_data_of_province(p.slug), p.name) for p in catalogue.taxonomy.provinces]
    scopes = [s for s in [*scopes, (routes.UNIONS, routes.open_data(routes.UNIONS), NATIONAL_UNITS)] if s[0] in groups]
    salt = digest(FORMAT, generation, base_url, site, size=16)
    recognition = catalogue.taxonomy.recognition
    head = _Head(base_url, published, site)
    made = []
    for key, stem, name in scopes:
        own = _Files(out, stem, name, head(f"{TITLE} — {name}", len(groups[key])), workbook=False)
        made.append(_Part(parts / key, own).make(catalogue, groups[key], base_url, salt, recognition))
    _prune(parts, {key for key, _, _ in scopes})
    country = _Files(out, routes.open_data(routes.INITIATIVES), None, head(TITLE, sum(p.records for p in made)), True)
    entries = country.write(made, later)
    for part in made:
        entries += part.files.entries(part.records)
    files.write_text(out / DICTIONARY, json.dumps(head.dictionary(), ensure_ascii=False, indent=1) + "\n")
    return entries


def _prune(parts: Path, keep: set[str]) -> None:
    """A province whose records all left keeps no part."""
    if parts.is_dir():
        for folder in parts.iterdir():
            if folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)


def _groups(catalogue) -> dict[str, np.ndarray]:
    """The rows of the records each file beside the country's holds, in catalogue order: a province's, or the
    national units' (none named), from the catalogue's columns: a worker that read each record to group them
    would copy the memory of all of them."""
    groups = dict(catalogue.rows_of("province"))
    if len(national := catalogue.national_rows):
        groups[routes.UNIONS] = national
    return groups


def record(i, base_url: str, recognition: dict[str, str]) -> dict:
    """One initiative as published data, in FIELDS order: None where a value is absent, lists as lists."""
    r = i.record
    org, contact = r.organization, r.press_contact
    return {
        "id": r.id,
        "url": base_url + i.url,
        "title": safe_text(r.title),
        "summary": safe_text(r.summary),
        "province": i.province.name if i.province else None,
        "province_code": i.province.code if i.province else None,
        "former_province": i.former_province,
        "union": i.union.name,
        "sector": i.sector.label,
        "sector_code": i.sector.section,
        "organization": safe_text(org.name) if org else None,
        "organization_kind": ORGANIZATION_KINDS.get(org.kind, org.kind) if org else None,
        "authors": [safe_text(a.name) for a in r.authors if a.consent_public],  # never a name without consent
        "approved_on": r.approved_on.isoformat(),
        "year": r.approved_on.year,
        "recognition": recognition.get(r.recognition, r.recognition) if r.recognition else None,
        "benefit_vnd": r.benefit_vnd,
        "benefit_note": safe_text(r.benefit_note),
        "programme": i.programme.name if i.programme else None,
        "tags": [safe_text(t) for t in r.tags],
        "problem": safe_source(r.problem),
        "solution": safe_source(r.solution),
        "results": safe_source(r.results),
        "press_contact_name": safe_text(contact.name) if contact else None,
        "press_contact_email": safe_text(contact.email) if contact else None,
        "press_contact_phone": safe_text(contact.phone) if contact else None,
        "photos": sum(1 for image in r.images if image.publishable),
    }


def csv_cell(value) -> str:
    """A value as a CSV cell: lists joined with "; ", absent as empty, formula-like text defused."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(value)
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA) else value
    return str(value)


def excel_cell(name: str, value) -> str:
    """A value as a cell of the CSV for Excel: as in the plain CSV, but codes kept as text (`="01"`)."""
    cell = csv_cell(value)
    if name in _AS_TEXT and cell:
        return '="' + cell.replace('"', '""') + '"'
    return cell


class _Head:
    """What every JSON file says about itself before its records, with English keys like the records'."""

    def __init__(self, base_url: str, published: dt.date, site: Site):
        self.base_url, self.published, self.site = base_url, published, site

    def __call__(self, title: str, count: int) -> dict:
        return {
            "title": title,
            "publisher": self.site.publisher,
            "date_published": self.published.isoformat(),
            "license": self.site.licence.name,
            "license_url": self.site.licence.url,
            "license_page": self.base_url + routes.section(routes.LICENCE),
            "dictionary": self.base_url + DICTIONARY,
            "record_count": count,
            "fields": NAMES,
        }

    def dictionary(self) -> dict:
        return {
            "title": f"Từ điển dữ liệu — {TITLE}",
            "date_published": self.published.isoformat(),
            "note": dictionary.FROM_THE_PUBLIC,
            "fields": dictionary.as_json(),
        }


class _Lines:
    """One record as the text of each file: CSV (comma), CSV for Excel (semicolon) and JSON."""

    _buffer = io.StringIO()
    _plain, _excel = csv.writer(_buffer), csv.writer(_buffer, delimiter=";")  # QUOTE_MINIMAL, "\r\n"

    def __init__(self, row: dict | None = None):
        if row is None:  # the header
            self.csv, self.excel, self.json = self._line(self._plain, NAMES), self._line(self._excel, NAMES), ""
            return
        self.csv = self._line(self._plain, [csv_cell(row[name]) for name in NAMES])
        self.excel = self._line(self._excel, [excel_cell(name, row[name]) for name in NAMES])
        self.json = json.dumps(row, ensure_ascii=False)

    @classmethod
    def _line(cls, writer, cells: list[str]) -> str:
        cls._buffer.seek(0)
        cls._buffer.truncate()
        writer.writerow(cells)
        return cls._buffer.getvalue()


_TEXTS = ("csv", "excel", "json")  # the kinds of file made of text, a record after another


class _Part:
    """One scope's records, serialised once into the scope's own files (CSV, CSV for Excel, JSON) and as the
    workbook's rows (kept in `folder`, with the digest of what they were made from). The country's files are put
    together from the bodies of the scopes' files, where they lie: the records are on disk once, not once more
    for the country."""

    ROWS = "rows.deflate"

    def __init__(self, folder: Path, files: _Files):
        self.folder, self.files = folder, files
        self.records = 0
        self.rows: workbook.Rows | None = None  # the workbook's rows, compressed
        self.bodies: dict[str, Slice] = {}  # where its records lie in each of its files

    def make(self, catalogue, positions: np.ndarray, base_url: str, salt: str, recognition: dict) -> _Part:
        """The files of the records at these rows of the catalogue, kept as they are when neither they nor the
        files' heading changed; with only the heading changed, the bodies are copied under the new one."""
        state = StateFile(self.folder / "part.json", digest(salt, catalogue.digest_of(positions), size=16))
        kept = state.read()
        if kept and (self.folder / self.ROWS).is_file() and self.files.hold(kept["bodies"]):
            self.records = kept["records"]
            self.rows = workbook.Rows(self.folder / self.ROWS, *kept["rows"])
            self.bodies = {k: Slice(self.files.path(k), *at[:2]) for k, at in kept["bodies"].items()}
            if kept["heading"] == self.files.heading:
                return self
            state.clear()  # until the files are whole again
            self.bodies = self.files.rewrap(self.bodies)
        else:
            state.clear()
            self._serialise(catalogue.at(positions), base_url, recognition)
        sizes = {k: [b.offset, b.length, b.path.stat().st_size] for k, b in self.bodies.items()}
        assert self.rows is not None
        state.write(
            {"records": self.records, "rows": [self.rows.crc, self.rows.size], "bodies": sizes,
             "heading": self.files.heading}
        )  # fmt: skip
        return self

    def _serialise(self, items: list, base_url: str, recognition: dict) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        with ExitStack() as stack:
            rows = workbook.RowsWriter(self.folder / self.ROWS)
            stack.callback(rows.file.close)  # on an error; closing it twice is nothing
            opened = {kind: stack.enter_context(self.files.writing(kind)) for kind in _TEXTS}
            for n, i in enumerate(items):
                row = record(i, base_url, recognition)
                lines = _Lines(row)
                opened["csv"].write(lines.csv.encode())
                opened["excel"].write(lines.excel.encode())
                opened["json"].write((("\n" if not n else ",\n") + lines.json).encode())
                rows.write(workbook.row(row))
            self.rows = rows.close()
            self.bodies = {kind: opened[kind].slice() for kind in _TEXTS}
        self.records = len(items)


@dataclass(frozen=True)
class Slice:
    """`length` bytes of a file from `offset`: a scope's records, between its file's heading and end."""

    path: Path
    offset: int
    length: int


@dataclass(frozen=True)
class Joined:
    """A file put together from parts' bodies as they are: `start`, the bodies with `between` them, `end`. Plain
    data, so that another process can write it (see `PublishedData.finish`)."""

    path: Path
    start: bytes
    bodies: tuple[Slice, ...]
    between: bytes
    end: bytes

    def size(self) -> int:
        """What the file holds once written."""
        gaps = len(self.between) * max(len(self.bodies) - 1, 0)
        return len(self.start) + sum(b.length for b in self.bodies) + gaps + len(self.end)

    def write(self) -> None:
        with files.replacing(self.path, "wb") as out:
            out.write(self.start)
            for n, body in enumerate(self.bodies):
                if n:
                    out.write(self.between)
                files.append(body.path, out, body.offset, body.length)
            out.write(self.end)


class _Files:
    """The files of one scope (the country, one province, the national units): each text file is its heading,
    the scope's records (a body, as in `_Part`) and an end; the country's hold every scope's body in turn."""

    def __init__(self, out: Path, stem: str, province: str | None, head: dict, workbook: bool):
        self.out, self.stem, self.province, self.head = out, stem, province, head
        self.kinds = [k for k in KINDS if workbook or k != "xlsx"]
        self.heading = digest(head, stem, size=16)  # what the bytes around the bodies are made from

    def frame(self, kind: str) -> tuple[bytes, bytes, bytes]:
        """What a file of this kind holds before its bodies, between two, and after them."""
        header = _Lines()
        if kind == "csv":
            return header.csv.encode(), b"", b""
        if kind == "excel":
            return codecs.BOM_UTF8 + header.excel.encode(), b"", b""
        head = ", ".join(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in self.head.items())
        return ("{" + head + ', "records": [').encode(), b",", b"\n]}\n"  # a body starts a line

    @contextmanager
    def writing(self, kind: str) -> Iterator[_Body]:
        """A file of this kind: its heading, the body written into what this gives, its end."""
        start, _, end = self.frame(kind)
        with files.replacing(self.path(kind), "wb") as f:
            f.write(start)
            body = _Body(f, self.path(kind), len(start))
            yield body
            f.write(end)

    def rewrap(self, bodies: dict[str, Slice]) -> dict[str, Slice]:
        """The files again, under this heading, around the bodies they hold now: each a `Joined` of one body."""
        moved = {}
        for kind, old in bodies.items():
            start, between, end = self.frame(kind)
            Joined(self.path(kind), start, (old,), between, end).write()
            moved[kind] = Slice(self.path(kind), len(start), old.length)
        return moved

    def hold(self, bodies: dict[str, list[int]]) -> bool:
        """Whether the files are still as they were written: [offset, length, size] each."""
        try:
            return set(bodies) == set(_TEXTS) and all(
                self.path(k).stat().st_size == size for k, (_, _, size) in bodies.items()
            )
        except OSError:
            return False

    def write(self, parts: list[_Part], later: list[Joined] | None = None) -> list[dict]:
        """The country's files, from the parts' bodies; with `later`, the text files are added there rather than
        written."""
        self.path("csv").parent.mkdir(parents=True, exist_ok=True)
        sizes: dict[str, int] = {}
        for kind in _TEXTS:
            start, between, end = self.frame(kind)
            joined = Joined(self.path(kind), start, tuple(part.bodies[kind] for part in parts), between, end)
            sizes[kind] = joined.size()
            if later is None:
                joined.write()
            else:
                later.append(joined)
        if "xlsx" in self.kinds:
            published = dt.date.fromisoformat(self.head["date_published"])
            sheet = workbook.Sheet(self.path("xlsx"), published, self.head["title"], self.head["publisher"])
            sheet.write([part.rows for part in parts if part.rows])
        return self.entries(sum(p.records for p in parts), sizes)

    def entries(self, records: int, sizes: dict[str, int] | None = None) -> list[dict]:
        """What the data page lists of each file: the size given, or the file's own."""
        sizes = sizes or {}
        return [
            {
                "path": self._name(kind),
                "kind": kind,
                "format": KINDS[kind][0],
                "media_type": KINDS[kind][2],
                "province": self.province,
                "records": records,
                "bytes": sizes[kind] if kind in sizes else self.path(kind).stat().st_size,
            }
            for kind in self.kinds
        ]

    def _name(self, kind: str) -> str:
        return self.stem + KINDS[kind][1]

    def path(self, kind: str) -> Path:
        return self.out / self._name(kind)


class _Body:
    """The body of a file being written: counted, so that the country's files can take it from there."""

    def __init__(self, file: IO[bytes], path: Path, offset: int):
        self.file, self.path, self.offset, self.length = file, path, offset, 0

    def write(self, data: bytes) -> None:
        self.length += self.file.write(data)

    def slice(self) -> Slice:
        return Slice(self.path, self.offset, self.length)
