"""Words as search sees them, the same in Python (index) and JavaScript (query; search-index.js mirrors this).

A token is a run of [a-z0-9] once the text is folded: NFKC (full-width digits, ligatures), invisible characters
removed, lower case, NFD, combining marks removed, đ → d. Beside it, each token keeps an *exact* spelling that
ignores where the tone mark was typed ("hoà" = "hòa", "thuỷ" = "thủy") but keeps vowel marks and đ
("huệ" ≠ "huế"): lower case, NFD, the five tone marks moved to the end.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from generator.common.text import _MARKS, INVISIBLE, fold

TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_MARK_CLASS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"  # as text.py's _MARKS
# A token as written: letters a-z, digits and đ, each with the marks on it; anything else ends it.
_RUN = re.compile(f"(?:[a-z0-9đ][{_MARK_CLASS}]*)+")
_TOKEN = re.compile("[a-z0-9]+")
_TONE = re.compile(f"[{TONES}]")


def prepare(text: str) -> str:
    """What both halves split into tokens: NFKC, no invisible character, lower case, ß as ss, NFD."""
    lowered = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).lower().replace("ß", "ss")
    return unicodedata.normalize("NFD", lowered)


def words(text: str) -> list[tuple[str, str]]:
    """(folded token, exact spelling) for every token of `text`, in order."""
    return [_pair(spelled) for spelled in _RUN.findall(prepare(text))]


def tokens(text: str) -> list[str]:
    return [t for t, _ in words(text)]


@lru_cache(maxsize=500_000)
def _pair(spelled: str) -> tuple[str, str]:
    return _MARKS.sub("", spelled).replace("đ", "d"), exact(spelled)


def exact(spelled: str) -> str:
    """The tone-placement-insensitive spelling of one NFD word: tone marks moved to the end."""
    tones = "".join(_TONE.findall(spelled))
    return _TONE.sub("", spelled) + tones


def marked(token: str, spelled: str) -> bool:
    """Whether a word was typed with marks or đ (only then do exact spellings count in the ranking)."""
    return spelled != token


def reference_tokens(text: str) -> list[str]:
    """The same tokens by the project's `fold` (a check of `words`, for tests): NFKC, invisible removed, folded."""
    return _TOKEN.findall(fold(_INVISIBLE.sub("", unicodedata.normalize("NFKC", text))).replace("ß", "ss"))
