"""Photos from the public: checked before use, published only as clean re-encoded copies.

A file is read with a byte limit and a pixel limit (Pillow's decompression-bomb guard, set here on
purpose and turned into an error); published copies carry no location or device metadata, their
orientation applied, and only the credit and licence written back.
"""

from __future__ import annotations

import hashlib
import shutil
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 50_000_000
FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
_EXIF_ARTIST, _EXIF_COPYRIGHT = 0x013B, 0x8298


class BadImage(ValueError):
    pass


@dataclass(frozen=True)
class Published:
    url: str
    width: int
    height: int


def _open(path: Path) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
        return Image.open(path)


def check(path: Path) -> None:
    """Raise BadImage with a reason a person can act on."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise BadImage(f"ảnh quá lớn ({size // 1_000_000} MB, tối đa {MAX_BYTES // 1_000_000} MB)")
    try:
        with _open(path) as im:
            if im.format not in FORMATS:
                raise BadImage(f"định dạng {im.format} không được hỗ trợ (chỉ JPEG, PNG, WebP)")
            if im.width * im.height > MAX_PIXELS:
                raise BadImage(f"ảnh quá nhiều điểm ảnh ({im.width}×{im.height}, tối đa {MAX_PIXELS // 1_000_000} triệu)")
            im.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise BadImage(f"ảnh quá nhiều điểm ảnh (tối đa {MAX_PIXELS // 1_000_000} triệu)") from None
    except UnidentifiedImageError:
        raise BadImage("không đọc được tệp ảnh (hỏng hoặc không phải ảnh)") from None
    except (OSError, SyntaxError, ValueError) as e:
        raise BadImage(f"tệp ảnh hỏng: {e}") from None


class Publisher:
    """Writes clean copies into the docs folder, re-encoding only what changed (cache by content hash)."""

    def __init__(self, media: Path, docs: Path, cache: Path):
        self.media, self.docs, self.cache = media, docs, cache
        self.used: set[str] = set()
        self.encoded = 0

    def publish(self, file: str, credit: str | None, license: str | None) -> Published:
        source = self.media / file
        digest = hashlib.sha256(source.read_bytes() + f"\0{credit}\0{license}".encode()).hexdigest()[:16]
        name = f"{Path(file).stem}-{digest[:8]}{FORMATS.get(_format(source), '.jpg')}"
        cached = self.cache / name
        if not cached.exists():
            self.cache.mkdir(parents=True, exist_ok=True)
            _clean_copy(source, cached, credit, license)
            self.encoded += 1
        target = self.docs / "media" / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, target)
        self.used.add(f"media/{name}")
        with Image.open(cached) as im:
            return Published(f"media/{name}", im.width, im.height)


def _format(path: Path) -> str:
    with _open(path) as im:
        return im.format


def _clean_copy(source: Path, target: Path, credit: str | None, license: str | None) -> None:
    with _open(source) as im:
        fmt = im.format
        im = ImageOps.exif_transpose(im)  # orientation first: the tag that carried it is dropped next
        exif = Image.Exif()
        # EXIF text fields are nominally ASCII; UTF-8 is what photo tools read for Vietnamese there.
        if credit:
            exif[_EXIF_ARTIST] = credit.encode("utf-8")
        if license:
            exif[_EXIF_COPYRIGHT] = license.encode("utf-8")
        # A new image from the pixels alone: no EXIF (GPS, camera, serial, thumbnail), XMP, ICC or comments.
        clean = Image.frombytes(im.mode, im.size, im.tobytes())
        if im.mode == "P":
            clean.putpalette(im.getpalette())
        if fmt == "JPEG":
            clean.convert("RGB").save(target, "JPEG", quality=85, optimize=True, progressive=True, exif=exif)
        elif fmt == "PNG":
            clean.save(target, "PNG", optimize=True, exif=exif)
        else:
            clean.save(target, "WEBP", quality=85, exif=exif)
