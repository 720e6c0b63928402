"""What a warm build remembers of the last one: each initiative file's checked result, keyed by file stat, and
each story's personal-data scan, keyed by what it scanned and the withheld names it looked for.

Reading and checking 10^5 YAML files is the costliest part of a build; a file whose size and mtime (and
those of its photos) did not change gives the same result, so it is taken from here instead. Anything
that could change a result without touching the file (taxonomies, the generator's code) is part of
`generation`, and a different generation starts empty.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import zlib
from pathlib import Path

from pydantic import BaseModel

from generator.catalogue.model import PACKED, Initiative
from generator.common import files

SHARDS = 32  # a change rewrites one shard, not the whole cache
SCANS = "stories.pickle"  # stories' personal-data scans (`RecordCache.scans`)
# The shape of what is stored: a different one starts empty whatever the generation. 2: each file's
# outcome carries the names its authors withheld, which every story is checked against. 3: an initiative
# carries its issuing union, and may have no province. 4: an initiative keeps its id and address as fields.
# 5: an initiative keeps its record packed, and the facts every build asks of it as fields. 6: its title too.
FORMAT = 6


def stat_key(path: str | Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def code_digest(*roots: Path) -> str:
    """Digest of every file under `roots` (code, templates, taxonomies): what results depend on."""
    h = hashlib.blake2b(digest_size=16)
    for root in roots:
        files = (
            [root]
            if root.is_file()
            else sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        )
        for path in files:
            h.update(str(path.relative_to(root.parent)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj):
        if isinstance(obj, Initiative):  # its record packed: most warm builds never unpack it (see model.py)
            state = {k: v for k, v in obj.__dict__.items() if k not in ("record", PACKED)}
            return Initiative.packed, (state, obj.__dict__.get(PACKED) or _dumps(obj.record))
        if isinstance(obj, BaseModel):  # pydantic's own unpickling is Python-level setattr calls, ten times slower
            return _model, (type(obj), obj.__dict__, obj.__pydantic_fields_set__)
        return NotImplemented


def _model(cls, values: dict, fields_set: set):
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", fields_set)
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


def _dumps(value) -> bytes:
    import io

    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


class RecordCache:
    """name -> (stat keys of the file and its photos, result); only entries from this generation are kept."""

    def __init__(self, folder: Path, generation: str):
        self.folder = folder / "records"
        self.generation = f"{FORMAT}:{generation}"
        self.shards: list[dict] = [{} for _ in range(SHARDS)]
        self.dirty: set[int] = set()
        # A story's personal-data scan by what it scanned and the names it looked for (content/validate.py).
        self.scans: dict[str, list] = {}
        self.scans_changed = False
        self._load()

    @staticmethod
    def _shard(name: str) -> int:
        return zlib.crc32(name.encode()) % SHARDS

    def _path(self, n: int) -> Path:
        return self.folder / f"{n:02d}.pickle"

    def _load(self) -> None:
        stamp = self.folder / "generation"
        if not stamp.is_file() or stamp.read_text() != self.generation:
            self.dirty = set(range(SHARDS))
            return
        # Millions of new objects would set off the cycle collector over and over, for nothing to collect.
        was = gc.isenabled()
        gc.disable()
        try:
            loaded = [self._read(n) for n in range(SHARDS)]
        finally:
            gc.freeze()  # they live as long as the build: no collector pass needs to look at them again
            if was:
                gc.enable()
        self.shards = [s if s is not None else {} for s in loaded]
        self.dirty = {n for n, s in enumerate(loaded) if s is None}
        scans = self._read_file(self.folder / SCANS)
        self.scans = scans if isinstance(scans, dict) else {}

    def _read(self, n: int) -> dict | None:
        return self._read_file(self._path(n))

    @staticmethod
    def _read_file(path: Path):
        try:
            return pickle.loads(path.read_bytes())
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None  # missing or unreadable: those records (or scans) are made again

    def get(self, name: str):
        """(stamp, result) as last put, or None."""
        return self.shards[self._shard(name)].get(name)

    def put(self, name: str, stamp: tuple, result) -> None:
        n = self._shard(name)
        self.shards[n][name] = (stamp, result)
        self.dirty.add(n)

    def keep_only(self, names: set[str]) -> None:
        """Forget files that are gone."""
        for n, shard in enumerate(self.shards):
            for name in [k for k in shard if k not in names]:
                del shard[name]
                self.dirty.add(n)

    def keep_scans(self, used: dict[str, list]) -> None:
        """Keep these scans, those of this build's stories, and forget the others."""
        if used != self.scans:
            self.scans, self.scans_changed = used, True

    def save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = self.folder / "generation"
        if stamp.is_file() and stamp.read_text() != self.generation:
            stamp.unlink()  # never let old shards pass for this generation's
            self.scans_changed = True
        for n in sorted(self.dirty):
            files.write_bytes(self._path(n), _dumps(self.shards[n]))
        if self.scans_changed:
            files.write_bytes(self.folder / SCANS, pickle.dumps(self.scans, protocol=pickle.HIGHEST_PROTOCOL))
            self.scans_changed = False
        stamp.write_text(self.generation)
        self.dirty.clear()
