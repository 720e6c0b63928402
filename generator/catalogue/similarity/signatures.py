"""What is compared of each record, computed once per text: its trigram and bigram sets and its MinHash
signature (datasketch), kept in the build folder by content digest so that a warm run computes only new or
changed records.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

from generator.catalogue.similarity import tokens
from generator.common import parallel
from generator.common.digest import digest
from generator.common.store import ArrayFile

PERMUTATIONS = 256  # 64 bands of 4 rows: see candidates.py
SEED = 1
# What the cached values are made with: another tokenisation, hashing or signature starts the cache afresh.
FORMAT = f"4:{PERMUTATIONS}:{SEED}:affine32"
FILE = "sketches.arrays"
KEYS = "keys.arrays"  # record digest -> sketch key
KEY = "S24"  # a sketch key: `key`, a digest of 24 hex digits
HASH_BITS = 24  # columns of the sparse matrices the scores are computed with (see Ragged.hashed)


@dataclass
class Ragged:
    """Rows of different lengths in one array: row k is values[offsets[k]:offsets[k + 1]]."""

    values: np.ndarray
    offsets: np.ndarray

    @classmethod
    def of(cls, rows: Sequence[np.ndarray]) -> Ragged:
        offsets = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum([len(r) for r in rows], out=offsets[1:])
        values = np.concatenate(rows).astype(np.uint32, copy=False) if rows else np.zeros(0, dtype=np.uint32)
        return cls(values, offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def row(self, k: int) -> np.ndarray:
        return self.values[self.offsets[k] : self.offsets[k + 1]]

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    def take(self, rows: np.ndarray, more: Ragged | None = None) -> Ragged:
        """The given rows, in that order; with `more`, rows from len(self) on are its rows."""
        sources = [self] if more is None else [self, more]
        lengths = np.concatenate([s.lengths for s in sources])[rows]
        offsets = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        # Runs of consecutive rows of one source (a warm build's: the records of the last build, in its order, then
        # a few new ones) are copied a run at a time, without an index of every value (10^7 at 10^5 records).
        mine = len(self)
        inside = rows < mine
        breaks = np.flatnonzero((np.diff(rows) != 1) | (inside[1:] != inside[:-1])) + 1
        if not len(rows) or len(breaks) > len(rows) // 16:
            whole = self if more is None else self.then(more)
            where = np.repeat(whole.offsets[rows] - offsets[:-1], lengths) + np.arange(offsets[-1])
            return Ragged(whole.values[where], offsets)
        values = np.empty(offsets[-1], dtype=self.values.dtype)
        for a, b in itertools.pairwise([0, *breaks.tolist(), len(rows)]):
            source, row = (self, rows[a]) if inside[a] else (sources[-1], rows[a] - mine)
            start = source.offsets[row]
            values[offsets[a] : offsets[b]] = source.values[start : start + offsets[b] - offsets[a]]
        return Ragged(values, offsets)

    def first(self, n: int) -> Ragged:
        """The first `n` rows, sharing this one's memory."""
        return Ragged(self.values[: self.offsets[n]], self.offsets[: n + 1])

    def hashed(self, bits: int = HASH_BITS) -> Ragged:
        """The rows' values cut to their top `bits` bits, each once: feature hashing, so that sparse matrices have
        2**bits columns rather than one per distinct shingle (two shingles in 2**24 rarely meet; when they do,
        they count as one). Values stay sorted within a row, as they are."""
        cut = self.values >> np.uint32(32 - bits)
        fresh = np.ones(len(cut), dtype=bool)
        fresh[1:] = cut[1:] != cut[:-1]
        fresh[self.offsets[:-1][self.lengths > 0]] = True  # a row's first value, whatever the last row's was
        # Rows' new ends from a running count, not a row number for each value: 10⁸ values at 10⁶ records.
        count = np.zeros(len(cut) + 1, dtype=np.int32 if len(cut) < 2**31 else np.int64)
        np.cumsum(fresh, out=count[1:])
        return Ragged(cut[fresh], count[self.offsets].astype(np.int64))

    def reduce(self, values: np.ndarray, ufunc: np.ufunc = np.add, dtype: type | None = None) -> np.ndarray:
        """`ufunc` over each row's part of `values` (aligned with this one's values), an empty row giving 0: a
        row at a time, with no row number for each value (10⁸ of them at 10⁶ records)."""
        full = self.lengths > 0
        out = np.zeros(len(self), dtype=dtype or values.dtype)
        if full.any():
            out[full] = ufunc.reduceat(values, self.offsets[:-1][full], dtype=dtype)
        return out

    def then(self, other: Ragged) -> Ragged:
        """These rows, then `other`'s."""
        return Ragged(
            np.concatenate([self.values, other.values]),
            np.concatenate([self.offsets, other.offsets[1:] + self.offsets[-1]]),
        )


