"""Which pages the site has: one `Page` per URL, with the template and data that make it.

Pure model -> page descriptions; nothing here knows about Markdown files or the site engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from functools import partial

import numpy as np

from generator import routes
from generator.catalogue import figures as stats
from generator.catalogue.model import NATIONAL_UNITS, Catalogue, Initiative, Organization, Tally
from generator.common import formatting
from generator.common.digest import digest, digest_bytes
from generator.config import Config
from generator.media.cards import Card
from generator.pages import descriptions
from generator.pages.page import Later, Page
from generator.pages.pagination import Pager, paginate
from generator.render import citation, linked_data

_LISTED = ("navigation", "toc")  # what list and record pages hide of the theme
_HUB_KINDS = {"province": "Tỉnh, thành", "sector": "Lĩnh vực", "union": "Đơn vị trung ương"}  # on share cards


def all_pages(
    cat: Catalogue,
    config: Config = Config(),
    data: Callable[[], tuple[list[dict], dt.date]] | None = None,
    feeds: list | None = None,
    later: bool = False,
    keys: Callable[[int], str] | None = None,
) -> Iterator[Page | Later]:
    """Every page of the site. `data`: what gives the open data's files and its publication day, asked for by
    the data page alone, near the end (their writer may still be at work); `feeds`: the feeds, as listed for
    the pages that link them (outputs/feeds.py). `later`: initiatives' and organisations' pages as `Later`, made
    only if rendered; `keys`: what gives an initiative's page key by row, when it is worked out elsewhere
    (`initiative_keys`). No two pages have one address."""
    seen: set[str] = set()
    pages = _pages(cat, config, data or (lambda: ([], dt.date.today())), _Feeds(feeds or []), later, keys)
    for page in pages:
        if page.url in seen:
            # The loader leaves out every record whose address clashes (catalogue/addresses.py): this is a bug, and
            # stopping here keeps the previous site rather than one page written over another.
            raise ValueError(f"hai trang cùng địa chỉ {page.url}")
        seen.add(page.url)
        yield page


class _Feeds:
    """The feeds written, found by what they follow: the site's two, or a province's or the national units'."""

    def __init__(self, feeds: list[dict]):
        self.all = feeds
        self.by_path = {f["path"]: (f["path"], f["title"]) for f in feeds}
        self.by_scope = {f["scope"]: (f["path"], f["title"]) for f in feeds if f.get("scope")}

    def site(self, *sections: str) -> tuple[tuple[str, str], ...]:
        return tuple(self.by_path[p] for p in map(routes.feed, sections) if p in self.by_path)

    def of(self, scope: str) -> tuple[tuple[str, str], ...]:
        return (self.by_scope[scope],) if scope in self.by_scope else ()


