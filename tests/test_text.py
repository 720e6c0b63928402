import datetime as dt

from generator.common import formatting
from generator.common.text import fold, slug


def test_slugs_have_no_diacritics_and_fold_d():
    assert slug("Đà Nẵng") == "da-nang"
    assert slug("Thành phố Hồ Chí Minh") == "thanh-pho-ho-chi-minh"
    assert slug("Đắk Lắk") == "dak-lak"


def test_fold_treats_tone_mark_placement_alike():
    assert fold("Thuỷ  Hoà") == fold("Thủy Hòa") == "thuy hoa"
    assert fold("ĐỒNG THÁP") == "dong thap"


def test_money_is_written_the_vietnamese_way():
    assert formatting.money(1_200_000_000) == "1.200.000.000 đ"
    assert formatting.money_short(1_200_000_000) == "1,2 tỷ đồng"
    assert formatting.money_short(1_250_000_000) == "1,25 tỷ đồng"
    assert formatting.money_short(350_000_000) == "350 triệu đồng"
    assert formatting.money_short(10_234_000_000_000) == "10.234 tỷ đồng"
    assert formatting.money_short(0) == "0 đồng"


def test_dates_are_day_month_year():
    assert formatting.date(dt.date(2022, 8, 15)) == "15/08/2022"
