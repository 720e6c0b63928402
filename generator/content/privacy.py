"""Finding personal data, and the names of authors who did not agree to be named, in what a reader will see.

A hit is a validation error: an editor removes it, nothing guesses or rewrites. Every text is scanned as a
reader (or a program reading the open data) would see it, through a *scan copy*:

- HTML comments and tags removed (a tag's attributes and a comment's text are scanned on their own), HTML
  entities decoded until nothing changes (``&amp;#48;`` -> ``0``), a few percent escapes decoded (``%40``);
- NFKC applied (full-width ``０９１２`` -> ``0912``, ``＠`` -> ``@``), format characters (Unicode category Cf:
  zero-width and direction marks, soft hyphen, word joiner, tag characters…), Hangul and Braille fillers and
  stray combining marks removed;
- Markdown backslash escapes and emphasis markers removed (``Mười **Mộ**t``, ``0912**345**678``, ``\\-``);
  a Markdown field that holds link syntax is also rendered and scanned as rendered;
- lines joined: a number or a name split over two lines is one finding, reported on the line where it starts.

Caught (errors):

- Vietnamese phone numbers with any separators between digits (spaces of every width, dots, dashes, slashes,
  parentheses, bars, invisible characters) and any prefix: ``0912 345 678``, ``+84 (0) 912…``, ``84912345678``,
  ``0084 912…``, ``(024) 3825 1234``: mobiles 03/05/07/08/09 + 8 digits, landlines 02x + 8 digits; the same in
  messaging and call links (``wa.me/…``, ``zalo.me/…``, ``t.me/+…``, ``tel:``, ``sms:``, ``viber:``), where a
  foreign number of 9–15 digits is caught too; a phone or ID number read out in words, digit by digit
  (``không chín một hai ba bốn năm sáu bảy tám``), alone or mixed with figures.
- E-mail addresses, obfuscated ones included: ``ten [at] mien.vn``, ``ten (at) mien dot vn``,
  ``ten @ mien . vn``, ``ten（a）mien.vn``, ``ten a còng mien chấm vn``, ``&#64;``, ``＠``.
- ID numbers: a 12-digit CCCD (it starts with a province code 001–096) however it is grouped, with one kind of
  separator (``001 203 004 567``, ``001-203-004-567``, ``001.203.004.567``); a 9-digit CMND when it starts
  with 0, when its separator is one money never uses (``-``), or when it is written in one piece
  (``123456789``) with no unit or currency word around it.
- Withheld names (authors with ``consent_public: false``), compared on folded text (case, marks and ``đ``,
  Cyrillic and Greek look-alike letters) as whole words: the full name anywhere (a two-syllable one
  capitalised, unless the whole text is lowercase), also run together (``tranbimat``); a shorter form — the
  given name, or the last syllables — only after a form of address or a
  title (``anh``, ``chị``, ``ông``, ``bà``, ``KS.``, ``đ/c``, ``tổ trưởng`` …), capitalised, and with the
  marks it is written with (``anh Mạnh``, never ``giảm mạnh`` nor ``có ba năm`` for a withheld ``Năm``).
  An author known by one syllable also matches as the last word of a full name (``Nguyễn Văn Mạnh``).
  Collective authors (``Công đoàn …``, ``Tổ …``, ``Nhóm …``) are not people and are never searched.

Use: ``scan_document(data, hidden, markdown_fields)`` for a record's or a story's front matter,
``scan_text(body, hidden, markdown=True)`` for a story's body; ``hidden`` is a list of withheld names or a
``WithheldNames`` prepared once — for a story, ``WithheldNames(cited_records_names, whole_names=catalogue)``
also finds, as full names only, the withheld authors of records it does not cite.

Not an error, by rule (money and a CMND written in thousands have the same shape, so context decides):

- money and counts: a first group of 1–3 digits not led by 0, then groups of exactly 3 with one separator
  (``.``, ``,`` or a space): ``1.250.000.000 đ``, ``12.000 sản phẩm``; a number followed by a currency or a
  unit word (``đ``, ``đồng``, ``triệu``, ``tỷ``, ``%``, ``sản phẩm``, ``kWh`` …) or after a quantity word
  (``khoảng``, ``hơn``, ``đạt`` …);
- dates (``15/08/2022``, ``2022-08-15``), years and ranges of years, percentages, decimals (``3,5 %``,
  ``106.660172``: a number does not start or end after a decimal point, and two groups joined by a dot or a
  comma are a decimal unless the first has leading zeros), standards (``ISO 9001:2015``,
  ``TCVN 5699-1:2010``): none has the digits or the prefix of a phone or an ID.

Flagged although not personal, knowingly: a company's 10-digit tax code that starts like a mobile number
(``03…``), and nine zeros or more read out as words (``không không không…``).

Knowingly not caught:

- a CMND (9 digits, not led by 0) grouped in threes with dots, commas or spaces (``123.456.789``): it is
  written exactly as an amount or a count;
- phone formats retired in 2017–2018 (10-digit landlines ``04 3825 1234``, 11-digit mobiles ``0123…``),
  hotlines (1800/1900) and numbers split by words other than digit words (``0912 rồi 345 678``);
- a number spelt with tens and hundreds (``chín trăm mười hai…``) rather than digit by digit;
- a withheld name written with other marks (``anh Mãnh`` for ``Mạnh``) in a short form, a short form
  without a form of address, the surname and given name without the middle name (``Nguyễn Mạnh``: it is
  how streets and historical figures are named), or a name spelt with letters from other scripts than the
  look-alikes folded here;
- text inside images.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, pairwise

from generator.common.names import FAMILY_NAMES, MIDDLE_NAMES
from generator.render.markup import render_markdown

PERSONAL_REASON = "thông tin cá nhân không được đăng (chỉ press_contact được ghi số điện thoại, thư điện tử)"
CONSENT_REASON = "tác giả chưa đồng ý công khai tên (consent_public)"
KINDS = {"phone": "số điện thoại", "email": "địa chỉ thư điện tử", "id": "số giấy tờ tùy thân"}
_PUBLISHED_ON_PURPOSE = {("press_contact", "email"), ("press_contact", "phone")}

# ---------------------------------------------------------------------------------------------------------
# Characters a reader does not see. (Private here; text.py's clean() removes a shorter list.)

# Unicode category Cf, listed (a test checks the list against unicodedata).
_FORMAT_BMP = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
_FORMAT = _FORMAT_BMP + (
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_FILLERS = "\u115f\u1160\u3164\uffa0\u2800\u034f"  # Hangul fillers, Braille blank, grapheme joiner
# Combining marks; after NFKC, any still standing alone (no precomposed letter) are removed.
_MARKS_BMP = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\ufe00-\ufe0f"
_MARKS = _MARKS_BMP + "\U000e0100-\U000e01ef"
_INVISIBLE = re.compile(f"[{_FORMAT}{_FILLERS}]+")
_LONE_MARKS = re.compile(f"[{_MARKS}]+")
_CLUSTER = re.compile(f"[^\\x00-\\x7f][{_MARKS}]*|[\\x00-\\x7f][{_MARKS}]+")

# Cyrillic and Greek letters that look like Latin ones (a hand-kept table: no dependency for twenty letters).
_CONFUSABLE = str.maketrans(
    {
        # Cyrillic
        "А": "A",
        "В": "B",
        "Е": "E",
        "К": "K",
        "М": "M",
        "Н": "H",
        "О": "O",
        "Р": "P",
        "С": "C",
        "Т": "T",
        "У": "Y",
        "Х": "X",
        "І": "I",
        "Ј": "J",
        "Ѕ": "S",
        "Ӏ": "I",
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "у": "y",
        "х": "x",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "ԁ": "d",
        "һ": "h",
        "ԛ": "q",
        "ԝ": "w",
        "ӏ": "l",
        # Greek
        "Α": "A",
        "Β": "B",
        "Ε": "E",
        "Ζ": "Z",
        "Η": "H",
        "Ι": "I",
        "Κ": "K",
        "Μ": "M",
        "Ν": "N",
        "Ο": "O",
        "Ρ": "P",
        "Τ": "T",
        "Υ": "Y",
        "Χ": "X",
        "α": "a",
        "ο": "o",
        "ρ": "p",
        "ι": "i",
        "υ": "u",
        "ν": "v",
        "κ": "k",
        "χ": "x",
        "ϲ": "c",
        "ϳ": "j",
        # Latin letters that read as others
        "ı": "i",
        "ɡ": "g",
        "ℓ": "l",
    }
)
_D = {ord("đ"): "d", ord("Đ"): "d"}
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _fold_char(char: str) -> str:
    """One character for one: lowercase, no marks, đ -> d, look-alikes -> Latin (offsets stay aligned)."""
    char = char.translate(_CONFUSABLE)
    bare = "".join(c for c in unicodedata.normalize("NFD", char.translate(_D)) if not unicodedata.combining(c))
    return next((c for c in (bare.lower(), char.lower()) if len(c) == 1), char)


# A plain table over the scripts met here (translate is slow on misses); other characters stay as they are.
_FOLD = {
    code: _fold_char(chr(code)) for block in ((0, 0x530), (0x1E00, 0x1F00), (0x2000, 0x20D0)) for code in range(*block)
}


def _fold(text: str) -> str:
    return text.translate(_FOLD)


@lru_cache(maxsize=65536)
def _mark_key(word: str) -> str:
    """A word with its marks, for comparing "bà" with "ba": lowercase, look-alikes folded, and the tone mark
    put last, so that "Thủy" and "Thuỷ", "Hòa" and "Hoà" compare equal."""
    nfd = unicodedata.normalize("NFD", word.translate(_CONFUSABLE).lower())
    tones = "".join(sorted(c for c in nfd if c in _TONES))
    return unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES)) + tones


# ---------------------------------------------------------------------------------------------------------
# The scan copy: the text as read, with the source offset of each of its characters.


@dataclass
class _Copy:
    text: str
    source: str
    src: list[int] | None = None  # source offset of each character; None while the two coincide

    def offset(self, i: int) -> int:
        if self.src is None:
            return min(i, len(self.source))
        return self.src[i] if i < len(self.src) else len(self.source)

    def line(self, i: int) -> int:
        return self.source.count("\n", 0, self.offset(i))


def _sub(copy: _Copy, pattern: re.Pattern, repl, endpos: int | None = None) -> _Copy:
    """re.sub that keeps the offset map: a replacement maps to where its match started."""
    text, last = copy.text, 0
    pieces: list[str] = []
    where: list[int] = []
    for m in pattern.finditer(text, 0, len(text) if endpos is None else endpos):
        new = repl(m) if callable(repl) else repl
        if new == m.group():
            continue
        pieces.append(text[last : m.start()])
        where.extend(copy.src[last : m.start()] if copy.src is not None else range(last, m.start()))
        pieces.append(new)
        where.extend([copy.offset(m.start())] * len(new))
        last = m.end()
    if not pieces:
        return copy
    pieces.append(text[last:])
    where.extend(copy.src[last:] if copy.src is not None else range(last, len(text)))
    return _Copy("".join(pieces), copy.source, where)


_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*)?)/?>")
_INLINE_TAGS = {
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "cite",
    "code",
    "data",
    "del",
    "dfn",
    "em",
    "font",
    "i",
    "ins",
    "kbd",
    "mark",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
    "var",
    "wbr",
}
_ENTITY = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
_PERCENT = re.compile(r"%([2-7][0-9A-Fa-f])")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_EMPHASIS = re.compile(r"[*~`]+|_{2,}")
# One character class (fast), then the two-character cases checked apart. Characters beyond the BMP (emoji,
# tag characters) are all sent the slow way: a class listing astral ranges is several times slower to search.
_NEEDS_WORK = re.compile(f"[<&\\\\*~`{_FORMAT_BMP}{_FILLERS}{_MARKS_BMP}\U00010000-\U0010ffff]")
_MAX_ROUNDS = 8


def _tag(m: re.Match) -> str:
    # Inline tags can sit inside a word or a number ("09<b>12</b>…"); block tags separate words.
    return "" if m.group(2).lower() in _INLINE_TAGS else " "


def _nfkc(copy: _Copy) -> _Copy:
    if unicodedata.is_normalized("NFKC", copy.text):
        return copy
    return _sub(copy, _CLUSTER, lambda m: unicodedata.normalize("NFKC", m.group()))


def _as_read(text: str) -> bool:
    """The usual case, cheap to tell: nothing to decode or remove, the text is its own scan copy."""
    return (
        _NEEDS_WORK.search(text) is None
        and "__" not in text
        and ("%" not in text or not _PERCENT.search(text))
        and unicodedata.is_normalized("NFKC", text)
    )


def _reader_copy(text: str) -> tuple[_Copy, list[tuple[str, int]]]:
    """(scan copy, asides): asides are tag attributes and comment texts, scanned on their own at their offset."""
    copy = _Copy(text, text)
    asides: list[tuple[str, int]] = []
    if _as_read(text):
        return copy, asides
    for _ in range(_MAX_ROUNDS):  # decoding one layer can reveal another (&amp;#48;, ＆#48;)
        before = copy.text
        copy = _sub(copy, _INVISIBLE, "")
        copy = _nfkc(copy)
        copy = _sub(copy, _LONE_MARKS, "")
        # Up to the last "-->" only: an unclosed "<!--" would otherwise be searched to the end, once per "<!--".
        end = copy.text.rfind("-->") + 3
        asides += [
            (m.group(1), copy.offset(m.start())) for m in _COMMENT.finditer(copy.text, 0, end) if m.group(1).strip()
        ]
        copy = _sub(copy, _COMMENT, "", end)
        asides += [(m.group(3), copy.offset(m.start())) for m in _TAG.finditer(copy.text) if m.group(3).strip()]
        copy = _sub(copy, _TAG, _tag)
        copy = _sub(copy, _ENTITY, lambda m: html.unescape(m.group()))
        copy = _sub(copy, _PERCENT, lambda m: chr(int(m.group(1), 16)))
        if copy.text == before:
            break
    copy = _sub(copy, _ESCAPE, lambda m: m.group(1))
    copy = _sub(copy, _EMPHASIS, "")
    return copy, asides


_LINK_SYNTAX = re.compile(r"\]\s*[\[(:]")  # the end of a link's text: "](", "][", "]:"
_ANY_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*>")


def _rendered(text: str) -> str:
    """The Markdown field as its page shows it (links reduced to their text), as plain text."""
    return html.unescape(_ANY_TAG.sub(_tag, str(render_markdown(text))))


# ---------------------------------------------------------------------------------------------------------
# Findings.


@dataclass
class _Hit:
    start: int
    kind: str  # phone, email, id, name
    value: str  # as written in the scan copy
    key: str  # canonical, to recognise the same finding twice
    name: str = ""  # the withheld name, for kind == "name"

    def reason(self) -> str:
        if self.kind == "name":
            written = "" if _words(self.value) == _words(self.name) else f" (viết «{_shorten(self.value)}»)"
            return f"nêu tên «{self.name}»{written}, {CONSENT_REASON}"
        return f"có {KINDS[self.kind]} («{_shorten(self.value)}»); {PERSONAL_REASON}"


def _shorten(value: str, limit: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _words(text: str) -> list[str]:
    return _WORD.findall(_fold(text))


# --- numbers -----------------------------------------------------------------------------------------------

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


# --- numbers read out in words -----------------------------------------------------------------------------

_DIGIT_WORDS = {
    "không": "0",
    "khong": "0",
    "zero": "0",
    "một": "1",
    "mot": "1",
    "one": "1",
    "hai": "2",
    "two": "2",
    "ba": "3",
    "three": "3",
    "bốn": "4",
    "bon": "4",
    "tư": "4",
    "four": "4",
    "năm": "5",
    "nam": "5",
    "five": "5",
    "sáu": "6",
    "sau": "6",
    "six": "6",
    "bảy": "7",
    "bẩy": "7",
    "bay": "7",
    "seven": "7",
    "tám": "8",
    "tam": "8",
    "eight": "8",
    "chín": "9",
    "chin": "9",
    "nine": "9",
}
_DIGIT_WORD = "|".join(sorted(_DIGIT_WORDS, key=len, reverse=True))
_SPOKEN_GAP = r"[\s,.\-\u2013]{1,3}"
# A number read out starts with 0 (0…, 00…) or 84, as a word or as figures followed by a word. One regex per
# start, each led by a literal and tried only when that literal occurs: texts without one cost nothing.
_SPOKEN_STARTS = {
    start: re.compile(rf"{start}(?!\w)(?:{_SPOKEN_GAP}(?:{_DIGIT_WORD}|\d+)(?!\w)){{3,}}")
    for start in ("không", "khong", "zero", "tám", "tam", "eight")
}
_SPOKEN_STARTS |= {
    start: re.compile(
        rf"{start}\d*{_SPOKEN_GAP}(?:{_DIGIT_WORD})(?!\w)(?:{_SPOKEN_GAP}(?:{_DIGIT_WORD}|\d+)(?!\w)){{2,}}"
    )
    for start in ("0", "84")
}
_SPOKEN_TOKEN = re.compile(r"[^\W_]+")


def _spoken_runs(lowered: str) -> Iterator[re.Match]:
    for start, pattern in _SPOKEN_STARTS.items():
        if start in lowered:
            for m in pattern.finditer(lowered):
                if not m.start() or not (lowered[m.start() - 1].isalnum() or lowered[m.start() - 1] == "_"):
                    yield m  # a word of its own, not the end of another ("10", "khongx")


def _spoken_numbers(text: str, lowered: str) -> Iterator[_Hit]:
    """A phone or ID number read digit by digit in words, perhaps mixed with figures: nine or more digits in
    a row of at least four tokens, one of them a word (natural text never strings digit words so)."""
    done: set[int] = set()
    for run in _spoken_runs(lowered):
        for hit in _spoken_run(text, list(_SPOKEN_TOKEN.finditer(lowered, run.start(), run.end()))):
            if hit.start not in done:
                done.add(hit.start)
                yield hit


def _spoken_run(text: str, run: list[re.Match]) -> Iterator[_Hit]:
    if len(run) < 4 or all(m.group().isdigit() for m in run):
        return
    values = [m.group() if m.group().isdigit() else _DIGIT_WORDS[m.group()] for m in run]
    i = 0
    while i < len(run):
        best, digits = None, ""
        for j in range(i, len(run)):
            digits += values[j]
            if len(digits) > 14:
                break
            if j - i >= 3 and (_PHONE.fullmatch(digits) or _CCCD.fullmatch(digits) or re.fullmatch(r"0\d{8}", digits)):
                best = (j, digits)
        if best and not all(m.group().isdigit() for m in run[i : best[0] + 1]):
            j, digits = best
            kind = "phone" if _PHONE.fullmatch(digits) else "id"
            yield _Hit(
                run[i].start(),
                kind,
                text[run[i].start() : run[j].end()],
                _phone_key(digits) if kind == "phone" else digits,
            )
            i = j + 1
        else:
            i += 1


# --- e-mail ------------------------------------------------------------------------------------------------

_OPEN, _CLOSE = r"[\[({<]\s*", r"\s*[\])}>]"
_AT = re.compile(rf"(?:@|{_OPEN}(?:at|@|a){_CLOSE}|(?<=\s)(?:at|a\s*còng|acong)(?=\s))\s*", re.I)
_AT_HINT = re.compile(r"@|\bat\b|a\s*còng|acong|[\[({<]\s*a\s*[\])}>]", re.I)
_BRACKETED_A = re.compile(r"[\[({<]\s*a\s*[\])}>]", re.I)


def _maybe_email(lowered: str) -> bool:
    """Cheap test before the regex: "at" is no Vietnamese syllable (a closed syllable ending in t carries a
    tone mark), so it is rare in Vietnamese text."""
    return (
        "@" in lowered
        or "at" in lowered
        or "còng" in lowered
        or "acong" in lowered
        or _BRACKETED_A.search(lowered) is not None
    )


_LOCAL = re.compile(r"[\w.+\-]{1,64}$")
_DOT = rf"(?:\.|{_OPEN}(?:dot|chấm|\.){_CLOSE})"
_TIGHT_DOMAIN = re.compile(rf"[\w\-]+(?:{_DOT}[\w\-]+)*{_DOT}(?P<tld>[A-Za-z]{{2,24}})(?!\w)", re.I)
_SPACED_DOT = rf"(?:\s*{_DOT}\s*|\s+(?:dot|chấm)\s+)"
_LOOSE_DOMAINS = [
    re.compile(rf"[\w\-]+(?:{_SPACED_DOT}[\w\-]+){repeat}{_SPACED_DOT}(?P<tld>[A-Za-z]{{2,24}})(?!\w)", re.I)
    for repeat in ("*?", "*")
]
_TLDS = {
    "vn",
    "com",
    "net",
    "org",
    "edu",
    "gov",
    "info",
    "biz",
    "io",
    "me",
    "co",
    "uk",
    "us",
    "de",
    "fr",
    "jp",
    "kr",
    "cn",
    "au",
    "ca",
    "sg",
}
_DOT_ANY = re.compile(rf"\s*(?:{_DOT}|\s(?:dot|chấm)\s)\s*", re.I)


def _emails(text: str) -> Iterator[_Hit]:
    if not _AT_HINT.search(text):
        return
    for at in _AT.finditer(text):
        end = at.start()
        while end and text[end - 1].isspace():  # "ten @ mien . vn"
            end -= 1
        local = _LOCAL.search(text, max(0, end - 64), end)
        if not local or not any(c.isalnum() for c in local.group()):
            continue
        # "at" or "a còng" between two words counts only with a real top-level domain after it.
        worded = "@" not in at.group() and not re.search(r"[\[({<]", at.group())
        domain = next(
            (
                m
                for m in (p.match(text, at.end()) for p in (_TIGHT_DOMAIN, *_LOOSE_DOMAINS))
                if m and (not worded or m.group("tld").lower() in _TLDS)
            ),
            None,
        )
        if not domain:
            continue
        key = f"{local.group().lower()}@{_DOT_ANY.sub('.', domain.group()).lower()}"
        yield _Hit(local.start(), "email", text[local.start() : domain.end()], key)


# --- withheld names ----------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")


def _phrases(*items: str) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    """Phrases as word keys with their marks, and folded."""
    words = [_WORD.findall(item) for item in items]
    return {tuple(_mark_key(w) for w in ws) for ws in words}, {tuple(_fold(w) for w in ws) for ws in words}


# Forms of address and titles after which a given name is a person ("anh Mạnh", "KS. Mạnh", "đ/c Mạnh").
_ADDRESS, _ADDRESS_FOLDED = _phrases(
    "anh",
    "chị",
    "ông",
    "bà",
    "em",
    "cô",
    "chú",
    "bác",
    "cháu",
    "cậu",
    "mợ",
    "dì",
    "thím",
    "dượng",
    "cụ",
    "thầy",
    "bạn",
    "ngài",
    "đồng chí",
    "đ/c",
    "kỹ sư",
    "kĩ sư",
    "ks",
    "kts",
    "tiến sĩ",
    "tiến sỹ",
    "ts",
    "thạc sĩ",
    "thạc sỹ",
    "ths",
    "bác sĩ",
    "bác sỹ",
    "bs",
    "bsck",
    "pgs",
    "gs",
    "giáo sư",
    "nghệ nhân",
    "y sĩ",
    "dược sĩ",
    "ds",
    "cn",
    "điều dưỡng",
    "y tá",
    "tổ trưởng",
    "tổ phó",
    "quản đốc",
    "phó quản đốc",
    "giám đốc",
    "phó giám đốc",
    "trưởng phòng",
    "phó phòng",
    "trưởng ca",
    "trưởng khoa",
    "trưởng ban",
    "trưởng trạm",
    "đội trưởng",
    "chủ tịch",
    "chủ nhiệm",
    "bí thư",
    "cán bộ",
    "công nhân",
    "thợ",
    "thợ lò",
    "lão nông",
    "nông dân",
    "giáo viên",
    "cô giáo",
    "thầy giáo",
    "tác giả",
    "mr",
    "mrs",
    "ms",
    "dr",
)
_TITLES, _ = _phrases(
    "ks",
    "kts",
    "ts",
    "ths",
    "bs",
    "bsck",
    "pgs",
    "gs",
    "cn",
    "ds",
    "đ/c",
    "kỹ sư",
    "kĩ sư",
    "tiến sĩ",
    "thạc sĩ",
    "bác sĩ",
    "giáo sư",
    "đồng chí",
    "mr",
    "mrs",
    "ms",
    "dr",
)
# Words that start a full name: a one-syllable name after them is that name ("Nguyễn Văn Mạnh").
_NAME_WORDS = {_fold(w) for w in (*FAMILY_NAMES, *MIDDLE_NAMES)}
# A name that starts so is a group of people, not a person.
_COLLECTIVE, _COLLECTIVE_FOLDED = _phrases(
    "công đoàn",
    "tổ",
    "nhóm",
    "phòng",
    "ban",
    "phân xưởng",
    "xưởng",
    "đội",
    "tập thể",
    "khoa",
    "bộ phận",
    "chi đoàn",
    "đoàn thanh niên",
    "câu lạc bộ",
    "hợp tác xã",
    "htx",
    "công ty",
    "tổng công ty",
    "trung tâm",
    "liên đoàn",
    "ca",
    "kíp",
    "hội",
    "chi hội",
    "chi bộ",
    "ban chấp hành",
    "bệnh viện",
    "trường",
    "xí nghiệp",
    "nhà máy",
    "ngân hàng",
    "trạm",
    "chi nhánh",
    "văn phòng",
    "lớp",
    "đơn vị",
    "các tác giả",
    "nhiều tác giả",
)
# Folded, some of these are also surnames ("To" may be Tô, "Truong" Trương): unmarked, they stay people.
_COLLECTIVE_UNMARKED = {
    p for p in _COLLECTIVE_FOLDED if p[0] not in {"to", "truong", "doi", "khoa", "phong", "tram", "ca", "lop"}
}
_NAME_SPLIT = re.compile(r"\s*(?:[,;/&+]|\bvà\b|\bva\b|\bcùng\b|\(|\))\s*", re.I)
_CO_AUTHORS, _ = _phrases("cộng sự", "cong su", "đồng nghiệp", "nhóm", "nnk", "cs")


def is_person(name: str) -> bool:
    """False for a collective author ("Công đoàn …", "Tổ bảo trì", "Nhóm tác giả …", "Tập thể …")."""
    words = _WORD.findall(_reader_copy(name)[0].text)
    if not words:
        return False
    keys = tuple(_mark_key(w) for w in words)
    folded = tuple(_fold(w) for w in words)
    unmarked = all(_mark_key(w) == f for w, f in zip(words, folded, strict=False))
    for size in range(1, min(3, len(keys) - 1) + 1):  # "Tổ bảo trì" is a team; "Ban" alone may be a person
        if keys[:size] in _COLLECTIVE or (unmarked and folded[:size] in _COLLECTIVE_UNMARKED):
            return False
    return True


@dataclass
class _Person:
    name: str  # as given
    folded: tuple[str, ...]
    keys: tuple[str, ...]
    whole_only: bool  # catalogue-wide names: only the full name is searched


@dataclass
class WithheldNames:
    """Names to look for, prepared once: `hidden` in every form (full name, and shorter forms after a form of
    address), `whole_names` as full names only — for a story, the withheld names of the whole catalogue."""

    hidden: Iterable[str] = ()
    whole_names: Iterable[str] = ()
    by_last: dict[str, list[_Person]] = field(default_factory=dict, init=False)

    def __post_init__(self):
        self._add(self.whole_names, whole=True)
        self._add(self.hidden, whole=False)

    def adding(self, hidden: Iterable[str]) -> WithheldNames:
        """These names, and `hidden` in every form: prepared once for the catalogue, then per story."""
        out = WithheldNames()
        out.by_last = {key: list(people) for key, people in self.by_last.items()}
        out._add(hidden, whole=False)
        return out

    def _add(self, names: Iterable[str], whole: bool) -> None:
        for name in names:
            for words in _people(name):
                if whole and len(words) < 2:
                    continue
                person = _Person(name, tuple(_fold(w) for w in words), tuple(_mark_key(w) for w in words), whole)
                self.by_last.setdefault(person.folded[-1], []).append(person)
                if len(words) >= 2:
                    self.by_last.setdefault("".join(person.folded), []).append(person)

    def __bool__(self) -> bool:
        return bool(self.by_last)


def _people(name: str) -> list[list[str]]:
    """The people a name field holds ("Nguyễn Văn A và cộng sự", "KS. Trần Bí Mật"), as lists of words."""
    out = []
    for part in _NAME_SPLIT.split(_reader_copy(name)[0].text):
        if not part.strip() or not is_person(part):
            continue
        words = _WORD.findall(part)
        for size in (2, 1):  # "KS. Trần Bí Mật", "Đ/c …": a title is not part of the name
            if len(words) > size and tuple(_mark_key(w) for w in words[:size]) in _TITLES:
                words = words[size:]
                break
        if words and tuple(_mark_key(w) for w in words) not in _CO_AUTHORS:
            out.append(words)
    return out


@lru_cache(maxsize=1024)
def _prepared(hidden: tuple[str, ...]) -> WithheldNames:
    return WithheldNames(hidden)


def _as_names(hidden) -> WithheldNames:
    if isinstance(hidden, WithheldNames):
        return hidden
    return _prepared(tuple(hidden or ()))


class _Tokens:
    """The words of a scan copy, folded and as written, computed once a candidate name is seen."""

    def __init__(self, text: str, folded: str):
        self.text = text
        self.spans = [(m.start(), m.end()) for m in _WORD.finditer(folded)]
        self.folded = [folded[s:e] for s, e in self.spans]
        self.lowercase_text = text == text.lower()
        self.unmarked_text = folded == text.translate(_CONFUSABLE).lower()

    def written(self, i: int) -> str:
        s, e = self.spans[i]
        return self.text[s:e]

    def capital(self, i: int) -> bool:
        return self.written(i)[:1].isupper()

    def same(self, i: int, key: str, folded: str) -> bool:
        """Token i is this word with its marks, or written without any marks at all."""
        word = self.written(i)
        return _mark_key(word) == key or (self.folded[i] == folded and word.translate(_CONFUSABLE).lower() == folded)

    def close(self, i: int, j: int) -> bool:
        """Only spaces or an abbreviation's dot between tokens i and j ("KS. Mạnh", "anh\\nMạnh")."""
        return not self.text[self.spans[i][1] : self.spans[j][0]].strip(" \t\n\r.:")

    def address_before(self, i: int) -> int | None:
        """Start of a form of address ending just before token i."""
        for size in (3, 2, 1):
            a = i - size
            if a < 0 or not self.close(i - 1, i):
                continue
            words = tuple(_mark_key(self.written(k)) for k in range(a, i))
            if words in _ADDRESS or (self.unmarked_text and tuple(self.folded[a:i]) in _ADDRESS_FOLDED):
                return a
        return None


