"""Near-duplicates screened before they are published, editors' decisions, the editors' report, and related
initiatives on the pages."""

from __future__ import annotations

import csv
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from generator import cli
from generator.catalogue.similarity import related as relating
from generator.catalogue.similarity import screening, tokens
from generator.catalogue.similarity.signatures import Ragged, SketchCache
from generator.common.arrays import distinct
from generator.common.text import strip_marks
from generator.config import Config
from generator.content.decisions import Decisions
from generator.content.source import parse_yaml, read_text
from generator.content.validate import load_content
from generator.tools.demo import write_demo
from generator.tools.demo_copies import KINDS, plant, truth

from .conftest import CONTENT, build
from .files import site_texts

THRESHOLD = Config().duplicates.threshold
ORIGINAL = "HN-2022-0012"  # a sample record: Công ty TNHH Cơ khí Chính xác Đông Anh, Hà Nội
ORIGINAL_FILE = "initiatives/2022/hn-2022-0012.yml"
COPY = "DN-2024-0999"


def screen(content: Path, threshold: float = THRESHOLD, decisions: Decisions | None = None):
    loaded = load_content(content)
    assert [str(p) for p in loaded.problems] == []
    records = loaded.catalogue.initiatives + loaded.pending
    sketches = SketchCache(None).sketches(records)
    return screening.screen(records, sketches, threshold, decisions or loaded.decisions)


def ids(found) -> set[frozenset[str]]:
    return {p.ids for p in found.pairs}


def write_copy(content: Path, new_id: str = COPY, status: str = "approved", **changes) -> Path:
    """A copy of the sample record ORIGINAL, every mark removed, sent in by a unit of Đà Nẵng."""
    data = parse_yaml(read_text(content / ORIGINAL_FILE)).data
    for field in tokens.FIELDS:
        data[field] = strip_marks(data[field])
    data.update(
        id=new_id,
        status=status,
        province="Đà Nẵng",
        organization={"name": "Công ty CP Cơ khí Sông Hàn", "kind": "doanh-nghiep"},
        approved_on="2024-03-01",
    )
    if status != "approved":
        del data["approved_on"]
    data.update(changes)
    path = content / "initiatives" / f"{new_id.lower()}.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def decide(content: Path, text: str) -> Path:
    path = content / "decisions" / "duplicates.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- planted copies among unrelated records ------------------------------------------------------------------


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """400 demo records and four copies of every kind (generator/tools/demo_copies.py)."""
    content = tmp_path_factory.mktemp("planted") / "content"
    write_demo(content, 400, seed=7, source=CONTENT)
    copies = plant(content, 4 * len(KINDS), seed=3)
    return content, copies, screen(content, threshold=0.3)


def test_every_planted_copy_is_found_above_the_threshold(planted):
    content, copies, _ = planted
    found = screen(content)
    assert {p.kind for p in copies} == set(KINDS)
    missed = [p for p in copies if frozenset((p.original.lower(), p.copy.lower())) not in ids(found)]
    assert missed == []
    assert ids(found) == truth(copies)  # and nothing else


def test_no_unrelated_pair_ranks_above_a_planted_copy(planted):
    _, copies, low = planted
    wanted = truth(copies)
    planted_scores = [p.score for p in low.pairs if p.ids in wanted]
    unrelated = [p.score for p in low.pairs if p.ids not in wanted]
    assert len(planted_scores) == len(copies)
    assert unrelated, "a low threshold shows some unrelated pairs to compare with"
    assert min(planted_scores) > max(unrelated)
    assert max(unrelated) < THRESHOLD


def test_the_later_record_is_named_as_the_probable_copy(planted):
    _, copies, low = planted
    originals = {p.original for p in copies}
    for pair in low.pairs:
        if pair.ids in truth(copies):
            assert pair.first.id in originals and pair.second.id.startswith("BANSAO-")
            assert pair.first.record.approved_on < pair.second.record.approved_on


def test_a_demo_set_without_copies_reports_no_pair(tmp_path):
    """The demo generator's own frames must not make unrelated records look like copies."""
    write_demo(tmp_path, 2000, seed=11, source=CONTENT)
    found = screen(tmp_path)
    assert found.records > 1500 and found.pairs == []


def test_pairs_form_clusters(tmp_path, content_copy):
    write_copy(content_copy)
    write_copy(content_copy, "QN-2024-0998", province="Quảng Ninh")
    found = screen(content_copy)
    assert len(found.pairs) == 3 and {p.cluster for p in found.pairs} == {1}
    assert [i.id for i in found.clusters[0]] == [ORIGINAL, COPY, "QN-2024-0998"]


def test_passage_is_the_longest_shared_run_of_one_field_as_the_first_record_writes_it():
    a = ["Khuôn dập", "Phôi thép bị lệch khi cấp vào khuôn. Công nhân phải dập lại."]
    b = ["Mở đầu khác hẳn. PHOI THEP BI LECH khi cap vao khuon! Kết thúc khác.", "Khuôn dập"]
    assert tokens.passage(a, b) == "Phôi thép bị lệch khi cấp vào khuôn"
    # Two fields that follow each other in one record and not in the other are not one run.
    assert tokens.passage(["Máy ép", "nhựa tái chế"], ["Máy ép nhựa", "tái chế"]) == "Máy ép"


