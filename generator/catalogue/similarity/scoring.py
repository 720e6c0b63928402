"""Exact scores of candidate pairs, from their trigram sets, each trigram weighted by how rare it is.

A trigram found in many records (a stock phrase of the submission form, boilerplate) says little about copying,
a rare one a lot: its weight is the smoothed inverse document frequency ln((1 + n) / (1 + df)) + 1, the record
count n and the frequency df rounded up to four significant bits (`rounded`: one record more or fewer then
moves few weights, and a warm build keeps the other pairs' scores). Of two sets A and B with weights w:
- resemblance (weighted Jaccard): w(A ∩ B) / w(A ∪ B): near-identical texts;
- containment: w(A ∩ B) / min(w(A), w(B)): one text inside the other, as in a copy with an added paragraph. It
  counts only when the smaller text has at least MIN_CONTAINED trigrams: a one-line record sits inside many.
A word changed every ten words breaks a quarter of the trigrams around it, so a third measure reads the words
themselves, for the pairs it can matter to:
- in order: the share of the shorter text's words that the other has in the same order (difflib's matching
  blocks), averaged with the containment, so that two texts built from the same stock phrases in the same order
  do not pass on the order alone.
The score is the largest of resemblance, containment and that average.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np
import scipy.sparse as sparse

from generator.catalogue.similarity.signatures import HASH_BITS, Ragged, Sketches

MIN_CONTAINED = 20
_CHUNK = 50_000  # pairs scored at once: bounds the memory of the intermediate matrices
_KEPT_CHUNK = 1 << 22  # pairs looked up, or scored from what they share, at once


@dataclass
class Scores:
    resemblance: np.ndarray
    containment: np.ndarray
    in_order: np.ndarray  # 0 where not computed (see with_order)

    @property
    def score(self) -> np.ndarray:
        return np.maximum(np.maximum(self.resemblance, self.containment), (self.containment + self.in_order) / 2)


def corpus(n: int) -> int:
    """The number of records weights are worked out for: `n` rounded up (`rounded`), so that one record more or
    fewer (one approved, one withdrawn) moves no weight in all but one build of thousands."""
    return int(rounded(np.array([n]))[0])


def rounded(counts: np.ndarray) -> np.ndarray:
    """Counts below 16 as they are, others rounded up to four significant bits (by at most 12.5%): a weight from a
    rounded count moves only when the count crosses a step, so one record more or fewer moves the weights of its
    rare trigrams alone, in all but a few builds, and a warm build keeps what the others share (`shared_again`)."""
    counts = np.asarray(counts, dtype=np.int64)
    bits = np.floor(np.log2(np.maximum(counts, 1))).astype(np.int64) + 1
    step = np.left_shift(1, np.maximum(bits - 4, 0))
    return -(-counts // step) * step


def column_weights(df: np.ndarray, n: int) -> np.ndarray:
    """Each column's weight ln((1 + n) / (1 + df)) + 1 from its document frequency, both rounded (`corpus`,
    `rounded`), as float32; 0 where no record holds it. Worked out once a column (2^24) and then looked up, rather
    than once for each of the records' values (10⁸ at 10⁶ records)."""
    held = np.flatnonzero(df)
    out = np.zeros(len(df), dtype=np.float32)
    out[held] = (np.log((1 + corpus(n)) / (1 + rounded(df[held]))) + 1).astype(np.float32)
    return out


class Weighted:
    """Sets of hashes as rows of a sparse matrix whose entries are the square roots of their weights: the product
    of two rows, entry by entry, sums to the weight of what they share."""

    def __init__(self, sets: Ragged):
        self.columns = columns = sets.hashed()
        roots = np.sqrt(column_weights(np.bincount(columns.values, minlength=1 << HASH_BITS), len(sets)))
        shape = (len(sets), 1 << HASH_BITS)
        self.roots = sparse.csr_matrix((roots[columns.values], columns.values, columns.offsets), shape=shape)
        self.totals = columns.reduce((roots * roots)[columns.values])
        self.sizes = columns.lengths

    def frequency(self, values: np.ndarray) -> np.ndarray:
        """How many rows hold each of `values` (distinct, sorted)."""
        if not len(values):
            return np.zeros(0, dtype=np.int64)
        held = self.columns.values
        held = held[np.isin(held, values, kind="table")]
        return np.bincount(np.searchsorted(values, held), minlength=len(values))

    def shared(self, pairs: np.ndarray) -> np.ndarray:
        """w(A ∩ B) for each pair of rows (a sum of float32 products, kept as such: half the memory of 10⁸ pairs)."""
        out = np.zeros(len(pairs), dtype=np.float32)
        for start in range(0, len(pairs), _CHUNK):
            a, b = pairs[start : start + _CHUNK, 0], pairs[start : start + _CHUNK, 1]
            out[start : start + len(a)] = np.asarray(self.roots[a].multiply(self.roots[b]).sum(axis=1)).ravel()
        return out


