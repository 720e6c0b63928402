"""The open data as an Excel workbook: typed cells, codes kept as text, a frozen header, the dictionary beside.

openpyxl makes the package (workbook, styles, the header row, the dictionary sheet); the data rows are written
here as SpreadsheetML text, in the form openpyxl's write-only mode gives them (inline strings, numbers, dates as
serial numbers with the package's own date and money styles), and spliced into the data sheet. openpyxl's
per-cell objects cost about 17 µs a cell, 35 s for 10^5 records; this costs about a tenth of that, and the rows
stream through files, so 10^5 records never sit in memory as cells. Each province's rows are kept compressed
(`Rows`), and the country's sheet is made of them without compressing again: a change compresses one province.
The archive's entries are dated with the data's publication day, not the time of writing: the same data gives the
same bytes (warm and cold builds must agree).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from generator.common import files
from generator.outputs.dictionary import FIELDS, TYPES, Field

DATA_SHEET, DICTIONARY_SHEET = "Sáng kiến", "Từ điển dữ liệu"
DATE_FORMAT = "dd/mm/yyyy"  # as Vietnamese readers write dates
MONEY_FORMAT = "#,##0"  # shown with the reader's own thousands separator
_BOLD = Font(bold=True)
_EPOCH = dt.date(1899, 12, 30)  # day 0 of a spreadsheet's dates
_COLUMNS = [get_column_letter(n) for n in range(1, len(FIELDS) + 1)]
_SAMPLE = re.compile(rb'<row r="2">.*?</row>', re.S)  # the row the package is made with, to learn its styles
_STYLE = re.compile(rb'<c r="([A-Z]+)2" s="(\d+)"')


class Sheet:
    """One workbook: the package, and the data rows streamed in from files of `row()`s."""

    def __init__(self, path: Path, published: dt.date, title: str, publisher: str):
        self.path, self.published = path, published
        self.package = _package(published, title, publisher)

    def write(self, rows: list[Rows]) -> None:
        """The package with `rows` (compressed runs of rows, in order) in its data sheet, written under a temporary
        name and moved into place. The runs are not compressed again: the sheet's deflate stream is its head's,
        the runs' and its tail's one after another."""
        with files.replacing(self.path, "wb") as out, _DatedZip(out, self.published) as archive:
            for name, data in self.package.items():
                if name != _DATA_PART:
                    archive.writestr(name, data)
                    continue
                head, tail = _SAMPLE.split(data, maxsplit=1)
                start, end = _deflate(head, zlib.Z_SYNC_FLUSH), _deflate(tail, zlib.Z_FINISH)
                crc, size = zlib.crc32(head), len(head)
                for run in rows:
                    crc, size = _crc32_combine(crc, run.crc, run.size), size + run.size
                crc, size = _crc32_combine(crc, zlib.crc32(tail), len(tail)), size + len(tail)
                packed = len(start) + sum(run.path.stat().st_size for run in rows) + len(end)
                with archive.entry(archive.info(name), crc, size, packed) as entry:
                    entry.write(start)
                    for run in rows:
                        files.append(run.path, entry)
                    entry.write(end)


@dataclass(frozen=True)
class Rows:
    """A run of rows, raw-deflated and ending on a byte boundary (a sync flush, never a last block), with the
    CRC-32 and length of the text it holds: runs one after another are one deflate stream (as pigz makes)."""

    path: Path
    crc: int
    size: int


class RowsWriter:
    """Rows written through deflate into `path`, as a `Rows` once closed."""

    def __init__(self, path: Path):
        self.path, self.file = path, open(path, "wb")  # noqa: SIM115 (closed by close())
        self.deflate = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
        self.crc = self.size = 0

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        self.crc, self.size = zlib.crc32(data, self.crc), self.size + len(data)
        self.file.write(self.deflate.compress(data))

    def close(self) -> Rows:
        self.file.write(self.deflate.flush(zlib.Z_SYNC_FLUSH))
        self.file.close()
        return Rows(self.path, self.crc, self.size)


def _deflate(data: bytes, end: int) -> bytes:
    deflate = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return deflate.compress(data) + deflate.flush(end)


def _crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """The CRC-32 of A + B from A's, B's and B's length (zlib's crc32_combine, which Python does not offer)."""

    def times(matrix: list[int], vector: int) -> int:
        total, k = 0, 0
        while vector:
            if vector & 1:
                total ^= matrix[k]
            vector, k = vector >> 1, k + 1
        return total

    def square(matrix: list[int]) -> list[int]:
        return [times(matrix, row) for row in matrix]

    zeros = [0xEDB88320] + [1 << n for n in range(31)]  # appending one zero bit to a CRC
    zeros = square(square(square(zeros)))  # one zero byte
    while len2:  # crc1 as if len2 zero bytes followed A, by squaring: 1, 2, 4… bytes
        if len2 & 1:
            crc1 = times(zeros, crc1)
        len2 >>= 1
        if len2:
            zeros = square(zeros)
    return crc1 ^ crc2


def row(record: dict) -> str:
    """One record as a row of the data sheet. Rows and cells carry no reference (`r`, optional in SpreadsheetML):
    a row is the same wherever it goes, so a province's rows are made once and the country's sheet is theirs
    put together."""
    return "<row>" + "".join(_cell(f, record[f.name]) for f in FIELDS) + "</row>"


def _cell(field: Field, value) -> str:
    """A typed cell: dates as dates, amounts as numbers, everything else as text (never a formula). An absent
    value is an empty cell, which keeps the next cells in their columns."""
    if value is None or value == []:
        return "<c/>"
    if field.type == "date":
        days = (dt.date.fromisoformat(value) - _EPOCH).days
        return f'<c s="{_styles()["date"]}" t="n"><v>{days}</v></c>'
    if field.type == "integer":
        style = f' s="{_styles()["money"]}"' if field.unit == "đồng/năm" else ""
        return f'<c{style} t="n"><v>{int(value)}</v></c>'
    text = ILLEGAL_CHARACTERS_RE.sub("", "; ".join(value) if isinstance(value, list) else value)
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


_DATA_PART = "xl/worksheets/sheet1.xml"
LEVEL = 6  # zlib's default: the data sheet is most of a download of tens of MB


def _package(published: dt.date, title: str, publisher: str) -> dict[str, bytes]:
    """Every part of the workbook, made by openpyxl, its data sheet holding the header and one sample row."""
    book = Workbook(write_only=True)
    stamp = dt.datetime.combine(published, dt.time())
    book.properties.created = book.properties.modified = stamp
    book.properties.title, book.properties.creator = title, publisher
    data = book.create_sheet(DATA_SHEET)
    data.freeze_panes = "A2"
    _widths(data, [f.width for f in FIELDS])
    data.append([_header(data, f.name) for f in FIELDS])
    data.append([_sample(data, f) for f in FIELDS])
    sheet = book.create_sheet(DICTIONARY_SHEET)
    sheet.freeze_panes = "A2"
    _widths(sheet, [22, 26, 20, 12, 30, 70])
    sheet.append([_header(sheet, h) for h in ("Trường", "Tên", "Kiểu", "Đơn vị", "Ví dụ", "Ý nghĩa")])
    for f in FIELDS:
        example = "; ".join(f.example) if isinstance(f.example, list) else f.example
        sheet.append([f.name, f.label, TYPES[f.type], f.unit, example, f.description])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        ExcelWriter(book, archive).save()  # not book.save(): that dates the workbook with the clock
    with zipfile.ZipFile(buffer) as made:
        return {name: made.read(name) for name in made.namelist()}


def _sample(sheet, field: Field):
    """A cell of the sample row: a date or an amount in its style, so the package holds those styles."""
    if field.type == "date":
        cell = WriteOnlyCell(sheet, dt.date(2000, 1, 1))
        cell.number_format = DATE_FORMAT
        return cell
    if field.type == "integer" and field.unit == "đồng/năm":
        cell = WriteOnlyCell(sheet, 1)
        cell.number_format = MONEY_FORMAT
        return cell
    return None


@functools.cache
def _styles() -> dict[str, str]:
    """The style numbers openpyxl gives the sample row's date and amount cells (the same in every package)."""
    row = _SAMPLE.search(_package(dt.date(2000, 1, 1), "", "")[_DATA_PART])
    assert row, "the data sheet has its sample row"
    by_column = {column.decode(): style.decode() for column, style in _STYLE.findall(row.group(0))}
    date = next(c for f, c in zip(FIELDS, _COLUMNS, strict=True) if f.type == "date")
    money = next(c for f, c in zip(FIELDS, _COLUMNS, strict=True) if f.unit == "đồng/năm")
    return {"date": by_column[date], "money": by_column[money]}