def test_sentences_shuffled_and_marks_removed_give_the_same_shingles():
    one = ["Cải tiến khuôn dập", "", "Phôi bị lệch. Công nhân dập lại nhiều lần.", "", "Giảm phế phẩm."]
    two = ["CAI TIEN KHUON DAP", "", "Cong nhan dap lai nhieu lan!  Phoi bi lech.", "", "Giam phe pham."]
    for n in (2, 3):
        assert np.array_equal(tokens.ngrams(tokens.word_hashes(one), n), tokens.ngrams(tokens.word_hashes(two), n))


# --- check and build: warnings, --strict-duplicates -----------------------------------------------------------


def test_check_warns_about_an_undecided_pair_and_strict_makes_it_an_error(content_copy, capsys):
    write_copy(content_copy)
    assert cli.main(["check", "--content", str(content_copy)]) == 0
    err = capsys.readouterr().err
    assert (
        f'content/initiatives/{COPY.lower()}.yml:1: id: có thể trùng lặp với "{ORIGINAL}" (content/{ORIGINAL_FILE}), '
        "độ trùng 100%: xem bằng `showcase duplicates`, rồi ghi quyết định vào content/decisions/duplicates.yaml"
    ) in err
    assert "Cảnh báo: 1 cặp sáng kiến gần trùng (độ trùng từ 70%) chưa có quyết định" in err
    assert cli.main(["check", "--content", str(content_copy), "--strict-duplicates"]) == 1
    assert "Lỗi: 1 cặp sáng kiến gần trùng" in capsys.readouterr().err


def test_a_pending_record_is_screened_too(content_copy, capsys):
    write_copy(content_copy, status="pending")
    assert cli.main(["check", "--content", str(content_copy), "--strict-duplicates"]) == 1
    assert f'{COPY.lower()}.yml:1: id: có thể trùng lặp với "{ORIGINAL}"' in capsys.readouterr().err


def test_strict_build_refuses_and_keeps_the_previous_site(sample_project, capsys):
    content = sample_project / "content"
    before = (sample_project / "site" / "index.html").read_bytes()
    write_copy(content)
    assert build(content, sample_project, "--strict-duplicates") == 1
    err = capsys.readouterr().err
    assert "Không dựng trang vì --strict-duplicates; trang cũ trong" in err
    assert (sample_project / "site" / "index.html").read_bytes() == before
    assert not (sample_project / "site" / "sang-kien" / COPY.lower()).exists()
    # The engine's pages, made while screening went on, were not left staged beside the site.
    assert [p.name for p in sample_project.iterdir() if p.name.startswith("site.")] == []
    # Without the flag the build warns and goes on; the pair is not offered as "related" either way. The pages,
    # made with the last build's near-duplicates, are made again, and the engine's first run dropped.
    assert build(content, sample_project) == 0
    assert "Cảnh báo: 1 cặp sáng kiến gần trùng" in capsys.readouterr().err
    assert [p.name for p in sample_project.iterdir() if p.name.startswith("site.")] == []
    for one, other in ((ORIGINAL, COPY), (COPY, ORIGINAL)):
        page = (sample_project / "site" / "sang-kien" / one.lower() / "index.html").read_text(encoding="utf-8")
        assert f"sang-kien/{other.lower()}/" not in page


# --- decisions ---------------------------------------------------------------------------------------------


def test_a_pair_decided_distinct_is_not_reported_again(content_copy, capsys):
    write_copy(content_copy)
    decide(content_copy, f"# Hai đơn vị cùng áp dụng\n- ids: [{ORIGINAL.lower()}, {COPY}]\n  distinct: true\n")
    found = screen(content_copy)
    assert found.pairs == [] and [p.ids for p in found.decided] == [frozenset((ORIGINAL.lower(), COPY.lower()))]
    assert cli.main(["check", "--content", str(content_copy), "--strict-duplicates"]) == 0
    assert "trùng lặp" not in capsys.readouterr().err


def test_a_cluster_decided_distinct_silences_each_of_its_pairs(content_copy):
    write_copy(content_copy)
    write_copy(content_copy, "QN-2024-0998", province="Quảng Ninh")
    decide(content_copy, f"- ids: [{ORIGINAL}, {COPY}, QN-2024-0998]\n  distinct: true\n  note: Ba đơn vị khác nhau.\n")
    assert screen(content_copy).pairs == []


def test_a_copy_is_published_nowhere(content_copy, tmp_path, capsys):
    write_copy(content_copy)
    decide(content_copy, f"- ids: [{COPY}]\n  copy-of: {ORIGINAL}\n")
    loaded = load_content(content_copy)
    assert loaded.problems == [] and loaded.copies == 1
    assert COPY not in {i.id for i in loaded.catalogue.initiatives + loaded.pending}
    assert build(content_copy, tmp_path) == 0
    out = capsys.readouterr()
    assert "1 bản sao (không công bố)" in out.out and "trùng lặp" not in out.err
    site = tmp_path / "site"
    assert not (site / "sang-kien" / COPY.lower()).exists()
    # Not on its province's page, in the search index, the open data, the feeds or the sitemap: nowhere.
    holding = [str(path.relative_to(site)) for path, text in site_texts(site) if re.search(COPY, text, re.I)]
    assert holding == []
    assert (site / "tinh-thanh" / "da-nang" / "index.html").exists()


