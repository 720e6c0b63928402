"""Which pages the site has: one `Page` per URL, with the template and data that make it.

Pure model -> page descriptions; nothing here knows about Markdown files or the site engine.
"""

from __future__ import annotations

import hashlib
from functools import partial
from dataclasses import dataclass, field
from math import ceil

from generator.common import formatting
from generator.render import linked_data
from generator import routes
from generator.catalogue import figures as stats
from generator.media.cards import DEFAULT_IMAGE, Card
from generator.catalogue.model import Catalogue, Initiative, Organization

CARD = "the-chia-se.png"  # a page's share card, in its own folder

PAGE_SIZE = 24
ORG_PAGE_SIZE = 50  # rows of the organisation rankings
LEADS = 10  # initiatives in each list of the press corner
PUBLISHER = "Tổng Liên đoàn Lao động Việt Nam"
PRESS_CONTACTS = [  # the union's press office; each initiative page also names its own press contact
    {"name": "Ban Tuyên giáo Tổng Liên đoàn Lao động Việt Nam", "email": "baochi@example.org"},
]
NEWEST_ON_HOME = 12
NEWEST_ON_INDEX = 48
TAKEDOWN_CONTACT = "baochi@example.org"


@dataclass
class Page:
    url: str  # "" for home, else "a/b/" (directory style)
    template: str
    title: str
    description: str = ""
    context: dict = field(default_factory=dict)
    hide: tuple[str, ...] = ("navigation",)
    # Bulk pages (records and long lists, 10^5 of them) are pure HTML and skip the site engine's
    # per-page work: they are poured into a page shell the engine renders once per section.
    bulk: bool = False
    # Digest of everything a bulk page is made from: an unchanged key lets a warm build keep the page.
    key: str = ""
    card: Card | None = None  # its own share card, drawn at `image`
    image: str = DEFAULT_IMAGE  # the share card shown for it (its own, its list's, or the site's)
    og_type: str = "website"

    @property
    def section(self) -> str:
        return self.url.split("/", 1)[0]


@dataclass(frozen=True)
class Pager:
    """One page of a long list, with links to its neighbours."""

    number: int
    count: int
    base_url: str

    def url(self, number: int) -> str:
        return self.base_url if number == 1 else f"{self.base_url}{routes.PAGER}/{number}/"

    @property
    def numbers(self) -> list[int | None]:
        """Page numbers to show: first, last, and two either side of this one; None marks a gap."""
        keep = {1, self.count} | set(range(self.number - 2, self.number + 3))
        out: list[int | None] = []
        for n in range(1, self.count + 1):
            if n in keep:
                out.append(n)
            elif out and out[-1] is not None:
                out.append(None)
        return out


def all_pages(cat: Catalogue, base_url: str = "/", data_files: list | None = None, feeds: list | None = None):
    """`base_url` is the public address (absolute links in linked data); `data_files` and `feeds` are what the
    open-data and feed writers produced, for the pages that list them. No two pages have one address."""
    seen: set[str] = set()
    for page in _pages(cat, base_url, data_files, feeds):
        if page.url in seen:
            # The loader leaves out every record whose address clashes (routes.conflicts): this is a bug, and
            # stopping here keeps the previous site rather than one page written over another.
            raise ValueError(f"hai trang cùng địa chỉ {page.url}")
        seen.add(page.url)
        yield page


