"""Warm-build benchmark of the search index: the index step alone, cold and after each kind of one-record change.

    python benchmarks/search_warm.py --content DIR [--work DIR] [--check]

`--content` is a content folder (`showcase demo-data --count N --out DIR`). Each measurement runs in a process of
its own that first loads the catalogue (checked records are cached in the work folder), so that its peak memory
is the index's: the index built from nothing (`index.build`), then built, written and kept from nothing (as a
first build does), then each change of tests/catalogue_changes.py published warm (and undone).
`--check` also compares each warm index with one built from nothing, file for file. Prints a Markdown table:
wall and CPU seconds, files written, and peak memory above the loaded catalogue.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GENERATION = "benchmark"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def measure(content: Path, work: Path, kind: str, check: bool) -> dict:
    """One measurement, in this process."""
    from generator.catalogue.cache import RecordCache
    from generator.content.validate import load_content
    from generator.search import index
    from tests.catalogue_changes import CHANGES

    records = RecordCache(work / "records", GENERATION)
    cat = load_content(content, records).catalogue
    records.save()
    folder, cache = work / "index", work / "cache"
    loaded = _peak_mb()
    if kind == "cold":
        files, wall, cpu = _timed(lambda: index.build(cat))
        return {"wall": wall, "cpu": cpu, "written": len(files), "files": len(files), "peak": _peak_mb() - loaded}
    if kind == "cold publish":
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
    changed = cat if kind in ("nothing", "cold publish") else CHANGES[kind](cat)
    written, wall, cpu = _timed(lambda: index.publish(changed, folder, "chi-muc", False, cache, GENERATION))
    peak = _peak_mb() - loaded
    out = {"wall": wall, "cpu": cpu, "written": written.written, "files": len(written.names), "peak": peak}
    if check and kind != "cold publish":
        on_disk = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
        out["same"] = on_disk == index.build(changed)
    index.publish(cat, folder, "chi-muc", False, cache, GENERATION)  # undone, for the next change
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, required=True)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a child: one measurement, printed as JSON
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="search-warm-"))
    if args.one:
        print(json.dumps(measure(args.content, work, args.one, args.check)))
        return
    from tests.catalogue_changes import CHANGES

    rows = []
    for kind in ["cold", "cold publish", "nothing", *CHANGES]:
        cmd = [sys.executable, __file__, "--content", str(args.content), "--work", str(work), "--one", kind]
        done = subprocess.run([*cmd, *(["--check"] if args.check else [])], capture_output=True, text=True)
        if done.returncode:
            sys.exit(done.stderr)
        rows.append((kind, json.loads(done.stdout.strip().splitlines()[-1])))
    print("| index step | seconds (wall) | seconds (CPU) | files written / all | peak MB above the catalogue |")
    print("| --- | --- | --- | --- | --- |")
    for kind, r in rows:
        name = {"cold": "cold (`index.build`)", "cold publish": "cold, written and kept"}.get(kind, f"warm: {kind}")
        same = {True: " ✓", False: " ✗ DIFFERENT"}.get(r.get("same"), "")
        print(f"| {name}{same} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['written']} / {r['files']} | {r['peak']:.0f} |")


if __name__ == "__main__":
    main()
