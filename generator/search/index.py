"""Every file of the search index, as bytes, from the documents' table; and writing them where they changed.

    muc-luc.json       the table of contents: sizes, the tokens with files of their own, filters with their values
                       and whole-site counts, provinces and their former names (for the "Chỉ xem …?" chip), the
                       invisible characters to drop
    s/<shard>.bin      tokens and bigrams whose postings are small, grouped by FNV-1a of the token
    w/<token>.bin      the postings of one large token (a shard entry says "own file")
    ten/<shard>.json   folded titles (by hash) -> ids: an exact title ranks first
    cot.bin            one byte per document per filter (0: none, k: the filter's k-th value)
    loi-ich/<k>.bin    the ids of documents with a yearly benefit, largest first, 2048 a file: that sort loads
                       only as many as the results shown need
    the/<k>.json       result cards of documents 10k … 10k+9
    tu/<c>.json        words found in two documents or more, starting with c, most frequent first: typos

Binary files (.bin) are stored gzipped. A token's entry lists, per exact spelling, the ids with it in the
title (T) and elsewhere only (B); a bigram ("tiet_kiem", adjacent words of one field) has one spelling, "".
See postings.py for the lists.

Given the last build's table and files (kept.py), a build makes again only what can differ. When the documents
keep their ids and a few change, that is the shards of the tokens they gained or lost (with those tokens' own
files), their title tables, card files and typo letters; the filter columns, the benefit order and the contents
are made every time (they are small). When ids move (a record added, or one leaving the site) every file is made
again, from the table, where only new or changed documents were split into words. Either way only files whose
bytes differ are written.
"""

from __future__ import annotations

import gzip
import json
import os
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sparse

from generator.catalogue.model import NATIONAL_UNITS, Catalogue
from generator.common import files
from generator.common.arrays import distinct
from generator.common.digest import digest_bytes
from generator.common.text import INVISIBLE, fold
from generator.search import kept, postings, table
from generator.search.documents import FILTERS, KIND_INITIATIVE, KIND_STORY
from generator.search.kept import Entry, Files
from generator.search.table import Table
from generator.search.terms import SEP

CONTENTS = "muc-luc.json"
CHUNK = 10  # result cards per file: a first page of 20 results spread over the site fetches 20 files
BENEFIT_CHUNK = 2048  # ids of the benefit order per file
OWN_FILE = 2048  # postings larger than this (bytes) get a file of their own
SHARD_BYTES = 4096  # about this much in a shard
TITLES_PER_SHARD = 200
_COUNTED = 1 << 20  # codes counted at once: bounded memory whatever the corpus


def build(cat: Catalogue) -> dict[str, bytes]:
    """Every file of the index: relative path -> bytes. Deterministic: the same catalogue gives the same bytes."""
    return _stored_all(update(cat, table.make(cat), None, None))


def _stored_all(made: Files) -> dict[str, bytes]:
    """Every changed file as written; each file's bytes before compression let go once compressed."""
    return {path: stored(path, made.changed.pop(path)) for path in list(made.changed)}


def stored(path: str, data: bytes) -> bytes:
    """A file's bytes as written: binary files gzipped (the page inflates them), since hosts compress JSON and
    rarely other types."""
    return gzip.compress(data, 6, mtime=0) if path.endswith(".bin") else data


def update(cat: Catalogue, new: Table, old: Table | None, kept: Files | None) -> Files:
    """The files of `new`'s index. With the last build's table and files, only what can differ is made again and
    only files whose bytes differ are in `changed`; without them, every file is."""
    scope = _scope(new, old) if kept is not None and old is not None else None
    if scope is not None and kept is not None and not (scope.docs.size or scope.tokens):
        return Files(kept.entries, kept.shards)  # the same documents: the same files
    out = _Out(kept, partial=scope is not None)
    shards = _token_files(new, scope, out)
    if shards is None:  # the changes move the number of shards: every shard again
        scope, out = None, _Out(kept, partial=False)
        shards = _token_files(new, None, out)
        assert shards is not None
    titles = _title_files(new, old, scope, out)
    _typo_files(new, scope, out)
    _card_files(new, scope, out)
    column, values = _columns(new)
    out.put("cot.bin", column)
    contents = _contents(cat, new, out, shards, titles, _benefit_files(new, out), values)
    # ASCII: the list of invisible characters is then written as escapes, never as the characters themselves.
    out.put(CONTENTS, json.dumps(contents, separators=(",", ":")).encode("ascii"))
    return out.finish(shards)


