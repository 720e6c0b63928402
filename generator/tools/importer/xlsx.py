"""The first sheet of an .xlsx workbook as a stream of rows, read with expat in 64 KB pieces.

An export of 100,000 rows has about two million cells. openpyxl's read-only mode builds objects for every cell
and took 29–60 s to read 100,000 rows of 18 columns on the 2-core machine; the same sheet read here, a few
callbacks a cell, took 8 s (see README, "From the portal's export"). Memory is the shared-strings table, which
the format keeps in one part, and one row. openpyxl still says which number formats are dates and converts
serial numbers to dates.

What the sheet holds is kept as it is: a date cell becomes a datetime, a number an int or float, a formula its
cached value (FormulaWithoutValue when the file has none: a workbook written by a program that does not
calculate), an error cell a CellError. A DOCTYPE is refused, so no entity can expand.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

MAX_COLUMNS = 1000  # cells further right are not read: no export has that many fields
MAX_CELL_CHARS = 100_000  # Excel's own limit is 32,767; the contract's is 20,000
MAX_STRINGS_BYTES = 1 << 30  # the shared-strings part, uncompressed
_CHUNK = 1 << 16
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")  # how a workbook writes a character XML cannot hold ("_x000D_")
_LETTERS = re.compile(r"[A-Z]+")
_DIMENSION = re.compile(r'<(?:\w+:)?dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"')


class BadWorkbook(ValueError):
    """Not a workbook this reader can read; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class FormulaWithoutValue:
    """A formula cell the file holds no result for (written by a program that does not calculate)."""

    formula: str  # as written, without "="; empty for a formula shared from another cell


@dataclass(frozen=True)
class CellError:
    code: str  # "#N/A", "#VALUE!"…


class Workbook:
    """An open workbook: its first sheet's rows are read once, as a stream, and the file is then closed."""

    def __init__(self, path: Path):
        try:
            self.archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as e:
            raise BadWorkbook(f"không mở được tệp Excel (.xlsx): {e}") from None
        try:
            self.book = _Book(self.archive)
            self.total = self._dimension()
        except BaseException:
            self.archive.close()
            raise
        self.epoch_1904 = self.book.epoch == CALENDAR_MAC_1904

    def _dimension(self) -> int | None:
        """The last row, when the sheet states its extent before its rows (Excel does)."""
        with self.archive.open(self.book.sheet) as stream:
            head = stream.read(4096).decode("utf-8", errors="ignore")
        found = _DIMENSION.search(head)
        return int(found.group(1)) if found else None

    def rows(self) -> Iterator[tuple[int, list]]:
        """(row number as the spreadsheet shows it, cell values from column A) for each row of the first sheet."""
        with self.archive, self.archive.open(self.book.sheet) as stream:
            yield from _SheetReader(self.book).read(stream)


def open_book(path: Path) -> Workbook:
    return Workbook(path)