def _pages(cat: Catalogue, base_url: str, data_files: list | None, feeds: list | None):
    yield home(cat)
    yield Page("tinh-thanh/", "provinces.md.j2", "Sáng kiến theo tỉnh, thành",
               "34 tỉnh, thành phố và các sáng kiến được công nhận ở từng nơi.",
               {"rows": province_rows(cat)})
    for p in cat.taxonomy.provinces:
        yield from hub_pages(cat, "province", p, cat.by_province.get(p.slug, []), f"tinh-thanh/{p.slug}/")
    yield Page("linh-vuc/", "sectors.md.j2", "Sáng kiến theo lĩnh vực",
               "Các ngành kinh tế theo Hệ thống ngành kinh tế Việt Nam (VSIC 2018).",
               {"rows": sector_rows(cat)})
    for s in cat.taxonomy.sectors:
        yield from hub_pages(cat, "sector", s, cat.by_sector.get(s.slug, []), f"linh-vuc/{s.slug}/")
    yield Page("cau-chuyen/", "stories.md.j2", "Câu chuyện sáng kiến",
               "Những câu chuyện về người lao động và sáng kiến của họ.", {"stories": cat.stories})
    for s in cat.stories:
        yield Page(s.url, "story.md.j2", s.record.title, s.record.summary,
                   {"story": s, "ld": partial(linked_data.story, s, base_url, s.url + CARD, PUBLISHER)}, hide=("navigation",),
                   card=Card(s.record.title, "Câu chuyện", _place(s.province, s.sector)), image=s.url + CARD,
                   og_type="article")
    yield Page("sang-kien/", "initiatives.md.j2", "Sáng kiến", "Những sáng kiến mới được công nhận.",
               {"total": len(cat.initiatives), "newest": cat.initiatives[:NEWEST_ON_INDEX]})
    for i in cat.initiatives:
        yield initiative_page(cat, i, base_url)
    yield from organization_pages(cat, base_url)
    figures = stats.compute(cat)
    yield Page("thong-ke/", "statistics.md.j2", "Thống kê",
               "Sáng kiến và giá trị làm lợi theo tỉnh, thành, lĩnh vực, năm và cấp công nhận.",
               {"figures": figures, "totals": cat.totals}, hide=("navigation", "toc"))
    yield Page("bao-chi/", "press.md.j2", "Dành cho báo chí",
               "Gợi ý đề tài, số liệu, ảnh được phép dùng, cách trích dẫn và đầu mối liên hệ.",
               {"featured": [s for s in cat.stories if s.record.featured] or cat.stories[:3],
                "top": sorted(cat.initiatives, key=lambda i: -(i.record.benefit_vnd or 0))[:LEADS],
                "newest": cat.initiatives[:LEADS], "by_province": _province_leads(cat, figures),
                "contacts": PRESS_CONTACTS, "publisher": PUBLISHER, "base_url": base_url,
                "feeds": feeds or []})
    yield Page("du-lieu/", "data.md.j2", "Dữ liệu mở",
               "Mọi sáng kiến đã công bố, dạng CSV và JSON, toàn quốc và từng tỉnh, kèm từ điển dữ liệu.",
               {"files": data_files or [], "feeds": feeds or [], "base_url": base_url, "fields": _fields(),
                "total": len(cat.initiatives),
                "date": cat.initiatives[0].record.approved_on if cat.initiatives else None})
    yield Page("gioi-thieu/", "about.md.j2", "Giới thiệu",
               "Về phong trào và trang giới thiệu sáng kiến.",
               {"programmes": cat.taxonomy.programmes, "contact": TAKEDOWN_CONTACT})
    yield Page("tim-kiem/", "search.md.j2", "Tìm sáng kiến",
               "Tìm trong mọi sáng kiến và câu chuyện đã công bố, theo từ khóa, tỉnh, lĩnh vực, năm.", {},
               hide=("navigation", "toc"))
    yield Page("de-nghi-go/", "takedown.md.j2", "Đề nghị gỡ thông tin",
               "Cách đề nghị gỡ tên, ảnh hoặc thông tin cá nhân khỏi trang.", {"contact": TAKEDOWN_CONTACT})


def home(cat: Catalogue) -> Page:
    featured = [s for s in cat.stories if s.record.featured] or cat.stories
    return Page("", "home.md.j2", "Một triệu sáng kiến",
                "Những sáng kiến của người lao động Việt Nam được công nhận trong phong trào thi đua "
                "của Tổng Liên đoàn Lao động Việt Nam.",
                {"totals": cat.totals, "stories": featured[:3], "newest": cat.initiatives[:NEWEST_ON_HOME],
                 "provinces": province_rows(cat), "sectors": sector_rows(cat)},
                hide=("navigation", "toc"))


def hub_pages(cat: Catalogue, kind: str, entry, items: list[Initiative], base_url: str):
    """A province or sector: figures, stories, and its initiatives in pages of PAGE_SIZE."""
    count = max(1, ceil(len(items) / PAGE_SIZE))
    name = entry.name if kind == "province" else entry.label
    figures = {
        "initiatives": len(items),
        "benefit_vnd": sum(i.record.benefit_vnd or 0 for i in items),
        "organizations": len({i.organization_key for i in items if i.organization_key}),
    }
    stories = cat.stories_in(kind, entry.slug)
    common = [kind, entry.slug, name, figures, [s.digest for s in stories]]
    card = Card(name, "Tỉnh, thành" if kind == "province" else "Lĩnh vực",
                f"{formatting.number(figures['initiatives'])} sáng kiến được công nhận", _benefit(figures["benefit_vnd"]))
    for number in range(1, count + 1):
        pager = Pager(number, count, base_url)
        title = name if number == 1 else f"{name} – trang {number}"
        chunk = items[(number - 1) * PAGE_SIZE: number * PAGE_SIZE]
        yield Page(pager.url(number), "hub.md.j2", title,
                   f"Sáng kiến của người lao động: {name}.",
                   {"kind": kind, "entry": entry, "name": name, "figures": figures, "items": chunk,
                    "stories": stories if number == 1 else [], "pager": pager, "first": (number - 1) * PAGE_SIZE},
                   hide=("navigation", "toc"), bulk=True,
                   key=_key("hub", *common, number, count, [i.digest for i in chunk]),
                   card=card if number == 1 else None, image=base_url + CARD)