def _contents(cat: Catalogue, new: Table, out: _Out, shards: int, titles: int, benefit: int, values: dict) -> dict:
    contents = {
        "n": len(new),
        "shards": shards,
        "own": sorted(path[2:-4] for path in out.entries if path.startswith("w/")),
        "titleShards": titles,
        "chunk": CHUNK,
        "benefitChunks": benefit,
        "filters": {
            key: {"label": label, "values": values[key], "counts": _counts(new, k, values[key])}
            for k, (key, label) in enumerate(FILTERS.items())
        },
        "kinds": {"initiative": KIND_INITIATIVE, "story": KIND_STORY},
        "provinces": _provinces(cat),
        "invisible": INVISIBLE,
    }
    # The version names these bytes (the page asks for every file with it): a digest of every file's digest.
    listed = b"".join(f"{p}\0{e.digest}\n".encode() for p, e in sorted(out.entries.items()) if p != CONTENTS)
    contents["version"] = digest_bytes(listed + _json(contents))[:12]
    return contents


class _Out:
    """The files a build makes, against the last build's: a partial build starts from the last build's list."""

    def __init__(self, kept: Files | None, partial: bool):
        self.kept = kept.entries if kept else {}
        self.shards = kept.shards if kept else 0  # the last build's number of shards
        self.entries: dict[str, Entry] = dict(self.kept) if partial else {}
        self.changed: dict[str, bytes] = {}

    def put(self, path: str, data: bytes | None, weight: int = 0) -> None:
        """A file made again; None: it is no longer in the index."""
        if data is None:
            self.entries.pop(path, None)
            self.changed.pop(path, None)
            return
        entry = self.entries[path] = Entry(digest_bytes(data), weight)
        if self.kept.get(path) != entry:
            self.changed[path] = data
        else:
            self.changed.pop(path, None)

    def drop(self, prefix: str) -> None:
        """Forget every file starting with `prefix`: the family is made again whole."""
        for path in [p for p in self.entries if p.startswith(prefix)]:
            self.put(path, None)

    def finish(self, shards: int) -> Files:
        return Files(self.entries, shards, self.changed, set(self.kept) - set(self.entries))


@dataclass
class _Scope:
    docs: np.ndarray  # ids whose document changed
    tokens: set[str]  # tokens whose postings changed, still in the index or gone