def test_a_story_citing_a_copy_is_an_error(content_copy):
    write_copy(content_copy)
    decide(content_copy, f"- ids: [{COPY}]\n  copy-of: {ORIGINAL}\n")
    story = content_copy / "stories" / "ban-sao.md"
    story.write_text(
        f"---\ntitle: Chuyện\ndate: 2024-05-01\nsummary: Tóm tắt.\ninitiatives: [{COPY}]\n---\nNội dung.\n",
        encoding="utf-8",
    )
    assert [str(p) for p in load_content(content_copy).problems] == [
        f'content/stories/ban-sao.md:5: initiatives.0: sáng kiến "{COPY}" không được công bố: là bản sao của '
        f'"{ORIGINAL}" (decisions/duplicates.yaml)'
    ]


def test_every_problem_of_the_decisions_file_is_reported_with_its_line(content_copy):
    write_copy(content_copy)
    decide(
        content_copy,
        f"""\
- ids: [{ORIGINAL}, KHONG-CO-0001]
  distinct: true
- ids: [{COPY}]
- ids: [{COPY}]
  copy-of: {COPY}
- ids: [{ORIGINAL}]
  distinct: true
- ids: [{COPY}]
  copy-of: KHONG-CO-0002
  ghi_chu: sai tên trường
- ids: [{COPY}]
  distinct: true
  copy-of: {ORIGINAL}
- ids: ["mã có dấu"]
  distinct: maybe
- "không phải một bảng"
""",
    )
    assert [str(p) for p in load_content(content_copy).problems] == [
        'content/decisions/duplicates.yaml:1: 0.ids.1: không có sáng kiến "KHONG-CO-0001" («KHONG-CO-0001»)',
        "content/decisions/duplicates.yaml:3: 1: cần distinct: true (các sáng kiến khác nhau) hoặc copy-of: MÃ "
        "(là bản sao của sáng kiến MÃ)",
        f'content/decisions/duplicates.yaml:5: 2.copy-of: "{COPY}" không thể là bản sao của chính nó',
        "content/decisions/duplicates.yaml:6: 3.ids: cần ít nhất hai mã khác nhau để ghi là khác nhau",
        # A field that is wrong does not hide an unknown id of the same entry.
        'content/decisions/duplicates.yaml:9: 4.copy-of: không có sáng kiến "KHONG-CO-0002" («KHONG-CO-0002»)',
        "content/decisions/duplicates.yaml:10: 4.ghi_chu: trường không được hỗ trợ",
        "content/decisions/duplicates.yaml:13: 5.copy-of: chỉ ghi một trong hai: distinct hoặc copy-of",
        "content/decisions/duplicates.yaml:14: 6.ids.0: mã chỉ gồm chữ không dấu, số và dấu gạch ngang, "
        "dài 3–64 ký tự («mã có dấu»)",
        "content/decisions/duplicates.yaml:15: 6.distinct: phải là true hoặc false («maybe»)",
        "content/decisions/duplicates.yaml:16: 7: phải là một bảng trường: giá trị («không phải một bảng»)",
    ]


def test_a_copy_said_to_copy_two_records_and_a_contradiction_are_reported(content_copy):
    write_copy(content_copy)
    decide(
        content_copy,
        f"- ids: [{COPY}]\n  copy-of: {ORIGINAL}\n- ids: [{COPY}]\n  copy-of: HN-2023-0105\n"
        f"- ids: [{ORIGINAL}, {COPY}]\n  distinct: true\n",
    )
    found = [str(p) for p in load_content(content_copy).problems]
    assert found == [
        f'content/decisions/duplicates.yaml:1: (tệp): "{COPY.lower()}" vừa là bản sao của "{ORIGINAL}" vừa được ghi '
        f'là khác "{ORIGINAL}"',
        f'content/decisions/duplicates.yaml:3: 1.ids.0: "{COPY}" đã được ghi là bản sao của "{ORIGINAL}", nay lại là '
        'bản sao của "HN-2023-0105"',
    ]


def test_a_decisions_file_of_the_wrong_shape_or_with_comments_only(content_copy):
    path = decide(content_copy, "# Chưa có quyết định nào.\n")
    assert load_content(content_copy).problems == []
    path.write_text("ids: [a, b]\n", encoding="utf-8")
    assert [str(p) for p in load_content(content_copy).problems] == [
        "content/decisions/duplicates.yaml:1: (tệp): nội dung phải là một danh sách (mỗi mục bắt đầu bằng -)"
    ]
    path.write_text(f"- ids: [{ORIGINAL}, HN-2023-0105]\n  distinct: true\n  distinct: true\n", encoding="utf-8")
    assert [str(p) for p in load_content(content_copy).problems] == [
        'content/decisions/duplicates.yaml:3: 0.distinct: trường "distinct" bị lặp: dòng 2 và dòng 3'
    ]


# --- the editors' report ---------------------------------------------------------------------------------------

HOSTILE_TITLE = '=HYPERLINK("http://x") <script>alert("x")</script> \x1b[31m'


@pytest.fixture
def reported(content_copy, tmp_path, capsys):
    write_copy(content_copy, title=HOSTILE_TITLE, summary='=HYPERLINK("http://x","xem") <img src=x onerror=alert(1)>')
    csv_path, html_path = tmp_path / "bao-cao.csv", tmp_path / "bao-cao.html"
    code = cli.main(
        [
            "duplicates",
            "--content",
            str(content_copy),
            "--docs-dir",
            str(tmp_path / "build" / "docs"),
            "--csv",
            str(csv_path),
            "--html",
            str(html_path),
            "--quiet",
        ]
    )
    return code, capsys.readouterr(), csv_path, html_path


