"""Share cards: the 1200×630 picture Facebook, Zalo and others show beside a shared link.

Drawn with Pillow in Be Vietnam Pro (SIL Open Font License, from the `fontpkg-be-vietnam-pro` package), which
has every precomposed Vietnamese letter, stacked marks included (ầ, ễ, ỵ, Ặ).

A card is laid out once (`layout`: lines and shapes, measured with the font's own advances), then painted in
palette indices: the frame once per process and kind of page, the card's text from glyphs rendered once per
size (`glyphs.py`), each shade of text over its background mapped to the palette colour quantizing would give.
The pixels are those of drawing every line through FreeType in full colour and quantizing (`draw_slowly`, the
reference the tests compare with) at about a tenth of the cost, and the PNG compresses only the rows the card's
text changes (`png.py`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import BinaryIO

import fontpkg_be_vietnam_pro
from PIL import Image, ImageDraw, ImageFont

from generator import routes
from generator.common.digest import digest_bytes
from generator.media.glyphs import Glyphs, extent, glyphs, stamp
from generator.media.png import BandedPNG

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
PROGRAMME = "MỘT TRIỆU SÁNG KIẾN"
OWNER = "Tổng Liên đoàn Lao động Việt Nam"
FONTS = fontpkg_be_vietnam_pro.ROOT / "files"
_RED, _DARK, _GOLD, _CREAM = (163, 22, 27), (127, 15, 19), (242, 183, 5), (255, 243, 243)
_WHITE, _BROWN = (255, 255, 255), (59, 38, 0)
# Part of every card's key: a new design redraws every card. "3": the same pixels as "2", other PNG bytes.
DESIGN = "3"
COMPRESS_LEVEL, BAND = 3, 16  # zlib level and rows per band for a card's own rows: chosen by measurement (README)
DEFAULT_IMAGE = routes.SITE_CARD  # for pages without a card of their own


@dataclass(frozen=True)
class Card:
    title: str
    kicker: str = ""  # above the title: what the page is ("Sáng kiến", "Câu chuyện", "Tỉnh, thành")
    place: str = ""  # below it: province · sector
    figure: str = ""  # the highlighted line: "Làm lợi 1,2 tỷ đồng/năm"

    @cached_property  # asked for by the plan, the card store and the manifest
    def key(self) -> str:
        """digest(DESIGN, self), written out: the dataclass's own repr costs a second a build at 10^5 cards."""
        fields = f"title={self.title!r}, kicker={self.kicker!r}, place={self.place!r}, figure={self.figure!r}"
        return digest_bytes(f"({DESIGN!r}, Card({fields}))".encode())


@cache
def font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    # Basic layout: Vietnamese text in NFC needs no shaping, and it is several times faster than Raqm.
    return ImageFont.truetype(str(FONTS / f"BeVietnamPro-{weight}.ttf"), size, layout_engine=ImageFont.Layout.BASIC)


RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Line:
    """One line of text, its top left corner at `xy`, on a flat colour."""

    xy: tuple[int, int]
    text: str
    weight: str
    size: int
    ink: RGB
    ground: RGB


@dataclass(frozen=True)
class Panel:
    """A flat shape: a rectangle, with rounded corners if it has a radius."""

    box: tuple[float, float, float, float]
    fill: RGB
    radius: int = 0


def _frame_items(kicker: str) -> list[Line | Panel]:
    """Background, programme name, owner and the kind of page: the same on many cards."""
    # Flat colours only: a card is then a few dozen colours, small as a PNG and sharp at any zoom.
    items: list[Line | Panel] = [
        Panel((0, HEIGHT - 112, WIDTH, HEIGHT), _DARK),
        Panel((0, 0, 16, HEIGHT), _GOLD),
        Line((MARGIN, 56), PROGRAMME, "Bold", 30, _GOLD, _RED),
        Line((MARGIN, HEIGHT - 72), OWNER, "Regular", 26, _CREAM, _DARK),
    ]
    if kicker:
        items.append(Line((MARGIN, 128), kicker.upper(), "SemiBold", 26, _CREAM, _RED))
    return items


@lru_cache(maxsize=200_000)
def _length(face: ImageFont.FreeTypeFont, word: str) -> float:
    # Vietnamese is written in a few thousand distinct syllables: across 10^5 titles, most widths repeat.
    return glyphs(face).length(word)


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[tuple[str, float]]:
    """Lines of at most `width` pixels, each with its width; a single word wider than that stays whole."""
    space = _length(face, " ")
    lines: list[list] = []  # [text, width]
    for word in text.split():
        w = _length(face, word)
        if lines and lines[-1][1] + space + w <= width:
            lines[-1][0] += f" {word}"
            lines[-1][1] += space + w
        else:
            lines.append([word, w])
    return [(line, w) for line, w in lines]