def _pages(
    cat: Catalogue,
    config: Config,
    data: Callable[[], tuple[list[dict], dt.date]],
    feeds: _Feeds,
    later: bool,
    keys: Callable[[int], str] | None,
):
    site, lists = config.site, config.lists
    base_url = site.public_url
    provinces, sectors, national = province_rows(cat), sector_rows(cat), national_row(cat)  # each summed once
    yield home(cat, config, feeds.site(routes.INITIATIVES, routes.STORIES), provinces, national, sectors)
    hubs = [
        ("province", routes.PROVINCES, "Sáng kiến theo tỉnh, thành", "tỉnh, thành", provinces, cat.by_province),
        ("sector", routes.SECTORS, "Sáng kiến theo lĩnh vực", "lĩnh vực (VSIC 2018)", sectors, cat.by_sector),
        ("union", routes.UNIONS, "Sáng kiến của đơn vị trung ương",
         "công đoàn ngành trung ương, tập đoàn, tổng công ty", union_rows(cat), cat.by_union),
    ]  # fmt: skip
    for kind, section, title, what, rows, grouped in hubs:
        listed = feeds.of(routes.UNIONS) if kind == "union" else feeds.site(routes.INITIATIVES)
        description = descriptions.overview(rows, what)
        yield Page(
            routes.section(section),
            f"{kind}s.md.j2",
            title,
            description,
            {"rows": rows, "national": national},
            feeds=listed,
        )
        for row in rows:
            entry = row["entry"]
            own = feeds.of(entry.slug) if kind == "province" else ()
            items = grouped.get(entry.slug, [])
            yield from hub_pages(cat, kind, entry, items, row["url"], config, own, row["figures"])
    yield Page(
        routes.section(routes.STORIES),
        "stories.md.j2",
        "Câu chuyện sáng kiến",
        descriptions.stories(cat.stories),
        {"stories": cat.stories},
        feeds=feeds.site(routes.STORIES),
    )
    for story in cat.stories:
        yield Page(
            story.url,
            "story.md.j2",
            story.record.title,
            descriptions.clip(story.record.summary),
            {"story": story, "ld": partial(linked_data.story, story, base_url, routes.card(story.url), site.publisher)},
            card=Card(
                story.record.title, "Câu chuyện", _place(story.province.name if story.province else None, story.sector)
            ),
            image=routes.card(story.url),
            og_type="article",
            feeds=feeds.site(routes.STORIES),
            date=story.record.date,
            hide=_LISTED,
            bulk=True,
            key=_story_key(story),
        )
    yield Page(
        routes.section(routes.INITIATIVES),
        "initiatives.md.j2",
        "Sáng kiến",
        descriptions.initiatives(len(cat.initiatives), cat.initiatives[0] if cat.initiatives else None),
        {"total": len(cat.initiatives), "newest": cat.initiatives[: lists.newest_on_index]},
        feeds=feeds.site(routes.INITIATIVES),
    )
    if later:
        yield from initiative_laters(cat, base_url, keys)
    else:
        yield from (initiative_page(cat, i, base_url) for i in cat.initiatives)
    yield from organization_pages(cat, config, later)
    figures = stats.compute(cat)
    charts = stats.statistics_charts(figures)
    yield Page(
        routes.section(routes.STATISTICS),
        "statistics.md.j2",
        "Thống kê",
        descriptions.statistics(cat.totals),
        {"figures": figures, "totals": cat.totals, "charts": {c.name: c for c in charts}, "base_url": base_url},
        hide=_LISTED,
        charts=tuple(charts),
    )
    yield Page(
        routes.section(routes.PRESS),
        "press.md.j2",
        "Dành cho báo chí",
        "Gợi ý đề tài, số liệu, ảnh được phép dùng, cách trích dẫn và đầu mối liên hệ.",
        {
            "featured": [s for s in cat.stories if s.record.featured] or cat.stories[:3],
            "top": cat.most_benefit(lists.press_leads),
            "newest": cat.initiatives[: lists.press_leads],
            "by_province": _province_leads(cat, figures),
            "contacts": site.press_contacts,
            "publisher": site.publisher,
            "base_url": base_url,
            "feeds": feeds.all,
            "example": citation.initiative(cat.initiatives[0], site) if cat.initiatives else None,
        },
        hide=_LISTED,  # its headings are the page's own HTML: the theme's table of contents would be empty
    )
    yield data_page(cat, config, *data(), feeds.all)
    yield Page(
        routes.section(routes.LICENCE),
        "licence.md.j2",
        "Giấy phép dữ liệu và ảnh",
        f"Được dùng lại dữ liệu mở của {site.name} theo {site.licence.name} thế nào, ghi nguồn ra sao, "
        "và điều giấy phép không bao gồm: ảnh, dữ liệu cá nhân.",
        {"licence": site.licence, "publisher": site.publisher, "base_url": base_url},
        hide=_LISTED,
    )
    yield Page(
        routes.section(routes.ABOUT),
        "about.md.j2",
        "Giới thiệu",
        "Về phong trào và trang giới thiệu sáng kiến.",
        {"programmes": cat.taxonomy.programmes, "contact": site.takedown_contact},
    )
    yield Page(
        routes.section(routes.SEARCH),
        "search.md.j2",
        "Tìm sáng kiến",
        "Tìm trong mọi sáng kiến và câu chuyện đã công bố, theo từ khóa, tỉnh, lĩnh vực, năm.",
        {},
        hide=_LISTED,
    )
    yield Page(
        routes.section(routes.TAKEDOWN),
        "takedown.md.j2",
        "Đề nghị gỡ thông tin",
        "Cách đề nghị gỡ tên, ảnh hoặc thông tin cá nhân khỏi trang.",
        {"contact": site.takedown_contact},
    )


