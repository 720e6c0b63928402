"""How a command run from the terminal ends: at once, once its output is flushed. Freeing a build's objects one by
one (10^6 of them at 10^5 records) takes about a second, for a process about to end anyway. Called in-process
(the tests), a command frees what it made as usual."""

from __future__ import annotations

import os
import sys
from typing import NoReturn

_LEFT: list = []  # what the process's end frees
_AT_ONCE = False


def leave(obj: object) -> None:
    """Keep `obj` until the process ends, when it ends at once; otherwise nothing."""
    if _AT_ONCE:
        _LEFT.append(obj)


def at_once() -> None:
    global _AT_ONCE
    _AT_ONCE = True


def end(code: int) -> NoReturn:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
