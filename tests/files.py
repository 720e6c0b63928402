"""Reading every file of a built site as text, including anything stored gzipped and the open data's workbook (a
zip of XML parts)."""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path


def site_texts(site: Path) -> Iterator[tuple[Path, str]]:
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix in {".woff2", ".png", ".jpg", ".webp", ".ico", ".wasm"}:
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":  # a gzipped file (the benchmark's Pagefind index stores its chunks so)
            data = gzip.decompress(data)
        elif data[:4] == b"PK\x03\x04":  # a workbook: every part of it
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                data = b"\n".join(archive.read(name) for name in archive.namelist())
        yield path, data.decode("utf-8", errors="replace")
