"""The personal-data and withheld-name scan: what it catches however disguised, and what it must leave alone."""

from __future__ import annotations

import sys
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content import privacy
from generator.content.privacy import WithheldNames, folding, is_person, scan_document, scan_text
from generator.content.source import parse_front_matter, parse_yaml, read_text
from generator.content.validate import load_content
from generator.tools.demo import write_demo

from .pii_grammar import emails, id_numbers, phones, placed, withheld_names

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
MARKDOWN_FIELDS = {"problem", "solution", "results"}
PROPERTY = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def kinds(findings) -> set[str]:
    return {kind for _, reason in findings for kind, label in privacy.KINDS.items() if reason.startswith(f"có {label}")}


# --- every disguise is found ------------------------------------------------------------------------------


@PROPERTY
@given(st.data(), st.booleans())
def test_disguised_phone_numbers_are_found(data, markdown):
    text, national = data.draw(placed(phones(markdown), markdown))
    assert kinds(scan_text(text, [], markdown=markdown)), (text, national)


@PROPERTY
@given(st.data(), st.booleans())
def test_disguised_id_numbers_are_found(data, markdown):
    text, digits = data.draw(placed(id_numbers(markdown), markdown))
    assert kinds(scan_text(text, [], markdown=markdown)), (text, digits)  # a CCCD may also read as a phone


@PROPERTY
@given(st.data(), st.booleans())
def test_disguised_emails_are_found(data, markdown):
    text, address = data.draw(placed(emails(markdown), markdown))
    assert "email" in kinds(scan_text(text, [], markdown=markdown)), (text, address)


@PROPERTY
@given(st.data(), st.booleans())
def test_disguised_withheld_names_are_found(data, markdown):
    text, folded, name = data.draw(placed(withheld_names(markdown), markdown))
    reasons = [reason for _, reason in scan_text(text, [name], markdown=markdown)]
    assert any(reason.startswith(f"nêu tên «{name}»") for reason in reasons), (text, folded, name)


@PROPERTY
@given(st.data())
def test_a_value_in_any_field_of_a_record_is_found(data):
    """Every string of the document is scanned, nested ones included, and the finding names its place."""
    text, _ = data.draw(st.one_of(phones(), emails(), id_numbers()))
    where = data.draw(
        st.sampled_from(
            [
                ("title",),
                ("summary",),
                ("problem",),
                ("benefit_note",),
                ("tags", 1),
                ("organization", "name"),
                ("authors", 0, "role"),
                ("authors", 0, "name"),
                ("images", 0, "alt"),
                ("images", 0, "credit"),
                ("images", 0, "license"),
                ("press_contact", "name"),
                ("id",),
            ]
        )
    )
    doc = record()
    put(doc, where, text)
    assert where in {loc for loc, _, _ in scan_document(doc, [], MARKDOWN_FIELDS)}


# --- each class, by example -------------------------------------------------------------------------------

PHONES = [
    "0912 345 678",
    "0912.345.678",
    "0912-345-678",
    "0912345678",
    "+84 912 345 678",
    "+84 (0) 912 345 678",
    "(+84) 912345678",
    "84912345678",
    "0084 912 345 678",
    "(024) 3825 1234",
    "024 3825 1234",
    "0912\u00a0345\u00a0678",
    "0912\u2009345\u2009678",
    "0912\u202f345\u202f678",
    "09\u200b12\u200c345\u2060678",
    "091\u00ad2345678",
    "０９１２３４５６７８",
    "0912\\-345\\-678",
    "0912<!-- -->345678",
    "0912**345**678",
    "&#48;912345678",
    "&#x30;912345678",
    "&amp;#48;912345678",
    "09<span>12</span>345678",
    "0 9 1 2 3 4 5 6 7 8",
    "0912 / 345 / 678",
    "0912 | 345 | 678",
    "wa.me/84912345678",
    "https://wa.me/84912345678",
    "zalo.me/0912345678",
    "t.me/+84912345678",
    "tel:0912345678",
    "tel:+14155550123",
    "sms:0912345678",
    "038 765 4321",
    "0587654321",
    "0765 432 109",
    "0865432109",
    "không chín một hai ba bốn năm sáu bảy tám",
    "Không Chín Một Hai, ba bốn năm - sáu bảy tám",
    "0 chín một hai ba bốn năm sáu bảy tám",
    "không 912 345 678",
    "tám tư chín một hai ba bốn năm sáu bảy tám",
]
EMAILS = [
    "ten@mien.vn",
    "ten.ho@cong-ty.com.vn",
    "ten [at] mien.vn",
    "ten (at) mien dot vn",
    "ten @ mien . vn",
    "ten（a）mien.vn",
    "ten&#64;mien.vn",
    "ten&#x40;mien.vn",
    "ten＠mien.vn",
    "ten a còng mien chấm vn",
    "ten{at}mien[dot]vn",
    "ten at mien dot com",
    "TEN@MIEN.VN",
    "mailto:ten@mien.vn",
    "t\u200ben@mi\u00aden.vn",
    "ten<!-- -->@mien.vn",
]
IDS = [
    "CCCD 001203004567",
    "001 203 004 567",
    "001-203-004-567",
    "001.203.004.567",
    "0012 0300 4567",
    "001203\u00a0004567",
    "０01203004567",
    "001&#50;03004567",
    "CMND 012345678",
    "012 345 678",
    "012-345-678",
    "số CMND 123456789",
    "CMND: 123-456-789",
    "096203004567",
]


