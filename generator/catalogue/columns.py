"""The published initiatives as columns: one array per fact, in catalogue order, read from the records once.

A pass over 10^5 records costs about a third of a second, for they are chains of objects spread over the heap
(initiative, record, province, slug). The groups and tallies every list page shows are taken from these arrays
instead of one pass each.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from generator.common.arrays import distinct, starts

_LOW = 1 << 32  # sums are taken in two halves, each exact in a float64 (see `_sums`)


def _years(days: np.ndarray) -> np.ndarray:
    """The year of each `date.toordinal`."""
    epoch = dt.date(1970, 1, 1).toordinal()
    return (days - epoch).astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


class Columns:
    """Each initiative's province, sector, national union, organisation, recognition level, kind of organisation
    and organisation name as written, as a number (-1: none), its year and day of approval (`date.toordinal`),
    its yearly benefit (0: not stated), its digest, its id and its page's address."""

    def __init__(self, initiatives: Sequence, codes: Codes):
        # Fact by fact, each in one pass over a tuple: a pass over 10^5 records per row costs five times as much.
        (provinces, sectors, unions, keys, names, kinds, recognitions, benefits, days, digests, ids, urls) = (
            zip(*map(_FACTS, initiatives), strict=True) if initiatives else [()] * len(_FACTS_NAMED)
        )
        orgs: dict[str, int] = {}
        spelt: dict[str, int] = {}
        self.benefit = np.array([b or 0 for b in benefits], dtype=np.int64)
        self.province = _codes(provinces, codes.provinces)
        self.sector = _codes(sectors, codes.sectors)
        self.union = _codes(unions, codes.unions, others=True)
        self.org = np.array([orgs.setdefault(k, len(orgs)) if k else -1 for k in keys], dtype=np.int64)
        self.level = _named(recognitions, codes.levels)
        self.kind = _named(kinds, codes.kinds)  # None without an organisation
        self.day = np.array(days, dtype=np.int64)
        self.year = _years(self.day)
        self.name = np.array([spelt.setdefault(n, len(spelt)) if n is not None else -1 for n in names], dtype=np.int64)
        self.orgs = list(orgs)  # organisation keys, by first appearance
        self.digest = np.array(digests, dtype=np.bytes_)  # of each record, as read (`Initiative.digest`)
        self.ids = np.array([x.encode() for x in ids], dtype=np.bytes_)  # UTF-8
        self.urls = np.array([x.encode() for x in urls], dtype=np.bytes_)  # of each one's page, UTF-8
        self.names = list(spelt)  # organisation names as written

    def spellings(self) -> list[str]:
        """Each organisation's name (by its number): the spelling most of its records use, ties by the name."""
        named = (self.org >= 0) & (self.name >= 0)
        width = max(1, len(self.names))
        pairs, counts = np.unique(self.org[named] * width + self.name[named], return_counts=True)
        best: dict[int, tuple[int, str]] = {}
        for pair, count in zip(pairs.tolist(), counts.tolist(), strict=True):
            org, choice = pair // width, (-count, self.names[pair % width])
            if org not in best or choice < best[org]:
                best[org] = choice
        return [best[org][1] if org in best else key for org, key in enumerate(self.orgs)]

    def groups(self, column: np.ndarray) -> dict[int, np.ndarray]:
        """Group number -> the positions of its rows in order, groups by first appearance (none for -1)."""
        order = np.argsort(column, kind="stable")
        ordered = column[order]
        bounds = np.r_[starts(ordered), len(ordered)]
        found = {int(ordered[a]): order[a:b] for a, b in itertools.pairwise(bounds)}
        found.pop(-1, None)
        return dict(sorted(found.items(), key=lambda kv: kv[1][0]))

    def tallies(self, column: np.ndarray, size: int) -> list[tuple[int, int, int]]:
        """(initiatives, benefit, distinct organisations) of each group number below `size`."""
        inside = column >= 0
        groups, orgs = column[inside], self.org[inside]
        counts = np.bincount(groups, minlength=size)
        benefits = _sums(groups, self.benefit[inside], size)
        named = orgs >= 0
        width = max(1, len(self.orgs))
        pairs = distinct(groups[named] * width + orgs[named])  # each (group, organisation) once
        named_orgs = np.bincount(pairs // width, minlength=size)
        return list(zip(counts.tolist(), benefits, named_orgs.tolist(), strict=True))

    def ranked(self, outer: np.ndarray, inner: np.ndarray) -> dict[int, list[int]]:
        """For each outer group number, the inner ones of its rows, most rows first, ties by the earliest row: an
        organisation's provinces or sectors. Rows with -1 on either side are in none."""
        rows = np.flatnonzero((outer >= 0) & (inner >= 0))
        size = int(inner.max()) + 1 if len(rows) else 1
        pairs = outer[rows] * size + inner[rows]
        order = np.argsort(pairs, kind="stable")
        ordered = pairs[order]
        begin = starts(ordered)
        counts = np.diff(np.r_[begin, len(ordered)])
        codes = ordered[begin]
        out: dict[int, list[int]] = {}
        for code in codes[np.lexsort((rows[order[begin]], -counts, codes // size))].tolist():
            out.setdefault(code // size, []).append(code % size)
        return out

    def breakdown(self, outer: np.ndarray, inner: np.ndarray, size: int) -> dict[int, list[Part]]:
        """For each outer group number, its rows by inner group number (below `size`): the parts of a province by
        sector, of a sector by province. Rows with -1 on either side are in none."""
        kept = (outer >= 0) & (inner >= 0)
        pairs = outer[kept] * size + inner[kept]
        order = np.argsort(pairs, kind="stable")
        pairs, values = pairs[order], self.benefit[kept][order]
        out: dict[int, list[Part]] = {}
        for a, b in itertools.pairwise(np.r_[starts(pairs), len(pairs)].tolist()):
            stated = [v for v in values[a:b].tolist() if v]
            out.setdefault(int(pairs[a]) // size, []).append(Part(int(pairs[a]) % size, b - a, sum(stated), stated))
        return out


@dataclass(frozen=True)
class Codes:
    """What each column's numbers stand for: slugs, recognition levels' and organisation kinds' keys."""

    provinces: list[str]
    sectors: list[str]
    unions: list[str]  # the national unions'
    levels: list[str]
    kinds: list[str]


def _index(keys: list[str]) -> dict[str, int]:
    return {key: k for k, key in enumerate(keys)}


_FACTS_NAMED = ("province", "sector", "union", "organization_key", "organization_name", "organization_kind",
                "recognition", "benefit_vnd", "day", "digest", "id", "url")  # fmt: skip
_FACTS = operator.attrgetter(*_FACTS_NAMED)


def _codes(entries: Sequence, slugs: list[str], others: bool = False) -> np.ndarray:
    """The number of each taxonomy entry (a province, sector or union; -1: None). An entry not in `slugs` is a
    KeyError, or -1 with `others` (a province's federation of labour is no national union). The entries are a
    few hundred objects, each met many times: their slugs are looked up once per object."""
    at = _index(slugs)
    met = {id(e): e for e in entries}.values()
    known = {id(e): -1 if e is None else at.get(e.slug, -1) if others else at[e.slug] for e in met}
    return np.array([known[id(e)] for e in entries], dtype=np.int64)


def _named(values: Sequence, names: list[str]) -> np.ndarray:
    """The number of each value among `names` (-1: None, empty or not among them)."""
    at = _index(names)
    return np.array([at.get(v, -1) if v else -1 for v in values], dtype=np.int64)


@dataclass(frozen=True)
class Part:
    """The rows of one inner group within an outer one (`Columns.breakdown`)."""

    group: int
    count: int
    benefit_vnd: int
    stated: list[int]  # the benefits of those that state one


def _sums(groups: np.ndarray, values: np.ndarray, size: int) -> list[int]:
    """Exact sums by group, as Python integers: a benefit is at most 10^16, and 10^6 of them overflow int64, so
    each sum is taken of the values' high and low 32 bits apart, each below 2^53 (exact as float64)."""
    high = np.bincount(groups, weights=values // _LOW, minlength=size)
    low = np.bincount(groups, weights=values % _LOW, minlength=size)
    return [int(h) * _LOW + int(lo) for h, lo in zip(high.tolist(), low.tolist(), strict=True)]
