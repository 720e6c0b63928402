"""An export file as a stream of (row number, cells): .xlsx through xlsx.py, .csv here.

A CSV is UTF-8 with or without a byte-order mark (as Excel saves "CSV UTF-8"), separated by commas or semicolons
(as Excel saves it where the decimal mark is a comma): the separator is the one that splits the first lines into
the most rows of the same length. A row's number is its record's number, as a spreadsheet shows it.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.tools.importer import xlsx

SAMPLE_BYTES = 64 * 1024
csv.field_size_limit(16 * 1024 * 1024)  # a huge cell is a problem of its row (too long), not of the whole file
_SEPARATORS = (",", ";", "\t")


class BadFile(ValueError):
    """A file that cannot be read as an export; the message says why, in Vietnamese."""


@dataclass
class Sheet:
    rows: Iterator[tuple[int, list]]
    epoch_1904: bool = False  # serial numbers count from 1904 (old Mac workbooks)
    total: int | None = None  # rows, when known before reading (for the progress bar)


def open_sheet(path: Path) -> Sheet:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise BadFile(f"không tìm thấy tệp {path}")
    if suffix in (".xlsx", ".xlsm"):
        return _workbook(path)
    if suffix in (".csv", ".txt"):
        return Sheet(_csv_rows(path))
    raise BadFile(f"chỉ đọc được tệp .xlsx hoặc .csv ({path.name})")


def _workbook(path: Path) -> Sheet:
    try:
        book = xlsx.open_book(path)
    except xlsx.BadWorkbook as e:
        raise BadFile(str(e)) from None
    return Sheet(_guarded(book.rows()), book.epoch_1904, book.total)


def _guarded(rows: Iterator[tuple[int, list]]) -> Iterator[tuple[int, list]]:
    try:
        yield from rows
    except xlsx.BadWorkbook as e:
        raise BadFile(str(e)) from None


def separator(sample: str) -> str:
    """The separator that cuts the sample's lines into the most rows of one length (more than one field)."""
    best, score = ",", -1
    for sep in _SEPARATORS:
        lengths = Counter(len(r) for r in csv.reader(io.StringIO(sample), delimiter=sep) if any(c.strip() for c in r))
        common = [(count, length) for length, count in lengths.items() if length > 1]
        if common:
            count, length = max(common)
            if count * length > score:
                best, score = sep, count * length
    return best


def _csv_rows(path: Path) -> Iterator[tuple[int, list]]:
    with path.open("rb") as f:
        head = f.read(SAMPLE_BYTES)
    sample = head.decode("utf-8-sig", errors="ignore")
    sample = sample[: sample.rfind("\n") + 1] or sample  # whole lines only
    number = 0
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            for cells in csv.reader(f, delimiter=separator(sample)):
                number += 1
                yield number, cells
    except UnicodeDecodeError:
        raise BadFile(f'tệp không phải UTF-8 (sau dòng {number}): trong Excel, hãy lưu bằng "CSV UTF-8"') from None
    except csv.Error as e:
        raise BadFile(f"tệp CSV hỏng sau dòng {number}: {e}") from None
