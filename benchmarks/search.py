"""Search benchmark: the site's own index against one plain Pagefind index of the same pages.

    python benchmarks/search.py [--sizes 1000 10000 100000] [--work DIR]

For each size: demo data (`showcase demo-data`), `showcase build` (its metrics give the index's build time,
files and bytes), the index built once more in a process of its own for its peak memory, and one Pagefind
index over the same initiative and story pages (their data-pagefind-* attributes give it the same filters and
sorts). Both are served with gzip as a static host serves them, and each query of a fixed list (a province, a
common word, three words, an exact title, no diacritics, a typo, sorted by benefit, filtered) is run in a fresh
Chromium context (cold cache) from a server that adds slow 4G's 150 ms round trip to every response and
shares 1.6 Mbps among all of them: bytes transferred, requests, and time from navigation to the first results
shown. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests import static_server  # noqa: E402
from tests.chromium import launch  # noqa: E402

SLOW_4G = {"latency": 150, "downloadThroughput": 1_600_000 / 8}  # Lighthouse's slow 4G: ms, bytes/s
# name -> (query, filters, sort); the exact title is taken from the built index.
QUERIES = {
    "province": ("Hà Nội", {}, ""),
    "common word": ("máy", {}, ""),
    "three words": ("tiết kiệm điện", {}, ""),
    "exact title": (None, {}, ""),
    "no diacritics": ("tiet kiem dien", {}, ""),
    "typo": ("tiet kiwm", {}, ""),
    "sorted by benefit": ("máy", {}, "loi_ich"),
    "filtered": ("tiết kiệm", {"tinh": "Đà Nẵng", "nam": "2023"}, ""),
}
# One Pagefind index, queried the way a page would: search, then the first 20 results' data.
PAGEFIND_PAGE = """<!doctype html><meta charset="utf-8"><title>Pagefind</title><body><script type="module">
const p = new URLSearchParams(location.search);
const pagefind = await import("/pagefind-ref/pagefind.js");
await pagefind.init();
const filters = JSON.parse(p.get("filters") || "{}");
const sort = p.get("sort") ? { [p.get("sort")]: "desc" } : undefined;
const found = await pagefind.search(p.get("q"), { filters, sort });
const data = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
document.body.dataset.count = String(found.results.length);
document.body.dataset.first = data.length ? data[0].meta.title : "";
document.body.dataset.done = "1";
</script>"""
MEMORY = """
import resource, sys, time
from pathlib import Path
from generator.content.validate import load_content
from generator.search import index
cat = load_content(Path(sys.argv[1])).catalogue
used = resource.getrusage(resource.RUSAGE_SELF)
start = time.perf_counter()
files = index.build(cat)
now = resource.getrusage(resource.RUSAGE_SELF)
cpu = now.ru_utime + now.ru_stime - used.ru_utime - used.ru_stime
print(time.perf_counter() - start, cpu, used.ru_maxrss / 1024, now.ru_maxrss / 1024)
"""


def run(cmd: list[str], **kw) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if done.returncode:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{done.stderr[-2000:]}")
    return time.perf_counter() - start, done.stdout


def showcase(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator", *args]


def pagefind_index(site: Path, scratch: Path) -> tuple[float, int, int]:
    """One Pagefind index of every initiative and story page, in site/pagefind-ref/: (seconds, files, bytes)."""
    shutil.rmtree(scratch, ignore_errors=True)
    for section in ("sang-kien", "cau-chuyen"):
        for page in (site / section).glob("*/index.html"):
            target = scratch / section / page.parent.name / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(page, target)
    out = site / "pagefind-ref"
    shutil.rmtree(out, ignore_errors=True)
    seconds, _ = run([sys.executable, "-m", "pagefind", "--site", str(scratch), "--output-path", str(out),
                      "--force-language", "vi", "--quiet"])  # fmt: skip
    shutil.rmtree(scratch)
    (site / "pf-bench.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    files = [p for p in out.rglob("*") if p.is_file()]
    return seconds, len(files), sum(p.stat().st_size for p in files)


class _Paced:
    """The server's side of one shared slow link: every response waits a round trip, and all bytes of all
    connections share 1.6 Mbps. (Chromium's own throttling leaves a page's workers out, where Pagefind searches.)"""

    lock = threading.Lock()
    free_at = 0.0

    def __init__(self, out):
        self.out = out

    def write(self, data) -> int:
        view = memoryview(data)
        for at in range(0, len(view), 4096):
            chunk = view[at : at + 4096]
            with _Paced.lock:
                start = max(time.perf_counter(), _Paced.free_at)
                _Paced.free_at = start + len(chunk) / SLOW_4G["downloadThroughput"]
                until = _Paced.free_at
            time.sleep(max(0.0, until - time.perf_counter()))
            self.out.write(chunk)
        return len(view)

    def __getattr__(self, name):
        return getattr(self.out, name)


class _SlowHandler(static_server._Handler):
    def setup(self):
        super().setup()
        self.wfile = _Paced(self.wfile)

    def send_head(self):
        time.sleep(SLOW_4G["latency"] / 1000)
        return super().send_head()


@contextlib.contextmanager
def slow_serve(site: Path):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SlowHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def measure(browser, url: str, done: str) -> dict:
    """Open `url` in a fresh context (cold cache); wait for `done`. Bytes, requests, seconds."""
    context = browser.new_context()
    page = context.new_page()
    seen: dict[str, int] = {}

    def finished(request) -> None:
        sizes = request.sizes()
        seen[request.url] = seen.get(request.url, 0) + sizes["responseBodySize"] + sizes["responseHeadersSize"]

    context.on("requestfinished", finished)
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(done, state="attached", timeout=600_000)
    seconds = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    index = [u for u in seen if "/chi-muc/" in u or "/pagefind-ref/" in u]
    row = {
        "seconds": seconds,
        "bytes": sum(seen.values()),
        "requests": len(seen),
        "index_bytes": sum(seen[u] for u in index),
        "index_requests": len(index),
    }
    context.close()
    return row


def queries(site: Path) -> dict[str, tuple[str, dict, str]]:
    contents = json.loads((site / "chi-muc" / "muc-luc.json").read_text(encoding="utf-8"))
    middle = contents["n"] // 2
    card = json.loads((site / "chi-muc" / "the" / f"{middle // contents['chunk']}.json").read_text("utf-8"))[0]
    return {name: (card["title"] if q is None else q, f, s) for name, (q, f, s) in QUERIES.items()}


def search_both(site: Path) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    out: dict[str, dict] = {}
    with slow_serve(site) as base, sync_playwright() as p:
        browser = launch(p)
        for name, (q, filters, sort) in queries(site).items():
            ours = urlencode({"q": q, **filters, **({"sap_xep": sort} if sort else {})})
            theirs = urlencode({"q": q, "filters": json.dumps(filters), "sort": sort})
            out[name] = {
                "ours": measure(browser, f"{base}tim-kiem/?{ours}", "#ms-search-results[aria-busy=false]"),
                "pagefind": measure(browser, f"{base}pf-bench.html?{theirs}", "body[data-done]"),
            }
            print(f"  {name}: {out[name]}", file=sys.stderr)
        browser.close()
    return out


def bench(n: int, work: Path) -> dict:
    here = work / str(n)
    content, out = here / "content", here / "out"
    if not content.exists():
        run(showcase("demo-data", "--count", str(n), "--out", str(content)))
    row: dict = {"n": n}
    build = ["build", "--content", str(content), "--site-dir", str(out / "site"), "--docs-dir", str(out / "docs")]
    # --skip-invalid: a few demo records name a withheld author in passing, and are refused as a reader would want.
    row["build_s"], _ = run(showcase(*build, "--quiet", "--skip-invalid", "--metrics", str(here / "metrics.json")))
    metrics = json.loads((here / "metrics.json").read_text(encoding="utf-8"))
    row |= {k: metrics[k] for k in ("search_s", "search_files", "search_bytes")}
    _, measured = run([sys.executable, "-c", MEMORY, str(content)], cwd=ROOT)
    seconds, cpu, before, peak = map(float, measured.split())
    row |= {"index_s_alone": seconds, "index_cpu_s": cpu, "rss_before_mb": before, "peak_mb": peak}
    row["pagefind_s"], row["pagefind_files"], row["pagefind_bytes"] = pagefind_index(out / "site", here / "pf")
    row["queries"] = search_both(out / "site")
    return row


def table(rows: list[dict]) -> str:
    lines = [
        "| records | query | ours KB (index KB) | ours requests (index) | ours s | Pagefind KB (index KB) "
        "| Pagefind requests (index) | Pagefind s |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        for name, both in r["queries"].items():
            o, p = both["ours"], both["pagefind"]
            lines.append(
                f"| {r['n']:,} | {name} | {o['bytes'] / 1e3:.0f} ({o['index_bytes'] / 1e3:.0f}) | {o['requests']} "
                f"({o['index_requests']}) | {o['seconds']:.1f} | {p['bytes'] / 1e3:.0f} ({p['index_bytes'] / 1e3:.0f}) "
                f"| {p['requests']} ({p['index_requests']}) | {p['seconds']:.1f} |"
            )
    lines += [
        "",
        "| records | index build s in the build (alone; CPU s) | peak MB (before) | files | MB "
        "| Pagefind s | files | MB |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {r['search_s']:.1f} ({r['index_s_alone']:.1f}; {r['index_cpu_s']:.1f}) "
            f"| {r['peak_mb']:.0f} "
            f"({r['rss_before_mb']:.0f}) | {r['search_files']:,} | {r['search_bytes'] / 1e6:.1f} | "
            f"{r['pagefind_s']:.1f} | {r['pagefind_files']:,} | {r['pagefind_bytes'] / 1e6:.1f} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/showcase-search-bench"))
    args = parser.parse_args()
    print(
        f"# {time.strftime('%Y-%m-%d')} · {platform.machine()} · {os.cpu_count()} cores · load {os.getloadavg()[0]:.1f}"
    )
    rows = []
    for n in args.sizes:
        rows.append(bench(n, args.work))
        (args.work / "results.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(rows))
    print(f"# load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