def data_page(cat: Catalogue, config: Config, files: list[dict], published: dt.date, feeds: list[dict]) -> Page:
    """The open data: its files by scope and format, the dictionary, the licence, and its Dataset description."""
    from generator.outputs import dictionary

    site = config.site
    days = cat.columns.day
    scopes: dict = {}
    for f in files:
        scopes.setdefault(f["province"], []).append(f)
    return Page(
        routes.section(routes.DATA),
        "data.md.j2",
        "Dữ liệu mở",
        "Mọi sáng kiến đã công bố, dạng Excel, CSV và JSON, toàn quốc và từng tỉnh, kèm từ điển dữ liệu.",
        {
            "scopes": [{"name": name, "files": group} for name, group in scopes.items()],
            "feeds": feeds,
            "fields": dictionary.FIELDS,
            "note": dictionary.FROM_THE_PUBLIC,
            "total": len(cat.initiatives),
            "licence": site.licence,
            "publisher": site.publisher,
            "date": published,
            "ld": partial(
                linked_data.dataset,
                files,
                site.public_url,
                site,
                published,
                dt.date.fromordinal(int(days.min())) if len(days) else None,
                dt.date.fromordinal(int(days.max())) if len(days) else None,
                routes.section(routes.DATA),
                routes.section(routes.LICENCE),
            ),
        },
        hide=_LISTED,
    )


def home(
    cat: Catalogue, config: Config, feeds: tuple, provinces: list[dict], national: dict, sectors: list[dict]
) -> Page:
    """The figures, the latest initiatives and stories, and the provinces' and sectors' rows (`province_rows`…)."""
    featured = [s for s in cat.stories if s.record.featured] or cat.stories
    return Page(
        routes.HOME,
        "home.md.j2",
        config.site.name,
        descriptions.home(cat.totals, config.site.publisher),
        {
            "totals": cat.totals,
            "stories": featured[:3],
            "newest": cat.initiatives[: config.lists.newest_on_home],
            "provinces": provinces,
            "national": national,
            "sectors": sectors,
        },
        hide=_LISTED,
        feeds=feeds,
    )


def hub_pages(
    cat: Catalogue,
    kind: str,
    entry,
    items: list[Initiative],
    base_url: str,
    config: Config,
    feeds: tuple,
    figures: Tally,
):
    """A province, sector or national union: its figures (from its row), stories, and its initiatives a page at a
    time."""
    name = entry.label if kind == "sector" else entry.name
    stories = cat.stories_in(kind, entry.slug)
    common = [kind, entry.slug, name, figures, [s.digest for s in stories], digest(config.site)]
    card = Card(
        name,
        _HUB_KINDS[kind],
        f"{formatting.number(figures.initiatives)} sáng kiến được công nhận",
        _benefit(figures.benefit_vnd),
    )
    chart = stats.hub_chart(cat, kind, entry.slug, name, base_url)
    shown = (chart,) if chart else ()
    described = descriptions.hub(kind, name, figures, _shares(cat, kind, entry.slug))
    rows = cat.rows_of(kind).get(entry.slug, np.zeros(0, dtype=np.int64))  # of `items`
    for pager, chunk in paginate(items, config.lists.page_size, base_url):
        first = pager.number == 1
        yield Page(
            pager.url(pager.number),
            "hub.md.j2",
            pager.title(name),
            descriptions.paged(described, pager.number, pager.count),
            {
                "kind": kind,
                "entry": entry,
                "name": name,
                "figures": figures,
                "items": chunk,
                "stories": stories if first else [],
                "chart": chart if first else None,
                "pager": pager,
                "first": pager.first,
                "base_url": config.site.public_url,
            },
            hide=_LISTED,
            bulk=True,
            key=_key(
                "hub",
                *common,
                pager.number,
                pager.count,
                cat.digest_of(rows[pager.first : pager.first + len(chunk)]),
                first and chart and [(r.label, r.count, r.benefit_vnd) for r in chart.rows],
            ),
            card=card if first else None,
            image=routes.card(base_url),
            feeds=feeds,
            charts=shown if first else (),
        )


