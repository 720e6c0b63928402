"""Vietnamese text helpers: normalisation, folding for comparison, slugs."""

from __future__ import annotations

import difflib
import re
import unicodedata

from slugify import slugify as _slugify

_D = str.maketrans({"đ": "d", "Đ": "D"})
_SPACE = re.compile(r"\s+")
# The combining-mark blocks (Vietnamese tone and vowel marks are all in the first).
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Characters a reader cannot see, which can still make text read or compare other than it looks (a name split
# by a soft hyphen, a title reversed by a bidi override, words hidden in the tag block): control characters
# (tab and line ends kept), every format character (Unicode category Cf, listed to Unicode 15.1; a test checks
# the list against the running Python), the Hangul fillers, and two other default-ignorable letters
# (U+034F, U+17B4–U+17B5). Variation selectors stay: emoji need them. One class, one pass per field.
CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 and C1 controls
FORMAT_BMP = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
FORMAT = FORMAT_BMP + (
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e007f"  # the tag block, unassigned points included
)
# Hangul and Braille fillers and the other default-ignorable letters.
FILLERS = "\u115f\u1160\u3164\uffa0\u2800\u034f\u17b4\u17b5"
INVISIBLE = CONTROLS + FORMAT + FILLERS
_CONTROLS = re.compile(f"[{INVISIBLE}]")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC, without invisible characters (see INVISIBLE): every plain-text and Markdown field goes through here
    before it reaches any output (YAML escapes and entities can still produce them)."""
    return _CONTROLS.sub("", nfc(text))


def strip_marks(text: str) -> str:
    """Drop diacritics; đ/Đ do not decompose under NFD, so they are mapped explicitly."""
    return _MARKS.sub("", unicodedata.normalize("NFD", text.translate(_D)))


def fold(text: str) -> str:
    """Comparison key: "Thủy"/"Thuỷ", "Hòa"/"Hoà", case and spacing all compare equal."""
    return _SPACE.sub(" ", strip_marks(nfc(text)).casefold()).strip()


def slug(text: str) -> str:
    return _slugify(strip_marks(nfc(text)))


def one_line(text: str) -> str:
    """Plain-text fields are shown on one line: collapse all whitespace."""
    return _SPACE.sub(" ", clean(text)).strip()


def closest(word: str, candidates: dict[str, str]) -> str | None:
    """The display name whose folded key is closest to `word`, for "did you mean" messages."""
    match = difflib.get_close_matches(fold(word), list(candidates), n=1, cutoff=0.5)
    return candidates[match[0]] if match else None


def heading_id(value: str, separator: str = "-") -> str:
    """Heading anchors for Markdown's table of contents: "Vấn đề" -> "van-de" (the default drops "đ")."""
    return _slugify(strip_marks(nfc(value)), separator=separator)


# Abbreviations in organisation names, folded: "Công ty CP" and "Công ty Cổ phần" are the same company.
_ORG_WORDS = {
    "cty": "cong ty",
    "ctcp": "cong ty co phan",
    "cp": "co phan",
    "mtv": "mot thanh vien",
    "tm": "thuong mai",
    "dv": "dich vu",
    "sx": "san xuat",
    "xnk": "xuat nhap khau",
    "tct": "tong cong ty",
    "tp": "thanh pho",
}
_NOT_WORD = re.compile(r"[^\w]+")


def organization_key(name: str) -> str:
    """One key per organisation however its name is written: case, spacing, marks, dots and usual abbreviations."""
    words = _NOT_WORD.sub(" ", fold(name)).split()
    return " ".join(_ORG_WORDS.get(w, w) for w in _join_initials(words))


def _join_initials(words: list[str]) -> list[str]:
    """ "C.P" was split into "c", "p": letters standing alone in a row are one abbreviation ("cp")."""
    out: list[str] = []
    run = ""
    for w in [*words, ""]:
        if len(w) == 1:
            run += w
            continue
        if run:
            out.append(run)
            run = ""
        if w:
            out.append(w)
    return out
