"""Finding personal data in free text: phone numbers, e-mail addresses, ID numbers, and the names of
authors who did not agree to be named. A hit is a validation error: an editor removes it, nothing guesses."""

from __future__ import annotations

import re

from generator.common.text import fold

_NUMBER = re.compile(r"(?<!\d)(?<!\d[ .\-])(?:\(?\+84\)?[ .\-]?)?\d(?:[ .\-]?\d)+(?![ .\-]?\d)")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_CURRENCY = re.compile(r"\s*(?:đ\b|đồng|vnđ|vnd)", re.IGNORECASE)


def _number_kind(match: re.Match, text: str) -> str | None:
    raw = match.group(0)
    digits = re.sub(r"\D", "", raw)
    if raw.lstrip("(").startswith("+84"):
        digits = "0" + digits[2:]
    if re.fullmatch(r"0[35789]\d{8}|02\d{9}", digits):
        return "số điện thoại"  # 0912 345 678, +84 912345678, 024 3825 1234
    if re.fullmatch(r"\d{9}|\d{12}", raw) and not _CURRENCY.match(text, match.end()):
        return "số giấy tờ tùy thân"  # CMND (9 digits), CCCD (12 digits)
    return None


def personal_data(text: str) -> list[str]:
    """Each finding as 'kind "match"'."""
    found = [f'{kind} "{m.group(0)}"' for m in _NUMBER.finditer(text) if (kind := _number_kind(m, text))]
    found += [f'địa chỉ thư điện tử "{m.group(0)}"' for m in _EMAIL.finditer(text)]
    return found


def names_in(text: str, names: list[str]) -> list[str]:
    """The names (compared without diacritics or case) that `text` mentions as whole words."""
    if not names:
        return []
    folded = f" {re.sub(r'[^a-z0-9]+', ' ', fold(text))} "
    return [n for n in names if f" {re.sub(r'[^a-z0-9]+', ' ', fold(n)).strip()} " in folded]


# Published on purpose: the press contact's own address and number.
_CONTACT = {("press_contact", "email"), ("press_contact", "phone")}
_PII_REASON = ("có {}; thông tin cá nhân không được đăng (chỉ press_contact được ghi số điện thoại, "
               "thư điện tử)")
_NAME_REASON = 'nêu tên "{}", tác giả chưa đồng ý công khai tên (consent_public)'


def scan_document(data: dict, hidden: list[str], markdown_fields: set[str]) -> list[tuple[tuple, int, str]]:
    """Every personal-data finding and withheld name in a document's raw data, as
    (field location, 0-based line within that field's text, reason).

    Temporary form: walks every string of `data` with `personal_data` and `names_in`, line by line;
    `markdown_fields` (top-level keys holding Markdown) is not used yet."""
    found = []
    for loc, text in _strings(data, ()):
        if loc in _CONTACT:
            continue
        own_name = len(loc) == 3 and loc[0] == "authors" and loc[2] == "name"
        named = [] if own_name else names_in(text, hidden)  # the whole list once per field, not per line
        if not named and not personal_data(text):
            continue  # the usual case, in one pass over the field
        for n, line in enumerate(text.split("\n")):
            found += [(loc, n, _PII_REASON.format(f)) for f in personal_data(line)]
            found += [(loc, n, _NAME_REASON.format(p)) for p in names_in(line, named)]
    return found


def _strings(value, loc: tuple):
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, loc + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, loc + (i,))