def test_the_terminal_table_names_both_records_their_units_places_and_dates(reported):
    code, out, _, _ = reported
    assert code == 0
    assert "Độ trùng" in out.out and "Có trước" in out.out and "Có sau" in out.out
    assert f"{ORIGINAL} · 15/08/2022" in out.out and f"{COPY} · 01/03/2024" in out.out
    assert "Công ty TNHH Cơ khí Chính xác Đông Anh" in out.out and "Công ty CP Cơ khí Sông Hàn" in out.out
    assert "Hà Nội" in out.out and "Đà Nẵng" in out.out
    assert "Đoạn trùng: «" in out.out and "\x1b" not in out.out
    assert "1 cặp gần trùng chưa có quyết định trong 1 cụm (độ trùng từ 70%)" in out.out


def test_strict_report_fails_while_a_pair_is_undecided(content_copy, tmp_path):
    write_copy(content_copy)
    args = ["duplicates", "--content", str(content_copy), "--docs-dir", str(tmp_path / "docs"), "--quiet"]
    assert cli.main([*args, "--strict"]) == 1
    decide(content_copy, f"- ids: [{COPY}]\n  copy-of: {ORIGINAL}\n")
    assert cli.main([*args, "--strict"]) == 0


def test_the_csv_reads_back_with_its_bom_and_defused_formulas(reported):
    _, _, csv_path, _ = reported
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 1
    row = rows[0]
    assert row["Cụm"] == "1" and int(row["Độ trùng"].rstrip("%")) >= 70
    assert row["Mã (trước)"] == ORIGINAL and row["Mã (sau)"] == COPY
    assert row["Tỉnh, thành (trước)"] == "Hà Nội" and row["Tỉnh, thành (sau)"] == "Đà Nẵng"
    assert row["Ngày công nhận (trước)"] == "15/08/2022" and row["Ngày công nhận (sau)"] == "01/03/2024"
    assert row["Tệp (sau)"] == f"content/initiatives/{COPY.lower()}.yml"
    assert row["Tên sáng kiến (sau)"].startswith("'=HYPERLINK(")
    assert len(row["Đoạn trùng"].split()) >= 10


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.links += [v for k, v in attrs if k in ("href", "src") and v]

    def handle_data(self, data):
        self.text.append(data)


