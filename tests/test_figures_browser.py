"""The statistics page in Chromium: chart and map text legible on a 360 px phone, charts one text size on a
desktop, the map's switch by keyboard, tables that fit, no lone figure tile."""

from __future__ import annotations

import pytest

from .chromium import open_page

# Rendered size of every visible text of the charts and the map: its font size times the drawing's scale.
TEXT_SIZES = """
(selector) => [...document.querySelectorAll(selector)].flatMap(svg => {
  if (!svg.getClientRects().length) return [];
  const scale = (svg.ownerSVGElement || svg).getScreenCTM().a;
  return [...svg.querySelectorAll('text')].filter(t => t.getClientRects().length && t.textContent.trim())
    .map(t => ({text: t.textContent.trim(), px: parseFloat(getComputedStyle(t).fontSize) * scale}));
})
"""


@pytest.mark.parametrize("mode", ["count", "benefit"])
def test_no_chart_or_map_text_under_12_px_on_a_phone(browser, server, mode):
    page, _ = open_page(browser, server + "thong-ke/", 360)
    try:
        if mode == "benefit":
            page.locator("label[for=ms-map-benefit]").click()
            page.wait_for_selector(".ms-map--benefit svg", state="visible")
        sizes = page.evaluate(TEXT_SIZES, ".ms-chart, .ms-map__svg")
        assert len(sizes) > 100
        small = [s for s in sizes if s["px"] < 12]
        assert small == [], small[:5]
        texts = {s["text"] for s in sizes}
        assert {"Quần đảo Hoàng Sa", "Biển Đông", "Hà Nội"} <= {t.split("(")[0].strip() for t in texts}
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    finally:
        page.close()


def test_charts_share_one_text_size_on_a_desktop(browser, server):
    page, _ = open_page(browser, server + "thong-ke/", 1280)
    try:
        per_chart = page.evaluate(
            "() => [...document.querySelectorAll('.ms-chart')].map(svg => {"
            "  const t = svg.querySelector('.ms-chart__label');"
            "  return parseFloat(getComputedStyle(t).fontSize) * svg.getScreenCTM().a; })"
        )
        assert len(per_chart) == 5
        assert max(per_chart) - min(per_chart) < 0.5 and 12 <= min(per_chart) <= 20, per_chart
        # Province names are on the map on a desktop.
        names = page.evaluate(TEXT_SIZES, ".ms-map--count .ms-map__names")
        assert len(names) >= 15 and min(s["px"] for s in names) >= 12, names
    finally:
        page.close()


def test_the_map_switch_works_by_keyboard(browser, server):
    page, _ = open_page(browser, server + "thong-ke/", 1280)
    try:
        count, benefit = page.locator(".ms-map--count svg"), page.locator(".ms-map--benefit svg")
        assert count.is_visible() and not benefit.is_visible()
        page.focus("#ms-map-count")
        page.keyboard.press("ArrowRight")
        page.wait_for_selector(".ms-map--benefit svg", state="visible")
        assert page.is_checked("#ms-map-benefit") and not count.is_visible()
        assert "Làm lợi mỗi năm" in benefit.inner_html()
        page.keyboard.press("ArrowLeft")
        page.wait_for_selector(".ms-map--count svg", state="visible")
        assert not benefit.is_visible()
    finally:
        page.close()


def test_tables_fit_and_no_tile_is_alone_on_a_phone(browser, server):
    page, _ = open_page(browser, server + "thong-ke/", 360)
    try:
        # No table needs scrolling sideways: every figure is whole on screen.
        page.evaluate("document.querySelectorAll('details.ms-sector-places').forEach(d => d.open = true)")
        cut = page.evaluate(
            "() => [...document.querySelectorAll('.ms-table')].filter(t => t.getClientRects().length)"
            "  .filter(t => t.scrollWidth > t.clientWidth + 1).map(t => t.getAttribute('aria-label'))"
        )
        assert cut == []
        rows = page.evaluate(
            "() => { const rows = {}; for (const d of document.querySelectorAll('.ms-figures > div')) {"
            "  const r = d.getBoundingClientRect(); (rows[Math.round(r.top)] ||= []).push(r.width); }"
            "  return Object.values(rows); }"
        )
        full = page.evaluate("document.querySelector('.ms-figures').getBoundingClientRect().width")
        for widths in rows:
            assert len(widths) > 1 or widths[0] > full - 2, rows
    finally:
        page.close()
