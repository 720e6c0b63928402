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

import csv
import datetime as dt
import io
import json
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

from generator import routes
from generator.catalogue.model import NATIONAL_UNITS
from generator.common import files
from generator.common.formatting import ORGANIZATION_KINDS
from generator.config import Site
from generator.outputs import dictionary
from generator.outputs.dictionary import FIELDS, NAMES
from generator.outputs.workbook import Sheet
from generator.render.markup import safe_source, safe_text

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


def write(catalogue, out: Path, base_url: str, published: dt.date, site: Site | None = None) -> list[dict]:
    """Write under `out`: `du-lieu/sang-kien.{xlsx,csv,json}` and `du-lieu/sang-kien-excel.csv` (all published
    initiatives), the same but the workbook per province (`du-lieu/tinh/<slug>…`, provinces with initiatives)
    and for the national units that name no province (`du-lieu/cong-doan-nganh…`), and `du-lieu/tu-dien.json`.
    `published` is the data's date. Returns one entry per data file: {"path", "kind", "format", "media_type",
    "province": name or None, "records", "bytes"}, for the data page to list."""
    counts = Counter(_scope(i) for i in catalogue.initiatives)
    scopes = [(p.slug, routes.open_data_of_province(p.slug), p.name) for p in catalogue.taxonomy.provinces]
    scopes = [s for s in [*scopes, (routes.UNIONS, routes.open_data(routes.UNIONS), NATIONAL_UNITS)] if counts[s[0]]]
    recognition = catalogue.taxonomy.recognition
    head = _Head(base_url, published, site or Site())
    with ExitStack() as stack:
        everything = stack.enter_context(
            _Files(out, routes.open_data(routes.INITIATIVES), None, head(TITLE, len(catalogue.initiatives)), True)
        )
        local = {
            key: stack.enter_context(_Files(out, stem, name, head(f"{TITLE} — {name}", counts[key]), False))
            for key, stem, name in scopes
        }
        for i in catalogue.initiatives:
            row = record(i, base_url, recognition)
            # Serialised once, written twice: to the country files and to the province files.
            lines = _Lines(row)
            everything.add(lines, row)
            local[_scope(i)].add(lines, row)
        everything.finish()
        for pair in local.values():
            pair.finish()
    files.write_text(out / DICTIONARY, json.dumps(head.dictionary(), ensure_ascii=False, indent=1) + "\n")
    return everything.entries + [e for key, _, _ in scopes for e in local[key].entries]


def _scope(i) -> str:
    """The file beside the country's that holds a record: its province's, or the national units'."""
    return i.province.slug if i.province else routes.UNIONS


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


class _Files:
    """The files of one scope (the country or one province), written as records arrive."""

    def __init__(self, out: Path, stem: str, province: str | None, head: dict, workbook: bool):
        self.out, self.stem, self.province, self.head = out, stem, province, head
        self.kinds = [k for k in KINDS if workbook or k != "xlsx"]
        self.records = 0
        self.entries: list[dict] = []
        self.opened: dict = {}
        self.sheet: Sheet | None = None

    def __enter__(self):
        try:
            self._start()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _start(self) -> None:
        self._path("csv").parent.mkdir(parents=True, exist_ok=True)
        header = _Lines()
        # newline="" keeps the csv module's \r\n and newlines inside cells as they are.
        self._open("csv", encoding="utf-8", newline="").write(header.csv)
        self._open("excel", encoding="utf-8-sig", newline="").write(header.excel)  # utf-8-sig: the BOM
        head = ", ".join(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in self.head.items())
        self._open("json", encoding="utf-8", newline="\n").write("{" + head + ', "records": [')
        if "xlsx" in self.kinds:
            published = dt.date.fromisoformat(self.head["date_published"])
            self.sheet = Sheet(self._path("xlsx"), published, self.head["title"], self.head["publisher"])

    def add(self, lines: _Lines, row: dict) -> None:
        """One record: its line in each file, its row in the workbook."""
        self.opened["csv"].write(lines.csv)
        self.opened["excel"].write(lines.excel)
        self.opened["json"].write(("\n" if not self.records else ",\n") + lines.json)
        if self.sheet:
            self.sheet.add(row)
        self.records += 1

    def finish(self) -> None:
        """Close every file and move it into place."""
        self.opened["json"].write("\n]}\n")
        for file in self.opened.values():
            file.close()
        if self.sheet:
            self.sheet.finish()  # moved into place by the sheet itself
        for kind in self.kinds:
            path = self._path(kind)
            if kind != "xlsx":
                files.temporary(path).replace(path)
            self.entries.append(
                {
                    "path": self._name(kind),
                    "kind": kind,
                    "format": KINDS[kind][0],
                    "media_type": KINDS[kind][2],
                    "province": self.province,
                    "records": self.records,
                    "bytes": path.stat().st_size,
                }
            )
        self.opened = {}

    def __exit__(self, *exc) -> None:
        """On an error, close and remove what was half written; the files already in place stay."""
        for file in self.opened.values():
            file.close()
            Path(file.name).unlink(missing_ok=True)
        self.opened = {}

    def _open(self, kind: str, **kwargs):
        # Open for the whole pass; closed by finish() or __exit__().
        file = open(files.temporary(self._path(kind)), "w", **kwargs)  # noqa: SIM115
        self.opened[kind] = file
        return file

    def _name(self, kind: str) -> str:
        return self.stem + KINDS[kind][1]

    def _path(self, kind: str) -> Path:
        return self.out / self._name(kind)
