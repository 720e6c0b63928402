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

    def take(self, rows: np.ndarray) -> Ragged:
        """The given rows, in that order."""
        lengths = self.lengths[rows]
        offsets = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        # Runs of consecutive rows (a warm build's: the records of the last build, in its order) are copied a
        # run at a time, without an index of every value (10^7 values at 10^5 records).
        breaks = np.flatnonzero(np.diff(rows) != 1) + 1
        if not len(rows) or len(breaks) > len(rows) // 16:
            where = np.repeat(self.offsets[rows] - offsets[:-1], lengths) + np.arange(offsets[-1])
            return Ragged(self.values[where], offsets)
        values = np.empty(offsets[-1], dtype=self.values.dtype)
        for a, b in itertools.pairwise([0, *breaks.tolist(), len(rows)]):
            start = self.offsets[rows[a]]
            values[offsets[a] : offsets[b]] = self.values[start : start + offsets[b] - offsets[a]]
        return Ragged(values, offsets)

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

    def take(self, rows: np.ndarray) -> Sketches:
        return Sketches(self.keys[rows], self.trigrams.take(rows), self.bigrams.take(rows), self.minhash[rows])

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


def sketch(texts: Sequence[str], organization: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(trigrams, bigrams, MinHash of the trigrams) of one record's text."""
    words = tokens.word_hashes(texts, organization)
    trigrams = tokens.ngrams(words, 3)
    if not _TEMPLATE:
        from datasketch import MinHash  # with SciPy's integrators, a fifth of a second: only for new texts

        _TEMPLATE.append(MinHash(num_perm=PERMUTATIONS, seed=SEED, hashfunc=_same, scheme="affine32"))
    signature = _TEMPLATE[0].copy()
    signature.update_batch(trigrams.tolist())  # crc32-based hashes: datasketch mixes them before permuting
    return trigrams, tokens.ngrams(words, 2, figures=False), signature.hashvalues.astype(np.uint32)


def _same(value: int) -> int:
    return value


def _sketch_of(initiative) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return sketch(tokens.fields(initiative.record), _organization(initiative))


def compute(items: Sequence, keys: Sequence[str], progress: bool = False) -> Sketches:
    """Sketches of `items` (initiatives) from their text, on every core."""
    with tqdm(total=len(items), desc="Sàng lọc trùng lặp", unit="sáng kiến", disable=not progress, leave=False) as bar:
        made = parallel.map_in_order(_sketch_of, items, progress=bar.update)
    return Sketches(
        np.array([k.encode() for k in keys], dtype="S24"),
        Ragged.of([m[0] for m in made]),
        Ragged.of([m[1] for m in made]),
        np.array([m[2] for m in made], dtype=np.uint32).reshape(len(made), PERMUTATIONS),
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
        self.known_keys = ArrayFile(folder / KEYS, generation) if folder and generation else None
        self.keys: dict[str, str] = _by_digest(self.known_keys.read() if self.known_keys else None)
        self.keys_changed = False

    def _key(self, initiative) -> str:
        found = self.keys.get(initiative.digest) if initiative.digest else None
        if found is None:
            found = key(initiative)
            self.keys_changed = True
        return found

    def sketches(self, items: Sequence, progress: bool = False) -> Sketches:
        """Sketches of `items` (initiatives), in their order."""
        keys = [self._key(i) for i in items]
        kept = {i.digest: k for i, k in zip(items, keys, strict=True) if i.digest}
        self.keys_changed |= len(kept) != len(self.keys)
        self.keys = kept
        stored = self.stored if self.stored is not None else compute([], [])
        known = {k.decode(): n for n, k in enumerate(stored.keys)}
        missing = {k: n for n, k in enumerate(keys) if k not in known}  # one computation per text
        new = compute([items[n] for n in missing.values()], list(missing), progress)
        known.update((k, len(stored) + m) for m, k in enumerate(missing))
        rows = np.array([known[k] for k in keys], dtype=np.int64)
        if not missing and np.array_equal(rows, np.arange(len(stored))):
            self.current = stored  # the same records as last time: no copy
        else:
            self.current = (stored.then(new) if missing else stored).take(rows)
        self.computed = len(missing)
        return self.current

    def save(self) -> None:
        """Keep the sketches of the last `sketches` call (only those: records that left are forgotten)."""
        current = self.current
        if self.path is None or current is None:
            return
        if self.known_keys and self.keys_changed:
            self.known_keys.write({"digests": np.array(list(self.keys), dtype=np.bytes_),
                                   "keys": np.array(list(self.keys.values()), dtype=np.bytes_)})  # fmt: skip
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


def _by_digest(kept: dict[str, np.ndarray] | None) -> dict[str, str]:
    if not kept:
        return {}
    return dict(zip(kept["digests"].astype(str).tolist(), kept["keys"].astype(str).tolist(), strict=True))


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
