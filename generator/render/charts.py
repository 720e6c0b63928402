"""Bar charts drawn at build time: one layout, painted as inline SVG for the page, as a standalone SVG file and
as a PNG picture (Pillow, the same bars) to download. Nothing is loaded from elsewhere, no browser is needed.

Text is measured with the font the pages use (Be Vietnam Pro), so labels wrap where they would overflow, and a
label too long even for two lines is shortened with its full name kept in a <title>. The layout is 400 units
wide with 15-unit text: at the 328 px a 360 px phone gives it, text renders at 12.3 px; the stylesheet caps every
chart at one width, so all charts' text is one size on a desktop.

On the page a chart only shows; the table printed beside it holds the same numbers for screen readers and for
copying, so the inline drawing is hidden from assistive technology.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from html import escape

from markupsafe import Markup
from PIL import Image, ImageColor, ImageDraw, ImageFont

from generator.catalogue.figures import Chart
from generator.common import formatting
from generator.media.cards import FONTS

WIDTH = 400
FONT, LINE, BAR_H, GAP, PAD = 15, 18, 16, 9, 4
LABEL_W = 150  # the label column, right-aligned against the bars
MAX_LINES = 2
RED, INK, MUTED, WHITE = "#a3161b", "#1f2328", "#57606a", "#ffffff"
PNG_SCALE = 2  # pixels per unit: sharp on high-density screens and in print
# Part of every picture's key, with the drawing it shows (its SVG): a new design draws every picture again.
PNG_DESIGN = "3"


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    cls: str  # "label" or "value"
    anchor: str = "start"  # or "end"
    title: str = ""  # the full label when this one was shortened


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float


@dataclass(frozen=True)
class Drawing:
    width: int
    height: float
    texts: tuple[Text, ...]
    bars: tuple[Bar, ...]


def value_text(chart: Chart, value: int) -> str:
    if chart.value == "count":
        return formatting.number(value)
    return formatting.money_short(value).removesuffix(" đồng") if value else "0"


def layout(chart: Chart) -> Drawing:
    """Rows top to bottom: the label (one or two lines) right-aligned, then the bar, then its value."""
    values = [getattr(r, chart.value) for r in chart.rows]
    top = max(values, default=0) or 1
    value_w = max((_width(value_text(chart, v), "Bold") for v in values), default=0) + 2 * PAD
    span = WIDTH - LABEL_W - 2 * PAD - value_w
    texts: list[Text] = []
    bars: list[Bar] = []
    y = float(GAP)
    for row, v in zip(chart.rows, values, strict=True):
        lines, shortened = wrap(row.label, LABEL_W - PAD)
        block = max(len(lines) * LINE, BAR_H)
        first = y + (block - len(lines) * LINE) / 2 + FONT - 2
        for n, line in enumerate(lines):
            texts.append(Text(LABEL_W - PAD, first + n * LINE, line, "label", "end", row.label if shortened else ""))
        bar_y = y + (block - BAR_H) / 2
        w = round(span * v / top, 1)
        bars.append(Bar(LABEL_W + PAD, bar_y, w))
        texts.append(Text(LABEL_W + 2 * PAD + w, bar_y + BAR_H - 3, value_text(chart, v), "value"))
        y += block + GAP
    return Drawing(WIDTH, y, tuple(texts), tuple(bars))


def wrap(label: str, width: float) -> tuple[list[str], bool]:
    """The label's words in at most two lines of `width`; True when it had to be shortened to fit."""
    lines: list[str] = []
    for word in label.split():
        if lines and _width(f"{lines[-1]} {word}") <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) <= MAX_LINES and all(_width(line) <= width for line in lines):
        return lines, False
    kept = [*lines[: MAX_LINES - 1], " ".join(lines[MAX_LINES - 1 :])]
    last = kept[-1]
    while last and _width(last + "…") > width:
        last = last[:-1].rstrip(" ,")
    return [*kept[:-1], last + "…"], True


def inline(chart: Chart) -> Markup:
    """The chart as it appears on its page; styled by the site's stylesheet."""
    d = layout(chart)
    return Markup(
        f'<svg class="ms-chart" viewBox="0 0 {d.width} {_n(d.height)}" width="100%" aria-hidden="true" '
        f'focusable="false" xmlns="http://www.w3.org/2000/svg">{_body(d)}</svg>'
    )


def standalone(chart: Chart, credit: str) -> str:
    """The chart as a file: its title above, the credit below, colours and font written in, no stylesheet."""
    d = layout(chart)
    head, foot = 34, 30
    height = d.height + head + foot
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {d.width} {_n(height)}" width="{d.width * 2}" '
        f'height="{_n(height * 2)}" font-family="Be Vietnam Pro, Arial, sans-serif" role="img">'
        f"<title>{escape(chart.title)}</title>"
        f'<rect width="100%" height="100%" fill="{WHITE}"/>'
        f'<text x="{PAD}" y="22" font-size="16" font-weight="700" fill="{INK}">{escape(chart.title)}</text>'
        f'<g transform="translate(0 {head})" font-size="{FONT}">'
        f"<style>.ms-chart__label{{fill:{INK}}}.ms-chart__value{{fill:{MUTED};font-weight:700}}"
        f".ms-chart__bar{{fill:{RED}}}</style>{_body(d)}</g>"
        f'<text x="{PAD}" y="{_n(height - 10)}" font-size="11" fill="{MUTED}">{escape(credit)}</text></svg>\n'
    )


