"""Photo and share-card benchmark: images per second, cards per second, and a warm rebuild.

    python benchmarks/media.py [--photos 20 80] [--cards 2000 10000] [--work DIR]

Photos: camera-sized JPEGs (4000×3000, with EXIF location and camera tags) attached to demo initiatives,
built with `showcase build`; the photo step is timed cold, then a second build (warm cache) is timed.
`--photos` with no number skips them.
Cards: drawn on every core as a build does (`place_cards`), from the cache-less state, the slow way (every line
through FreeType, quantized, Pillow's PNG encoder at its default level: the cards before glyph caching) and the
fast way, with the processor time each card took (user and system, the workers' included: other work on the
machine inflates it less than it does seconds) and the cards a second that would give on free cores; then both
ways in one process, in turns, and the PNG encoders' size and time at each level. Compare as ratios within one run.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _camera_photo(path: Path, seed: int) -> None:
    from PIL import Image, ImageDraw

    rnd = random.Random(seed)
    im = Image.new("RGB", (4000, 3000), tuple(rnd.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(im)
    for _ in range(400):  # enough detail to make the encoder work
        x, y = rnd.randrange(4000), rnd.randrange(3000)
        draw.ellipse(
            [x, y, x + rnd.randrange(20, 400), y + rnd.randrange(20, 400)],
            fill=tuple(rnd.randrange(256) for _ in range(3)),
        )
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Camera maker", "Camera model"
    exif.get_ifd(0x8825)[2] = (21.0, 1.0, 30.0)  # GPS latitude
    im.save(path, "JPEG", quality=92, exif=exif)


def photo_run(n: int, work: Path) -> dict:
    here = work / f"photos-{n}"
    shutil.rmtree(here, ignore_errors=True)
    content = here / "content"
    subprocess.run(
        [sys.executable, "-m", "generator", "demo-data", "--count", str(n), "--out", str(content)],
        check=True,
        capture_output=True,
    )
    (content / "media").mkdir(exist_ok=True)
    records = sorted((content / "initiatives").rglob("*.yml"))[:n]
    for k, record in enumerate(records):
        _camera_photo(content / "media" / f"anh-{k}.jpg", k)
        with record.open("a", encoding="utf-8") as f:
            f.write(
                f'images:\n  - file: anh-{k}.jpg\n    alt: "Ảnh minh họa số {k}"\n    credit: "Công đoàn cơ sở"\n'
                f'    license: "CC BY 4.0"\n'
            )
    row = {"photos": n}
    for run in ("cold", "warm"):
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "build",
                "--content",
                str(content),
                "--site-dir",
                str(here / "site"),
                "--docs-dir",
                str(here / "docs"),
                "--quiet",
                "--metrics",
                str(here / "m.json"),
            ],
            check=True,
            capture_output=True,
        )
        row[f"{run}_s"] = time.perf_counter() - start
        metrics = json.loads((here / "m.json").read_text(encoding="utf-8"))
        row[f"{run}_encoded"] = metrics["photos_encoded"]
        row[f"{run}_content_s"] = metrics["seconds"]["nội dung"]
    return row


WORDS = "cải tiến khuôn dập tiết kiệm điện năng dây chuyền đóng gói an toàn lao động giảm phế phẩm".split()


def demo_cards(n: int) -> list:
    from generator.media import cards

    rnd = random.Random(n)
    return [
        cards.Card(
            " ".join(rnd.choices(WORDS, k=rnd.randrange(6, 30))),
            "Sáng kiến",
            "Hà Nội · Chế biến, chế tạo",
            f"Làm lợi {k} triệu đồng/năm",
        )
        for k in range(n)
    ]


def _save_slowly(card, target) -> None:
    """How cards were saved before glyph caching."""
    from generator.media import cards

    cards.draw_slowly(card).save(target, "PNG")


def card_run(n: int, work: Path, way: str) -> dict:
    from generator.media import cards
    from generator.publish import build

    here = work / f"cards-{way}-{n}"
    shutil.rmtree(here, ignore_errors=True)
    todo = {f"c/{k}.png": card for k, card in enumerate(demo_cards(n))}
    fast = cards.save
    if way == "slow":
        cards.save = _save_slowly  # the build calls cards.save; forked workers inherit this
    try:
        cpu = _cpu_seconds()
        start = time.perf_counter()
        drawn = build.place_cards(todo, here / "site", here / "cache", progress=False)
        seconds = time.perf_counter() - start
        cpu = _cpu_seconds() - cpu
    finally:
        cards.save = fast
    size = sum(p.stat().st_size for p in (here / "cache").iterdir())
    shutil.rmtree(here, ignore_errors=True)
    return {
        "cards": drawn,
        "seconds": seconds,
        "per_s": drawn / seconds,
        "kb_each": size / drawn / 1000,
        "cpu_ms": cpu / drawn * 1000,
    }


def _cpu_seconds() -> float:
    """Processor time (user and system) of this process and of the finished workers it forked."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    )


