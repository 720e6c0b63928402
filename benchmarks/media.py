"""Photo and share-card benchmark: images per second, cards per second, and a warm rebuild.

    python benchmarks/media.py [--photos 20 80] [--cards 2000 10000] [--work DIR]

Photos: camera-sized JPEGs (4000×3000, with EXIF location and camera tags) attached to demo initiatives,
built with `showcase build`; the photo step is timed cold, then a second build (warm cache) is timed.
Cards: drawn on every core as a build does, from the cache-less state. Compare as ratios within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
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


def card_run(n: int, work: Path) -> dict:
    from generator.media import cards
    from generator.publish import build

    here = work / f"cards-{n}"
    shutil.rmtree(here, ignore_errors=True)
    rnd = random.Random(n)
    words = [
        "cải",
        "tiến",
        "khuôn",
        "dập",
        "tiết",
        "kiệm",
        "điện",
        "năng",
        "dây",
        "chuyền",
        "đóng",
        "gói",
        "an",
        "toàn",
        "lao",
        "động",
        "giảm",
        "phế",
        "phẩm",
    ]
    todo = {
        f"c/{k}.png": cards.Card(
            " ".join(rnd.choices(words, k=rnd.randrange(6, 30))),
            "Sáng kiến",
            "Hà Nội · Chế biến, chế tạo",
            f"Làm lợi {k} triệu đồng/năm",
        )
        for k in range(n)
    }
    start = time.perf_counter()
    drawn = build.place_cards(todo, here / "site", here / "cache", progress=False)
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in (here / "cache").iterdir())
    return {"cards": drawn, "seconds": seconds, "per_s": drawn / seconds, "kb_each": size / drawn / 1000}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--photos", type=int, nargs="+", default=[20, 80])
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
    print("\n| share cards | seconds | cards/s | KB each |")
    print("| --- | --- | --- | --- |")
    for n in args.cards:
        r = card_run(n, args.work)
        print(f"| {r['cards']:,} | {r['seconds']:.1f} | {r['per_s']:.0f} | {r['kb_each']:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
