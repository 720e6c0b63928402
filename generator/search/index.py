"""Every file of the search index, as bytes, from the catalogue; and writing them where they changed.

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
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from generator.catalogue.model import NATIONAL_UNITS, Catalogue
from generator.common import files
from generator.common.digest import digest_bytes
from generator.common.text import INVISIBLE, fold
from generator.search import postings
from generator.search.documents import FILTERS, KIND_INITIATIVE, KIND_STORY, Document, documents
from generator.search.words import words

CONTENTS = "muc-luc.json"
CHUNK = 10  # result cards per file: a first page of 20 results spread over the site fetches 20 files
BENEFIT_CHUNK = 2048  # ids of the benefit order per file
OWN_FILE = 2048  # postings larger than this (bytes) get a file of their own
SHARD_BYTES = 4096  # about this much in a shard
_T, _B = 0, 1


def build(cat: Catalogue) -> dict[str, bytes]:
    """Every file of the index: relative path -> bytes. Deterministic: the same catalogue gives the same bytes."""
    docs = documents(cat)
    out: dict[str, bytes] = {}
    lists, df = _postings(docs)
    shards = _shards(lists, out)
    own = sorted(path[2:-4] for path in out if path.startswith("w/"))
    title_shards = _titles(docs, out)
    out["cot.bin"], values = _columns(docs)
    by_benefit = sorted((n for n, d in enumerate(docs) if d.benefit), key=lambda n: -docs[n].benefit)
    for k in range(0, len(by_benefit), BENEFIT_CHUNK):
        out[f"loi-ich/{k // BENEFIT_CHUNK}.bin"] = b"".join(map(postings.varint, by_benefit[k : k + BENEFIT_CHUNK]))
    for k in range(0, len(docs), CHUNK):
        out[f"the/{k // CHUNK}.json"] = _json([d.card for d in docs[k : k + CHUNK]])
    _vocabulary(df, out)
    contents = {
        "n": len(docs),
        "shards": shards,
        "own": own,  # tokens with a file of their own: fetched at once, not after their shard
        "titleShards": title_shards,
        "chunk": CHUNK,
        "benefitChunks": -(-len(by_benefit) // BENEFIT_CHUNK),
        "filters": {
            key: {"label": label, "values": values[key], "counts": _counts(docs, key, values[key])}
            for key, label in FILTERS.items()
        },
        "kinds": {"initiative": KIND_INITIATIVE, "story": KIND_STORY},
        "provinces": _provinces(cat),
        "invisible": INVISIBLE,
    }
    contents["version"] = digest_bytes(b"".join(out[p] for p in sorted(out)) + _json(contents))[:12]
    # ASCII: the list of invisible characters is then written as escapes, never as the characters themselves.
    out[CONTENTS] = json.dumps(contents, separators=(",", ":")).encode("ascii")
    # Binary files are stored gzipped (the page inflates them): hosts compress JSON, rarely other types.
    return {path: gzip.compress(data, 6, mtime=0) if path.endswith(".bin") else data for path, data in out.items()}


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _postings(docs: list[Document]) -> tuple[dict[str, dict[str, tuple[list[int], list[int]]]], Counter]:
    """token -> spelling -> (title ids, other ids); and each token's document frequency."""
    flat: dict[tuple[str, str, int], list[int]] = defaultdict(list)  # (token, spelling, T or B) -> ids
    for n, doc in enumerate(docs):
        title, title_grams = _field(doc.title)
        body: set[tuple[str, str]] = set()
        grams: set[str] = set()
        for field in doc.body:
            found, pairs = _field(field)
            body.update(found)
            grams.update(pairs)
        for token, spelled in title:
            flat[token, spelled, _T].append(n)
        for token, spelled in body - title:
            flat[token, spelled, _B].append(n)
        for gram in title_grams:
            flat[gram, "", _T].append(n)
        for gram in grams - title_grams:
            flat[gram, "", _B].append(n)
    lists: dict[str, dict[str, tuple[list[int], list[int]]]] = defaultdict(dict)
    for (token, spelled, cls), ids in flat.items():
        entry = lists[token].get(spelled)
        if entry is None:
            entry = lists[token][spelled] = ([], [])
        entry[cls].extend(ids)
    df = Counter({token: _frequency(spellings) for token, spellings in lists.items() if "_" not in token})
    return lists, df


_FIELDS: dict[str, tuple[frozenset[tuple[str, str]], frozenset[str]]] = {}


def _field(text: str) -> tuple[frozenset[tuple[str, str]], frozenset[str]]:
    """A field's distinct (token, spelling) pairs and bigrams; short fields (places, unions, sectors,
    organisations, tags, names) repeat across records and are split once."""
    known = _FIELDS.get(text)
    if known is not None:
        return known
    found = words(text)
    split = frozenset(found), frozenset(f"{a}_{b}" for (a, _), (b, _) in itertools.pairwise(found))
    if len(text) <= 120 and len(_FIELDS) < 500_000:
        _FIELDS[text] = split
    return split