def _header(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, text)
    cell.font = _BOLD
    return cell


def _widths(sheet, widths: list[int]) -> None:
    for n, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(n)].width = width


class _DatedZip(zipfile.ZipFile):
    """A zip archive whose every entry carries one date, whatever the clock says."""

    def __init__(self, file, day: dt.date):
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self.stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)

    def info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, self.stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        return info

    @contextmanager
    def entry(self, info: zipfile.ZipInfo, crc: int, size: int, packed: int) -> Iterator[IO[bytes]]:
        """An entry whose deflated bytes the caller writes, knowing beforehand their CRC and lengths (zipfile
        compresses what it is given, so the entry's header and directory record are written here)."""
        info.CRC, info.file_size, info.compress_size = crc, size, packed
        zip64 = max(size, packed) > zipfile.ZIP64_LIMIT
        assert self.fp is not None
        info.header_offset = self.fp.tell()
        self.fp.write(info.FileHeader(zip64))
        yield self.fp
        assert self.fp.tell() == info.header_offset + len(info.FileHeader(zip64)) + packed, "the lengths told"
        self.filelist.append(info)
        self.NameToInfo[info.filename] = info
        self.start_dir = self.fp.tell()
        self._didModify = True

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs):
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, zipfile.ZipInfo) else zinfo_or_arcname
        super().writestr(self.info(name), data)