@lru_cache(maxsize=4096)
def _word_pattern(word: str) -> re.Pattern:
    return re.compile(rf"{re.escape(word)}(?![^\W_])")  # led by a literal: found at C speed


def _whole_word(word: str, folded: str) -> Iterator[re.Match]:
    for m in _word_pattern(word).finditer(folded):
        if not m.start() or not (folded[m.start() - 1].isalnum()):
            yield m


def _names(text: str, folded: str, names: WithheldNames, candidates: set[str]) -> Iterator[_Hit]:
    tokens = _Tokens(text, folded)
    for t, word in enumerate(tokens.folded):
        if word not in candidates:
            continue
        for person in names.by_last[word]:
            start = _match_person(tokens, t, person)
            if start is not None:
                yield _Hit(
                    tokens.spans[start][0],
                    "name",
                    text[tokens.spans[start][0] : tokens.spans[t][1]],
                    person.name,
                    person.name,
                )


def _match_person(tokens: _Tokens, t: int, person: _Person) -> int | None:
    """Index of the first token of a mention of `person` ending at token t, or None."""
    n = len(person.folded)
    if n >= 2 and tokens.folded[t] == "".join(person.folded):
        return t  # run together: "tranbimat"
    if tokens.folded[t] != person.folded[-1]:
        return None
    first = t - n + 1
    # Two lowercase words may be ordinary ones: a two-word name counts capitalised, or in all-lowercase text.
    whole = n >= 2 and first >= 0 and tokens.folded[first : t + 1] == list(person.folded)
    if whole and (n >= 3 or tokens.lowercase_text or tokens.capital(first)):
        return first
    if person.whole_only:
        return None
    for size in range(1 if n == 1 else min(n - 1, t + 1), 0, -1):  # the last syllables, longest first
        a = t - size + 1
        if not tokens.capital(a) or not all(
            tokens.same(a + k, person.keys[n - size + k], person.folded[n - size + k]) for k in range(size)
        ):
            continue
        address = tokens.address_before(a)
        if address is not None:
            return address
        surname = a > 0 and tokens.close(a - 1, a) and tokens.capital(a - 1) and tokens.folded[a - 1] in _NAME_WORDS
        if n == 1 and surname:
            return a - 1  # a one-syllable author named with a surname or a middle name
    return None


