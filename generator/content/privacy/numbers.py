"""Phone numbers and ID numbers written with figures, told from money, counts, dates and standards."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from generator.content.privacy.hits import _Hit

_SEP = r"\s.,\-\u2010-\u2015\u2212/\\()\[\]+_'\u2019\u00b7\u2022|"
_RUN = re.compile(rf"\d(?:[{_SEP}]{{0,4}}\d){{8,}}")  # nine digits or more: phones and IDs only
_GROUP = re.compile(r"\d+")
# National number after the country code or the trunk 0: mobiles 3/5/7/8/9 + 8 digits, landlines 2x + 8.
_PHONE = re.compile(r"(?:(?:00)?84(?:0)?|0)(?:[35789]\d{8}|2\d{9})")
_CCCD = re.compile(r"0(?:0[1-9]|[1-8]\d|9[0-6])\d{9}")
_CMND = re.compile(r"0\d{8}|[12]\d{8}|3[0-8]\d{7}")
_ID_SEPARATORS = {"", " ", ".", "-", "\u2013", "_", "\u00b7"}
_MONEY_SEPARATORS = {".", ",", " "}
_UNIT_AFTER = re.compile(
    r"\s*(?:%|‰|\$|€|đ(?!\w)|đồng|vnđ|vnd|usd|triệu|tỷ|tỉ|nghìn|ngàn|trăm|tr\b|k\b|kg|tấn|tạ|lít|km|mét|m\b|m2|m3|"
    r"ha\b|kwh|kw|mw|wh|w\b|giờ|phút|ngày|tháng|năm|lần|lượt|người|hộ|sản phẩm|chiếc|cái|con|cây|bộ|bản|"
    r"trang|suất|container|teu|xe|tàu|viên|bao|thùng|tấm|cuộn|mẫu|đơn vị|sáng kiến|lao động|công nhân|học sinh|"
    r"bệnh nhân|lượt|điểm|vòng|km2)",
    re.I,
)
_QUANTITY_BEFORE = re.compile(
    r"(?:khoảng|gần|hơn|trên|dưới|đạt|tới|lên|xuống|giảm|tăng|tổng|thu|lãi|lợi|kiệm|trị|giá|chi|phí|vnđ|vnd|"
    r"usd|\$|đồng|tiền|số lượng|sản lượng)\s*[:=]?\s*$",
    re.I,
)
_CALL_HINTS = (".me", "tel:", "sms:", "viber", "whatsapp", "callto")
_CALL_LINK = re.compile(
    r"(?:wa\.me|zalo\.me|t\.me|whatsapp\.com/send\?phone=|viber:\S*?|tel:|sms:|callto:)"
    rf"\s*/?\s*\+?\s*(\d(?:[{_SEP}]{{0,4}}\d)*)",
    re.I,
)


def _normal_sep(sep: str) -> str | None:
    """ "" or one visible separator character; None when the gap mixes several."""
    core = sep.strip()
    if not core:
        return " " if sep else ""
    return core if len(core) == 1 else None


def _money_shaped(groups: list[str], sep: str | None) -> bool:
    return (
        sep in _MONEY_SEPARATORS
        and len(groups) >= 2
        and 1 <= len(groups[0]) <= 3
        and groups[0][0] != "0"
        and all(len(g) == 3 for g in groups[1:])
    )


def _is_amount(text: str, start: int, end: int) -> bool:
    """A currency or unit after the number, or a quantity word before it."""
    return bool(_UNIT_AFTER.match(text, end) or _QUANTITY_BEFORE.search(text, max(0, start - 24), start))


def _numbers(text: str) -> Iterator[_Hit]:
    taken: list[tuple[int, int]] = []
    for m in _CALL_LINK.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        if 9 <= len(digits) <= 15:
            taken.append((m.start(), m.end()))
            yield _Hit(m.start(), "phone", m.group(), _phone_key(digits))
    for run in _RUN.finditer(text):
        if any(s < run.end() and run.start() < e for s, e in taken):
            continue
        groups = [(g.start(), g.end(), g.group()) for g in _GROUP.finditer(text, run.start(), run.end())]
        covered: set[int] = set()
        for i, j in _phone_spans(text, groups):
            covered.update(range(i, j + 1))
            start = groups[i][0]
            while start and text[start - 1] in "+(":  # "(024) …", "+84 …", "(+84) …"
                start -= 1
            yield _Hit(start, "phone", text[start : groups[j][1]], _phone_key("".join(g[2] for g in groups[i : j + 1])))
        yield from _ids(text, groups, covered)


def _phone_key(digits: str) -> str:
    """The national number without trunk 0 or country code: one key for every way of writing it."""
    m = re.fullmatch(r"(?:(?:00)?84(?:0)?|0)(\d{9,10})", digits)
    return m.group(1) if m else digits


def _phone_spans(text: str, groups) -> Iterator[tuple[int, int]]:
    """Consecutive groups whose digits are a phone number, longest first, not overlapping. A number does not
    start or end inside a decimal ("21.0285, 105.8542" holds no phone number)."""
    decimal = [text[a[1] : b[0]] in (".", ",") for a, b in pairwise(groups)]  # decimal[k]: k, k + 1
    i = 0
    while i < len(groups):
        best, digits = None, ""
        for j in range(i, len(groups)):
            digits += groups[j][2]
            if len(digits) > 14:
                break
            if _PHONE.fullmatch(digits) and not (i and decimal[i - 1]) and not (j + 1 < len(groups) and decimal[j]):
                best = j
        if best is not None and not _amount_like(text, groups[i : best + 1]):
            yield i, best
            i = best + 1
        else:
            i += 1


def _amount_like(text: str, groups) -> bool:
    seps = {_normal_sep(text[a[1] : b[0]]) for a, b in pairwise(groups)}
    return (
        len(seps) == 1
        and _money_shaped([g[2] for g in groups], seps.pop())
        and _is_amount(text, groups[0][0], groups[-1][1])
    )


def _ids(text: str, groups, covered: set[int]) -> Iterator[_Hit]:
    """ID numbers: groups with one kind of separator (a date next to a number must not make one)."""
    seps = [_normal_sep(text[a[1] : b[0]]) for a, b in pairwise(groups)]
    seen: set[tuple[int, int]] = set()
    for a, b, shared_a, shared_b in _uniform_segments(seps, len(groups)):
        # An end group shared with the neighbouring segment may belong to either ("… 567 15/08/2022").
        spans = [(a, b), (a + shared_a, b), (a, b - shared_b), (a + shared_a, b - shared_b)]
        for i, j in spans + [(k, k) for k in range(a, b + 1)]:
            if i > j or (i, j) in seen or covered.intersection(range(i, j + 1)):
                continue
            seen.add((i, j))
            part = [g[2] for g in groups[i : j + 1]]
            if _is_id(text, part, seps[i] if i < j else "", groups[i][0], groups[j][1]):
                covered.update(range(i, j + 1))
                yield _Hit(groups[i][0], "id", text[groups[i][0] : groups[j][1]], "".join(part))


def _uniform_segments(seps: list[str | None], count: int) -> list[tuple[int, int, bool, bool]]:
    """Maximal runs of groups joined by one and the same ID separator, as (first, last, first shared with
    the previous run, last shared with the next)."""
    bounds, start, shared = [], 0, False
    for k, sep in enumerate(seps):  # seps[k] stands between groups k and k + 1
        if sep not in _ID_SEPARATORS:
            bounds.append((start, k, shared, False))
            start, shared = k + 1, False
        elif k > start and sep != seps[k - 1]:
            bounds.append((start, k, shared, True))
            start, shared = k, True
    bounds.append((start, count - 1, shared, False))
    return bounds


def _is_id(text: str, groups: list[str], sep: str | None, start: int, end: int) -> bool:
    digits = "".join(groups)
    if len(groups) == 2 and sep in (".", ",") and (groups[0] == "0" or groups[0][0] != "0"):
        return False  # a decimal ("106.660172", "0,12345678"); "001203.004567" is none: no leading zeros
    if len(digits) == 12:
        return bool(_CCCD.fullmatch(digits))  # money and counts never start with 0
    if len(digits) != 9 or not _CMND.fullmatch(digits):
        return False
    if digits[0] == "0":
        return True
    return not _money_shaped(groups, sep) and not _is_amount(text, start, end)
