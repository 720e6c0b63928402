"""The published catalogue: approved initiatives and their stories, resolved against the taxonomies.

Independent of any site engine: pages are written from this model.
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, cast

import numpy as np

from generator import routes
from generator.catalogue.columns import Codes, Columns, Part
from generator.common.digest import digest_bytes
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
    # Set from the record: what every build asks of all 10^5 records (their order, the catalogue's columns, the
    # organisations, the photos, the cards of lists and share cards), so that a warm build finds it without
    # unpacking any record (see `packed`): a page of a list shows a few dozen records and unpacks none.
    id: str = field(init=False, compare=False)
    url: str = field(init=False, compare=False)
    title: str = field(init=False, compare=False)
    day: int = field(init=False, compare=False)  # of approval, `date.toordinal` (0: not approved yet)
    benefit_vnd: int | None = field(init=False, compare=False)
    recognition: str | None = field(init=False, compare=False)
    organization_key: str | None = field(init=False, compare=False)  # grouping by organisation
    organization_name: str | None = field(init=False, compare=False)  # as written
    organization_kind: str | None = field(init=False, compare=False)
    photos: int = field(init=False, compare=False)

    def __post_init__(self) -> None:
        r, org = self.record, self.record.organization
        facts = {
            "id": r.id,
            "url": routes.initiative(r.id),
            "title": r.title,
            "day": r.approved_on.toordinal() if r.approved_on else 0,
            "benefit_vnd": r.benefit_vnd,
            "recognition": r.recognition,
            "organization_key": organization_key(org.name) if org else None,
            "organization_name": org.name if org else None,
            "organization_kind": org.kind if org else None,
            "photos": len(r.images),
        }
        self.__dict__.update(facts)  # frozen: set once, here

    def __getattr__(self, name: str) -> Any:
        """Only asked when an attribute is missing: the record of one kept packed, unpacked the first time."""
        packed = self.__dict__.get(PACKED)
        if name != "record" or packed is None:
            raise AttributeError(name)
        record = pickle.loads(packed)
        self.__dict__["record"] = record
        return record

    @staticmethod
    def packed(state: dict[str, Any], record: bytes) -> Initiative:
        """An initiative as kept by the record cache: its facts (`state`), and its record pickled (`record`),
        unpacked only when asked for. At 10^5 records unpacking them all is 1.5 s of every warm build, and their
        2·10^6 objects the most of the memory forked workers share and copy."""
        out = Initiative.__new__(Initiative)
        out.__dict__.update(state)
        out.__dict__[PACKED] = record
        return out

    @property
    def approved_on(self) -> dt.date:
        """A published initiative is approved, and an approved one has its date (checked when read): asked only of
        those (a pending one's `day` is 0)."""
        return dt.date.fromordinal(self.day)

    @property
    def region(self) -> str:
        """The province's name, or NATIONAL_UNITS: the value of the search's province filter."""
        return self.province.name if self.province else NATIONAL_UNITS

    @property
    def place(self) -> str:
        """Where it comes from, in a few words: its province, or else its national union."""
        return self.province.name if self.province else self.union.name


PACKED = "_packed"  # where an initiative kept packed holds its pickled record (`Initiative.packed`)


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
    provinces: list[Province]  # most initiatives first, ties by the newest
    sectors: list[Sector]  # the same
    # The names of the national unions of its initiatives that name no province, in the same order.
    unions: list[str] = field(default_factory=list)
    digest: str = ""  # of its records: what its figures, places, sectors and name are made from

    @cached_property  # every page linking an organisation asks for it
    def slug(self) -> str:
        """Empty when the name has no letter or digit: catalogue/addresses.py reports it; never an address."""
        return slug(self.key)[:80].rstrip("-")

    @property
    def url(self) -> str:
        return _address(routes.organization, self.slug)

    @property
    def benefit_vnd(self) -> int:
        return self.figures.benefit_vnd

    @cached_property
    def places(self) -> list[str]:
        """Its provinces, most initiatives first, then the national unions of those that name no province."""
        return [p.name for p in self.provinces] + self.unions


def _address(shape, segment: str) -> str:
    """A record's address; an empty segment would be the section's own page (see catalogue/addresses.py)."""
    if not segment:
        raise ValueError(f"bản ghi không có địa chỉ riêng ({shape('')})")
    return shape(segment)


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
    related: Mapping[str, tuple[Initiative, ...]] = field(default_factory=dict)

    def sort(self) -> None:
        """Newest first everywhere; ties by id so every build lists records in the same order. What was derived
        from the records in another order is derived again."""
        self.initiatives.sort(key=lambda i: (i.day, i.id), reverse=True)
        self.stories.sort(key=lambda s: (s.record.date, s.slug), reverse=True)
        for name, value in vars(Catalogue).items():
            if isinstance(value, cached_property):
                self.__dict__.pop(name, None)

    def derive(self) -> None:
        """Work out now what every build asks of it: groups, tallies, organisations. Done before workers are
        forked, the lists of 10^5 records are made while this process's memory is its own; after, each record put
        in a list costs a copy of its memory page, shared with the workers until then (a second at 10^5)."""
        for name in ("by_province", "by_sector", "by_union", "national", "organizations", "stories_of", "totals"):
            getattr(self, name)

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
        return self._grouped("province")

    @cached_property
    def national(self) -> list[Initiative]:
        """Initiatives of national units that name no province: on the national units' hub, not on the map."""
        return self.at(self.national_rows)

    @property
    def national_rows(self) -> np.ndarray:
        """The rows of `national`."""
        return np.flatnonzero(self.columns.province < 0)

    @cached_property
    def by_union(self) -> dict[str, list[Initiative]]:
        """National union slug -> every initiative it issued, with a province or without."""
        return self._grouped("union")

    @cached_property
    def by_sector(self) -> dict[str, list[Initiative]]:
        return self._grouped("sector")

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

    def most_benefit(self, count: int) -> list[Initiative]:
        """The `count` initiatives of the largest yearly benefit, ties newest first."""
        return self.at(np.argsort(-self.columns.benefit, kind="stable")[:count])

    def largest_benefit(self, rows: np.ndarray) -> Initiative:
        """Of these rows' initiatives, the one of the largest yearly benefit, ties by the greatest id."""
        benefit = self.columns.benefit[rows]
        return max(self.at(rows[benefit == benefit.max()]), key=lambda i: i.id)

    def rows_of(self, kind: str) -> dict[str, np.ndarray]:
        """Slug -> the rows of each province's, sector's or national union's initiatives (`by_province`…)."""
        if kind not in self._rows:
            entries, groups = self._entries(kind), self.columns.groups(self._column(kind))
            self._rows[kind] = {entries[g].slug: rows for g, rows in groups.items() if entries[g]}  # not `national`
        return self._rows[kind]

    @cached_property
    def _rows(self) -> dict[str, dict[str, np.ndarray]]:
        return {}

    def digest_of(self, rows: np.ndarray) -> str:
        """Of these rows' records: what a page listing them is made from."""
        return digest_bytes(self.columns.digest[rows].tobytes())

    def _grouped(self, kind: str) -> dict[str, list[Initiative]]:
        return {slug: self.at(rows) for slug, rows in self.rows_of(kind).items()}

    def at(self, rows: np.ndarray) -> list[Initiative]:
        """The initiatives of these rows: a worker that picks a few by the columns leaves the others' memory as it
        is (each object it touches, its reference count written, is copied out of what it shares)."""
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
        c, tax = self.columns, self.taxonomy
        sums, names = c.tallies(c.org, len(c.orgs)), c.spellings()
        provinces, sectors = c.ranked(c.org, c.province), c.ranked(c.org, c.sector)
        unions = c.ranked(c.org, np.where(c.province < 0, c.union, -1))  # a record naming no province: its union's
        out = []
        for code, rows in c.groups(c.org).items():
            items = self.at(rows)
            kind = cast(str, items[0].organization_kind)  # every record of one has its name
            out.append(Organization(
                c.orgs[code], names[code], kind, items, Tally(*sums[code]),
                [tax.provinces[k] for k in provinces.get(code, [])], [tax.sectors[k] for k in sectors[code]],
                [tax.national_unions[k].name for k in unions.get(code, [])], self.digest_of(rows),
            ))  # fmt: skip
        out.sort(key=lambda o: (-len(o.initiatives), o.name))
        return out

    def organization_of(self, i: Initiative) -> Organization | None:
        return self._organizations_by_key.get(i.organization_key) if i.organization_key else None

    @cached_property
    def _organizations_by_key(self) -> dict[str, Organization]:
        return {o.key: o for o in self.organizations}

    def stories_in(self, key: str, value: str) -> list[Story]:
        """Stories about a province, sector or union: set on the story, or on an initiative it tells."""
        return list(self._stories_about.get((key, value), ()))

    @cached_property
    def _stories_about(self) -> dict[tuple[str, str], list[Story]]:
        """(province, sector or union, its slug) -> `stories_in`; asked by every hub."""
        out: dict[tuple[str, str], list[Story]] = defaultdict(list)
        for s in self.stories:
            for key in ("province", "sector", "union"):
                own = getattr(s, key, None)  # a story names a province or sector, never a union
                slugs = {own.slug} if own is not None else set()
                slugs |= {getattr(i, key).slug for i in s.initiatives if getattr(i, key) is not None}
                for value in sorted(slugs):
                    out[key, value].append(s)
        return out


def story_slug(stem: str) -> str:
    """The address of a story, from its file name; empty when the name has no letter or digit."""
    return slug(one_line(stem))
