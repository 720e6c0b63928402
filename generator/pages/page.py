"""A page of the site: its address, the template and data that make it, and how it is built."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
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
    # Atom feeds a reader can subscribe to from this page: (site path, title), linked in its <head>.
    feeds: tuple[tuple[str, str], ...] = ()
    # The day its own record last dated it (an approval, a story's date); None: the data's publication day.
    date: dt.date | None = None
    charts: tuple = ()  # the charts it shows (catalogue/figures.py Chart), published as files beside it

    @property
    def section(self) -> str:
        return self.url.split("/", 1)[0]

    def made(self) -> Page:
        return self


@dataclass(slots=True)  # 10^5 of them: not frozen, whose every field is set through object.__setattr__
class Later:
    """A bulk page known by what a build must know of every page (its address, key, date, card), and made
    (`made`) only when it is rendered: a warm build renders a few of 10^5. Its share card, if it has one, is
    drawn at `image` from what its key covers, so a page whose key is unchanged has an unchanged card."""

    url: str
    # Its key, or what works it out when asked: an initiative's covers its related initiatives, which a build may
    # still be choosing while the pages are listed.
    keyed: str | Callable[[], str]
    make: Callable[[], Page]
    image: str
    date: dt.date | None = None
    og_type: str = "website"
    draw: Callable[[], Card] | None = None  # its own share card

    bulk = True  # and, as every Later so far, no charts
    charts = ()

    @property
    def key(self) -> str:
        return self.keyed if isinstance(self.keyed, str) else self.keyed()

    @property
    def card(self) -> Card | None:
        return self.draw() if self.draw else None

    def made(self) -> Page:
        return self.make()
