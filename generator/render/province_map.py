"""A choropleth map of Vietnam's 34 province-level units, drawn at build time as one inline SVG.

Nothing is loaded from elsewhere: the boundaries ship in `data/vietnam-34-units.geojson`, dissolved from
Natural Earth's 10m admin-1 polygons (public domain; credited on the map). Each unit is a link to its page.

The Hoàng Sa (Paracel) archipelago belongs to Đà Nẵng and the Trường Sa (Spratly) archipelago to Khánh Hòa:
the law requires every map of Vietnam to show and name them, so both are drawn, as dots in their province's
colour because the islets are far smaller than a pixel, and labelled in Vietnamese.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from dataclasses import dataclass
from html import escape
from pathlib import Path

from generator.common.formatting import money_short, number

DATA = Path(__file__).with_name("data") / "vietnam-34-units.geojson"

WIDTH = 420
PAD = 12  # the outer dots and the credit keep clear of the edges
BOTTOM = 26  # room under the map for the credit line
TOLERANCE = 0.3  # Douglas–Peucker tolerance, viewBox units: under half the width of the white strokes
MIN_RING = 1.2  # rings smaller than this across (viewBox units) would be specks: dropped

PALETTE = ("#fbe9e7", "#f5b7ae", "#e57368", "#c62828", "#7f0f13")  # light cream to the brand's dark red
ZERO = "#e6e6e6"
INK, MUTED = "#222", "#555"
CREDIT = "Ranh giới: Natural Earth (phạm vi công cộng)"

# Geojson codes of the provinces that hold the archipelagos, and a longitude east of every mainland coast.
HOANG_SA, TRUONG_SA, OFFSHORE = 48, 56, 110.5
# Natural Earth leaves out the best-known islands of the western Trường Sa, the district seat among them;
# they are marked from their published positions (lon, lat) so the dots span the whole archipelago.
EXTRA_ISLANDS = {
    TRUONG_SA: (
        (111.92, 8.64),  # Trường Sa Lớn
        (112.92, 7.88),  # An Bang
        (114.33, 11.43),  # Song Tử Tây
        (114.32, 9.88),
    )
}  # Sinh Tồn
LABELS = {HOANG_SA: ("Quần đảo Hoàng Sa", "(Đà Nẵng)"), TRUONG_SA: ("Quần đảo Trường Sa", "(Khánh Hòa)")}
SEA = ("Biển Đông", 111.2, 13.9)  # its name, written in open water between the archipelagos
# What a map shows: the legend's heading, the map's title, and how a unit's value reads in its name.
LEGENDS = {"count": "Số sáng kiến", "benefit": "Làm lợi mỗi năm"}
TITLES = {
    "count": "Bản đồ số sáng kiến theo tỉnh, thành",
    "benefit": "Bản đồ giá trị làm lợi mỗi năm theo tỉnh, thành",
}
NAME_SIZE = 9  # province names: 12 px and more where the map is 560 px wide or more (a desktop); hidden on a phone
NOTE_SIZE = 11  # legend, sea, archipelagos, credit; the stylesheet enlarges them on a phone


@dataclass(frozen=True)
class _Unit:
    code: int
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # lon, lat
    islands: tuple[tuple[float, float], ...]  # lon, lat of offshore islets shown as dots


@dataclass(frozen=True)
class _Map:
    units: tuple[_Unit, ...]
    west: float
    north: float
    kx: float  # viewBox units per degree of longitude
    ky: float  # per degree of latitude
    height: float

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return PAD + (lon - self.west) * self.kx, PAD + (self.north - lat) * self.ky


def svg(values: dict[str, int], labels: dict[str, str], links: dict[str, str], title: str, mode: str = "count") -> str:
    """values: province code as a string of the taxonomy (see content/taxonomy.py Province.code; compare as int
    with the geojson `code`) -> a count, or with mode "benefit" a yearly benefit in đồng; labels: code -> short
    display name (e.g. "Hà Nội"); links: code -> relative URL of that province's page. Returns the markup of one
    <svg> element."""
    m = _map()
    counts = {int(k): max(0, int(v)) for k, v in values.items()}
    names = {int(k): v for k, v in labels.items()}
    hrefs = {int(k): v for k, v in links.items()}
    uppers, colours = _classes(sorted(v for v in counts.values() if v > 0))
    title_id = "ms-map-" + hashlib.sha1((title + mode).encode("utf-8")).hexdigest()[:8]
    parts = [
        f'<svg class="ms-map__svg" viewBox="0 0 {WIDTH} {_n(m.height)}" xmlns="http://www.w3.org/2000/svg" '
        f'aria-labelledby="{title_id}"><title id="{title_id}">{escape(title)}</title>',
        '<g stroke="#fff" stroke-width="0.5" stroke-linejoin="round">',
    ]
    for unit in m.units:
        count = counts.get(unit.code, 0)
        name = names.get(unit.code) or _short_name(unit.name)
        fill = _fill(count, uppers, colours)
        parts.append(_unit(m, unit, f"{name}: {_said(count, mode)}", fill, hrefs.get(unit.code)))
    parts.append("</g>")
    parts += [
        _names(m, names),
        _sea(m),
        _island_labels(m),
        _legend(uppers, colours, mode),
        _credit(m),
        "</svg>",
    ]
    return "".join(parts)


def _said(value: int, mode: str) -> str:
    if mode == "benefit":
        return f"làm lợi {money_short(value)} mỗi năm" if value else "chưa ghi giá trị làm lợi"
    return f"{number(value)} sáng kiến"


def project(lon: float, lat: float) -> tuple[float, float]:
    """Where a point falls in the map's viewBox."""
    return _map().xy(lon, lat)


