"""What search finds: every published initiative and story, as documents in one static rank order.

Document ids run 0..N-1 newest first (an initiative's approval date, a story's date; then its id or address), so
"newest" is the id order and relevance ties break newest first. Withheld authors are never in a document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from generator.catalogue.model import Catalogue, Initiative, Story
from generator.common.formatting import money_short
from generator.render.markup import safe_text

KIND_INITIATIVE, KIND_STORY = "Sáng kiến", "Câu chuyện"
# The filters the search page offers: key (as in the page's address) -> label. One value per document each.
FILTERS = {
    "loai": "Loại",
    "tinh": "Tỉnh, thành phố",
    "linh_vuc": "Lĩnh vực",
    "nam": "Năm công nhận",
    "cap": "Cấp công nhận",
}
EXCERPT = 220  # characters of a summary shown on a result card


@dataclass(frozen=True)
class Document:
    date: dt.date
    key: str  # the record's id, or the story's address: ties of one date in a fixed order
    title: str
    body: list[str]  # every other searchable field, each its own run of words
    filters: dict[str, str | None]  # filter key -> value
    benefit: int  # yearly benefit in đồng, 0 when not given
    card: dict  # what a result shows


def documents(cat: Catalogue) -> list[Document]:
    """Every searchable document, in id order (newest first)."""
    found = sources(cat)
    return [document(found.item(n), cat.taxonomy.recognition) for n in range(len(found.keys))]


@dataclass(frozen=True)
class Sources:
    """Every searchable record in id order, as its content key (`content_key`); the record itself only when asked
    (`item`). Worked out from the catalogue's columns: a warm build's worker reads the few records that changed,
    not 10^5 whose memory it would copy by reading them."""

    cat: Catalogue
    keys: list[str]
    at: np.ndarray  # each document's initiative (its row), or story (-1 - its place)

    def item(self, n: int) -> Initiative | Story:
        k = int(self.at[n])
        return self.cat.initiatives[k] if k >= 0 else self.cat.stories[-1 - k]


def sources(cat: Catalogue) -> Sources:
    """Every searchable record, in id order: newest first (an initiative's approval day, a story's date), then by
    id or address, last first. A published initiative has its approval date (checked when read)."""
    columns, stories = cat.columns, cat.stories
    days = np.concatenate([columns.day, np.array([s.record.date.toordinal() for s in stories], dtype=np.int64)])
    names = np.concatenate([columns.ids, np.array([s.slug.encode() for s in stories], dtype=np.bytes_)])
    order, n = np.lexsort((names, days))[::-1], len(columns.day)  # into the initiatives, then the stories
    keys = [f"i:{d}" if d else "" for d in np.char.decode(columns.digest).tolist()]
    keys += [content_key(s) for s in stories]
    return Sources(cat, [keys[k] for k in order.tolist()], np.where(order < n, order, n - 1 - order))


def content_key(item: Initiative | Story) -> str:
    """What a record's document is made from, besides the build's generation (code, taxonomies): its file (an
    initiative's id is in it), and a story's address (its file's name). Empty when the record carries no digest
    (made in code): such a document is made again every time."""
    if not item.digest:
        return ""
    return f"i:{item.digest}" if isinstance(item, Initiative) else f"s:{item.slug}:{item.digest}"


def document(item: Initiative | Story, recognition: dict[str, str]) -> Document:
    return _initiative(item, recognition) if isinstance(item, Initiative) else _story(item)


def _initiative(i: Initiative, recognition: dict[str, str]) -> Document:
    r = i.record
    org = r.organization.name if r.organization else ""
    authors = [a.name for a in r.authors if a.consent_public]
    body = [r.summary, org, i.union.name, i.place, i.former_province or "", i.sector.label, *r.tags, *authors, r.id]
    filters = {
        "loai": KIND_INITIATIVE,
        "tinh": i.region,
        "linh_vuc": i.sector.label,
        "nam": str(i.approved_on.year),
        "cap": recognition[r.recognition] if r.recognition else None,
    }
    card = {
        "url": i.url,
        "title": r.title,
        "kind": KIND_INITIATIVE,
        "place": i.place + (f" (trước đây: {i.former_province})" if i.former_province else ""),
        "sector": i.sector.label,
        "org": org,
        "date": i.approved_on.isoformat(),
        "benefit": money_short(r.benefit_vnd) if r.benefit_vnd else "",
        "text": _excerpt(r.summary),
    }
    return Document(i.approved_on, r.id, r.title, [b for b in body if b], filters, r.benefit_vnd or 0, card)


def _story(s: Story) -> Document:
    r = s.record
    place = s.province.name if s.province else ""
    sector = s.sector.label if s.sector else ""
    body = [r.summary, place, sector, r.byline or "", safe_text(s.body) or ""]
    filters = {
        "loai": KIND_STORY,
        "tinh": s.province.name if s.province else None,
        "linh_vuc": sector or None,
        "nam": str(r.date.year),
        "cap": None,
    }
    card = {
        "url": s.url,
        "title": r.title,
        "kind": KIND_STORY,
        "place": place,
        "sector": sector,
        "org": "",
        "date": r.date.isoformat(),
        "benefit": "",
        "text": _excerpt(r.summary),
    }
    return Document(r.date, s.slug, r.title, [b for b in body if b], filters, 0, card)


def _excerpt(text: str) -> str:
    """The summary's opening, cut at a word: real text only."""
    if len(text) <= EXCERPT:
        return text
    return text[:EXCERPT].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
