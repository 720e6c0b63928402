"""Import benchmark: a portal export of N rows read into content files by `showcase import`.

    python benchmarks/import.py [--sizes 10000 100000] [--formats xlsx csv] [--work DIR]

For each size, writes an export as a portal would give it — a title row and a blank row above the header,
provinces written loosely ("TP.HCM", "Thừa Thiên Huế", former provinces, no marks), about a fifth of the rows
from national units (most with no province, the union filled), money in words and with dots, dates as Excel
serial numbers, date cells and text, several authors in a cell with consent per author, status words — from the
demo generator's records (generator/tools/demo.py), as .xlsx (openpyxl) and .csv (UTF-8 with BOM, semicolons).
Then times `showcase import` into an empty content folder, and again (nothing to change), and prints seconds,
rows a second and the peak memory of the largest process.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.common import formatting  # noqa: E402
from generator.content.taxonomy import Taxonomy  # noqa: E402
from generator.tools import demo  # noqa: E402
from generator.tools.importer.headers import PORTAL  # noqa: E402

TITLE = "DANH SÁCH SÁNG KIẾN ĐÃ ĐƯỢC CÔNG NHẬN (xuất từ cổng thông tin)"
STATUS = {"approved": "Đã duyệt", "pending": "Chờ duyệt", "rejected": "Từ chối"}
EXCEL_DAY0 = dt.date(1899, 12, 30)


def export_rows(count: int, seed: int, xlsx: bool):
    """The header, then one list of cells per demo record, spelt as people type them."""
    rng = random.Random(seed)
    taxonomy = Taxonomy(ROOT / "content" / "taxonomies")
    spell = demo.Spelling(taxonomy, ROOT / "content" / "taxonomies")
    sectors = {s.section: s for s in taxonomy.sectors}
    orgs = demo.organizations(rng, taxonomy, count)
    for n, r in enumerate(demo.records(rng, taxonomy, count, orgs), start=1):
        sector = sectors[r.sector]
        union = spell.union(rng, r.union) if r.union else ""
        if not union and r.province and rng.random() < 0.3:
            union = spell.federation(r.province)
        consents = [c for _, _, c in r.authors]
        yield [
            n,
            r.id,
            r.title,
            r.summary,
            spell.province(rng, r.province) if r.province else "",
            union,
            rng.choice([sector.section, sector.label, sector.official_name]),
            r.org.name,
            rng.choice(demo.KIND_WORDS[r.org.kind][1:]),
            "; ".join(name for name, _, _ in r.authors),
            "; ".join(role for _, role, _ in r.authors),
            "x" if all(consents) else "; ".join("có" if c else "không" for c in consents),
            _money(rng, r.benefit, xlsx),
            taxonomy.recognition[r.recognition],
            _date(rng, r.approved_on, xlsx) if r.status == "approved" else "",
            STATUS[r.status],
            r.problem,
            r.solution,
            r.results,
            ", ".join(r.tags),
        ]


def _money(rng: random.Random, value: int, xlsx: bool):
    roll = rng.random()
    if roll < 0.03:
        return f"hơn {max(1, value // 10**9)} tỷ"
    if roll < 0.04:
        return f"{formatting.number(value // 25_000)} USD"
    if roll < 0.3 and xlsx:
        return value
    if roll < 0.5:
        return formatting.number(value)
    if roll < 0.7:
        return formatting.money_short(value).replace(" đồng", rng.choice(["", " đồng"]))
    return f"{value} đồng"


def _date(rng: random.Random, day: dt.date, xlsx: bool):
    roll = rng.random()
    if xlsx and roll < 0.5:
        return (day - EXCEL_DAY0).days  # a serial number in a cell without a date format
    if xlsx and roll < 0.8:
        return dt.datetime(day.year, day.month, day.day)
    if roll < 0.9:
        return day.strftime("%d/%m/%Y")
    return rng.choice([f"{day.day}-{day.month}-{day.year}", day.isoformat(), str((day - EXCEL_DAY0).days)])


def write_xlsx(path: Path, count: int, seed: int) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Sáng kiến")
    sheet.append([TITLE])
    sheet.append([])
    sheet.append(list(PORTAL))
    for row in export_rows(count, seed, xlsx=True):
        sheet.append(row)
    book.save(path)


def write_csv(path: Path, count: int, seed: int) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f, delimiter=";")
        out.writerow([TITLE])
        out.writerow([])
        out.writerow(PORTAL)
        for row in export_rows(count, seed, xlsx=False):
            out.writerow(row)


def timed(cmd: list[str]) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds (user and system, the command and its workers), peak resident MB of the largest
    process, and the last line it printed. On a shared machine the wall time depends on the others' load; the CPU
    time much less: on two idle cores the wall time is about half of it."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: some rows refused, which a run may have
            raise SystemExit(f"failed: {' '.join(cmd)}\n{err.read()[-2000:]}")
        cpu = usage.ru_utime + usage.ru_stime
        return seconds, cpu, usage.ru_maxrss / 1024, (out.read().strip().splitlines() or [""])[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--formats", nargs="+", default=["xlsx", "csv"], choices=["xlsx", "csv"])
    parser.add_argument("--work", type=Path, default=None, help="folder for exports and content (default: temporary)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="import-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{dt.date.today()}, {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print("| rows | format | file MB | import s | CPU s | rows/s | peak MB | again s (CPU s) | summary |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for size in args.sizes:
        for fmt in args.formats:
            export = work / f"xuat-{size}.{fmt}"
            if not export.exists():
                (write_xlsx if fmt == "xlsx" else write_csv)(export, size, args.seed)
            content = work / f"content-{size}-{fmt}"
            shutil.rmtree(content, ignore_errors=True)
            shutil.copytree(ROOT / "content" / "taxonomies", content / "taxonomies")
            (content / "initiatives").mkdir()
            command = [sys.executable, "-m", "generator", "import", str(export), "--content", str(content), "--quiet"]
            seconds, cpu, peak, summary = timed(command)
            again, again_cpu, _, _ = timed(command)
            mb = export.stat().st_size / 1e6
            print(
                f"| {size:,} | {fmt} | {mb:.1f} | {seconds:.1f} | {cpu:.1f} | {size / seconds:,.0f} | {peak:.0f} "
                f"| {again:.1f} ({again_cpu:.1f}) | {summary.split(';', 1)[-1].split('(')[0].strip()} |"
            )
            shutil.rmtree(content, ignore_errors=True)


if __name__ == "__main__":
    main()
