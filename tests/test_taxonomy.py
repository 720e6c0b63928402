import pytest

from generator.content.taxonomy import Taxonomy, UnknownName

from .conftest import CONTENT


@pytest.fixture(scope="module")
def taxonomy():
    return Taxonomy(CONTENT / "taxonomies")


def test_there_are_34_provinces_and_21_sectors(taxonomy):
    assert len(taxonomy.provinces) == 34
    assert len({p.slug for p in taxonomy.provinces}) == 34
    assert [s.section for s in taxonomy.sectors] == list("ABCDEFGHIJKLMNOPQRSTU")


@pytest.mark.parametrize(
    "written, unit, former",
    [
        ("Hà Giang", "Tuyên Quang", "Hà Giang"),
        ("Tiền Giang", "Đồng Tháp", "Tiền Giang"),
        ("Bình Dương", "Hồ Chí Minh", "Bình Dương"),
        ("Hoà Bình", "Phú Thọ", "Hoà Bình"),
        ("Hòa Bình", "Phú Thọ", "Hoà Bình"),
        ("quang-nam", "Đà Nẵng", "Quảng Nam"),
        ("Thành phố Đà Nẵng", "Đà Nẵng", None),
        ("da-nang", "Đà Nẵng", None),
        ("Thanh Hoá", "Thanh Hóa", None),
    ],
)
def test_current_and_former_names_resolve_to_the_current_unit(taxonomy, written, unit, former):
    match = taxonomy.province(written)
    assert match.province.name == unit
    assert match.former_name == former


def test_unknown_province_names_the_closest_match(taxonomy):
    with pytest.raises(UnknownName, match='có phải "Nghệ An"'):
        taxonomy.province("Nghê Ann")


def test_sectors_resolve_by_letter_slug_or_name(taxonomy):
    assert taxonomy.sector("C").slug == "che-bien-che-tao"
    assert taxonomy.sector("y-te").section == "Q"
    assert taxonomy.sector("Khai khoáng").section == "B"