@pytest.mark.parametrize("text", PHONES)
def test_phone_numbers(text):
    assert kinds(scan_text(f"Liên hệ {text} nhé.", [])) == {"phone"}, text


@pytest.mark.parametrize("text", EMAILS)
def test_email_addresses(text):
    assert kinds(scan_text(f"Gửi thư tới {text} để hỏi.", [])) == {"email"}, text


@pytest.mark.parametrize("text", IDS)
def test_id_numbers(text):
    assert kinds(scan_text(f"Giấy tờ: {text}.", [])) == {"id"}, text


def test_the_reason_quotes_the_value_and_says_who_may_publish_contacts():
    ((line, reason),) = scan_text("Liên hệ anh Ba qua số 0912 345 678.", [])
    assert line == 0
    assert reason == (
        "có số điện thoại («0912 345 678»); thông tin cá nhân không được đăng (chỉ press_contact "
        "được ghi số điện thoại, thư điện tử)"
    )
    ((_, reason),) = scan_text("Thư: nguoi.la@gmail.com", [])
    assert reason.startswith("có địa chỉ thư điện tử («nguoi.la@gmail.com»)")
    ((_, reason),) = scan_text("Số " + "0912 345 678 " * 8, [])[:1]
    assert "«0912 345 678»" in reason
    ((_, reason),) = scan_text("Trần Bí Mật", ["Trần Bí Mật"])
    assert reason == "nêu tên «Trần Bí Mật», tác giả chưa đồng ý công khai tên (consent_public)"
    ((_, reason),) = scan_text("Cảm ơn anh Mạnh.", ["Nguyễn Văn Mạnh"])
    assert reason == "nêu tên «Nguyễn Văn Mạnh» (viết «anh Mạnh»), tác giả chưa đồng ý công khai tên (consent_public)"


def test_a_long_value_is_shortened_in_the_reason():
    ((_, reason),) = scan_text("x" * 70 + "@mien.vn", [])
    assert "x" * 59 + "…»" in reason


def test_findings_are_reported_on_the_line_where_they_start():
    body = "Mở đầu.\n\nGọi số 0912\n345 678 nếu cần.\nRồi gặp Trần Bí\nMật ở xưởng.\n\nThư: a@b.vn"
    found = scan_text(body, ["Trần Bí Mật"], markdown=True)
    assert [line for line, _ in found] == [2, 4, 7]


def test_lines_are_kept_through_decoding():
    body = "&#65;&#66;&#67; dòng đầu\n<!-- ghi chú\nnhiều dòng -->\n**đậm** rồi 09&#49;2\n345\u200b678"
    assert [line for line, _ in scan_text(body, [], markdown=True)] == [3]


def test_a_finding_only_seen_rendered_gets_the_nearest_line():
    body = "Dòng một.\nDòng hai có [Trần](https://vi.wikipedia.org) Bí Mật.\nDòng ba."
    assert scan_text(body, ["Trần Bí Mật"], markdown=True)[0][0] == 1


def test_tag_attributes_and_comments_are_scanned_too():
    assert kinds(scan_text('<a href="tel:0912345678">gọi</a>', [], markdown=True)) == {"phone"}
    assert kinds(scan_text("Ảnh <!-- chủ: ten@mien.vn --> đẹp", [])) == {"email"}
    assert kinds(scan_text("[gọi](tel:0912345678)", [], markdown=True)) == {"phone"}


