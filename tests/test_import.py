"""`showcase import`: portal exports as they really come — a title row, a merged two-level header, blank rows,
former and colloquial province names, money in words and with dots, Excel serial dates, formulas, a repeated
row, national units, a semicolon CSV with a BOM — into YAML files that `check` passes, every refused row
reported with its column, and a second import that changes nothing."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from generator import cli
from generator.content.source import parse_yaml, read_text
from generator.content.validate import load_content
from generator.tools.importer import run as importer
from generator.tools.importer import values, writer, xlsx
from scripts.sample_export import HEADER, SUB

from .conftest import CONTENT

FOLDER = Path("initiatives") / writer.FOLDER

DAY = dt.datetime(2022, 8, 15)


def run_import(capsys, export: Path, content: Path, *extra: str) -> tuple[int, list[str], list[str]]:
    code = cli.main(["import", str(export), "--content", str(content), "--quiet", *extra])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def workbook(path: Path, rows: list[list], two_levels: bool = True) -> Path:
    """A workbook as a portal exports it: a merged title row, a blank row, the header (merged "Tác giả" over
    two sub-headers), then `rows` from row 5 (row 4 without the sub-header)."""
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH SÁNG KIẾN ĐƯỢC CÔNG NHẬN NĂM 2022"])
    sheet.merge_cells("A1:P1")
    sheet.append([])
    sheet.append(HEADER)
    if two_levels:
        sheet.append(SUB)
        sheet.merge_cells("J3:K3")
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "dd/mm/yyyy"
    book.save(path)
    return path


def row(n: int, id_: str, province="Nghệ An", union=None, **fields) -> list:
    cells = {
        "title": f"Sáng kiến số {n}",
        "summary": "Một câu tóm tắt.",
        "sector": "C",
        "org": "Công ty CP Cơ khí Mường Thanh",
        "kind": "Doanh nghiệp",
        "authors": "Nguyễn Văn An",
        "consent": "có",
        "benefit": "1.200.000.000",
        "level": "Cấp cơ sở",
        "day": DAY,
        "status": "Đã duyệt",
        "tags": "cơ khí",
    } | fields
    return [
        n,
        id_,
        cells["title"],
        cells["summary"],
        province,
        union,
        cells["sector"],
        cells["org"],
        cells["kind"],
        cells["authors"],
        cells["consent"],
        cells["benefit"],
        cells["level"],
        cells["day"],
        cells["status"],
        cells["tags"],
    ]


def yaml_of(content: Path, record_id: str) -> dict:
    return parse_yaml(read_text(content / FOLDER / f"{record_id.lower()}.yml")).data


def snapshot(content: Path) -> dict[str, tuple[bytes, int]]:
    folder = content / FOLDER
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


# --- a workbook as it comes ---------------------------------------------------------------------------------


def awkward_rows() -> list[list]:
    return [
        row(1, "SK-2022-001", "Bình Dương", authors="Nguyễn Văn An; Trần Thị Bình", consent="có; không"),
        row(2, "SK-2022-002", "TP.HCM", benefit="1,2 tỷ", day=44788, kind="enterprise", tags="tiết kiệm, cơ khí"),
        [None] * 16,  # a blank row
        row(3, "SK-2022-003", None, "Công đoàn Dầu khí Việt Nam", benefit="hơn 1 tỷ", day="15-8-2022", sector="B"),
        row(4, "SK-2022-004", "Thừa Thiên - Huế", status="Chờ duyệt", day=None, benefit="850 triệu"),
        row(5, "SK-2022-005", "Hà Nội", benefit="=1000*2"),  # a formula never calculated
        row(6, "SK-2022-001", "Hà Nội", title="Gửi trùng"),
        row(7, "SK-2022-007", "TP HCMM"),
        row(8, "SK-2022-008", "HN", kind="câu lạc bộ"),
        row(9, "SK-2022-009", "Sài Gòn", benefit="50.000 USD", day="30/02/2022"),
        row(10, "SK-2022-010", "TPHCM", authors="Lê Văn Cường\nPhạm Thị Dung", consent="x", benefit=1_500_000_000),
    ]


EXPECTED_REFUSALS = [
    "{f}:10: Giá trị làm lợi (đồng/năm): ô có công thức nhưng không có giá trị đã tính (mở tệp bằng Excel, lưu lại "
    "rồi xuất lại) («=1000*2»)",
    "{f}:11: Mã sáng kiến: trùng mã với dòng 5; dòng này bị bỏ qua («SK-2022-001»)",
    '{f}:12: Tỉnh/Thành phố: không có trong danh mục tỉnh, thành («TP HCMM»; có phải "Hồ Chí Minh"?)',
    "{f}:13: Loại đơn vị: không có trong danh mục loại đơn vị («câu lạc bộ»; có: Doanh nghiệp (doanh-nghiep), "
    "Cơ quan (co-quan), Trường học (truong-hoc), Bệnh viện (benh-vien), Hợp tác xã (hop-tac-xa), "
    "Đơn vị khác (khac))",
    "{f}:14: Ngày công nhận: ngày 30/02/2022 không tồn tại («30/02/2022»)",
]


def test_an_awkward_workbook_is_imported_and_every_refused_row_said_with_its_column(tmp_path, content, capsys):
    export = workbook(tmp_path / "xuat.xlsx", awkward_rows())
    code, out, err = run_import(capsys, export, content)
    assert code == 1
    assert err == [line.format(f=export) for line in EXPECTED_REFUSALS]
    assert out[-2] == (
        f"Đã nhập {export}: 10 dòng sáng kiến; 5 mới, 0 cập nhật, 0 không đổi, 0 rút khỏi trang, "
        f"5 dòng bị từ chối ({out[-2].rsplit('(', 1)[1]}"
    )
    assert sorted(p.name for p in (content / FOLDER).iterdir()) == [
        "sk-2022-001.yml",
        "sk-2022-002.yml",
        "sk-2022-003.yml",
        "sk-2022-004.yml",
        "sk-2022-010.yml",
    ]
    # The file as written: one field a line, the contract's order, every string quoted, the import's state.
    assert (content / FOLDER / "sk-2022-001.yml").read_text(encoding="utf-8") == textwrap.dedent("""\
        # Nhập từ cổng thông tin bằng showcase import. Lần nhập sau cập nhật các trường có trong bản xuất và giữ
        # featured, images, press_contact, từ khóa thêm tay, trạng thái do biên tập viên đổi. Dòng dưới để máy đọc.
        # nhap: {"status": "approved", "tags": ["cơ khí"]}
        id: "SK-2022-001"
        title: "Sáng kiến số 1"
        summary: "Một câu tóm tắt."
        status: "approved"
        approved_on: "2022-08-15"
        province: "Bình Dương"
        sector: "Chế biến, chế tạo"
        organization:
          name: "Công ty CP Cơ khí Mường Thanh"
          kind: "doanh-nghiep"
        authors:
          - name: "Nguyễn Văn An"
            consent_public: true
          - name: "Trần Thị Bình"
            consent_public: false
        benefit_vnd: 1200000000
        recognition: "co-so"
        tags: ["cơ khí"]
        """)
    second = yaml_of(content, "SK-2022-002")
    assert (second["province"], second["benefit_vnd"], second["approved_on"]) == (
        "Hồ Chí Minh",
        1_200_000_000,
        "2022-08-15",
    )
    assert second["organization"]["kind"] == "doanh-nghiep" and second["tags"] == ["tiết kiệm", "cơ khí"]
    national = yaml_of(content, "SK-2022-003")
    assert "province" not in national and national["union"] == "Công đoàn Dầu khí Việt Nam"
    assert national["benefit_note"] == "hơn 1 tỷ" and "benefit_vnd" not in national  # no number invented
    assert national["sector"] == "Khai khoáng" and national["approved_on"] == "2022-08-15"
    pending = yaml_of(content, "SK-2022-004")
    assert (pending["status"], pending["province"], pending["benefit_vnd"]) == ("pending", "Huế", 850_000_000)
    assert "approved_on" not in pending
    many = yaml_of(content, "SK-2022-010")
    assert many["authors"] == [
        {"name": "Lê Văn Cường", "consent_public": True},
        {"name": "Phạm Thị Dung", "consent_public": True},
    ]
    assert many["benefit_vnd"] == 1_500_000_000
    # What was written is what `check` passes: the national unit has no province and names its union.
    loaded = load_content(content)
    assert [str(p) for p in loaded.problems] == []
    by_id = {i.id: i for i in loaded.catalogue.initiatives}
    assert by_id["SK-2022-003"].province is None and by_id["SK-2022-003"].union.national
    assert by_id["SK-2022-001"].province.name == "Hồ Chí Minh" and by_id["SK-2022-001"].former_province == "Bình Dương"
    assert by_id["SK-2022-001"].union.name == "Liên đoàn Lao động thành phố Hồ Chí Minh"


def test_importing_the_same_export_again_changes_no_file(tmp_path, content, capsys):
    export = workbook(tmp_path / "xuat.xlsx", awkward_rows())
    run_import(capsys, export, content)
    before = snapshot(content)
    code, out, err = run_import(capsys, export, content)
    assert snapshot(content) == before  # bytes and modification times
    assert code == 1 and err == [line.format(f=export) for line in EXPECTED_REFUSALS]
    assert "0 mới, 0 cập nhật, 5 không đổi, 0 rút khỏi trang, 5 dòng bị từ chối" in out[-2]


def test_workers_give_what_one_process_gives(tmp_path, content, capsys, monkeypatch):
    """A large export is spread over every core: the files and the report are the same."""
    export = workbook(tmp_path / "xuat.xlsx", awkward_rows() * 1)
    run_import(capsys, export, content)
    alone = {name: data for name, (data, _) in snapshot(content).items()}
    shutil.rmtree(content / FOLDER)
    monkeypatch.setattr(importer, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(importer, "BATCH", 2)
    code, _, err = run_import(capsys, export, content)
    assert code == 1 and err == [line.format(f=export) for line in EXPECTED_REFUSALS]
    assert {name: data for name, (data, _) in snapshot(content).items()} == alone


def test_a_semicolon_csv_with_a_byte_order_mark(tmp_path, content, capsys):
    export = tmp_path / "xuat.csv"
    export.write_text(
        "Danh sách sáng kiến; năm 2023\n"
        "\n"
        "Mã sáng kiến;Tên sáng kiến;Tóm tắt;Tỉnh;Công đoàn;Lĩnh vực;Tác giả;Giá trị làm lợi;Ngày công nhận\n"
        'CSV-001;Máy khoan;Tóm tắt.;Hoà Bình;;Cơ khí;"Nguyễn Văn An (đồng ý)\nTrần Thị Bình (Tổ trưởng)";'
        "1,2 tỷ đồng/năm;2023-03-01\n"
        ";;;;;;;;\n"
        "CSV-002;Giàn khoan;Tóm tắt.;;CĐ Dầu khí VN;B;Lê Văn Cường;30 triệu/tháng;01/03/2023\n"
        "CSV-003;Ở đâu;Tóm tắt.;;;C;;;01/03/2023\n",
        encoding="utf-8-sig",
    )
    code, _, err = run_import(capsys, export, content)
    assert err == [f"{export}:7: Tỉnh: không được để trống"]
    assert code == 1
    first = yaml_of(content, "CSV-001")
    assert (first["province"], first["sector"], first["benefit_vnd"]) == (
        "Hoà Bình",
        "Chế biến, chế tạo",
        1_200_000_000,
    )
    assert first["authors"] == [
        {"name": "Nguyễn Văn An", "consent_public": True},
        {"name": "Trần Thị Bình", "role": "Tổ trưởng", "consent_public": False},  # no answer is no consent
    ]
    national = yaml_of(content, "CSV-002")
    assert national["union"] == "Công đoàn Dầu khí Việt Nam" and "province" not in national
    assert national["benefit_note"] == "30 triệu/tháng" and "benefit_vnd" not in national
    assert national["authors"] == [{"name": "Lê Văn Cường", "consent_public": False}]  # no consent column
    assert not load_content(content).problems


def test_a_comma_csv_whose_title_has_commas_too(tmp_path, content, capsys):
    export = tmp_path / "xuat.csv"
    export.write_text(
        "Sáng kiến, giải pháp, năm 2023\n"
        "Mã sáng kiến,Tên sáng kiến,Tóm tắt,Tỉnh/TP,Ngành,Ngày duyệt,Giá trị làm lợi\n"
        'C-001,Máy cắt,Tóm tắt.,tp. hồ chí minh,C,15/08/2022,"1.250.000.000 đ"\n'
        "C-002,Máy ép,Tóm tắt.,Thanh Hoá,Xây dựng,15/8/22,850 triệu\n",
        encoding="utf-8",
    )
    code, _, err = run_import(capsys, export, content)
    assert (code, err) == (0, [])
    assert yaml_of(content, "C-001")["benefit_vnd"] == 1_250_000_000
    assert yaml_of(content, "C-002")["sector"] == "Xây dựng"


# --- a newer export ----------------------------------------------------------------------------------------


def test_a_newer_export_updates_keeps_what_editors_curate_and_withdraws(tmp_path, content, capsys):
    shutil.copy(CONTENT / "media" / "khuon-dap.jpg", content / "media" / "khuon-dap.jpg")
    first = [
        row(1, "A-0001", tags="cơ khí"),
        row(2, "A-0002"),
        row(3, "A-0003"),
        row(4, "A-0004"),
    ]
    run_import(capsys, workbook(tmp_path / "v1.xlsx", first), content)
    # An editor curates: a photo, featured, a keyword of their own on A-0001; A-0004 withdrawn on request.
    path = content / FOLDER / "a-0001.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('tags: ["cơ khí"]', 'tags: ["cơ khí", "khuôn mẫu"]')
        + 'featured: true\nimages:\n  - file: "khuon-dap.jpg"\n    alt: "Khuôn dập mới"\n',
        encoding="utf-8",
    )
    path4 = content / FOLDER / "a-0004.yml"
    path4.write_text(path4.read_text(encoding="utf-8").replace('status: "approved"', 'status: "withdrawn"'))
    newer = [
        row(1, "A-0001", title="Sáng kiến số 1, tên mới", tags="cơ khí; tự động hóa"),
        row(3, "A-0003", status="Chờ duyệt", day=None),  # no longer approved
        row(4, "A-0004"),  # approved in the portal, withdrawn here by an editor: stays withdrawn
        row(5, "A-0005"),
    ]  # A-0002 left the export
    export = workbook(tmp_path / "v2.xlsx", newer)
    code, out, err = run_import(capsys, export, content)
    assert (code, err) == (0, [])
    assert out[:3] == [
        f"Rút khỏi trang: A-0003 (content/{FOLDER}/a-0003.yml): bản xuất ghi trạng thái «Chờ duyệt»",
        f"Rút khỏi trang: A-0002 (content/{FOLDER}/a-0002.yml): không còn trong bản xuất",
        f"Giữ trạng thái withdrawn do biên tập viên đặt: A-0004 (content/{FOLDER}/a-0004.yml)",
    ]
    assert "1 mới, 2 cập nhật, 1 không đổi, 2 rút khỏi trang, 0 dòng bị từ chối" in out[3]
    curated = yaml_of(content, "A-0001")
    assert curated["title"] == "Sáng kiến số 1, tên mới"
    assert curated["tags"] == ["cơ khí", "tự động hóa", "khuôn mẫu"]
    assert curated["featured"] is True and curated["images"][0]["file"] == "khuon-dap.jpg"
    assert [yaml_of(content, i)["status"] for i in ("A-0002", "A-0003", "A-0004")] == ["withdrawn"] * 3
    assert sorted(p.name for p in (content / FOLDER).iterdir()) == [
        f"a-000{n}.yml" for n in range(1, 6)
    ]  # none deleted
    assert not load_content(content).problems
    # Once more: nothing to do.
    before = snapshot(content)
    code, out, _ = run_import(capsys, export, content)
    assert snapshot(content) == before
    assert "0 mới, 0 cập nhật, 4 không đổi, 0 rút khỏi trang" in out[-1]
    # Approved again in a later export: published again (the import withdrew it, not an editor).
    again = workbook(tmp_path / "v3.xlsx", [*newer[:1], row(3, "A-0003"), *newer[2:], row(2, "A-0002")])
    run_import(capsys, again, content)
    assert yaml_of(content, "A-0003")["status"] == yaml_of(content, "A-0002")["status"] == "approved"
    assert yaml_of(content, "A-0004")["status"] == "withdrawn"


def test_a_dry_run_writes_nothing_and_says_what_it_would_do(tmp_path, content, capsys):
    export = workbook(tmp_path / "xuat.xlsx", [row(1, "D-0001"), row(2, "D-0002", "Tỉnh Ma")])
    code, out, err = run_import(capsys, export, content, "--dry-run")
    assert code == 1 and len(err) == 1
    assert out[-2].startswith(f"Chạy thử, không ghi tệp nào. {export}: 2 dòng sáng kiến; sẽ có 1 mới, 0 cập nhật")
    assert not (content / FOLDER).exists()


def test_a_record_written_by_hand_is_never_overwritten(tmp_path, content, capsys):
    (content / "initiatives" / "tay.yml").write_text(
        "id: TAY-0001\ntitle: Viết tay\nsummary: Tóm tắt.\nstatus: approved\napproved_on: 2022-01-01\n"
        "province: Nghệ An\nsector: C\n",
        encoding="utf-8",
    )
    export = workbook(tmp_path / "xuat.xlsx", [row(1, "tay-0001")])
    code, _, err = run_import(capsys, export, content)
    assert code == 1
    assert err == [
        f"{export}:5: Mã sáng kiến: mã đã có ở tệp viết tay content/initiatives/tay.yml; không nhập đè («tay-0001»)"
    ]


# --- headers ----------------------------------------------------------------------------------------------


def test_a_mapping_file_names_other_columns(tmp_path, content, capsys):
    export = tmp_path / "khac.csv"
    export.write_text(
        "Số hiệu;Đề tài;Nội dung ngắn;Địa bàn;Nhóm ngành;Ngày ký;Ghi chú nội bộ\n"
        "M-0001;Máy sấy;Tóm tắt.;An Giang;A;01/02/2023;không đăng\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "map.yml"
    mapping.write_text(
        '"Số hiệu": id\n"Đề tài": title\n"Nội dung ngắn": summary\n"Địa bàn": province\n"Nhóm ngành": sector\n'
        '"Ngày ký": approved_on\n',
        encoding="utf-8",
    )
    code, out, err = run_import(capsys, export, content, "--mapping", str(mapping))
    assert (code, err) == (0, [])
    assert out[0] == "Cột không dùng: «Ghi chú nội bộ»"
    assert yaml_of(content, "M-0001")["province"] == "An Giang"
    mapping.write_text('"Số hiệu": ma\n"Đề tài": [title]\n', encoding="utf-8")
    code, _, err = run_import(capsys, export, content, "--mapping", str(mapping))
    assert code == 2
    assert err[0].startswith(f"{mapping}:1: Số hiệu: không có trường này («ma»; có: id, title, summary,")
    assert err[1] == f"{mapping}:2: Đề tài: mỗi dòng là «tên cột»: trường («['title']»)"


def test_missing_columns_and_missing_header_are_said_once(tmp_path, content, capsys):
    export = tmp_path / "thieu.csv"
    export.write_text("Tiêu đề chung\nMã sáng kiến;Tóm tắt;Tỉnh\nX-1;a;b\n", encoding="utf-8")
    code, _, err = run_import(capsys, export, content)
    assert code == 2
    assert err == [
        f"{export}:2: (dòng tiêu đề): thiếu cột «Tên sáng kiến» (title)",
        f"{export}:2: (dòng tiêu đề): thiếu cột «Lĩnh vực» (sector)",
        f"{export}:2: (dòng tiêu đề): thiếu cột «Ngày công nhận» (approved_on)",
    ]
    export.write_text("a;b\n1;2\n", encoding="utf-8")
    code, _, err = run_import(capsys, export, content)
    assert code == 2 and err[0].startswith(f"{export}:1: (dòng tiêu đề): không tìm thấy dòng tiêu đề trong 30 dòng")
    other = tmp_path / "xuat.ods"
    other.write_bytes(b"x")
    code, _, err = run_import(capsys, other, content)
    assert code == 2 and err == [f"{other}: chỉ đọc được tệp .xlsx hoặc .csv (xuat.ods)"]


# --- a workbook as Excel writes it ------------------------------------------------------------------------

_SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D3"/><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1"><f>SUM(1,1)</f><v>2</v></c></row>
<row r="3"><c r="B3" s="1"><v>44788</v></c><c r="D3" t="e"><v>#N/A</v></c><c t="str"><f>A1</f><v>x</v></c></row>
</sheetData></worksheet>"""
_STRINGS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">
<si><r><t>Nguyễn </t></r><r><rPr><b/></rPr><t>Văn An</t></r><rPh><t>phonetic</t></rPh></si>
<si><t>dòng 1_x000D_
dòng 2</t></si></sst>"""
_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1">
<numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/>
</cellXfs></styleSheet>"""
_BOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><sheets>
<sheet name="Ẩn" sheetId="2" state="hidden" r:id="rId2"/><sheet name="Sáng kiến" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
 Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
 Target="/xl/worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
 Target="sharedStrings.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
 Target="styles.xml"/></Relationships>"""


def test_a_workbook_as_excel_writes_it(tmp_path):
    """Shared strings with rich-text runs and a phonetic reading, an escaped line end, a custom date format, a
    formula with its cached value, an error cell, a skipped row, a hidden first sheet."""
    path = tmp_path / "excel.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", _BOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _RELS)
        z.writestr("xl/worksheets/sheet1.xml", _SHEET)
        z.writestr("xl/worksheets/sheet2.xml", _SHEET.replace("44788", "1"))
        z.writestr("xl/sharedStrings.xml", _STRINGS)
        z.writestr("xl/styles.xml", _STYLES)
    book = xlsx.open_book(path)
    assert book.total == 3 and not book.epoch_1904
    rows = list(book.rows())
    assert rows[0] == (1, ["Nguyễn Văn An", "dòng 1\r\ndòng 2", 2])
    assert rows[1] == (3, [None, dt.datetime(2022, 8, 15), None, xlsx.CellError("#N/A"), "x"])
    assert values.text(rows[0][1][1]) == "dòng 1\ndòng 2"


def test_a_workbook_with_a_doctype_or_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", '<!DOCTYPE x [<!ENTITY a "aaaa">]><workbook/>')
    with pytest.raises(xlsx.BadWorkbook, match="DOCTYPE"):
        xlsx.open_book(path)
    (tmp_path / "rong.xlsx").write_bytes(b"not a zip")
    with pytest.raises(xlsx.BadWorkbook, match="không mở được tệp Excel"):
        xlsx.open_book(tmp_path / "rong.xlsx")


# --- values as people write them --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, amount, note",
    [
        ("1.200.000.000", 1_200_000_000, None),
        ("1,2 tỷ", 1_200_000_000, None),
        ("1.2 tỷ đồng", 1_200_000_000, None),
        ("850 triệu", 850_000_000, None),
        ("1200000000 đồng", 1_200_000_000, None),
        ("1 tỷ 200 triệu", 1_200_000_000, None),
        ("1.250.000.000 VNĐ/năm", 1_250_000_000, None),
        ("500 nghìn", 500_000, None),
        (1_200_000_000, 1_200_000_000, None),
        (1.2e9, 1_200_000_000, None),
        ("0", 0, None),
        ("", None, None),
        ("-", None, None),
        ("hơn 1 tỷ", None, "hơn 1 tỷ"),
        ("khoảng 2 tỷ", None, "khoảng 2 tỷ"),
        ("50.000 USD", None, "50.000 USD"),
        ("$5000", None, "$5000"),
        ("30 triệu/tháng", None, "30 triệu/tháng"),
        ("150 triệu (6 tháng)", None, "150 triệu (6 tháng)"),
        ("1-2 tỷ", None, "1-2 tỷ"),
        ("1,5", None, "1,5"),
        ("1 triệu 2 tỷ", None, "1 triệu 2 tỷ"),
        ("Tiết kiệm 200 giờ công", None, "Tiết kiệm 200 giờ công"),
    ],
)
def test_money_as_people_write_it(written, amount, note):
    assert values.money(written) == (amount, note)


@pytest.mark.parametrize(
    "written, day",
    [
        ("15/08/2022", "2022-08-15"),
        ("15-8-2022", "2022-08-15"),
        ("15.08.2022", "2022-08-15"),
        ("15/8/22", "2022-08-15"),
        ("2022-08-15", "2022-08-15"),
        ("2022-08-15 00:00:00", "2022-08-15"),
        ("ngày 15 tháng 8 năm 2022", "2022-08-15"),
        (44788, "2022-08-15"),
        (44788.75, "2022-08-15"),
        ("44788", "2022-08-15"),
        (dt.datetime(2022, 8, 15, 9, 30), "2022-08-15"),
        (dt.date(2022, 8, 15), "2022-08-15"),
    ],
)
def test_dates_as_people_write_them(written, day):
    assert values.day(written) == day


@pytest.mark.parametrize(
    "written, reason",
    [
        ("30/02/2022", "ngày 30/02/2022 không tồn tại"),
        ("08/2022", "không phải ngày (ghi ngày/tháng/năm, ví dụ 15/08/2022)"),
        (12, "năm 1900 không hợp lý (từ 1990 đến 2100)"),
    ],
)
def test_dates_that_are_not(written, reason):
    with pytest.raises(values.Refused, match=f"^{reason}$".replace("(", r"\(").replace(")", r"\)")):
        values.day(written)


@pytest.mark.parametrize(
    "written, answer",
    [
        *[("có", True), ("Có", True), ("x", True), ("TRUE", True), (True, True), (1, True), ("Đồng ý", True)],
        *[("không", False), ("Không đồng ý", False), ("FALSE", False), ("", False), (None, False), (0, False)],
    ],
)
def test_consent_as_people_write_it(written, answer):
    assert values.consent(written) is answer


def test_an_unclear_consent_is_refused_rather_than_taken_for_yes():
    with pytest.raises(values.Refused, match="không rõ có đồng ý hay không"):
        values.consent("chưa hỏi")


@pytest.mark.parametrize(
    "written, status",
    [
        *[("Đã duyệt", "approved"), ("da duyet", "approved"), ("Chờ duyệt", "pending"), ("Từ chối", "rejected")],
        *[("Đã rút", "withdrawn"), ("approved", "approved")],
    ],
)
def test_status_words(written, status):
    assert values.status(written) == status


def test_several_names_in_one_cell():
    assert values.items("Nguyễn Văn A; Trần Thị B") == ["Nguyễn Văn A", "Trần Thị B"]
    assert values.items("Nguyễn Văn A, Trần Thị B") == ["Nguyễn Văn A", "Trần Thị B"]
    assert values.items("1. Nguyễn Văn A\n2. Trần Thị B\n") == ["Nguyễn Văn A", "Trần Thị B"]
    assert values.items("Tổ cơ điện, phân xưởng 2; Lê C") == ["Tổ cơ điện, phân xưởng 2", "Lê C"]
    assert values.items("  Nguyễn   Văn  A  ") == ["Nguyễn Văn A"]


# --- what is written reads back exactly ---------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=80), st.lists(st.text(min_size=1, max_size=10), max_size=3))
def test_what_is_written_reads_back_exactly(text, tags):
    data = {"id": "X-0001", "title": text, "problem": text + "\n\n" + text, "tags": tags}
    data |= {"authors": [{"name": text, "consent_public": False}], "organization": {"name": text, "kind": "khac"}}
    state = {"status": "approved", "tags": tags}
    rendered = writer.render(data, state)
    assert parse_yaml(rendered).data == data
    assert writer.read_state(rendered) == state


def test_the_files_of_an_import_are_checked_at_the_column_they_came_from(tmp_path, content, capsys):
    """A problem only the checker finds (a phone number in the summary) is reported at its column."""
    export = workbook(tmp_path / "xuat.xlsx", [row(1, "P-0001", summary="Gọi anh An: 0912 345 678.")])
    code, _, err = run_import(capsys, export, content)
    assert code == 1
    assert err == [
        f"{export}:5: Tóm tắt: có số điện thoại («0912 345 678»); thông tin cá nhân không được đăng "
        "(chỉ press_contact được ghi số điện thoại, thư điện tử)"
    ]
    assert not (content / FOLDER / "p-0001.yml").exists()


def test_an_unreadable_file_in_the_way_is_reported_not_overwritten(tmp_path, content, capsys):
    export = workbook(tmp_path / "xuat.xlsx", [row(1, "U-0001")])
    run_import(capsys, export, content)
    path = content / FOLDER / "u-0001.yml"
    path.write_text("id: [\n", encoding="utf-8")
    export = workbook(tmp_path / "xuat2.xlsx", [row(1, "U-0001", title="Mới")])
    code, _, err = run_import(capsys, export, content)
    assert code == 1 and len(err) == 1
    assert err[0].startswith(f"{export}:5: content/{FOLDER}/u-0001.yml: tệp đã có không đọc được (dòng 2: YAML")
    assert path.read_text(encoding="utf-8") == "id: [\n"
