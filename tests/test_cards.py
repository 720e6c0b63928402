"""Share cards drawn the fast way (glyphs rendered once, painted in palette indices, rows compressed in bands)
look like cards drawn the slow way (every line through FreeType, in full colour, then quantized)."""

from __future__ import annotations

import io
import random
import struct
import unicodedata
import zlib

import pytest
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageStat

from generator.common.digest import digest
from generator.media import cards
from generator.media.glyphs import extent, glyphs, stamp
from generator.media.png import BandedPNG

TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # none, huyền, sắc, hỏi, ngã, nặng
VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
LOWER = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]
LETTERS = LOWER + [c.upper() for c in LOWER]
CONSONANTS = "bcdghklmnpqrstvxfjwz"
OTHER = "0123456789 .,:;!?%/()-–—…·“”'\"&+"
ALPHABET = LETTERS + list(CONSONANTS + CONSONANTS.upper() + OTHER)

STACKED = (
    "Ầm ầm tiếng máy ở xưởng Ặng: bộ gá ỷ lại ễnh ương, cải tiến dây chuyền đóng gói giúp tiết kiệm "
    "điện năng, giảm phế phẩm, nâng cao năng suất và bảo đảm an toàn cho người lao động Quảng Ngãi"
)
PLACE, FIGURE = "Quảng Ngãi · Chế biến, chế tạo", "Làm lợi 1,2 tỷ đồng/năm"
WORDS = "cải tiến khuôn dập giảm phế phẩm tiết kiệm điện năng dây chuyền đóng gói an toàn lao động".split()
SAMPLES = {
    "stacked marks, cut with …": cards.Card(STACKED, "Câu chuyện", PLACE, FIGURE),
    "stacked capitals": cards.Card("ẮẰẲẴẶ ẤẦẨẪẬ ỨỪỬỮỰ ỐỒỔỖỘ ỚỜỞỠỢ ẾỀỂỄỆ ỲÝỶỸỴ", "Sáng kiến", PLACE, FIGURE),
    "every letter": cards.Card(" ".join(LETTERS), "Lĩnh vực", PLACE, FIGURE),
    "short": cards.Card("Ỵ", "Tỉnh, thành"),
    "one long word": cards.Card("Siêu" + "u" * 80, "Sáng kiến", (PLACE + " ") * 4),
    "organisation": cards.Card("Công ty TNHH MTV Cơ khí Đông Anh", "Đơn vị áp dụng", "Hà Nội · Bắc Ninh", FIGURE),
    "punctuation": cards.Card(
        "“Tay nghề” – 100% (AV, To, Te, Yo) …; fjord 1/2!", "Sáng kiến", "TP. Hồ Chí Minh", FIGURE
    ),
    "site card": cards.DEFAULT,
} | {  # titles of every length, so that every title size is drawn
    f"{n} words": cards.Card(" ".join(WORDS[k % len(WORDS)] for k in range(n)), "Sáng kiến", PLACE, FIGURE)
    for n in (4, 8, 13, 14, 17, 22, 28, 34)
}


def _differences(a: Image.Image, b: Image.Image) -> tuple[float, float, int]:
    """Mean absolute difference (grey levels), share of pixels and number of pixels differing by more than 32."""
    diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB"))
    red, green, blue = diff.split()
    worst = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    over = sum(worst.histogram()[33:])
    return sum(ImageStat.Stat(diff).mean) / 3, over / (a.width * a.height), over


@pytest.mark.parametrize("name", SAMPLES)
def test_a_card_drawn_from_cached_glyphs_looks_like_one_drawn_through_freetype(name):
    card = SAMPLES[name]
    fast, slow = cards.draw(card), cards.draw_slowly(card)
    assert fast.size == slow.size == (cards.WIDTH, cards.HEIGHT) and fast.mode == "P"
    mean, share, over = _differences(fast, slow)
    assert mean < 1 and share < 0.005
    # Only rounding where two glyphs' coverage overlaps can differ: a few pixels. The smallest thing that can
    # go wrong, a missing or misplaced mark (the dot of ạ at 26 px), is 16 pixels or more.
    assert over <= 8, f"{over} pixels differ by more than 32 grey levels"


def test_the_samples_draw_every_face_and_title_size_the_cards_use():
    faces = {
        (item.weight, item.size)
        for card in SAMPLES.values()
        for item in cards._frame_items(card.kicker) + cards.layout(card)
        if isinstance(item, cards.Line)
    }
    titles = {size for weight, size in faces if weight == "Bold" and size >= 42 and size not in (30, 34)}
    assert titles == {68, 60, 54, 48, 42}
    assert {weight for weight, _ in faces} == {"Regular", "SemiBold", "Bold"}
    assert cards.title_layout(SAMPLES["stacked marks, cut with …"])[1][-1].endswith("…")


def test_the_check_tells_a_wrong_mark_from_the_right_one():
    right = cards.Card("Cải tiến khuôn dập giảm phế phẩm", "Sáng kiến", PLACE, FIGURE)
    wrong = cards.Card("Cải tiến khuôn dập giảm phế phẫm", "Sáng kiến", PLACE, FIGURE)
    assert _differences(cards.draw(right), cards.draw_slowly(wrong))[2] > 8


def test_every_vietnamese_letter_is_one_character_with_a_glyph_of_its_own():
    assert len(LETTERS) == 146 and all(len(c) == 1 for c in LETTERS)  # precomposed: NFC, no combining marks
    for weight in ("Regular", "SemiBold", "Bold"):
        mapped = TTFont(str(cards.FONTS / f"BeVietnamPro-{weight}.ttf")).getBestCmap()
        assert [c for c in ALPHABET if c != " " and ord(c) not in mapped] == []


