"""Photos from the public: checked before use, published only as clean re-encoded copies.

A file is read with a byte limit and a pixel limit (Pillow's decompression-bomb guard, set here on
purpose and turned into an error); published copies carry no location or device metadata, their
orientation applied, and only the credit and licence written back (photo_metadata.py: XMP, IPTC, ASCII EXIF).
Each photo is published at full size (the press download, named after its record: `HN-2022-0012-1.jpg`) and
at a few widths, as WebP with a JPEG fallback, for `srcset`.
"""

from __future__ import annotations

import re
import shutil
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, PngImagePlugin, UnidentifiedImageError

from generator import routes
from generator.common import parallel
from generator.common.digest import digest_bytes
from generator.common.store import FileStore
from generator.common.text import slug, strip_marks
from generator.media import photo_metadata
from generator.media.photo_metadata import Credit

MAX_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 50_000_000
FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
WIDTHS = (480, 960, 1600)  # what a phone, a laptop and a large screen need; never wider than the original
METADATA = "xmp-iptc-1"  # how credits are written: part of every cache key, so a change re-encodes


class BadImage(ValueError):
    pass


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    webp: str
    jpeg: str


@dataclass(frozen=True)
class Published:
    url: str  # the full-size clean copy, for download
    width: int
    height: int
    bytes: int = 0
    format: str = "JPEG"
    variants: tuple[Variant, ...] = ()

    @property
    def fallback(self) -> Variant:
        """The `src` for browsers without srcset: the middle width."""
        return self.variants[min(1, len(self.variants) - 1)]

    def srcset(self, kind: str, href) -> str:
        return ", ".join(f"{href(getattr(v, kind))} {v.width}w" for v in self.variants)


def widths(original: int) -> list[int]:
    return [w for w in WIDTHS if w < original] + [min(original, WIDTHS[-1])]


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
                raise BadImage(
                    f"ảnh quá nhiều điểm ảnh ({im.width}×{im.height}, tối đa {MAX_PIXELS // 1_000_000} triệu)"
                )
            im.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise BadImage(f"ảnh quá nhiều điểm ảnh (tối đa {MAX_PIXELS // 1_000_000} triệu)") from None
    except UnidentifiedImageError:
        raise BadImage("không đọc được tệp ảnh (hỏng hoặc không phải ảnh)") from None
    except (OSError, SyntaxError, ValueError) as e:
        raise BadImage(f"tệp ảnh hỏng: {e}") from None


