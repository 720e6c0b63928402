"""Figures for the statistics page and the hubs: initiatives and yearly benefit by province (national units that
name no province as a row of their own), sector, year, recognition level and kind of organisation, the spread of
benefits within each sector and kind, and each sector's provinces, computed in one pass over the records.

A chart is one of these tables drawn as bars; its data, drawing and picture are published beside its page."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from generator import routes
from generator.catalogue.columns import Columns, Part
from generator.catalogue.model import NATIONAL_UNITS, Catalogue, Organization
from generator.common.formatting import ORGANIZATION_KINDS

NO_ORGANIZATION = "Không ghi đơn vị"


@dataclass
class Row:
    label: str
    url: str | None  # where the row's items are listed, if anywhere
    count: int = 0
    benefit_vnd: int = 0
    code: str = ""  # provinces: the statistical code, which the map knows them by (none: not on the map)
    stated: list[int] = field(default_factory=list, repr=False)  # the benefits of the records that state one

    def add(self, benefit: int | None) -> None:
        self.count += 1
        if benefit:
            self.benefit_vnd += benefit
            self.stated.append(benefit)

    @property
    def spread(self) -> Spread | None:
        return Spread.of(self.stated)


@dataclass(frozen=True)
class Spread:
    """How the yearly benefits that records state are spread: the middle half between q1 and q3."""

    stated: int  # how many records state a benefit
    median: int
    q1: int
    q3: int
    low: int
    high: int

    @classmethod
    def of(cls, values: list[int]) -> Spread | None:
        if not values:
            return None
        ordered = sorted(values)
        # "inclusive": the quartiles of the values themselves (no extrapolation past the smallest and largest).
        q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive") if len(ordered) > 1 else ordered * 3
        return cls(len(ordered), round(statistics.median(ordered)), round(q1), round(q3), ordered[0], ordered[-1])


@dataclass
class Figures:
    provinces: list[Row]
    sectors: list[Row]
    years: list[Row]
    recognition: list[Row]
    kinds: list[Row]
    sector_provinces: list[tuple[Row, list[Row]]]  # each sector with any initiatives, and its places by count

    def ranked(self, rows: str, by: str = "count") -> list[Row]:
        return sorted(getattr(self, rows), key=lambda r: (-getattr(r, by), r.label))


@dataclass(frozen=True)
class Chart:
    """Bars of one table: shown on `page`, with its data (CSV), drawing (SVG) and picture (PNG) beside it."""

    page: str  # the address of the page that shows it
    name: str  # its files' name, without extension
    title: str
    rows: tuple[Row, ...]
    value: str = "count"  # or "benefit_vnd": the length of the bars

    def file(self, ext: str) -> str:
        return routes.chart(self.page, self.name, ext)


def compute(cat: Catalogue) -> Figures:
    tax, c = cat.taxonomy, cat.columns
    provinces = [Row(p.name, routes.province(p.slug), code=p.code) for p in tax.provinces]
    national = Row(NATIONAL_UNITS, routes.section(routes.UNIONS))  # no code: listed with provinces, not mapped
    sectors = [Row(s.label, routes.sector(s.slug)) for s in tax.sectors]
    levels = [Row(label, None) for label in tax.recognition.values()]
    unrecognised = Row("Chưa ghi cấp công nhận", None)
    kinds = [Row(label, None) for label in ORGANIZATION_KINDS.values()]
    no_kind = Row(NO_ORGANIZATION, None)
    place = np.where(c.province >= 0, c.province, len(provinces))  # the national units as one more place
    _fill([*provinces, national], place, c)
    _fill(sectors, c.sector, c)
    _fill([*levels, unrecognised], np.where(c.level >= 0, c.level, len(levels)), c)
    _fill([*kinds, no_kind], np.where(c.kind >= 0, c.kind, len(kinds)), c)
    first = int(c.year.min()) if len(c.year) else 0
    years = [Row(str(first + k), None) for k in range(int(c.year.max()) - first + 1)] if len(c.year) else []
    _fill(years, c.year - first, c)
    cells = [*provinces, national]
    grid = c.breakdown(c.sector, place, len(cells))
    pairs = [
        (sectors[s], _by_count(_filled(Row(cells[p.group].label, cells[p.group].url, code=cells[p.group].code), p)
                               for p in parts))
        for s, parts in grid.items()
    ]  # fmt: skip
    pairs.sort(key=lambda pair: (-pair[0].count, pair[0].label))
    return Figures(
        provinces + ([national] if national.count else []),
        sectors,
        [y for y in years if y.count],
        levels + ([unrecognised] if unrecognised.count else []),
        [k for k in kinds if k.count] + ([no_kind] if no_kind.count else []),
        pairs,
    )


def _fill(rows: list[Row], column: np.ndarray, c: Columns) -> None:
    """Each row's count, benefit and stated benefits, from the records whose `column` is its position."""
    for p in c.breakdown(np.zeros_like(column), column, len(rows)).get(0, []):
        _filled(rows[p.group], p)