# --- names as people write them ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, unit",
    [
        ("TP HCM", "Hồ Chí Minh"),
        ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
        ("TPHCM", "Hồ Chí Minh"),
        ("TP.HCM", "Hồ Chí Minh"),
        ("HCM", "Hồ Chí Minh"),
        ("Sài Gòn", "Hồ Chí Minh"),
        ("sai gon", "Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("Thừa Thiên Huế", "Huế"),
        ("Thừa Thiên - Huế", "Huế"),
        ("Tỉnh/Thành phố Huế", "Huế"),
        ("HN", "Hà Nội"),
        ("Hà Nội", "Hà Nội"),
        ("Thủ đô Hà Nội", "Hà Nội"),
        ("ha noi", "Hà Nội"),
        ("tỉnh Nghệ An", "Nghệ An"),
        ("TỈNH NGHỆ AN", "Nghệ An"),
        ("  Nghệ   An ", "Nghệ An"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("Daklak", "Đắk Lắk"),
        ("Đắc Lắc", "Đắk Lắk"),
        ("Kontum", "Quảng Ngãi"),
        ("BR-VT", "Hồ Chí Minh"),
    ],
)
def test_colloquial_names_resolve(taxonomy, written, unit):
    assert taxonomy.province(written).province.name == unit


def test_every_current_and_former_name_resolves_to_its_own_unit(taxonomy):
    """No short form or compact spelling of one name stands for another province."""
    for p in taxonomy.provinces:
        for name in (p.name, p.official_name, p.slug, p.code, *p.former_units):
            assert taxonomy.province(name).province == p, name
        assert taxonomy.province(p.name.replace(" ", "")).province == p


@pytest.mark.parametrize(
    "find, what, written, hint",
    [
        ("province", "tỉnh, thành", "TP HCMM", '; có phải "Hồ Chí Minh"?'),
        ("province", "tỉnh, thành", "Nghê Ann", '; có phải "Nghệ An"?'),
        ("province", "tỉnh, thành", "Ha Noj", '; có phải "Hà Nội"?'),
        ("province", "tỉnh, thành", "Bình", '; có phải "Ninh Bình", "Hoà Bình" hay "Thái Bình"?'),
        ("province", "tỉnh, thành", "Tỉnh Ma", ""),  # shares nothing with Cà Mau: no suggestion, not a wrong one
        ("province", "tỉnh, thành", "TP HCX", ""),
        ("province", "tỉnh, thành", "xyz", ""),
        ("union", "công đoàn", "Công đoàn Cao xu Việt Nam", '; có phải "Công đoàn Cao su Việt Nam"?'),
        ("union", "công đoàn", "LĐLĐ tỉnh Nghê Anh", '; có phải "Liên đoàn Lao động tỉnh Nghệ An"?'),
        ("union", "công đoàn", "Công đoàn Khu kinh tế", ""),  # "Công đoàn" alone is no likeness
    ],
)
def test_a_suggestion_shares_something_with_what_was_written(taxonomy, find, what, written, hint):
    with pytest.raises(UnknownName) as refused:
        getattr(taxonomy, find)(written)
    assert str(refused.value) == f"không có trong danh mục {what} («{written}»{hint})"


@pytest.mark.parametrize(
    "written, section",
    [
        ("C", "C"),
        ("che-bien-che-tao", "C"),
        ("Chế biến, chế tạo", "C"),
        ("Chế biến chế tạo", "C"),
        ("Công nghiệp chế biến, chế tạo", "C"),
        ("C - Công nghiệp chế biến", "C"),
        ("Ngành C", "C"),
        ("Lĩnh vực Y tế", "Q"),
        ("y tế", "Q"),
        ("Giáo dục", "P"),
        ("Điện", "D"),
    ],
)
def test_sectors_by_key_letter_official_or_short_name(taxonomy, written, section):
    assert taxonomy.sector(written).section == section


@pytest.mark.parametrize(
    "written, key",
    [
        *[("doanh-nghiep", "doanh-nghiep"), ("Doanh nghiệp", "doanh-nghiep"), ("enterprise", "doanh-nghiep")],
        *[("company", "doanh-nghiep"), ("Cơ quan", "co-quan"), ("agency", "co-quan"), ("Trường học", "truong-hoc")],
        *[("school", "truong-hoc"), ("Bệnh viện", "benh-vien"), ("hospital", "benh-vien"), ("HTX", "hop-tac-xa")],
        *[("Hợp tác xã", "hop-tac-xa"), ("cooperative", "hop-tac-xa"), ("Khác", "khac"), ("other", "khac")],
    ],
)
def test_organization_kinds_by_key_label_or_english_word(taxonomy, written, key):
    assert taxonomy.organization_kind(written) == key


def test_an_unknown_kind_lists_the_choices(taxonomy):
    with pytest.raises(UnknownName) as refused:
        taxonomy.organization_kind("Hội")
    assert str(refused.value) == (
        "không có trong danh mục loại đơn vị («Hội»; có: Doanh nghiệp (doanh-nghiep), Cơ quan (co-quan), "
        "Trường học (truong-hoc), Bệnh viện (benh-vien), Hợp tác xã (hop-tac-xa), Đơn vị khác (khac))"
    )


@pytest.mark.parametrize(
    "written, union",
    [
        ("Công đoàn Dầu khí Việt Nam", "Công đoàn Dầu khí Việt Nam"),
        ("CĐ Dầu khí VN", "Công đoàn Dầu khí Việt Nam"),
        ("Dầu khí", "Công đoàn Dầu khí Việt Nam"),
        ("dau-khi", "Công đoàn Dầu khí Việt Nam"),
        (
            "Công đoàn Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam",
            "Công đoàn Tập đoàn Công nghiệp Than – Khoáng sản Việt Nam",
        ),
        ("Công đoàn TKV", "Công đoàn Tập đoàn Công nghiệp Than – Khoáng sản Việt Nam"),
        ("Công đoàn Điện lực", "Công đoàn Tập đoàn Điện lực Việt Nam"),
        ("LĐLĐ tỉnh Nghệ An", "Liên đoàn Lao động tỉnh Nghệ An"),
        ("Liên đoàn lao động TP.HCM", "Liên đoàn Lao động thành phố Hồ Chí Minh"),
        ("LĐLĐ Bình Dương", "Liên đoàn Lao động thành phố Hồ Chí Minh"),  # merged into Hồ Chí Minh's
    ],
)
def test_unions_by_any_of_their_names(taxonomy, written, union):
    assert taxonomy.union(written).name == union


def test_national_unions_have_no_province_and_federations_their_own(taxonomy):
    assert len(taxonomy.national_unions) == len({u.slug for u in taxonomy.national_unions}) >= 15
    assert all(u.national and u.province is None for u in taxonomy.national_unions)
    federation = taxonomy.union("LĐLĐ tỉnh Nghệ An")
    assert not federation.national and federation.province.name == "Nghệ An"