def initiative_page(cat: Catalogue, i: Initiative, base_url: str = "/") -> Page:
    stories = cat.stories_of.get(i.id, [])
    org = cat.organization_of.get(i.id)
    image = i.url + CARD
    return Page(i.url, "initiative.md.j2", i.record.title, i.record.summary,
                {"i": i, "stories": stories, "recognition": cat.taxonomy.recognition, "org": org,
                 "base_url": base_url, "ld": partial(linked_data.initiative, i, org, base_url, image)},
                hide=("navigation", "toc"), bulk=True,
                key=_key("initiative", i.digest, [s.digest for s in stories], org and (org.name, org.url)),
                card=Card(i.record.title, "Sáng kiến", _place(i.province, i.sector), _benefit(i.record.benefit_vnd)),
                image=i.url + CARD, og_type="article")


def organization_pages(cat: Catalogue, base_url: str):
    """Rankings by number of initiatives and by benefit, then one page (or more) per organisation."""
    orgs = cat.organizations
    by_benefit = sorted(orgs, key=lambda o: (-o.benefit_vnd, o.name))
    for base, title, ranked in (("don-vi/", "Đơn vị áp dụng", orgs),
                                (f"don-vi/{routes.BY_BENEFIT}/", "Đơn vị áp dụng theo giá trị làm lợi", by_benefit)):
        count = max(1, ceil(len(ranked) / ORG_PAGE_SIZE))
        for number in range(1, count + 1):
            chunk = ranked[(number - 1) * ORG_PAGE_SIZE: number * ORG_PAGE_SIZE]
            yield Page(Pager(number, count, base).url(number), "organizations.md.j2",
                       title if number == 1 else f"{title} – trang {number}",
                       "Doanh nghiệp, cơ quan, trường học, bệnh viện có sáng kiến được công nhận.",
                       {"rows": chunk, "first": (number - 1) * ORG_PAGE_SIZE, "total": len(ranked),
                        "pager": Pager(number, count, base), "by_benefit": ranked is by_benefit},
                       hide=("navigation", "toc"), bulk=True,
                       key=_key("orgs", base, number, count, len(ranked),
                                [(o.key, o.name, len(o.initiatives), o.benefit_vnd) for o in chunk]))
    for o in orgs:
        yield from organization_page(o, base_url)


def organization_page(o: Organization, base_url: str):
    items = o.initiatives
    count = max(1, ceil(len(items) / PAGE_SIZE))
    figures = {"initiatives": len(items), "benefit_vnd": o.benefit_vnd}
    card = Card(o.name, "Đơn vị áp dụng", " · ".join(p.name for p in o.provinces[:3]),
                _benefit(o.benefit_vnd))
    for number in range(1, count + 1):
        pager = Pager(number, count, o.url)
        chunk = items[(number - 1) * PAGE_SIZE: number * PAGE_SIZE]
        yield Page(pager.url(number), "organization.md.j2", o.name if number == 1 else f"{o.name} – trang {number}",
                   f"Sáng kiến của người lao động tại {o.name}.",
                   {"o": o, "figures": figures, "items": chunk, "pager": pager, "first": (number - 1) * PAGE_SIZE,
                    "ld": partial(linked_data.organization, o, base_url)},
                   hide=("navigation", "toc"), bulk=True,
                   key=_key("org", o.key, o.name, o.kind, figures, [p.slug for p in o.provinces],
                            [s.slug for s in o.sectors], number, count, [i.digest for i in chunk]),
                   card=card if number == 1 else None, image=o.url + CARD)


def _fields() -> list:
    from generator.outputs.open_data import FIELDS

    return FIELDS


def _province_leads(cat: Catalogue, figures) -> list[dict]:
    """For each province with initiatives: its count and its initiative with the largest benefit."""
    out = []
    for row in figures.ranked("provinces"):
        items = cat.by_province.get(row.url.split("/")[1], [])
        if items:
            out.append({"row": row, "lead": max(items, key=lambda i: (i.record.benefit_vnd or 0, i.id))})
    return out


def _place(province, sector) -> str:
    return " · ".join(x for x in (province and province.name, sector and sector.label) if x)


def _benefit(vnd: int | None) -> str:
    return f"Làm lợi {formatting.money_short(vnd)}/năm" if vnd else ""


def _key(*parts) -> str:
    """Templates, taxonomies and the page shell are not in here: they are part of the build's generation."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def province_rows(cat: Catalogue) -> list[dict]:
    return [_row(p, p.name, f"tinh-thanh/{p.slug}/", cat.by_province.get(p.slug, []))
            for p in cat.taxonomy.provinces]


def sector_rows(cat: Catalogue) -> list[dict]:
    return [_row(s, s.label, f"linh-vuc/{s.slug}/", cat.by_sector.get(s.slug, []))
            for s in cat.taxonomy.sectors]


def _row(entry, name: str, url: str, items: list[Initiative]) -> dict:
    return {"entry": entry, "name": name, "url": url, "count": len(items),
            "benefit_vnd": sum(i.record.benefit_vnd or 0 for i in items)}
