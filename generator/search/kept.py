"""What one build of the search index leaves for the next, in the build's cache folder: its documents' table
(table.py) and the list of its files, each with the digest of its bytes, and its size and modification time once
written.

It follows common/store.py's rule: read back only under the key it was made under (the generation: code,
taxonomies, settings; and the folder the index is written to), written whole or not at all, and removed before
a build starts changing the folder, so that an interrupted build leaves nothing to trust. The files themselves
stay where they are served from: the list is trusted only while that folder holds exactly the listed files, each
with the size and modification time it was written with; otherwise every file is made and compared again (and
the table still spares splitting unchanged documents into words).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from generator.common.digest import digest
from generator.common.store import ArrayFile
from generator.search import table
from generator.search.table import Table

FORMAT = "1"
FILE = "search-index.npz"


@dataclass
class Entry:
    """One file of the index, as a build left it."""

    digest: str  # of its bytes before compression
    weight: int = 0  # a shard's part of what sets the number of shards


@dataclass
class Files:
    """Every file of an index; and the bytes (before compression) of those a build made that differ from the last
    build's, and the last build's files that are gone."""

    entries: dict[str, Entry]
    shards: int
    changed: dict[str, bytes] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)


@dataclass
class Kept:
    table: Table
    files: Files | None  # None: the folder no longer holds the files as listed
    stats: dict[str, tuple[int, int]]  # every file in the folder now: size, modification time


def store(cache: Path, generation: str, folder: Path) -> ArrayFile:
    return ArrayFile(cache / FILE, digest(FORMAT, generation, str(folder.resolve()), size=16))


def read(state: ArrayFile, folder: Path) -> Kept | None:
    arrays = state.read()
    if arrays is None:
        return None
    paths = json.loads(arrays["paths"].tobytes().decode("utf-8"))
    listed = dict(zip(paths, zip(arrays["sizes"].tolist(), arrays["mtimes"].tolist(), strict=True), strict=True))
    present = scan(folder)
    entries = {
        p: Entry(d, w)
        for p, d, w in zip(paths, json.loads(arrays["digests"].tobytes()), arrays["weights"].tolist(), strict=True)
    }
    files = Files(entries, int(arrays["shards"])) if present == listed else None
    return Kept(table.from_arrays(arrays), files, present)


def save(state: ArrayFile, kept_table: Table, files: Files, stats: dict[str, tuple[int, int]]) -> None:
    paths = sorted(files.entries)
    state.write(
        {
            **table.to_arrays(kept_table),
            "paths": _utf8(paths),
            "digests": _utf8([files.entries[p].digest for p in paths]),
            "weights": np.array([files.entries[p].weight for p in paths], dtype=np.int64),
            "sizes": np.array([stats[p][0] for p in paths], dtype=np.int64),
            "mtimes": np.array([stats[p][1] for p in paths], dtype=np.int64),
            "shards": np.array(files.shards),
        }
    )


def scan(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under `folder` (relative path with /): size and modification time."""
    found: dict[str, tuple[int, int]] = {}
    stack = [("", os.fspath(folder))]
    while stack:
        prefix, path = stack.pop()
        try:
            listing = list(os.scandir(path))
        except OSError:
            continue
        for item in listing:
            if item.is_dir(follow_symlinks=False):
                stack.append((f"{prefix}{item.name}/", item.path))
            else:
                st = item.stat(follow_symlinks=False)
                found[prefix + item.name] = (st.st_size, st.st_mtime_ns)
    return found


def _utf8(values: list[str]) -> np.ndarray:
    return np.frombuffer(json.dumps(values, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
