"""The open data as an Excel workbook: typed cells, codes kept as text, a frozen header, the dictionary beside.

openpyxl's write-only mode streams rows to a temporary file, so 10^5 records never sit in memory as cells.
The archive's entries are dated with the data's publication day, not the time of writing: the same data gives the
same bytes (warm and cold builds must agree).
"""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

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


class Sheet:
    """One workbook being written: `add` a record at a time, then `finish`."""

    def __init__(self, path: Path, published: dt.date, title: str, publisher: str):
        self.path, self.published = path, published
        self.book = Workbook(write_only=True)
        stamp = dt.datetime.combine(published, dt.time())
        self.book.properties.created = self.book.properties.modified = stamp
        self.book.properties.title, self.book.properties.creator = title, publisher
        self.data = self.book.create_sheet(DATA_SHEET)
        self.data.freeze_panes = "A2"
        _widths(self.data, [f.width for f in FIELDS])
        self.data.append([_header(self.data, f.name) for f in FIELDS])

    def add(self, record: dict) -> None:
        self.data.append([self._cell(f, record[f.name]) for f in FIELDS])

    def finish(self) -> None:
        """The dictionary sheet, then the archive, written under a temporary name and moved into place."""
        sheet = self.book.create_sheet(DICTIONARY_SHEET)
        sheet.freeze_panes = "A2"
        _widths(sheet, [22, 26, 20, 12, 30, 70])
        sheet.append([_header(sheet, h) for h in ("Trường", "Tên", "Kiểu", "Đơn vị", "Ví dụ", "Ý nghĩa")])
        for f in FIELDS:
            example = "; ".join(f.example) if isinstance(f.example, list) else f.example
            sheet.append([f.name, f.label, TYPES[f.type], f.unit, example, f.description])
        with files.replacing(self.path, "wb") as out:
            archive = _DatedZip(out, self.published)
            ExcelWriter(self.book, archive).save()

    def _cell(self, field: Field, value):
        """A typed cell: dates as dates, amounts as numbers, everything else as text, never as a formula. Plain
        values where openpyxl types them right by itself: a styled cell object costs several times more."""
        if value is None or value == []:
            return None
        if field.type == "date":
            cell = WriteOnlyCell(self.data, dt.date.fromisoformat(value))
            cell.number_format = DATE_FORMAT
            return cell
        if field.type == "integer":
            if field.unit != "đồng/năm":
                return value
            cell = WriteOnlyCell(self.data, value)
            cell.number_format = MONEY_FORMAT
            return cell
        text = ILLEGAL_CHARACTERS_RE.sub("", "; ".join(value) if isinstance(value, list) else value)
        if not text.startswith("="):
            return text  # a str is always a text cell ("01" included); only "=…" would become a formula
        cell = WriteOnlyCell(self.data, text)
        cell.data_type = "s"
        return cell


def _header(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, text)
    cell.font = _BOLD
    return cell


def _widths(sheet, widths: list[int]) -> None:
    for n, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(n)].width = width


class _DatedZip(zipfile.ZipFile):
    """A zip archive whose every entry carries one date, whatever the clock or the temporary files say."""

    def __init__(self, file, day: dt.date):
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self.stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, self.stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        return info

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs):
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, zipfile.ZipInfo) else zinfo_or_arcname
        super().writestr(self._info(name), data)

    def write(self, filename, arcname=None, *args, **kwargs):
        # A worksheet streamed to a temporary file: copied in, never read whole into memory.
        with (
            open(filename, "rb") as source,
            self.open(self._info(arcname or str(filename)), "w", force_zip64=True) as dest,
        ):
            shutil.copyfileobj(source, dest, 1 << 20)