# --- withheld names ---------------------------------------------------------------------------------------

NAMED = [
    ("Trần Bí Mật", "Sáng kiến của Trần Bí Mật."),
    ("Trần Bí Mật", "Sáng kiến của TRẦN BÍ MẬT."),
    ("Trần Bí Mật", "Sáng kiến của tran bi mat."),
    ("Trần Bí Mật", "Sáng kiến của Tr&#7847;n B&iacute; M&#x1EAD;t."),
    ("Trần Bí Mật", "Sáng kiến của Trầ\u00adn Bí\u200b Mật."),
    ("Trần Bí Mật", "Sáng kiến của Trần **Bí** Mật."),
    ("Trần Bí Mật", "Sáng kiến của Trần Bí\nMật."),
    ("Trần Bí Mật", "Sáng kiến của Тrần Bí Мật."),  # Cyrillic Т and М
    ("Trần Bí Mật", "Sáng kiến của Trần Βí Mật."),  # Greek Β
    ("Trần Bí Mật", "tran-bi-mat-2023"),
    ("Trần Bí Mật", "tranbimat@example.org"),
    ("Trần Bí Mật", "Sáng kiến của Tra\u0300\u0302n Bi\u0301 Ma\u0323\u0302t."),  # decomposed
    # An invisible character for some of the spaces: a reader sees the words run together.
    ("Nguyễn Thị Hoa", "Sáng kiến của Nguyễn\u200bThị Hoa."),
    ("Nguyễn Thị Hoa", "Sáng kiến của Nguyễn Thị\u2060Hoa."),
    ("Nguyễn Thị Hoa", "sáng kiến của nguyễn\u200cthị hoa."),
    ("Trần Bí Mật", "Sáng kiến của Trần Bí\ufeffMật."),
    ("Lê Văn Minh Tuấn", "Sáng kiến của Lê\u200bVăn Minh\u00adTuấn."),
    ("Nguyễn Thị Hoa", "Sáng kiến của Nguyen\u200bThi Hoa."),  # no marks, but a capital for each syllable
    ("Nguyễn Thị Hoa", "Sáng kiến của\u200bNguyễn Thị Hoa."),  # run into the word before it
    ("Vừ A Dính", "Sáng kiến của Vu\u200bA Dinh."),  # a one-letter syllable, capitalised
    ("Trần Bí Mật", "Sáng kiến của TrầnBíMật."),
    ("Nguyễn Mười Một", "Anh Mười **Mộ**t kể lại."),
    ("Nguyễn Văn Mạnh", "Anh Nguyễn Văn Mạnh kể lại."),
    ("Nguyễn Văn Mạnh", "Theo anh Văn Mạnh, …"),
    ("Nguyễn Văn Mạnh", "Cảm ơn anh Mạnh."),
    ("Nguyễn Văn Mạnh", "KS. Mạnh cho biết"),
    ("Nguyễn Văn Mạnh", "đ/c Mạnh cho biết"),
    ("Nguyễn Văn Mạnh", "kỹ sư Mạnh cho biết"),
    ("Nguyễn Văn Mạnh", "Tổ trưởng Mạnh cho biết"),
    ("Nguyễn Văn Mạnh", "Cảm ơn anh\nMạnh."),
    ("Nguyễn Văn Mạnh", "Cảm ơn anh Manh."),
    ("Nguyễn Văn Mạnh", "Cảm ơn ANH MẠNH."),
    ("Lê Thị Thủy", "Chị Thuỷ nói."),
    ("Lê Thị Hòa", "Chị Hoà nói."),
    ("Mạnh", "Anh Mạnh kể lại."),
    ("Mạnh", "Nguyễn Văn Mạnh kể lại."),
    ("KS. Trần Bí Mật", "Trần Bí Mật kể lại."),
    ("Trần Bí Mật và cộng sự", "Trần Bí Mật kể lại."),
]


@pytest.mark.parametrize("name, text", NAMED)
def test_withheld_names_are_found(name, text):
    named = [reason for _, reason in scan_text(text, [name]) if reason.startswith("nêu tên")]
    assert len(named) == 1 and named[0].startswith(f"nêu tên «{name}»"), (name, text, named)


