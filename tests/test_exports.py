"""Open data (generator/outputs/open_data.py): exactly the published records, readable, safe in a spreadsheet,
the same in every format (CSV, CSV for Excel, JSON, the workbook)."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import random
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest
import yaml

from generator.catalogue.model import Catalogue
from generator.outputs import dictionary, workbook
from generator.outputs import open_data as exports

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
BASE = "https://sangkien.example.org/"
HOSTILE = '=HYPERLINK("http://x")'
PUBLISHED = dt.date(2026, 11, 20)
NAMES = dictionary.NAMES


@pytest.fixture(scope="module")
def written(catalogue, tmp_path_factory):
    out = tmp_path_factory.mktemp("open-data")
    return out, exports.write(catalogue, out, BASE, PUBLISHED)


def _csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _text(path: Path) -> str:
    """Everything a file says, as text: a workbook's every cell of every sheet."""
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path, read_only=True)
        return "\n".join(str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v)
    return path.read_text(encoding="utf-8-sig")


def _as_cell(value) -> str:
    """A JSON value as the CSV shows it."""
    return exports.csv_cell(value)


def test_all_file_holds_exactly_the_published_records(catalogue, written):
    out, files = written
    assert [f["path"] for f in files[:4]] == [
        "du-lieu/sang-kien.xlsx",
        "du-lieu/sang-kien-excel.csv",
        "du-lieu/sang-kien.csv",
        "du-lieu/sang-kien.json",
    ]
    assert files[2] == {
        "path": "du-lieu/sang-kien.csv",
        "kind": "csv",
        "format": "CSV",
        "media_type": "text/csv",
        "province": None,
        "records": len(catalogue.initiatives),
        "bytes": (out / "du-lieu/sang-kien.csv").stat().st_size,
    }
    raw = (out / "du-lieu/sang-kien.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # for programs: RFC 4180, UTF-8, no byte-order mark
    assert raw.startswith(b"id,url,title,") and b"\r\n" in raw
    rows = _csv(out / "du-lieu/sang-kien.csv")
    assert list(rows[0]) == NAMES
    # The provinces' files one after another (in the list's order, the national units last), each as the site
    # lists it: the country's file is put together from theirs.
    places = [p.slug for p in catalogue.taxonomy.provinces]
    by_place = sorted(catalogue.initiatives, key=lambda i: places.index(i.province.slug) if i.province else len(places))
    assert [r["id"] for r in rows] == [i.id for i in by_place]
    assert len(rows) == len(catalogue.initiatives) == catalogue.totals.initiatives
    assert sum(int(r["benefit_vnd"] or 0) for r in rows) == catalogue.totals.benefit_vnd


def test_vietnamese_text_is_intact(catalogue, written):
    out, _ = written
    rows = {r["id"]: r for r in _csv(out / "du-lieu/sang-kien.csv")}
    records = {r["id"]: r for r in _json(out / "du-lieu/sang-kien.json")["records"]}
    marked = next(i for i in catalogue.initiatives if any(c in i.record.title for c in "ăâđêôơưĐạảấầẩẫậắằẳẵặ"))
    assert rows[marked.id]["title"] == marked.record.title
    assert records[marked.id]["title"] == marked.record.title
    assert rows[marked.id]["province"] == marked.province.name


def test_fields_are_what_the_page_publishes(catalogue, written):
    out, _ = written
    rows = {r["id"]: r for r in _csv(out / "du-lieu/sang-kien.csv")}
    for i in catalogue.initiatives:
        row, r = rows[i.id], i.record
        assert row["url"] == BASE + i.url
        assert row["sector_code"] == i.sector.section and row["province_code"] == i.province.code
        assert row["approved_on"] == r.approved_on.isoformat() and row["year"] == str(r.approved_on.year)
        assert row["authors"] == "; ".join(a.name for a in r.authors if a.consent_public)
        assert row["photos"] == str(sum(1 for image in r.images if image.publishable))
        if r.recognition:
            assert row["recognition"] == catalogue.taxonomy.recognition[r.recognition]
        if r.press_contact:
            assert row["press_contact_name"] == r.press_contact.name


def _withheld_names(catalogue) -> set[str]:
    names = set()
    for path in sorted((CONTENT / "initiatives").rglob("*.yml")):
        for author in yaml.safe_load(path.read_text(encoding="utf-8")).get("authors") or []:
            if not author.get("consent_public"):
                names.add(author["name"])
    consenting = {a.name for i in catalogue.initiatives for a in i.record.authors if a.consent_public}
    return names - consenting  # a namesake who agreed may be named


def test_no_author_without_consent_in_any_file(catalogue, written):
    out, files = written
    names = _withheld_names(catalogue)
    assert names, "the sample content should have authors who withheld consent"
    for f in files:
        text = _text(out / f["path"])
        for name in names:
            assert name not in text, (f["path"], name)


def test_records_not_approved_are_absent(written):
    out, files = written
    hidden = []
    for path in sorted((CONTENT / "initiatives").rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("status") != "approved":
            hidden.append(data["id"])
    assert hidden
    for f in files:
        text = _text(out / f["path"])
        for record_id in hidden:
            assert record_id not in text and record_id.lower() not in text, (f["path"], record_id)


def test_province_files_partition_the_all_file(catalogue, written):
    out, files = written
    all_rows = _csv(out / "du-lieu/sang-kien.csv")
    local = [f for f in files if f["province"]]
    names = {p.name: p for p in catalogue.taxonomy.provinces}
    seen = []
    for f in local:
        assert f["path"].startswith("du-lieu/tinh/")
        if f["format"] != "CSV":
            continue
        rows = _csv(out / f["path"])
        assert len(rows) == f["records"] > 0
        assert {r["province"] for r in rows} == {f["province"]}
        assert f["path"] == f"du-lieu/tinh/{names[f['province']].slug}.csv"
        seen += rows
    assert sorted(r["id"] for r in seen) == sorted(r["id"] for r in all_rows)
    assert len(seen) == len(all_rows)
    assert {f["province"] for f in local} == {i.province.name for i in catalogue.initiatives}
    for f in files:
        assert (out / f["path"]).stat().st_size == f["bytes"]


def test_json_matches_the_csv(catalogue, written):
    out, files = written
    for f in files:
        if f["format"] != "JSON":
            continue
        data = _json(out / f["path"])
        rows = _csv(out / f["path"].replace(".json", ".csv"))
        # One language for keys, English like the records'; the data's date is its publication day.
        assert list(data) == [
            "title", "publisher", "date_published", "license", "license_url", "license_page", "dictionary",
            "record_count", "fields", "records",
        ]  # fmt: skip
        assert all(key.isascii() for record in data["records"] for key in record)
        assert data["license"] == "CC BY 4.0" and data["license_url"].startswith("https://creativecommons.org/")
        assert data["license_page"] == BASE + "giay-phep/" and data["dictionary"] == BASE + "du-lieu/tu-dien.json"
        assert data["record_count"] == len(data["records"]) == len(rows) == f["records"]
        assert data["fields"] == NAMES
        assert data["date_published"] == "2026-11-20"
        for record, row in zip(data["records"], rows, strict=True):
            assert list(record) == data["fields"]
            assert isinstance(record["authors"], list) and isinstance(record["tags"], list)
            assert record["benefit_vnd"] is None or isinstance(record["benefit_vnd"], int)
            assert {k: _as_cell(v) for k, v in record.items()} == row


def test_the_workbook_has_typed_cells_codes_as_text_and_the_same_records_and_sums(catalogue, written):
    out, _ = written
    # Its data sheet is the provinces' compressed rows one after another: every entry inflates to its CRC.
    with zipfile.ZipFile(out / "du-lieu/sang-kien.xlsx") as archive:
        assert archive.testzip() is None
    book = openpyxl.load_workbook(out / "du-lieu/sang-kien.xlsx")
    assert book.sheetnames == ["Sáng kiến", "Từ điển dữ liệu"]
    sheet = book["Sáng kiến"]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width == 50  # the title: wide enough to read
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert list(header) == NAMES
    cells = [dict(zip(NAMES, row, strict=True)) for row in rows]
    records = _json(out / "du-lieu/sang-kien.json")["records"]
    plain = _csv(out / "du-lieu/sang-kien.csv")
    assert [c["id"] for c in cells] == [r["id"] for r in records] == [r["id"] for r in plain]
    for cell, record in zip(cells, records, strict=True):
        assert cell["approved_on"] == dt.datetime.fromisoformat(record["approved_on"])  # a date, not text
        assert isinstance(cell["year"], int) and isinstance(cell["photos"], int)
        assert cell["benefit_vnd"] == record["benefit_vnd"]
        assert cell["province_code"] == record["province_code"]  # "01" stays "01"
        assert cell["title"] == record["title"] and cell["authors"] == ("; ".join(record["authors"]) or None)
    assert any(c["province_code"] and c["province_code"].startswith("0") for c in cells)
    benefit = sum(c["benefit_vnd"] or 0 for c in cells)
    assert benefit == sum(int(r["benefit_vnd"] or 0) for r in plain) == catalogue.totals.benefit_vnd
    money = next(row for row in sheet.iter_rows(min_row=2) if row[NAMES.index("benefit_vnd")].value)
    assert money[NAMES.index("benefit_vnd")].data_type == "n" and money[NAMES.index("province_code")].data_type == "s"
    assert money[NAMES.index("approved_on")].is_date
    words = list(book["Từ điển dữ liệu"].iter_rows(values_only=True))
    assert [row[0] for row in words[1:]] == NAMES and all(row[5] for row in words[1:])


def test_the_csv_for_excel_uses_semicolons_a_bom_and_keeps_codes_as_text(written):
    out, files = written
    for f in files:
        if f["kind"] != "excel":
            continue
        raw = (out / f["path"]).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbfid;url;title;")  # Excel reads UTF-8 after a BOM; vi-VN lists with ";"
        with (out / f["path"]).open(encoding="utf-8-sig", newline="") as text:
            excel = list(csv.DictReader(text, delimiter=";"))
        plain = _csv(out / f["path"].replace("-excel.csv", ".csv"))
        assert len(excel) == len(plain) == f["records"] > 0
        for e, p in zip(excel, plain, strict=True):
            for name in NAMES:
                if name in ("id", "province_code", "sector_code", "press_contact_phone") and p[name]:
                    assert e[name] == f'="{p[name]}"', name  # a formula Excel shows as the text 01
                else:
                    assert e[name] == p[name], name


def test_the_dictionary_is_typed_and_says_each_note_once(written):
    out, _ = written
    data = _json(out / "du-lieu/tu-dien.json")
    fields = data["fields"]
    assert [f["name"] for f in fields] == NAMES
    for f in fields:
        assert set(f) == {"name", "label", "type", "type_label", "unit", "example", "description", "public_text"}
        assert f["type"] in dictionary.TYPES and f["label"] and f["description"]
    by_name = {f["name"]: f for f in fields}
    assert by_name["benefit_vnd"]["type"] == "integer" and by_name["benefit_vnd"]["unit"] == "đồng/năm"
    assert by_name["approved_on"]["type"] == "date" and by_name["province_code"]["example"] == "01"
    descriptions = [f["description"] for f in fields]
    assert len(set(descriptions)) == len(descriptions)  # no note repeated row after row
    assert data["note"] == dictionary.FROM_THE_PUBLIC and not any(data["note"] in d for d in descriptions)


def test_formula_like_values_are_defused_in_csv_only(catalogue, tmp_path):
    first = catalogue.initiatives[0]
    hostile = dataclasses.replace(
        first, record=first.record.model_copy(update={"title": HOSTILE, "tags": ["+1", "@me", "-x", "an toàn"]})
    )
    copy = Catalogue(catalogue.taxonomy, [hostile, *catalogue.initiatives[1:]], list(catalogue.stories))
    exports.write(copy, tmp_path, BASE, PUBLISHED)
    row = next(r for r in _csv(tmp_path / "du-lieu/sang-kien.csv") if r["id"] == first.id)
    assert row["title"] == "'" + HOSTILE
    assert row["tags"] == "'+1; @me; -x; an toàn"  # the cell starts with "+": one quote in front
    local = _csv(tmp_path / f"du-lieu/tinh/{first.province.slug}.csv")
    assert local[0]["title"] == "'" + HOSTILE
    record = next(r for r in _json(tmp_path / "du-lieu/sang-kien.json")["records"] if r["id"] == first.id)
    assert record["title"] == HOSTILE and record["tags"] == ["+1", "@me", "-x", "an toàn"]
    with (tmp_path / "du-lieu/sang-kien-excel.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
        assert next(r for r in rows if r["id"] == f'="{first.id}"')["title"] == "'" + HOSTILE
    # The workbook writes it as text: a cell that is not a formula needs no quote.
    sheet = openpyxl.load_workbook(tmp_path / "du-lieu/sang-kien.xlsx")["Sáng kiến"]
    cell = next(row[2] for row in sheet.iter_rows(min_row=2) if row[0].value == first.id)
    assert cell.value == HOSTILE and cell.data_type == "s"


def test_output_is_deterministic_and_leaves_no_temporary_files(catalogue, written, tmp_path):
    out, files = written
    again = exports.write(catalogue, tmp_path, BASE, PUBLISHED)
    assert again == files
    for f in files:
        assert (tmp_path / f["path"]).read_bytes() == (out / f["path"]).read_bytes()
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]


def test_the_countrys_files_left_for_later_are_listed_at_the_size_they_are_written(catalogue, written, tmp_path):
    # A warm build lists the data files while the country's are still to be put together from the provinces'.
    out, files = written
    later: list[exports.Joined] = []
    listed = exports.write(catalogue, tmp_path / "out", BASE, PUBLISHED, parts=tmp_path / "parts", later=later)
    assert listed == files
    assert sorted(j.path.name for j in later) == ["sang-kien-excel.csv", "sang-kien.csv", "sang-kien.json"]
    assert not any(j.path.exists() for j in later)
    for joined in later:
        joined.write()
    for f in files:
        assert (tmp_path / "out" / f["path"]).read_bytes() == (out / f["path"]).read_bytes()
        assert (out / f["path"]).stat().st_size == f["bytes"]
    empty: list[exports.Joined] = []
    none = exports.write(
        Catalogue(catalogue.taxonomy), tmp_path / "none", BASE, PUBLISHED, parts=tmp_path / "p", later=empty
    )
    for joined in empty:
        joined.write()
    assert all((tmp_path / "none" / f["path"]).stat().st_size == f["bytes"] for f in none)


def test_the_records_lie_once_on_disk_and_a_new_date_or_a_damaged_file_still_gives_what_a_cold_write_does(
    catalogue, written, tmp_path
):
    # The parts kept between builds hold the workbook's rows, not a third copy of the text: the country's files
    # are put together from the provinces' own.
    out, parts = tmp_path / "out", tmp_path / "parts"
    assert exports.write(catalogue, out, BASE, PUBLISHED, parts=parts) == written[1]
    kept = {p.name for p in parts.rglob("*") if p.is_file()}
    assert kept == {"part.json", exports._Part.ROWS}
    provinces = sum(p.stat().st_size for p in (out / "du-lieu/tinh").iterdir())
    assert sum(p.stat().st_size for p in parts.rglob("*") if p.is_file()) < provinces / 4

    def same_as_cold(day: dt.date) -> None:
        cold = tmp_path / f"cold-{day}"
        files = exports.write(catalogue, cold, BASE, day)
        assert exports.write(catalogue, out, BASE, day, parts=parts) == files
        for f in files:
            assert (out / f["path"]).read_bytes() == (cold / f["path"]).read_bytes(), f["path"]

    same_as_cold(PUBLISHED + dt.timedelta(days=1))  # every heading changes, no record does
    damaged = out / "du-lieu/tinh/ha-noi.csv"
    damaged.write_bytes(damaged.read_bytes()[:-40])
    (out / "du-lieu/tinh/ha-noi.json").unlink()
    same_as_cold(PUBLISHED + dt.timedelta(days=1))


def test_empty_catalogue_still_writes_the_all_files(catalogue, tmp_path):
    files = exports.write(Catalogue(catalogue.taxonomy), tmp_path, BASE, PUBLISHED)
    assert [f["path"] for f in files] == [f"du-lieu/sang-kien{s}" for s in (".xlsx", "-excel.csv", ".csv", ".json")]
    assert _json(tmp_path / "du-lieu/sang-kien.json")["records"] == []
    assert _csv(tmp_path / "du-lieu/sang-kien.csv") == []


def test_data_dictionary_names_are_stable_ascii():
    assert len(NAMES) == len(set(NAMES))
    assert all(name.isascii() and name == name.lower() and " " not in name for name in NAMES)


def test_the_crc_of_runs_one_after_another_is_worked_out_from_theirs():
    rng = random.Random(3)
    for size_a, size_b in [(0, 0), (0, 5), (5, 0), (1, 1), (100, 3000), (70_000, 1), (3, 1 << 17)]:
        a, b = rng.randbytes(size_a), rng.randbytes(size_b)
        assert workbook._crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)
