"""Everything the index needs of each document, in id order: the table a build keeps for the next one.

A document is made (and its words split) only when its record is new or changed: the others' rows are taken from
the last build's table by their content key (documents.content_key). Stored and compared as arrays, so that a
build of 10^5 documents touches Python objects only for the records that changed.
"""

from __future__ import annotations

import array
import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from generator.catalogue.model import Catalogue
from generator.catalogue.similarity.signatures import Ragged
from generator.search import postings
from generator.search.documents import FILTERS, Document, document, sources
from generator.search.terms import Terms, Vocabulary

_NONE = -1  # a document without a value for a filter


@dataclass
class Table:
    keys: list[str]  # each document's content key ("" is never the same as anything)
    codes: Ragged  # its terms (terms.py)
    filters: np.ndarray  # (documents, filters) indices into `values`, or _NONE
    values: list[str]
    benefit: np.ndarray  # yearly benefit in đồng, 0 when not given
    titles: np.ndarray  # fnv1a of its title key, for the exact-title table
    cards: list[bytes]  # its result card as JSON: shared, not copied, by the next build's table
    vocabulary: Terms

    def __len__(self) -> int:
        return len(self.titles)

    def card(self, n: int) -> bytes:
        return self.cards[n]

    @classmethod
    def empty(cls) -> Table:
        return _rows([], Vocabulary(Terms.empty()), [], {})


def make(cat: Catalogue, previous: Table | None = None) -> Table:
    """The table of `cat`'s documents; rows of records unchanged since `previous` are copied, not made."""
    found = sources(cat)
    keys = found.keys
    if previous is not None and keys == previous.keys and "" not in keys:
        return previous
    last = previous if previous is not None else Table.empty()
    before = {k: n for n, k in enumerate(last.keys) if k}
    fresh = [n for n, k in enumerate(keys) if k not in before]
    vocabulary = Vocabulary(last.vocabulary)
    values = list(last.values)
    value_ids = {v: k for k, v in enumerate(values)}
    made = _rows((document(found.item(n), cat.taxonomy.recognition) for n in fresh), vocabulary, values, value_ids)
    # Each row from the last table (source 0) or from those just made (source 1).
    source = np.zeros(len(keys), dtype=np.int64)
    rows = np.array([before.get(k, -1) for k in keys], dtype=np.int64)
    source[fresh], rows[fresh] = 1, np.arange(len(fresh))
    codes = _assemble([last.codes, made.codes], source, rows)
    gone = np.setdiff1d(np.arange(len(last)), rows[source == 0])
    terms = vocabulary.grown().counted(last.codes.take(gone), made.codes)
    if previous is None or np.count_nonzero(terms.held == 0) > len(terms.terms) // 4:
        terms, codes = terms.compacted(codes)
    pick = np.where(source == 1, len(last) + rows, rows)  # into the last table's rows, then the new ones

    def column(name: str) -> np.ndarray:
        return np.concatenate([getattr(last, name), getattr(made, name)])[pick]

    parts = (last.cards, made.cards)
    cards = [parts[s][r] for s, r in zip(source.tolist(), rows.tolist(), strict=True)]
    return Table(keys, codes, column("filters"), values, column("benefit"), column("titles"), cards, terms)


def _rows(docs: Iterable[Document], vocabulary: Vocabulary, values: list[str], value_ids: dict[str, int]) -> Table:
    """Rows for documents made one at a time (only one is alive at once), into flat buffers."""
    codes, code_lengths = array.array("I"), array.array("q")
    cards: list[bytes] = []
    titles, filters, benefit = array.array("I"), array.array("i"), array.array("q")
    for doc in docs:
        found, key = vocabulary.document(doc)
        codes.extend(found)
        code_lengths.append(len(found))
        cards.append(_json(doc.card))
        titles.append(postings.fnv1a(key.encode()))
        filters.extend(_value(doc.filters[k], values, value_ids) for k in FILTERS)
        benefit.append(doc.benefit)
    return Table(
        [],
        Ragged(np.frombuffer(codes, dtype=np.uint32), _offsets(code_lengths)),
        np.frombuffer(filters, dtype=np.int32).reshape(len(titles), len(FILTERS)),
        values,
        np.frombuffer(benefit, dtype=np.int64),
        np.frombuffer(titles, dtype=np.uint32),
        cards,
        vocabulary.known,
    )


def _offsets(lengths: array.array) -> np.ndarray:
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(np.frombuffer(lengths, dtype=np.int64), out=offsets[1:])
    return offsets


def _value(value: str | None, values: list[str], ids: dict[str, int]) -> int:
    if value is None:
        return _NONE
    k = ids.get(value)
    if k is None:
        k = ids[value] = len(values)
        values.append(value)
    return k


def _assemble(parts: list[Ragged], source: np.ndarray, rows: np.ndarray) -> Ragged:
    """Row k is row rows[k] of parts[source[k]]: copied a run of neighbouring rows at a time, so that a table
    whose rows mostly stay in order costs a few slices, not an index per value."""
    if not len(rows):
        return Ragged(parts[0].values[:0], np.zeros(1, dtype=np.int64))
    lengths = np.zeros(len(rows), dtype=np.int64)
    for s, part in enumerate(parts):
        mine = source == s
        lengths[mine] = part.lengths[rows[mine]]
    offsets = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    breaks = np.flatnonzero((np.diff(source) != 0) | (np.diff(rows) != 1)) + 1
    starts, ends = np.concatenate(([0], breaks)), np.concatenate((breaks, [len(rows)]))
    runs = zip(source[starts].tolist(), rows[starts].tolist(), (ends - starts).tolist(), strict=True)
    pieces = [parts[s].values[parts[s].offsets[r] : parts[s].offsets[r + size]] for s, r, size in runs]
    return Ragged(pieces[0] if len(pieces) == 1 else np.concatenate(pieces), offsets)  # one run: no copy


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def to_arrays(table: Table) -> dict[str, np.ndarray]:
    """The table as named arrays (common/store.py's ArrayFile)."""
    terms = table.vocabulary
    return {
        "keys": _strings(table.keys),
        "codes": table.codes.values,
        "code_offsets": table.codes.offsets,
        "filters": table.filters,
        "values": _strings(table.values),
        "benefit": table.benefit,
        "titles": table.titles,
        "cards": np.frombuffer(b"".join(table.cards), dtype=np.uint8),
        "card_offsets": _offsets(array.array("q", map(len, table.cards))),
        "terms": _strings(terms.terms),
        "token_of": terms.token_of,
        "held": terms.held,
        "tokens": _strings(terms.tokens),
        "hashes": terms.hashes,
        "frequency": terms.frequency,
    }


def from_arrays(a: dict[str, np.ndarray]) -> Table:
    terms = Terms(
        _unstrings(a["terms"]), a["token_of"], a["held"], _unstrings(a["tokens"]), a["hashes"], a["frequency"]
    )
    return Table(
        _unstrings(a["keys"]),
        Ragged(a["codes"], a["code_offsets"]),
        a["filters"],
        _unstrings(a["values"]),
        a["benefit"],
        a["titles"],
        _split(a["cards"], a["card_offsets"].tolist()),
        terms,
    )


def _split(data: np.ndarray, offsets: list[int]) -> list[bytes]:
    view = data.data  # a memoryview: each card copied once, out of the stored array
    return [view[a:b].tobytes() for a, b in itertools.pairwise(offsets)]


def _strings(values: list[str]) -> np.ndarray:
    return np.frombuffer(json.dumps(values, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)


def _unstrings(data: np.ndarray) -> list[str]:
    return json.loads(data.tobytes().decode("utf-8"))