LEADING = 1.22


def fit_title(title: str, max_height: int, width: int = WIDTH - 2 * MARGIN) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which the title fits the box; at the smallest, cut with an ellipsis."""
    for size in (68, 60, 54, 48, 42):
        face = font("Bold", size)
        wrapped = wrap(title, face, width)
        lines = [line for line, _ in wrapped]
        if len(lines) * round(size * LEADING) <= max_height and all(w <= width for _, w in wrapped):
            return face, lines
    keep = max(1, max_height // round(face.size * LEADING))
    cut = lines[:keep]
    length = glyphs(face).length
    if len(lines) > keep or length(cut[-1]) > width:
        cut[-1] = _cut(cut[-1], face, width)
    return face, [ln if length(ln) <= width else _cut(ln, face, width) for ln in cut]


def _cut(line: str, face: ImageFont.FreeTypeFont, width: int) -> str:
    """The longest start of the line that fits with "…" after it, and the "…"."""
    return line[: glyphs(face).fitting(line, "…", width)] + "…"


_TOP, _BOTTOM = 176, HEIGHT - 136  # the text block, between the kicker and the footer band
_PLACE_H, _FIGURE_H = 44, 78


def title_layout(card: Card) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The title's size and lines, in the room the other lines leave."""
    room = _BOTTOM - _TOP - (_PLACE_H if card.place else 0) - (_FIGURE_H if card.figure else 0)
    return fit_title(card.title, room)


def layout(card: Card) -> list[Line | Panel]:
    """What the card adds to its frame, in drawing order."""
    width = WIDTH - 2 * MARGIN
    face, lines = title_layout(card)
    items: list[Line | Panel] = []
    y = _TOP
    for line in lines:
        items.append(Line((MARGIN, y), line, "Bold", int(face.size), _WHITE, _RED))
        y += round(face.size * LEADING)
    y += 6
    place, figure = " ".join(card.place.split()), " ".join(card.figure.split())  # one line each
    if place:
        face = font("Regular", 30)
        text = place if glyphs(face).length(place) <= width else _cut(place, face, width)
        items.append(Line((MARGIN, y), text, "Regular", 30, _CREAM, _RED))
        y += _PLACE_H
    if figure:
        length = glyphs(font("Bold", 34)).length(figure)
        items.append(Panel((MARGIN - 4, y + 8, MARGIN + length + 36, y + 70), _GOLD, radius=14))
        items.append(Line((MARGIN + 16, y + 17), figure, "Bold", 34, _BROWN, _GOLD))
    return items


def _shape(draw: ImageDraw.ImageDraw, panel: Panel, fill: int | RGB) -> None:
    if panel.radius:
        draw.rounded_rectangle(panel.box, radius=panel.radius, fill=fill)
    else:
        draw.rectangle(panel.box, fill=fill)


@cache
def _colours() -> list[int]:
    """Every colour a card uses, with the anti-aliasing steps between text and its background, as R, G, B, …"""
    pairs = [
        (_RED, _WHITE),
        (_RED, _CREAM),
        (_RED, _GOLD),
        (_GOLD, _BROWN),
        (_DARK, _CREAM),
        (_RED, _DARK),
    ]
    shades = (tuple(round(a + (b - a) * k / 9) for a, b in zip(x, y, strict=True)) for x, y in pairs for k in range(10))
    return [v for c in dict.fromkeys(shades) for v in c]


@cache
def _palette() -> Image.Image:
    flat = _colours()
    pal = Image.new("P", (1, 1))
    pal.putpalette(flat + [0] * (768 - len(flat)))
    return pal


def _quantize(im: Image.Image) -> Image.Image:
    """Each pixel to the nearest colour of the palette, alone (no dithering)."""
    return im.quantize(palette=_palette(), dither=Image.Dither.NONE)


@cache
def _shades(ground: RGB, ink: RGB) -> list[int]:
    """The palette index of ink laid over ground at each coverage 0..255, as drawn text blends and quantizes it."""
    strip = Image.new("RGB", (256, 1), ground)
    ImageDraw.Draw(strip).bitmap((0, 0), Image.frombytes("L", (256, 1), bytes(range(256))), fill=ink)
    return list(_quantize(strip).tobytes())


