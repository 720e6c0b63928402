"""Scale benchmark: the product's build against a plain MkDocs + Material build of the same pages.

    python benchmarks/scale.py [--sizes 1000 10000 100000] [--work DIR] [--skip-plain-above N]
        [--changes text organisation province status] [--reuse-content] [--no-cards-stored]

For each size: generate demo data (`showcase demo-data`), build it with `showcase build` (each step's time, the
build's peak memory, share cards drawn ahead and in the card step), load a first search for a province name and
for a common phrase in headless Chromium counting every byte (the search itself, query by query and against Pagefind:
benchmarks/search.py), then rebuild after each of four one-record changes an editor makes (a text, an
organisation's name, a province, a status: warm builds on the cache of the first), build it cold again with
every share card already drawn (the card store alone kept: the cold build without drawing cards), and build the
same generated pages with plain `mkdocs build` (theme search on).
Prints two tables; compare as ratios within one run (the machine is shared and noisy).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.chromium import launch  # noqa: E402
from tests.static_server import serve  # noqa: E402


def run(cmd: list[str], **kw) -> tuple[float, float]:
    """Wall seconds and peak resident MB of a command and its children."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def du(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def disk(path: Path) -> tuple[int, int]:
    """Bytes the disk holds under `path` (whole blocks, a hard-linked file once) and its number of distinct files:
    content, caches and site together, what a machine must have free."""
    seen: dict[tuple[int, int], int] = {}
    for folder, _, names in os.walk(path):
        for name in names:
            st = os.lstat(os.path.join(folder, name))
            seen[st.st_dev, st.st_ino] = st.st_blocks * 512
    return sum(seen.values()), len(seen)


def say(n: int, what: str) -> None:
    """A line on stderr as each stage ends: a long run shows where it is, and what it reached if it stops."""
    print(f"[{time.strftime('%H:%M:%S')}] {n:,}: {what}", file=sys.stderr, flush=True)


def showcase(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator", *args]


def first_search_bytes(site: Path, query: str) -> tuple[int, int]:
    """Bytes a browser downloads to open the search page and search once: (everything, index only)."""
    from playwright.sync_api import sync_playwright

    sizes: dict[str, int] = {}
    with serve(site) as base, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.on("requestfinished", lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]))
        page.goto(f"{base}tim-kiem/?q={query}", wait_until="networkidle")
        page.wait_for_selector("#ms-search-results[aria-busy=false]", state="attached", timeout=120_000)
        page.wait_for_load_state("networkidle")
        browser.close()
    return sum(sizes.values()), sum(v for k, v in sizes.items() if "/chi-muc/" in k)


# The four kinds of one-record change an editor makes, each applied to its own record: (pattern it needs, edit).
CHANGES = {
    "text": ('title: "', lambda t: t.replace('title: "', 'title: "Sửa: ', 1)),
    "organisation": (
        'organization:\n  name: "',
        lambda t: t.replace('organization:\n  name: "', 'organization:\n  name: "Đổi tên ', 1),
    ),
    "province": (
        'province: "',
        lambda t: re.sub(r'province: "[^"]*"\n(union: "[^"]*"\n)?', 'province: "Hà Nội"\n', t, count=1),
    ),
    "status": ("status: approved", lambda t: t.replace("status: approved", "status: withdrawn", 1)),
}


def change_one(content: Path, kind: str, skip: int) -> None:
    """Apply one kind of change to the `skip`-th published record that allows it (another record for each kind):
    a change to a record nobody sees would measure nothing."""
    needs, edit = CHANGES[kind]
    records = (
        p
        for p in sorted((content / "initiatives").rglob("*.yml"))
        if needs in (text := p.read_text(encoding="utf-8")) and "status: approved" in text
    )
    record = next(itertools.islice(records, skip, None))
    record.write_text(edit(record.read_text(encoding="utf-8")), encoding="utf-8")


