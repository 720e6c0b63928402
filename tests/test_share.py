"""Photos and share cards: what Facebook, Zalo and a phone on a slow line get from each page."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from generator.media import cards

from .conftest import build
from .photo_credit import xmp

SITE_URL = "https://sangkien.example.org/"
PAGE_KINDS = {
    "home": "",
    "provinces": "tinh-thanh/",
    "province": "tinh-thanh/ha-noi/",
    "sectors": "linh-vuc/",
    "sector": "linh-vuc/che-bien-che-tao/",
    "initiative": "sang-kien/hn-2022-0012/",
    "stories": "cau-chuyen/",
    "story": "cau-chuyen/tho-lo-ha-lam-va-gia-do-thuy-luc/",
    "search": "tim-kiem/",
    "about": "gioi-thieu/",
}


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.canonical = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta[a.get("property") or a.get("name")] = a.get("content")
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")


def _head(site: Path, url: str) -> _Head:
    head = _Head()
    head.feed((site / url / "index.html").read_text(encoding="utf-8"))
    return head


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_page_kind_has_share_tags_pointing_at_real_cards(site, kind):
    url = PAGE_KINDS[kind]
    head = _head(site, url)
    m = head.meta
    assert head.canonical == SITE_URL + url == m["og:url"]
    assert m["description"] and m["og:description"] == m["description"] == m["twitter:description"]
    assert m["og:title"] and m["og:title"] == m["twitter:title"] and "@@" not in m["og:title"]
    assert m["og:locale"] == "vi_VN" and m["og:type"] in {"website", "article"}
    assert m["twitter:card"] == "summary_large_image" and m["twitter:image"] == m["og:image"]
    assert m["og:image"].startswith(SITE_URL)
    card = site / m["og:image"].removeprefix(SITE_URL)
    with Image.open(card) as im:
        assert (im.width, im.height) == (int(m["og:image:width"]), int(m["og:image:height"])) == (1200, 630)
        assert im.format == "PNG" == m["og:image:type"].removeprefix("image/").upper()
    if kind in {"initiative", "story", "province", "sector"}:
        assert card.parent == site / url  # a card of its own, beside the page


def test_record_page_card_says_what_the_record_is(site):
    m = _head(site, "sang-kien/hn-2022-0012/").meta
    assert m["og:type"] == "article"
    assert m["og:title"] == "Cải tiến khuôn dập giúp giảm 40% phế phẩm linh kiện xe máy"


def test_photos_come_in_widths_as_webp_and_jpeg_without_metadata(site):
    html = (site / "sang-kien/hn-2022-0012/index.html").read_text(encoding="utf-8")
    picture = re.search(
        r'<picture><source type="image/webp" srcset="([^"]+)" sizes="[^"]+"><img src="([^"]+)" '
        r'srcset="([^"]+)"',
        html,
    )
    assert picture
    for srcset, fmt in ((picture.group(1), "WEBP"), (picture.group(3), "JPEG")):
        entries = [entry.split() for entry in srcset.split(", ")]
        assert [w for _, w in entries] == ["480w", "960w", "1600w"]  # the original is 1600 wide: none upscaled
        for path, w in entries:
            with Image.open(site / "sang-kien/hn-2022-0012" / path) as im:
                assert im.format == fmt and im.width == int(w[:-1]) and im.height == round(1000 * im.width / 1600)
                exif = im.getexif()
                assert set(exif) <= {0x013B, 0x8298} and exif.get_ifd(0x8825) == {}  # credit and licence only
                assert "icc_profile" not in im.info
            assert set(xmp(site / "sang-kien/hn-2022-0012" / path)) == {"creator", "credit", "rights", "web_statement"}


def test_press_download_is_full_size_with_caption_credit_and_licence(site):
    html = (site / "sang-kien/hn-2022-0012/index.html").read_text(encoding="utf-8")
    link = re.search(
        r'<figcaption>([^<]+)<span class="ms-credit">Ảnh: ([^<]+)</span><br>'
        r'<a class="ms-download" href="([^"]+)" download>Tải ảnh gốc</a> '
        r'<span class="ms-exact">\(JPEG, 1600 × 1000 điểm ảnh, (\d+) KB\)</span>',
        html,
    )
    assert link, "caption, credit and a download link with format, size and weight"
    with Image.open(site / "sang-kien/hn-2022-0012" / link.group(3)) as im:
        assert im.size == (1600, 1000) and im.getexif().get_ifd(0x8825) == {}


def _build(content: Path, out: Path) -> dict:
    assert build(content, out, "--metrics", str(out / "metrics.json")) == 0
    return json.loads((out / "metrics.json").read_text(encoding="utf-8"))


def test_a_second_build_encodes_and_draws_nothing(sample_build, sample_project):
    first = sample_build.cold_metrics()  # the sample's first build, in an empty build folder
    assert first["photos_encoded"] >= 6 and first["cards_drawn"] == first["cards"] > 100
    content = sample_project / "content"
    again = _build(content, sample_project)
    assert again["photos_encoded"] == 0 and again["cards"] == 0 and again["cards_drawn"] == 0
    # A cold build of the site (the site folder gone) takes photos and cards from the cache.
    shutil.rmtree(sample_project / "site")
    cold = _build(content, sample_project)
    assert not cold["warm"] and cold["cards"] == first["cards"] and cold["cards_drawn"] == 0
    assert cold["photos_encoded"] == 0


STACKED = (
    "Ầm ầm tiếng máy ở xưởng Ặng: bộ gá ỷ lại ễnh ương, cải tiến dây chuyền đóng gói giúp tiết kiệm "
    "điện năng, giảm phế phẩm, nâng cao năng suất và bảo đảm an toàn cho người lao động Quảng Ngãi"
)


def test_a_long_title_full_of_stacked_diacritics_fits_and_every_glyph_exists():
    face = TTFont(str(cards.FONTS / "BeVietnamPro-Bold.ttf"))
    mapped = face.getBestCmap()
    assert [c for c in STACKED if c != " " and ord(c) not in mapped] == []  # no box for any letter
    card = cards.Card(STACKED, "Câu chuyện", "Quảng Ngãi · Chế biến, chế tạo", "Làm lợi 1,2 tỷ đồng/năm")
    im = cards.draw(card).convert("RGB")
    assert im.size == (1200, 630)
    # White is the title's colour alone: every white pixel lies inside the margins and above the footer band.
    white = Image.eval(im, lambda v: 255 if v == 255 else 0).convert("L").point(lambda v: 255 if v == 255 else 0)
    left, top, right, bottom = white.getbbox()
    assert left >= cards.MARGIN - 2 and right <= cards.WIDTH - cards.MARGIN + 2
    assert top >= 150 and bottom <= cards.HEIGHT - 112
    face_used, lines = cards.title_layout(card)
    assert lines[-1].endswith("…") and all(
        face_used.getlength(line) <= cards.WIDTH - 2 * cards.MARGIN for line in lines
    )
