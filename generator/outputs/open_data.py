"""Open data: every published initiative as CSV and JSON, for the whole country, for each province and for the
national units that name no province.

Only what the initiative pages themselves publish: approved records, authors' names only with their consent,
no photos (only a count of the publishable ones), the union's press contact on purpose.

The files are streamed: one pass over the records writes the country files and the province files together,
a row at a time, so 10^5 records never sit in memory as one text. Each file is written under a temporary name
and moved into place when complete.

CSV is UTF-8 with a BOM (Excel then reads Vietnamese correctly). Every value comes from the public, and someone
else's code may show it as HTML or as Markdown: every text value goes through the pages' sanitiser after entity
decoding (markup.safe_text, markup.safe_source), so no tag and no script link reaches a file. In CSV, a text cell
that starts with `=`, `+`, `-` or `@` also gets a leading `'`: a spreadsheet would otherwise run it as a formula
(CSV injection).
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from typing import IO

from generator import routes
from generator.catalogue.model import NATIONAL_UNITS
from generator.common import files
from generator.common.formatting import ORGANIZATION_KINDS
from generator.render.markup import safe_source, safe_text

LICENCE = "CC BY 4.0"
TITLE = "Sáng kiến đã được công nhận — Một triệu sáng kiến"

# Text typed by the public: said in its description, since the value then differs from the page.
_GUARD = (
    " Thực thể HTML đã giải mã, thẻ HTML đã bỏ. CSV: thêm dấu ' trước giá trị bắt đầu bằng =, +, - hoặc @"
    " (chống chèn công thức)."
)
_MARKDOWN = (
    "Markdown như đã viết; chỉ giữ liên kết http, https, mailto (liên kết khác và ảnh chỉ còn chữ), "
    "bỏ dấu hai chấm sau javascript, vbscript, data." + _GUARD
)

FIELDS: list[tuple[str, str, str]] = [
    ("id", "văn bản", "Mã sáng kiến, không đổi."),
    ("url", "địa chỉ web", "Địa chỉ cố định của trang sáng kiến."),
    ("title", "văn bản", "Tên sáng kiến." + _GUARD),
    ("summary", "văn bản", "Tóm tắt một đoạn." + _GUARD),
    (
        "province",
        "văn bản",
        "Tỉnh, thành phố (34 đơn vị từ 1/7/2025), tên ngắn; trống với sáng kiến của đơn vị trung ương "
        "không gắn với tỉnh, thành nào.",
    ),
    ("province_code", "văn bản", "Mã tỉnh, thành phố; trống nếu không có tỉnh."),
    ("former_province", "văn bản", "Tỉnh cũ (trước sáp nhập 2025) ghi trong hồ sơ; trống nếu không có."),
    (
        "union",
        "văn bản",
        "Công đoàn đã gửi sáng kiến: liên đoàn lao động tỉnh, thành phố, hoặc công đoàn ngành trung ương, "
        "công đoàn tập đoàn, tổng công ty trực thuộc Tổng Liên đoàn (đơn vị trung ương).",
    ),
    ("sector", "văn bản", "Lĩnh vực (ngành kinh tế)."),
    ("sector_code", "văn bản", "Mã ngành cấp 1 theo VSIC 2018 (chữ A–U)."),
    ("organization", "văn bản", "Đơn vị áp dụng, như ghi trong hồ sơ; trống nếu không có." + _GUARD),
    ("organization_kind", "văn bản", "Loại đơn vị: " + ", ".join(ORGANIZATION_KINDS.values()) + "."),
    (
        "authors",
        "danh sách văn bản",
        "Tên các tác giả đồng ý công khai tên (CSV: nối bằng “; ”). "
        "Tác giả không đồng ý không có trong dữ liệu." + _GUARD,
    ),
    ("approved_on", "ngày (YYYY-MM-DD)", "Ngày công nhận."),
    ("year", "số nguyên", "Năm công nhận."),
    ("recognition", "văn bản", "Cấp công nhận; trống nếu không ghi."),
    ("benefit_vnd", "số nguyên", "Giá trị làm lợi mỗi năm, đồng; trống (JSON: null) nếu không ghi."),
    (
        "benefit_note",
        "văn bản",
        "Giá trị làm lợi theo lời của hồ sơ (khoản một lần, ngoại tệ, một giai đoạn…); "
        "có thể có cả khi benefit_vnd trống." + _GUARD,
    ),
    ("programme", "văn bản", "Phong trào thi đua; trống nếu không ghi."),
    ("tags", "danh sách văn bản", "Từ khóa (CSV: nối bằng “; ”)." + _GUARD),
    ("problem", "Markdown", "Vấn đề. " + _MARKDOWN),
    ("solution", "Markdown", "Giải pháp. " + _MARKDOWN),
    ("results", "Markdown", "Kết quả. " + _MARKDOWN),
    ("press_contact_name", "văn bản", "Đầu mối liên hệ báo chí (công đoàn), công khai có chủ đích." + _GUARD),
    ("press_contact_email", "văn bản", "Thư điện tử liên hệ báo chí." + _GUARD),
    ("press_contact_phone", "văn bản", "Điện thoại liên hệ báo chí." + _GUARD),
    ("photos", "số nguyên", "Số ảnh được đăng trên trang (ảnh không có trong dữ liệu)."),
]
NAMES = [name for name, _, _ in FIELDS]

_FORMULA = ("=", "+", "-", "@")


def write(catalogue, out: Path, base_url: str) -> list[dict]:
    """Write `du-lieu/sang-kien.csv`, `du-lieu/sang-kien.json` (all published initiatives),
    `du-lieu/tinh/<province slug>.csv|.json` (one pair per province that has initiatives) and
    `du-lieu/cong-doan-nganh.csv|.json` (national units' initiatives that name no province) under `out`.
    Returns one entry per file: {"path": "du-lieu/...", "format": "CSV"|"JSON", "province": name or None,
    "records": n, "bytes": size}, for the data page to list."""
    counts, newest = _census(catalogue.initiatives)
    scopes = [(p.slug, routes.open_data_of_province(p.slug), p.name) for p in catalogue.taxonomy.provinces]
    scopes = [s for s in [*scopes, (routes.UNIONS, routes.open_data(routes.UNIONS), NATIONAL_UNITS)] if counts[s[0]]]
    recognition = catalogue.taxonomy.recognition
    with ExitStack() as stack:
        everything = stack.enter_context(
            _Pair(out, routes.open_data(routes.INITIATIVES), None, TITLE, len(catalogue.initiatives), newest.get(None))
        )
        local = {
            key: stack.enter_context(_Pair(out, stem, name, f"{TITLE} — {name}", counts[key], newest[key]))
            for key, stem, name in scopes
        }
        line = _CsvLine()
        for i in catalogue.initiatives:
            # Serialised once, written twice: to the country files and to the province files.
            row = record(i, base_url, recognition)
            row_csv, text = line([csv_cell(row[name]) for name in NAMES]), json.dumps(row, ensure_ascii=False)
            everything.add(row_csv, text)
            local[_scope(i)].add(row_csv, text)
        everything.finish()
        for pair in local.values():
            pair.finish()
    return everything.entries + [e for key, _, _ in scopes for e in local[key].entries]


def _scope(i) -> str:
    """The file beside the country's that holds a record: its province's, or the national units'."""
    return i.province.slug if i.province else routes.UNIONS


def record(i, base_url: str, recognition: dict[str, str]) -> dict:
    """One initiative as published data, in FIELDS order: None where a value is absent, lists as lists."""
    r = i.record
    org, contact = r.organization, r.press_contact
    return {
        "id": r.id,
        "url": base_url + i.url,
        "title": safe_text(r.title),
        "summary": safe_text(r.summary),
        "province": i.province.name if i.province else None,
        "province_code": i.province.code if i.province else None,
        "former_province": i.former_province,
        "union": i.union.name,
        "sector": i.sector.label,
        "sector_code": i.sector.section,
        "organization": safe_text(org.name) if org else None,
        "organization_kind": ORGANIZATION_KINDS.get(org.kind, org.kind) if org else None,
        "authors": [safe_text(a.name) for a in r.authors if a.consent_public],  # never a name without consent
        "approved_on": r.approved_on.isoformat(),
        "year": r.approved_on.year,
        "recognition": recognition.get(r.recognition, r.recognition) if r.recognition else None,
        "benefit_vnd": r.benefit_vnd,
        "benefit_note": safe_text(r.benefit_note),
        "programme": i.programme.name if i.programme else None,
        "tags": [safe_text(t) for t in r.tags],
        "problem": safe_source(r.problem),
        "solution": safe_source(r.solution),
        "results": safe_source(r.results),
        "press_contact_name": safe_text(contact.name) if contact else None,
        "press_contact_email": safe_text(contact.email) if contact else None,
        "press_contact_phone": safe_text(contact.phone) if contact else None,
        "photos": sum(1 for image in r.images if image.publishable),
    }


def csv_cell(value) -> str:
    """A value as a CSV cell: lists joined with "; ", absent as empty, formula-like text defused."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(value)
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA) else value
    return str(value)


def _census(initiatives) -> tuple[Counter, dict]:
    """Records per province and the newest approval date per province (None: all), known before writing
    because the JSON header states them ahead of the records."""
    counts: Counter = Counter()
    newest: dict = {}
    for i in initiatives:
        day = i.record.approved_on
        counts[_scope(i)] += 1
        for key in (None, _scope(i)):
            if key not in newest or day > newest[key]:
                newest[key] = day
    return counts, newest


class _CsvLine:
    """Cells -> one CSV row as text (QUOTE_MINIMAL, CRLF line end), to write the same row to two files."""

    def __init__(self):
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, quoting=csv.QUOTE_MINIMAL)

    def __call__(self, cells: list[str]) -> str:
        self.buffer.seek(0)
        self.buffer.truncate()
        self.writer.writerow(cells)
        return self.buffer.getvalue()


class _Pair:
    """The CSV and JSON files of one scope (the country or one province), written as records arrive."""

    def __init__(self, out: Path, stem: str, province: str | None, title: str, count: int, newest):
        self.out, self.stem, self.province = out, stem, province
        self.head = {
            "ten": title,
            "ngay_du_lieu": newest.isoformat() if newest else None,
            "giay_phep": LICENCE,
            "so_ban_ghi": count,
            "truong": NAMES,
        }
        self.records = 0
        self.entries: list[dict] = []
        self.files: list[IO] = []

    def __enter__(self):
        try:
            self._start()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _start(self) -> None:
        self._path("csv").parent.mkdir(parents=True, exist_ok=True)
        # utf-8-sig writes the BOM; newline="" keeps the csv module's \r\n and newlines inside cells as they are.
        self.csv_file = self._open("csv", encoding="utf-8-sig", newline="")
        self.csv_file.write(_CsvLine()(NAMES))
        self.json_file = self._open("json", encoding="utf-8", newline="\n")
        head = ", ".join(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in self.head.items())
        self.json_file.write("{" + head + ', "ban_ghi": [')

    def add(self, row: str, text: str) -> None:
        """One record: its CSV row and its JSON text."""
        self.csv_file.write(row)
        self.json_file.write(("\n" if not self.records else ",\n") + text)
        self.records += 1

    def finish(self) -> None:
        """Close both files and move them into place."""
        self.json_file.write("\n]}\n")
        for file in self.files:
            file.close()
        for ext, kind in (("csv", "CSV"), ("json", "JSON")):
            path = self._path(ext)
            os.replace(files.temporary(path), path)
            self.entries.append(
                {
                    "path": f"{self.stem}.{ext}",
                    "format": kind,
                    "province": self.province,
                    "records": self.records,
                    "bytes": path.stat().st_size,
                }
            )
        self.files = []

    def __exit__(self, *exc) -> None:
        """On an error, close and remove what was half written; the files already in place stay."""
        for file in self.files:
            file.close()
            Path(file.name).unlink(missing_ok=True)
        self.files = []

    def _open(self, ext: str, **kwargs):
        # Open for the whole pass; closed by finish() or __exit__().
        file = open(files.temporary(self._path(ext)), "w", **kwargs)  # noqa: SIM115
        self.files.append(file)
        return file

    def _path(self, ext: str) -> Path:
        return self.out / f"{self.stem}.{ext}"
