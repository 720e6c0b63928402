"""Related initiatives: for each published initiative, up to `limit` others on the same subject from other
organisations, most similar first.

Similarity is the cosine of word-bigram sets weighted by inverse document frequency (the record count and the
frequencies rounded up to four significant bits, `scoring.rounded`). Candidates come from the
bigrams that are neither unique nor common (2 ≤ df ≤ max(MAX_DF, share of the records)): one sparse product a
block of rows, on every core, instead of every pair. A record of the same organisation, or a near-duplicate that
editors have not said is distinct, is never offered.

Each record's best candidates (its *pool*) are kept in the build folder (`Pools`): when the same records come
back with a few texts changed, or a few records come or go, only the rows whose scores can have moved are
multiplied again (see `_moved`); the others keep their pools, renumbered.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sparse
from tqdm import tqdm

from generator.catalogue.model import Initiative
from generator.catalogue.similarity.scoring import column_weights, corpus, rounded
from generator.catalogue.similarity.signatures import FORMAT as SKETCH_FORMAT
from generator.catalogue.similarity.signatures import HASH_BITS, Ragged
from generator.common import parallel
from generator.common.arrays import distinct
from generator.common.store import ArrayFile

LIMIT = 5
MINIMUM = 0.06  # below this cosine (measured by eye on the sample content), two records share words, not a subject
MAX_DF, MAX_SHARE = 500, 0.005
_BLOCK = 2000  # rows multiplied at once
_POOL = 40  # best candidates of a row looked at before filtering
FILE = "related.arrays"
FORMAT = f"3:{SKETCH_FORMAT}:{HASH_BITS}:{MINIMUM}:{MAX_DF}:{MAX_SHARE}:{_POOL}"


@dataclass
class Pools:
    """Per record (by id, in order): its bigram columns and its best candidates, (−score, row) sorted."""

    ids: np.ndarray  # bytes
    columns: Ragged
    rows: Ragged  # candidate rows
    scores: np.ndarray  # −cosine, float32, aligned with rows.values

    def with_rows(self, fresh: dict[int, list[tuple[float, int]]]) -> Pools:
        """These pools with the rows of `fresh` replaced (ids and columns set by the caller): the kept rows are
        moved as arrays, never unpacked."""
        lengths = self.rows.lengths
        for k, pool in fresh.items():
            lengths[k] = len(pool)
        offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        rows, scores = np.zeros(offsets[-1], dtype=np.uint32), np.zeros(offsets[-1], dtype=np.float32)
        kept = np.ones(len(lengths), dtype=bool)
        kept[list(fresh)] = False
        old_row = np.repeat(np.arange(len(lengths)), self.rows.lengths)
        keep = kept[old_row]
        where = offsets[old_row[keep]] + (np.flatnonzero(keep) - self.rows.offsets[old_row[keep]])
        rows[where], scores[where] = self.rows.values[keep], self.scores[keep]
        for k, pool in fresh.items():
            scores[offsets[k] : offsets[k + 1]] = [s for s, _ in pool]
            rows[offsets[k] : offsets[k + 1]] = [c for _, c in pool]
        return Pools(self.ids, self.columns, Ragged(rows, offsets), scores)

    def moved_to(self, last: np.ndarray) -> tuple[Pools, set[int]]:
        """These pools in a new order of records (`last`: each row's row here, -1 for a new record, whose pool is
        empty), candidates renumbered; and the rows whose pool held a record now gone, to be scored again."""
        now = np.full(len(self.ids), -1, dtype=np.int64)
        stay = np.flatnonzero(last >= 0)
        now[last[stay]] = stay
        lengths = np.where(last >= 0, self.rows.lengths[np.maximum(last, 0)], 0)
        offsets = np.zeros(len(last) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        starts = np.where(last >= 0, self.rows.offsets[:-1][np.maximum(last, 0)], 0)
        at = np.repeat(starts - offsets[:-1], lengths) + np.arange(offsets[-1])
        rows = now[self.rows.values[at]]
        lost = set(np.repeat(np.arange(len(last)), lengths)[rows < 0].tolist())
        rows = np.maximum(rows, 0).astype(np.uint32)  # a lost candidate's row is scored again anyway
        return Pools(self.ids, self.columns, Ragged(rows, offsets), self.scores[at]), lost


def related(
    items: list[Initiative],
    bigrams: Ragged,
    excluded: Callable[[Initiative, Initiative], bool],
    limit: int = LIMIT,
    progress: bool = False,
    cache: Path | None = None,
) -> ByID:
    """id -> related initiatives, for every initiative of `items` that has any. With `cache` (a folder), pools
    of the last call are reused where no score can have changed, and this call's pools are kept there."""
    return choose(items, pools(items, bigrams, progress, cache), excluded, limit)