# --- the geometry, read and fitted once per process -------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _map() -> _Map:
    units = tuple(_read_unit(f) for f in json.loads(DATA.read_text(encoding="utf-8"))["features"])
    units = tuple(sorted(units, key=lambda u: u.code))
    points = [p for u in units for r in u.rings for p in r] + [p for u in units for p in u.islands]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    # Equirectangular: a degree of longitude is cos(latitude) of a degree of latitude, taken at the middle.
    kx = (WIDTH - 2 * PAD) / (east - west)
    ky = kx / math.cos(math.radians((south + north) / 2))
    fitted = _Map((), west, north, kx, ky, PAD + (north - south) * ky + BOTTOM)
    return _Map(tuple(_fit(fitted, u) for u in units), west, north, kx, ky, fitted.height)


def _read_unit(feature: dict) -> _Unit:
    geometry = feature["geometry"]
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    rings = [tuple((float(x), float(y)) for x, y, *_ in ring) for polygon in polygons for ring in polygon]
    code = int(feature["properties"]["code"])
    islands: tuple[tuple[float, float], ...] = ()
    if code in LABELS:
        offshore = [r for r in rings if min(x for x, _ in r) > OFFSHORE]
        rings = [r for r in rings if min(x for x, _ in r) <= OFFSHORE]
        islands = tuple(sorted(_centre(r) for r in offshore)) + EXTRA_ISLANDS.get(code, ())
    return _Unit(code, feature["properties"]["name"], tuple(rings), islands)


def _fit(m: _Map, unit: _Unit) -> _Unit:
    """The unit's rings in viewBox units, simplified and rounded; specks dropped."""
    rings = []
    for ring in unit.rings:
        points = _dedupe([_round(p) for p in _simplify([m.xy(*p) for p in ring], TOLERANCE)])
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        if len(points) >= 4 and max(max(xs) - min(xs), max(ys) - min(ys)) >= MIN_RING:
            rings.append(tuple(points))
    return _Unit(unit.code, unit.name, tuple(rings), unit.islands)


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker: keep the point farthest from the chord while it is farther than `tolerance`."""
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        far, index = 0.0, None
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > far:
                far, index = d, i
        if index is not None and far > tolerance:
            keep.add(index)
            stack += [(first, index), (index, last)]
    return [points[i] for i in sorted(keep)]


def _distance(p, a, b) -> float:
    """From p to the line through a and b (to a itself when a = b, as at the ends of a closed ring)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    if length == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    return abs(dx * (a[1] - p[1]) - dy * (a[0] - p[0])) / length


