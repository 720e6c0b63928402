"""Related initiatives: for each published initiative, up to `limit` others on the same subject from other
organisations, most similar first.

Similarity is the cosine of word-bigram sets weighted by inverse document frequency. Candidates come from the
bigrams that are neither unique nor common (2 ≤ df ≤ max(MAX_DF, share of the records)): one sparse product a
block of rows, on every core, instead of every pair. A record of the same organisation, or a near-duplicate that
editors have not said is distinct, is never offered.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import scipy.sparse as sparse
from tqdm import tqdm

from generator.catalogue.model import Initiative
from generator.catalogue.similarity.signatures import HASH_BITS, Ragged
from generator.common import parallel

LIMIT = 5
MINIMUM = 0.06  # below this cosine (measured by eye on the sample content), two records share words, not a subject
MAX_DF, MAX_SHARE = 500, 0.005
_BLOCK = 2000  # rows multiplied at once
_POOL = 40  # best candidates of a row looked at before filtering


def related(
    items: list[Initiative],
    bigrams: Ragged,
    excluded: Callable[[Initiative, Initiative], bool],
    limit: int = LIMIT,
    progress: bool = False,
) -> dict[str, tuple[Initiative, ...]]:
    """id -> related initiatives, for every initiative of `items` that has any."""
    n = len(items)
    if n < 2 or limit < 1:
        return {}
    matrix = _matrix(bigrams, n)
    blocks = list(range(0, n, _BLOCK))
    orgs = [i.organization_key for i in items]

    def block(start: int) -> list[list[tuple[float, int]]]:
        scores = (matrix[start : start + _BLOCK] @ matrix.T).tocsr()
        out = []
        for r in range(scores.shape[0]):
            me = start + r
            cols = scores.indices[scores.indptr[r] : scores.indptr[r + 1]]
            vals = scores.data[scores.indptr[r] : scores.indptr[r + 1]]
            good = (cols != me) & (vals >= MINIMUM)
            cols, vals = cols[good], vals[good]
            if len(vals) > _POOL:
                best = np.argpartition(-vals, _POOL)[:_POOL]
                cols, vals = cols[best], vals[best]
            out.append(sorted(zip((-vals).tolist(), cols.tolist(), strict=True)))
        return out

    with tqdm(total=n, desc="Sáng kiến tương tự", unit="sáng kiến", disable=not progress, leave=False) as bar:
        ranked = parallel.map_in_order(
            block, blocks, progress=lambda done: bar.update(done * _BLOCK), chunk=1, serial_below=4
        )
    out: dict[str, tuple[Initiative, ...]] = {}
    for start, rows in zip(blocks, ranked, strict=True):
        for r, row in enumerate(rows):
            me = items[start + r]
            chosen = []
            for _, col in sorted(row, key=lambda x: (x[0], items[x[1]].id)):
                other = items[col]
                if (orgs[col] is not None and orgs[col] == orgs[start + r]) or excluded(me, other):
                    continue
                chosen.append(other)
                if len(chosen) == limit:
                    break
            if chosen:
                out[me.id] = tuple(chosen)
    return out


def _matrix(bigrams: Ragged, n: int) -> sparse.csr_matrix:
    """Rows: records, L2-normalised TF-IDF over the bigrams worth comparing on (see the module's docstring)."""
    columns = bigrams.hashed()
    df = np.bincount(columns.values, minlength=1 << HASH_BITS)[columns.values]
    weights = (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)
    row = np.repeat(np.arange(n), columns.lengths)
    norms = np.sqrt(np.bincount(row, weights=weights.astype(np.float64) ** 2, minlength=n))
    weights /= np.maximum(norms, 1e-9)[row].astype(np.float32)
    useful = (df >= 2) & (df <= max(MAX_DF, n * MAX_SHARE))
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(row[useful], minlength=n), out=offsets[1:])
    return sparse.csr_matrix((weights[useful], columns.values[useful], offsets), shape=(n, 1 << HASH_BITS))
