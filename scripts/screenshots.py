"""Take the README's screenshots of the built site: `python scripts/screenshots.py [SITE_DIR [NAME …]]`.

Serves SITE_DIR (default site/) on 127.0.0.1 and writes PNGs to assets/screenshots/, with a few of the
site's share cards copied beside them; with NAMEs (`related`, `home`, …), only those screenshots.
"""

from __future__ import annotations

import shutil
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
    "statistics": "thong-ke/",
    "organization": "don-vi/cong-ty-tnhh-dien-tu-que-vo/",
    "press": "bao-chi/",
}
SIZES = {"desktop": (1280, 900), "phone": (360, 780)}
# Sections further down a page, scrolled to: the photos of an initiative with their credit and press download
# (on a phone), and the similar initiatives of other organisations at the end of an initiative's page.
PHOTOS = ("sang-kien/hn-2022-0012/", "#hinh-anh")
SECTIONS = {"related": ("sang-kien/hcm-2023-0077/", "#sang-kien-tuong-tu")}
CARDS = {
    "card-initiative": "sang-kien/hn-2022-0012/the-chia-se.png",
    "card-story": "cau-chuyen/tho-lo-ha-lam-va-gia-do-thuy-luc/the-chia-se.png",
    "card-province": "tinh-thanh/ha-noi/the-chia-se.png",
    "card-site": "assets/images/the-chia-se.png",
}


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    wanted = set(sys.argv[2:])
    OUT.mkdir(parents=True, exist_ok=True)
    with serve(site) as base, sync_playwright() as p:
        browser = launch(p)
        for name, (url, anchor) in SECTIONS.items():
            if wanted and name not in wanted:
                continue
            for size, (width, height) in SIZES.items():
                page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
                page.goto(base + url, wait_until="networkidle")
                # Down to the section's heading, below the theme's sticky header (scrolling up would bring up the
                # theme's "back to top" button).
                top = page.evaluate(f"document.querySelector('{anchor}').getBoundingClientRect().top - 72")
                page.mouse.wheel(0, top)
                page.wait_for_timeout(500)  # the header swaps the site's name for the page's title as it scrolls
                page.screenshot(path=str(OUT / f"{name}-{size}.png"))
                print(f"assets/screenshots/{name}-{size}.png")
                page.close()
        if wanted:
            browser.close()
            return 0
        for name, url in SHOTS.items():
            for size, (width, height) in SIZES.items():
                page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
                page.goto(base + url, wait_until="networkidle")
                page.wait_for_timeout(300)  # search results arrive after the page is idle
                target = OUT / f"{name}-{size}.png"
                page.screenshot(path=str(target))
                print(target.relative_to(ROOT))
                page.close()
        viewport = dict(zip(("width", "height"), SIZES["phone"], strict=True))
        page = browser.new_page(viewport=viewport, device_scale_factor=1)
        page.goto(base + PHOTOS[0], wait_until="networkidle")
        page.locator(PHOTOS[1]).scroll_into_view_if_needed()
        page.wait_for_timeout(500)  # lazy photos load once in view
        page.screenshot(path=str(OUT / "photos-phone.png"))
        print("assets/screenshots/photos-phone.png")
        browser.close()
    for name, path in CARDS.items():
        shutil.copyfile(site / path, OUT / f"{name}.png")
        print(f"assets/screenshots/{name}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
