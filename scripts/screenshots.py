"""Take the README's screenshots of the built site: `python scripts/screenshots.py [SITE_DIR]`.

Serves SITE_DIR (default site/) on 127.0.0.1 and writes PNGs to assets/screenshots/, with a few of the
site's share cards copied beside them. `python scripts/screenshots.py --national` imports the sample portal
export (content-samples/) into a copy of the sample content, builds it in a temporary folder and takes the
national units' hub.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
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
    "search": "tim-kiem/?q=Da+Nang",
    "statistics": "thong-ke/",
    "organization": "don-vi/cong-ty-tnhh-dien-tu-que-vo/",
    "press": "bao-chi/",
    "data": "du-lieu/#tep",
}
SIZES = {"desktop": (1280, 900), "phone": (360, 780)}
# The photos of an initiative, with their credit and press download, on a phone.
PHOTOS = ("sang-kien/hn-2022-0012/", "#hinh-anh")
CARDS = {
    "card-initiative": "sang-kien/hn-2022-0012/the-chia-se.png",
    "card-story": "cau-chuyen/tho-lo-ha-lam-va-gia-do-thuy-luc/the-chia-se.png",
    "card-province": "tinh-thanh/ha-noi/the-chia-se.png",
    "card-site": "assets/images/the-chia-se.png",
}


NATIONAL = {"national": "cong-doan-nganh/", "national-hub": "cong-doan-nganh/dau-khi/"}


def national() -> int:
    from generator import cli

    with tempfile.TemporaryDirectory() as work:
        out = Path(work)
        shutil.copytree(ROOT / "content", out / "content")
        sample = ROOT / "content-samples" / "xuat-tu-cong-thong-tin.xlsx"
        cli.main(["import", str(sample), "--content", str(out / "content"), "--quiet"])
        site, docs = out / "site", out / "docs"
        if cli.main(["build", "--content", str(out / "content"), "--site-dir", str(site), "--docs-dir", str(docs)]):
            return 1
        shoot(site, NATIONAL)
    return 0


def shoot(site: Path, shots: dict[str, str], extra=None) -> None:
    """Each page of `shots` at every size; then `extra(browser, base)` for shots of their own."""
    OUT.mkdir(parents=True, exist_ok=True)
    with serve(site) as base, sync_playwright() as p:
        browser = launch(p)
        for name, url in shots.items():
            for size, (width, height) in SIZES.items():
                page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
                page.goto(base + url, wait_until="networkidle")
                if page.locator("#ms-search-results").count():  # search results arrive after the page is idle
                    page.wait_for_selector("#ms-search-results[aria-busy=false]", state="attached")
                target = OUT / f"{name}-{size}.png"
                page.screenshot(path=str(target))
                print(target.relative_to(ROOT))
                page.close()
        if extra:
            extra(browser, base)
        browser.close()


def photos(browser, base: str) -> None:
    viewport = dict(zip(("width", "height"), SIZES["phone"], strict=True))
    page = browser.new_page(viewport=viewport, device_scale_factor=1)
    page.goto(base + PHOTOS[0], wait_until="networkidle")
    page.locator(PHOTOS[1]).scroll_into_view_if_needed()
    page.wait_for_timeout(500)  # lazy photos load once in view
    page.screenshot(path=str(OUT / "photos-phone.png"))
    print("assets/screenshots/photos-phone.png")


def factbox(browser, base: str) -> None:
    """An initiative's fact box and citation, after its copy button was pressed, on a desktop and a phone."""
    for size, (width, height) in SIZES.items():
        context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
        page = context.new_page()
        page.goto(base + SHOTS["initiative"], wait_until="networkidle")
        page.add_style_tag(content=".md-top, .md-header { visibility: hidden; }")  # they float over the box
        page.get_by_role("button", name="Sao chép thông tin").click()
        page.get_by_text("Đã sao chép").first.wait_for()
        target = OUT / f"factbox-{size}.png"
        page.locator(".ms-factbox").screenshot(path=str(target))
        print(target.relative_to(ROOT))
        context.close()


def press_table(browser, base: str) -> None:
    """The press page's largest benefits on a phone: stacked rows, the figure on screen."""
    viewport = dict(zip(("width", "height"), SIZES["phone"], strict=True))
    page = browser.new_page(viewport=viewport, device_scale_factor=1)
    page.goto(base + SHOTS["press"] + "#lam-loi-lon-nhat", wait_until="networkidle")
    page.screenshot(path=str(OUT / "press-table-phone.png"))
    print("assets/screenshots/press-table-phone.png")
    page.close()


def extras(browser, base: str) -> None:
    photos(browser, base)
    factbox(browser, base)
    press_table(browser, base)


def main() -> int:
    if sys.argv[1:] == ["--national"]:
        return national()
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    shoot(site, SHOTS, extras)
    for name, path in CARDS.items():
        shutil.copyfile(site / path, OUT / f"{name}.png")
        print(f"assets/screenshots/{name}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