def pools(
    items: list[Initiative],
    bigrams: Ragged,
    progress: bool = False,
    cache: Path | None = None,
    ids: np.ndarray | None = None,
) -> Pools | None:
    """Each initiative's best candidates, whoever they are (see `related`); None for fewer than two. `ids`: their
    ids in UTF-8, if known (`Columns.ids`): a forked worker that reads every record copies their memory."""
    n = len(items)
    if n < 2:
        return None
    ids = _ids(items) if ids is None else ids
    columns = bigrams.hashed()
    before = _read(cache / FILE) if cache else None
    matrix = _matrix(columns, n)
    if before is None or corpus(len(before.ids)) != corpus(n):
        before = Pools(ids, columns, Ragged.of([np.zeros(0, dtype=np.uint32)] * n), np.zeros(0, dtype=np.float32))
        todo = set(range(n))
    else:  # the same records, or a few come or gone (one approved, one withdrawn): rows may have moved
        last = _last_rows(before.ids, ids)
        todo = _moved(before.columns, last, columns, matrix)
        if not np.array_equal(last, np.arange(n)):
            before, lost = before.moved_to(last)
            todo |= lost
    fresh: dict[int, list[tuple[float, int]]] = {}
    _score(matrix, sorted(todo), fresh, progress)
    found = before.with_rows(fresh) if fresh else before
    found = Pools(ids, columns, found.rows, found.scores)
    if cache and (todo or not np.array_equal(before.ids, ids)):  # scored again, or in a new order
        _write(cache / FILE, found)
    return found


def choose(
    items: list[Initiative], pools: Pools | None, excluded: Callable[[Initiative, Initiative], bool], limit: int
) -> ByID:
    """Each row's pool, best first (ties by id), without its own organisation and excluded pairs."""
    rows = chosen(pools, lambda me, col: excluded(items[me], items[col]), limit, _ids(items), _organizations(items))
    return ByID(items, rows)


def chosen(
    pools: Pools | None, excluded: Callable[[int, int], bool], limit: int, ids: np.ndarray, orgs: np.ndarray
) -> dict[int, tuple[int, ...]]:
    """`choose` as rows: row -> its related rows. Small to send back from a forked worker, which reads no record:
    `excluded` is asked of rows, and `ids` and `orgs` are each row's id (UTF-8) and organisation number (-1 for
    none), as `Columns` has them."""
    if pools is None or limit < 1:
        return {}
    offsets, by_row, numbers = pools.rows.offsets.tolist(), ids.tolist(), orgs.tolist()
    out: dict[int, tuple[int, ...]] = {}
    for me in range(len(by_row)):

        def allowed(col: int, me: int = me) -> bool:
            return not (numbers[col] >= 0 and numbers[col] == numbers[me]) and not excluded(me, col)

        a, b = offsets[me], offsets[me + 1]  # a row's pool as lists, not 4·10⁷ Python numbers at 10⁶ records
        scores, rows = pools.scores[a:b].tolist(), pools.rows.values[a:b].tolist()
        found = _best(scores, rows, 0, b - a, allowed, limit, by_row)
        if found:
            out[me] = tuple(found)
    return out


def _ids(items: list[Initiative]) -> np.ndarray:
    """Each one's id in UTF-8, as `Columns.ids`."""
    return np.array([i.id.encode() for i in items], dtype=np.bytes_)


def _organizations(items: list[Initiative]) -> np.ndarray:
    """Each one's organisation as a number, by first appearance (-1: none), as `Columns.org`."""
    numbers: dict[str, int] = {}
    return np.array([numbers.setdefault(k, len(numbers)) if (k := i.organization_key) else -1 for i in items])


