"""Values as people type them into a spreadsheet: money, dates, yes-or-no answers, status words, lists of names.

Each parser takes one cell (text from a CSV; text, a number, a date or a boolean from a workbook) and returns
the value for the content contract, or raises Refused with the reason in Vietnamese (the importer adds the
column and the value). Nothing is guessed: a benefit written vaguely ("hơn 1 tỷ"), in another currency or for
another period than a year is kept in the record's own words as `benefit_note`, with no number.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from generator.common.text import clean, fold
from generator.tools.importer.xlsx import CellError, FormulaWithoutValue


class Refused(ValueError):
    """A cell that cannot give a value; the message is the reason, without the value."""


# --- cells -----------------------------------------------------------------------------------------------


def text(cell) -> str:
    """A cell as text: NFC, invisible characters removed, line ends unified, stray spaces trimmed."""
    if cell is None:
        return ""
    if isinstance(cell, FormulaWithoutValue):
        raise Refused("ô có công thức nhưng không có giá trị đã tính (mở tệp bằng Excel, lưu lại rồi xuất lại)")
    if isinstance(cell, CellError):
        raise Refused(f"ô báo lỗi {cell.code}")
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(" ")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    written = clean(str(cell))
    if "\n" not in written and "\r" not in written:
        return " ".join(written.split())
    lines = written.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(" ".join(line.split()) for line in lines).strip()


def line(cell) -> str:
    """A cell as one line of plain text."""
    return " ".join(text(cell).split())


# --- lists: authors, keywords -------------------------------------------------------------------------------

_ITEM_MARK = re.compile(r"^\s*(?:\d{1,2}[.)]|[-•*+–])\s+")  # "1. Nguyễn Văn A", "- Trần Thị B"


def items(cell) -> list[str]:
    """Several values in one cell: one a line, or separated by `;` (or `|`); by commas only when nothing else
    separates them. List marks ("1.", "-", "•") are dropped."""
    written = text(cell)
    if not written:
        return []
    parts = re.split(r"[;\n|]", written) if re.search(r"[;\n|]", written) else written.split(",")
    out = [_ITEM_MARK.sub("", p).strip(" ,.") for p in parts]
    return [p for p in out if p]


def keywords(cell) -> list[str]:
    """Keywords, each once (compared folded), separated by `;`, commas or lines."""
    seen: dict[str, str] = {}
    for word in re.split(r"[;,\n|]", text(cell)):
        word = word.strip(" .")
        if word and fold(word) not in seen:
            seen[fold(word)] = word
    return list(seen.values())


# --- yes or no ----------------------------------------------------------------------------------------------

_YES = {"co", "x", "v", "yes", "y", "true", "1", "dong y", "da dong y", "ok", "cong khai", "cho phep", "✓", "✔"}
_NO = {"khong", "no", "n", "false", "0", "khong dong y", "chua dong y", "tu choi", "khong cong khai", "an danh"}


def consent(cell) -> bool:
    """`có`/`không`, `x`, TRUE/FALSE, `Đồng ý`…; an empty cell is no consent."""
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, int | float) and cell in (0, 1):
        return bool(cell)
    answer = " ".join(fold(text(cell)).replace(".", " ").split())
    if not answer or answer in _NO:
        return False
    if answer in _YES:
        return True
    raise Refused("không rõ có đồng ý hay không (ghi: có hoặc không, x, TRUE hoặc FALSE, Đồng ý hoặc Không đồng ý)")


def consent_word(written: str) -> bool | None:
    """True or False when `written` is an answer to "may we publish the name", else None."""
    try:
        return consent(written) if written.strip() else None
    except Refused:
        return None


# --- status -------------------------------------------------------------------------------------------------

STATUS_WORDS = {
    "approved": ["Đã duyệt", "Duyệt", "Đã công nhận", "Được công nhận", "Công nhận", "Đã phê duyệt", "Đạt"],
    "pending": ["Chờ duyệt", "Đang chờ duyệt", "Chưa duyệt", "Đang xét", "Chờ xét duyệt", "Đang xử lý", "Mới"],
    "rejected": ["Từ chối", "Bị từ chối", "Không duyệt", "Không công nhận", "Không đạt"],
    "withdrawn": ["Đã rút", "Rút", "Rút hồ sơ", "Thu hồi", "Đã thu hồi", "Hủy", "Đã hủy"],
}
_STATUS = {fold(w): key for key, written in STATUS_WORDS.items() for w in [key, *written]}


def status(cell) -> str:
    written = fold(text(cell))
    if not written:
        raise Refused("không được để trống")
    if written not in _STATUS:
        raise Refused("trạng thái không rõ (ghi: " + ", ".join(w[0] for w in STATUS_WORDS.values()) + ")")
    return _STATUS[written]


# --- dates --------------------------------------------------------------------------------------------------

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?")
_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})(?:\s.*)?")
_WORDS = re.compile(r"(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:,\s*)?nam\s+(\d{4})")
_SERIAL = re.compile(r"\d{5}(?:\.0+)?")
_EXCEL_DAY0 = dt.date(1899, 12, 30)  # serial numbers count days from here (after Excel's 1900 leap-day bug)
FIRST_YEAR, LAST_YEAR = 1990, 2100  # approvals outside these years are typing errors


def day(cell, epoch_1904: bool = False) -> str:
    """A date as YYYY-MM-DD: a date cell, an Excel serial number (44788), `15/08/2022`, `15-8-2022`,
    `2022-08-15`, `ngày 15 tháng 8 năm 2022`. Day before month, as Vietnamese writes it."""
    if isinstance(cell, dt.datetime):
        return _checked(cell.year, cell.month, cell.day)
    if isinstance(cell, dt.date):
        return _checked(cell.year, cell.month, cell.day)
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return _serial(cell, epoch_1904)
    written = text(cell)
    if not written:
        raise Refused("không được để trống")
    if _SERIAL.fullmatch(written):
        return _serial(float(written), epoch_1904)
    if match := _ISO.fullmatch(written):
        year, month, d = match.groups()
        return _checked(int(year), int(month), int(d))
    if match := _DMY.fullmatch(written):
        d, month, year = match.groups()
        return _checked(int(year) + (2000 if len(year) == 2 else 0), int(month), int(d))
    if match := _WORDS.fullmatch(fold(written)):
        d, month, year = match.groups()
        return _checked(int(year), int(month), int(d))
    raise Refused("không phải ngày (ghi ngày/tháng/năm, ví dụ 15/08/2022)")


def _serial(number: float, epoch_1904: bool) -> str:
    if not math.isfinite(number) or number < 1 or number > 2_958_465:
        raise Refused("không phải ngày (ghi ngày/tháng/năm, ví dụ 15/08/2022)")
    start = dt.date(1904, 1, 1) if epoch_1904 else _EXCEL_DAY0
    found = start + dt.timedelta(days=int(number))
    return _checked(found.year, found.month, found.day)


def _checked(year: int, month: int, d: int) -> str:
    try:
        found = dt.date(year, month, d)
    except ValueError:
        raise Refused(f"ngày {d:02d}/{month:02d}/{year} không tồn tại") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Refused(f"năm {year} không hợp lý (từ {FIRST_YEAR} đến {LAST_YEAR})")
    return found.isoformat()


# --- money --------------------------------------------------------------------------------------------------

# Units, folded: "1,2 tỷ", "850 triệu", "500 nghìn".
_SCALES = {"ty": 10**9, "ti": 10**9, "trieu": 10**6, "tr": 10**6, "nghin": 10**3, "ngan": 10**3, "k": 10**3}
_CURRENCY = re.compile(r"\b(?:dong|d|vnd)\b")  # đồng, đ, VNĐ (folded): the currency named, nothing more
_YEARLY = re.compile(r"/\s*nam\b|\b(?:moi|mot|hang)\s+nam\b|\bnam\b")
# Words that make a figure something other than an exact yearly amount in đồng: kept as a note.
_VAGUE = re.compile(
    r"\b(?:hon|tren|gan|khoang|uoc|xap xi|toi|den|tu|it nhat|toi thieu|toi da|chua|du kien|tam tinh)\b|[~≈<>±]"
)
_FOREIGN = re.compile(r"\b(?:usd|eur|euro|yen|do la|do|ngoai te)\b|[$€¥£]")
_PERIOD = re.compile(r"\b(?:thang|quy|tuan|ngay|gio|lan|giai doan|tong|cong don)\b")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+|\S")
_GROUPED = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")
_EMPTY = {"", "-", "--", "—", "khong", "khong co", "n/a", "na"}


def money(cell) -> tuple[int | None, str | None]:
    """(yearly benefit in đồng, or None; the cell's own words when they are not an exact yearly amount).

    `1.200.000.000`, `1,2 tỷ`, `1.2 tỷ đồng`, `850 triệu`, `1 tỷ 200 triệu`, `1200000000 đồng`, a number cell:
    an amount. `hơn 1 tỷ`, `khoảng 2 tỷ`, `50.000 USD`, `30 triệu/tháng`, `1-2 tỷ`: a note, no amount."""
    if isinstance(cell, bool):
        raise Refused("phải là số tiền")
    if isinstance(cell, int | float):
        if not math.isfinite(cell) or cell < 0:
            raise Refused("phải là số tiền không âm")
        return round(cell), None
    written = line(cell)
    folded = fold(written)
    if folded in _EMPTY:
        return None, None
    if _VAGUE.search(folded) or _FOREIGN.search(folded) or _PERIOD.search(folded):
        return None, written
    amount = _amount(_CURRENCY.sub(" ", _YEARLY.sub(" ", folded)))
    return (amount, None) if amount is not None else (None, written)


def _amount(folded: str) -> int | None:
    """ "1200000000", "1.200.000.000", "1,2 ty", "1 ty 200 trieu" -> đồng; None for anything else."""
    tokens = _TOKEN.findall(folded)
    pairs: list[tuple[str, int | None]] = []
    while tokens:
        digits = tokens.pop(0)
        if not digits[0].isdigit():
            return None
        scale = _SCALES.get(tokens[0]) if tokens else None
        if scale is not None:
            tokens.pop(0)
        pairs.append((digits, scale))
    if len(pairs) == 1 and pairs[0][1] is None:  # a whole number, its thousands grouped or not
        digits = pairs[0][0]
        return int(re.sub(r"[.,]", "", digits)) if digits.isdigit() or _GROUPED.fullmatch(digits) else None
    scales = [scale for _, scale in pairs if scale]
    if not pairs or len(scales) != len(pairs) or scales != sorted(set(scales), reverse=True):  # "1 tỷ 200 triệu"
        return None
    total = 0
    for digits, scale in pairs:
        number = _number(digits)
        if number is None:
            return None
        total += round(number * (scale or 1))
    return total


def _number(digits: str) -> float | None:
    """ "1.200" and "1,200" are twelve hundred (thousands grouped, as Vietnamese writes them); "1,2", "1.25"
    and "1,5" are decimals."""
    if digits.isdigit():
        return float(digits)
    if _GROUPED.fullmatch(digits):
        return float(re.sub(r"[.,]", "", digits))
    if re.fullmatch(r"\d+[.,]\d+", digits):
        return float(digits.replace(",", "."))
    return None