class Publisher:
    """Writes clean copies into the docs folder, re-encoding only what changed (cache by content hash).
    `statement` is the absolute address of the site's licence page, written into every photo."""

    def __init__(self, media: Path, docs: Path, cache: Path, statement: str = ""):
        self.media, self.docs, self.store = media, docs, FileStore(cache)
        self.statement = statement
        self.used: set[str] = set()  # site paths of the files published
        self.bases: set[str] = set()  # the photos published, by base name
        self.encoded = 0

    def _names(self, file: str, credit: str | None, license: str | None) -> tuple[Path, str, str]:
        source = self.media / file
        key = digest_bytes(
            source.read_bytes() + f"\0{credit}\0{license}\0{self.statement}\0{METADATA}".encode(), size=4
        )
        base = f"{slug(Path(file).stem) or 'anh'}-{key}"  # a URL, and a srcset entry: no spaces
        return source, base, f"{base}{FORMATS.get(_format(source), '.jpg')}"

    def encode(self, photos: list[tuple[str, str | None, str | None]]) -> int:
        """Encode, on every core, the photos the cache does not hold yet; returns how many."""
        todo = []
        for key in dict.fromkeys(photos):
            source, base, full = self._names(*key)
            if not self.store.has(full):  # written last: its presence means every size is there
                todo.append((source, base, full, Credit(key[1], key[2], self.statement)))
        folder = self.store.folder
        folder.mkdir(parents=True, exist_ok=True)
        parallel.map_in_order(lambda job: _encode_all(job[0], folder, *job[1:]), todo, chunk=1, serial_below=4)
        self.encoded += len(todo)
        return len(todo)

    def publish(self, file: str, credit: str | None, license: str | None, name: str | None = None) -> Published:
        """The photo's files in the site; the full-size copy named `name` (its record's id and number) when
        given, so a journalist's download says where it came from."""
        _source, base, full = self._names(file, credit, license)
        if not self.store.has(full):
            self.encode([(file, credit, license)])
        self.bases.add(base)
        with Image.open(self.store.path(full)) as im:
            width, height, fmt = im.width, im.height, im.format or "JPEG"
        variants = []
        for w in widths(width):
            h = round(height * w / width)
            variants.append(Variant(w, h, self._place(f"{base}-{w}.webp"), self._place(f"{base}-{w}.jpg")))
        target = routes.photo_download(base, _file_name(name) + Path(full).suffix) if name else None
        download = self._place(full, target)
        return Published(download, width, height, self.store.path(full).stat().st_size, fmt, tuple(variants))

    def prune(self) -> int:
        """Forget the encoded photos no page uses any more (once every photo of the build is published)."""
        return self.store.prune(lambda name: (stem := name.split(".")[0]) in self.bases
                                or stem.rsplit("-", 1)[0] in self.bases)  # fmt: skip

    def _place(self, name: str, target: str | None = None) -> str:
        """Copy a cached file into the docs folder (once, at `target` or under its own name) and return its
        site URL."""
        url = target or f"{routes.MEDIA}/{name}"
        path = self.docs / url
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.store.path(name), path)
        self.used.add(url)
        return url


def _file_name(name: str) -> str:
    """A record id as a file name, its case kept: letters, digits and dashes only."""
    return re.sub(r"[^A-Za-z0-9]+", "-", strip_marks(name)).strip("-") or "anh"


def _format(path: Path) -> str:
    with _open(path) as im:
        return im.format or ""  # checked before: a photo whose format is unknown never gets here


def _encode_all(source: Path, folder: Path, base: str, full: str, credit: Credit) -> None:
    with _open(source) as im:
        fmt = im.format
        im = ImageOps.exif_transpose(im)  # orientation first: the tag that carried it is dropped next
        # A new image from the pixels alone: no EXIF (GPS, camera, serial, thumbnail), XMP, ICC or comments.
        clean = Image.frombytes(im.mode, im.size, im.tobytes())
        if im.mode == "P":
            clean.putpalette(im.getpalette() or [])
    exif, xmp = photo_metadata.exif(credit), photo_metadata.xmp(credit)
    iptc = photo_metadata.iptc_segment(credit)
    jpeg = {"exif": exif, "xmp": xmp, "extra": iptc, "optimize": True, "progressive": True}
    for w in widths(clean.width):
        small = clean.convert("RGBA" if "A" in clean.mode or clean.mode == "P" else "RGB")
        small = small.resize((w, round(clean.height * w / clean.width)), Image.Resampling.LANCZOS, reducing_gap=3.0)
        small.save(folder / f"{base}-{w}.webp", "WEBP", quality=80, method=4, exif=exif, xmp=xmp)
        _flatten(small).save(folder / f"{base}-{w}.jpg", "JPEG", quality=82, **jpeg)
    tmp = folder / f"{full}.tmp"
    if fmt == "JPEG":
        clean.convert("RGB").save(tmp, "JPEG", quality=90, **jpeg)
    elif fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_itxt("XML:com.adobe.xmp", xmp.decode("utf-8"))
        clean.save(tmp, "PNG", optimize=True, exif=exif, pnginfo=info)
    else:
        clean.save(tmp, "WEBP", quality=90, exif=exif, xmp=xmp)
    tmp.replace(folder / full)


def _flatten(im: Image.Image) -> Image.Image:
    """JPEG has no transparency: put it on white."""
    if im.mode == "RGB":
        return im
    back = Image.new("RGB", im.size, (255, 255, 255))
    back.paste(im, mask=im.getchannel("A") if "A" in im.mode else None)
    return back
