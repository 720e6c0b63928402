"""From an initiative's text to what is compared: folded words, then word n-grams hashed to 32 bits.

Text is folded (marks, `đ`, case), numbers lose their separators ("4.700.000" and "4700000" are one word),
and the record's own organisation name is taken out (a copy made in another unit names another unit). Shingles
never cross a sentence: a copy with its sentences shuffled has the same set. Trigrams tell a copy; bigrams,
where most Vietnamese compound words sit, tell a topic.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from difflib import SequenceMatcher

import numpy as np

from generator.common.arrays import distinct
from generator.common.text import fold, nfc

FIELDS = ("title", "summary", "problem", "solution", "results")
_TOKEN = re.compile(r"\w+|[.!?;:…]+(?=\s|$)|\n")
_WORD = re.compile(r"\w+")
_NUMBER_SEPARATOR = re.compile(r"(?<=\d)[.,](?=\d)")
_BREAK = 0  # a sentence boundary among word hashes (crc32 of a word is never 0: see _word_hash)
_NUMBER = 1 << 32  # set on the hash of a word with a digit: a figure says nothing of a subject
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))
_SHIFT = np.uint64(29)
_TOP = np.uint64(32)
_HASHES: dict[str, int] = {}  # word as written -> hash, per process: a few hundred thousand words at most


def fields(record) -> list[str]:
    """The screened fields of an initiative record, in order."""
    return [getattr(record, name) or "" for name in FIELDS]


def word_hashes(texts: Sequence[str], organization: str | None = None) -> np.ndarray:
    """The words of `texts` as hashes of their folded form (uint64), with _BREAK between sentences and fields.
    Each distinct word is folded once per process (generator.common.text.fold), not each text as a whole."""
    words = _hashes(_NUMBER_SEPARATOR.sub("", nfc("\n".join(texts))))  # composed: \w takes no lone mark
    own = _hashes(organization) if organization else words[:0]
    own = own[own != _BREAK]
    if 0 < len(own) <= len(words):
        span = len(words) - len(own) + 1
        hit = np.ones(span, dtype=bool)
        for k, word in enumerate(own):
            hit &= words[k : k + span] == word
        for start in np.flatnonzero(hit):
            words[start : start + len(own)] = _BREAK
    return words


def words(record) -> list[int]:
    """An initiative record's words in order, as hashes, its organisation's name left out."""
    org = record.organization
    found = word_hashes(fields(record), org.name if org else None)
    return found[found != _BREAK].tolist()


def _hashes(text: str) -> np.ndarray:
    get = _HASHES.get
    out = []
    for token in _TOKEN.findall(text):
        h = get(token)
        out.append(h if h is not None else _word_hash(token))
    return np.array(out, dtype=np.uint64)


def _word_hash(token: str) -> int:
    if token[0] in ".!?;:…\n":
        h = _BREAK
    else:
        word = fold(token)
        h = (zlib.crc32(word.encode()) or 1) | (_NUMBER if any(c.isdigit() for c in word) else 0)
    _HASHES[token] = h
    return h


def ngrams(words: np.ndarray, n: int, figures: bool = True) -> np.ndarray:
    """Sorted distinct 32-bit hashes of the word n-grams inside each sentence (n = 2 or 3); without `figures`,
    words with a digit break a sentence as punctuation does."""
    if not figures:
        words = np.where(words >= _NUMBER, _BREAK, words).astype(np.uint64)
    if len(words) < n:
        return np.zeros(0, dtype=np.uint32)
    parts = [words[k : len(words) - n + 1 + k] for k in range(n)]
    inside = np.ones(len(parts[0]), dtype=bool)
    h = np.zeros(len(parts[0]), dtype=np.uint64)
    for k, part in enumerate(parts):
        inside &= part != _BREAK
        h ^= part * _MIX[k]  # order matters: "a b c" and "c b a" differ
    h ^= h >> _SHIFT
    h *= _MIX[0]
    return distinct((h[inside] >> _TOP).astype(np.uint32))


# --- the passage two records share, for the editors' report ----------------------------------------------


def passage(a: Sequence[str], b: Sequence[str], most: int = 40) -> str:
    """The longest run of words two records' fields (`a`, `b`, as fields() gives them) share once folded, inside
    one field, as `a` writes it (at most `most` words)."""
    a_words, b_words = _spans(a, "a"), _spans(b, "b")
    match = SequenceMatcher(None, [w for *_, w in a_words], [w for *_, w in b_words], autojunk=False)
    found = match.find_longest_match(0, len(a_words), 0, len(b_words))
    if found.size == 0:
        return ""
    run = a_words[found.a : found.a + min(found.size, most)]
    field, start, end = run[0][0], run[0][1], run[-1][2]
    text = " ".join(nfc(a[field])[start:end].split())
    return text + (" …" if found.size > most else "")


def _spans(fields: Sequence[str], side: str) -> list[tuple[int, int, int, str]]:
    """(field, start, end, folded word) of every word, and after each field a marker that matches nothing on
    the other side, so that no run crosses from one field into the next."""
    out: list[tuple[int, int, int, str]] = []
    for k, text in enumerate(fields):
        out += [(k, m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(nfc(text))]
        out.append((k, 0, 0, f"\0{side}{k}"))
    return out
