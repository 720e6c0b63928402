"""The scan copy: a text as a reader sees it (tags, comments, entities, escapes, emphasis and invisible
characters gone; NFKC; lines joined), with the source offset of each of its characters."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from generator.content.privacy.folding import _CLUSTER, _FILLERS, _FORMAT_BMP, _INVISIBLE, _LONE_MARKS, _MARKS_BMP
from generator.render.markup import render_markdown


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