@dataclass
class Sketches:
    """Per record, in the order asked for: content key, trigram set, bigram set, MinHash signature."""

    keys: np.ndarray  # bytes
    trigrams: Ragged
    bigrams: Ragged
    minhash: np.ndarray  # (records, PERMUTATIONS) uint32

    def __len__(self) -> int:
        return len(self.keys)

    def take(self, rows: np.ndarray, more: Sketches | None = None) -> Sketches:
        """The given rows, in that order; with `more`, rows from len(self) on are its rows."""
        if more is None:
            return Sketches(self.keys[rows], self.trigrams.take(rows), self.bigrams.take(rows), self.minhash[rows])
        inside = rows < len(self)
        keys = np.empty(len(rows), dtype=self.keys.dtype)
        minhash = np.empty((len(rows), PERMUTATIONS), dtype=np.uint32)
        for out, mine, theirs in ((keys, self.keys, more.keys), (minhash, self.minhash, more.minhash)):
            out[inside], out[~inside] = mine[rows[inside]], theirs[rows[~inside] - len(self)]
        return Sketches(keys, self.trigrams.take(rows, more.trigrams), self.bigrams.take(rows, more.bigrams), minhash)

    def then(self, other: Sketches) -> Sketches:
        return Sketches(
            np.concatenate([self.keys, other.keys]),
            self.trigrams.then(other.trigrams),
            self.bigrams.then(other.bigrams),
            np.concatenate([self.minhash, other.minhash]),
        )


def key(initiative) -> str:
    """What a record's sketch is made of: the screened fields and the organisation name taken out of them."""
    return digest(FORMAT, *tokens.fields(initiative.record), _organization(initiative))


def _organization(initiative) -> str:
    org = initiative.record.organization
    return org.name if org else ""


_TEMPLATE: list = []  # one MinHash per process: its permutations are drawn once


def shingles(texts: Sequence[str], organization: str) -> tuple[np.ndarray, np.ndarray]:
    """(trigrams, bigrams) of one record's text."""
    words = tokens.word_hashes(texts, organization)
    return tokens.ngrams(words, 3), tokens.ngrams(words, 2, figures=False)


def signature(trigrams: np.ndarray) -> np.ndarray:
    """The MinHash of a record's trigrams."""
    if not _TEMPLATE:
        from datasketch import MinHash  # with SciPy's integrators, a third of a second: only for new texts

        _TEMPLATE.append(MinHash(num_perm=PERMUTATIONS, seed=SEED, hashfunc=_same, scheme="affine32"))
    signed = _TEMPLATE[0].copy()
    signed.update_batch(trigrams.tolist())  # crc32-based hashes: datasketch mixes them before permuting
    return signed.hashvalues.astype(np.uint32)


def _same(value: int) -> int:
    return value


def _sketch_of(initiative) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    trigrams, bigrams = _shingles_of(initiative)
    return trigrams, bigrams, signature(trigrams)


def _shingles_of(initiative) -> tuple[np.ndarray, np.ndarray]:
    return shingles(tokens.fields(initiative.record), _organization(initiative))


def compute(items: Sequence, keys: Sequence[str | bytes], progress: bool = False, signed: bool = True) -> Sketches:
    """Sketches of `items` (initiatives) from their text, on every core; without `signed`, their MinHash is left
    at 0 (see `SketchCache.signed`)."""
    with tqdm(total=len(items), desc="Sàng lọc trùng lặp", unit="sáng kiến", disable=not progress, leave=False) as bar:
        made = parallel.map_in_order(_sketch_of if signed else _shingles_of, items, progress=bar.update)
    signatures = [m[2] for m in made] if signed else np.zeros((len(made), PERMUTATIONS))
    return Sketches(
        np.array(keys, dtype=KEY),
        Ragged.of([m[0] for m in made]),
        Ragged.of([m[1] for m in made]),
        np.array(signatures, dtype=np.uint32).reshape(len(made), PERMUTATIONS),
    )


