"""Characters a reader does not see, and folding for comparison that keeps every offset (one character in,
one character out): case, marks, đ, look-alike letters from other scripts."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from generator.common.text import FILLERS, FORMAT, FORMAT_BMP

# The characters generator/common/text.py removes from every published text (format characters, fillers).
_FORMAT_BMP, _FORMAT, _FILLERS = FORMAT_BMP, FORMAT, FILLERS
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