_SEEN = [0] + [255] * 255  # where a glyph covers anything at all


def _runs(items: list[Line | Panel]) -> list[Panel | list[Line]]:
    """Shapes one by one, lines in runs of the same colours."""
    runs: list[Panel | list[Line]] = []
    for item in items:
        last = runs[-1] if runs else None
        if isinstance(item, Panel):
            runs.append(item)
        elif isinstance(last, list) and (last[0].ink, last[0].ground) == (item.ink, item.ground):
            last.append(item)
        else:
            runs.append([item])
    return runs


def _paint(canvas: Image.Image, items: list[Line | Panel]) -> tuple[int, int]:
    """Draw on an "L" canvas of palette indices: shapes filled with their colour's index; each run of lines in
    the same colours composed as one coverage mask from cached glyphs, then laid on in the palette's shades.
    Returns the rows drawn on (first, past the last)."""
    draw = ImageDraw.Draw(canvas)
    rows: list[float] = []
    for run in _runs(items):
        if isinstance(run, Panel):
            _shape(draw, run, _shades(run.fill, run.fill)[0])
            rows += [run.box[1], run.box[3] + 1]  # a shape's box includes its last row
            continue
        placed = [g for line in run for g in _glyphs(line).placed(line.xy, line.text)]
        box = extent(placed)
        if box is not None:
            x0, y0, x1, y1 = box
            cover = Image.new("L", (x1 - x0, y1 - y0))
            stamp(cover, placed, (x0, y0))
            shades = _shades(run[0].ground, run[0].ink)
            if canvas.crop(box).getextrema() == (shades[0], shades[0]):  # all ground: lay the shades on as they are
                canvas.paste(cover.point(shades), (x0, y0))
            else:  # something else there: only where the glyphs cover anything
                canvas.paste(cover.point(shades), (x0, y0), cover.point(_SEEN))
            rows += [y0, y1]
    return (math.floor(min(rows)), math.ceil(max(rows))) if rows else (0, 0)


def _glyphs(line: Line) -> Glyphs:
    return glyphs(font(line.weight, line.size))


@lru_cache(maxsize=8)
def _frame(kicker: str) -> Image.Image:
    canvas = Image.new("L", (WIDTH, HEIGHT), _shades(_RED, _RED)[0])
    _paint(canvas, _frame_items(kicker))
    return canvas


@lru_cache(maxsize=8)
def _encoder(kicker: str) -> BandedPNG:
    """Compresses the frame's rows once, at zlib's best level; a card's own rows at COMPRESS_LEVEL."""
    return BandedPNG(_frame(kicker), _colours(), COMPRESS_LEVEL, BAND)


def _painted(card: Card) -> tuple[Image.Image, tuple[int, int]]:
    """The card as an "L" image of palette indices, and the rows in which it differs from its frame."""
    im = _frame(card.kicker).copy()
    return im, _paint(im, layout(card))


def draw(card: Card) -> Image.Image:
    """The card as a palette image."""
    im = _painted(card)[0]
    im.putpalette(_colours())
    return im


def draw_slowly(card: Card) -> Image.Image:
    """The same card drawn line by line through FreeType, in full colour, then quantized: the reference the
    fast way is checked against, pixel for pixel, and the speed it is measured against."""
    im = Image.new("RGB", (WIDTH, HEIGHT), _RED)
    paint_slowly(im, _frame_items(card.kicker) + layout(card))
    return _quantize(im)


def paint_slowly(im: Image.Image, items: list[Line | Panel]) -> None:
    """Draw on an "RGB" image the way cards were drawn before glyph caching."""
    d = ImageDraw.Draw(im)
    for item in items:
        if isinstance(item, Line):
            d.text(item.xy, item.text, font=font(item.weight, item.size), fill=item.ink)
        else:
            _shape(d, item, item.fill)


def png(card: Card) -> bytes:
    """A palette PNG: a third of a JPEG's size for flat colour and text, without JPEG's smudges round letters."""
    return _encoder(card.kicker).encode(*_painted(card))


def save(card: Card, target: Path | BinaryIO) -> None:
    if isinstance(target, Path):
        target.write_bytes(png(card))
    else:
        target.write(png(card))


DEFAULT = Card("Sáng kiến của người lao động Việt Nam", "", "Tìm theo tỉnh, thành và lĩnh vực", "")
