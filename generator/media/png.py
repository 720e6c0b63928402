"""Palette PNGs of images that mostly repeat a base image: the rows a card shares with its frame are compressed
once per process, and only the bands of rows the card changes are compressed for each card.

A PNG's pixels are one zlib stream of rows, each led by its filter byte. Compressing each band of rows on its own
and ending it with a flush gives byte-aligned pieces of deflate data that refer to nothing before them, so a
band's compressed bytes can be reused wherever the same rows occur, and the pieces joined with a final empty
block make a valid stream. Its checksum (Adler-32) is combined from the bands' checksums. Compressed with
zlib-ng, which is about twice as fast as zlib at the same size.
"""

from __future__ import annotations

import struct

from PIL import Image
from zlib_ng import zlib_ng

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ZLIB_HEADER = b"\x78\x01"  # deflate, 32 KiB window, no dictionary (header check: 0x7801 % 31 == 0)
_LAST_BLOCK = b"\x03\x00"  # an empty final block: ends the deflate stream
_ADLER_BASE = 65521


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib_ng.crc32(kind + data))


def _adler_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two byte strings one after the other, from theirs (zlib's adler32_combine)."""
    rem = second_length % _ADLER_BASE
    low = first & 0xFFFF
    high = (rem * low) % _ADLER_BASE
    low = (low + (second & 0xFFFF) + _ADLER_BASE - 1) % _ADLER_BASE
    high = (high + (first >> 16) + (second >> 16) + _ADLER_BASE - rem) % _ADLER_BASE
    return low | (high << 16)


class BandedPNG:
    """Writes "L" images of palette indices that differ from `base` only in known rows, as palette PNGs with
    `colours`: the base's bands of rows are compressed once, each on its own, at zlib's best level; the bands an
    image changes are compressed together at `level`, for each image."""

    def __init__(self, base: Image.Image, colours: list[int], level: int, band: int = 8):
        if base.mode != "L":
            raise ValueError("base must be an 'L' image of palette indices")
        self.width, self.height = base.size
        self.level, self.band = level, band
        self._head = (
            _SIGNATURE
            + _chunk(b"IHDR", struct.pack(">IIBBBBB", self.width, self.height, 8, 3, 0, 0, 0))
            + _chunk(b"PLTE", bytes(colours))
        )
        self._bands: list[bytes] = []
        self._lengths: list[int] = []
        adlers = []
        for top in range(0, self.height, band):
            raw = self._scanlines(base, top, top + band)
            self._bands.append(self._deflate(raw, zlib_ng.Z_BEST_COMPRESSION))  # once: worth the best
            self._lengths.append(len(raw))
            adlers.append(zlib_ng.adler32(raw))
        # The checksum of the rows before each band and of the rows from it to the end, to combine with a card's.
        self._before, self._after = [1], [1] * (len(adlers) + 1)
        for k, adler in enumerate(adlers):
            self._before.append(_adler_combine(self._before[-1], adler, self._lengths[k]))
        for k in reversed(range(len(adlers))):
            self._after[k] = _adler_combine(adlers[k], self._after[k + 1], sum(self._lengths[k + 1 :]))

    def _scanlines(self, im: Image.Image, top: int, bottom: int) -> bytes:
        """Rows as the PNG stores them: each led by its filter byte (0: none), the pixels beside it."""
        bottom = min(bottom, self.height)
        rows = Image.new("L", (self.width + 1, bottom - top))
        rows.paste(im.crop((0, top, self.width, bottom)), (1, 0))
        return rows.tobytes()

    def _deflate(self, raw: bytes, level: int) -> bytes:
        """Deflate data that refers to nothing before it and ends on a byte boundary, not the stream's end."""
        packer = zlib_ng.compressobj(level, zlib_ng.DEFLATED, -15)
        return packer.compress(raw) + packer.flush(zlib_ng.Z_SYNC_FLUSH)

    def encode(self, im: Image.Image, changed: tuple[int, int]) -> bytes:
        """The PNG of `im`, whose rows outside `changed` (first, past the last) are the base's."""
        if im.mode != "L" or im.size != (self.width, self.height):
            raise ValueError("an 'L' image of palette indices, the size of the base, is needed")
        first = max(0, changed[0]) // self.band
        last = max(first, -(-min(changed[1], self.height) // self.band))
        raw = self._scanlines(im, first * self.band, last * self.band) if last > first else b""
        adler = _adler_combine(self._before[first], zlib_ng.adler32(raw), len(raw))
        adler = _adler_combine(adler, self._after[last], sum(self._lengths[last:]))
        stream = b"".join(
            [_ZLIB_HEADER, *self._bands[:first], self._deflate(raw, self.level), *self._bands[last:], _LAST_BLOCK]
        ) + struct.pack(">I", adler)
        return self._head + _chunk(b"IDAT", stream) + _chunk(b"IEND", b"")
