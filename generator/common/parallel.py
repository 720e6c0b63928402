"""Spreading work over every core. Workers are forked, so they share the loaded model without copying it;
only item positions go to them and results come back. A forked worker may still come to copy every page of
the model (both processes write to them: reference counts), so each is promised this process's size from its
fork to its end, and one is forked only when the machine has that memory left; long work that needs little of
the model runs apart, in a new process that shares nothing."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

_JOB: tuple = ()
_BESIDE: Callable[[], Any] | None = None
_promised = 0  # bytes promised to the workers still running


def map_in_order(fn: Callable, items: Sequence, progress=None, chunk: int = 500, serial_below: int = 1000) -> list:
    """[fn(x) for x in items], in order, on every core once there is enough work to pay for the workers."""
    global _JOB
    ranges = [(a, min(a + chunk, len(items))) for a in range(0, len(items), chunk)]
    workers = min(os.cpu_count() or 1, copies_that_fit()) if len(items) >= serial_below and _may_fork() else 1
    _JOB = (fn, items)
    out: list = []
    try:
        if workers < 2:
            parts = map(_run_range, ranges)
            for part in parts:
                out.extend(part)
                progress and progress(len(part))
        else:
            with _promising(workers), multiprocessing.get_context("fork").Pool(workers) as pool:
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
    if not fork or (os.cpu_count() or 1) == 1 or not _may_fork() or copies_that_fit(growing=True) < 1:
        value = fn()
        return lambda: value
    promised = _promise(1)
    _BESIDE = fn
    try:
        pool = multiprocessing.get_context("fork").Pool(1)  # the worker is forked here, with `fn`
    except BaseException:
        _take_back(promised)
        raise
    finally:
        _BESIDE = None
    return _waiter(pool, pool.apply_async(_run_beside), promised)


def apart(fn: Callable, *args: Any) -> Callable[[], Any]:
    """Start `fn(*args)` now in a new Python process, which shares no memory with this one and so never holds
    its pages while this one goes on writing to them: for long work on little data. `fn` is imported there by
    name and `args` are sent pickled. The function returned waits for the result, as with `beside`; inside a
    worker, which may have no process of its own, it runs at once."""
    if not _may_fork():
        value = fn(*args)
        return lambda: value
    pool = multiprocessing.get_context("spawn").Pool(1)
    return _waiter(pool, pool.apply_async(fn, args), 0)


def _waiter(pool, pending, promised: int) -> Callable[[], Any]:
    done: list = []

    def result():
        if not done:
            try:
                done.append(pending.get())
            finally:
                pool.close()
                pool.join()
                _take_back(promised)
        return done[0]

    return result


def _may_fork() -> bool:
    """A worker beside the build (`beside`) is a pool's process, and those may not have workers of their own."""
    return not multiprocessing.current_process().daemon


def copies_that_fit(growing: bool = False) -> int:
    """How many more workers may be forked: the memory available, less what running workers were promised, in
    copies of this process. At 10^6 records a build holds about 10 GB of the machine's 23: one copy fits.
    `growing`: this process goes on working beside the worker and may grow as much again while it runs (at 10^6 a
    warm build went from 7.8 to 16 GB in screening, beside a worker forked before it), so room for that too."""
    held, available = memory()
    return (available - _promised) // (held * (2 if growing else 1)) if held else 64


def memory() -> tuple[int, int]:
    """(bytes this process holds, bytes the machine has available); (0, 0) where there is nothing to go by."""
    try:
        with open("/proc/self/statm") as f:
            held = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        with open("/proc/meminfo") as f:
            available = next(int(line.split()[1]) * 1024 for line in f if line.startswith("MemAvailable:"))
    except (OSError, ValueError, StopIteration):
        return 0, 0  # not Linux
    return held, available


def _promise(workers: int) -> int:
    """Promise `workers` forked workers this process's size each; returns what was promised."""
    global _promised
    size = workers * memory()[0]
    _promised += size
    return size


def _take_back(size: int) -> None:
    global _promised
    _promised -= size


@contextmanager
def _promising(workers: int) -> Iterator[None]:
    """Memory promised to `workers` forked workers while they run."""
    size = _promise(workers)
    try:
        yield
    finally:
        _take_back(size)


def _run_beside():
    assert _BESIDE is not None
    return _BESIDE()
