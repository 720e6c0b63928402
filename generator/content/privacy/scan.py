"""Scanning the strings of a record or a story: what is scanned for what, and where each finding is."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

from generator.content.privacy.emails import _AT_HINT, _emails, _maybe_email
from generator.content.privacy.folding import _fold
from generator.content.privacy.hits import _PUBLISHED_ON_PURPOSE, _WORD, _Hit
from generator.content.privacy.names import WithheldNames, _as_names, _names, _whole_word
from generator.content.privacy.numbers import _CALL_HINTS, _CALL_LINK, _RUN, _numbers
from generator.content.privacy.reader import _LINK_SYNTAX, _as_read, _Copy, _reader_copy, _rendered
from generator.content.privacy.spoken import _spoken_numbers, _spoken_runs


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
        self.named: set[int] = set()  # texts holding a key of a withheld name as a word
        if names:
            keys: set[str] = set(names.by_last)
            if len(keys) > 16:  # a catalogue of names: look each word up rather than each name
                keys = set(_WORD.findall(self.folded)) & keys
            for key in keys:
                where = self._where(_whole_word(key, self.folded))
                if where:
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
            hits += _names(text, folded, self.names)
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