def _shares(cat: Catalogue, kind: str, slug: str) -> dict[str, int]:
    """How many of a hub's initiatives are in each sector (a province's, a union's) or place (a sector's)."""
    inner = "place" if kind == "sector" else "sector"
    named = (lambda e: e.name) if kind == "sector" else (lambda e: e.label)
    return {named(e): part.count for e, part in cat.breakdown(kind, inner).get(slug, [])}


def initiative_laters(cat: Catalogue, base_url: str, keys: Callable[[int], str] | None = None) -> Iterator[Later]:
    """What `initiative_page` would give of each initiative, bar the page itself (a tenth of its cost), from the
    catalogue's columns: workers forked from this process share its records' memory, which reading 10^5 of them
    would copy. A page's key is worked out when asked, once the related initiatives are chosen; `keys`: what gives
    it by row, if worked out elsewhere."""
    c = cat.columns
    for n, (url, day) in enumerate(zip(c.urls.tolist(), c.day.tolist(), strict=True)):
        address, key = url.decode(), partial(keys, n) if keys else partial(_initiative_key_at, cat, n)
        yield Later(address, key, partial(_initiative_page_at, cat, n, base_url), routes.card(address),
                    dt.date.fromordinal(day), "article", partial(_initiative_card_at, cat, n))  # fmt: skip


def _initiative_key_at(cat: Catalogue, n: int) -> str:
    return _initiative_key(cat, cat.initiatives[n])


def _initiative_page_at(cat: Catalogue, n: int, base_url: str) -> Page:
    return initiative_page(cat, cat.initiatives[n], base_url)


def _initiative_card_at(cat: Catalogue, n: int) -> Card:
    return initiative_card(cat.initiatives[n])


def _initiative_key(cat: Catalogue, i: Initiative) -> str:
    org, id_ = cat.organization_of(i), i.id
    stories = [s.digest for s in cat.stories_of.get(id_, ())]
    related = [r.digest for r in cat.related.get(id_, ())]
    return _key_of(i.digest, stories, related, [org.url, org.name] if org else [])


def _key_of(mine: str, stories: list[str], related: list[str], where: list[str]) -> str:
    """An initiative page's key. The related initiatives' digests are in it: a page is rendered again when its
    list, or a record on it, changes. Worked out for 10^5 pages a build, from strings alone; the one free text, the
    organisation's name, comes last, so no name can pass for other parts."""
    parts = ["initiative", mine, str(len(stories)), *stories, str(len(related)), *related, *where]
    return digest_bytes("\0".join(parts).encode())


def initiative_keys(cat: Catalogue, related: dict[int, tuple[int, ...]]) -> list[str]:
    """`_initiative_key` of every initiative, in catalogue order, its related ones given as rows: from the
    catalogue's columns, for a worker that reads no record (each one touched would be copied out of the memory it
    shares with the build)."""
    c = cat.columns
    digests = [d.decode() for d in c.digest.tolist()]
    by_key = {o.key: o for o in cat.organizations}
    where = [[o.url, o.name] for o in map(by_key.__getitem__, c.orgs)]
    told = cat.stories_of
    ids = [x.decode() for x in c.ids.tolist()]
    stories = {row: [s.digest for s in told[x]] for row, x in enumerate(ids) if x in told}
    return [
        _key_of(mine, stories.get(row, []), [digests[r] for r in related.get(row, ())], where[org] if org >= 0 else [])
        for row, (mine, org) in enumerate(zip(digests, c.org.tolist(), strict=True))
    ]


