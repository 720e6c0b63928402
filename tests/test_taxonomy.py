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
