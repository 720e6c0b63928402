"""Hostile content for the security tests: files a malicious or careless submitter could produce."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from PIL import Image

# Markup that must never reach a file a browser interprets as markup (pages, scripts, styles, feeds).
# Data files (the search index) may hold it as text: our pages insert their data as text only.
MARKUP = [
    "<script>window.__pwned",
    "<img src=x onerror",
    "javascript:alert",
    '<iframe src="https://evil',
    ' onclick="',
    "<svg onload",
    "<b>Tên</b>",
]
MARKUP_FILES = {".html", ".htm", ".xml", ".svg", ".js", ".css", ".txt"}
# Strings that must appear nowhere in the built site, in any file.
LEAKS = [
    "0912 345 678",
    "nguoi.la@gmail.com",
    "001203004567",
    "Trần Bí Mật",
    "MARKER-PENDING-7Q3",
    "MARKER-PEOPLE-PHOTO",
    "MARKER-SKIPPED-STORY",
    "Canon EOS",
    "SERIAL-12345",
    "javascript:alert",
]

BASE = """\
status: approved
approved_on: 2023-03-01
province: Hà Nội
sector: C
"""


def _yaml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_record(folder: Path, name: str, id_: str, title: str, extra: str = "", summary: str = "Tóm tắt.") -> None:
    (folder / name).write_text(
        f"id: {id_}\ntitle: {_yaml_str(title)}\nsummary: {_yaml_str(summary)}\n{BASE}{extra}", encoding="utf-8"
    )


def png_bomb(path: Path, side: int = 100_000) -> None:
    """A tiny PNG that claims to be side×side pixels: opening it must not allocate them."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
        + chunk(b"IEND", b"")
    )


def photo_with_gps(path: Path) -> None:
    """A portrait photo stored sideways (EXIF orientation 6) with GPS, camera and serial metadata."""
    im = Image.new("RGB", (400, 200), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to display
    exif[0x010F] = "Canon"
    exif[0x0110] = "Canon EOS 5D"
    exif[0xA431] = "SERIAL-12345"  # body serial number
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 0.0)}  # GPS IFD
    im.save(path, "JPEG", exif=exif, quality=90)


def make_hostile(content: Path) -> dict[str, str]:
    """Add hostile files to a copy of the sample content. Returns id -> what it tests."""
    ini, media, stories = content / "initiatives", content / "media", content / "stories"
    write_record(
        ini,
        "xss.yml",
        "HOSTILE-XSS",
        '<img src=x onerror="window.__pwned=1">Tiêu đề HOSTILE-XSS',
        summary="<script>window.__pwned=2</script> {{ config }} {% include 'x' %} ${7*7} HOSTILE-XSS",
        extra=(
            'problem: |\n  [bấm](javascript:alert(1)) <iframe src="https://evil.example"></iframe>\n'
            '  <a href="https://ok.example" onclick="x()">liên kết</a> {{ config.site_name }}\n'
            "  <svg onload=alert(1)></svg> [tương đối](../../sang-kien/khong-co/)\n"
            'organization:\n  name: "</title><script>window.__pwned=3</script>"\n'
            "tags: ['\"><svg onload=alert(1)>']\n"
            "benefit_vnd: 5000000\n"
            'benefit_note: "&lt;script&gt;window.__pwned=4&lt;/script&gt;"\n'
            'authors:\n  - name: "<b>Tên</b>"\n    consent_public: true\n'
            "  - name: Trần Bí Mật\n    role: Kỹ sư\n    consent_public: false\n"
            "images:\n  - file: gps.jpg\n    alt: Ảnh có vị trí GPS\n    credit: Nhiếp ảnh công đoàn\n"
            "    license: CC BY 4.0\n"
            "  - file: people.jpg\n    alt: Ảnh nhóm công nhân MARKER-PEOPLE-PHOTO\n    people: true\n"
        ),
    )
    photo_with_gps(media / "gps.jpg")
    Image.new("RGB", (300, 200), (20, 90, 160)).save(media / "people.jpg")
    write_record(
        ini,
        "traversal.yml",
        "HOSTILE-PATH",
        "Ảnh ngoài thư mục",
        extra="images:\n  - file: ../../../../etc/passwd\n    alt: x\n  - file: /etc/hostname\n    alt: y\n"
        "  - file: link.jpg\n    alt: z\n",
    )
    (media / "link.jpg").symlink_to("/etc/hostname")
    png_bomb(media / "bomb.png")
    write_record(ini, "bomb.yml", "HOSTILE-BOMB", "Ảnh bom giải nén", extra="images:\n  - file: bomb.png\n    alt: x\n")
    (media / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    write_record(ini, "broken.yml", "HOSTILE-BROKEN", "Ảnh hỏng", extra="images:\n  - file: broken.jpg\n    alt: x\n")
    (ini / "alias.yml").write_text(
        "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
        + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefg", "bcdefgh", strict=False)),
        encoding="utf-8",
    )
    (ini / "python.yml").write_text(
        'id: !!python/object/apply:os.system ["touch /tmp/showcase-pwned"]\n', encoding="utf-8"
    )
    write_record(
        ini,
        "pii.yml",
        "HOSTILE-PII",
        "Sáng kiến có số điện thoại",
        summary="Liên hệ anh Ba qua số 0912 345 678.",
        extra="solution: Gửi thư tới nguoi.la@gmail.com\nresults: CCCD 001203004567\n",
    )
    write_record(
        ini,
        "alt-name.yml",
        "HOSTILE-ALT",
        "Tên trong chú thích ảnh",
        extra="authors:\n  - name: Trần Bí Mật\n    consent_public: false\n"
        "images:\n  - file: khuon-dap.jpg\n    alt: Anh Trần Bí Mật bên máy dập\n",
    )
    write_record(ini, "pending.yml", "HOSTILE-PENDING", "Chưa duyệt MARKER-PENDING-7Q3")
    pending = ini / "pending.yml"
    pending.write_text(
        pending.read_text(encoding="utf-8").replace("status: approved", "status: pending"), encoding="utf-8"
    )
    (stories / "bad-story.md").write_text(
        "---\ntitle: Chuyện MARKER-SKIPPED-STORY\ndate: 2023-01-01\nsummary: Tóm tắt.\n"
        "initiatives: [HOSTILE-PENDING]\n---\nNội dung.\n",
        encoding="utf-8",
    )
    return {"xss": "HOSTILE-XSS"}