def test_a_one_syllable_name_inside_a_place_name_is_the_place():
    """ "An" withheld: "Minh An Giang" (a surname-like word, then a province) names the province, not Mr An; the
    same name after a form of address, or next to a word that makes no place, is still found."""
    names = WithheldNames(hidden=["An"], places=["An Giang", "Long An", "Nghệ An"])
    for text in ("Chi cục Bình Minh An Giang 428 đề xuất.", "Trường THPT Văn Long An và Nghệ An."):
        assert not [r for _, r in scan_text(text, names) if r.startswith("nêu tên")], text
    for text in ("Anh An ở An Giang đề xuất.", "Chị Minh An đề xuất."):
        assert [r for _, r in scan_text(text, names) if r.startswith("nêu tên")], text


NOT_NAMED = [
    ("Mạnh", "Doanh thu giảm mạnh trong năm."),
    ("Mạnh", "Anh mạnh dạn đề xuất thay khuôn."),
    ("Nguyễn Văn Mạnh", "Năng suất tăng mạnh, anh em phấn khởi."),
    ("Nguyễn Văn Mạnh", "Anh Mãnh, một người khác."),  # another name
    ("Nguyễn Thị Hoa", "Cây nguyễnthị và hoa."),  # the run-together words are not next to each other
    # Ordinary words whose letters run a name's syllables together, but not its marks.
    ("Đỗ Anh Thư", "Doanh thu năm 2023 tăng 20%."),
    ("Đỗ Anh Nhân", "Các doanh nhân trẻ."),
    ("Vừ A Dính", "Từ thời vua Đinh Tiên Hoàng."),
    ("Hồ A Nam", "Vùng Hoa Nam."),
    ("Ngô An Hoà", "Cháu ngoan hoà thuận."),
    ("Đỗ Anh Thư", "DOANH THU NĂM 2023 TĂNG 20%."),
    ("Nguyễn Văn Năm", "Đã ba năm nay, có ba Nam, hai nữ."),
    ("Nguyễn Văn Năm", "ba nam hai nữ"),
    ("Lê Văn Hình", "Tình hình sản xuất ổn định."),
    ("Trần Thị Bình", "Hòa bình và phát triển; Ninh Bình; bình thường."),
    ("Phạm Văn Tâm", "Trung tâm y tế; quan tâm; tâm huyết."),
    ("Châu Văn Tâm", "Cháu ngoan Bác Hồ; châu Á."),
    ("Nguyễn Văn Hà", "Công ty ở Hà Nội, Hà Giang, Hà Tĩnh."),
    ("Nguyễn Văn An", "Long An, An Giang, bình an, an toàn lao động."),
    ("Nguyễn Văn Huệ", "Nhà trên đường Nguyễn Huệ."),
    ("Công đoàn Công ty Than Hà Lầm", "Công đoàn Công ty Than Hà Lầm – TKV"),
    ("Tổ bảo trì", "Anh em tổ bảo trì đề xuất."),
    ("Nhóm tác giả Phân xưởng 3", "Nhóm tác giả Phân xưởng 3 đề xuất."),
]


@pytest.mark.parametrize("name, text", NOT_NAMED)
def test_ordinary_words_and_groups_are_not_names(name, text):
    assert scan_text(text, [name]) == []


def test_collective_authors_are_not_people():
    for group in (
        "Công đoàn Công ty CP Cảng Hải Phòng",
        "Tổ bảo trì",
        "Nhóm tác giả",
        "Phòng Kỹ thuật",
        "Ban Tuyên giáo",
        "Phân xưởng 3",
        "Đội xe",
        "Tập thể tổ dập",
        "Cong doan ABC",
    ):
        assert not is_person(group), group
    for person in (
        "Trần Bí Mật",
        "Tô Văn Ba",
        "To Van Ba",
        "Đoàn Văn Hậu",
        "Trương Văn A",
        "Truong Van A",
        "Mạnh",
        "Ban",
    ):
        assert is_person(person), person


def test_a_catalogue_of_names_is_searched_as_full_names_only():
    names = WithheldNames(["Nguyễn Văn Mạnh"], whole_names=["Trần Bí Mật", "Lê Thị Lan", "Mạnh"])
    assert [r for _, r in scan_text("Chị Lan và Trần Bí Mật.", names)] == [
        "nêu tên «Trần Bí Mật», tác giả chưa đồng ý công khai tên (consent_public)"
    ]
    assert scan_text("Anh Mạnh.", names)[0][1].startswith("nêu tên «Nguyễn Văn Mạnh»")


