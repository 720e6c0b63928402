"""Open data: every published initiative as CSV, CSV for Excel, JSON and (for the whole country) an Excel
workbook, for the whole country, for each province and for the national units that name no province; and the
data dictionary as JSON.

Only what the initiative pages themselves publish: approved records, authors' names only with their consent,
no photos (only a count of the publishable ones), the union's press contact on purpose.

The files are streamed: one pass over the records writes the country files and the province files together,
a row at a time, so 10^5 records never sit in memory as one text. Each file is written under a temporary name
and moved into place when complete.

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
import os
import shutil
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

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

FORMAT = "3"  # of the parts kept between builds: another layout starts them afresh
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
    serialised only when they (or the `generation`: code, taxonomies, settings) changed, and every file is put
    together from the provinces' parts (all carry the one publication date: a warm build writes what a cold one
    does). Returns one entry per
    data file: {"path", "kind", "format", "media_type", "province": name or None, "records", "bytes"}, for the
    data page to list. `later`: the country's text files are not written but added there, to be written once the
    build has what it waits for (`Joined`); their entries give the size they will have."""
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
    made = [_Part(parts / key, base_url).make(catalogue, groups[key], salt, recognition) for key, _, _ in scopes]
    _prune(parts, {key for key, _, _ in scopes})
    return _assemble(out, scopes, made, base_url, published, site, later)


def _assemble(
    out: Path,
    scopes: list,
    made: list[_Part],
    base_url: str,
    published: dt.date,
    site: Site,
    later: list[Joined] | None,
) -> list[dict]:
    """Each scope's files from its part, then the country's from every part, then the dictionary."""
    entries: list[dict] = []
    for (_, stem, name), part in zip(scopes, made, strict=True):
        head = _Head(base_url, published, site)(f"{TITLE} — {name}", part.records)
        entries += _Files(out, stem, name, head, workbook=False).write_unless_kept(part)
    head = _Head(base_url, published, site)(TITLE, sum(p.records for p in made))
    country = _Files(out, routes.open_data(routes.INITIATIVES), None, head, workbook=True).write(made, later)
    files.write_text(
        out / DICTIONARY, json.dumps(_Head(base_url, published, site).dictionary(), ensure_ascii=False, indent=1) + "\n"
    )
    return country + entries


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


_KINDS = ("csv", "excel", "json", "xlsx")


class _Part:
    """One scope's records serialised once, as the bodies of its files (CSV, CSV for Excel, JSON, workbook rows),
    kept in `folder/<scope>/` with the digest of what they were made from."""

    BODIES: ClassVar = {"csv": "body.csv", "excel": "body-excel.csv", "json": "body.json", "xlsx": "rows.deflate"}

    def __init__(self, folder: Path, base_url: str):
        self.folder, self.base_url = folder, base_url
        self.records = 0
        self.key = ""  # what its bodies were made from
        self.rows: workbook.Rows | None = None  # the workbook's rows, compressed

    def body(self, kind: str) -> Path:
        return self.folder / self.BODIES[kind]

    def make(self, catalogue, positions: np.ndarray, salt: str, recognition: dict[str, str]) -> _Part:
        """The part of the records at these rows of the catalogue, kept as it is when they did not change."""
        self.key = key = digest(salt, catalogue.digest_of(positions), size=16)
        state = StateFile(self.folder / "part.json", key)
        kept = state.read()
        if kept and all(self.body(k).is_file() for k in self.BODIES):
            self.records = kept["records"]
            self.rows = workbook.Rows(self.body("xlsx"), *kept["rows"])
            return self
        items = catalogue.at(positions)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        with ExitStack() as stack:
            rows = workbook.RowsWriter(self.body("xlsx"))
            stack.callback(rows.file.close)  # on an error; closing it twice is nothing
            opened = {
                k: stack.enter_context(open(self.body(k), "w", encoding="utf-8", newline=""))
                for k in self.BODIES
                if k != "xlsx"
            }
            for n, i in enumerate(items):
                row = record(i, self.base_url, recognition)
                lines = _Lines(row)
                opened["csv"].write(lines.csv)
                opened["excel"].write(lines.excel)
                opened["json"].write(("\n" if not n else ",\n") + lines.json)
                rows.write(workbook.row(row))
            self.rows = rows.close()
        self.records = len(items)
        state.write({"records": self.records, "rows": [self.rows.crc, self.rows.size]})
        return self


