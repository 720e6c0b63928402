"""Share cards: the 1200×630 picture Facebook, Zalo and others show beside a shared link.

Drawn with Pillow in Be Vietnam Pro (SIL Open Font License, from the `fontpkg-be-vietnam-pro` package), which
has every precomposed Vietnamese letter, stacked marks included (ầ, ễ, ỵ, Ặ). The frame is drawn once per
process; a card only adds its text, so 10^5 cards take minutes, not hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import BinaryIO

import fontpkg_be_vietnam_pro
from PIL import Image, ImageDraw, ImageFont

from generator import routes
from generator.common.digest import digest

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
PROGRAMME = "MỘT TRIỆU SÁNG KIẾN"
OWNER = "Tổng Liên đoàn Lao động Việt Nam"
FONTS = fontpkg_be_vietnam_pro.ROOT / "files"
_RED, _DARK, _GOLD, _CREAM = (163, 22, 27), (127, 15, 19), (242, 183, 5), (255, 243, 243)
DESIGN = "2"
DEFAULT_IMAGE = routes.SITE_CARD  # for pages without a card of their own
DEFAULT = None  # set below  # part of every card's key: a new design redraws every card


@dataclass(frozen=True)
class Card:
    title: str
    kicker: str = ""  # above the title: what the page is ("Sáng kiến", "Câu chuyện", "Tỉnh, thành")
    place: str = ""  # below it: province · sector
    figure: str = ""  # the highlighted line: "Làm lợi 1,2 tỷ đồng/năm"

    @property
    def key(self) -> str:
        return digest(DESIGN, self)


@cache
def font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    # Basic layout: Vietnamese text in NFC needs no shaping, and it is several times faster than Raqm.
    return ImageFont.truetype(str(FONTS / f"BeVietnamPro-{weight}.ttf"), size, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=8)
def _frame(kicker: str) -> Image.Image:
    """Background, programme name, owner and the kind of page: the same on many cards."""
    # Flat colours only: a card is then a few dozen colours, small as a PNG and sharp at any zoom.
    im = Image.new("RGB", (WIDTH, HEIGHT), _RED)
    draw = ImageDraw.Draw(im)
    draw.rectangle([0, HEIGHT - 112, WIDTH, HEIGHT], fill=_DARK)
    draw.rectangle([0, 0, 16, HEIGHT], fill=_GOLD)
    draw.text((MARGIN, 56), PROGRAMME, font=font("Bold", 30), fill=_GOLD)
    draw.text((MARGIN, HEIGHT - 72), OWNER, font=font("Regular", 26), fill=_CREAM)
    if kicker:
        draw.text((MARGIN, 128), kicker.upper(), font=font("SemiBold", 26), fill=_CREAM)
    return im


@lru_cache(maxsize=200_000)
def _length(weight: str, size: int, word: str) -> float:
    # Vietnamese is written in a few thousand distinct syllables: across 10^5 titles, most widths repeat.
    return font(weight, size).getlength(word)


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[tuple[str, float]]:
    """Lines of at most `width` pixels, each with its width; a single word wider than that stays whole."""
    weight = Path(str(face.path)).stem.rsplit("-", 1)[-1]
    space = _length(weight, face.size, " ")
    lines: list[list] = []  # [text, width]
    for word in text.split():
        w = _length(weight, face.size, word)
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
    if len(lines) > keep or face.getlength(cut[-1]) > width:
        cut[-1] = _cut(cut[-1], face, width)
    return face, [ln if face.getlength(ln) <= width else _cut(ln, face, width) for ln in cut]


def _cut(line: str, face, width: int) -> str:
    while line and face.getlength(line + "…") > width:
        line = line[:-1]
    return line + "…"


_TOP, _BOTTOM = 176, HEIGHT - 136  # the text block, between the kicker and the footer band
_PLACE_H, _FIGURE_H = 44, 78


def title_layout(card: Card) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The title's size and lines, in the room the other lines leave."""
    room = _BOTTOM - _TOP - (_PLACE_H if card.place else 0) - (_FIGURE_H if card.figure else 0)
    return fit_title(card.title, room)


def draw(card: Card) -> Image.Image:
    im = _frame(card.kicker).copy()
    d = ImageDraw.Draw(im)
    width = WIDTH - 2 * MARGIN
    face, lines = title_layout(card)
    y = _TOP
    for line in lines:
        d.text((MARGIN, y), line, font=face, fill=(255, 255, 255))
        y += round(face.size * LEADING)
    y += 6
    if card.place:
        place = font("Regular", 30)
        text = card.place if place.getlength(card.place) <= width else _cut(card.place, place, width)
        d.text((MARGIN, y), text, font=place, fill=_CREAM)
        y += _PLACE_H
    if card.figure:
        fig = font("Bold", 34)
        d.rounded_rectangle(
            [MARGIN - 4, y + 8, MARGIN + fig.getlength(card.figure) + 36, y + 70], radius=14, fill=_GOLD
        )
        d.text((MARGIN + 16, y + 17), card.figure, font=fig, fill=(59, 38, 0))
    return im


@lru_cache(maxsize=1)
def _palette() -> Image.Image:
    """Every colour a card uses, with the anti-aliasing steps between text and its background."""
    pairs = [
        (_RED, (255, 255, 255)),
        (_RED, _CREAM),
        (_RED, _GOLD),
        (_GOLD, (59, 38, 0)),
        (_DARK, _CREAM),
        (_RED, _DARK),
    ]
    shades = (tuple(round(a + (b - a) * k / 9) for a, b in zip(x, y, strict=True)) for x, y in pairs for k in range(10))
    colours = list(dict.fromkeys(shades))
    flat = [v for c in colours for v in c]
    pal = Image.new("P", (1, 1))
    pal.putpalette(flat + [0] * (768 - len(flat)))
    return pal


def save(card: Card, target: Path | BinaryIO) -> None:
    """A palette PNG: a third of a JPEG's size for flat colour and text, without JPEG's smudges round letters."""
    draw(card).quantize(palette=_palette(), dither=Image.Dither.NONE).save(target, "PNG")


DEFAULT = Card("Sáng kiến của người lao động Việt Nam", "", "Tìm theo tỉnh, thành và lĩnh vực", "")
