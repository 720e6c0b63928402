"""Each document's terms, as ids into one vocabulary: what the postings are made from.

A term is a folded token with one exact spelling ("tiet\\0tiết"), or a pair of adjacent words of one field with no
spelling ("tiet_kiem\\0"). "\\0" sorts before every letter, so sorting terms sorts them by token, then by spelling:
the order the index lists them in. A document holds each term once, in its title or elsewhere only: the code
term * 2 + TITLE or OTHER.

Ids stay from build to build: a new term or token takes the next id, one no document holds any more stays
unused, until the vocabulary is compacted (sorted again, without the unused ones), which renumbers every code.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from generator.catalogue.similarity.signatures import Ragged
from generator.search import postings
from generator.search.documents import Document
from generator.search.words import words

SEP = "\0"
TITLE, OTHER = 0, 1
_SHORT = 120  # fields this long or shorter (places, unions, sectors, organisations, tags, names) repeat: split once
_COUNTED = 1 << 20  # codes counted at once: bounded memory whatever the corpus


@dataclass
class Terms:
    """A vocabulary: terms and the tokens they spell, and how many documents hold each."""

    terms: list[str]
    token_of: np.ndarray  # each term's token (int64)
    held: np.ndarray  # documents holding each term (int64)
    tokens: list[str]
    hashes: np.ndarray  # fnv1a of each token (uint32): its shard
    frequency: np.ndarray  # documents holding each token, in any spelling (int64)

    @classmethod
    def empty(cls) -> Terms:
        none = np.zeros(0, dtype=np.int64)
        return cls([], none, none, [], np.zeros(0, dtype=np.uint32), none)

    def counted(self, gone: Ragged, came: Ragged) -> Terms:
        """The same terms once the documents `gone` left and `came` arrived."""
        held = self.held + _held(came, len(self.terms)) - _held(gone, len(self.terms))
        frequency = self.frequency + self.documents(came) - self.documents(gone)
        return Terms(self.terms, self.token_of, held, self.tokens, self.hashes, frequency)

    def documents(self, codes: Ragged) -> np.ndarray:
        """Documents of `codes` holding each token in any spelling."""
        out = np.zeros(len(self.tokens), dtype=np.int64)
        several = np.bincount(self.token_of, minlength=len(self.tokens)) > 1  # a document may hold two spellings
        a = 0
        while a < len(codes):  # a block of documents at a time: bounded memory
            b = max(a + 1, int(np.searchsorted(codes.offsets, codes.offsets[a] + _COUNTED, side="right")) - 1)
            b = min(b, len(codes))
            block = codes.values[codes.offsets[a] : codes.offsets[b]]
            token = self.token_of[block >> 1]
            out += np.bincount(token, minlength=len(self.tokens))
            mine = np.flatnonzero(several[token])
            if len(mine):
                docs = np.repeat(np.arange(b - a, dtype=np.int32), np.diff(codes.offsets[a : b + 1]))[mine]
                # Grouped by token (a stable sort), each token's documents stay in order: a document holding two
                # spellings is two neighbours, counted once.
                order = np.argsort(token[mine], kind="stable")
                mine_tokens, docs = token[mine][order], docs[order]
                again = (mine_tokens[1:] == mine_tokens[:-1]) & (docs[1:] == docs[:-1])
                out -= np.bincount(mine_tokens[1:][again], minlength=len(self.tokens))
            a = b
        return out

    def compacted(self, codes: Ragged) -> tuple[Terms, Ragged]:
        """Sorted again, without terms and tokens no document holds; `codes` renumbered."""
        live = np.flatnonzero(self.held > 0).tolist()
        order = sorted(live, key=self.terms.__getitem__)
        if order == list(range(len(self.terms))):
            return self, codes
        new_id = np.full(len(self.terms), -1, dtype=np.int64)
        new_id[order] = np.arange(len(order))
        tokens = sorted(np.flatnonzero(self.frequency > 0).tolist(), key=self.tokens.__getitem__)
        new_token = np.full(len(self.tokens), -1, dtype=np.int64)
        new_token[tokens] = np.arange(len(tokens))
        renumbered = Ragged(np.empty_like(codes.values), codes.offsets)
        for a in range(0, len(codes.values), _COUNTED):  # a block at a time: bounded memory
            block = codes.values[a : a + _COUNTED]
            renumbered.values[a : a + _COUNTED] = new_id[block >> 1] * 2 + (block & 1)
        terms = Terms(
            [self.terms[t] for t in order],
            new_token[self.token_of[order]],
            self.held[order],
            [self.tokens[k] for k in tokens],
            self.hashes[tokens],
            self.frequency[tokens],
        )
        return terms, renumbered


def _held(codes: Ragged, size: int) -> np.ndarray:
    out = np.zeros(size, dtype=np.int64)
    for a in range(0, len(codes.values), _COUNTED):
        out += np.bincount(codes.values[a : a + _COUNTED] >> 1, minlength=size)
    return out


class Vocabulary:
    """Splits documents into codes: terms of the last build keep their ids, new ones take the next."""

    def __init__(self, known: Terms):
        self.known = known
        # A new term takes the next id inside the dictionary lookup itself: no Python call per term.
        self.ids: defaultdict[str, int] = defaultdict(itertools.count(len(known.terms)).__next__)
        self.ids.update(zip(known.terms, range(len(known.terms)), strict=True))
        self._fields: dict[str, frozenset[int]] = {}

    def document(self, doc: Document) -> tuple[list[int], str]:
        """A document's codes, and its title as the exact-title table keys it (its folded tokens)."""
        found = words(doc.title)
        title = self._split(found)
        other: set[int] = set()
        for field in doc.body:
            other.update(self.field(field))
        codes = [t * 2 + TITLE for t in title] + [t * 2 + OTHER for t in other - title]
        return codes, " ".join(token for token, _ in found)

    def field(self, text: str) -> frozenset[int]:
        known = self._fields.get(text)
        if known is None:
            known = self._split(words(text))
            if len(text) <= _SHORT:
                self._fields[text] = known
        return known

    def _split(self, found: list[tuple[str, str]]) -> frozenset[int]:
        terms = [f"{token}{SEP}{spelled}" for token, spelled in found]
        terms += [f"{a}_{b}{SEP}" for (a, _), (b, _) in itertools.pairwise(found)]
        return frozenset(map(self.ids.__getitem__, terms))

    def grown(self) -> Terms:
        """The known terms and those met since, with their tokens (no document counted yet for the new ones)."""
        known = self.known
        added = list(itertools.islice(self.ids, len(known.terms), None))
        if not added:
            return known
        tokens = list(known.tokens)
        token_ids = {t: k for k, t in enumerate(tokens)}
        of_added = []
        for term in added:
            name = term.split(SEP, 1)[0]
            k = token_ids.get(name)
            if k is None:
                k = token_ids[name] = len(tokens)
                tokens.append(name)
            of_added.append(k)
        grow = len(tokens) - len(known.tokens)
        return Terms(
            known.terms + added,
            np.concatenate([known.token_of, np.array(of_added, dtype=np.int64)]),
            np.concatenate([known.held, np.zeros(len(added), dtype=np.int64)]),
            tokens,
            np.concatenate([known.hashes, postings.fnv1a_many(tokens[len(known.tokens) :])]),
            np.concatenate([known.frequency, np.zeros(grow, dtype=np.int64)]),
        )