def png(chart: Chart, credit: str) -> bytes:
    """The same chart as a picture, drawn by Pillow: title, bars, values, credit."""
    d = layout(chart)
    head, foot, s = 34, 30, PNG_SCALE
    image = Image.new("RGB", (d.width * s, round((d.height + head + foot) * s)), WHITE)
    draw = ImageDraw.Draw(image)
    draw.text((PAD * s, 22 * s), chart.title, font=_font("Bold", 16 * s), fill=INK, anchor="ls")
    for bar in d.bars:
        if bar.width > 0:
            x, y = bar.x * s, (bar.y + head) * s
            draw.rounded_rectangle((x, y, x + bar.width * s, y + BAR_H * s), radius=3 * s, fill=RED)
    for t in d.texts:
        bold = t.cls == "value"
        draw.text(
            (t.x * s, (t.y + head) * s),
            t.text,
            font=_font("Bold" if bold else "Regular", FONT * s),
            fill=MUTED if bold else INK,
            anchor="rs" if t.anchor == "end" else "ls",
        )
    draw.text(
        (PAD * s, (d.height + head + foot - 10) * s), credit, font=_font("Regular", 11 * s), fill=MUTED, anchor="ls"
    )
    out = io.BytesIO()
    # The design's colours exactly, and text's edges as shades of each over white: 0.02 s for a chart of 35 bars
    # at zlib level 6 (median cut with `optimize`: 0.23 s, for the same size).
    image.quantize(palette=_palette(), dither=Image.Dither.NONE).save(out, format="PNG", compress_level=6)
    return out.getvalue()


@cache
def _palette() -> Image.Image:
    white = ImageColor.getrgb(WHITE)
    shades: list[tuple[int, ...]] = []
    for ink in map(ImageColor.getrgb, (INK, MUTED, RED)):
        for k in range(21):
            shade = tuple(round(w + (i - w) * k / 20) for w, i in zip(white, ink, strict=True))
            if shade not in shades:
                shades.append(shade)
    palette = Image.new("P", (1, 1))
    palette.putpalette([v for shade in shades for v in shade])
    return palette


def csv_text(chart: Chart) -> str:
    """The chart's numbers: one row per bar, in its order (see COLUMNS)."""
    lines = [",".join(name for name, _ in COLUMNS)]
    for r in chart.rows:
        lines.append(f"{_csv_cell(r.label)},{r.count},{r.benefit_vnd}")
    return "\r\n".join(lines) + "\r\n"


COLUMNS = (
    ("label", "tên dòng: tỉnh, thành, lĩnh vực, năm, cấp công nhận hoặc loại hình đơn vị"),
    ("initiatives", "số sáng kiến đã công bố (số nguyên)"),
    ("benefit_vnd", "tổng giá trị làm lợi mỗi năm theo hồ sơ, đồng (số nguyên; 0 khi không hồ sơ nào ghi)"),
)


def _csv_cell(text: str) -> str:
    # A label starting like a formula must not run in a spreadsheet; quotes and commas are quoted.
    if text[:1] in ("=", "+", "-", "@"):
        text = "'" + text
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ",\"\r\n'") else text


def _body(d: Drawing) -> str:
    parts = []
    for bar in d.bars:
        parts.append(
            f'<rect x="{_n(bar.x)}" y="{_n(bar.y)}" width="{_n(bar.width)}" height="{BAR_H}" rx="3" '
            f'class="ms-chart__bar"/>'
        )
    for t in d.texts:
        anchor = ' text-anchor="end"' if t.anchor == "end" else ""
        title = f"<title>{escape(t.title)}</title>" if t.title else ""
        parts.append(
            f'<text x="{_n(t.x)}" y="{_n(t.y)}"{anchor} class="ms-chart__{t.cls}">{title}{escape(t.text)}</text>'
        )
    return "".join(parts)


@cache
def _font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / f"BeVietnamPro-{weight}.ttf"), size, layout_engine=ImageFont.Layout.BASIC)


@cache
def _width(text: str, weight: str = "Regular") -> float:
    return _font(weight, FONT * 10).getlength(text) / 10


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def embed(chart: Chart, site, licence_page: str) -> str:
    """HTML another site pastes to show the chart: the drawing from here, with its credit and licence linked."""
    base = site.public_url
    return (
        f'<figure>\n  <img src="{escape(base + chart.file("svg"))}" alt="{escape(chart.title)}" '
        f'width="800" style="max-width:100%;height:auto">\n'
        f'  <figcaption>{escape(chart.title)}. Nguồn: <a href="{escape(base + chart.page)}">{escape(site.name)}</a>, '
        f'{escape(site.publisher)}. Giấy phép <a href="{escape(base + licence_page)}">{escape(site.licence.name)}</a>.'
        "</figcaption>\n</figure>"
    )
