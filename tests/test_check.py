"""`showcase check` and the validation behind it: every problem, with file, line, field and reason."""

import subprocess
import sys
import textwrap

from generator import cli
from generator.content.validate import load_content

from .conftest import GOOD


def write(content, name, text):
    path = content / "initiatives" / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(content):
    return [str(p) for p in load_content(content).problems]


def test_sample_content_is_clean(capsys):
    assert cli.main(["check"]) == 0
    assert "68 sáng kiến được công bố" in capsys.readouterr().out


def test_check_reports_broken_file_with_file_line_and_field(content_copy, capsys):
    write(
        content_copy,
        "broken.yml",
        GOOD.replace("province: Nghệ An", "province: Nghê Ann").replace(
            "title: Sáng kiến thử nghiệm", "titel: Sáng kiến thử nghiệm"
        ),
    )
    assert cli.main(["check", "--content", str(content_copy)]) == 1
    err = capsys.readouterr().err
    assert 'initiatives/broken.yml:2: titel: trường không được hỗ trợ; có phải "title"?' in err
    assert "initiatives/broken.yml:1: title: thiếu trường bắt buộc" in err


def test_unknown_province_is_reported_with_closest_match(content_copy):
    write(content_copy, "p.yml", GOOD.replace("province: Nghệ An", "province: Nghê Ann"))
    assert problems(content_copy) == [
        'content/initiatives/p.yml:6: province: không có trong danh mục tỉnh, thành («Nghê Ann»; có phải "Nghệ An"?)'
    ]


def test_every_problem_of_every_file_is_reported(content_copy):
    write(
        content_copy,
        "a.yml",
        GOOD.replace("2023-01-05", "2023-02-31").replace("sector: C", "sector: C\nbenefit_vnd: -5"),
    )
    write(content_copy, "b.yml", GOOD.replace("status: approved", "status: approved\nfeatured: maybe"))
    found = problems(content_copy)
    assert "content/initiatives/a.yml:5: approved_on: ngày 31/02/2023 không tồn tại («2023-02-31»)" in found
    assert "content/initiatives/a.yml:8: benefit_vnd: không được âm («-5»)" in found
    assert "content/initiatives/b.yml:5: featured: phải là true hoặc false («maybe»)" in found


def test_duplicate_ids_are_reported(content_copy):
    write(content_copy, "a.yml", GOOD)
    write(content_copy, "b.yml", GOOD.replace("TEST-0001", "test-0001"))
    assert "content/initiatives/b.yml:1: id: trùng mã với content/initiatives/a.yml («test-0001»)" in problems(
        content_copy
    )


def test_approved_needs_a_date_and_money_must_be_a_number(content_copy):
    write(content_copy, "a.yml", GOOD.replace("approved_on: 2023-01-05\n", "benefit_vnd: 12 tỷ\n"))
    found = problems(content_copy)
    assert (
        "content/initiatives/a.yml:5: benefit_vnd: phải là số nguyên (không có dấu chấm, chữ hay đơn vị) («12 tỷ»)"
        in found
    )
    found = problems(_only(content_copy, "a.yml", GOOD.replace("approved_on: 2023-01-05\n", "")))
    assert "content/initiatives/a.yml:1: approved_on: bắt buộc khi status là approved" in found


def _only(content, name, text):
    write(content, name, text)
    return content


def test_empty_file_bad_encoding_and_bad_yaml(content_copy):
    (content_copy / "initiatives" / "empty.yml").write_text("  \n", encoding="utf-8")
    (content_copy / "initiatives" / "latin1.yml").write_bytes(
        GOOD.replace("Sáng", "S\xe1ng").encode("latin-1", "replace")
    )
    write(content_copy, "yaml.yml", "id: [unclosed\ntitle: x\n")
    found = problems(content_copy)
    assert "content/initiatives/empty.yml:1: (tệp): tệp rỗng" in found
    assert any(p.startswith("content/initiatives/latin1.yml:2: (tệp): tệp không phải UTF-8") for p in found)
    assert any(p.startswith("content/initiatives/yaml.yml:2: (tệp): YAML không hợp lệ") for p in found)


def test_story_citing_unapproved_or_unknown_initiative_is_an_error(content_copy):
    story = content_copy / "stories" / "bad.md"
    story.write_text(
        "---\ntitle: Chuyện\ndate: 2023-01-01\nsummary: Tóm tắt.\n"
        "initiatives: [HN-2023-0999, KHONG-CO-0001]\n---\nNội dung.\n",
        encoding="utf-8",
    )
    found = problems(content_copy)
    assert (
        'content/stories/bad.md:5: initiatives.0: sáng kiến "HN-2023-0999" chưa được công bố (trạng thái pending)'
        in found
    )
    assert 'content/stories/bad.md:5: initiatives.1: không có sáng kiến "KHONG-CO-0001"' in found