# ---------------------------------------------------------------------------------------------------------
# Scanning.


class _Plan:
    """Which detectors can fire in which text of a document, from one regex pass per detector over all its
    texts together: most texts have no long number, no '@', no withheld name, and run nothing at all."""

    def __init__(self, texts: list[str], names: WithheldNames):
        self.texts, self.names = texts, names
        self.starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
        joined = "\x00".join(texts)  # \x00 joins nothing: no number, word or address runs across it
        lowered = joined.lower()
        self.numbers = self._where(_RUN.finditer(joined))
        if any(hint in lowered for hint in _CALL_HINTS):
            self.numbers |= self._where(_CALL_LINK.finditer(joined))
        self.spoken = self._where(_spoken_runs(lowered))
        self.emails = self._where(_AT_HINT.finditer(joined)) if _maybe_email(lowered) else set()
        self.folded = _fold(joined) if names else ""
        self.candidates: set[str] = set()  # last syllables of withheld names present as words
        self.named: set[int] = set()  # texts holding one
        if names:
            keys: set[str] = set(names.by_last)
            if len(keys) > 16:  # a catalogue of names: look each word up rather than each name
                keys = set(_WORD.findall(self.folded)) & keys
            for key in keys:
                where = self._where(_whole_word(key, self.folded))
                if where:
                    self.candidates.add(key)
                    self.named |= where

    def _where(self, matches: Iterable[re.Match]) -> set[int]:
        return {bisect_right(self.starts, m.start()) - 1 for m in matches}

    def busy(self) -> set[int]:
        """The texts some detector has to look at."""
        return self.numbers | self.spoken | self.emails | self.named

    def detect(self, i: int, personal: bool, names: bool) -> list[_Hit]:
        text = self.texts[i]
        hits: list[_Hit] = []
        if personal:
            if i in self.numbers:
                hits += _numbers(text)
            if i in self.spoken:
                hits += _spoken_numbers(text, text.lower())
            if i in self.emails:
                hits += _emails(text)
        if names and i in self.named:
            folded = self.folded[self.starts[i] : self.starts[i] + len(text)]
            hits += _names(text, folded, self.names, self.candidates)
        return hits


