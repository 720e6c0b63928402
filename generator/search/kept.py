"""What one build of the search index leaves for the next, in the build's cache folder: its documents' table
(table.py) and the list of its files, each with the digest of its bytes, and its size and modification time once
written.

It follows common/store.py's rule: read back only under the key it was made under (the generation: code,
taxonomies, settings), written whole or not at all, and removed before a build starts changing the folder, so
that an interrupted build leaves nothing to trust. The files themselves stay where they are served from: the
list is trusted only for the folder it was written to (the live preview writes another), while that folder holds
exactly the listed files, each with the size and modification time it was written with; otherwise every file is
made and compared again, and the table still spares splitting unchanged documents into words.
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
FILE = "search-index.arrays"


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


def store(cache: Path, generation: str) -> ArrayFile:
    return ArrayFile(cache / FILE, digest(FORMAT, generation, size=16))


def read(state: ArrayFile, folder: Path) -> Kept | None:
    """What the last build kept; its list of files only if it wrote `folder` (the live preview writes another)
    and the folder still holds them as written."""
    arrays = state.read()
    if arrays is None:
        return None
    try:
        kept_table = table.from_arrays(arrays)
        paths = _strings(arrays["paths"])
        stats = zip(arrays["sizes"].tolist(), arrays["mtimes"].tolist(), strict=True)
        listed = dict(zip(paths, stats, strict=True))
        digests = zip(paths, _strings(arrays["digests"]), arrays["weights"].tolist(), strict=True)
        files = Files({p: Entry(d, w) for p, d, w in digests}, int(arrays["shards"]))
        written_to = _strings(arrays["folder"])[0]
    except (KeyError, ValueError):
        return None
    present = scan(folder)
    same = written_to == str(folder.resolve()) and present == listed
    return Kept(kept_table, files if same else None, present)


def save(state: ArrayFile, folder: Path, kept_table: Table, files: Files, stats: dict[str, tuple[int, int]]) -> None:
    paths = sorted(files.entries)
    state.write(
        {
            **table.to_arrays(kept_table),
            "folder": _utf8([str(folder.resolve())]),
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


def _strings(data: np.ndarray) -> list[str]:
    return json.loads(data.tobytes().decode("utf-8"))
