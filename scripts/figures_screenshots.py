"""The statistics page and its map in both modes, for the README.

`python3 scripts/figures_screenshots.py [SITE_DIR]` (default site/) writes assets/screenshots/statistics-*.png and
map-{count,benefit}-*.png at 1280 and 360 px.
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
SIZES = {"desktop": (1280, 900), "phone": (360, 780)}


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    with serve(site) as base, sync_playwright() as p:
        browser = launch(p)
        for name, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            page.goto(base + "thong-ke/", wait_until="networkidle")
            page.screenshot(path=str(OUT / f"statistics-{name}.png"))
            # The header stays where it is, so it does not cover the map's switch in a shot of the map alone.
            page.add_style_tag(content=".md-header, .md-tabs { position: static !important; }")
            for mode in ("count", "benefit"):
                page.locator(f"label[for=ms-map-{mode}]").click()
                page.wait_for_selector(f".ms-map--{mode} svg", state="visible")
                page.locator(".ms-mapswitch").screenshot(path=str(OUT / f"map-{mode}-{name}.png"))
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