def _scan_texts(texts: list[str], names: WithheldNames, personal, check_names, markdown) -> list[tuple[int, int, _Hit]]:
    """(index of the text, line offset inside it, finding) for every finding, in text then line order.
    `personal`, `check_names`, `markdown`: the indices of the texts to scan for personal data, for withheld
    names, and to render as Markdown (collections supporting `in`)."""
    if _as_read("\x00".join(texts)):
        copies, asides = [_Copy(t, t) for t in texts], []
    else:
        reads = [_reader_copy(t) for t in texts]
        copies = [copy for copy, _ in reads]
        asides = [(k, _reader_copy(aside)[0].text, at) for k, (_, found) in enumerate(reads) for aside, at in found]
    plan = _Plan([c.text for c in copies] + [text for _, text, _ in asides], names)
    found: dict[int, list[tuple[int, _Hit]]] = {}
    for n in sorted(plan.busy()):
        k = n if n < len(texts) else asides[n - len(texts)][0]
        for hit in plan.detect(n, k in personal, k in check_names):
            line = copies[k].line(hit.start) if n < len(texts) else texts[k].count("\n", 0, asides[n - len(texts)][2])
            found.setdefault(k, []).append((line, hit))
    for k in markdown:
        if k < len(texts) and _LINK_SYNTAX.search(copies[k].text):
            seen = {(h.kind, h.key) for _, h in found.get(k, [])}
            rendered = _reader_copy(_rendered(texts[k]))[0].text
            found.setdefault(k, []).extend(
                (_locate(copies[k], h), h)
                for h in _Plan([rendered], names).detect(0, k in personal, k in check_names)
                if (h.kind, h.key) not in seen
            )
    return [
        (k, line, hit)
        for k in sorted(found)
        for line, hit in sorted(found[k], key=lambda item: (item[0], item[1].start))
    ]


