"""The published catalogue: approved initiatives and their stories, resolved against the taxonomies.

Independent of any site engine: pages are written from this model.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import cast

from generator import routes
from generator.common.digest import digest
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

    @cached_property  # every page linking an organisation asks for it
    def slug(self) -> str:
        """Empty when the name has no letter or digit: catalogue/addresses.py reports it; never an address."""
        return slug(self.key)[:80].rstrip("-")

    @property
    def url(self) -> str:
        return _address(routes.organization, self.slug)

    @cached_property
    def figures(self) -> Tally:
        return tally(self.initiatives)

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
    """What a group of initiatives adds up to: the one place figures are summed."""

    initiatives: int = 0
    benefit_vnd: int = 0
    organizations: int = 0


def tally(items: list[Initiative]) -> Tally:
    return Tally(
        len(items),
        sum(i.record.benefit_vnd or 0 for i in items),
        len({i.organization_key for i in items if i.organization_key}),
    )


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
        """Newest first everywhere; ties by id so every build lists records in the same order."""
        self.initiatives.sort(key=lambda i: (i.record.approved_on, i.id), reverse=True)
        self.stories.sort(key=lambda s: (s.record.date, s.slug), reverse=True)

    @cached_property
    def by_province(self) -> dict[str, list[Initiative]]:
        """Province slug -> its initiatives; a national unit's initiative without a province is in none."""
        return _group([i for i in self.initiatives if i.province], lambda i: i.province.slug)

    @cached_property
    def national(self) -> list[Initiative]:
        """Initiatives of national units that name no province: on the national units' hub, not on the map."""
        return [i for i in self.initiatives if i.province is None]

    @cached_property
    def by_union(self) -> dict[str, list[Initiative]]:
        """National union slug -> every initiative it issued, with a province or without."""
        return _group([i for i in self.initiatives if i.union.national], lambda i: i.union.slug)

    @cached_property
    def by_sector(self) -> dict[str, list[Initiative]]:
        return _group(self.initiatives, lambda i: i.sector.slug)

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
        whole = tally(self.initiatives)
        return Totals(
            whole.initiatives, whole.benefit_vnd, whole.organizations, len(self.by_province), len(self.by_sector)
        )

    @cached_property
    def organizations(self) -> list[Organization]:
        """Every organisation with a published initiative, most initiatives first."""
        groups: dict[str, list[Initiative]] = defaultdict(list)
        for i in self.initiatives:
            if i.organization_key:
                groups[i.organization_key].append(i)
        out = []
        for key, items in groups.items():
            written = [i.record.organization for i in items if i.record.organization]  # all of them: they have a key
            spellings: dict[str, int] = defaultdict(int)
            for org in written:
                spellings[org.name] += 1
            name = min(spellings, key=lambda n: (-spellings[n], n))
            out.append(Organization(key, name, written[0].kind, items))
        out.sort(key=lambda o: (-len(o.initiatives), o.name))
        return out

    @cached_property
    def organization_of(self) -> dict[str, Organization]:
        """Initiative id -> its organisation."""
        return {i.id: o for o in self.organizations for i in o.initiatives}

    def stories_in(self, key: str, value: str) -> list[Story]:
        """Stories about a province, sector or union: set on the story, or on an initiative it tells."""

        def about(s: Story) -> bool:
            own = getattr(s, key, None)  # a story names a province or sector, never a union
            if own is not None and own.slug == value:
                return True
            return any(getattr(i, key) is not None and getattr(i, key).slug == value for i in s.initiatives)

        return [s for s in self.stories if about(s)]


def _group(items, key) -> dict[str, list]:
    out: dict[str, list] = defaultdict(list)
    for item in items:
        out[key(item)].append(item)
    return dict(out)


def story_slug(stem: str) -> str:
    """The address of a story, from its file name; empty when the name has no letter or digit."""
    return slug(one_line(stem))
