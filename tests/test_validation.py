"""Reading and checking hostile or careless content: every problem in one pass with its value, YAML that
means what was written, files that cannot be read, bounds, and the command line around them."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image

from generator import cli
from generator.catalogue.cache import RecordCache
from generator.content import schema, validate
from generator.content.source import parse_yaml
from generator.content.validate import load_content
from generator.pages.site_pages import initiative_card
from generator.render.writer import Writer

from .conftest import GOOD, ROOT, build


def write(content: Path, name: str, text: str) -> Path:
    path = content / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(content: Path) -> list[str]:
    return [str(p) for p in load_content(content).problems]


def story(summary: str = "Tóm tắt.", extra: str = "", body: str = "Nội dung.\n") -> str:
    return f"---\ntitle: Chuyện\ndate: 2023-01-01\nsummary: {summary}\n{extra}---\n{body}"


# --- stages: one pass, every problem, each value quoted -----------------------------------------------------


def test_a_schema_error_hides_no_other_problem_and_every_value_is_quoted(content):
    write(
        content,
        "initiatives/a.yml",
        GOOD.replace("2023-01-05", "2022-02-30")
        .replace("Nghệ An", "Tỉnh Ma")
        .replace("Một câu tóm tắt.", "Gọi 0912 345 678.")
        + "organization:\n  name: Công ty A\n  kind: câu lạc bộ\n",
    )
    assert problems(content) == [
        (
            "content/initiatives/a.yml:3: summary: có số điện thoại («0912 345 678»); "
            "thông tin cá nhân không được đăng (chỉ press_contact được ghi số điện thoại, thư điện tử)"
        ),
        "content/initiatives/a.yml:5: approved_on: ngày 30/02/2022 không tồn tại («2022-02-30»)",
        # "Tỉnh Ma" shares no word with Cà Mau: nothing is suggested rather than a wrong province.
        "content/initiatives/a.yml:6: province: không có trong danh mục tỉnh, thành («Tỉnh Ma»)",
        (
            "content/initiatives/a.yml:10: organization.kind: không có trong danh mục loại đơn vị («câu lạc bộ»; "
            "có: Doanh nghiệp (doanh-nghiep), Cơ quan (co-quan), Trường học (truong-hoc), Bệnh viện (benh-vien), "
            "Hợp tác xã (hop-tac-xa), Đơn vị khác (khac))"
        ),
    ]


def test_photos_programme_withheld_names_and_missing_date_are_checked_beside_a_failing_field(content):
    write(
        content,
        "initiatives/a.yml",
        GOOD.replace("approved_on: 2023-01-05\n", "")
        + textwrap.dedent("""\
        featured: maybe
        programme: khong-co
        authors:
          - name: Trần Bí Mật
            consent_public: false
        images:
          - file: khong-co.jpg
            alt: Anh Trần Bí Mật bên máy
        """),
    )
    found = problems(content)
    assert found == [
        "content/initiatives/a.yml:1: approved_on: bắt buộc khi status là approved",
        "content/initiatives/a.yml:7: featured: phải là true hoặc false («maybe»)",
        (
            "content/initiatives/a.yml:8: programme: không có trong danh mục phong trào («khong-co»; "
            "có: 75-nghin-sang-kien, mot-trieu-sang-kien)"
        ),
        "content/initiatives/a.yml:13: images.0.file: không tìm thấy tệp ảnh trong content/media/ («khong-co.jpg»)",
        (
            "content/initiatives/a.yml:14: images.0.alt: nêu tên «Trần Bí Mật», tác giả chưa đồng ý công khai tên "
            "(consent_public)"
        ),
    ]


def test_a_story_with_a_bad_field_still_has_its_references_and_body_checked(content):
    write(
        content,
        "stories/s.md",
        story(summary="[một, danh sách]", extra="initiatives: [KHONG-CO-0001]\n", body="Gọi 0912345678.\n"),
    )
    assert problems(content) == [
        "content/stories/s.md:4: summary: phải là văn bản",
        'content/stories/s.md:5: initiatives.0: không có sáng kiến "KHONG-CO-0001"',
        (
            "content/stories/s.md:7: (nội dung): có số điện thoại («0912345678»); thông tin cá nhân không được đăng "
            "(chỉ press_contact được ghi số điện thoại, thư điện tử)"
        ),
    ]


def test_long_values_are_shortened_and_invisible_characters_kept_out_of_messages(content):
    write(
        content,
        "initiatives/a.yml",
        GOOD.replace("title: Sáng kiến thử nghiệm", 'title: "' + "x" * 600 + '"')
        .replace("province: Nghệ An", 'province: ["a"]')
        .replace("sector: C", 'sector: "\\e[31mC\\nD"'),
    )
    found = problems(content)
    assert f"content/initiatives/a.yml:2: title: quá dài (600 ký tự; tối đa 500) («{'x' * 59}…»)" in found
    assert "content/initiatives/a.yml:6: province: phải là văn bản" in found
    assert "content/initiatives/a.yml:7: sector: không có trong danh mục lĩnh vực («[31mC D»)" in found


# --- YAML that would mean something else ------------------------------------------------------------------


def test_a_key_written_twice_is_an_error_naming_both_lines_and_the_record_is_not_published(content):
    write(
        content,
        "initiatives/a.yml",
        GOOD.replace("status: approved", "status: pending") + "status: approved\n"
        "authors:\n  - name: Trần Văn Ba\n    consent_public: false\n    consent_public: true\n",
    )
    loaded = load_content(content)
    assert [str(p) for p in loaded.problems] == [
        'content/initiatives/a.yml:8: status: trường "status" bị lặp: dòng 4 và dòng 8',
        'content/initiatives/a.yml:12: authors.0.consent_public: trường "consent_public" bị lặp: dòng 11 và dòng 12',
    ]
    assert loaded.catalogue.initiatives == [] and loaded.invalid == 1


@pytest.mark.parametrize(
    "line, expected",
    [
        ("benefit_vnd: 1:30:00", "benefit_vnd: phải là số nguyên (không có dấu chấm, chữ hay đơn vị) («1:30:00»)"),
        (
            "benefit_vnd: 0x3B9ACA00",
            "benefit_vnd: phải là số nguyên (không có dấu chấm, chữ hay đơn vị) («0x3B9ACA00»)",
        ),
        ("benefit_vnd: 0o17", "benefit_vnd: phải là số nguyên (không có dấu chấm, chữ hay đơn vị) («0o17»)"),
        ("benefit_vnd: 1_000", "benefit_vnd: phải là số nguyên (không có dấu chấm, chữ hay đơn vị) («1_000»)"),
        ("featured: yes", "featured: phải là true hoặc false («yes»)"),
        ("featured: on", "featured: phải là true hoặc false («on»)"),
        ("featured: 'true'", "featured: phải là true hoặc false («true»)"),
        ("<<: {featured: true}", "<<: trường không được hỗ trợ"),
    ],
)
def test_yaml_1_1_forms_are_text_and_refused_with_their_value(content, line, expected):
    write(content, "initiatives/a.yml", GOOD + line + "\n")
    assert problems(content) == [f"content/initiatives/a.yml:8: {expected}"]


def test_core_schema_scalars_are_read_as_yaml_1_2_says():
    data = parse_yaml(
        "a: 1:30:00\nb: 0x10\nc: 0o17\nd: yes\ne: TRUE\nf: False\ng: ~\nh:\ni: 017\nj: -12\n"
        "k: 1e3\nl: .inf\nm: 2022-02-30\nn: Null\n"
    ).data
    assert data == {
        "a": "1:30:00",
        "b": "0x10",
        "c": "0o17",
        "d": "yes",
        "e": True,
        "f": False,
        "g": None,
        "h": None,
        "i": 17,
        "j": -12,
        "k": 1000.0,
        "l": float("inf"),
        "m": "2022-02-30",
        "n": None,
    }


def test_explicit_tags_follow_the_same_rules(content):
    write(content, "initiatives/a.yml", GOOD + "benefit_vnd: !!int 0x3B9ACA00\n")
    assert problems(content) == [
        ("content/initiatives/a.yml:8: (tệp): YAML không hợp lệ: «0x3B9ACA00» không phải số nguyên hợp lệ")
    ]


# --- dates ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, reason",
    [
        ("2022-02-30", "ngày 30/02/2022 không tồn tại («2022-02-30»)"),
        ("2023-02-29", "ngày 29/02/2023 không tồn tại («2023-02-29»)"),
        ("2022-13-01", "ngày 01/13/2022 không tồn tại («2022-13-01»)"),
        ("15/08/2022", "ngày phải viết dạng YYYY-MM-DD, ví dụ 2022-08-15 («15/08/2022»)"),
        ("20220815", "ngày phải viết dạng YYYY-MM-DD, ví dụ 2022-08-15 («20220815»)"),
        ("2022-08-15T10:00:00", "ngày phải viết dạng YYYY-MM-DD, ví dụ 2022-08-15 («2022-08-15T10:00:00»)"),
    ],
)
def test_dates_are_checked_as_days_of_the_calendar(content, written, reason):
    write(content, "initiatives/a.yml", GOOD.replace("2023-01-05", written))
    write(content, "stories/s.md", story().replace("2023-01-01", written))
    assert problems(content) == [
        f"content/initiatives/a.yml:5: approved_on: {reason}",
        f"content/stories/s.md:3: date: {reason}",
    ]


def test_a_leap_day_is_a_day(content):
    write(content, "initiatives/a.yml", GOOD.replace("2023-01-05", "2024-02-29"))
    assert problems(content) == []


# --- files that cannot be read ----------------------------------------------------------------------------


def _loops(content: Path) -> None:
    """Symlink loops: a file pointing at itself in each content folder, folders pointing at their parent,
    and a photo that is a loop, cited by an otherwise good record."""
    (content / "initiatives/loop.yml").symlink_to("loop.yml")
    (content / "initiatives/again").symlink_to("..")
    (content / "stories/loop.md").symlink_to("loop.md")
    (content / "stories/again").symlink_to(".")
    (content / "media/loop.jpg").symlink_to("loop.jpg")
    (content / "media/again").symlink_to(".")
    write(
        content,
        "initiatives/photo.yml",
        GOOD.replace("TEST-0001", "TEST-0002") + "images:\n  - file: again/again/loop.jpg\n    alt: Ảnh\n",
    )
    write(content, "initiatives/good.yml", GOOD)


LOOP_PROBLEMS = [
    "content/initiatives/loop.yml:1: (tệp): không đọc được tệp: vòng lặp liên kết tượng trưng (symlink)",
    (
        "content/initiatives/photo.yml:9: images.0.file: không đọc được tệp ảnh: vòng lặp liên kết tượng trưng "
        "(symlink) («again/again/loop.jpg»)"
    ),
    "content/stories/loop.md:1: (tệp): không đọc được tệp: vòng lặp liên kết tượng trưng (symlink)",
]


def test_symlink_loops_are_problems_of_their_records_in_check(content, capsys):
    _loops(content)
    assert cli.main(["check", "--content", str(content)]) == 1
    out = capsys.readouterr()
    assert out.err.splitlines() == LOOP_PROBLEMS
    assert "1 sáng kiến được công bố" in out.out and "3 tệp lỗi" in out.out


def test_symlink_loops_do_not_stop_build_skip_invalid(content, tmp_path):
    _loops(content)
    report = tmp_path / "skipped.txt"
    assert build(content, tmp_path, "--skip-invalid", "--report", str(report)) == 0
    assert report.read_text(encoding="utf-8").splitlines()[1:] == LOOP_PROBLEMS
    assert (tmp_path / "site/sang-kien/test-0001/index.html").is_file()
    assert not (tmp_path / "site/sang-kien/test-0002").exists()


def test_a_fifo_named_like_a_record_is_refused_without_waiting_for_a_writer(content):
    os.mkfifo(content / "initiatives/fifo.yml")
    os.mkfifo(content / "stories/fifo.md")
    write(content, "initiatives/good.yml", GOOD)
    loaded = load_content(content)
    reason = "(tệp): không đọc được tệp: không phải tệp thông thường (thư mục, FIFO hay thiết bị)"
    assert [str(p) for p in loaded.problems] == [
        f"content/initiatives/fifo.yml:1: {reason}",
        f"content/stories/fifo.md:1: {reason}",
    ]
    assert [i.id for i in loaded.catalogue.initiatives] == ["TEST-0001"]


def test_permission_errors_on_a_record_a_photo_or_a_folder_are_problems(content, monkeypatch):
    # Tests run as root, who may read anything: the operating system's refusal is simulated.
    Image.new("RGB", (40, 30)).save(content / "media/anh.jpg")
    write(content, "initiatives/locked.yml", GOOD)
    write(
        content,
        "initiatives/photo.yml",
        GOOD.replace("TEST-0001", "TEST-0002") + "images:\n  - file: anh.jpg\n    alt: Ảnh\n",
    )
    (content / "initiatives/closed").mkdir()
    write(content, "initiatives/closed/x.yml", GOOD.replace("TEST-0001", "TEST-0003"))
    write(content, "initiatives/good.yml", GOOD.replace("TEST-0001", "TEST-0004"))

    def refused(path):
        return PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    real_open, real_check, real_scandir = os.open, validate.photos.check, os.scandir

    def open_(path, *args, **kwargs):
        if str(path).endswith("locked.yml"):
            raise refused(path)
        return real_open(path, *args, **kwargs)

    def check(path):
        raise refused(path) if path.name == "anh.jpg" else real_check(path)

    def scandir(path="."):
        if str(path).endswith("closed"):
            raise refused(path)
        return real_scandir(path)

    monkeypatch.setattr("generator.content.source.os.open", open_)
    monkeypatch.setattr(validate.photos, "check", check)
    monkeypatch.setattr(os, "scandir", scandir)
    loaded = load_content(content)
    assert [str(p) for p in loaded.problems] == [
        "content/initiatives/closed:1: (thư mục): không đọc được thư mục: không có quyền đọc",
        "content/initiatives/locked.yml:1: (tệp): không đọc được tệp: không có quyền đọc",
        "content/initiatives/photo.yml:9: images.0.file: không đọc được tệp ảnh: không có quyền đọc («anh.jpg»)",
    ]
    assert [i.id for i in loaded.catalogue.initiatives] == ["TEST-0004"]


# --- bounds -----------------------------------------------------------------------------------------------


def test_lists_past_their_bound_are_refused_with_their_length(content):
    tags = "tags: [" + ", ".join(["t"] * 50_000) + "]\n"
    write(content, "initiatives/tags.yml", GOOD + tags)
    authors = "authors:\n" + "".join(f"  - name: Người {n}\n    consent_public: true\n" for n in range(31))
    write(content, "initiatives/authors.yml", GOOD.replace("0001", "0002") + authors)
    images = "images:\n" + "".join("  - file: a.jpg\n    alt: Ảnh\n" for _ in range(21))
    write(content, "initiatives/images.yml", GOOD.replace("0001", "0003") + images)
    write(content, "initiatives/long-tag.yml", GOOD.replace("0001", "0004") + "tags: [" + "x" * 61 + "]\n")
    refs = ", ".join(f"REF-{n:04d}" for n in range(51))
    write(content, "stories/s.md", story(extra=f"initiatives: [{refs}]\n"))
    assert problems(content) == [
        "content/initiatives/authors.yml:8: authors: quá nhiều mục (31; tối đa 30)",
        "content/initiatives/images.yml:8: images: quá nhiều mục (21; tối đa 20)",
        f"content/initiatives/long-tag.yml:8: tags.0: quá dài (61 ký tự; tối đa 60) («{'x' * 59}…»)",
        "content/initiatives/tags.yml:8: tags: quá nhiều mục (50.000; tối đa 20)",
        "content/stories/s.md:5: initiatives: quá nhiều mục (51; tối đa 50)",
    ]
    assert (schema.MAX_TAGS, schema.TAG_CHARS, schema.MAX_AUTHORS, schema.MAX_IMAGES, schema.MAX_STORY_INITIATIVES) == (
        20,
        60,
        30,
        20,
        50,
    )


# --- withheld names across the catalogue ------------------------------------------------------------------


def test_a_story_may_name_no_withheld_author_of_any_record_even_on_a_warm_build(content, tmp_path):
    write(content, "initiatives/a.yml", GOOD + "authors:\n  - name: Trần Bí Mật\n    consent_public: false\n")
    write(
        content,
        "initiatives/b.yml",
        GOOD.replace("0001", "0002").replace("status: approved", "status: pending")
        + "featured: maybe\nauthors:\n  - name: Lê Ẩn Danh\n",
    )  # invalid and pending: still withheld
    write(content, "initiatives/c.yml", GOOD.replace("0001", "0003"))
    write(
        content,
        "stories/s.md",
        story(extra="initiatives: [TEST-0003]\n", body="Mở đầu.\nAnh Trần Bí Mật và chị Lê Ẩn Danh.\n"),
    )
    expected = [
        (
            "content/stories/s.md:8: (nội dung): nêu tên «Lê Ẩn Danh», tác giả chưa đồng ý công khai tên "
            "(consent_public)"
        ),
        (
            "content/stories/s.md:8: (nội dung): nêu tên «Trần Bí Mật», tác giả chưa đồng ý công khai tên "
            "(consent_public)"
        ),
    ]
    cold = RecordCache(tmp_path / "cache", "g")
    assert [str(p) for p in load_content(content, cold).problems if "stories" in p.file] == expected
    cold.save()
    warm = RecordCache(tmp_path / "cache", "g")
    assert len([n for s in warm.shards for n in s]) == 3  # every record comes from the cache
    assert len(warm.scans) == 1  # and the story's scan, kept by its text and the names it looked for
    assert [str(p) for p in load_content(content, warm).problems if "stories" in p.file] == expected
    warm.save()
    # The story unchanged, but a name withheld since, in a record of its own: the scan is made again.
    write(content, "stories/t.md", story(extra="initiatives: [TEST-0003]\n", body="Mở đầu.\nBà Phạm Kín Tiếng.\n"))
    again = RecordCache(tmp_path / "cache", "g")
    assert not [p for p in load_content(content, again).problems if p.file.endswith("t.md")]
    again.save()
    write(content, "initiatives/d.yml", GOOD.replace("0001", "0004") + "authors:\n  - name: Phạm Kín Tiếng\n")
    later = RecordCache(tmp_path / "cache", "g")
    assert [str(p) for p in load_content(content, later).problems if p.file.endswith("t.md")] == [
        "content/stories/t.md:8: (nội dung): nêu tên «Phạm Kín Tiếng», tác giả chưa đồng ý công khai tên "
        "(consent_public)"
    ]


def test_a_warm_load_keeps_records_packed_until_asked_and_gives_the_cold_catalogue(tmp_path):
    """The record cache keeps each initiative's record pickled: a warm build unpacks only the records it shows
    again, and whatever asks for one gets the record a cold build read."""
    sample = ROOT / "content"
    cold = load_content(sample, cache := RecordCache(tmp_path / "cache", "g"))
    cache.save()
    for _ in range(2):  # saved again from a warm load: its records kept as they were packed
        warm = load_content(sample, cache := RecordCache(tmp_path / "cache", "g"))
        assert not warm.fresh
        cache.save()
    before, after = cold.catalogue.initiatives, warm.catalogue.initiatives
    assert len(after) == len(before) > 20
    cited = {i.id for s in warm.catalogue.stories for i in s.initiatives}  # their authors: whom a story may name
    # Reading the catalogue, its order, columns and organisations unpacks no other record.
    assert {i.id for i in after if "record" in vars(i)} == cited
    assert warm.catalogue.columns.year.tolist() == cold.catalogue.columns.year.tolist()
    assert [o.kind for o in warm.catalogue.organizations] == [o.kind for o in cold.catalogue.organizations]
    # Nor do the cards of list pages (20 records a page) and the share cards.
    macros = Writer(tmp_path / "docs", sample / "media", tmp_path / "cache").env.get_template("_macros.md.j2")
    listed = macros.module.cards(after, lambda url: url)
    assert [initiative_card(i) for i in after] == [initiative_card(i) for i in before]
    assert {i.id for i in after if "record" in vars(i)} == cited
    assert listed == macros.module.cards(before, lambda url: url) and "Làm lợi <strong>" in listed
    facts = (
        "id",
        "url",
        "title",
        "day",
        "benefit_vnd",
        "recognition",
        "organization_key",
        "organization_name",
        "organization_kind",
        "photos",
    )
    assert [[getattr(i, f) for f in facts] for i in after] == [[getattr(i, f) for f in facts] for i in before]
    for i in before:  # each fact is what the record says
        org = i.record.organization
        assert (i.title, i.benefit_vnd, i.organization_name) == (
            i.record.title,
            i.record.benefit_vnd,
            org.name if org else None,
        )
    first = next(n for n, i in enumerate(after) if i.id not in cited)
    assert after[first].record.model_dump() == before[first].record.model_dump()
    assert "record" in vars(after[first])  # unpacked once asked for, and kept
    assert after == before  # every record, unpacked to compare


# --- the command line -------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", ["0", "-3", "nhiều"])
def test_demo_data_needs_a_positive_count_and_writes_nothing_otherwise(tmp_path, capsys, count):
    with pytest.raises(SystemExit) as stop:
        cli.main(["demo-data", "--count", count, "--out", str(tmp_path / "demo")])
    assert stop.value.code == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("cách dùng: showcase demo-data")
    assert err[1] == f"showcase demo-data: lỗi: tham số --count: phải là số nguyên dương («{count}»)"
    assert not (tmp_path / "demo").exists()


def test_check_says_what_a_content_folder_lacks(tmp_path, capsys):
    assert cli.main(["check", "--content", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"Thư mục nội dung {tmp_path} thiếu thư mục taxonomies/ (danh sách tỉnh, lĩnh vực…)\n"
    )
    assert cli.main(["check", "--content", str(tmp_path / "khong-co")]) == 2
    assert capsys.readouterr().err == f"Không tìm thấy thư mục nội dung: {tmp_path / 'khong-co'}\n"
    (tmp_path / "taxonomies").mkdir()
    (tmp_path / "taxonomies/provinces.csv").write_text("", encoding="utf-8")
    assert cli.main(["check", "--content", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"Thư mục {tmp_path / 'taxonomies'} thiếu tệp: former-provinces.csv, province-aliases.csv, "
        "sectors.csv, sector-aliases.csv, national-unions.csv, organization-kinds.csv, programmes.yml, "
        "recognition.yml\n"
    )


# --- the lock on the build folder -------------------------------------------------------------------------


def _process(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


# Another build: holds the lock until told to stop on its standard input.
HOLDER = """
import sys
from pathlib import Path
from generator.publish import lock
with lock.build_lock(Path(sys.argv[1]), 0):
    print("holding", flush=True)
    sys.stdin.read()
