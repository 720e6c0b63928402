"""What auditors check: axe-core accessibility, Lighthouse on a phone, links, headings, keyboard use."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
from pathlib import Path

import pytest

from .chromium import CHROMIUM, CHROMIUM_ARGS, open_page, read_pages, shown
from .conftest import ROOT
from .links import check_links

TOOLS = ROOT / "tests" / "quality" / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
LIGHTHOUSE = TOOLS / ".bin" / "lighthouse"
LIGHTHOUSE_PAGES = {"home": "", "province": "tinh-thanh/ha-noi/", "initiative": "sang-kien/hn-2022-0012/"}
LIGHTHOUSE_MIN = 0.95
HEADING_LEVELS = (
    "() => [...document.querySelectorAll('.md-content :is(h1, h2, h3, h4, h5, h6)')].map(h => +h.tagName[1])"
)


def page_kinds(site: Path) -> dict[str, str]:
    """One page of every kind the site has: home, each section's index, and one page inside each section."""
    kinds = {"home": ""}
    for section in sorted(p for p in site.iterdir() if (p / "index.html").is_file()):
        kinds[section.name] = f"{section.name}/"
        inner = sorted(p for p in section.iterdir() if (p / "index.html").is_file())
        if inner:
            kinds[f"{section.name}/*"] = f"{section.name}/{inner[0].name}/"
    return kinds


def _need(path: Path) -> None:
    if not path.exists():
        pytest.fail(f"{path} is missing: run `npm ci --prefix tests/quality`")


def _axe(page) -> list[dict]:
    _need(AXE)
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""")


@pytest.fixture(scope="module")
def kinds(site):
    found = page_kinds(site)
    assert {
        "home",
        "tinh-thanh",
        "tinh-thanh/*",
        "linh-vuc",
        "linh-vuc/*",
        "sang-kien/*",
        "cau-chuyen",
        "cau-chuyen/*",
        "gioi-thieu",
        "tim-kiem",
        "de-nghi-go",
    } <= set(found)
    return found


@pytest.fixture(scope="module")
def audited(browser, server, kinds):
    """Each page of every kind, opened once at a width: the levels of its content's headings, then axe-core's
    findings (None without axe-core). Both checks of a width read the same page."""
    done: dict[int, dict[str, tuple[list[int], list[dict] | None]]] = {}

    def read(page, _) -> tuple[list[int], list[dict] | None]:
        levels = page.evaluate(HEADING_LEVELS)  # before axe adds anything to the page
        return levels, _axe(page) if AXE.exists() else None

    def audit(width: int) -> dict[str, tuple[list[int], list[dict] | None]]:
        if width not in done:
            read_all = read_pages(browser, [server + u for u in kinds.values()], width, read)
            done[width] = dict(zip(kinds, read_all, strict=True))
        return done[width]

    return audit


@pytest.mark.parametrize("width", [1280, 360])
def test_no_serious_accessibility_violations(audited, width):
    _need(AXE)
    found = {kind: shown(result)[1] for kind, result in audited(width).items()}
    assert {k: v for k, v in found.items() if v} == {}


@pytest.mark.parametrize("query", ["?q=tiet+kiem", "?tinh=H%C3%A0+N%E1%BB%99i&sap_xep=loi_ich"])
@pytest.mark.parametrize("width", [1280, 360])
def test_no_accessibility_violations_with_search_results(browser, server, width, query):
    page, _ = open_page(browser, server + "tim-kiem/" + query, width)
    page.locator(".ms-result").first.wait_for()
    assert _axe(page) == []
    page.close()


def test_every_link_anchor_and_asset_resolves_and_nothing_loads_from_outside(site):
    assert check_links(site) == []


def test_link_check_catches_broken_links(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="b/">missing</a><a href="a/#nope">anchor</a>'
        '<script src="https://cdn.example.org/x.js"></script><a href="https://example.org/">outbound is fine</a>'
    )
    (tmp_path / "a" / "index.html").write_text('<h1 id="top">A</h1><a href="../#top">no anchor on home</a>')
    problems = check_links(tmp_path)
    assert len(problems) == 4, problems
    assert any("b/" in p and "missing" in p for p in problems)
    assert any('no element with id "nope"' in p for p in problems)
    assert any("loads from another host" in p for p in problems)


def test_headings_are_in_order(audited):
    for kind, result in audited(1280).items():
        levels, _ = shown(result)
        assert levels[0] == 1 and levels.count(1) == 1, (kind, levels)
        jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
        assert jumps == [], (kind, levels)


def _tab_to(page, selector: str, limit: int = 250) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return True
    return False


def _focus_is_visible(page) -> bool:
    style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return {style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }""")
    return style["style"] != "none" and style["width"] >= 2