def tight_loop(rounds: int = 7) -> dict:
    """Cards per second in this process, no files: the slow and the fast way in turns, the median round."""
    from generator.media import cards

    sample = demo_cards(400)
    for card in sample[:20]:  # glyphs, frames and encoders ready, as in a long run
        cards.png(card)
    rates: dict[str, list[float]] = {"slow": [], "fast": []}
    for k in range(rounds):
        for way, count in (("slow", 30), ("fast", 300)):
            batch = sample[(k * count) % 100 :][:count]
            start = time.perf_counter()
            for card in batch:
                if way == "slow":
                    _save_slowly(card, io.BytesIO())
                else:
                    cards.png(card)
            rates[way].append(count / (time.perf_counter() - start))
    ratio = statistics.median(f / s for s, f in zip(rates["slow"], rates["fast"], strict=True))
    return {"slow": statistics.median(rates["slow"]), "fast": statistics.median(rates["fast"]), "ratio": ratio}


def encodings(n: int = 100) -> list[tuple[str, int, float, float]]:
    """(encoder, level, ms per card, KB per card) for Pillow's PNG encoder (optimize off and on) and the banded
    one, on the same cards."""
    from generator.media import cards
    from generator.media.png import BandedPNG

    sample = demo_cards(n)
    painted = [cards._painted(card) for card in sample]
    images = [cards.draw(card) for card in sample]
    rows = []

    def timed(encode, items) -> tuple[float, float]:
        """The best of three passes: the least disturbed by other work."""
        seconds = []
        for _ in range(3):
            start = time.perf_counter()
            size = sum(len(encode(item)) for item in items)
            seconds.append(time.perf_counter() - start)
        return min(seconds) / len(items) * 1000, size / len(items) / 1000

    for level in range(1, 10):
        for optimize in (False, True):

            def pillow(im, level=level, optimize=optimize) -> bytes:
                out = io.BytesIO()
                im.save(out, "PNG", compress_level=level, optimize=optimize)
                return out.getvalue()

            name = "Pillow, optimize" if optimize else "Pillow"
            rows.append((name, level, *timed(pillow, images[: n // 4 if optimize or level > 6 else n])))
        banded = BandedPNG(cards._frame("Sáng kiến"), cards._colours(), level, cards.BAND)
        rows.append(("banded", level, *timed(lambda p, e=banded: e.encode(*p), painted)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--photos", type=int, nargs="*", default=[20, 80])
    parser.add_argument("--cards", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/showcase-media-bench"))
    args = parser.parse_args()
    print(
        f"# {time.strftime('%Y-%m-%d')} · {platform.machine()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()}"
    )
    print("| photos (4000×3000) | cold build s | photos/s (content step) | warm build s | re-encoded when warm |")
    print("| --- | --- | --- | --- | --- |")
    for n in args.photos:
        r = photo_run(n, args.work)
        print(
            f"| {n} | {r['cold_s']:.1f} | {n / r['cold_content_s']:.1f} | {r['warm_s']:.1f} | {r['warm_encoded']} |",
            flush=True,
        )
    cores = os.cpu_count() or 1
    print(
        f"\n| share cards | way | seconds | cards/s ({cores} cores) | CPU ms each "
        f"| cards/s if {cores} cores were free | KB each |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for n in args.cards:
        for way in ("slow", "fast"):
            r = card_run(n, args.work, way)
            print(
                f"| {r['cards']:,} | {way} | {r['seconds']:.1f} | {r['per_s']:.0f} | {r['cpu_ms']:.2f} | "
                f"{cores * 1000 / r['cpu_ms']:.0f} | {r['kb_each']:.1f} |",
                flush=True,
            )
    t = tight_loop()
    print(
        f"\nOne process, no files, in turns: slow {t['slow']:.0f} cards/s, fast {t['fast']:.0f} cards/s, "
        f"fast/slow {t['ratio']:.1f}×"
    )
    print("\n| PNG encoder | level | ms per card | KB per card |")
    print("| --- | --- | --- | --- |")
    for name, level, ms, kb in encodings():
        print(f"| {name} | {level} | {ms:.2f} | {kb:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
