"""The open data's dictionary: every field with its type, unit, an example and what it means.

Keys and field names are English (as in the records); labels, units and descriptions are Vietnamese, for readers.
The page, the JSON dictionary and the workbook's second sheet are all written from `FIELDS`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from generator.common.formatting import ORGANIZATION_KINDS

# Machine type -> how the page and the workbook say it.
TYPES = {
    "string": "văn bản",
    "code": "mã (văn bản)",
    "url": "địa chỉ web",
    "integer": "số nguyên",
    "date": "ngày (YYYY-MM-DD)",
    "phone": "số điện thoại (văn bản)",
    "list": "danh sách văn bản",
    "markdown": "Markdown",
}

# Said once above the table, not on every row: how text typed by the public was made safe.
FROM_THE_PUBLIC = (
    "Các trường đánh dấu * là chữ do đơn vị gửi hồ sơ nhập: thực thể HTML đã giải mã, thẻ HTML đã bỏ; "
    "trong CSV, giá trị bắt đầu bằng =, +, - hoặc @ có thêm dấu ' ở đầu để bảng tính không coi là công thức. "
    "Trường Markdown giữ chữ như đã viết, chỉ giữ liên kết http, https, mailto (liên kết khác và ảnh chỉ còn chữ)."
)


@dataclass(frozen=True)
class Field:
    name: str
    label: str  # Vietnamese
    type: str  # a key of TYPES
    unit: str | None
    example: str | int | list[str] | None
    description: str
    public_text: bool = False  # typed by the public: see FROM_THE_PUBLIC
    width: int = 18  # the workbook's column width, in characters

    @property
    def type_label(self) -> str:
        return TYPES[self.type]


FIELDS: tuple[Field, ...] = (
    Field("id", "Mã sáng kiến", "code", None, "HN-2022-0012", "Mã không đổi của sáng kiến.", width=16),
    Field("url", "Địa chỉ", "url", None, "https://…/sang-kien/hn-2022-0012/", "Trang cố định của sáng kiến.", width=40),
    Field("title", "Tên", "string", None, "Cải tiến khuôn dập…", "Tên sáng kiến.", True, 50),
    Field("summary", "Tóm tắt", "string", None, None, "Tóm tắt một đoạn.", True, 60),
    Field(
        "province",
        "Tỉnh, thành",
        "string",
        None,
        "Hà Nội",
        "Một trong 34 tỉnh, thành phố (từ 1/7/2025), tên ngắn; trống với sáng kiến của đơn vị trung ương "
        "không gắn với tỉnh, thành nào.",
        width=16,
    ),
    Field(
        "province_code",
        "Mã tỉnh",
        "code",
        None,
        "01",
        "Mã tỉnh, thành phố (giữ số 0 ở đầu); trống nếu không có.",
        width=10,
    ),
    Field(
        "former_province",
        "Tỉnh cũ",
        "string",
        None,
        "Bình Dương",
        "Tỉnh trước sáp nhập 2025 ghi trong hồ sơ.",
        width=16,
    ),
    Field(
        "union",
        "Công đoàn",
        "string",
        None,
        "Liên đoàn Lao động thành phố Hà Nội",
        "Công đoàn đã gửi sáng kiến: liên đoàn lao động tỉnh, thành phố, hoặc công đoàn ngành trung ương, "
        "công đoàn tập đoàn, tổng công ty trực thuộc Tổng Liên đoàn.",
        width=36,
    ),
    Field("sector", "Lĩnh vực", "string", None, "Chế biến, chế tạo", "Lĩnh vực (ngành kinh tế).", width=24),
    Field("sector_code", "Mã ngành", "code", None, "C", "Mã ngành cấp 1 theo VSIC 2018 (chữ A–U).", width=10),
    Field("organization", "Đơn vị áp dụng", "string", None, "Công ty CP Cơ khí…", "Như ghi trong hồ sơ.", True, 36),
    Field(
        "organization_kind",
        "Loại đơn vị",
        "string",
        None,
        "Doanh nghiệp",
        "Một trong: " + ", ".join(ORGANIZATION_KINDS.values()) + ".",
        width=16,
    ),
    Field(
        "authors",
        "Tác giả",
        "list",
        None,
        ["Nguyễn Văn A", "Trần Thị B"],
        "Chỉ những tác giả đồng ý công khai tên; CSV nối bằng “; ”.",
        True,
        30,
    ),
    Field("approved_on", "Ngày công nhận", "date", None, "2022-08-15", "Ngày sáng kiến được công nhận.", width=14),
    Field("year", "Năm", "integer", "năm", 2022, "Năm công nhận.", width=8),
    Field("recognition", "Cấp công nhận", "string", None, "Cấp tỉnh", "Trống nếu hồ sơ không ghi.", width=14),
    Field(
        "benefit_vnd",
        "Làm lợi mỗi năm",
        "integer",
        "đồng/năm",
        1200000000,
        "Giá trị làm lợi mỗi năm đơn vị báo cáo khi công nhận; trống (JSON: null) nếu không ghi.",
        width=18,
    ),
    Field(
        "benefit_note",
        "Ghi chú làm lợi",
        "string",
        None,
        "hơn 1 tỷ đồng",
        "Lời của hồ sơ khi không quy được ra đồng mỗi năm (khoản một lần, ngoại tệ…).",
        True,
        30,
    ),
    Field("programme", "Phong trào", "string", None, "Một triệu sáng kiến", "Phong trào thi đua.", width=24),
    Field("tags", "Từ khóa", "list", None, ["tiết kiệm điện"], "CSV nối bằng “; ”.", True, 30),
    Field("problem", "Vấn đề", "markdown", None, None, "Vấn đề sáng kiến giải quyết.", True, 60),
    Field("solution", "Giải pháp", "markdown", None, None, "Cách làm.", True, 60),
    Field("results", "Kết quả", "markdown", None, None, "Kết quả, hiệu quả.", True, 60),
    Field(
        "press_contact_name",
        "Liên hệ báo chí",
        "string",
        None,
        None,
        "Đầu mối của công đoàn, công khai có chủ đích.",
        True,
        30,
    ),
    Field("press_contact_email", "Thư điện tử", "string", None, None, "Thư điện tử liên hệ báo chí.", True, 26),
    Field("press_contact_phone", "Điện thoại", "phone", None, None, "Điện thoại liên hệ báo chí.", True, 16),
    Field("photos", "Số ảnh", "integer", "ảnh", 2, "Số ảnh đăng trên trang (ảnh không có trong dữ liệu).", width=8),
)
NAMES = [f.name for f in FIELDS]


def as_json() -> list[dict]:
    """The dictionary as published in `du-lieu/tu-dien.json` and in each JSON file's header."""
    return [{k: v for k, v in asdict(f).items() if k != "width"} | {"type_label": f.type_label} for f in FIELDS]
