"""The search index read back in Python: every token's postings agree with the catalogue, folded by `fold`."""

from __future__ import annotations

import gzip
import json
from collections import defaultdict

import pytest

from generator.search import documents as docs_module
from generator.search import index, postings
from generator.search.words import reference_tokens, words

TRICKY = [
    "Hoà Bình và Hòa Bình",
    "Thuỷ lợi, thủy điện",
    "ĐẶNG Xuân Quân, đặng",
    "Nẵng",  # NFD input
    "５S và ｋaizen １２３",
    "tiết\u200bkiệm\u00ad điện\ufeff",
    "TP.HCM, TP HCM",
    "l'ổ cắm, O'Neil — “dấu” ‘nháy’",
    "Straße ﬁlter ẞ",
    "Ǆ ǅ İstanbul",
    "số 0912.345.678 và 1,2 tỷ",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tokens_are_the_projects_fold(text):
    assert [t for t, _ in words(text)] == reference_tokens(text)


def test_exact_spelling_ignores_where_the_tone_sits_and_keeps_vowel_marks():
    assert words("hoà")[0][1] == words("hòa")[0][1]
    assert words("thuỷ")[0][1] == words("thủy")[0][1]
    assert words("Huệ")[0][1] != words("Huế")[0][1]
    assert words("đa")[0][1] != words("da")[0][1] and words("đa")[0][0] == "da"
    assert words("năng")[0][1] != words("nẵng")[0][1]


@pytest.mark.parametrize("ids", [[], [0], [3, 4, 900], list(range(0, 5000, 2)), list(range(100, 40000, 97))])
def test_id_lists_decode_to_what_was_encoded(ids):
    data = postings.id_list(ids)
    assert postings.decode_list(data) == (ids, len(data))
    # A dense list is a bitmap of one bit per document, a sparse one a few bytes per id.
    assert len(data) <= min(len(ids) * 3, (ids[-1] // 8 + 1) if ids else 0) + 4


def _read_entry(payload: bytes, at: int = 0) -> dict[str, tuple[list[int], list[int]]]:
    count, at = postings.read_varint(payload, at)
    out = {}
    for _ in range(count):
        size, at = postings.read_varint(payload, at)
        spelled = payload[at : at + size].decode()
        at += size
        title, at = postings.decode_list(payload, at)
        other, at = postings.decode_list(payload, at)
        out[spelled] = (title, other)
    return out


def _entries(files: dict[str, bytes]) -> dict[str, dict[str, tuple[list[int], list[int]]]]:
    """Every token of the index with its postings, read from the shards and own files as the browser does."""
    contents = json.loads(files[index.CONTENTS])
    out = {}
    for shard in range(contents["shards"]):
        data, at = files.get(f"s/{shard:x}.bin", b""), 0
        while at < len(data):
            size, at = postings.read_varint(data, at)
            token = data[at : at + size].decode()
            at += size
            assert postings.fnv1a(token.encode()) % contents["shards"] == shard
            own, at = postings.read_varint(data, at)
            if own:
                out[token] = _read_entry(files[f"w/{token}.bin"])
                continue
            out[token] = _read_entry(data, at)
            count, at = postings.read_varint(data, at)
            for _ in range(count):
                size, at = postings.read_varint(data, at)
                at = postings.decode_list(data, at + size)[1]
                at = postings.decode_list(data, at)[1]
    return out


@pytest.fixture(scope="module")
def built(catalogue):
    files = index.build(catalogue)
    assert all(data[:2] == b"\x1f\x8b" for path, data in files.items() if path.endswith(".bin"))
    return {p: gzip.decompress(d) if p.endswith(".bin") else d for p, d in files.items()}, docs_module.documents(
        catalogue
    )


def test_every_token_lists_exactly_the_documents_that_hold_it(built, catalogue):
    files, docs = built
    entries = _entries(files)
    expected_title, expected_any = defaultdict(set), defaultdict(set)
    for n, doc in enumerate(docs):
        for token in reference_tokens(doc.title):
            expected_title[token].add(n)
        for field in [doc.title, *doc.body]:
            for token in reference_tokens(field):
                expected_any[token].add(n)
    plain = {t: e for t, e in entries.items() if "_" not in t}
    assert set(plain) == set(expected_any)
    for token, spellings in plain.items():
        title = {n for t, _ in spellings.values() for n in t}
        anywhere = title | {n for _, b in spellings.values() for n in b}
        assert (title, anywhere) == (expected_title[token], expected_any[token]), token
    # A phrase is a bigram of adjacent words in one field.
    hanoi = {n for n, d in enumerate(docs) if "ha noi" in " ".join(reference_tokens(" | ".join([d.title, *d.body])))}
    assert {n for t, b in entries["ha_noi"].values() for n in t + b} == hanoi and hanoi


def test_documents_run_newest_first_and_hold_only_what_is_published(built, catalogue):
    files, docs = built
    dates = [d.date for d in docs]
    assert dates == sorted(dates, reverse=True)
    assert len(docs) == len(catalogue.initiatives) + len(catalogue.stories)
    contents = json.loads(files[index.CONTENTS])
    assert contents["n"] == len(docs)
    cards = [c for k in range(0, len(docs), index.CHUNK) for c in json.loads(files[f"the/{k // index.CHUNK}.json"])]
    assert [c["title"] for c in cards] == [d.title for d in docs]
    withheld = {a.name for i in catalogue.initiatives for a in i.record.authors if not a.consent_public}
    published = {a.name for i in catalogue.initiatives for a in i.record.authors if a.consent_public}
    assert withheld and published
    texts = " ".join(f"{d.title} {' '.join(d.body)}" for d in docs)
    assert not [name for name in withheld if name in texts and name not in published]
    assert all(name in texts for name in published)


def test_document_order_and_keys_from_the_columns_are_those_of_the_records(catalogue):
    """The id order and content keys, worked out from the catalogue's columns, are what sorting the records gives:
    by date, then id or address, newest and last first, on days that hold several records and stories."""
    import dataclasses
    import datetime as dt

    from generator.catalogue.model import Catalogue

    day = dt.date(2025, 5, 5)
    initiatives = [
        dataclasses.replace(i, record=i.record.model_copy(update={"approved_on": day})) if k % 3 == 0 else i
        for k, i in enumerate(catalogue.initiatives)
    ]
    stories = [dataclasses.replace(s, record=s.record.model_copy(update={"date": day})) for s in catalogue.stories]
    tied = Catalogue(catalogue.taxonomy, initiatives, stories)
    found = docs_module.sources(tied)
    items = [found.item(n) for n in range(len(found.keys))]
    name = {id(i): (i.record.approved_on, i.record.id) for i in initiatives} | {
        id(s): (s.record.date, s.slug) for s in stories
    }
    assert [name[id(x)] for x in items] == sorted(name.values(), reverse=True)
    assert len(items) == len(initiatives) + len(stories) and stories
    assert found.keys == [docs_module.content_key(x) for x in items]


def test_filter_columns_and_counts_agree_with_the_catalogue(built, catalogue):
    files, docs = built
    contents = json.loads(files[index.CONTENTS])
    column = files["cot.bin"]
    n = len(docs)
    for k, (key, spec) in enumerate(contents["filters"].items()):
        codes = column[k * n : (k + 1) * n]
        shown = [spec["values"][c - 1] if c else None for c in codes]
        assert shown == [d.filters[key] for d in docs], key
        assert spec["counts"] == [shown.count(v) for v in spec["values"]]
    by_region = defaultdict(int)
    for i in catalogue.initiatives:
        by_region[i.region] += 1
    provinces = contents["filters"]["tinh"]
    stories = defaultdict(int)
    for s in catalogue.stories:
        if s.province:
            stories[s.province.name] += 1
    assert dict(zip(provinces["values"], provinces["counts"], strict=True)) == {
        v: by_region[v] + stories[v] for v in provinces["values"]
    }


def test_benefit_order_is_every_figure_largest_first(built):
    files, docs = built
    order: list[int] = []
    for k in range(json.loads(files[index.CONTENTS])["benefitChunks"]):
        data, at = files[f"loi-ich/{k}.bin"], 0
        while at < len(data):
            value, at = postings.read_varint(data, at)
            order.append(value)
    assert order == sorted((n for n, d in enumerate(docs) if d.benefit), key=lambda n: (-docs[n].benefit, n))


def test_the_index_is_written_only_where_it_changed(tmp_path, catalogue):
    files = index.build(catalogue)
    assert index.write(tmp_path, files) == len(files)
    (tmp_path / "s" / "stale.bin").write_bytes(b"x")
    assert index.write(tmp_path, files) == 0
    assert not (tmp_path / "s" / "stale.bin").exists()
