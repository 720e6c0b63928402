"""Reading every file of a built site as text, including anything stored gzipped."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path


def site_texts(site: Path) -> Iterator[tuple[Path, str]]:
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix in {".woff2", ".png", ".jpg", ".webp", ".ico", ".wasm"}:
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":  # a gzipped file (the benchmark's Pagefind index stores its chunks so)
            data = gzip.decompress(data)
        yield path, data.decode("utf-8", errors="replace")
