"""Writing files so that a reader never sees half of one: written beside the target, then moved over it."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


def temporary(path: Path) -> Path:
    """A name beside `path` that no other process writing the same file uses."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


@contextmanager
def replacing(path: Path, mode: str = "w", **kwargs) -> Iterator[IO]:
    """Open a temporary file for `path`; on success it replaces `path`, on failure it is removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary(path)
    try:
        with open(tmp, mode, **kwargs) as f:
            yield f
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: str | Path, data: bytes) -> None:
    """`replacing` in a few system calls: `showcase import` writes 10^5 small files, where a file object and
    path arithmetic cost more than the writing."""
    target = os.fspath(path)
    folder, name = os.path.split(target)
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")  # as temporary() names it
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(tmp, flags, 0o666)
    except FileNotFoundError:
        os.makedirs(folder or ".", exist_ok=True)
        fd = os.open(tmp, flags, 0o666)
    try:
        view = memoryview(data)
        while view:  # a regular file takes it all at once; a short write goes on where it stopped
            view = view[os.write(fd, view) :]
        os.close(fd)
        fd = -1
        os.replace(tmp, target)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def link(source: Path, target: Path) -> None:
    """`target` becomes the same file as `source` (a hard link: no copy), or a copy on another file system."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def append(source: Path, out: IO[bytes], start: int = 0, length: int | None = None) -> None:
    """Add the bytes of `source` (`length` of them from `start`; all by default) to the open file `out`, copied by
    the kernel where it can (the country's open data is hundreds of MB of provinces' files put together on every
    change)."""
    out.flush()
    with open(source, "rb") as f:
        end = os.fstat(f.fileno()).st_size if length is None else start + length
        offset = start
        try:
            while offset < end:
                sent = os.sendfile(out.fileno(), f.fileno(), offset, end - offset)
                if sent == 0:
                    raise OSError(f"{source} became shorter while it was copied")
                offset += sent
            out.seek(0, os.SEEK_END)  # the file object learns where the kernel left it
        except (OSError, io.UnsupportedOperation):
            if offset != start:
                raise
            f.seek(start)
            _copy(f, out, end - start)


def _copy(source: IO[bytes], out: IO[bytes], length: int) -> None:
    """No sendfile here: copied the plain way."""
    while length > 0:
        block = source.read(min(length, 1 << 20))
        if not block:
            raise OSError(f"{source.name} became shorter while it was copied")
        out.write(block)
        length -= len(block)


def remove_in_background(folder: Path) -> None:
    """Remove `folder` in a process of its own, which this one does not wait for: a replaced site's 2·10^5 files
    take about 20 s to delete at 10^5 records, mostly waiting for the disk. The shell started here starts `rm`
    and ends at once, so the removal is nobody's child to wait for; in a session of its own, Ctrl+C in the
    terminal does not cut it short, but a stopping machine, service or container may: whatever is left stays
    until the caller removes it again. Without a shell to start, it is removed here."""
    try:
        subprocess.run(
            ["sh", "-c", 'rm -rf -- "$1" &', "sh", os.fspath(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            check=False,
        )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
