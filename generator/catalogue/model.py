"""The published catalogue: approved initiatives and their stories, resolved against the taxonomies.

Independent of any site engine: pages are written from this model.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, cast

import numpy as np

from generator import routes
from generator.catalogue.columns import Codes, Columns, Part
from generator.common.digest import digest
from generator.common.formatting import ORGANIZATION_KINDS
from generator.common.text import one_line, organization_key, slug
from generator.content.schema import InitiativeRecord, StoryRecord
from generator.content.taxonomy import Programme, Province, Sector, Taxonomy, TradeUnion

# Where initiatives of national units (a national sector union or a corporation's union, with no province of
# their own) stand wherever provinces are listed: the search filter, statistics, open data.
NATIONAL_UNITS = "Đơn vị trung ương"


@dataclass(frozen=True)
class Initiative:
    record: InitiativeRecord
    province: Province | None  # None: a national unit's initiative that names no province
    former_province: str | None
    union: TradeUnion  # the issuing union: the province's federation of labour, or a national union
    sector: Sector
    programme: Programme | None
    source: str
    digest: str = ""  # of the file and its photos: a page built from an unchanged record is reused

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def approved_on(self) -> dt.date:
        """A published initiative is approved, and an approved one has its date (checked when read)."""
        return cast(dt.date, self.record.approved_on)

    @property
    def url(self) -> str:
        return routes.initiative(self.record.id)

    @property
    def region(self) -> str:
        """The province's name, or NATIONAL_UNITS: the value of the search's province filter."""
        return self.province.name if self.province else NATIONAL_UNITS

    @property
    def place(self) -> str:
        """Where it comes from, in a few words: its province, or else its national union."""
        return self.province.name if self.province else self.union.name

    @cached_property  # grouping 10^5 records by organisation asks for it often
    def organization_key(self) -> str | None:
        org = self.record.organization
        return organization_key(org.name) if org else None


@dataclass(frozen=True)
class Story:
    record: StoryRecord
    slug: str
    body: str
    initiatives: tuple[Initiative, ...]
    province: Province | None
    sector: Sector | None
    source: str
    digest: str = ""

    @property
    def url(self) -> str:
        return _address(routes.story, self.slug)


@dataclass
class Organization:
    """An enterprise, agency, school or hospital, however its name was written in each record."""

    key: str
    name: str  # the spelling most of its records use
    kind: str
    initiatives: list[Initiative]
    figures: Tally  # what they add up to

    @cached_property  # every page linking an organisation asks for it
    def slug(self) -> str:
        """Empty when the name has no letter or digit: catalogue/addresses.py reports it; never an address."""
        return slug(self.key)[:80].rstrip("-")

    @property
    def url(self) -> str:
        return _address(routes.organization, self.slug)

    @cached_property
    def digest(self) -> str:
        """Of its records: what its figures, places, sectors and name are made from."""
        return digest(*(i.digest for i in self.initiatives))

    @property
    def benefit_vnd(self) -> int:
        return self.figures.benefit_vnd

    @cached_property
    def provinces(self) -> list:
        return _by_count(i.province for i in self.initiatives if i.province)

    @cached_property
    def places(self) -> list[str]:
        """Its provinces, most initiatives first, then the national unions of those that name no province."""
        return [p.name for p in self.provinces] + _by_count(i.union.name for i in self.initiatives if not i.province)

    @cached_property
    def sectors(self) -> list:
        return _by_count(i.sector for i in self.initiatives)


def _address(shape, segment: str) -> str:
    """A record's address; an empty segment would be the section's own page (see catalogue/addresses.py)."""
    if not segment:
        raise ValueError(f"bản ghi không có địa chỉ riêng ({shape('')})")
    return shape(segment)


def _by_count(items) -> list:
    """Distinct items, most frequent first."""
    counts: dict = defaultdict(int)
    for item in items:
        counts[item] += 1
    return sorted(counts, key=lambda x: -counts[x])


@dataclass(frozen=True)
class Tally:
    """What a group of initiatives adds up to (summed in columns.py, the one place figures are summed)."""

    initiatives: int = 0
    benefit_vnd: int = 0
    organizations: int = 0


@dataclass(frozen=True)
class Totals(Tally):
    provinces: int = 0
    sectors: int = 0


@dataclass
class Catalogue:
    taxonomy: Taxonomy
    initiatives: list[Initiative] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    # Initiative id -> similar initiatives of other organisations (catalogue/similarity/related.py).
    related: dict[str, tuple[Initiative, ...]] = field(default_factory=dict)

    def sort(self) -> None:
        """Newest first everywhere; ties by id so every build lists records in the same order. What was derived
        from the records in another order is derived again."""
        self.initiatives.sort(key=lambda i: (i.record.approved_on, i.id), reverse=True)
        self.stories.sort(key=lambda s: (s.record.date, s.slug), reverse=True)
        for name, value in vars(Catalogue).items():
            if isinstance(value, cached_property):
                self.__dict__.pop(name, None)

    @cached_property
    def columns(self) -> Columns:
        tax = self.taxonomy
        codes = Codes(
            [p.slug for p in tax.provinces],
            [s.slug for s in tax.sectors],
            [u.slug for u in tax.national_unions],
            list(tax.recognition),
            list(ORGANIZATION_KINDS),
        )
        return Columns(self.initiatives, codes)

    @cached_property
    def by_province(self) -> dict[str, list[Initiative]]:
        """Province slug -> its initiatives; a national unit's initiative without a province is in none."""
        return self._grouped(self.columns.province, self.taxonomy.provinces)

    @cached_property
    def national(self) -> list[Initiative]:
        """Initiatives of national units that name no province: on the national units' hub, not on the map."""
        return self._at(np.flatnonzero(self.columns.province < 0))

    @cached_property
    def by_union(self) -> dict[str, list[Initiative]]:
        """National union slug -> every initiative it issued, with a province or without."""
        return self._grouped(self.columns.union, self.taxonomy.national_unions)

    @cached_property
    def by_sector(self) -> dict[str, list[Initiative]]:
        return self._grouped(self.columns.sector, self.taxonomy.sectors)

    def figures_by(self, kind: str) -> dict[str, Tally]:
        """Slug -> the figures of each province's, sector's or national union's initiatives (`by_province`…)."""
        return self._tallies[kind]

    @cached_property
    def national_figures(self) -> Tally:
        """The figures of `national`."""
        c = self.columns
        return Tally(*c.tallies(np.where(c.province < 0, 0, -1), 1)[0])

    @cached_property
    def _tallies(self) -> dict[str, dict[str, Tally]]:
        c, tax = self.columns, self.taxonomy
        kinds: list[tuple[str, np.ndarray, list]] = [
            ("province", c.province, tax.provinces),
            ("sector", c.sector, tax.sectors),
            ("union", c.union, tax.national_unions),
        ]
        out = {}
        for kind, column, entries in kinds:
            sums = c.tallies(column, len(entries))
            out[kind] = {e.slug: Tally(*sums[k]) for k, e in enumerate(entries)}
        return out

    def breakdown(self, outer: str, inner: str) -> dict[str | None, list[tuple[Any, Part]]]:
        """Each province's, sector's or national union's initiatives (`outer`) by sector, province, place or
        organisation (`inner`): slug -> [(the sector, province, place or organisation, their part)]. A province
        of None stands for the national units that name none; a place is a province, or else the national union."""
        if (outer, inner) not in self._breakdowns:
            outers, inners = self._entries(outer), self._entries(inner)
            found = self.columns.breakdown(self._column(outer), self._column(inner), len(inners))
            self._breakdowns[outer, inner] = {
                outers[g].slug if outers[g] else None: [(inners[part.group], part) for part in parts]
                for g, parts in found.items()
            }
        return self._breakdowns[outer, inner]

    @cached_property
    def _breakdowns(self) -> dict[tuple[str, str], dict]:
        return {}

    def _entries(self, kind: str) -> list:
        tax = self.taxonomy
        entries: dict[str, list] = {
            "sector": list(tax.sectors),
            "union": list(tax.national_unions),
            "province": [*tax.provinces, None],  # None: the national units that name no province
            "place": [*tax.provinces, *tax.national_unions],
        }
        if kind == "org":
            known = {o.key: o for o in self.organizations}
            return [known[key] for key in self.columns.orgs]
        return entries[kind]

    def _column(self, kind: str) -> np.ndarray:
        c = self.columns
        if kind == "place":  # a record naming no province comes from a national union (checked when read)
            national = np.where(c.union >= 0, len(self.taxonomy.provinces) + c.union, -1)
            return np.where(c.province >= 0, c.province, national)
        if kind == "province":  # the national units that name no province as one more
            return np.where(c.province >= 0, c.province, len(self.taxonomy.provinces))
        return {"sector": c.sector, "union": c.union, "org": c.org}[kind]

    def _grouped(self, column: np.ndarray, entries: list) -> dict[str, list[Initiative]]:
        return {entries[g].slug: self._at(rows) for g, rows in self.columns.groups(column).items()}

    def _at(self, rows: np.ndarray) -> list[Initiative]:
        items = self.initiatives
        return [items[k] for k in rows.tolist()]

    @cached_property
    def stories_of(self) -> dict[str, list[Story]]:
        """Initiative id -> stories telling it."""
        out: dict[str, list[Story]] = defaultdict(list)
        for s in self.stories:
            for i in s.initiatives:
                out[i.id].append(s)
        return out

    @cached_property
    def totals(self) -> Totals:
        c = self.columns
        count, benefit, organizations = c.tallies(np.zeros_like(c.org), 1)[0]
        return Totals(count, benefit, organizations, len(self.by_province), len(self.by_sector))

    @cached_property
    def organizations(self) -> list[Organization]:
        """Every organisation with a published initiative, most initiatives first."""
        groups: dict[str, list[Initiative]] = defaultdict(list)
        for i in self.initiatives:
            if i.organization_key:
                groups[i.organization_key].append(i)
        c = self.columns
        sums = dict(zip(c.orgs, c.tallies(c.org, len(c.orgs)), strict=True))
        out = []
        for key, items in groups.items():
            written = [i.record.organization for i in items if i.record.organization]  # all of them: they have a key
            spellings: dict[str, int] = defaultdict(int)
            for org in written:
                spellings[org.name] += 1
            name = min(spellings, key=lambda n: (-spellings[n], n))
            out.append(Organization(key, name, written[0].kind, items, Tally(*sums[key])))
        out.sort(key=lambda o: (-len(o.initiatives), o.name))
        return out

    def organization_of(self, i: Initiative) -> Organization | None:
        return self._organizations_by_key.get(i.organization_key) if i.organization_key else None

    @cached_property
    def _organizations_by_key(self) -> dict[str, Organization]:
        return {o.key: o for o in self.organizations}

    def stories_in(self, key: str, value: str) -> list[Story]:
        """Stories about a province, sector or union: set on the story, or on an initiative it tells."""

        def about(s: Story) -> bool:
            own = getattr(s, key, None)  # a story names a province or sector, never a union
            if own is not None and own.slug == value:
                return True
            return any(getattr(i, key) is not None and getattr(i, key).slug == value for i in s.initiatives)

        return [s for s in self.stories if about(s)]


def story_slug(stem: str) -> str:
    """The address of a story, from its file name; empty when the name has no letter or digit."""
    return slug(one_line(stem))