def _filled(row: Row, part: Part) -> Row:
    row.count, row.benefit_vnd, row.stated = part.count, part.benefit_vnd, part.stated
    return row


def statistics_charts(figures: Figures) -> list[Chart]:
    """The statistics page's charts, in the order it shows them."""
    page = routes.section(routes.STATISTICS)
    return [
        Chart(page, "theo-tinh-thanh", "Số sáng kiến theo tỉnh, thành", tuple(figures.ranked("provinces"))),
        Chart(
            page,
            "theo-linh-vuc",
            "Giá trị làm lợi mỗi năm theo lĩnh vực",
            tuple(figures.ranked("sectors", "benefit_vnd")),
            "benefit_vnd",
        ),
        Chart(
            page,
            "theo-loai-hinh",
            "Giá trị làm lợi mỗi năm theo loại hình đơn vị",
            tuple(figures.ranked("kinds", "benefit_vnd")),
            "benefit_vnd",
        ),
        Chart(page, "theo-nam", "Số sáng kiến được công nhận mỗi năm", tuple(figures.years)),
        Chart(page, "theo-cap-cong-nhan", "Số sáng kiến theo cấp công nhận", tuple(figures.recognition)),
    ]


def hub_chart(cat: Catalogue, kind: str, slug: str, name: str, url: str) -> Chart | None:
    """A province's initiatives by sector, or a sector's by province (national units as one place); none for
    national unions or an empty hub."""
    if kind == "province":
        parts = cat.breakdown("province", "sector").get(slug, [])
        rows = [Row(s.label, routes.sector(s.slug), p.count, p.benefit_vnd, stated=p.stated) for s, p in parts]
    elif kind == "sector":
        parts = cat.breakdown("sector", "province").get(slug, [])
        rows = [_place_row(province, p) for province, p in parts]
    else:
        return None
    if not rows:
        return None
    by = "lĩnh vực" if kind == "province" else "tỉnh, thành"
    return Chart(url, f"theo-{'linh-vuc' if kind == 'province' else 'tinh-thanh'}",
                 f"Sáng kiến của {name} theo {by}", tuple(_by_count(rows)))  # fmt: skip


def _place_row(province, part) -> Row:
    if province is None:
        return Row(NATIONAL_UNITS, routes.section(routes.UNIONS), part.count, part.benefit_vnd, stated=part.stated)
    return Row(province.name, routes.province(province.slug), part.count, part.benefit_vnd, stated=part.stated)


def _by_count(rows: Iterable[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (-r.count, -r.benefit_vnd, r.label))


@dataclass(frozen=True)
class Ranked:
    """An organisation in a ranking, with what it counts there (everything, or one sector's or province's)."""

    org: Organization
    count: int
    benefit_vnd: int


@dataclass(frozen=True)
class Ranking:
    """The organisations ranked by yearly benefit within one sector or province."""

    label: str
    url: str
    rows: list[Ranked]


def organization_rankings(cat: Catalogue) -> tuple[list[Ranking], list[Ranking]]:
    """By sector and by province (national units that name no province last), each ranked by the benefit of the
    organisation's initiatives there; only sectors and provinces with organisations."""
    in_sector, in_place = cat.breakdown("sector", "org"), cat.breakdown("province", "org")
    tax = cat.taxonomy
    sectors = [(s.slug, s.slug, s.label) for s in tax.sectors]
    places = [(p.slug, p.slug, p.name) for p in tax.provinces] + [(None, routes.UNIONS, NATIONAL_UNITS)]
    return (
        [
            Ranking(label, routes.organizations_in_sector(slug), _ranked(in_sector[key]))
            for key, slug, label in sectors
            if key in in_sector
        ],
        [
            Ranking(label, routes.organizations_in_province(slug), _ranked(in_place[key]))
            for key, slug, label in places
            if key in in_place
        ],
    )


def _ranked(parts: list[tuple[Organization, Part]]) -> list[Ranked]:
    rows = [Ranked(org, part.count, part.benefit_vnd) for org, part in parts]
    return sorted(rows, key=lambda r: (-r.benefit_vnd, -r.count, r.org.name))
