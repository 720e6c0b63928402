"""Running Pagefind over the built pages, one bundle (see search.py) at a time, two at once.

Each bundle's pages are gathered into a folder of hard links (no copying), which Pagefind indexes into
`pagefind/<bundle>/`. Indexing by bundle bounds the indexer's memory by the largest bundle rather than
the whole site, keeps both cores busy, and lets a warm build re-index only the bundles that changed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tqdm import tqdm

OUTPUT = "pagefind"
# Pagefind's own UI files: the search page has its own interface, so they are not published.
_UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
# A bundle merged into the first one needs only its index; the code and WebAssembly come from the first.
_CODE = ("pagefind.js", "pagefind-worker.js")


class SearchIndexError(RuntimeError):
    pass


def index_bundles(
    bundles: dict[str, list[str]],
    source: Callable[[str], Path],
    out: Path,
    primary: str,
    workers: int = 2,
    progress: bool = False,
) -> list[float]:
    """Index each bundle {id: page URLs} into `out/<id>/`; `source(url)` is the built HTML file of a page.

    Returns each indexer run's peak memory in MB."""
    scratch = out.parent / f".{out.name}-nguon"
    shutil.rmtree(scratch, ignore_errors=True)
    peaks: list[float] = []
    # Largest first, so the two workers finish together.
    order = sorted(bundles, key=lambda b: -len(bundles[b]))
    try:
        with (
            ThreadPoolExecutor(workers) as pool,
            tqdm(total=len(order), desc="Chỉ mục tìm kiếm", unit="gói", disable=not progress, leave=False) as bar,
        ):

            def one(bundle: str) -> float:
                pages = scratch / bundle
                _link_pages(bundles[bundle], source, pages)
                peak = _pagefind(pages, out / bundle)
                shutil.rmtree(pages, ignore_errors=True)
                _trim(out / bundle, keep_code=bundle == primary)
                bar.update()
                return peak

            peaks = list(pool.map(one, order))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return peaks


def _link_pages(urls: list[str], source: Callable[[str], Path], folder: Path) -> None:
    for url in urls:
        target = folder / url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(source(url), target)


def _pagefind(pages: Path, output: Path) -> float:
    shutil.rmtree(output, ignore_errors=True)
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(pages),
        "--output-path",
        str(output),
        "--force-language",
        "vi",
        "--quiet",
    ]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) as proc:
        # The kernel's own peak for a child counts the memory of the process it was forked from; the high-water
        # mark in /proc is the indexer's alone. The Python wrapper execs the indexer binary under the same pid.
        peak = 0.0
        while proc.poll() is None:
            peak = max(peak, _high_water_mb(proc.pid))
            time.sleep(0.05)
        output_text = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
    if proc.returncode != 0:
        raise SearchIndexError(f"Pagefind không lập được chỉ mục tìm kiếm ({pages.name}): {output_text.strip()}")
    return peak


def _high_water_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def _trim(bundle: Path, keep_code: bool) -> None:
    names = _UNUSED + (() if keep_code else _CODE)
    for name in names:
        (bundle / name).unlink(missing_ok=True)
    if not keep_code:
        for wasm in bundle.glob("wasm.*.pagefind"):
            wasm.unlink()
