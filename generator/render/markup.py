"""Turning untrusted text into safe HTML, and into safe text for open data.

Plain-text fields are escaped by the page templates (Jinja autoescape). Markdown fields are rendered
here and then sanitised: raw HTML from the public never reaches a page as markup. Open data carries
Markdown as written, made safe the same way (`safe_source`, `safe_text`): no markup, no unsafe link.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

from generator.common.text import clean, one_line

_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "code",
    "pre",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "sub",
    "sup",
}
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
_SCHEMES = ("http", "https", "mailto")
_SAFE_URL = tuple(f"{s}:" for s in _SCHEMES)
_HEADING = re.compile(r"<(/?)h([1-6])\b")


def _shift_headings(html_text: str, top: int) -> str:
    """A field's headings sit under the page's own: none is above level `top` (h1 is the page title)."""
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{max(int(m.group(2)), top)}", html_text)


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    # One converter per process: building one costs as much as converting a field.
    return markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")


def _only_absolute_links(element: str, attribute: str, value: str) -> str | None:
    """Relative links from the public could point anywhere on the site, or nowhere: drop them."""
    if attribute == "href" and not value.lower().startswith(("http://", "https://", "mailto:")):
        return None
    return value


# Python-Markdown looks for the end of every "[" it meets: a field of 20,000 brackets took 90 s to render, and
# each record may hold three such fields. Past this many, brackets are written as text, never as links.
MAX_BRACKETS = 200


def _bounded(md_text: str) -> str:
    if md_text.count("[") <= MAX_BRACKETS:
        return md_text
    return md_text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def render_markdown(md_text: str, top: int = 3) -> Markup:
    """Markdown -> sanitised HTML whose headings start at level `top`: 3 in an initiative's sections (each under
    its own h2), 2 in a story's body (directly under the title). Deeper headings keep their level."""
    if not md_text.strip():
        return Markup("")
    converted = _shift_headings(_converter().reset().convert(_bounded(md_text)), top)
    safe = nh3.clean(
        converted,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=set(_SCHEMES),
        link_rel="nofollow noopener ugc",
        attribute_filter=_only_absolute_links,
    )
    # The sanitiser writes entities out as characters: an invisible one written as `&#8203;` shows up only now.
    return Markup(clean(safe))


# --- Open data ---------------------------------------------------------------------------------------------
# A JSON or CSV value may be shown by someone else's code, as HTML or through a Markdown renderer: it must hold
# no tag, even after any number of entity decodings, and no link a browser would run.

_ROUNDS = 8  # entity and tag layers peeled at most; the last guard holds whatever is left
_TAG_OPENER = re.compile(r"<(?=[A-Za-z/!?])")
# A script-capable scheme, also as browsers read it (tabs and line breaks ignored) and as Markdown writes it
# escaped (`javascript\:`): its colon is dropped, so no renderer or browser can take it for a link.
_SCRIPT_SCHEME = re.compile(
    r"(?i)\b("
    + "|".join("[\t\r\n]*".join(word) for word in ("javascript", "vbscript", "data", "livescript"))
    + r")[\t\r\n]*\\?:"
)
_SCHEME_END = re.compile(r"[tTaA][\t\r\n]*\\?:")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\x00-\x20]*|[\w.!#$%&'*+/=?^`{|}~\-]+@[\w.\-]+)>")
_BRACKETS = r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"  # link text: one level of nested brackets
_DESTINATION = r"(<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)"
_TITLE = r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?"""
_LINK = re.compile(rf"(!?){_BRACKETS}\(\s*{_DESTINATION}{_TITLE}\s*\)")
_DEFINITION = re.compile(rf"^ {{0,3}}\[[^\]\n]+\]:[ \t]*\n?[ \t]*{_DESTINATION}(?:{_TITLE})?[ \t]*$", re.M)


def _safe_url(url: str) -> bool:
    return url.strip().strip("<>").strip().lower().startswith(_SAFE_URL)


def _decode(text: str) -> str:
    """Every layer of entities (`&amp;lt;` -> `<`)."""
    for _ in range(_ROUNDS):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


def _autolink(m: re.Match) -> str:
    """`<https://x.vn>` -> `https://x.vn` (still a link for renderers that find bare addresses); an autolink to
    any other scheme is dropped."""
    target = m.group(1)
    return target if "@" in target.split(":", 1)[0] or _safe_url(target) else ""


def _without_markup(text: str) -> str:
    """Decode entities, drop tags (their text kept), again until nothing changes: the contents of `<textarea>`
    or `<noscript>` come out of the sanitiser as escaped tags, which the next round removes."""
    for _ in range(_ROUNDS):
        decoded = _AUTOLINK.sub(_autolink, _decode(text))
        stripped = html.unescape(nh3.clean(decoded, tags=set()))
        if stripped == decoded:
            break
        text = stripped
    return _TAG_OPENER.sub("", stripped)


def safe_text(text: str | None) -> str | None:
    """A plain-text value as open data: without markup, entities decoded, no script scheme, no invisible
    character, on one line. Values are cleaned when read: one without `<`, `&` or `:` (nearly every one, at
    10^5 records) is returned as it is."""
    if not text or not any(c in text for c in "<&:"):
        return text
    out = _defused(_without_markup(text) if "<" in text or "&" in text else text)
    return text if out == text else one_line(out)


def safe_source(md_text: str) -> str:
    """Markdown as written, made safe to hand on (open data): as `safe_text` (but on many lines), and links
    kept only to http, https and mailto addresses; any other inline link or image becomes its text, any other
    link definition goes. Much cheaper than rendering, for 10^5 records."""
    if not md_text or not any(c in md_text for c in "<&:["):
        return md_text
    out = _without_markup(md_text) if "<" in md_text or "&" in md_text else md_text
    if "[" in out:
        out = _DEFINITION.sub(lambda m: m.group(0) if _safe_url(m.group(1)) else "", out)
        out = _LINK.sub(_link, out)
    out = _defused(out)
    return md_text if out == md_text else clean(out)


def _defused(text: str) -> str:
    # The cheap test first: a colon after "t" or "a" (or the escaped forms) is rare in Vietnamese text.
    return _SCRIPT_SCHEME.sub(r"\1 ", text) if _SCHEME_END.search(text) else text


def _link(m: re.Match) -> str:
    """A safe link stays, with any link inside its text reduced too; otherwise only its text remains."""
    image, text, url = m.group(1), _LINK.sub(_link, m.group(2)), m.group(3)
    if image or not _safe_url(url):
        return text
    start, end = m.start(2) - m.start(), m.end(2) - m.start()
    return m.group(0)[:start] + text + m.group(0)[end:]
