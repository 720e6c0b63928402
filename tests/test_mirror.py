"""The tests' folder mirror: an exact copy again, whatever a test did to it, copying only what differs."""

from __future__ import annotations

import os
from pathlib import Path

from .mirror import mirror


def _tree(root: Path) -> dict[str, bytes | None]:
    return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None) for p in sorted(root.rglob("*"))}


def test_a_mirror_undoes_every_change_and_copies_only_what_changed(tmp_path):
    source = tmp_path / "source"
    files = {"a.txt": "một", "sub/b.txt": "hai", "sub/deep/c.txt": "ba", "d/e.txt": "bốn", "kept.txt": "năm"}
    for path, text in files.items():
        (source / path).parent.mkdir(parents=True, exist_ok=True)
        (source / path).write_text(text, encoding="utf-8")
    target = tmp_path / "target"
    mirror(source, target)
    assert _tree(target) == _tree(source)
    kept = (target / "kept.txt").stat()

    (target / "a.txt").write_text("đổi", encoding="utf-8")  # changed in place
    os.utime(target / "sub/b.txt", ns=(0, 0))  # same bytes, another time: copied again all the same
    (target / "new.txt").write_text("thêm", encoding="utf-8")  # added
    (target / "extra/deeper").mkdir(parents=True)  # a folder added
    (target / "d/e.txt").unlink()  # a file removed, and a folder in its place
    (target / "d/e.txt").mkdir()
    (target / "sub/deep").rename(target / "sub/moved")  # a folder moved away
    mirror(source, target)
    assert _tree(target) == _tree(source)
    assert (target / "sub/b.txt").stat().st_mtime_ns == (source / "sub/b.txt").stat().st_mtime_ns
    again = (target / "kept.txt").stat()
    assert (again.st_ino, again.st_ctime_ns) == (kept.st_ino, kept.st_ctime_ns)  # the same file, not copied again