def test_the_html_report_escapes_what_records_say_and_loads_nothing(reported):
    _, _, _, html_path = reported
    page = html_path.read_text(encoding="utf-8")
    parsed = _Page()
    parsed.feed(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert parsed.links == []  # no external file: a standalone page
    text = "".join(parsed.text)
    assert '<script>alert("x")</script>' in text and "<img src=x onerror=alert(1)>" in text
    assert f"- ids: [{ORIGINAL}, {COPY}]\n  distinct: true" in text
    assert f"- ids: [{COPY}]\n  copy-of: {ORIGINAL}" in text
    assert "Cụm 1 · 1 cặp" in text


def test_a_threshold_is_a_share_written_with_a_dot_or_a_comma(content_copy, tmp_path, capsys):
    args = ["duplicates", "--content", str(content_copy), "--docs-dir", str(tmp_path / "docs"), "--quiet"]
    assert cli.main([*args, "--threshold", "0,95"]) == 0
    assert "(độ trùng từ 95%)" in capsys.readouterr().out
    with pytest.raises(SystemExit) as stop:
        cli.main([*args, "--threshold", "2"])
    assert stop.value.code == 2
    assert "tham số --threshold: phải là số từ 0,3 đến 1 («2»)" in capsys.readouterr().err


# --- incremental --------------------------------------------------------------------------------------------


def test_sketches_are_computed_once_per_text_and_survive_a_broken_cache(content_copy, tmp_path):
    records = load_content(content_copy).catalogue.initiatives
    cache = SketchCache(tmp_path)
    first = cache.sketches(records)
    cache.save()
    assert cache.computed == len(records)
    again = SketchCache(tmp_path)
    second = again.sketches(records)
    assert again.computed == 0 and np.array_equal(first.minhash, second.minhash)
    write_copy(content_copy)
    more = load_content(content_copy).catalogue.initiatives
    third = SketchCache(tmp_path)
    mixed, fresh = third.sketches(more), SketchCache(None).sketches(more)  # the last build's rows and a new one
    assert third.computed == 1
    assert np.array_equal(mixed.keys, fresh.keys) and np.array_equal(mixed.minhash, fresh.minhash)
    for part in ("trigrams", "bigrams"):
        for field in ("values", "offsets"):
            assert np.array_equal(getattr(getattr(mixed, part), field), getattr(getattr(fresh, part), field))
    (tmp_path / "sketches.arrays").write_bytes(b"not a cache")
    broken = SketchCache(tmp_path)
    assert np.array_equal(broken.sketches(records).minhash, first.minhash) and broken.computed == len(records)


def test_a_new_texts_minhash_left_for_later_is_the_one_worked_out_at_once(content_copy, tmp_path):
    # A warm build leaves a new text's MinHash to the process that screens: it must be the same, and be kept.
    records = load_content(content_copy).catalogue.initiatives
    cache = SketchCache(tmp_path)
    cache.sketches(records)
    cache.save()
    write_copy(content_copy)
    more = load_content(content_copy).catalogue.initiatives
    eager, later = SketchCache(tmp_path).sketches(more), SketchCache(tmp_path)
    unsigned = later.sketches(more, sign_later=True)
    assert later.computed == 1 and len(later.unsigned) == 1
    assert not unsigned.minhash[later.unsigned[0]].any()
    assert np.array_equal(unsigned.bigrams.values, eager.bigrams.values)
    assert np.array_equal(later.signed().minhash, eager.minhash)
    later.sketches(more, sign_later=True)
    later.save()
    assert np.array_equal(SketchCache(tmp_path).sketches(more).minhash, eager.minhash)


def test_a_records_sketch_key_is_kept_by_its_digest_under_one_generation(content_copy, tmp_path, monkeypatch):
    from generator.catalogue.similarity import signatures

    records = load_content(content_copy).catalogue.initiatives
    cache = SketchCache(tmp_path, "generation 1")
    first = cache.sketches(records)
    cache.save()
    worked_out: list[str] = []
    key = signatures.key
    monkeypatch.setattr(signatures, "key", lambda i: (worked_out.append(i.id), key(i))[1])
    again = SketchCache(tmp_path, "generation 1")
    assert np.array_equal(again.sketches(records).keys, first.keys) and worked_out == []
    # Another generation (code or taxonomies changed): every key is worked out again.
    other = SketchCache(tmp_path, "generation 2")
    assert np.array_equal(other.sketches(records).keys, first.keys) and len(worked_out) == len(records)


# --- related initiatives ---------------------------------------------------------------------------------------


def test_related_never_offers_the_same_organisation_or_an_excluded_pair(planted):
    content, copies, _ = planted
    cat = load_content(content).catalogue
    sketches = SketchCache(None).sketches(cat.initiatives)
    near = truth(copies)
    found = relating.related(
        cat.initiatives, sketches.bigrams, lambda a, b: frozenset((a.id.lower(), b.id.lower())) in near
    )
    assert len(found) > 0.9 * len(cat.initiatives)
    for i in cat.initiatives:
        others = found.get(i.id, ())
        assert len(others) <= relating.LIMIT and i not in others
        assert all(o.organization_key != i.organization_key for o in others)
        assert all(frozenset((i.id.lower(), o.id.lower())) not in near for o in others)
    # Without the exclusion, a copy sent in by another unit is offered: it is the most similar record of all.
    unfiltered = relating.related(cat.initiatives, sketches.bigrams, lambda a, b: False)
    by_id = {i.id: i for i in cat.initiatives}
    elsewhere = [p for p in copies if by_id[p.original].organization_key != by_id[p.copy].organization_key]
    assert elsewhere
    for p in elsewhere:
        assert unfiltered[p.original][0] is by_id[p.copy] or unfiltered[p.copy][0] is by_id[p.original]


def test_related_kept_from_the_last_build_equal_related_computed_afresh(planted, tmp_path, monkeypatch):
    """A few texts changed: only the rows whose scores can move are scored again, and the result is exactly the
    one computed from nothing."""
    content, _, _ = planted
    # As among 10^5 records: bigrams held by more than a handful of records are not compared on.
    monkeypatch.setattr(relating, "MAX_DF", 4)
    items = load_content(content).catalogue.initiatives
    bigrams = SketchCache(None).sketches(items).bigrams
    relating.related(items, bigrams, lambda a, b: False, cache=tmp_path)  # the last build's pools
    rows = [bigrams.row(k) for k in range(len(items))]
    rows[3] = np.union1d(rows[3][1:], [12345])  # a word mistyped: a bigram gone, a new one
    rows[57] = rows[57][:-1]  # a word taken out
    rows[120] = np.union1d(rows[120], rows[121][:2])  # words of another added
    edited = Ragged.of(rows)
    scored: list[int] = []
    score = relating._score
    monkeypatch.setattr(
        relating, "_score", lambda m, todo, pools, progress: (scored.append(len(todo)), score(m, todo, pools, progress))
    )
    kept = relating.related(items, edited, lambda a, b: False, cache=tmp_path)
    assert 3 <= scored[-1] < len(items) / 2
    fresh = relating.related(items, edited, lambda a, b: False)
    assert {k: [i.id for i in v] for k, v in kept.items()} == {k: [i.id for i in v] for k, v in fresh.items()}
    relating.related(items, edited, lambda a, b: False, cache=tmp_path)
    assert scored[-1] == 0  # nothing changed since


@pytest.fixture(scope="module")
def planted_bigrams(planted):
    everything = load_content(planted[0]).catalogue.initiatives
    return everything, SketchCache(None).sketches(everything).bigrams


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_related_kept_when_records_come_and_go_equal_related_computed_afresh(planted_bigrams, tmp_path_factory, data):
    """One initiative approved, others withdrawn, the rest in another order, a text edited: the pools kept from
    the last build, renumbered, give exactly the related initiatives computed from nothing; for the same records
    in another order, most rows are not scored again."""
    everything, bigrams = planted_bigrams
    n = len(everything)
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    first = rng.permutation(n)[: n - data.draw(st.integers(0, 3))].tolist()  # records of the last build
    second = first if data.draw(st.booleans()) else rng.permutation(n).tolist()
    second = second[: len(second) - data.draw(st.integers(0, 3))]  # and of this one
    rows = [bigrams.row(k) for k in range(n)]
    edited = data.draw(st.sampled_from(second))
    after = [*rows]
    after[edited] = np.union1d(rows[edited][1:], [12345]).astype(np.uint32)
    folder = tmp_path_factory.mktemp("pools")
    with pytest.MonkeyPatch.context() as patch:
        # As among 10^5 records: bigrams held by more than a handful of records are not compared on.
        patch.setattr(relating, "MAX_DF", 4)
        pick = lambda order, texts: ([everything[k] for k in order], Ragged.of([texts[k] for k in order]))  # noqa: E731
        relating.related(*pick(first, rows), lambda a, b: False, cache=folder)  # the last build's pools
        scored: list[int] = []
        score = relating._score
        counted = lambda m, todo, pools, progress: (scored.append(len(todo)), score(m, todo, pools, progress))  # noqa: E731
        patch.setattr(relating, "_score", counted)
        kept = relating.related(*pick(second, after), lambda a, b: False, cache=folder)
        fresh = relating.related(*pick(second, after), lambda a, b: False)
    assert {k: [i.id for i in v] for k, v in kept.items()} == {k: [i.id for i in v] for k, v in fresh.items()}
    if set(first) == set(second):  # the same records, in another order: one text's neighbours scored again
        assert scored[0] < len(second) / 2


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_ragged_rows_taken_are_those_asked_for(data):
    # A warm build asks for the last build's rows in order with a few moved or new (copied run by run); others
    # for rows in any order (gathered value by value).
    lengths = data.draw(st.lists(st.integers(0, 5), min_size=1, max_size=60))
    rows = [np.arange(n, dtype=np.uint32) + 10 * k for k, n in enumerate(lengths)]
    if data.draw(st.booleans()):
        order = list(range(len(rows)))
        for _ in range(data.draw(st.integers(0, 3))):
            order.append(order.pop(data.draw(st.integers(0, len(order) - 1))))
    else:
        order = data.draw(st.lists(st.integers(0, len(rows) - 1), max_size=80))
    taken = Ragged.of(rows).take(np.array(order, dtype=np.int64))
    assert [taken.row(k).tolist() for k in range(len(order))] == [rows[k].tolist() for k in order]
    # The same rows from two sources (the last build's sketches, then the new texts'), none of them copied whole.
    cut = data.draw(st.integers(0, len(rows)))
    first, then = Ragged.of(rows[:cut]), Ragged.of(rows[cut:])
    both = first.take(np.array(order, dtype=np.int64), then)
    assert [both.row(k).tolist() for k in range(len(order))] == [rows[k].tolist() for k in order]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.integers(0, 2**32 - 1), max_size=8), min_size=1, max_size=30), st.integers(1, 4))