def bench(n: int, work: Path, plain: bool, changes: list[str], reuse: bool, cards_stored: bool = True) -> dict:
    here = work / str(n)
    content, out = here / "content", here / "out"
    row: dict = {"n": n, "demo_s": 0.0}
    if reuse and (content / "initiatives").is_dir():
        shutil.rmtree(out, ignore_errors=True)
        say(n, f"demo data kept from the last run in {content}")
    else:
        shutil.rmtree(here, ignore_errors=True)
        row["demo_s"], _ = run(showcase("demo-data", "--count", str(n), "--out", str(content)))
        say(n, f"demo data in {row['demo_s']:.0f} s")
    build = showcase(
        "build",
        "--content",
        str(content),
        "--site-dir",
        str(out / "site"),
        "--docs-dir",
        str(out / "docs"),
        "--quiet",
        "--metrics",
        str(here / "metrics.json"),
    )
    row["build_s"], row["build_mb"] = run(build)
    say(n, f"cold build in {row['build_s']:.0f} s, {row['build_mb']:.0f} MB")
    metrics = json.loads((here / "metrics.json").read_text(encoding="utf-8"))
    row["steps"] = {k: round(v, 1) for k, v in metrics["seconds"].items()}
    row["pages_mb"] = round(metrics["peak_mb"].get("dựng trang", 0))
    row["index_s"] = metrics["search_s"]
    row["content"] = {k: round(v, 1) for k, v in metrics["content_seconds"].items()}
    row["pages"] = metrics["pages"]
    row["cards"] = metrics.get("cards_drawn", 0)
    row["cards_ahead"], row["cards_ahead_s"] = metrics.get("cards_drawn_ahead", 0), metrics.get("cards_ahead_s", 0)
    row["site_bytes"], row["site_files"] = du(out / "site")
    row["disk_bytes"], row["disk_files"] = disk(here)
    say(n, f"site {row['site_bytes'] / 1e9:.1f} GB, {row['site_files']:,} files; all {row['disk_bytes'] / 1e9:.1f} GB")
    row["search_bytes"], row["index_bytes"] = first_search_bytes(out / "site", "H%C3%A0+N%E1%BB%99i")
    # A query over every province ("tiết kiệm điện"): it needs every bundle.
    row["wide_search_bytes"], _ = first_search_bytes(out / "site", "ti%E1%BA%BFt+ki%E1%BB%87m+%C4%91i%E1%BB%87n")
    say(n, "cold: " + json.dumps(row, ensure_ascii=False))
    for k, kind in enumerate(CHANGES):
        if kind not in changes:
            continue
        change_one(content, kind, 10 * k + 1)
        seconds, peak = run(build)
        again = json.loads((here / "metrics.json").read_text(encoding="utf-8"))
        row[f"rebuild_{kind}"] = {
            "s": round(seconds, 1),
            "mb": round(peak),
            "steps": {k: round(v, 1) for k, v in again["seconds"].items()},
            "content": {k: round(v, 1) for k, v in again["content_seconds"].items()},
            "pages": again["rendered"],
            "index_files": again["search_written"],
        }
        say(n, f"{kind} changed: rebuilt in {seconds:.1f} s, {peak:.0f} MB")
    row["rebuild_s"] = max((row[f"rebuild_{kind}"]["s"] for kind in changes), default=0.0)
    if cards_stored:
        # Everything built from nothing but the cards, which are all in the store: what drawing them adds.
        from generator.publish.build import CARDS

        kept = here / "cards-kept"
        os.replace(out / "cache" / CARDS, kept)
        shutil.rmtree(out)
        (out / "cache").mkdir(parents=True)
        os.replace(kept, out / "cache" / CARDS)
        row["stored_s"], row["stored_mb"] = run(build)
        again = json.loads((here / "metrics.json").read_text(encoding="utf-8"))
        row["stored_steps"] = {k: round(v, 1) for k, v in again["seconds"].items()}
        row["stored_drawn"] = again.get("cards_drawn", 0)  # 0: no card was drawn, so none was waited for
        say(n, f"cold build, every card in the store: {row['stored_s']:.1f} s, {row['stored_mb']:.0f} MB")
    if plain:
        # The same pages, every one through MkDocs, with the theme's own search.
        from generator import pipeline

        pipeline.engine_pages(pipeline.Project(content, here / "plain-site", here / "plain-docs"))
        # The product's own engine settings (mkdocs_site.load), with the theme's search on.
        script = (
            "import sys; from pathlib import Path; from mkdocs.commands.build import build; "
            "from generator.config import Config; from generator.engine import mkdocs_site as m; "
            "build(m.load(Path(sys.argv[1]), Path(sys.argv[2]), Config(), plugins=[{'search': {'lang': 'vi'}}]))"
        )
        row["plain_s"], row["plain_mb"] = run(
            [sys.executable, "-c", script, str(here / "plain-docs"), str(here / "plain-site")],
            env={**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"},
            cwd=here,
        )
        row["plain_bytes"], row["plain_files"] = du(here / "plain-site")
        index = here / "plain-site" / "search" / "search_index.json"
        row["plain_search_bytes"] = index.stat().st_size if index.exists() else 0
        shutil.rmtree(here / "plain-site")
        shutil.rmtree(here / "plain-docs")
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/showcase-bench"))
    parser.add_argument(
        "--skip-plain-above", type=int, default=10**9, help="skip the plain MkDocs build above this size (it is slow)"
    )
    parser.add_argument(
        "--changes", nargs="+", choices=list(CHANGES), default=list(CHANGES), help="the one-record changes to time"
    )
    parser.add_argument(
        "--reuse-content",
        action="store_true",
        help="keep demo data a run left unchanged (one stopped before its first change), rather than make it again",
    )
    parser.add_argument(
        "--cards-stored",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also build each size cold with every share card already in the store (the build without drawing them)",
    )
    args = parser.parse_args()
    print(
        f"# {time.strftime('%Y-%m-%d')} · {platform.processor() or platform.machine()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()}"
    )
    rows = []
    for n in args.sizes:
        row = bench(n, args.work, n <= args.skip_plain_above, args.changes, args.reuse_content, args.cards_stored)
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    print()
    print(
        "| initiatives | pages | build s | peak MB | share cards: drawn ahead on one core (a second) + in the card step"
        " | one change s: text / organisation / "
        'province / status | site MB (files) | on disk in all GB (files) | first search "Hà Nội" KB | '
        '"tiết kiệm điện" KB | plain MkDocs s '
        "| ratio plain/product |"
    )
    print("| --- " * 12 + "|")
    for r in rows:
        plain = r.get("plain_s")
        plain_s = f"{plain:.1f}" if plain else "–"
        ratio = f"{plain / r['build_s']:.1f}×" if plain else "–"
        card_s = r["steps"].get("thẻ chia sẻ", 0)
        changes = " / ".join(f"{r[f'rebuild_{kind}']['s']:.1f}" if f"rebuild_{kind}" in r else "–" for kind in CHANGES)
        print(
            f"| {r['n']:,} | {r['pages']:,} | {r['build_s']:.1f} | {r['build_mb']:.0f} | "
            f"{r['cards_ahead']:,} in {r['cards_ahead_s']:.1f} s "
            f"({r['cards_ahead'] / max(r['cards_ahead_s'], 1e-9):.0f}) "
            f"+ {r['cards'] - r['cards_ahead']:,} in {card_s:.1f} s | {changes} | "
            f"{r['site_bytes'] / 1e6:.0f} ({r['site_files']:,}) | "
            f"{r['disk_bytes'] / 1e9:.2f} ({r['disk_files']:,}) | {r['search_bytes'] / 1e3:.0f} | "
            f"{r['wide_search_bytes'] / 1e3:.0f} | {plain_s} | {ratio} |"
        )
    for r in rows:
        if "stored_s" in r:
            steps = " · ".join(f"{k} {v:.1f}" for k, v in r["stored_steps"].items())
            print(
                f"\n{r['n']:,} cold, every share card in the store ({r['stored_drawn']} drawn): {r['stored_s']:.1f} s, "
                f"{r['stored_mb']:.0f} MB ({steps})"
            )
    print()
    steps = list(rows[0]["steps"]) if rows else []
    # The search index is written within the content step ("nội dung"); its own time is shown beside it.
    print("| initiatives | " + " | ".join(f"{step} s" for step in steps) + " | of which search index s |")
    print("| --- " * (len(steps) + 2) + "|")
    for r in rows:
        cells = " | ".join(f"{r['steps'].get(step, 0):.1f}" for step in steps)
        print(f"| {r['n']:,} | {cells} | {r['index_s']:.1f} |")
    _content_table(rows)
    for a, b in itertools.pairwise(rows):
        print(
            f"\nbuild time {b['n']:,} / {a['n']:,}: {b['build_s'] / a['build_s']:.1f}× for {b['n'] / a['n']:.0f}× "
            "the records"
        )
    return 0


def _content_table(rows: list[dict]) -> None:
    """The content step's parts, cold and after each one-record change: where a warm build's time still goes."""
    if not rows:
        return
    parts = list(rows[0]["content"])
    print("\n| initiatives | build | " + " | ".join(f"{part} s" for part in parts) + " |")
    print("| --- " * (len(parts) + 2) + "|")
    for r in rows:
        changed = [(kind, r[f"rebuild_{kind}"]["content"]) for kind in CHANGES if f"rebuild_{kind}" in r]
        for label, seconds in [("cold", r["content"]), *changed]:
            print(f"| {r['n']:,} | {label} | " + " | ".join(f"{seconds.get(p, 0):.1f}" for p in parts) + " |")


if __name__ == "__main__":
    raise SystemExit(main())
