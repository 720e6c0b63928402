"""Figures for the statistics page and the hubs: initiatives and yearly benefit by province (national units that
name no province as a row of their own), sector, year and recognition level, computed in one pass over the
records."""

from __future__ import annotations

from dataclasses import dataclass

from generator import routes
from generator.catalogue.model import NATIONAL_UNITS, Catalogue


@dataclass
class Row:
    label: str
    url: str | None  # where the row's items are listed, if anywhere
    count: int = 0
    benefit_vnd: int = 0
    code: str = ""  # provinces: the statistical code, which the map knows them by (none: not on the map)


@dataclass
class Figures:
    provinces: list[Row]
    sectors: list[Row]
    years: list[Row]
    recognition: list[Row]

    def ranked(self, rows: str, by: str = "count") -> list[Row]:
        return sorted(getattr(self, rows), key=lambda r: (-getattr(r, by), r.label))


def compute(cat: Catalogue) -> Figures:
    tax = cat.taxonomy
    provinces = {p.slug: Row(p.name, routes.province(p.slug), code=p.code) for p in tax.provinces}
    national = Row(NATIONAL_UNITS, routes.section(routes.UNIONS))  # no code: listed with provinces, not mapped
    sectors = {s.slug: Row(s.label, routes.sector(s.slug)) for s in tax.sectors}
    recognition = {key: Row(label, None) for key, label in tax.recognition.items()}
    unrecognised = Row("Chưa ghi cấp công nhận", None)
    years: dict[int, Row] = {}
    for i in cat.initiatives:
        r = i.record
        benefit = r.benefit_vnd or 0
        year = years.setdefault(i.approved_on.year, Row(str(i.approved_on.year), None))
        level = recognition[r.recognition] if r.recognition else unrecognised
        place = provinces[i.province.slug] if i.province else national
        for row in (place, sectors[i.sector.slug], year, level):
            row.count += 1
            row.benefit_vnd += benefit
    levels = list(recognition.values()) + ([unrecognised] if unrecognised.count else [])
    places = list(provinces.values()) + ([national] if national.count else [])
    return Figures(places, list(sectors.values()), [years[y] for y in sorted(years)], levels)
