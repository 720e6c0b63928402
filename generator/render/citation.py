"""How to cite a page of the site: one format for the fact box, the press page and the stories.

Who (the authors who agreed to be named, else the organisation), what (the title), where (the site and its
publisher), when (approval or publication, said which), the permanent link and the licence. The plain text
(what the copy button copies) and the HTML (with links) are made from the same parts, so they cannot differ.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from generator import routes
from generator.common import formatting
from generator.config import Site


@dataclass(frozen=True)
class Citation:
    who: str
    title: str
    site: str
    publisher: str
    when: str  # "Công nhận ngày 05/01/2023" or "Đăng ngày …"
    url: str  # absolute, permanent
    licence: str  # the licence's name
    licence_url: str  # absolute: the site's licence page

    def _parts(self) -> list[tuple[str, str | None]]:
        """The citation as pieces of text, each with the address it links to (or None)."""
        return [
            (f"{self.who}. “{self.title}”. {self.site}, {self.publisher}. {self.when}. ", None),
            (self.url, self.url),
            (". Giấy phép: ", None),
            (self.licence, self.licence_url),
            (f" ({self.licence_url}).", None),
        ]

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self._parts())

    def html(self) -> Markup:
        return Markup("").join(
            Markup('<a href="{}">{}</a>').format(link, text) if link else escape(text) for text, link in self._parts()
        )


def _cite(site: Site, who: str, title: str, when: str, url: str) -> Citation:
    base = site.public_url
    return Citation(who, title, site.name, site.publisher, when, base + url, site.licence.name,
                    base + routes.section(routes.LICENCE))  # fmt: skip


def initiative(i, site: Site) -> Citation:
    """Named authors as the page names them (with consent only), else the organisation, else the union."""
    r = i.record
    named = [a.name for a in r.authors if a.consent_public]
    who = ", ".join(named) if named else (r.organization.name if r.organization else i.union.name)
    return _cite(site, who, r.title, f"Công nhận ngày {formatting.date(r.approved_on)}", i.url)


def story(s, site: Site) -> Citation:
    r = s.record
    return _cite(site, r.byline or site.publisher, r.title, f"Đăng ngày {formatting.date(r.date)}", s.url)