# --- no false alarms --------------------------------------------------------------------------------------

NOT_PERSONAL = [
    "1.250.000.000 đ",
    "1.250.000.000 đồng",
    "1.250.000.000đ",
    "1,25 tỷ đồng",
    "850 triệu",
    "1,2 tỷ",
    "12.000 sản phẩm",
    "120.000.000 kWh",
    "5.000.000 USD",
    "VND 150.000.000",
    "khoảng 912.345.678 đồng",
    "84.912.345.678 đồng",
    "tiết kiệm 123456789 đồng",
    "15/08/2022",
    "2022-08-15",
    "15-08-2022",
    "15.08.2022",
    "năm 2021",
    "2021 - 2025",
    "2021, 2022, 2023 và 2024",
    "2019–2023",
    "40%",
    "3,5 %",
    "0,3 mm",
    "giảm từ 3,2% xuống 1,9%",
    "ISO 9001:2015",
    "ISO 14001:2015",
    "TCVN 5699-1:2010",
    "QCVN 01:2021/BXD",
    "HN-2022-0012",
    "DEMO-2024-0012345",
    "Ca ba ở lò chợ vỉa 11 lúc 22 giờ.",
    "hai ba năm nay",
    "một hai ba bốn",
    "năm 2023 có 12 sáng kiến, 3 giải nhất",
    "bảy tám phần trăm công nhân",
    "08:30 – 17:00",
    "Tổ 3, ca 2, máy số 15",
    "Quyết định số 1234/QĐ-TLĐ ngày 15/08/2022",
    "xem tại https://example.org/trang/2022/08/15",
    "điểm danh lúc 6 giờ 30",
    "1.000.000 lượt",
    "mã số 12 345",
    "Nhìn at a glance",
    "email của đơn vị",
    "Điện thoại đường dây nóng 1900 1234",
    "Giải nhất năm 2022 (Quyết định 3.456/QĐ)",
    "Tăng 25% tốc độ, từ 28 lên 33 container mỗi giờ",
    "10.234 tỷ đồng",
    "100.000.000.000 đồng",
    "Tổng giá trị làm lợi 1.234.567.890 đồng",
    "Doanh thu 123 456 789 đồng",
    "tiết kiệm 123456789đ",
    "Tăng 1.234.567.890",
    "từ ngày 01/01/2023 đến 31/12/2023",
    "12/2022 - 03/2023",
    "tọa độ 21.0285, 105.8542",
    "GPS 10.762622, 106.660172",
    "0,12345678",
    "mã số thuế 0100109106",
    "Năm 1975, 1986, 2000",
    "Cao 1,75 m, nặng 65 kg",
]


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_money_dates_years_and_standards_are_not_personal_data(text):
    assert scan_text(text, []) == [], text


def test_press_contact_is_published_on_purpose_but_nothing_else_is():
    doc = record()
    assert scan_document(doc, [], MARKDOWN_FIELDS) == []
    doc["press_contact"]["name"] = "Trần Bí Mật, 0912 345 678"
    found = scan_document(doc, ["Trần Bí Mật"], MARKDOWN_FIELDS)
    assert [loc for loc, _, _ in found] == [("press_contact", "name")] * 2


def test_authors_names_are_not_matched_against_themselves_but_are_scanned_for_numbers():
    doc = record()
    assert scan_document(doc, ["Trần Bí Mật"], MARKDOWN_FIELDS) == []
    doc["authors"][0]["name"] = "Trần Bí Mật 0912345678"
    assert [loc for loc, _, _ in scan_document(doc, ["Trần Bí Mật"], MARKDOWN_FIELDS)] == [("authors", 0, "name")]


def test_document_locations_and_lines():
    doc = record()
    doc["images"][0]["license"] = "CC BY 4.0 – liên hệ ten [at] mien.vn"
    doc["id"] = "tran-bi-mat"
    doc["results"] = "Dòng một.\n\nLiên hệ [anh Mạnh](https://example.org).\n"
    found = scan_document(doc, ["Trần Bí Mật", "Nguyễn Văn Mạnh"], MARKDOWN_FIELDS)
    assert [(loc, line) for loc, line, _ in found] == [(("id",), 0), (("results",), 2), (("images", 0, "license"), 0)]


