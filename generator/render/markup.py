"""Turning untrusted text into safe HTML.

Plain-text fields are escaped by the page templates (Jinja autoescape). Markdown fields are rendered
here and then sanitised: raw HTML from the public never reaches a page as markup.
"""

from __future__ import annotations

import html
import re

from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "a", "code", "pre",
         "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr", "sub", "sup"}
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
_SCHEMES = {"http", "https", "mailto"}


def _shift_headings(md_text: str) -> str:
    """Headings inside a field sit under the page's own h2 sections: # and ## become ###."""
    lines = []
    for line in md_text.split("\n"):
        if line.startswith("#"):
            hashes = len(line) - len(line.lstrip("#"))
            if hashes < 3 and line[hashes:hashes + 1] == " ":
                line = "###" + line[hashes:]
        lines.append(line)
    return "\n".join(lines)


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    # One converter per process: building one costs as much as converting a field.
    return markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")


def _only_absolute_links(element: str, attribute: str, value: str) -> str | None:
    """Relative links from the public could point anywhere on the site, or nowhere: drop them."""
    if attribute == "href" and not value.lower().startswith(("http://", "https://", "mailto:")):
        return None
    return value


def render_markdown(md_text: str, shift_headings: bool = True) -> Markup:
    if not md_text.strip():
        return Markup("")
    source = _shift_headings(md_text) if shift_headings else md_text
    html = _converter().reset().convert(source)
    clean = nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES,
                      link_rel="nofollow noopener ugc", attribute_filter=_only_absolute_links)
    return Markup(clean)


_LINK = re.compile(r"\[([^\]]*)\]\(((?:[^()\s]|\([^()]*\))*)(?:\s[^)]*)?\)")  # [text](url "title")


def safe_source(md_text: str) -> str:
    """Markdown as written, made safe to hand on (open data): HTML tags dropped (their text kept), and links
    kept only to http, https and mailto addresses. Much cheaper than rendering, for 10^5 records."""
    def link(m: re.Match) -> str:
        text, url = m.group(1), m.group(2)
        return f"[{text}]({url})" if url.lower().startswith(tuple(f"{s}:" for s in _SCHEMES)) else text

    return html.unescape(nh3.clean(_LINK.sub(link, md_text), tags=set()))