def initiative_page(cat: Catalogue, i: Initiative, base_url: str) -> Page:
    stories = cat.stories_of.get(i.id, [])
    org = cat.organization_of(i)
    related = cat.related.get(i.id, ())
    image = routes.card(i.url)
    return Page(
        i.url,
        "initiative.md.j2",
        i.record.title,
        descriptions.clip(i.record.summary),
        {
            "i": i,
            "stories": stories,
            "recognition": cat.taxonomy.recognition,
            "org": org,
            "related": related,
            "base_url": base_url,
            "ld": partial(linked_data.initiative, i, org, base_url, image),
        },
        hide=_LISTED,
        bulk=True,
        key=_initiative_key(cat, i),
        card=initiative_card(i),
        image=image,
        og_type="article",
        date=i.record.approved_on,
    )


def initiative_card(i: Initiative) -> Card:
    return Card(i.title, "Sáng kiến", _place(i.place, i.sector), _benefit(i.benefit_vnd))


def organization_pages(cat: Catalogue, config: Config, later: bool = False):
    """Rankings by number of initiatives and by benefit, the latter also within each sector and province, then
    one page (or more) per organisation."""
    orgs = cat.organizations
    by_sector, by_province = stats.organization_rankings(cat)
    filters = {
        "sectors": [(r.label, r.url) for r in by_sector],
        "provinces": [(r.label, r.url) for r in by_province],
    }
    rankings: list[tuple[str, str, tuple[str, str] | None, list[stats.Ranked]]] = [
        (routes.section(routes.ORGANIZATIONS), "Đơn vị áp dụng", None, [_whole(o) for o in orgs]),
        (
            routes.ORGANIZATIONS_BY_BENEFIT,
            "Đơn vị áp dụng theo giá trị làm lợi",
            None,
            sorted((_whole(o) for o in orgs), key=lambda r: (-r.benefit_vnd, r.org.name)),
        ),
    ]
    rankings += [(r.url, f"Đơn vị áp dụng trong lĩnh vực {r.label}", ("sector", r.label), r.rows) for r in by_sector]
    rankings += [(r.url, f"Đơn vị áp dụng ở {r.label}", ("province", r.label), r.rows) for r in by_province]
    for base, title, within, ranked in rankings:
        for pager, chunk in paginate(ranked, config.lists.organizations_page_size, base):
            yield Page(
                pager.url(pager.number),
                "organizations.md.j2",
                pager.title(title),
                descriptions.organizations(
                    len(ranked),
                    base != routes.section(routes.ORGANIZATIONS),
                    pager.first,
                    len(chunk),
                    pager.number,
                    pager.count,
                    within,
                ),
                {
                    "rows": chunk,
                    "first": pager.first,
                    "total": len(ranked),
                    "pager": pager,
                    "by_benefit": base != routes.section(routes.ORGANIZATIONS),
                    "within": within,
                    "filters": filters,
                },
                hide=_LISTED,
                bulk=True,
                key=_key(
                    "orgs",
                    base,
                    within,
                    filters,
                    pager.number,
                    pager.count,
                    len(ranked),
                    [(r.org.key, r.org.name, r.org.places, r.count, r.benefit_vnd) for r in chunk],
                ),
            )
    for o in orgs:
        yield from organization_page(o, config, later)


def _whole(o: Organization) -> stats.Ranked:
    return stats.Ranked(o, len(o.initiatives), o.benefit_vnd)