def _scope(new: Table, old: Table) -> _Scope | None:
    """What changed between two tables of the same ids; None when ids moved (or so much changed that making
    everything again is as quick)."""
    if len(new) != len(old):
        return None
    if new is old:
        return _Scope(np.zeros(0, dtype=np.int64), set())
    docs = [n for n, (a, b) in enumerate(zip(new.keys, old.keys, strict=True)) if a != b or not a]
    if len(docs) > max(100, len(new) // 20):
        return None
    tokens: set[str] = set()
    for n in docs:
        before = {(old.vocabulary.terms[c >> 1], c & 1) for c in old.codes.row(n).tolist()}
        after = {(new.vocabulary.terms[c >> 1], c & 1) for c in new.codes.row(n).tolist()}
        tokens.update(term.split(SEP, 1)[0] for term, _ in before ^ after)
    return _Scope(np.array(docs, dtype=np.int64), tokens)


def _token_files(new: Table, scope: _Scope | None, out: _Out) -> int | None:
    """The shards and own files of the tokens in scope's shards (all without a scope). Returns the number of
    shards; None when the scope's changes would change it."""
    vocabulary = new.vocabulary
    live = vocabulary.frequency > 0
    if scope is None:
        chosen = np.flatnonzero(live)
        touched: set[int] = set()
        count = 0
    else:
        count = out.shards
        touched = {postings.fnv1a(t.encode()) & (count - 1) for t in scope.tokens}
        chosen = np.flatnonzero(live & np.isin(vocabulary.hashes & np.uint32(count - 1), list(touched)))
    order = sorted(chosen.tolist(), key=vocabulary.tokens.__getitem__)  # the index's order
    names = [vocabulary.tokens[k] for k in order]
    payloads = _payloads(new, order)
    sizes = np.fromiter(map(len, payloads), dtype=np.int64, count=len(payloads))
    large = sizes > OWN_FILE
    name_sizes = np.fromiter(map(len, names), dtype=np.int64, count=len(names))
    weights = np.where(large, 1, 1 + sizes) + name_sizes + 1  # entry, name and a byte: what sets the count
    if scope is None:
        count = _power_of_two(int(weights.sum()) // SHARD_BYTES)
        touched = set(range(count))
        out.drop("s/")
        out.drop("w/")
    own = {names[n]: payloads[n] for n in np.flatnonzero(large).tolist()}
    shard_of = vocabulary.hashes[np.array(order, dtype=np.int64)] & np.uint32(count - 1)
    by_shard = np.argsort(shard_of, kind="stable")  # tokens stay in order within a shard
    bounds = np.searchsorted(shard_of[by_shard], np.arange(count + 1))
    if scope is not None:
        kept = sum(e.weight for p, e in out.entries.items() if p.startswith("s/") and int(p[2:-4], 16) not in touched)
        if _power_of_two((kept + int(weights.sum())) // SHARD_BYTES) != count:
            return None
        for path in [p for p in out.entries if p.startswith("w/")]:
            if postings.fnv1a(path[2:-4].encode()) & (count - 1) in touched and path[2:-4] not in own:
                out.put(path, None)  # no longer large, or gone
    for shard in sorted(touched):
        mine = by_shard[bounds[shard] : bounds[shard + 1]].tolist()
        data = b"".join(postings.text(names[n]) + (b"\x01" if large[n] else b"\x00" + payloads[n]) for n in mine)
        out.put(f"s/{shard:x}.bin", data or None, int(weights[mine].sum()))
    for name, payload in own.items():
        out.put(f"w/{name}.bin", payload)
    return count


def _payloads(new: Table, tokens: list[int]) -> list[bytes]:
    """Each token's entry (tokens in the index's order): its spellings, each with the ids holding it in the
    title and elsewhere."""
    vocabulary = new.vocabulary
    mine = np.zeros(len(vocabulary.tokens), dtype=bool)
    mine[tokens] = True
    found = np.flatnonzero((vocabulary.held > 0) & mine[vocabulary.token_of])
    terms = sorted(found.tolist(), key=vocabulary.terms.__getitem__)  # by token, then spelling
    if not terms:
        return []
    ids, bounds = _postings(new, np.array(terms, dtype=np.int64))
    data, starts = postings.id_lists(ids, bounds)
    of = vocabulary.token_of[terms]
    runs = np.diff(np.flatnonzero(np.concatenate(([True], of[1:] != of[:-1], [True])))).tolist()  # a token's terms
    spelled = [postings.text(vocabulary.terms[t].split(SEP, 1)[1]) for t in terms]
    out = []
    j = 0  # the lists of the j-th term are 2j (title) and 2j + 1 (elsewhere)
    for run in runs:
        if run == 1:  # most tokens: one spelling
            out.append(b"\x01" + spelled[j] + data[starts[2 * j] : starts[2 * j + 2]])
        else:
            lists = (spelled[t] + data[starts[2 * t] : starts[2 * t + 2]] for t in range(j, j + run))
            out.append(postings.varint(run) + b"".join(lists))
        j += run
    return out


def _postings(new: Table, terms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The ids holding each of `terms` in the title, then elsewhere: lists 2j and 2j + 1 for terms[j]."""
    codes, size = new.codes, len(new.vocabulary.terms)
    slot = np.full(size, -1, dtype=np.int64)
    slot[terms] = np.arange(len(terms))
    if len(terms) == np.count_nonzero(new.vocabulary.held):  # every list: a transpose, a counting sort in C
        column = np.empty(len(codes.values), dtype=np.int32)
        for a in range(0, len(column), _COUNTED):
            found = codes.values[a : a + _COUNTED]
            column[a : a + _COUNTED] = slot[found >> 1] * 2 + (found & 1)
        by_doc = sparse.csr_matrix(
            (np.ones(len(column), dtype=bool), column, codes.offsets.astype(np.int32)),
            shape=(len(new), 2 * len(terms)),
        )
        del column
        by_code = by_doc.tocsc()
        return by_code.indices, by_code.indptr.astype(np.int64)
    wanted = slot >= 0
    at = np.flatnonzero(wanted[codes.values >> 1])
    docs = np.searchsorted(codes.offsets, at, side="right") - 1
    found = codes.values[at].astype(np.int64)
    list_of = slot[found >> 1] * 2 + (found & 1)
    order = np.argsort(list_of, kind="stable")  # ids stay in order within a list
    bounds = np.zeros(2 * len(terms) + 1, dtype=np.int64)
    np.cumsum(np.bincount(list_of, minlength=2 * len(terms)), out=bounds[1:])
    return docs[order], bounds


def _power_of_two(wanted: int) -> int:
    count = 1
    while count < wanted:
        count *= 2
    return count


def _title_files(new: Table, old: Table | None, scope: _Scope | None, out: _Out) -> int:
    count = _power_of_two(len(new) // TITLES_PER_SHARD)
    shard_of = new.titles & np.uint32(count - 1)
    if scope is None:
        out.drop("ten/")
        touched = set(range(count))
    else:
        assert old is not None
        touched = set((shard_of[scope.docs]).tolist()) | set((old.titles[scope.docs] & (count - 1)).tolist())
    order = np.argsort(shard_of, kind="stable")
    bounds = np.searchsorted(shard_of[order], np.arange(count + 1))
    for shard in sorted(touched):
        docs = order[bounds[shard] : bounds[shard + 1]]
        found: dict[str, list[int]] = defaultdict(list)
        for n, h in zip(docs.tolist(), new.titles[docs].tolist(), strict=True):
            found[str(h)].append(n)
        out.put(f"ten/{shard:x}.json", _json(found) if found else None)
    return count


def _card_files(new: Table, scope: _Scope | None, out: _Out) -> None:
    if scope is None:
        out.drop("the/")
        chunks = list(range(-(-len(new) // CHUNK)))
    else:
        chunks = sorted({int(n) // CHUNK for n in scope.docs})
    for k in chunks:
        cards = (new.card(n) for n in range(k * CHUNK, min(len(new), (k + 1) * CHUNK)))
        out.put(f"the/{k}.json", b"[" + b",".join(cards) + b"]")


def _columns(new: Table) -> tuple[bytes, dict[str, list[str]]]:
    """One byte per document and filter, filter after filter; and each filter's values, in the order shown."""
    values: dict[str, list[str]] = {}
    column = bytearray()
    position = {v: n for n, v in enumerate(new.values)}
    for k, key in enumerate(FILTERS):
        held = new.filters[:, k]
        found = [new.values[v] for v in distinct(held[held >= 0]).tolist()]
        ordered = sorted(found, reverse=True) if key == "nam" else sorted(found, key=_shown_order)
        if len(ordered) > 255:
            raise ValueError(f"quá nhiều giá trị cho bộ lọc {key}")
        code = np.zeros(len(new.values) + 1, dtype=np.uint8)  # the last one: no value (index -1)
        for c, value in enumerate(ordered):
            code[position[value]] = c + 1
        column += code[held].tobytes()
        values[key] = ordered
    return bytes(column), values


def _shown_order(value: str) -> tuple:
    """Alphabetical as Vietnamese readers expect, near enough: folded, then as written."""
    return (value == NATIONAL_UNITS, fold(value), value)


def _counts(new: Table, k: int, values: list[str]) -> list[int]:
    """Each value's documents over the whole site: the page shows them before any search."""
    counted = np.bincount(new.filters[:, k] + 1, minlength=len(new.values) + 1)
    position = {v: n for n, v in enumerate(new.values)}
    return [int(counted[position[v] + 1]) for v in values]


def _benefit_files(new: Table, out: _Out) -> int:
    with_benefit = np.flatnonzero(new.benefit > 0)
    order = with_benefit[np.argsort(-new.benefit[with_benefit], kind="stable")]  # ties: newest first
    out.drop("loi-ich/")
    for k in range(0, len(order), BENEFIT_CHUNK):
        out.put(f"loi-ich/{k // BENEFIT_CHUNK}.bin", postings.varints(order[k : k + BENEFIT_CHUNK]))
    return -(-len(order) // BENEFIT_CHUNK)


def _typo_files(new: Table, scope: _Scope | None, out: _Out) -> None:
    """Words of two documents or more, by first letter, most frequent first: where a build's changes could move
    them (every letter without a scope)."""
    vocabulary = new.vocabulary
    if scope is None:
        out.drop("tu/")
        letters = {name[0] for name in vocabulary.tokens}
    else:
        letters = {t[0] for t in scope.tokens if "_" not in t}
    if not letters:
        return
    frequency = vocabulary.frequency.tolist()
    by_letter: dict[str, list[int]] = defaultdict(list)
    for k, name in enumerate(vocabulary.tokens):
        if frequency[k] >= 2 and name[0] in letters and "_" not in name:
            by_letter[name[0]].append(k)
    for letter in sorted(letters):
        chosen = sorted(by_letter[letter], key=lambda k: (-frequency[k], vocabulary.tokens[k]))
        entries = [[vocabulary.tokens[k], frequency[k]] for k in chosen]
        out.put(f"tu/{letter}.json", _json(entries) if entries else None)


def _provinces(cat: Catalogue) -> list[dict]:
    """Each province's filter value and the names that mean it in a query: its own, and its former provinces'."""
    return [
        {"value": p.name, "names": list(dict.fromkeys([p.name, *(u for u in p.former_units if u)]))}
        for p in cat.taxonomy.provinces
    ]


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass
class Written:
    names: list[str]  # every file of the index, relative to its folder
    files: dict[str, Path]  # site path -> file, when the site links the index from where it was written
    written: int  # files whose bytes changed
    size: int  # bytes, all files
    seconds: float


def publish(
    cat: Catalogue, folder: Path, site_folder: str, linked: bool, cache: Path | None = None, generation: str = ""
) -> Written:
    """Build the index and write it into `folder`; `linked`: the site links each file from there. With `cache`
    (the build's cache folder) and the build's `generation`, the last build's table and list of files are used
    and kept for the next build (kept.py)."""
    start = time.perf_counter()
    state = kept.store(cache, generation) if cache else None
    last = kept.read(state, folder) if state else None
    old, listed = (last.table, last.files) if last else (None, None)
    new = table.make(cat, old)
    made = update(cat, new, old, listed)
    changes = bool(made.changed or made.removed)
    if state and (changes or listed is None):
        state.clear()  # the folder changes from here on: an interrupted build must leave nothing to trust
    if last is not None and listed is not None:
        stats = _apply(folder, made, last.stats)
        written = len(made.changed)
    else:  # every file made: compared with what the folder holds
        written = write(folder, _stored_all(made))
        stats = kept.scan(folder)
    if state and (changes or listed is None or new is not old):
        kept.save(state, folder, new, made, stats)
    files = {f"{site_folder}/{rel}": folder / rel for rel in made.entries} if linked else {}
    size = sum(stats[rel][0] for rel in made.entries)
    return Written(sorted(made.entries), files, written, size, time.perf_counter() - start)


def _apply(folder: Path, made: Files, stats: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """Write the changed files and remove the gone ones, in a folder known to hold the last build's files.
    Returns every file's size and modification time."""
    stats = dict(stats)
    root = os.fspath(folder)
    for rel, data in made.changed.items():
        path = os.path.join(root, rel)
        files.write_bytes(path, stored(rel, data))
        st = os.stat(path)
        stats[rel] = (st.st_size, st.st_mtime_ns)
    for rel in made.removed:
        (folder / rel).unlink(missing_ok=True)
        stats.pop(rel, None)
    return stats


def write(folder: Path, index: dict[str, bytes]) -> int:
    """Put the index in `folder`: only files whose bytes changed are written, files no longer in it removed.
    Returns how many were written."""
    written = 0
    for rel, data in index.items():
        path = folder / rel
        try:
            same = path.stat().st_size == len(data) and path.read_bytes() == data
        except OSError:
            same = False
        if not same:
            files.write_bytes(path, data)
            written += 1
    if folder.is_dir():
        for root, _, names in os.walk(folder):
            for name in names:
                path = Path(root) / name
                if path.relative_to(folder).as_posix() not in index:
                    path.unlink()
    return written