"""


def test_a_second_build_gives_up_cleanly_when_the_first_holds_the_folder(content, tmp_path, capsys):
    write(content, "initiatives/good.yml", GOOD)
    holder = _process(HOLDER, str(tmp_path))
    try:
        assert holder.stdout.readline() == "holding\n"
        assert build(content, tmp_path, "--wait", "0") == 1
        err = capsys.readouterr().err
        assert f"Đang chờ lần dựng khác kết thúc… (showcase build hoặc serve đang dùng {tmp_path}" in err
        assert f"Một lần dựng khác (showcase build hoặc serve) vẫn đang dùng {tmp_path} sau 0 giây" in err
        assert not (tmp_path / "docs").exists() and not (tmp_path / "site").exists()
    finally:
        holder.communicate("")
    assert holder.returncode == 0


def test_a_second_build_waits_for_the_first_and_then_runs(tmp_path):
    holder = _process(HOLDER, str(tmp_path))
    try:
        assert holder.stdout.readline() == "holding\n"
        waiter = _process(
            "import sys\nfrom pathlib import Path\nfrom generator import cli\n"
            "with cli.build_lock(Path(sys.argv[1]), 60):\n    print('got it', flush=True)\n",
            str(tmp_path),
        )
        assert waiter.stderr.readline().startswith("Đang chờ lần dựng khác kết thúc…")
    finally:
        holder.communicate("")  # the first build ends: the second goes on
    out, err = waiter.communicate(timeout=60)
    assert (out, err, waiter.returncode) == ("got it\n", "", 0)