@dataclass
class Kept:
    """A build's candidate pairs and the weight each shares (`Weighted.shared`), by row of its sketches (`keys`)."""

    keys: np.ndarray
    pairs: np.ndarray
    shared: np.ndarray


def shared_again(weighted: Weighted, pairs: np.ndarray, keys: np.ndarray, before: Sketches | None,
                 kept: Kept | None) -> np.ndarray:  # fmt: skip
    """`weighted.shared(pairs)`, taking from the last build (`kept`, made from the sketches `before`) each pair of
    the same two texts whose shared weight cannot have moved: under the same `corpus`, a weight moves only with the
    frequency of its trigram (`_moved`), and only a pair whose both texts hold such a trigram can share one. Every
    other pair is worked out again."""
    n, m = len(keys), len(before) if before is not None else 0
    if kept is None or before is None or corpus(m) != corpus(n) or not np.array_equal(kept.keys, before.keys):
        return weighted.shared(pairs)
    if not len(kept.pairs) or not len(pairs) or not m:
        return weighted.shared(pairs)
    ordered = np.argsort(before.keys, kind="stable")
    at = np.minimum(np.searchsorted(before.keys[ordered], keys), m - 1)
    last = np.where(before.keys[ordered[at]] == keys, ordered[at], -1)  # each row's text in the last build, or -1
    moved = _moved(weighted, keys, before)
    mark = np.zeros(1 << HASH_BITS, dtype=bool)
    mark[moved] = True
    touched = weighted.columns.reduce(mark[weighted.columns.values], np.logical_or)  # rows holding a moved trigram
    kept_codes = kept.pairs[:, 0].astype(np.int64) * m + kept.pairs[:, 1]  # sorted, as candidates.pairs gives them
    out = np.zeros(len(pairs), dtype=np.float32)
    found = np.zeros(len(pairs), dtype=bool)
    for start in range(0, len(pairs), _KEPT_CHUNK):  # the temporaries of 10⁸ pairs at once would take gigabytes
        part = slice(start, start + _KEPT_CHUNK)
        a, b = last[pairs[part, 0]], last[pairs[part, 1]]
        codes = np.minimum(a, b) * m + np.maximum(a, b)  # of the last build's rows
        where = np.minimum(np.searchsorted(kept_codes, codes), len(kept_codes) - 1)
        here = (a >= 0) & (b >= 0) & (kept_codes[where] == codes)
        here &= ~(touched[pairs[part, 0]] & touched[pairs[part, 1]])
        found[part] = here
        out[part][here] = kept.shared[where[here]]
    missing = ~found
    out[missing] = weighted.shared(pairs[missing])
    return out


def _moved(weighted: Weighted, keys: np.ndarray, before: Sketches) -> np.ndarray:
    """The (hashed) trigrams whose weight differs from the last build's: those whose document frequency, counted
    over each text as many times more or fewer as records now hold it, crossed a step of `rounded`."""
    both = np.concatenate([before.keys, keys])
    texts, first, which = np.unique(both, return_index=True, return_inverse=True)
    now, then = which[len(before) :], which[: len(before)]
    delta = np.bincount(now, minlength=len(texts)) - np.bincount(then, minlength=len(texts))
    changed = np.flatnonzero(delta)
    if not len(changed):
        return np.zeros(0, dtype=np.int64)
    rows = first[changed]  # a row holding each changed text: of the last build, or of this one
    old = rows < len(before)
    parts = [before.trigrams.take(rows[old]).hashed(), weighted.columns.take(rows[~old] - len(before))]
    values = np.concatenate([part.values for part in parts])
    weights = np.concatenate([np.repeat(delta[changed[old]], parts[0].lengths),
                              np.repeat(delta[changed[~old]], parts[1].lengths)])  # fmt: skip
    distinct_values, at = np.unique(values, return_inverse=True)
    net = np.bincount(at, weights=weights).astype(np.int64)
    now_df = weighted.frequency(distinct_values)
    return distinct_values[rounded(now_df) != rounded(now_df - net)]


