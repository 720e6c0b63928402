"""Open data (generator/exports.py): exactly the published records, readable, safe in a spreadsheet."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pytest
import yaml

from generator.catalogue.model import Catalogue
from generator.outputs import open_data as exports

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
BASE = "https://sangkien.example.org/"
HOSTILE = '=HYPERLINK("http://x")'


@pytest.fixture(scope="module")
def written(catalogue, tmp_path_factory):
    out = tmp_path_factory.mktemp("open-data")
    return out, exports.write(catalogue, out, BASE)


def _csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _as_cell(value) -> str:
    """A JSON value as the CSV shows it."""
    return exports.csv_cell(value)


def test_all_file_holds_exactly_the_published_records(catalogue, written):
    out, files = written
    assert files[0] == {
        "path": "du-lieu/sang-kien.csv",
        "format": "CSV",
        "province": None,
        "records": len(catalogue.initiatives),
        "bytes": (out / "du-lieu/sang-kien.csv").stat().st_size,
    }
    raw = (out / "du-lieu/sang-kien.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    rows = _csv(out / "du-lieu/sang-kien.csv")
    assert list(rows[0]) == [name for name, _, _ in exports.FIELDS]
    assert [r["id"] for r in rows] == [i.id for i in catalogue.initiatives]
    assert len(rows) == len(catalogue.initiatives) == catalogue.totals.initiatives
    assert sum(int(r["benefit_vnd"] or 0) for r in rows) == catalogue.totals.benefit_vnd


def test_vietnamese_text_is_intact(catalogue, written):
    out, _ = written
    rows = {r["id"]: r for r in _csv(out / "du-lieu/sang-kien.csv")}
    records = {r["id"]: r for r in _json(out / "du-lieu/sang-kien.json")["ban_ghi"]}
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
        text = (out / f["path"]).read_text(encoding="utf-8-sig")
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
        text = (out / f["path"]).read_text(encoding="utf-8-sig")
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
        assert data["giay_phep"] == "CC BY 4.0"
        assert data["so_ban_ghi"] == len(data["ban_ghi"]) == len(rows) == f["records"]
        assert data["truong"] == [name for name, _, _ in exports.FIELDS]
        assert data["ngay_du_lieu"] == max(r["approved_on"] for r in data["ban_ghi"])
        for record, row in zip(data["ban_ghi"], rows, strict=True):
            assert list(record) == data["truong"]
            assert isinstance(record["authors"], list) and isinstance(record["tags"], list)
            assert record["benefit_vnd"] is None or isinstance(record["benefit_vnd"], int)
            assert {k: _as_cell(v) for k, v in record.items()} == row
    everything = _json(out / "du-lieu/sang-kien.json")
    assert everything["ngay_du_lieu"] == catalogue.initiatives[0].record.approved_on.isoformat()


def test_formula_like_values_are_defused_in_csv_only(catalogue, tmp_path):
    first = catalogue.initiatives[0]
    hostile = dataclasses.replace(
        first, record=first.record.model_copy(update={"title": HOSTILE, "tags": ["+1", "@me", "-x", "an toàn"]})
    )
    copy = Catalogue(catalogue.taxonomy, [hostile, *catalogue.initiatives[1:]], list(catalogue.stories))
    exports.write(copy, tmp_path, BASE)
    row = _csv(tmp_path / "du-lieu/sang-kien.csv")[0]
    assert row["title"] == "'" + HOSTILE
    assert row["tags"] == "'+1; @me; -x; an toàn"  # the cell starts with "+": one quote in front
    local = _csv(tmp_path / f"du-lieu/tinh/{first.province.slug}.csv")
    assert local[0]["title"] == "'" + HOSTILE
    record = _json(tmp_path / "du-lieu/sang-kien.json")["ban_ghi"][0]
    assert record["title"] == HOSTILE and record["tags"] == ["+1", "@me", "-x", "an toàn"]


def test_output_is_deterministic_and_leaves_no_temporary_files(catalogue, written, tmp_path):
    out, files = written
    again = exports.write(catalogue, tmp_path, BASE)
    assert again == files
    for f in files:
        assert (tmp_path / f["path"]).read_bytes() == (out / f["path"]).read_bytes()
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]


def test_empty_catalogue_still_writes_the_all_files(catalogue, tmp_path):
    files = exports.write(Catalogue(catalogue.taxonomy), tmp_path, BASE)
    assert [f["path"] for f in files] == ["du-lieu/sang-kien.csv", "du-lieu/sang-kien.json"]
    assert _json(tmp_path / "du-lieu/sang-kien.json")["ban_ghi"] == []
    assert _csv(tmp_path / "du-lieu/sang-kien.csv") == []


def test_data_dictionary_names_are_stable_ascii():
    names = [name for name, _, _ in exports.FIELDS]
    assert len(names) == len(set(names))
    assert all(name.isascii() and name == name.lower() and " " not in name for name in names)
    assert all(kind and meaning for _, kind, meaning in exports.FIELDS)