class _Book:
    """Where the first sheet, the shared strings and the styles are, and which styles are dates."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        names = set(archive.namelist())
        workbook = _find(names, "xl/workbook.xml")
        rels = _rels(archive, _rels_path(workbook), names)
        sheets: list[str] = []
        self.epoch = CALENDAR_WINDOWS_1900

        def start(tag: str, attrs: dict) -> None:
            if tag == f"{_MAIN} workbookPr" and attrs.get("date1904", "").lower() in ("1", "true"):
                self.epoch = CALENDAR_MAC_1904
            elif tag == f"{_MAIN} sheet" and attrs.get("state", "visible") == "visible":
                target = rels.get(attrs.get(f"{_REL} id", ""))
                if target:
                    sheets.append(target[0])

        _parse(archive, workbook, start)
        if not sheets or sheets[0] not in names:
            raise BadWorkbook("tệp Excel không có trang tính nào")
        self.sheet = sheets[0]
        by_type = {kind: target for target, kind in rels.values()}
        self.strings = _shared_strings(archive, by_type.get("sharedStrings"), names)
        self.dates = _date_styles(archive, by_type.get("styles"), names)


def _rels(archive: zipfile.ZipFile, path: str, names: set[str]) -> dict[str, tuple[str, str]]:
    """Relationship id -> (target part, type: "worksheet", "sharedStrings", "styles"…)."""
    out: dict[str, tuple[str, str]] = {}
    if path not in names:
        return out
    base = posixpath.dirname(posixpath.dirname(path))

    def start(tag: str, attrs: dict) -> None:
        if tag.endswith(" Relationship") and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            out[attrs.get("Id", "")] = (target, attrs.get("Type", "").rsplit("/", 1)[-1])

    _parse(archive, path, start)
    return out


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _find(names: set[str], part: str) -> str:
    if part not in names:
        raise BadWorkbook("không phải tệp Excel (.xlsx): thiếu phần xl/workbook.xml")
    return part


def _parser(start=None, end=None, text=None):
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True

    def doctype(*_):
        raise BadWorkbook("tệp Excel có khai báo DOCTYPE: không đọc")

    parser.StartDoctypeDeclHandler = doctype
    if start:
        parser.StartElementHandler = start
    if end:
        parser.EndElementHandler = end
    if text:
        parser.CharacterDataHandler = text
    return parser


def _parse(archive: zipfile.ZipFile, part: str, start=None, end=None, text=None) -> None:
    parser = _parser(start, end, text)
    try:
        with archive.open(part) as stream:
            parser.ParseFile(stream)
    except (expat.ExpatError, zipfile.BadZipFile, OSError, EOFError) as e:
        raise BadWorkbook(f"tệp Excel hỏng ({part}: {e})") from None


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _shared_strings(archive: zipfile.ZipFile, part: str | None, names: set[str]) -> list[str]:
    if not part or part not in names:
        return []
    if archive.getinfo(part).file_size > MAX_STRINGS_BYTES:
        raise BadWorkbook("bảng chuỗi dùng chung của tệp Excel quá lớn (hơn 1 GB)")
    strings: list[str] = []
    buffer: list[str] = []
    state = {"text": False, "phonetic": 0}

    def start(tag: str, _attrs: dict) -> None:
        if tag == f"{_MAIN} si":
            buffer.clear()
        elif tag == f"{_MAIN} t" and not state["phonetic"]:
            state["text"] = True
        elif tag == f"{_MAIN} rPh":  # a phonetic reading: not part of the text
            state["phonetic"] += 1

    def end(tag: str) -> None:
        if tag == f"{_MAIN} si":
            strings.append(_unescape("".join(buffer)))
        elif tag == f"{_MAIN} t":
            state["text"] = False
        elif tag == f"{_MAIN} rPh":
            state["phonetic"] -= 1

    def text(data: str) -> None:
        if state["text"]:
            buffer.append(data)

    _parse(archive, part, start, end, text)
    return strings


def _date_styles(archive: zipfile.ZipFile, part: str | None, names: set[str]) -> frozenset[int]:
    """Indexes of the cell styles whose number format shows a date or time."""
    if not part or part not in names:
        return frozenset()
    custom: dict[int, str] = {}
    formats: list[int] = []
    depth = {"xfs": False}

    def start(tag: str, attrs: dict) -> None:
        if tag == f"{_MAIN} numFmt":
            custom[int(attrs.get("numFmtId", "0"))] = attrs.get("formatCode", "")
        elif tag == f"{_MAIN} cellXfs":
            depth["xfs"] = True
        elif tag == f"{_MAIN} xf" and depth["xfs"]:
            formats.append(int(attrs.get("numFmtId", "0")))

    def end(tag: str) -> None:
        if tag == f"{_MAIN} cellXfs":
            depth["xfs"] = False

    _parse(archive, part, start, end)

    def is_date(fmt: int) -> bool:
        code = custom.get(fmt, BUILTIN_FORMATS.get(fmt))
        if code is None:  # built-in formats that depend on the locale: 27–36 and 50–58 are dates
            return 27 <= fmt <= 36 or 50 <= fmt <= 58
        return is_date_format(code)

    return frozenset(i for i, fmt in enumerate(formats) if is_date(fmt))


def _column(ref: str) -> int:
    """ "C12" -> 2."""
    letters = _LETTERS.match(ref)
    n = 0
    for ch in letters.group(0) if letters else "":
        n = n * 26 + ord(ch) - 64
    return n - 1


class _SheetReader:
    """expat callbacks that gather cells into rows; a row is handed out once its element ends."""

    def __init__(self, book: _Book):
        self.strings, self.dates, self.epoch = book.strings, book.dates, book.epoch
        self.done: list[tuple[int, list]] = []
        self.row: list = []
        self.number = 0
        self.column = -1
        self.kind = "n"
        self.style = 0
        self.formula: str | None = None  # the cell's formula, if it has one
        self.value: str | None = None
        self.text: list[str] = []
        self.size = 0
        self.collect = False  # inside <v> or an inline string's <t>
        self.phonetic = 0

    def read(self, stream) -> Iterator[tuple[int, list]]:
        parser = _parser(self.start, self.end, self.chars)
        try:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
                yield from self.done
                self.done.clear()
            parser.Parse(b"", True)
        except (expat.ExpatError, zipfile.BadZipFile, EOFError) as e:
            raise BadWorkbook(f"trang tính hỏng sau dòng {self.number}: {e}") from None
        yield from self.done

    def start(self, tag: str, attrs: dict) -> None:
        name = tag.rsplit(" ", 1)[-1]
        if name == "c":
            ref = attrs.get("r")
            self.column = _column(ref) if ref else self.column + 1
            self.kind = attrs.get("t", "n")
            self.style = int(attrs.get("s", "0") or 0)
            self.formula, self.value = None, None
            self.text, self.size = [], 0
        elif name in ("v", "t", "f") and not self.phonetic:
            self.collect = True
            self.text, self.size = [], 0
        elif name == "rPh":
            self.phonetic += 1
        elif name == "row":
            r = attrs.get("r")
            self.number = int(r) if r and r.isdigit() else self.number + 1
            self.row, self.column = [], -1

    def chars(self, data: str) -> None:
        if self.collect and self.size < MAX_CELL_CHARS:
            self.text.append(data)
            self.size += len(data)

    def end(self, tag: str) -> None:
        name = tag.rsplit(" ", 1)[-1]
        if name == "f":
            self.collect = False
            self.formula = "".join(self.text)
        elif name == "v" or (name == "t" and self.collect):
            self.collect = False
            # An inline string may be rich text: several runs, each its own <t>.
            self.value = (self.value or "") + "".join(self.text) if name == "t" else "".join(self.text)
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "c":
            if 0 <= self.column < MAX_COLUMNS:
                if len(self.row) <= self.column:
                    self.row.extend([None] * (self.column + 1 - len(self.row)))
                self.row[self.column] = self.cell()
        elif name == "row":
            self.done.append((self.number, self.row))

    def cell(self):
        value, kind = self.value, self.kind
        if self.formula is not None and not value and kind != "str":  # `<v/>` or none: never calculated
            return FormulaWithoutValue(self.formula)
        if value is None:
            return None
        if kind == "s":
            try:
                return self.strings[int(value)]
            except (ValueError, IndexError):
                return CellError("#REF!")
        if kind in ("inlineStr", "str"):
            return _unescape(value)
        if kind == "b":
            return value.strip() in ("1", "true")
        if kind == "e":
            return CellError(value)
        if kind == "d":
            try:
                return dt.datetime.fromisoformat(value)
            except ValueError:
                return value
        return self.number_of(value)

    def number_of(self, text: str):
        try:
            number: int | float = int(text) if text.lstrip("-").isdigit() else float(text)
        except ValueError:
            return text
        if self.style in self.dates:
            try:
                return from_excel(number, self.epoch)
            except (ValueError, OverflowError):
                return number
        return number