def score(weighted: Weighted, pairs: np.ndarray, shared: np.ndarray | None = None) -> Scores:
    """`shared`: what `weighted.shared(pairs)` gives, if known."""
    if not len(pairs):
        empty = np.zeros(0)
        return Scores(empty, empty, empty)
    shared = (weighted.shared(pairs) if shared is None else shared).astype(np.float64)
    ta, tb = weighted.totals[pairs[:, 0]], weighted.totals[pairs[:, 1]]
    union = ta + tb - shared
    resemblance = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    smaller = np.minimum(ta, tb)
    enough = np.minimum(weighted.sizes[pairs[:, 0]], weighted.sizes[pairs[:, 1]]) >= MIN_CONTAINED
    containment = np.divide(shared, smaller, out=np.zeros_like(shared), where=enough & (smaller > 0))
    return Scores(resemblance, containment, np.zeros_like(shared))


def reaching(weighted: Weighted, pairs: np.ndarray, shared: np.ndarray, threshold: float) -> tuple[np.ndarray, Scores]:
    """The positions in `pairs` of those that reach `threshold`, or could with the words in order, and their
    scores: worked out a few million pairs at a time, since at 10⁶ records there are 10⁸ candidates and a few
    thousand of them near."""
    found, parts = [], []
    for start in range(0, len(pairs), _KEPT_CHUNK):
        part = slice(start, start + _KEPT_CHUNK)
        scores = score(weighted, pairs[part], shared[part])
        near = np.flatnonzero(_may_reach(scores, threshold))
        found.append(near + start)
        parts.append(Scores(scores.resemblance[near], scores.containment[near], scores.in_order[near]))
    if not found:
        empty = np.zeros(0)
        return np.zeros(0, dtype=np.int64), Scores(empty, empty, empty)
    joined = [np.concatenate([getattr(p, name) for p in parts]) for name in ("resemblance", "containment", "in_order")]
    return np.concatenate(found), Scores(*joined)


def _may_reach(scores: Scores, threshold: float) -> np.ndarray:
    """Reaching `threshold` already, or able to with the words in order (containment of at least 2 · threshold − 1)."""
    return (scores.score >= threshold) | (scores.containment >= 2 * threshold - 1)


@dataclass
class Orders:
    """`in_order` of pairs of texts, by the two texts' sketch keys in the pair's order: a text's key covers every
    word compared, so a later build takes the value rather than matching the words again (difflib, and the words
    read from the records: a second and a half of a warm build at 10⁵)."""

    keys: np.ndarray  # (k, 2) sketch keys
    values: np.ndarray


def with_order(
    scores: Scores,
    pairs: np.ndarray,
    words: Callable[[int], list[int]],
    threshold: float,
    keys: np.ndarray,
    known: Orders | None = None,
) -> Orders:
    """Fill in `in_order` for the pairs that reach `threshold` already or could with it (`_may_reach`);
    `words(row)` gives a record's words, as hashes, and `keys` each row's sketch key. Taken from `known` where the
    same two texts were compared before; returns every pair's value, for the next build."""
    todo = np.flatnonzero(_may_reach(scores, threshold))
    texts = keys[pairs[todo]].reshape(len(todo), 2)
    before = dict(zip(map(tuple, known.keys.tolist()), known.values.tolist(), strict=True)) if known else {}
    seen: dict[int, list[int]] = {}
    for k, pair in zip(todo.tolist(), map(tuple, texts.tolist()), strict=True):
        value = before.get(pair)
        if value is None:
            a, b = (seen.setdefault(int(r), words(int(r))) for r in pairs[k])
            value = in_order(a, b)
        scores.in_order[k] = value
    return Orders(texts, scores.in_order[todo].copy())


def in_order(a: Sequence, b: Sequence) -> float:
    """The share of the shorter sequence that the other holds in the same order."""
    if not a or not b:
        return 0.0
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks) / min(len(a), len(b))