def organization_page(o: Organization, config: Config, later: bool = False) -> Iterator[Page | Later]:
    """Its figures, places, sectors and initiatives, a page at a time (`later`: as `Later` pages)."""
    for pager, chunk in paginate(o.initiatives, config.lists.page_size, o.url):
        url, image = pager.url(pager.number), routes.card(o.url)
        # Its records' digests cover what the page shows of them: its figures, places and sectors.
        key = _key("org", o.key, o.name, o.kind, pager.number, pager.count, o.digest)
        if later:
            first = pager.number == 1
            make = partial(_organization_page, o, config, pager, chunk, key)
            yield Later(url, key, make, image, draw=partial(_organization_card, o) if first else None)
        else:
            yield _organization_page(o, config, pager, chunk, key)


def _organization_page(o: Organization, config: Config, pager: Pager, chunk, key: str) -> Page:
    figures = o.figures
    return Page(
        pager.url(pager.number),
        "organization.md.j2",
        pager.title(o.name),
        descriptions.paged(descriptions.organization(o), pager.number, pager.count),
        {
            "o": o,
            "figures": figures,
            "items": chunk,
            "pager": pager,
            "first": pager.first,
            "ld": partial(linked_data.organization, o, config.site.public_url),
        },
        hide=_LISTED,
        bulk=True,
        key=key,
        card=_organization_card(o) if pager.number == 1 else None,
        image=routes.card(o.url),
    )


def _organization_card(o: Organization) -> Card:
    return Card(o.name, "Đơn vị áp dụng", " · ".join(o.places[:3]), _benefit(o.figures.benefit_vnd))


def _province_leads(cat: Catalogue, figures) -> list[dict]:
    """For each province with initiatives (and the national units): its count and its initiative with the
    largest benefit."""
    listed = {routes.province(slug): rows for slug, rows in cat.rows_of("province").items()}
    listed[routes.section(routes.UNIONS)] = cat.national_rows
    out = []
    for row in figures.ranked("provinces"):
        rows = listed.get(row.url)
        if rows is not None and len(rows):
            out.append({"row": row, "lead": cat.largest_benefit(rows)})
    return out


def _place(place, sector) -> str:
    """ "Nghệ An · Chế biến, chế tạo": a place (a name, or None) and a sector, each when given."""
    return " · ".join(x for x in (place, sector and sector.label) if x)


def _benefit(vnd: int | None) -> str:
    return f"Làm lợi {formatting.money_short(vnd)}/năm" if vnd else ""


def _story_key(story) -> str:
    """What a story's page shows: its file and cover (its digest), and the initiatives it tells of."""
    return _key("story", story.digest, *(i.digest for i in story.initiatives))


def _key(*parts) -> str:
    """Templates, taxonomies and the page shell are not in here: they are part of the build's generation."""
    return digest(*parts)


def province_rows(cat: Catalogue) -> list[dict]:
    figures = cat.figures_by("province")
    return [_row(p, p.name, routes.province(p.slug), figures[p.slug]) for p in cat.taxonomy.provinces]


def union_rows(cat: Catalogue) -> list[dict]:
    """Every national union, with what it issued (with a province or without), most initiatives first."""
    figures = cat.figures_by("union")
    rows = [_row(u, u.name, routes.union(u.slug), figures[u.slug]) for u in cat.taxonomy.national_unions]
    return sorted(rows, key=lambda r: (-r["count"], r["name"]))


def national_row(cat: Catalogue) -> dict:
    """The national units' initiatives that name no province, as a row beside the provinces."""
    return _row(None, NATIONAL_UNITS, routes.section(routes.UNIONS), cat.national_figures)


def sector_rows(cat: Catalogue) -> list[dict]:
    figures = cat.figures_by("sector")
    return [_row(s, s.label, routes.sector(s.slug), figures[s.slug]) for s in cat.taxonomy.sectors]


def _row(entry, name: str, url: str, figures: Tally) -> dict:
    return {
        "entry": entry,
        "name": name,
        "url": url,
        "count": figures.initiatives,
        "benefit_vnd": figures.benefit_vnd,
        "figures": figures,
    }
