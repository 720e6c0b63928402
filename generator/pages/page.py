"""A page of the site: its address, the template and data that make it, and how it is built."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator import routes
from generator.media.cards import Card


@dataclass
class Page:
    url: str  # "" for home, else "a/b/" (directory style), from generator/routes.py
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
    image: str = routes.SITE_CARD  # the share card shown for it (its own, its list's, or the site's)
    og_type: str = "website"
    charts: tuple = ()  # the charts it shows (catalogue/figures.py Chart), published as files beside it

    @property
    def section(self) -> str:
        return self.url.split("/", 1)[0]