class ByID(Mapping[str, tuple[Initiative, ...]]):
    """Each initiative's related ones, by id, from the chosen rows, made into records only when asked for: a warm
    build renders a handful of 10^5 pages. `ids`: the initiatives' ids in order (`Columns.ids`), which give an
    id's row without reading a record."""

    def __init__(self, items: list[Initiative], rows: dict[int, tuple[int, ...]], ids: np.ndarray | None = None):
        self.records, self.rows, self.ids = items, rows, ids
        self._row: dict[str, int] | None = None

    def __getitem__(self, id_: str) -> tuple[Initiative, ...]:
        if self._row is None:
            named = (x.decode() for x in self.ids.tolist()) if self.ids is not None else (i.id for i in self.records)
            self._row = {x: n for n, x in enumerate(named)}
        cols = self.rows[self._row[id_]]  # KeyError for an id with none
        return tuple(self.records[col] for col in cols)

    def __iter__(self) -> Iterator[str]:
        return (self.records[me].id for me in self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def _score(matrix: sparse.csr_matrix, rows: list[int], pools: dict, progress: bool) -> None:
    """Fill `pools` for `rows`: each row's best candidates by cosine, (−score, row) sorted, a block of rows at a
    time on every core."""
    if not rows:
        return
    blocks = [rows[a : a + _BLOCK] for a in range(0, len(rows), _BLOCK)]

    def block(chosen: list[int]) -> list[list[tuple[float, int]]]:
        scores = (matrix[chosen] @ matrix.T).tocsr()
        out = []
        for r, me in enumerate(chosen):
            cols = scores.indices[scores.indptr[r] : scores.indptr[r + 1]]
            vals = scores.data[scores.indptr[r] : scores.indptr[r + 1]]
            good = (cols != me) & (vals >= MINIMUM)
            cols, vals = cols[good], vals[good]
            if len(vals) > _POOL:
                best = np.argpartition(-vals, _POOL)[:_POOL]
                cols, vals = cols[best], vals[best]
            out.append(sorted(zip((-vals).tolist(), cols.tolist(), strict=True)))
        return out

    with tqdm(total=len(rows), desc="Sáng kiến tương tự", unit="sáng kiến", disable=not progress, leave=False) as bar:
        done = parallel.map_in_order(block, blocks, progress=lambda k: bar.update(k * _BLOCK), chunk=1, serial_below=4)
    for chosen, found in zip(blocks, done, strict=True):
        for me, pool in zip(chosen, found, strict=True):
            pools[me] = pool


def _moved(old: Ragged, last: np.ndarray, new: Ragged, matrix: sparse.csr_matrix) -> set[int]:
    """Rows whose pool can differ from last time (`old`: the last build's columns; `last`: each row's row there,
    or -1 for a new record), under the same `corpus`.

    A row's weights depend on the (cut) frequencies of its bigrams, so they move only for the changed or new rows
    and the rows holding a bigram whose cut frequency changed, with those of records gone (`touched`); a score
    moves only between two rows that share a useful bigram, now or before, one of them touched. Every other row
    keeps its pool exactly."""
    n, m = len(new), len(old)
    empty = np.zeros(0, dtype=old.values.dtype)

    def before(k: int) -> np.ndarray:  # row k's columns last time (a new record: none)
        return old.row(int(last[k])) if last[k] >= 0 else empty

    changed = _changed_rows(old, last, new).tolist()
    gone = np.setdiff1d(np.arange(m), last[last >= 0]).tolist()
    if not changed and not gone:
        return set()
    shifted = distinct(np.concatenate([empty] + [np.setxor1d(before(k), new.row(k)) for k in changed]
                                      + [old.row(k) for k in gone]))  # fmt: skip
    moved = shifted[_weighed(_frequency_of(old, m, shifted), m) != _weighed(_frequency_of(new, n, shifted), n)]
    row_of = np.repeat(np.arange(n), new.lengths)
    touched = set(changed) | set(distinct(row_of[np.isin(new.values, moved)]).tolist())
    entry_row = np.repeat(np.arange(n), np.diff(matrix.indptr))
    useful_now = matrix.indices[np.isin(entry_row, list(touched))]
    held = distinct(np.concatenate([empty] + [before(k) for k in changed] + [old.row(k) for k in gone]))
    df = _frequency_of(old, m, held)
    useful_before = held[(df >= 2) & (df <= _limit(m))]
    linked = np.isin(new.values, np.union1d(useful_now, useful_before))
    return touched | set(distinct(row_of[linked]).tolist())


def _last_rows(before: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Each id's row among `before` (ids, each once), or -1."""
    order = np.argsort(before, kind="stable")
    at = np.minimum(np.searchsorted(before[order], ids), len(before) - 1)
    return np.where(before[order[at]] == ids, order[at], -1).astype(np.int64)


def _changed_rows(old: Ragged, last: np.ndarray, new: Ragged) -> np.ndarray:
    """Rows of `new` whose values differ from their row in `old` (`last`: each one's row there, -1 for a new one,
    which differs). Rows that follow one another in both, with their lengths unchanged, are compared a run at a
    time, as slices of the two arrays: no index of every value (10^7 at 10^5 records), no copy of either."""
    if not len(old) or not len(new):
        return np.arange(len(new))
    there = np.maximum(last, 0)
    differs = (last < 0) | (old.lengths[there] != new.lengths)
    # A run breaks where the rows stop following each other there, and around a row that differs already.
    breaks = np.flatnonzero((np.diff(last) != 1) | differs[1:] | differs[:-1]) + 1
    for a, b in itertools.pairwise([0, *breaks.tolist(), len(new)]):
        if differs[a]:
            continue  # a run of one row, known to differ
        mine = new.values[new.offsets[a] : new.offsets[b]]
        start = old.offsets[there[a]]
        unequal = np.flatnonzero(old.values[start : start + len(mine)] != mine)
        differs[a + np.searchsorted(new.offsets[a + 1 : b + 1] - new.offsets[a], unequal, side="right")] = True
    return np.flatnonzero(differs)


def _frequency_of(columns: Ragged, n: int, values: np.ndarray) -> np.ndarray:
    """The cut document frequency of each of `values` (sorted) among `columns`."""
    ordered = np.sort(columns.values)
    counts = np.searchsorted(ordered, values, side="right") - np.searchsorted(ordered, values, side="left")
    return np.minimum(counts, int(_limit(n)) + 1)


def _best(
    scores: list, rows: list, start: int, end: int, allowed: Callable[[int], bool], limit: int, ids: list
) -> list[int]:
    """The first `limit` allowed rows of a pool stored in (−score, row) order, ties of one score taken by id:
    the walk stops past the limit-th allowed row and every row of its score, then that prefix is sorted."""
    ok: dict[int, bool] = {}
    k = start
    while k < end and sum(ok.values()) < limit:
        ok[k] = allowed(rows[k])
        k += 1
    while k < end and scores[k] == scores[k - 1]:
        ok[k] = allowed(rows[k])
        k += 1
    prefix = sorted(range(start, k), key=lambda j: (scores[j], ids[rows[j]]))
    return [rows[j] for j in prefix if ok[j]][:limit]


def _matrix(columns: Ragged, n: int) -> sparse.csr_matrix:
    """Rows: records, L2-normalised TF-IDF over the bigrams worth comparing on (see the module's docstring).
    Bigrams too common to compare on still count in a row's norm, all with the weight of the most common one
    compared on: so one more record holding a common phrase changes no other record's weights."""
    df = _frequencies(columns, n)
    table, compared = column_weights(df, n), (df >= 2) & (df <= _limit(n))
    del df  # 2^24 counts: a fixed cost that small sites feel
    weights, useful = table[columns.values], compared[columns.values]
    norms = np.sqrt(columns.reduce(weights.astype(np.float64) ** 2))
    weights /= np.repeat(np.maximum(norms, 1e-9).astype(np.float32), columns.lengths)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(columns.reduce(useful, dtype=np.int64), out=offsets[1:])
    return sparse.csr_matrix((weights[useful], columns.values[useful], offsets), shape=(n, 1 << HASH_BITS))


def _weighed(df: np.ndarray, n: int) -> np.ndarray:
    """What of a bigram's cut frequency its weight depends on: the frequency rounded, and whether it is compared
    on (as a sign)."""
    return np.where((df >= 2) & (df <= _limit(n)), 1, -1) * rounded(df)


def _limit(n: int) -> float:
    return max(MAX_DF, corpus(n) * MAX_SHARE)


def _frequencies(columns: Ragged, n: int) -> np.ndarray:
    """Each column's document frequency, past the limit cut to just past it (in place: 2^24 of them)."""
    df = np.bincount(columns.values, minlength=1 << HASH_BITS)
    return np.minimum(df, int(_limit(n)) + 1, out=df)


def _write(path: Path, pools: Pools) -> None:
    ArrayFile(path, FORMAT).write(
        {
            "ids": pools.ids,
            "col_values": pools.columns.values,
            "col_offsets": pools.columns.offsets,
            "row_values": pools.rows.values,
            "row_offsets": pools.rows.offsets,
            "scores": pools.scores,
        }
    )


def _read(path: Path) -> Pools | None:
    """The pools of the last build, or None when there are none of this format (or they cannot be read)."""
    data = ArrayFile(path, FORMAT).read()
    if data is None:
        return None
    return Pools(
        data["ids"],
        Ragged(data["col_values"], data["col_offsets"]),
        Ragged(data["row_values"], data["row_offsets"]),
        data["scores"],
    )
