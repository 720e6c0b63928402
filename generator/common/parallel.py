"""Spreading work over every core. Workers are forked, so they share the loaded model without copying it;
only item positions go to them and results come back."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any

_JOB: tuple = ()
_BESIDE: Callable[[], Any] | None = None


def map_in_order(fn: Callable, items: Sequence, progress=None, chunk: int = 500, serial_below: int = 1000) -> list:
    """[fn(x) for x in items], in order, on every core once there is enough work to pay for the workers."""
    global _JOB
    ranges = [(a, min(a + chunk, len(items))) for a in range(0, len(items), chunk)]
    cores = os.cpu_count() or 1
    _JOB = (fn, items)
    out: list = []
    try:
        if len(items) < serial_below or cores == 1 or not _may_fork():
            parts = map(_run_range, ranges)
            for part in parts:
                out.extend(part)
                progress and progress(len(part))
        else:
            with multiprocessing.get_context("fork").Pool(cores) as pool:
                for part in pool.imap(_run_range, ranges):
                    out.extend(part)
                    progress and progress(len(part))
    finally:
        _JOB = ()
    return out


def _run_range(bounds: tuple[int, int]) -> list:
    fn, items = _JOB
    return [fn(x) for x in items[bounds[0] : bounds[1]]]


def beside(fn: Callable[[], Any], fork: bool = True) -> Callable[[], Any]:
    """Start `fn()` in a forked process now, while this one goes on with other work; the function returned
    waits for its result (or raises its error), the first time it is called. Without `fork`, on one core, or
    without the memory a worker may come to need, `fn()` runs at once."""
    global _BESIDE
    if not fork or (os.cpu_count() or 1) == 1 or not _may_fork() or not room_for_a_copy():
        value = fn()
        return lambda: value
    _BESIDE = fn
    try:
        pool = multiprocessing.get_context("fork").Pool(1)  # the worker is forked here, with `fn`
    finally:
        _BESIDE = None
    pending = pool.apply_async(_run_beside)
    done: list = []

    def result():
        if not done:
            try:
                done.append(pending.get())
            finally:
                pool.close()
                pool.join()
        return done[0]

    return result


def _may_fork() -> bool:
    """A worker beside the build (`beside`) is a pool's process, and those may not have workers of their own."""
    return not multiprocessing.current_process().daemon


def room_for_a_copy() -> bool:
    """Whether the machine has as much memory available as this process holds. A forked worker shares the
    parent's pages, but its own work and the pages either process then writes to can come close to that: at 10^6
    records a build holds about 9 GB, and two workers beside it would not fit in 24."""
    try:
        with open("/proc/self/statm") as f:
            held = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        with open("/proc/meminfo") as f:
            available = next(int(line.split()[1]) * 1024 for line in f if line.startswith("MemAvailable:"))
    except (OSError, ValueError, StopIteration):
        return True  # not Linux: nothing to go by
    return available >= held


def _run_beside():
    assert _BESIDE is not None
    return _BESIDE()