def test_skip_link_comes_first_and_lands_on_the_title(browser, server):
    page, _ = open_page(browser, server + "sang-kien/hn-2022-0012/", 360)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Bỏ qua, đến nội dung chính"
    box = page.evaluate(
        "(() => { const r = document.activeElement.getBoundingClientRect(); return [r.width, r.height]; })()"
    )
    assert box[0] > 10 and box[1] > 10, "skip link must be visible when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "noi-dung"
    page.close()


@pytest.mark.parametrize("width", [1280, 360])
def test_search_is_usable_by_keyboard(browser, server, width):
    page, _ = open_page(browser, server, width)
    assert _tab_to(page, "#ms-header-q")
    assert _focus_is_visible(page)
    page.keyboard.type("tưới nhỏ giọt")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.locator(".ms-result").first.wait_for()
    assert _tab_to(page, "#ms-search-filters-box > summary")  # filters come before results
    assert _focus_is_visible(page)
    if not page.evaluate("document.getElementById('ms-search-filters-box').open"):
        page.keyboard.press("Enter")  # folded on a phone: open them
    assert _tab_to(page, ".ms-filter input[type=checkbox]")
    assert _focus_is_visible(page)
    assert _tab_to(page, ".ms-result a")
    assert _focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "sang-kien/na-2022-0011/" in page.url
    page.close()


def test_pagination_is_usable_by_keyboard(browser, more_records):
    from .static_server import serve

    with serve(more_records) as base:
        page, _ = open_page(browser, base + "tinh-thanh/dien-bien/", 360)
        assert _tab_to(page, ".ms-pager a[rel=next]")
        assert _focus_is_visible(page)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith("tinh-thanh/dien-bien/trang/2/")
        assert _axe(page) == []
        page.close()


def _lighthouse(url: str, out: Path) -> dict[str, int]:
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--form-factor=mobile",
            "--only-categories=performance,accessibility,best-practices,seo",
            "--disable-full-page-screenshot",  # for the HTML report only: no score reads it
            "--chrome-flags=" + " ".join(CHROMIUM_ARGS),
            "--output=json",
            f"--output-path={out}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        timeout=180,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    return {k: round(c["score"] * 100) for k, c in report["categories"].items()}


def test_lighthouse_on_a_phone(server, tmp_path):
    _need(LIGHTHOUSE)
    scores = {}
    for name, url in LIGHTHOUSE_PAGES.items():
        scores[name] = _lighthouse(server + url, tmp_path / f"lighthouse-{name}.json")
        if min(scores[name].values()) < LIGHTHOUSE_MIN * 100:
            # Timings on a shared machine are noisy: a low run is tried once more, and the better score counts.
            again = _lighthouse(server + url, tmp_path / f"lighthouse-{name}-2.json")
            scores[name] = {k: max(v, again[k]) for k, v in scores[name].items()}
    print("\nLighthouse (mobile):", json.dumps(scores))
    low = {page: {k: v for k, v in s.items() if v < LIGHTHOUSE_MIN * 100} for page, s in scores.items()}
    assert {p: s for p, s in low.items() if s} == {}