FACES = [("Bold", s) for s in (68, 60, 54, 48, 42, 34, 30)] + [("Regular", 30), ("Regular", 26), ("SemiBold", 26)]


@pytest.mark.parametrize(("weight", "size"), FACES)
def test_lines_composed_from_cached_glyphs_are_freetypes_lines(weight, size):
    face = cards.font(weight, size)
    rnd = random.Random(size)
    lines = [" ".join(LETTERS[k : k + 20]) for k in range(0, len(LETTERS), 20)]
    lines += ["".join(rnd.choices(ALPHABET, k=rnd.randrange(1, 50))) for _ in range(40)]
    for text in lines:
        # Widths: what wrapping, fitting and cutting with "…" measure.
        assert glyphs(face).length(text) == face.getlength(text), text
        # Pixels: FreeType's own mask of the line, its corner at `offset` from the anchor.
        mask, offset = face.getmask2(text, "L")
        placed = glyphs(face).placed((0, 0), text)
        if mask.size[0] == 0 or mask.size[1] == 0:
            assert extent(placed) is None
            continue
        composed = Image.new("L", mask.size)
        stamp(composed, placed, offset)
        assert composed.tobytes() == bytes(mask), text
        box = extent(placed)
        assert box is not None and box[0] >= offset[0] and box[1] >= offset[1]


def test_a_line_is_cut_where_measuring_with_freetype_cuts_it():
    face = cards.font("Bold", 42)
    rnd = random.Random(7)
    for _ in range(200):
        line = "".join(rnd.choices(ALPHABET, k=rnd.randrange(1, 60)))
        width = rnd.randrange(0, 1200)
        slow = line
        while slow and face.getlength(slow + "…") > width:
            slow = slow[:-1]
        assert cards._cut(line, face, width) == slow + "…"


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    out, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        assert struct.unpack(">I", data[at + 8 + length : at + 12 + length])[0] == zlib.crc32(kind + body)
        out.append((kind, body))
        at += 12 + length
    return out


@pytest.mark.parametrize("name", ["stacked marks, cut with …", "short", "site card", "34 words"])
def test_a_card_png_is_valid_and_has_the_cards_pixels(name):
    card = SAMPLES[name]
    data = cards.png(card)
    chunks = dict(_chunks(data))
    assert list(chunks) == [b"IHDR", b"PLTE", b"IDAT", b"IEND"]
    assert struct.unpack(">IIBBBBB", chunks[b"IHDR"]) == (cards.WIDTH, cards.HEIGHT, 8, 3, 0, 0, 0)
    raw = zlib.decompress(chunks[b"IDAT"])  # checks the combined Adler-32 too
    drawn = cards.draw(card)
    rows = [raw[r * (cards.WIDTH + 1) : (r + 1) * (cards.WIDTH + 1)] for r in range(cards.HEIGHT)]
    assert all(row[0] == 0 for row in rows) and b"".join(row[1:] for row in rows) == drawn.tobytes()
    with Image.open(io.BytesIO(data)) as im:
        assert im.convert("RGB").tobytes() == cards.draw_slowly(card).convert("RGB").tobytes()
    assert cards.png(card) == data  # the same card, the same bytes: cached and fresh cards agree


@pytest.mark.parametrize("changed", [(0, 0), (0, 1), (5, 6), (7, 41), (0, 50), (33, 50), (10, 10)])
def test_banded_png_of_any_changed_rows(changed):
    rnd = random.Random(changed[0] * 100 + changed[1])
    base = Image.frombytes("L", (37, 50), bytes(rnd.randrange(12) for _ in range(37 * 50)))
    encoder = BandedPNG(base, list(range(36)), level=1, band=8)
    im = base.copy()
    first, end = changed
    if end > first:
        im.paste(
            Image.frombytes("L", (37, end - first), bytes(rnd.randrange(12) for _ in range(37 * (end - first)))),
            (0, first),
        )
    with Image.open(io.BytesIO(encoder.encode(im, changed))) as out:
        assert out.mode == "P" and out.tobytes() == im.tobytes()
        assert out.getpalette() == list(range(36))


def test_text_over_something_else_leaves_it_where_the_glyphs_do_not_reach():
    # A dark square in the gap between two letters, inside the box the line covers: the line is laid on
    # through the mask of covered pixels only, and the square stays.
    square = cards.Panel((150, 320, 160, 340), cards._DARK)
    items = [square, cards.Line((cards.MARGIN, 300), "Ầ    Ặ", "Bold", 68, cards._WHITE, cards._RED)]
    fast = cards._frame("Sáng kiến").copy()
    cards._paint(fast, items)
    fast.putpalette(cards._colours())
    slow = Image.new("RGB", (cards.WIDTH, cards.HEIGHT), cards._RED)
    cards.paint_slowly(slow, cards._frame_items("Sáng kiến") + items)
    assert _differences(fast, cards._quantize(slow)) == (0, 0, 0)
    assert fast.convert("RGB").crop((150, 320, 161, 341)).getcolors() == [(11 * 21, cards._DARK)]


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text(), st.text(), st.text())
def test_a_cards_key_is_the_digest_of_its_design_and_fields(title, kicker, place, figure):
    """Written out by hand for speed, the key must stay what it was: the card store is named by it, and a new key
    would draw every card again."""
    card = cards.Card(title, kicker, place, figure)
    assert card.key == digest(cards.DESIGN, card)