def test_hashed_rows_are_each_rows_values_cut_and_made_distinct(rows, bits):
    """Feature hashing keeps each row to itself: a row's first value counts however the row before it ended, and an
    empty row stays empty (few bits, so that cut values meet within and across rows)."""
    sets = [np.unique(np.array(row, dtype=np.uint32)) for row in rows]
    hashed = Ragged.of(sets).hashed(bits)
    assert [hashed.row(k).tolist() for k in range(len(sets))] == [
        np.unique(row >> np.uint32(32 - bits)).tolist() for row in sets
    ]


@pytest.mark.parametrize("seed", range(6))
def test_changed_rows_are_the_rows_that_differ(seed):
    """Edited rows, among rows that stay in order, records withdrawn (rows gone) and new ones (no row before)."""
    rng = np.random.default_rng(seed)

    def row() -> np.ndarray:
        return np.sort(rng.choice(50, size=rng.integers(0, 6), replace=False)).astype(np.uint32)

    rows = [row() for _ in range(300)]
    kept = sorted(rng.choice(300, size=300 - seed * 7, replace=False).tolist())  # the others withdrawn
    last = np.array(kept, dtype=np.int64)
    edited = [rows[k] for k in kept]
    for k in rng.choice(len(edited), size=40, replace=False):
        edited[k] = row()
    for at in sorted(rng.choice(len(edited), size=seed * 3, replace=False).tolist(), reverse=True):
        edited.insert(at, row())  # a new record
        last = np.insert(last, at, -1)
    naive = [k for k in range(len(edited)) if last[k] < 0 or not np.array_equal(rows[last[k]], edited[k])]
    assert relating._changed_rows(Ragged.of(rows), last, Ragged.of(edited)).tolist() == naive


def test_a_pool_gives_its_best_allowed_rows_ties_of_one_score_by_id():
    # Stored as (−score, row); rows 4 and 1 tie, and so do 3 and 0 past the limit: ids decide, not rows.
    scores, rows = [-0.9, -0.5, -0.5, -0.3, -0.3, -0.1], [2, 1, 4, 0, 3, 5]
    ids = ["e", "d", "a", "c", "b", "f"]
    best = relating._best(scores, rows, 0, 6, lambda row: row != 2, 3, ids)
    assert best == [4, 1, 3]  # 2 not allowed; 4 ("b") before 1 ("d"); then 3 ("c") before 0 ("e")


def _related_links(page: Path) -> list[tuple[str, str]]:
    """(address, organisation) of each card in the page's "Sáng kiến tương tự" section."""
    html = page.read_text(encoding="utf-8")
    section = re.search(r'<section class="ms-related".*?</section>', html, re.S)
    if not section:
        return []
    assert "data-pagefind-ignore" in section.group(0)
    return re.findall(
        r'<h3 class="ms-card__title"><a href="([^"]+)">.*?</a></h3>\s*<p class="ms-card__org">([^<]*)</p>',
        section.group(0),
    )


