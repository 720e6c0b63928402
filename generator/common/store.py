"""What a build keeps for the next one, in three shapes that share one rule: a thing is valid only for the key it was
made under (a digest of everything it depends on), is written whole or not at all, and what the build no longer
uses is removed.

- `FileStore`: files named by the digest of what they are made from (share cards, encoded photos). A file
  present is a file valid; files no build uses any more are pruned.
- `StateFile`: one JSON value kept under one key (a generation, a digest): read back only under the same key
  (the warm-build manifest, the open-data index, the code the templates were compiled under).
- `ArrayFile`: named numpy arrays kept under one key, in one file: read back only under the same key (the
  near-duplicate sketches and scores, the related initiatives' pools, the search index's documents and files).

The record cache (catalogue/cache.py) follows the same rule for 10^5 pickled results, sharded by file name.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import numpy as np

from generator.common import files

_ARRAYS = b"showcase arrays 1\n"  # the first line of an ArrayFile


class FileStore:
    def __init__(self, folder: Path):
        self.folder = folder

    def path(self, name: str) -> Path:
        return self.folder / name

    def has(self, name: str) -> bool:
        return (self.folder / name).exists()

    @contextmanager
    def writing(self, name: str) -> Iterator[IO]:
        """A binary file for `name`, in place only once written whole."""
        with files.replacing(self.folder / name, "wb") as f:
            yield f

    def prune(self, used: Callable[[str], bool]) -> int:
        """Remove the files whose name `used` does not recognise; returns how many."""
        if not self.folder.is_dir():
            return 0
        with os.scandir(self.folder) as entries:  # 10^5 cards: no Path object or stat call each
            stale = [e.path for e in entries if not used(e.name) and e.is_file()]
        for path in stale:
            Path(path).unlink(missing_ok=True)
        return len(stale)


class StateFile:
    def __init__(self, path: Path, key: str):
        self.path, self.key = path, key

    def read(self) -> Any | None:
        """The value written under this key, or None (missing, unreadable, or made under another key)."""
        try:
            kept = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return kept.get("value") if isinstance(kept, dict) and kept.get("key") == self.key else None

    def write(self, value: Any) -> None:
        files.write_text(self.path, json.dumps({"key": self.key, "value": value}, ensure_ascii=False))

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


class ArrayFile:
    """One file: a line naming the format, a line of JSON (the key, the arrays' names), then each array as a .npy
    record. Unlike an .npz, nothing is zipped or checksummed: 10^7 values are written and read at disk speed."""

    def __init__(self, path: Path, key: str):
        self.path, self.key = path, key

    def read(self) -> dict[str, np.ndarray] | None:
        """The arrays written under this key, or None (missing, unreadable, or made under another key)."""
        try:
            with open(self.path, "rb") as f:
                if f.readline() != _ARRAYS:
                    return None
                head = json.loads(f.readline())
                if head["key"] != self.key:
                    return None
                return {name: np.lib.format.read_array(f, allow_pickle=False) for name in head["names"]}
        except (OSError, ValueError, KeyError, TypeError, EOFError):
            return None

    def write(self, arrays: dict[str, Any]) -> None:
        with files.replacing(self.path, "wb") as f:
            f.write(_ARRAYS + json.dumps({"key": self.key, "names": list(arrays)}).encode() + b"\n")
            for array in arrays.values():
                np.lib.format.write_array(f, np.asanyarray(array), allow_pickle=False)
        self.path.with_suffix(".npz").unlink(missing_ok=True)  # the same arrays as an older build kept them

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
