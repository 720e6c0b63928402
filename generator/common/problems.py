"""Validation problems, reported as `file:line: field: reason`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.reason}"


def relative(path: Path, root: Path) -> str:
    """`path` as seen from beside `root` ("content/initiatives/x.yml"); plain string work, as it runs 10^5 times."""
    text, base = str(path), str(root.parent)
    if base == ".":
        return text
    prefix = base.rstrip(os.sep) + os.sep
    return text[len(prefix):] if text.startswith(prefix) else text
