"""Take the README's screenshots of the built site: `python scripts/screenshots.py [SITE_DIR]`.

Serves SITE_DIR (default site/) on 127.0.0.1 and writes PNGs to assets/screenshots/.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.chromium import launch  # noqa: E402
from tests.static_server import serve  # noqa: E402
OUT = ROOT / "assets" / "screenshots"
SHOTS = {
    "home": "",
    "province": "tinh-thanh/ho-chi-minh/",
    "initiative": "sang-kien/hn-2022-0012/",
    "search": "tim-kiem/?q=Da+Nang&tinh=%C4%90%C3%A0+N%E1%BA%B5ng",
}
SIZES = {"desktop": (1280, 900), "phone": (360, 780)}


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    OUT.mkdir(parents=True, exist_ok=True)
    with serve(site) as base, sync_playwright() as p:
        browser = launch(p)
        for name, url in SHOTS.items():
            for size, (width, height) in SIZES.items():
                page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
                page.goto(base + url, wait_until="networkidle")
                page.wait_for_timeout(300)  # search results arrive after the page is idle
                target = OUT / f"{name}-{size}.png"
                page.screenshot(path=str(target))
                print(target.relative_to(ROOT))
                page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
