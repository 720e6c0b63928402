"""Validation problems, reported as `file:line: field: reason («value»)`."""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    field: str
    reason: str

    def __str__(self) -> str:
        # One line, nothing invisible: a value quoted from a file must not drive the editor's terminal.
        return printable(f"{self.file}:{self.line}: {self.field}: {self.reason}")


def relative(path: str | Path, root: Path) -> str:
    """`path` as seen from beside `root` ("content/initiatives/x.yml")."""
    return relative_all([str(path)], root)[0]


def relative_all(paths: list[str], root: Path) -> list[str]:
    """`relative` of 10^5 paths: plain string work, the prefix worked out once."""
    base = str(root.parent)
    if base == ".":
        return list(paths)
    prefix = base.rstrip(os.sep) + os.sep
    cut = len(prefix)
    return [text[cut:] if text.startswith(prefix) else text for text in paths]


QUOTE_CHARS = 60  # a quoted value longer than this is cut, with "…"
_SPACE = re.compile(r"\s+")
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def quote(value) -> str:
    """`«value»` as written, on one line and shortened: the editor sees what the file says."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = ""
    else:
        text = str(value)
    text = printable(text).strip()
    if len(text) > QUOTE_CHARS:
        text = text[: QUOTE_CHARS - 1].rstrip() + "…"
    return f"«{text}»"


def printable(text: str) -> str:
    """On one line, without control, escape or direction characters."""
    return _HIDDEN.sub("", _SPACE.sub(" ", text))


_OS_REASONS = {
    errno.ELOOP: "vòng lặp liên kết tượng trưng (symlink)",
    errno.EACCES: "không có quyền đọc",
    errno.EPERM: "không có quyền đọc",
    errno.ENOENT: "tệp không tồn tại (có thể là liên kết hỏng)",
    errno.EISDIR: "là một thư mục",
    errno.EIO: "lỗi đọc đĩa",
    errno.ENAMETOOLONG: "tên hoặc đường dẫn quá dài",
}


def os_reason(error: OSError) -> str:
    """Why a file could not be read, in the editor's language where the cause is a usual one."""
    return (_OS_REASONS.get(error.errno) if error.errno is not None else None) or error.strerror or str(error)
