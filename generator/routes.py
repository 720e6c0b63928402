"""Every address the site writes, in one place: sections, record pages, pages of a list, share cards, files.

Pages, templates, the sitemap, feeds, open data and the uniqueness check (catalogue/addresses.py) all ask here;
nothing else spells an address. Addresses are site paths without a leading slash, directory style ("a/b/").
"""

from __future__ import annotations

from collections.abc import Callable

# Sections: the first segment of every address the generator writes (pages, open data, feeds, sitemap,
# photos, theme assets, search index).
PROVINCES, SECTORS, STORIES, INITIATIVES = "tinh-thanh", "linh-vuc", "cau-chuyen", "sang-kien"
ORGANIZATIONS, STATISTICS, PRESS, DATA = "don-vi", "thong-ke", "bao-chi", "du-lieu"
ABOUT, SEARCH, TAKEDOWN, FEEDS = "gioi-thieu", "tim-kiem", "de-nghi-go", "nguon-tin"
LICENCE = "giay-phep"  # what the licence of the open data and photos allows, and how to credit
UNIONS = "cong-doan-nganh"  # national sector unions and corporations' unions: units outside any province
SITEMAP, ASSETS, MEDIA, SEARCH_INDEX = "so-do-trang", "assets", "media", "chi-muc"
SECTIONS = frozenset(
    {
        PROVINCES,
        SECTORS,
        STORIES,
        INITIATIVES,
        ORGANIZATIONS,
        STATISTICS,
        PRESS,
        DATA,
        ABOUT,
        SEARCH,
        TAKEDOWN,
        FEEDS,
        SITEMAP,
        ASSETS,
        MEDIA,
        SEARCH_INDEX,
        UNIONS,
        LICENCE,
    }
)
# Segments inside sections: page 2… of a list, the organisations ranked by benefit, one file per province.
PAGER, BY_BENEFIT, BY_PROVINCE = "trang", "theo-loi-ich", "tinh"
BY_SECTOR = "linh-vuc"  # the organisations' ranking by benefit within one sector
CHARTS = "bieu-do"  # a page's charts as files: data, drawing, picture
RESERVED = SECTIONS | {PAGER, BY_BENEFIT, BY_PROVINCE, BY_SECTOR, CHARTS}
# What an organisation's own segment under `don-vi/` must not be.
ORGANIZATION_RESERVED = frozenset({PAGER, BY_BENEFIT})

HOME = ""
CARD = "the-chia-se.png"  # a page's share card, in the page's own folder
SITE_CARD = f"{ASSETS}/images/{CARD}"  # for pages without a card of their own
SEARCH_INFO = f"{SEARCH_INDEX}/muc-luc.json"  # the search index's table of contents (generator/search/)


def section(name: str) -> str:
    return f"{name}/"


def _in(folder: str, suffix: str = "/") -> Callable[[str], str]:
    """The address shape of one kind of record or file: `folder/<segment><suffix>`."""
    return lambda segment: f"{folder}/{segment}{suffix}"


province, sector, story, organization = _in(PROVINCES), _in(SECTORS), _in(STORIES), _in(ORGANIZATIONS)
union = _in(UNIONS)
open_data = _in(DATA, "")  # a file of the open data, without its extension: `du-lieu/sang-kien`
open_data_of_province = _in(f"{DATA}/{BY_PROVINCE}", "")
DATA_DICTIONARY = f"{DATA}/tu-dien.json"
feed, feed_of_province = _in(FEEDS, ".xml"), _in(f"{FEEDS}/{BY_PROVINCE}", ".xml")
ORGANIZATIONS_BY_BENEFIT = f"{ORGANIZATIONS}/{BY_BENEFIT}/"
# The ranking by benefit within one sector or one province (national units: the union section's name).
organizations_in_sector = _in(f"{ORGANIZATIONS}/{BY_BENEFIT}/{BY_SECTOR}")
organizations_in_province = _in(f"{ORGANIZATIONS}/{BY_BENEFIT}/{BY_PROVINCE}")


def chart(page: str, name: str, ext: str) -> str:
    """A chart's file beside the page that shows it: `thong-ke/bieu-do/theo-nam.csv`."""
    return f"{page}{CHARTS}/{name}.{ext}"


def initiative(record_id: str) -> str:
    """Ids are unique whatever their case: the address is in lower case."""
    return f"{INITIATIVES}/{record_id.lower()}/"


def page_of_list(base: str, number: int) -> str:
    """Page `number` of the list at `base`: the first is the list's own address."""
    return base if number == 1 else f"{base}{PAGER}/{number}/"


def card(url: str) -> str:
    return url + CARD


def sitemap_part(number: int) -> str:
    return f"{SITEMAP}/{number}.xml"


def photo_download(folder: str, name: str) -> str:
    """A photo's full-size copy for the press: named after its record (`HN-2022-0012-1.jpg`) inside a folder
    named by its content, so a changed photo gets a new address."""
    return f"{MEDIA}/{folder}/{name}"


# The navigation tab a section belongs to, where it is not a tab of its own.
_TAB_OF = {UNIONS: PROVINCES}


def tab(url: str) -> str:
    """The address of the navigation tab that an address belongs to: record and list pages are not in the
    navigation, so the theme cannot find it by itself."""
    first = url.split("/", 1)[0]
    return section(_TAB_OF.get(first, first)) if first else HOME


def for_engine() -> dict[str, str]:
    """The addresses the theme's own templates link to (header search, footer)."""
    return {
        "search": section(SEARCH),
        "takedown": section(TAKEDOWN),
        "about": section(ABOUT),
        "licence": section(LICENCE),
        "site_card": SITE_CARD,
    }