def _frequency(spellings: dict[str, tuple[list[int], list[int]]]) -> int:
    """Documents holding a token in any spelling (a document's title and other lists never share an id)."""
    if len(spellings) == 1:
        title, other = next(iter(spellings.values()))
        return len(title) + len(other)
    return len({n for title, other in spellings.values() for n in (*title, *other)})


def _shards(lists: dict[str, dict[str, tuple[list[int], list[int]]]], out: dict[str, bytes]) -> int:
    """Encode every entry; large ones into their own files, the rest into shards. Returns the shard count."""
    small: dict[str, bytes] = {}
    for token in sorted(lists):
        spellings = lists[token]
        payload = postings.varint(len(spellings)) + b"".join(
            postings.text(s) + postings.id_list(t) + postings.id_list(b) for s, (t, b) in sorted(spellings.items())
        )
        if len(payload) > OWN_FILE:
            out[f"w/{token}.bin"] = payload
            small[token] = postings.varint(1)
        else:
            small[token] = postings.varint(0) + payload
    count = _power_of_two(sum(len(v) + len(k) + 1 for k, v in small.items()) // SHARD_BYTES)
    grouped: dict[int, list[bytes]] = defaultdict(list)
    for token, entry in small.items():  # sorted: bytes do not depend on the order of a dict
        grouped[postings.fnv1a(token.encode()) & (count - 1)].append(postings.text(token) + entry)
    for shard, entries in grouped.items():
        out[f"s/{shard:x}.bin"] = b"".join(entries)
    return count


def _power_of_two(wanted: int) -> int:
    count = 1
    while count < wanted:
        count *= 2
    return count


def title_key(title: str) -> str:
    """A title as the exact-title table keys it: its folded tokens (search-index.js folds a query alike)."""
    return " ".join(token for token, _ in words(title))


def _titles(docs: list[Document], out: dict[str, bytes]) -> int:
    count = _power_of_two(len(docs) // 200)
    tables: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for n, doc in enumerate(docs):
        h = postings.fnv1a(title_key(doc.title).encode())
        tables[h & (count - 1)][str(h)].append(n)
    for shard, table in tables.items():
        out[f"ten/{shard:x}.json"] = _json(table)
    return count


def _columns(docs: list[Document]) -> tuple[bytes, dict[str, list[str]]]:
    """One byte per document and filter, filter after filter; and each filter's values, in the order shown."""
    values: dict[str, list[str]] = {}
    column = bytearray()
    for key in FILTERS:
        found = {v for d in docs if (v := d.filters[key]) is not None}
        ordered = sorted(found, reverse=True) if key == "nam" else sorted(found, key=_shown_order)
        if len(ordered) > 255:
            raise ValueError(f"quá nhiều giá trị cho bộ lọc {key}")
        code = {v: k + 1 for k, v in enumerate(ordered)}
        column += bytes(code.get(d.filters[key] or "", 0) for d in docs)
        values[key] = ordered
    return bytes(column), values


def _shown_order(value: str) -> tuple:
    """Alphabetical as Vietnamese readers expect, near enough: folded, then as written."""
    return (value == NATIONAL_UNITS, fold(value), value)


def _counts(docs: list[Document], key: str, values: list[str]) -> list[int]:
    """Each value's documents over the whole site: the page shows them before any search."""
    counted = Counter(d.filters[key] for d in docs)
    return [counted[v] for v in values]


def _vocabulary(df: Counter, out: dict[str, bytes]) -> None:
    by_letter: dict[str, list] = defaultdict(list)
    for token, count in sorted(df.items(), key=lambda item: (-item[1], item[0])):
        if count >= 2:
            by_letter[token[0]].append([token, count])
    for letter, entries in by_letter.items():
        out[f"tu/{letter}.json"] = _json(entries)


def _provinces(cat: Catalogue) -> list[dict]:
    """Each province's filter value and the names that mean it in a query: its own, and its former provinces'."""
    return [
        {"value": p.name, "names": list(dict.fromkeys([p.name, *(u for u in p.former_units if u)]))}
        for p in cat.taxonomy.provinces
    ]


@dataclass
class Written:
    names: list[str]  # every file of the index, relative to its folder
    files: dict[str, Path]  # site path -> file, when the site links the index from where it was written
    written: int  # files whose bytes changed
    size: int  # bytes, all files
    seconds: float


def publish(cat: Catalogue, folder: Path, site_folder: str, linked: bool) -> Written:
    """Build the index and write it into `folder`; `linked`: the site links each file from there."""
    start = time.perf_counter()
    index = build(cat)
    written = write(folder, index)
    files = {f"{site_folder}/{rel}": folder / rel for rel in index} if linked else {}
    size = sum(map(len, index.values()))
    return Written(sorted(index), files, written, size, time.perf_counter() - start)


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
