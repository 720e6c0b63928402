"""Screening for copies: candidate pairs from LSH, scored exactly, kept above the threshold, grouped into clusters,
and what editors already decided set apart."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from generator.catalogue.model import Initiative
from generator.catalogue.similarity import candidates, scoring, tokens
from generator.catalogue.similarity.candidates import BANDS, WIDE
from generator.catalogue.similarity.signatures import FORMAT as SKETCH_FORMAT
from generator.catalogue.similarity.signatures import HASH_BITS, Sketches
from generator.common.problems import Problem
from generator.common.store import ArrayFile
from generator.content import decisions as editors
from generator.content.decisions import Decisions

KEPT = "shared.arrays"  # in the build folder's duplicates/: the last build's candidate pairs and what each shares
# 2: weights from rounded counts; 3: 32-bit pairs and weights; 4: words in order kept (scoring.Orders)
_FORMAT = f"4:{SKETCH_FORMAT}:{HASH_BITS}:{BANDS}:{WIDE}"


@dataclass(frozen=True)
class Pair:
    first: Initiative  # the one approved first (a pending record comes after every approved one)
    second: Initiative
    score: float
    resemblance: float
    containment: float
    in_order: float
    cluster: int = 0  # 1, 2, …: pairs that share a record are in one cluster

    @property
    def ids(self) -> frozenset[str]:
        return frozenset((self.first.id.lower(), self.second.id.lower()))


@dataclass
class Screening:
    records: int  # screened
    threshold: float
    pairs: list[Pair] = field(default_factory=list)  # undecided, above the threshold, highest score first
    decided: list[Pair] = field(default_factory=list)  # above the threshold, and decided by editors
    candidates: int = 0  # pairs LSH offered for exact scoring
    computed: int = 0  # records whose sketch was computed (not found in the cache)
    seconds: dict[str, float] = field(default_factory=dict)  # by step, for benchmarks/

    @property
    def clusters(self) -> list[list[Initiative]]:
        """The records of each cluster of undecided pairs, in cluster order, earliest first."""
        members: dict[int, dict[str, Initiative]] = {}
        for p in self.pairs:
            group = members.setdefault(p.cluster, {})
            group.setdefault(p.first.id, p.first)
            group.setdefault(p.second.id, p.second)
        return [sorted(members[c].values(), key=order) for c in sorted(members)]


def order(i: Initiative) -> tuple:
    """Who came first: the earlier approval, then a pending record, then the id."""
    return (i.day or dt.date.max.toordinal(), i.id)


@dataclass(frozen=True)
class Scored:
    """The candidate pairs that reach the threshold, as arrays of row numbers and scores: small and made of
    numbers alone, so that another process can work them out (see pipeline.similar)."""

    candidates: int  # pairs LSH offered
    pairs: np.ndarray  # (k, 2) rows of the records screened
    scores: scoring.Scores


def scored(
    records: list[Initiative],
    sketches: Sketches,
    threshold: float,
    folder: Path | None = None,
    before: Sketches | None = None,
    generation: str = "",
) -> Scored:
    """The costly part of screening: candidates from LSH, each scored exactly, those below `threshold` dropped.
    With `folder`, what each candidate pair shares is kept there, and taken from the last build's (its sketches
    `before`) where it cannot have changed (`scoring.shared_again`), under the same `generation` of the code; so
    is each near pair's words-in-order share (`scoring.Orders`)."""
    if len(records) < 2:
        none = np.zeros(0)
        return Scored(0, np.zeros((0, 2), dtype=np.int64), scoring.Scores(none, none, none))
    usable = sketches.trigrams.lengths > 0
    found = candidates.pairs(sketches.minhash, usable)
    weighted = scoring.Weighted(sketches.trigrams)
    store = ArrayFile(folder / KEPT, f"{_FORMAT}:{generation}") if folder else None
    last = store.read() if store else None
    kept = scoring.Kept(last["keys"], last["pairs"], last["shared"]) if last else None
    shared = scoring.shared_again(weighted, found, sketches.keys, before, kept)
    offered = len(found)
    arrays = {"keys": sketches.keys, "pairs": found, "shared": shared}
    near, scores = scoring.reaching(weighted, found, shared, threshold)
    found = found[near].astype(np.int64)
    known = scoring.Orders(last["order_keys"], last["order"]) if last else None

    def words(row: int) -> list[int]:
        return tokens.words(records[row].record)

    orders = scoring.with_order(scores, found, words, threshold, sketches.keys, known)
    if store:
        store.write({**arrays, "order_keys": orders.keys, "order": orders.values})
    keep = np.flatnonzero(scores.score >= threshold)
    above = scoring.Scores(scores.resemblance[keep], scores.containment[keep], scores.in_order[keep])
    return Scored(offered, found[keep], above)


def screen(
    records: list[Initiative],
    sketches: Sketches,
    threshold: float,
    decisions: Decisions,
    done: Scored | None = None,
) -> Screening:
    """Every pair of `records` (their sketches in the same order) whose score reaches `threshold`; `done`: what
    `scored` gave for them, if it was worked out already."""
    result = Screening(len(records), threshold)
    if len(records) < 2:
        return result
    done = done or scored(records, sketches, threshold)
    result.candidates = done.candidates
    found, scores, score = done.pairs, done.scores, done.scores.score
    ranked = sorted(range(len(found)), key=lambda k: (-score[k], *_ids(records, found[k])))
    undecided: list[Pair] = []
    decided: list[Pair] = []
    for k in ranked:
        a, b = sorted((records[found[k, 0]], records[found[k, 1]]), key=order)
        pair = Pair(
            a, b, float(score[k]), float(scores.resemblance[k]), float(scores.containment[k]), float(scores.in_order[k])
        )
        (decided if decisions.decided(a.id, b.id) else undecided).append(pair)
    result.pairs = _clustered(undecided)
    result.decided = decided
    return result


def _ids(records: list[Initiative], pair: np.ndarray) -> tuple[str, str]:
    a, b = sorted((records[pair[0]].id, records[pair[1]].id))
    return a, b


def _clustered(pairs: list[Pair]) -> list[Pair]:
    """Number the clusters (connected records) in the order of their best pair."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        parent[root(p.first.id)] = root(p.second.id)
    number: dict[str, int] = {}
    out = []
    for p in pairs:
        cluster = number.setdefault(root(p.first.id), len(number) + 1)
        out.append(Pair(p.first, p.second, p.score, p.resemblance, p.containment, p.in_order, cluster))
    return out


def problems(screening: Screening) -> list[Problem]:
    """One line a pair not yet decided, on the later record's file (the probable copy)."""
    return [
        Problem(
            p.second.source,
            1,
            "id",
            f'có thể trùng lặp với "{p.first.id}" ({p.first.source}), độ trùng {p.score:.0%}: xem bằng '
            f"`showcase duplicates`, rồi ghi quyết định vào content/{editors.FILE.as_posix()}",
        )
        for p in screening.pairs
    ]