@pytest.mark.parametrize(
    "text",
    [
        " " * 20000 + "@",
        "[" * 20000,
        "<!--" * 5000,
        "at " * 6000 + "@",
        "1 " * 10000,
        "<a " * 6000,
        "&#48;" * 4000,
        "a." * 10000 + "@b",
        "không " * 3000 + "x",
    ],
)
def test_hostile_sizes_are_scanned_in_linear_time(text):
    """A field holds up to 20,000 characters: no pattern may search it once per character (a second at most,
    where a quadratic search takes minutes)."""
    start = time.perf_counter()
    scan_text(text, ["Trần Bí Mật"], markdown=False)
    assert time.perf_counter() - start < 5


def test_format_characters_listed_are_exactly_category_cf():
    listed = folding._INVISIBLE
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if unicodedata.category(char) == "Cf":
            assert listed.fullmatch(char), f"U+{code:04X}"
    for char in "\u3164\u115f\u1160\uffa0\u180e\u061c\u2060\u00ad\U000e0041":
        assert listed.fullmatch(char)


# --- the sample content and a demo set: zero findings -----------------------------------------------------


def scan_content(content: Path) -> list:
    """Scan every initiative (YAML) and story (front matter and body) as validation will."""
    found, records = [], {}
    for path in sorted((content / "initiatives").rglob("*.yml")):
        data = parse_yaml(read_text(path)).data
        records[str(data["id"]).lower()] = data
        found += [(path.name, f) for f in scan_document(data, withheld(data), MARKDOWN_FIELDS)]
    catalogue = [name for data in records.values() for name in withheld(data)]
    for path in sorted((content / "stories").glob("*.md")):
        doc = parse_front_matter(read_text(path))
        cited = [name for ref in doc.data.get("initiatives", []) for name in withheld(records.get(ref.lower(), {}))]
        names = WithheldNames(cited, whole_names=catalogue)
        found += [(path.name, f) for f in scan_document(doc.data, names, set())]
        found += [(path.name, f) for f in scan_text(doc.body, names, markdown=True)]
    return found


def withheld(data: dict) -> list[str]:
    return [a["name"] for a in data.get("authors", []) if not a.get("consent_public")]


def test_the_sample_content_raises_no_alarm():
    assert scan_content(CONTENT) == []


def test_a_demo_set_raises_no_alarm(tmp_path):
    write_demo(tmp_path, 2000, seed=11, source=CONTENT)
    assert scan_content(tmp_path) == []


def test_ten_thousand_demo_records_pass_the_whole_check(tmp_path):
    """Money, dates, standards, shift hours, nicknames used as words ("giảm mạnh"), collective authors: as real
    submissions carry them, and not one problem reported by the checker that builds use."""
    write_demo(tmp_path, 10_000, seed=3, source=CONTENT)
    loaded = load_content(tmp_path)
    assert [str(p) for p in loaded.problems] == []
    assert len(loaded.catalogue.initiatives) > 8_000


# --- helpers ----------------------------------------------------------------------------------------------


def record() -> dict:
    return {
        "id": "HN-2022-0012",
        "title": "Cải tiến khuôn dập giúp giảm 40% phế phẩm",
        "summary": "Tổ dập nguội giảm tỷ lệ phế phẩm từ 3,2% xuống 1,9%.",
        "status": "approved",
        "approved_on": "2022-08-15",
        "province": "Hà Nội",
        "sector": "C",
        "organization": {"name": "Công ty TNHH Cơ khí Đông Anh", "kind": "doanh-nghiep"},
        "authors": [{"name": "Trần Bí Mật", "role": "Kỹ sư", "consent_public": False}],
        "benefit_vnd": 1250000000,
        "benefit_note": "Làm lợi 1,25 tỷ đồng mỗi năm",
        "problem": "Phôi lệch.",
        "solution": "- Con lăn dẫn hướng\n- Cảm biến quang",
        "results": "Tốt hơn.",
        "tags": ["khuôn dập", "an toàn lao động"],
        "images": [{"file": "khuon-dap.jpg", "alt": "Máy dập", "credit": "Công đoàn công ty", "license": "CC BY 4.0"}],
        "press_contact": {"name": "Ban Tuyên giáo", "email": "baochi@example.org", "phone": "024 3825 1234"},
    }


def put(doc: dict, where: tuple, value: str) -> None:
    target = doc
    for part in where[:-1]:
        target = target[part]
    target[where[-1]] = value