def _dedupe(points):
    return [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]


def _round(p):
    return round(p[0], 1), round(p[1], 1)


def _centre(ring) -> tuple[float, float]:
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    return round((min(xs) + max(xs)) / 2, 3), round((min(ys) + max(ys)) / 2, 3)


# --- colour classes ---------------------------------------------------------------------------------------------


def _classes(counts: list[int]) -> tuple[list[int], tuple[str, ...]]:
    """Upper bounds of the classes at the quintiles of the non-zero counts, and their colours.

    Ties can merge quintiles; fewer classes then take the darkest colours, so the largest count is always
    the darkest red.
    """
    if not counts:
        return [], ()
    n = len(counts)
    quintiles = [counts[(k * n + 4) // 5 - 1] for k in range(1, 5)]
    uppers = [*sorted({q for q in quintiles if q < counts[-1]}), counts[-1]]
    return uppers, PALETTE[len(PALETTE) - len(uppers) :]


def _fill(count: int, uppers: list[int], colours: tuple[str, ...]) -> str:
    if count <= 0:
        return ZERO
    return next((c for u, c in zip(uppers, colours, strict=False) if count <= u), colours[-1])


# --- markup -----------------------------------------------------------------------------------------------------


def _unit(m: _Map, unit: _Unit, text: str, fill: str, href: str | None) -> str:
    label = escape(text)
    d = "".join(_ring_path(r) for r in unit.rings)
    shape = f'<title>{label}</title><path class="ms-map__unit" fill="{fill}" fill-rule="evenodd" d="{d}"/>' + "".join(
        _dot(m, p, fill) for p in unit.islands
    )
    if href is None:
        return f'<g aria-label="{label}">{shape}</g>'
    return f'<a href="{escape(href)}" aria-label="{label}">{shape}</a>'


def _ring_path(ring) -> str:
    first, *rest = ring[:-1] if ring[0] == ring[-1] else ring
    return f"M{_n(first[0])} {_n(first[1])}L" + " ".join(f"{_n(x)} {_n(y)}" for x, y in rest) + "Z"


def _dot(m: _Map, point: tuple[float, float], fill: str) -> str:
    # A grey outline keeps the palest colours visible on the page's white.
    x, y = m.xy(*point)
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="2.2" fill="{fill}" stroke="#777" stroke-width="0.6"/>'


def _island_labels(m: _Map) -> str:
    """Names beside each archipelago: under the Hoàng Sa dots, above the Trường Sa dots, both in open sea."""
    parts = []
    for unit in m.units:
        if unit.code not in LABELS:
            continue
        ys = [m.xy(*p)[1] for p in unit.islands]
        # Against the right edge, so the names stay in the picture at the larger size a phone gives them.
        x = WIDTH - PAD
        y = max(ys) + 15 if unit.code == HOANG_SA else min(ys) - 26
        first, second = (escape(t) for t in LABELS[unit.code])
        parts.append(
            f'<text class="ms-map__note" x="{_n(x)}" y="{_n(y)}" font-size="{NOTE_SIZE}" fill="{INK}" '
            f'text-anchor="end">{first}<tspan x="{_n(x)}" dy="1.15em">{second}</tspan></text>'
        )
    return "".join(parts)


def _sea(m: _Map) -> str:
    name, lon, lat = SEA
    x, y = m.xy(lon, lat)
    return (
        f'<text class="ms-map__note ms-map__sea" x="{_n(x)}" y="{_n(y)}" font-size="{NOTE_SIZE}" '
        f'font-style="italic" fill="#3b6e8f">{escape(name)}</text>'
    )


def _names(m: _Map, names: dict[int, str]) -> str:
    """Each province's name where it fits inside its largest piece, largest provinces first, none overlapping
    another; readers find the rest in the list beside the map. Names do not catch the pointer."""
    placed: list[tuple[float, float, float, float]] = []
    parts = []
    largest = {u.code: max(u.rings, key=_area) for u in m.units if u.rings}
    for unit in sorted((u for u in m.units if u.rings), key=lambda u: -_area(largest[u.code])):
        ring = largest[unit.code]
        name = names.get(unit.code) or _short_name(unit.name)
        width = len(name) * NAME_SIZE * 0.56
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        cx, cy = _centroid(ring)
        box = (cx - width / 2, cy - NAME_SIZE * 0.75, cx + width / 2, cy + NAME_SIZE * 0.3)
        fits = width <= (max(xs) - min(xs)) * 1.15 and max(ys) - min(ys) >= NAME_SIZE * 1.5
        if not fits or any(_overlap(box, other) for other in placed):
            continue
        placed.append(box)
        parts.append(f'<text x="{_n(cx)}" y="{_n(cy + NAME_SIZE * 0.35)}">{escape(name)}</text>')
    return (
        f'<g class="ms-map__names" font-size="{NAME_SIZE}" text-anchor="middle" fill="{INK}" stroke="#fff" '
        f'stroke-width="2" paint-order="stroke" stroke-linejoin="round" pointer-events="none" aria-hidden="true">'
        + "".join(parts)
        + "</g>"
    )


def _area(ring) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def _centroid(ring) -> tuple[float, float]:
    """The ring's centre of mass (its bounding box's centre for a degenerate ring)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-9:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return cx / (3 * a), cy / (3 * a)


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _legend(uppers: list[int], colours: tuple[str, ...], mode: str) -> str:
    """Top right, over the open sea east of the Gulf of Tonkin. Classes touch: each starts just above the
    previous one's top, the first just above zero, so no value falls between two rows."""
    x, y, step = WIDTH - PAD - 158, PAD + 10, 20  # wide enough for "3,91 tỷ–10,2 tỷ" at a phone's size
    lows = [0, *uppers[:-1]] if uppers else []
    rows = [
        (colour, _range(lo, hi, mode, n == 0))
        for n, (colour, lo, hi) in enumerate(zip(colours, lows, uppers, strict=True))
    ]
    rows = [*reversed(rows), (ZERO, "0" if mode == "count" else "chưa ghi")]
    parts = [
        f'<g class="ms-map__note" font-size="{NOTE_SIZE}" fill="{INK}">'
        f'<text x="{x}" y="{y}" font-weight="700">{escape(LEGENDS[mode])}</text>'
    ]
    for n, (colour, text) in enumerate(rows):
        top = y + 7 + n * step
        parts.append(
            f'<rect x="{x}" y="{top}" width="16" height="13" fill="{colour}" stroke="#999" '
            f'stroke-width="0.5"/><text x="{x + 22}" y="{top + 11}">{escape(text)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def _range(lo: int, hi: int, mode: str, first: bool) -> str:
    """A class of values above `lo` up to `hi`: counts are whole, so "3–5" follows "1–2"; amounts read
    "đến 1,2 tỷ", then "1,2–2,5 tỷ"."""
    if mode == "count":
        return number(hi) if lo + 1 >= hi else f"{number(lo + 1)}–{number(hi)}"
    top = _money(hi)
    return f"đến {top}" if first else f"{_money(lo)}–{top}"


def _money(value: int) -> str:
    return money_short(value).removesuffix(" đồng")


def _credit(m: _Map) -> str:
    return (
        f'<text class="ms-map__note" x="{WIDTH - PAD}" y="{_n(m.height - 7)}" font-size="10" fill="{MUTED}" '
        f'text-anchor="end">{escape(CREDIT)}</text>'
    )


def _short_name(official: str) -> str:
    """Fallback label: the geojson's name without its type, which the source has not verified for every unit."""
    for prefix in ("Thành phố ", "Tỉnh "):
        if official.startswith(prefix):
            return official[len(prefix) :]
    return official


def _n(value: float) -> str:
    """1 decimal, without a trailing ".0"."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
