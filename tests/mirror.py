"""Making a folder an exact copy of another again, copying only what differs: a test's build changes a few dozen
of the sample build's 1,800 files, and copying them all again costs seconds on a busy disk."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def mirror(source: Path, target: Path) -> None:
    """Make `target` hold exactly the files and folders of `source`. A file is copied again unless it has the
    source's size and modification time (kept by each copy): whatever writes or replaces a file changes that."""
    _remove_extra(source, target)
    for folder, _, names in os.walk(source):
        there = target / Path(folder).relative_to(source)
        there.mkdir(parents=True, exist_ok=True)
        for name in names:
            if not _same(Path(folder) / name, there / name):
                shutil.copy2(Path(folder) / name, there / name, follow_symlinks=False)


def _remove_extra(source: Path, target: Path) -> None:
    """Remove from `target` what `source` does not have at the same path, as the same kind (file or folder)."""
    if not target.is_dir():
        return
    for entry in os.scandir(target):
        kept = source / entry.name
        if entry.is_dir(follow_symlinks=False):
            if kept.is_dir() and not kept.is_symlink():
                _remove_extra(kept, Path(entry.path))
            else:
                shutil.rmtree(entry.path)
        elif not kept.is_file() or kept.is_symlink() != entry.is_symlink():
            os.unlink(entry.path)


def _same(a: Path, b: Path) -> bool:
    try:
        sa, sb = a.stat(follow_symlinks=False), b.stat(follow_symlinks=False)
    except FileNotFoundError:
        return False
    return (sa.st_size, sa.st_mtime_ns, sa.st_mode) == (sb.st_size, sb.st_mtime_ns, sb.st_mode)