@dataclass(frozen=True)
class Joined:
    """A file put together from parts' bodies as they are: `start`, the bodies with `between` them, `end`. Plain
    data, so that another process can write it (see `PublishedData.finish`)."""

    path: Path
    start: bytes
    bodies: tuple[Path, ...]
    between: bytes
    end: bytes

    def size(self) -> int:
        """What the file holds once written."""
        gaps = len(self.between) * max(len(self.bodies) - 1, 0)
        return len(self.start) + sum(os.stat(b).st_size for b in self.bodies) + gaps + len(self.end)

    def write(self) -> None:
        with files.replacing(self.path, "wb") as out:
            out.write(self.start)
            for n, body in enumerate(self.bodies):
                if n:
                    out.write(self.between)
                files.append(body, out)
            out.write(self.end)


class _Files:
    """The files of one scope (the country or one province), put together from the parts of its records."""

    def __init__(self, out: Path, stem: str, province: str | None, head: dict, workbook: bool):
        self.out, self.stem, self.province, self.head = out, stem, province, head
        self.kinds = [k for k in KINDS if workbook or k != "xlsx"]

    def write_unless_kept(self, part: _Part) -> list[dict]:
        """A province's files, kept as they are when its records and heading did not change: a change puts
        together again only its province's files and the country's."""
        state = StateFile(part.folder / "files.json", digest(part.key, self.head, str(self._path("csv")), size=16))
        if state.read() is not None and all(self._path(kind).is_file() for kind in self.kinds):
            return [self._entry(kind, part.records) for kind in self.kinds]
        entries = self.write([part])
        state.write(True)
        return entries

    def write(self, parts: list[_Part], later: list[Joined] | None = None) -> list[dict]:
        """The files of these parts; with `later`, the text files are added there rather than written."""
        self._path("csv").parent.mkdir(parents=True, exist_ok=True)
        header = _Lines()
        head = ", ".join(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in self.head.items())
        texts = {
            "csv": (header.csv.encode(), b"", b""),
            "excel": (codecs.BOM_UTF8 + header.excel.encode(), b"", b""),
            "json": (("{" + head + ', "records": [').encode(), b",", b"\n]}\n"),  # every part holds records
        }
        sizes: dict[str, int] = {}
        for kind, (start, between, end) in texts.items():
            joined = Joined(self._path(kind), start, tuple(part.body(kind) for part in parts), between, end)
            sizes[kind] = joined.size()
            if later is None:
                joined.write()
            else:
                later.append(joined)
        if "xlsx" in self.kinds:
            published = dt.date.fromisoformat(self.head["date_published"])
            sheet = workbook.Sheet(self._path("xlsx"), published, self.head["title"], self.head["publisher"])
            sheet.write([part.rows for part in parts if part.rows])
        return [self._entry(kind, sum(p.records for p in parts), sizes.get(kind)) for kind in self.kinds]

    def _entry(self, kind: str, records: int, size: int | None = None) -> dict:
        return {
            "path": self._name(kind),
            "kind": kind,
            "format": KINDS[kind][0],
            "media_type": KINDS[kind][2],
            "province": self.province,
            "records": records,
            "bytes": self._path(kind).stat().st_size if size is None else size,
        }

    def _name(self, kind: str) -> str:
        return self.stem + KINDS[kind][1]

    def _path(self, kind: str) -> Path:
        return self.out / self._name(kind)
