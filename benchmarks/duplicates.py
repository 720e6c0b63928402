"""Duplicate screening and related initiatives: speed, memory and quality.

    python benchmarks/duplicates.py [--sizes 100000] [--quality 10000] [--planted 200] [--work DIR]

Speed, for each size: a demo set (`showcase demo-data`), then, each in a fresh process:
  1. everything cold: reading and checking the content, then screening (no cache of any kind);
  2. screening cold: the record cache warm, the sketches (MinHash signatures, shingle sets) computed afresh;
     then related links for every published initiative;
  3. warm: nothing changed;
  4. ten new records screened against the warm cache of all the others.
Each prints seconds by step, the process's peak resident memory (reading the content included) and the pairs.

Quality, at one size: the demo set as it is (pairs reported above the threshold: each is a false alarm, as the
demo has no copies); then the same set with planted copies of six kinds (generator/tools/demo_copies.py):
precision, recall (in all and by kind), time and memory.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def phase(content: Path, build: Path, relate: bool) -> dict:
    """One run of the stage in this process: read (through the record cache), screen, relate."""
    from generator import pipeline
    from generator.catalogue.cache import RecordCache
    from generator.content.validate import load_content

    start = time.perf_counter()
    project = pipeline.Project(content, build / "site", build / "docs")
    cache = RecordCache(project.cache, pipeline.generation(project))
    loaded = load_content(content, cache)
    cache.save()
    read = time.perf_counter() - start
    found = pipeline.similar(project, loaded, progress=False, keep=True, relate=relate)
    linked = loaded.catalogue.related
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return {
        "records": found.records,
        "read_s": round(read, 1),
        **{f"{step}_s": round(s, 2) for step, s in found.seconds.items()},
        "computed": found.computed,
        "candidates": found.candidates,
        "pairs": [[p.first.id, p.second.id, round(p.score, 3)] for p in found.pairs],
        "linked": len(linked),
        "links": sum(len(v) for v in linked.values()),
        "peak_mb": round(peak / 1024),
    }


def child(content: Path, build: Path, relate: bool = False) -> dict:
    """`phase` in a fresh process, so that its memory is its own."""
    cmd = [sys.executable, __file__, "--phase", str(content), str(build)] + (["--relate"] if relate else [])
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def demo(n: int, content: Path, seed: int) -> None:
    shutil.rmtree(content.parent, ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "generator", "demo-data", "--count", str(n), "--out", str(content), "--seed", str(seed)],
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=ROOT,
    )


def add_new(content: Path, count: int, work: Path) -> None:
    """`count` new demo records under ids of their own."""
    from generator.tools.demo import SOURCE, write_demo

    extra = work / "new"
    shutil.rmtree(extra, ignore_errors=True)
    write_demo(extra, count, seed=987, source=SOURCE)
    target = content / "initiatives" / "moi"
    target.mkdir(parents=True, exist_ok=True)
    for n, path in enumerate(sorted((extra / "initiatives").rglob("*.yml"))):
        text = re.sub(r"^id: DEMO-", "id: MOI-", path.read_text(encoding="utf-8"), count=1, flags=re.M)
        (target / f"moi-{n}.yml").write_text(text, encoding="utf-8")
    shutil.rmtree(extra)


def speed(n: int, work: Path) -> dict:
    here = work / f"speed-{n}"
    content, build = here / "content", here / "build"
    demo(n, content, seed=2)
    row: dict = {"n": n}
    row["cold"] = child(content, build)
    shutil.rmtree(build / "cache" / "duplicates")
    row["screen_cold"] = child(content, build, relate=True)
    row["warm"] = child(content, build, relate=True)
    add_new(content, 10, here)
    row["new10"] = child(content, build, relate=True)
    for key in ("cold", "screen_cold", "warm", "new10"):
        row[key]["pairs"] = len(row[key]["pairs"])
    return row


def quality(n: int, planted_count: int, work: Path) -> dict:
    from generator.tools.demo_copies import plant, truth

    here = work / f"quality-{n}"
    content, build = here / "content", here / "build"
    demo(n, content, seed=3)
    bare = child(content, build)
    start = time.perf_counter()
    planted = plant(content, planted_count, seed=5)
    shutil.rmtree(build, ignore_errors=True)
    run = child(content, build)
    wanted = truth(planted)
    found = {frozenset((a.lower(), b.lower())) for a, b, _ in run["pairs"]}
    hits = wanted & found
    by_kind: dict[str, list[int]] = {}
    for p in planted:
        by_kind.setdefault(p.kind, [0, 0])
        by_kind[p.kind][1] += 1
        by_kind[p.kind][0] += frozenset((p.original.lower(), p.copy.lower())) in found
    scores = {frozenset((a.lower(), b.lower())): s for a, b, s in run["pairs"]}
    false = sorted(((s, sorted(k)) for k, s in scores.items() if k not in wanted), reverse=True)
    return {
        "n": n,
        "unplanted_pairs": len(bare["pairs"]),
        "unplanted_top": bare["pairs"][:5],
        "planted": len(planted),
        "reported": len(found),
        "precision": round(len(hits) / max(len(found), 1), 3),
        "recall": round(len(hits) / len(wanted), 3),
        "by_kind": {k: f"{a}/{b}" for k, (a, b) in by_kind.items()},
        "false_alarms": false[:5],
        "lowest_planted": sorted(scores[k] for k in hits)[:3],
        "screen_s": run["sketches_s"] + run["screening_s"],
        "read_s": run["read_s"],
        "peak_mb": run["peak_mb"],
        "wall_s": round(time.perf_counter() - start, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000])
    parser.add_argument("--quality", type=int, default=10_000, help="records of the quality run (0: none)")
    parser.add_argument("--planted", type=int, default=200)
    parser.add_argument("--work", type=Path, default=Path("/tmp/showcase-duplicates-bench"))
    parser.add_argument("--phase", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--relate", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(*args.phase, relate=args.relate), ensure_ascii=False))
        return 0
    print(
        f"# {time.strftime('%Y-%m-%d')} · {platform.processor() or platform.machine()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()}"
    )
    if args.quality:
        print(json.dumps(quality(args.quality, args.planted, args.work), ensure_ascii=False), flush=True)
    rows = [speed(n, args.work) for n in args.sizes]
    for row in rows:
        print(json.dumps(row, ensure_ascii=False), flush=True)
    if rows:
        print(
            "\n| records | read + screen, all cold s (MB) | screen cold s | related s | peak MB | candidates | pairs "
            "| warm s | 10 new s (sketched) |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        c, s, w, new = r["cold"], r["screen_cold"], r["warm"], r["new10"]
        print(
            f"| {r['n']:,} | {c['read_s'] + c['sketches_s'] + c['screening_s']:.1f} ({c['peak_mb']}) "
            f"| {s['sketches_s'] + s['screening_s']:.1f} | {s['related_s']:.1f} | {s['peak_mb']} | {s['candidates']:,} "
            f"| {s['pairs']} | {w['sketches_s'] + w['screening_s']:.1f} "
            f"| {new['sketches_s'] + new['screening_s']:.1f} ({new['computed']}) |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