class _All:
    def __contains__(self, item) -> bool:
        return True


_ALL = _All()


def _locate(copy: _Copy, hit: _Hit) -> int:
    """The line of a finding seen only once rendered: where its first word or digits stand in the source."""
    first = _WORD.search(_fold(hit.value))
    if first:
        at = _fold(copy.text).find(first.group())
        if at >= 0:
            return copy.line(at)
    return 0


def scan_text(text: str, hidden: Iterable[str] | WithheldNames = (), markdown: bool = False) -> list[tuple[int, str]]:
    """(0-based line offset inside `text` where a finding starts, reason) for one text — a field, or a
    story's Markdown body. `hidden` holds withheld author names (a list, or WithheldNames prepared once)."""
    if not text:
        return []
    hits = _scan_texts([text], _as_names(hidden), _ALL, _ALL, [0] if markdown else [])
    return [(line, hit.reason()) for _, line, hit in hits]


def scan_document(
    data: dict, hidden: Iterable[str] | WithheldNames, markdown_fields: set[str]
) -> list[tuple[tuple, int, str]]:
    """Every string of a parsed YAML document (initiative or story front matter), nested dicts and lists
    included: (location like ("images", 0, "license"), line offset inside that string, reason).
    press_contact's e-mail and phone are published on purpose; authors' names are the names themselves."""
    strings = _strings(data, (), [])
    if not strings:
        return []
    locs, texts = zip(*strings, strict=False)
    on_purpose, own_names, markdown = set(), set(), []
    for i, loc in enumerate(locs):
        if len(loc) == 1:
            if loc[0] in markdown_fields:
                markdown.append(i)
        elif loc in _PUBLISHED_ON_PURPOSE:
            on_purpose.add(i)
        elif len(loc) == 3 and loc[0] == "authors" and loc[2] == "name":
            own_names.add(i)
    hits = _scan_texts(list(texts), _as_names(hidden), _Except(on_purpose), _Except(own_names), markdown)
    return [(locs[k], line, hit.reason()) for k, line, hit in hits]


class _Except:
    def __init__(self, excluded: set[int]):
        self.excluded = excluded

    def __contains__(self, item: int) -> bool:
        return item not in self.excluded


def _strings(data, loc: tuple, out: list) -> list[tuple[tuple, str]]:
    """(location, string) for every string in nested dicts and lists, in document order."""
    for key, item in data.items() if isinstance(data, dict) else enumerate(data):
        if isinstance(item, str):
            out.append(((*loc, key), item))
        elif isinstance(item, (dict, list)):
            _strings(item, (*loc, key), out)
    return out