def test_built_pages_link_similar_initiatives_of_other_organisations(site, catalogue):
    pages = sorted((site / "sang-kien").glob("*/index.html"))
    linked = {page.parent.name: _related_links(page) for page in pages}
    assert sum(bool(v) for v in linked.values()) >= 10
    by_id = {i.id.lower(): i for i in catalogue.initiatives}
    for slug, links in linked.items():
        own = by_id[slug].record.organization
        assert 0 <= len(links) <= 5
        for href, org in links:
            assert href.startswith("../") and href.rstrip("/").split("/")[-1] != slug
            assert own is None or org != own.name
    page = (site / "sang-kien" / "hn-2022-0012" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="sang-kien-tuong-tu">Sáng kiến tương tự</h2>' in page or not linked["hn-2022-0012"]


def test_a_warm_build_re_renders_pages_whose_related_list_changed_and_matches_a_cold_one(sample_project, tmp_path):
    content = sample_project / "content"
    site = sample_project / "site"
    pages = {p.parent.name: _related_links(p) for p in (site / "sang-kien").glob("*/index.html")}
    # A record that another page links to, and that page: removing the record changes that page's list.
    target, holder = next(
        (href.rstrip("/").split("/")[-1], slug) for slug, links in sorted(pages.items()) for href, _ in links
    )
    (next((content / "initiatives").rglob(f"{target}.yml"))).unlink()
    assert build(content, sample_project, "--metrics", str(sample_project / "metrics.json")) == 0
    metrics = json.loads((sample_project / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["warm"]
    after = _related_links(site / "sang-kien" / holder / "index.html")
    assert target not in {href.rstrip("/").split("/")[-1] for href, _ in after}
    fresh = tmp_path / "fresh"
    shutil.copytree(content, fresh / "content")
    assert build(fresh / "content", fresh) == 0

    def files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    assert files(site) == files(fresh / "site")


@pytest.mark.parametrize("width", [1280, 360])
def test_related_links_in_chromium_fit_the_screen_and_lead_to_their_pages(browser, server, site, width):
    from .chromium import open_page

    slug = next(p.parent.name for p in sorted((site / "sang-kien").glob("*/index.html")) if _related_links(p))
    page, seen = open_page(browser, f"{server}sang-kien/{slug}/", width)
    try:
        assert seen["errors"] == []
        section = page.locator("section.ms-related")
        section.scroll_into_view_if_needed()
        assert section.locator("h2").inner_text() == "Sáng kiến tương tự" and section.is_visible()
        cards = section.locator(".ms-card")
        assert 1 <= cards.count() <= 5
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width
        box = cards.first.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        title = cards.first.locator("h3 a").inner_text()
        cards.first.locator("h3 a").click()
        page.wait_for_selector("h1")
        assert page.locator("h1").first.inner_text() == title
    finally:
        page.close()


@settings(max_examples=300, deadline=None)
@given(hnp.arrays(st.sampled_from([np.uint32, np.int64]), st.integers(0, 300), elements=st.integers(0, 40)))
def test_distinct_values_are_what_np_unique_gives(values):
    """Candidate pairs, hashes and rows are made distinct by sorting alone: the same values, order and type."""
    got, expected = distinct(values), np.unique(values)
    assert got.dtype == expected.dtype and np.array_equal(got, expected)


@pytest.fixture(scope="module")
def planted_sketches(planted):
    content, _, _ = planted
    loaded = load_content(content)
    return SketchCache(None).sketches(loaded.catalogue.initiatives + loaded.pending)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_shared_weights_kept_from_the_last_build_equal_those_worked_out_afresh(planted_sketches, data):
    """A warm build takes each candidate pair's shared weight from the last build unless it can have moved: texts
    edited (a word mistyped, one taken out, another's words added, all rewritten, or another's copied), records
    reordered (one approved, one withdrawn) or one gone; the result is exactly the one worked out from nothing."""
    from generator.catalogue.similarity import candidates, scoring
    from generator.catalogue.similarity.signatures import Sketches

    before = planted_sketches
    n = len(before)
    weighted = scoring.Weighted(before.trigrams)
    found = candidates.pairs(before.minhash, before.trigrams.lengths > 0)
    kept = scoring.Kept(before.keys, found, weighted.shared(found))
    rows = [before.trigrams.row(k) for k in range(n)]
    keys, minhash = before.keys.copy(), before.minhash.copy()
    edited = data.draw(st.lists(st.integers(0, n - 1), max_size=4, unique=True))
    for k in edited:
        how = data.draw(st.sampled_from(["typo", "shorter", "borrowed", "rewritten", "copied"]))
        j = data.draw(st.integers(0, n - 1))
        other = rows[j]
        if how == "copied":  # word for word one in a candidate pair: a text the last build had, now held once more
            j = data.draw(st.sampled_from(sorted(set(found.ravel().tolist()))))
            rows[k], keys[k], minhash[k] = rows[j], keys[j], minhash[j]
            continue
        rows[k] = {
            "typo": np.union1d(rows[k][1:], [data.draw(st.integers(0, 2**32 - 1))]),
            "shorter": rows[k][:-1],
            "borrowed": np.union1d(rows[k], other[: len(other) // 2]),
            "rewritten": other,
        }[how].astype(np.uint32)
        keys[k] = f"edited-{k}".encode()
        minhash[k] = data.draw(st.sampled_from([minhash[k], before.minhash[(k + 1) % n]]))
    order = np.arange(n)
    if data.draw(st.booleans()):
        order = np.array(data.draw(st.permutations(list(range(n)))))
    if data.draw(st.booleans()):
        order = order[:-1]  # a record gone: every weight moves
    after = Sketches(keys, Ragged.of(rows), before.bigrams, minhash).take(order)
    weighted = scoring.Weighted(after.trigrams)
    pairs = candidates.pairs(after.minhash, after.trigrams.lengths > 0)
    asked: list[int] = []
    shared = weighted.shared

    def counted(p):
        asked.append(len(p))
        return shared(p)

    weighted.shared = counted  # type: ignore[method-assign]
    again = scoring.shared_again(weighted, pairs, after.keys, before, kept)
    assert np.array_equal(again, shared(pairs))
    if len(order) == n and not edited:  # the same texts in any order: every pair of two texts kept
        assert asked == [int(np.sum(after.keys[pairs[:, 0]] == after.keys[pairs[:, 1]]))]


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 60), st.integers(1, 3), st.integers(0, 2**32 - 1), st.data())
def test_candidate_pairs_are_every_pair_that_shares_a_band(n, values, seed, data):
    """Each pair of records whose signatures agree on a whole band, once, in order, as 32-bit rows: drawn from few
    values, so that most records share some band, and with a few records left out (no trigram)."""
    from generator.catalogue.similarity import candidates

    minhash = np.random.default_rng(seed).integers(0, values, size=(n, 256)).astype(np.uint32)
    usable = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    bands = minhash.reshape(n, candidates.BANDS, candidates.ROWS)
    expected = [(i, j) for i in range(n) for j in range(i + 1, n)
                if usable[i] and usable[j] and (bands[i] == bands[j]).all(axis=1).any()]  # fmt: skip
    got = candidates.pairs(minhash, usable)
    assert got.dtype == np.int32 and [tuple(p) for p in got.tolist()] == expected


def test_scores_worked_out_in_parts_are_those_worked_out_at_once(planted_sketches, monkeypatch):
    """Candidate pairs are looked up and scored a few at a time at 10⁸ pairs; the parts give what the whole gives."""
    from generator.catalogue.similarity import candidates, scoring

    weighted = scoring.Weighted(planted_sketches.trigrams)
    found = candidates.pairs(planted_sketches.minhash, planted_sketches.trigrams.lengths > 0)
    shared = weighted.shared(found)
    whole = scoring.score(weighted, found, shared)
    near = np.flatnonzero((whole.score >= 0.75) | (whole.containment >= 0.5))
    monkeypatch.setattr(scoring, "_KEPT_CHUNK", 7)
    kept = scoring.Kept(planted_sketches.keys, found, shared)
    again = scoring.shared_again(weighted, found, planted_sketches.keys, planted_sketches, kept)
    rows, parts = scoring.reaching(weighted, found, again, 0.75)
    assert len(found) > 7 and 0 < len(near) < len(found)
    assert np.array_equal(again, shared) and np.array_equal(rows, near)
    assert np.array_equal(parts.score, whole.score[near]) and np.array_equal(parts.containment, whole.containment[near])


def test_words_in_order_are_taken_from_the_last_build_only_for_the_same_two_texts(planted, planted_sketches):
    """A warm build takes a pair's words-in-order share from the last build when both texts are the same, in the
    same order; a pair with an edited text (a new key) or its two texts the other way round is compared again."""
    from generator.catalogue.similarity import candidates, scoring, tokens

    content, _, _ = planted
    loaded = load_content(content)
    records = loaded.catalogue.initiatives + loaded.pending
    weighted = scoring.Weighted(planted_sketches.trigrams)
    found = candidates.pairs(planted_sketches.minhash, planted_sketches.trigrams.lengths > 0)
    rows, scores = scoring.reaching(weighted, found, weighted.shared(found), 0.3)
    pairs = found[rows].astype(np.int64)
    compared: list[int] = []

    def words(row: int) -> list[int]:
        compared.append(row)
        return tokens.words(records[row].record)

    first = scoring.with_order(scores, pairs, words, 0.3, planted_sketches.keys)
    assert len(first.values) > 2 and first.values.max() > 0 and compared
    worked_out = scores.in_order.copy()
    keys = planted_sketches.keys.copy()
    edited, turned = pairs[0, 0], 1  # a text edited; a pair whose texts come the other way round
    keys[edited] = b"edited"
    known = scoring.Orders(first.keys.copy(), first.values + 1)  # marked, to tell taken values from compared ones
    known.keys[turned] = known.keys[turned, ::-1]
    compared.clear()
    again = scoring.with_order(scores, pairs, words, 0.3, keys, known)
    fresh = (pairs == edited).any(axis=1)
    fresh[turned] = True
    todo = np.flatnonzero(scoring._may_reach(scores, 0.3))
    assert np.array_equal(todo, np.arange(len(pairs)))  # `reaching` kept those alone: kept rows are pairs' rows
    assert np.array_equal(scores.in_order[todo][fresh[todo]], worked_out[todo][fresh[todo]])
    assert np.array_equal(scores.in_order[todo][~fresh[todo]], worked_out[todo][~fresh[todo]] + 1)
    assert set(compared) == set(pairs[todo][fresh[todo]].ravel().tolist())
    assert np.array_equal(again.values, scores.in_order[todo])