def test_missing_image_and_path_outside_media_are_errors(content_copy):
    write(
        content_copy,
        "img.yml",
        GOOD + "images:\n  - file: ../../etc/passwd\n    alt: x\n  - file: khong-co.jpg\n    alt: y\n",
    )
    found = problems(content_copy)
    assert (
        "content/initiatives/img.yml:9: images.0.file: đường dẫn ảnh phải nằm trong content/media/ («../../etc/passwd»)"
        in found
    )
    assert (
        "content/initiatives/img.yml:11: images.1.file: không tìm thấy tệp ảnh trong content/media/ («khong-co.jpg»)"
        in found
    )


# --- provinces as people write them; national units with no province --------------------------------------


def test_colloquial_provinces_kinds_and_sectors_pass(content_copy):
    write(
        content_copy,
        "a.yml",
        GOOD.replace("province: Nghệ An", "province: TP.HCM").replace("sector: C", "sector: Chế biến chế tạo")
        + "organization:\n  name: Công ty A\n  kind: enterprise\n",
    )
    loaded = load_content(content_copy)
    assert loaded.problems == []
    record = next(i for i in loaded.catalogue.initiatives if i.id == "TEST-0001")
    assert record.province.name == "Hồ Chí Minh" and record.record.organization.kind == "doanh-nghiep"
    assert record.union.name == "Liên đoàn Lao động thành phố Hồ Chí Minh"


def test_a_national_unit_may_name_no_province(content_copy):
    write(content_copy, "a.yml", GOOD.replace("province: Nghệ An", "union: Công đoàn Dầu khí Việt Nam"))
    loaded = load_content(content_copy)
    assert loaded.problems == []
    record = next(i for i in loaded.catalogue.initiatives if i.id == "TEST-0001")
    assert record.province is None and record.union.slug == "dau-khi"
    assert record in loaded.catalogue.national and record in loaded.catalogue.by_union["dau-khi"]
    assert all(record not in items for items in loaded.catalogue.by_province.values())


def test_a_federation_gives_its_province_and_must_agree_with_the_one_written(content_copy):
    write(content_copy, "a.yml", GOOD.replace("province: Nghệ An", "union: LĐLĐ tỉnh Thanh Hóa"))
    write(
        content_copy,
        "b.yml",
        GOOD.replace("TEST-0001", "TEST-0002") + "union: Liên đoàn Lao động tỉnh Hà Tĩnh\n",
    )
    write(content_copy, "c.yml", GOOD.replace("TEST-0001", "TEST-0003").replace("province: Nghệ An\n", ""))
    write(
        content_copy,
        "d.yml",
        GOOD.replace("TEST-0001", "TEST-0004").replace("province: Nghệ An", "union: Công đoàn Cao xu"),
    )
    loaded = load_content(content_copy)
    assert [str(p) for p in loaded.problems] == [
        (
            "content/initiatives/b.yml:8: union: Liên đoàn Lao động tỉnh Hà Tĩnh không thuộc tỉnh, thành Nghệ An "
            "(«Liên đoàn Lao động tỉnh Hà Tĩnh»)"
        ),
        "content/initiatives/c.yml:1: province: thiếu trường bắt buộc (hoặc ghi union)",
        (
            "content/initiatives/d.yml:6: union: không có trong danh mục công đoàn («Công đoàn Cao xu»; "
            'có phải "Công đoàn Cao su Việt Nam"?)'
        ),
    ]
    derived = next(i for i in loaded.catalogue.initiatives if i.id == "TEST-0001")
    assert derived.province.name == "Thanh Hóa" and not derived.union.national


def test_the_command_ends_with_its_code_and_every_line_written(content_copy, tmp_path):
    # Run as from the terminal, a build ends its process at once (cli.run): what it printed must still all be
    # there, and the code must be the build's.
    def showcase(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "generator", "build", "--quiet", *args]
        return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", cwd=tmp_path)

    out = ["--site-dir", str(tmp_path / "site"), "--docs-dir", str(tmp_path / "build/docs")]
    built = showcase("--content", str(content_copy), *out)
    assert built.returncode == 0, built.stderr
    assert "68 sáng kiến được công bố" in built.stdout and built.stdout.rstrip().splitlines()[-1].startswith("Xong:")
    assert (tmp_path / "site/index.html").is_file()
    write(content_copy, "hong.yml", "id: [\n")
    failed = showcase("--content", str(content_copy), *out)
    assert failed.returncode == 1 and "hong.yml:" in failed.stderr and "trang cũ" in failed.stderr
