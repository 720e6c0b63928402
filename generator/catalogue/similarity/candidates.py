"""Locality-sensitive hashing over MinHash signatures: two records become candidates when one band of their
signatures is equal, so near-identical texts meet without comparing every pair.

64 bands of 4 rows (256 permutations): a pair whose trigram sets have a Jaccard similarity s becomes a candidate
with probability 1 − (1 − s⁴)⁶⁴ — 0.97 at s = 0.48, 0.81 at 0.40, 0.63 at 0.35, 0.01 at 0.15. The bands are
hashed and grouped with one sort each (the banding datasketch's MinHashLSH does with a Python dictionary a
band, which costs tens of seconds to rebuild at 10⁵ records on every run).
"""

from __future__ import annotations

import numpy as np

from generator.catalogue.similarity.signatures import PERMUTATIONS
from generator.common.arrays import starts

BANDS, ROWS = 64, 4
assert BANDS * ROWS == PERMUTATIONS
# A bucket this large holds records that share one common short text (a title, a stock sentence): each member is
# paired with the WIDE members after it only, enough to link them into one cluster without 10⁸ pairs.
WIDE = 64
_MULTIPLIERS = np.random.default_rng(20250701).integers(1, 2**63, size=ROWS, dtype=np.uint64) | np.uint64(1)


def pairs(minhash: np.ndarray, usable: np.ndarray | None = None) -> np.ndarray:
    """Candidate pairs (i, j), i < j, each once, as an (n, 2) array of row numbers, sorted. `usable`: a mask of
    the rows that take part (a record with no trigram has an empty signature that every other empty one equals).
    At 10⁶ records there are some 10⁸ pairs: each is held as one number (i · n + j) until the end, and returned as
    two 32-bit rows."""
    rows = np.arange(len(minhash)) if usable is None else np.flatnonzero(usable)
    found = []
    for band in range(BANDS):
        keys = _band_keys(minhash, band)[rows]  # not a copy of the usable signatures: 1 GB at 10⁶ records
        order = np.argsort(keys, kind="stable")
        found.append(_bucket_codes(rows[order], keys[order], len(minhash)))
    return _unique(found, len(minhash))


def _band_keys(minhash: np.ndarray, band: int) -> np.ndarray:
    part = minhash[:, band * ROWS : (band + 1) * ROWS].astype(np.uint64)
    return (part * _MULTIPLIERS).sum(axis=1, dtype=np.uint64) ^ np.uint64(band)


def _ranks(counts: np.ndarray) -> np.ndarray:
    """0, 1, …, c − 1 for each c in counts, concatenated."""
    total = int(counts.sum())
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    return np.arange(total) - starts


def _bucket_codes(rows: np.ndarray, keys: np.ndarray, n: int) -> np.ndarray:
    """Every pair of rows with equal keys (keys sorted), a bucket of more than WIDE members only partly, each as
    i · n + j (i < j)."""
    if len(keys) < 2:
        return np.zeros(0, dtype=np.int64)
    start = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    size = np.diff(np.r_[start, len(keys)])
    end = np.repeat(start + size, size)  # for each position, the end of its bucket
    after = np.minimum(end - np.arange(len(keys)) - 1, WIDE)  # partners after each position
    first = np.repeat(np.arange(len(keys)), after)
    second = first + _ranks(after) + 1
    a, b = rows[first].astype(np.int64), rows[second].astype(np.int64)
    return np.minimum(a, b) * n + np.maximum(a, b)


def _unique(found: list[np.ndarray], n: int) -> np.ndarray:
    codes = np.concatenate(found) if found else np.zeros(0, dtype=np.int64)
    found.clear()
    codes.sort()
    codes = codes[starts(codes)]
    out = np.empty((len(codes), 2), dtype=np.int32 if n < 2**31 else np.int64)
    np.floor_divide(codes, n, out=out[:, 0], casting="unsafe")
    np.remainder(codes, n, out=out[:, 1], casting="unsafe")
    return out