class SketchCache:
    """Sketches by content key, read from and written to `folder` (None: computed every time, kept nowhere)."""

    def __init__(self, folder: Path | None, generation: str = ""):
        """`generation`: what records are read with (code, taxonomies); under the same one, a record file of the
        same digest has the same key, so keys are kept by record digest rather than worked out again."""
        self.path = folder / FILE if folder else None
        self.stored = _read(self.path) if self.path else None
        self.current: Sketches | None = None
        self.computed = 0  # records whose sketch was not in the cache, at the last call
        self.unsigned = np.zeros(0, dtype=np.int64)  # rows of the last call whose MinHash is still to be worked out
        self.known_keys = ArrayFile(folder / KEYS, generation) if folder and generation else None
        self.known = _by_digest(self.known_keys.read() if self.known_keys else None)  # sorted digests, their keys
        self.keys_changed = False

    def _keys(self, items: Sequence, digests: np.ndarray | None) -> np.ndarray:
        """Each item's sketch key: the kept one of its record digest, or worked out (a new or changed record)."""
        digests = np.array([i.digest for i in items], dtype=np.bytes_) if digests is None else digests
        known, keys = self.known
        at = np.minimum(np.searchsorted(known, digests), max(len(known) - 1, 0))
        found = (digests != b"") & (known[at] == digests) if len(known) else np.zeros(len(items), dtype=bool)
        out = np.empty(len(items), dtype=KEY)
        out[found] = keys[at[found]]
        for n in np.flatnonzero(~found).tolist():
            out[n] = key(items[n])
        named = digests != b""
        kept, first = np.unique(digests[named], return_index=True)
        self.keys_changed = not found.all() or not np.array_equal(kept, known)
        self.known = (kept, out[named][first])
        return out

    def sketches(
        self, items: Sequence, progress: bool = False, sign_later: bool = False, digests: np.ndarray | None = None
    ) -> Sketches:
        """Sketches of `items` (initiatives), in their order. `sign_later`: the MinHash of new texts is left to
        `signed` (another process may need it; the related initiatives do not). `digests`: the items' record
        digests, if known: once workers are forked, a pass that reads every item copies the pages it shares."""
        keys = self._keys(items, digests)
        stored = self.stored if self.stored is not None else compute([], [])
        order = np.argsort(stored.keys, kind="stable")
        at = np.minimum(np.searchsorted(stored.keys[order], keys), max(len(stored) - 1, 0))
        rows = order[at] if len(stored) else np.zeros(len(keys), dtype=np.int64)
        absent = stored.keys[rows] != keys if len(stored) else np.ones(len(keys), dtype=bool)
        missing, first, which = np.unique(keys[absent], return_index=True, return_inverse=True)  # once per text
        rows[absent] = len(stored) + which.ravel()
        new = compute([items[n] for n in np.flatnonzero(absent)[first].tolist()], missing.tolist(), progress,
                      signed=not sign_later)  # fmt: skip
        self.unsigned = np.flatnonzero(absent) if sign_later else np.zeros(0, dtype=np.int64)
        if not len(missing) and np.array_equal(rows, np.arange(len(stored))):
            self.current = stored  # the same records as last time: no copy
        else:
            self.current = stored.take(rows, new if len(new) else None)
        self.computed = len(missing)
        return self.current

    def signed(self) -> Sketches:
        """The sketches of the last `sketches` call, each with its MinHash."""
        current = self.current
        assert current is not None
        for row in self.unsigned.tolist():
            current.minhash[row] = signature(current.trigrams.row(row))
        self.unsigned = self.unsigned[:0]
        return current

    def save(self) -> None:
        """Keep the sketches of the last `sketches` call (only those: records that left are forgotten), signed."""
        if self.path is None or self.current is None:
            return
        current = self.signed()
        if self.known_keys and self.keys_changed:
            self.known_keys.write({"digests": self.known[0], "keys": self.known[1]})
        if self.stored is not None and not self.computed and np.array_equal(self.stored.keys, current.keys):
            return  # nothing new
        ArrayFile(self.path, FORMAT).write(
            {
                "keys": current.keys,
                "tri_values": current.trigrams.values,
                "tri_offsets": current.trigrams.offsets,
                "bi_values": current.bigrams.values,
                "bi_offsets": current.bigrams.offsets,
                "minhash": current.minhash,
            }
        )
        self.stored = current


def _by_digest(kept: dict[str, np.ndarray] | None) -> tuple[np.ndarray, np.ndarray]:
    """Record digests, sorted, and the sketch key of each: as kept, if they are."""
    if not kept or not np.all(kept["digests"][1:] > kept["digests"][:-1]):  # an older build kept them unsorted
        return np.zeros(0, dtype=np.bytes_), np.zeros(0, dtype=KEY)
    return kept["digests"], kept["keys"].astype(KEY)


def _read(path: Path) -> Sketches | None:
    """The stored sketches, or None when there are none of this format (or they cannot be read)."""
    data = ArrayFile(path, FORMAT).read()
    if data is None:
        return None
    return Sketches(
        data["keys"],
        Ragged(data["tri_values"], data["tri_offsets"]),
        Ragged(data["bi_values"], data["bi_offsets"]),
        data["minhash"],
    )
