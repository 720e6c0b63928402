"""Text drawn from glyphs rendered once: each character of a face at a size goes through FreeType once per
process, then every line that uses it is composed by pasting its coverage mask.

Pillow's basic layout, which the cards use, places each character at a whole-pixel pen position, moved on by the
character's (hinted, whole-pixel) advance and by the font's pair adjustment, and lays each glyph's coverage over
the line's as `paste(255, box, glyph)` does. Composing cached glyphs that way gives the line FreeType would have
drawn, pixel for pixel, at a twentieth of the cost; measuring with the same advances gives the same widths, so
wrapping and cutting are unchanged too. Vietnamese needs no shaping when written in NFC: every letter, stacked
marks included (ầ, ễ, ỵ, Ặ), is one precomposed character with a glyph of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont


@dataclass(frozen=True)
class Glyph:
    mask: Image.Image | None  # coverage, 0..255; None for a blank (a space)
    left: int  # where the mask starts, from the pen position and the top of the line
    top: int
    advance: float


class Glyphs:
    """One face at one size: its glyphs and pair adjustments, each asked of FreeType once."""

    def __init__(self, face: ImageFont.FreeTypeFont):
        self.face = face
        self._glyphs: dict[str, Glyph] = {}
        self._pairs: dict[str, float] = {}

    def glyph(self, char: str) -> Glyph:
        found = self._glyphs.get(char)
        if found is None:
            left, top, right, bottom = (int(v) for v in self.face.getbbox(char))
            mask = None
            if right > left and bottom > top:
                mask = Image.new("L", (right - left, bottom - top))
                ImageDraw.Draw(mask).text((-left, -top), char, font=self.face, fill=255)
            found = self._glyphs[char] = Glyph(mask, left, top, self.face.getlength(char))
        return found

    def pair(self, first: str, second: str) -> float:
        """What the layout adds between two characters beyond their advances (kerning): zero for a font whose
        kerning only its GPOS table holds, which basic layout does not read."""
        both = first + second
        found = self._pairs.get(both)
        if found is None:
            found = self._pairs[both] = (
                self.face.getlength(both) - self.glyph(first).advance - self.glyph(second).advance
            )
        return found

    def pens(self, text: str) -> list[float]:
        """Each character's pen position along the line, then the line's length."""
        pens, x, before = [], 0.0, ""
        for char in text:
            if before:
                x += self.pair(before, char)
            pens.append(x)
            x += self.glyph(char).advance
            before = char
        pens.append(x)
        return pens

    def length(self, text: str) -> float:
        """The line's width, as `FreeTypeFont.getlength` measures it."""
        return self.pens(text)[-1] if text else 0.0

    def fitting(self, text: str, tail: str, width: float) -> int:
        """How many characters of the text fit in `width` with `tail` after them (the most; 0 if none do)."""
        pens = self.pens(text)
        for k in range(len(text), 0, -1):
            if pens[k] + self.pair(text[k - 1], tail[0]) + self.length(tail) <= width:
                return k
        return 0

    def placed(self, xy: tuple[int, int], text: str) -> list[tuple[Image.Image, int, int]]:
        """Each visible glyph's mask and where it goes, for the line's top left corner at `xy` (anchor "la")."""
        x0, y0 = xy
        out = []
        for char, pen in zip(text, self.pens(text), strict=False):
            glyph = self.glyph(char)
            if glyph.mask is not None:
                out.append((glyph.mask, x0 + round(pen) + glyph.left, y0 + glyph.top))
        return out


def stamp(canvas: Image.Image, placed: list[tuple[Image.Image, int, int]], origin: tuple[int, int] = (0, 0)) -> None:
    """Lay glyphs' coverage on an "L" canvas whose top left corner is at `origin`, each over what is there,
    as FreeType's line renderer does."""
    ox, oy = origin
    for mask, x, y in placed:
        canvas.paste(255, (x - ox, y - oy), mask)


def extent(placed: list[tuple[Image.Image, int, int]]) -> tuple[int, int, int, int] | None:
    """The box the glyphs cover, or None if they are all blank."""
    if not placed:
        return None
    return (
        min(x for _, x, _ in placed),
        min(y for _, _, y in placed),
        max(x + m.width for m, x, _ in placed),
        max(y + m.height for m, _, y in placed),
    )


@cache
def glyphs(face: ImageFont.FreeTypeFont) -> Glyphs:
    return Glyphs(face)
