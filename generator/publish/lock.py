"""One build at a time per build folder: two builds (or a build and a preview) writing its docs, cache and
data at once would break each other."""

from __future__ import annotations

import fcntl
import sys
import time
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = ".showcase.lock"  # in the build folder (the docs folder's parent), which builds and previews share
LOCK_WAIT = 600.0  # seconds a build waits for another one before giving up


class BuildBusy(Exception):
    pass


@contextmanager
def build_lock(folder: Path, wait: float):
    """Hold the build folder alone: two builds (or a build and a preview) writing its docs, cache and data
    at once would break each other. A second one waits up to `wait` seconds, then raises BuildBusy.
    The lock is the kernel's (flock): it goes away with the process, even one that was killed."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_FILE, "a+b") as lock:
        if not _try_lock(lock):
            print(
                f"Đang chờ lần dựng khác kết thúc… (showcase build hoặc serve đang dùng {folder}; "
                f"chờ tối đa {wait:g} giây)",
                file=sys.stderr,
                flush=True,
            )
            deadline = time.monotonic() + wait
            while not _try_lock(lock):
                if time.monotonic() >= deadline:
                    raise BuildBusy(
                        f"Một lần dựng khác (showcase build hoặc serve) vẫn đang dùng {folder} sau "
                        f"{wait:g} giây; không dựng để khỏi ghi đè lên nhau. Hãy chạy lại khi nó xong "
                        "(hoặc dùng --wait để chờ lâu hơn)."
                    )
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _try_lock(lock) -> bool:
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
