"""Bar charts drawn at build time as inline SVG: no charting script, nothing loaded from elsewhere.

A chart only shows; the table printed beside it holds the same numbers for screen readers and for copying,
so the drawing is hidden from assistive technology.
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from generator.common import formatting

WIDTH = 640
LABEL_W, VALUE_W, BAR_H, GAP = 200, 140, 20, 8


def bars(rows, value: str = "count", limit: int | None = None) -> Markup:
    """Horizontal bars, one per row, longest = the largest value; `value` is "count" or "benefit_vnd"."""
    rows = list(rows)[:limit] if limit else list(rows)
    top = max((getattr(r, value) for r in rows), default=0) or 1
    span = WIDTH - LABEL_W - VALUE_W
    height = len(rows) * (BAR_H + GAP) + GAP
    parts = [
        f'<svg class="ms-chart" viewBox="0 0 {WIDTH} {height}" width="100%" aria-hidden="true" '
        f'focusable="false" xmlns="http://www.w3.org/2000/svg">'
    ]
    for n, row in enumerate(rows):
        v = getattr(row, value)
        y = GAP + n * (BAR_H + GAP)
        w = round(span * v / top, 1)
        text = formatting.number(v) if value == "count" else (formatting.money_short(v) if v else "0")
        parts.append(
            f'<text x="{LABEL_W - 8}" y="{y + BAR_H - 5}" text-anchor="end" class="ms-chart__label">'
            f"{escape(_short(row.label))}</text>"
            f'<rect x="{LABEL_W}" y="{y}" width="{w}" height="{BAR_H}" rx="3" class="ms-chart__bar"/>'
            f'<text x="{LABEL_W + w + 6}" y="{y + BAR_H - 5}" class="ms-chart__value">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _short(label: str, limit: int = 26) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
