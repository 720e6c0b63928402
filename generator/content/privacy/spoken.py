"""Phone and ID numbers read out in words, digit by digit ("không chín một hai…")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.content.privacy.hits import _Hit
from generator.content.privacy.numbers import _CCCD, _PHONE, _phone_key

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
