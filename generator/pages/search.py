"""How the search index is split, and the figures the search page shows before any search.

The index is cut into bundles, one per province, one for the national units' initiatives that name no province
(filtered as the province NATIONAL_UNITS), and one shared bundle (stories): a browser loads only the bundles a
search needs, so a search within a province downloads that province's index only.
Engine-independent: pages name their bundle, `search_index.py` runs the indexer over each.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from generator import routes
from generator.catalogue.model import NATIONAL_UNITS, Catalogue

SHARED = "chung"  # stories
NATIONAL = routes.UNIONS  # initiatives of national units that name no province
INFO_URL = routes.SEARCH_INFO
# The filter values below must be the ones the templates write into data-pagefind-filter.
KIND_INITIATIVE, KIND_STORY = "Sáng kiến", "Câu chuyện"
# The filters the search page offers, by the key pages write into data-pagefind-filter, with their labels.
FILTERS = {
    "loai": "Loại",
    "tinh": "Tỉnh, thành phố",
    "linh_vuc": "Lĩnh vực",
    "nam": "Năm công nhận",
    "cap": "Cấp công nhận",
}


@dataclass
class Bundle:
    id: str
    province: str | None  # the province's name, as in the `tinh` filter
    urls: list[str] = field(default_factory=list)


def bundles(cat: Catalogue) -> list[Bundle]:
    """Non-empty bundles, the shared one first: it is the one the search page opens with."""
    out = [Bundle(SHARED, None, [s.url for s in cat.stories])]
    out += [Bundle(p.slug, p.name, [i.url for i in cat.by_province.get(p.slug, [])]) for p in cat.taxonomy.provinces]
    out.append(Bundle(NATIONAL, NATIONAL_UNITS, [i.url for i in cat.national]))  # its own `tinh` value
    return [b for b in out if b.urls]


def filter_counts(cat: Catalogue) -> dict[str, dict[str, int]]:
    """What each filter value counts over the whole site, computed in one pass over the records."""
    counts: dict[str, Counter] = {key: Counter() for key in FILTERS}
    recognition = cat.taxonomy.recognition
    for i in cat.initiatives:
        r = i.record
        counts["loai"][KIND_INITIATIVE] += 1
        counts["tinh"][i.region] += 1
        counts["linh_vuc"][i.sector.label] += 1
        counts["nam"][str(i.approved_on.year)] += 1
        if r.recognition:
            counts["cap"][recognition[r.recognition]] += 1
    for s in cat.stories:
        counts["loai"][KIND_STORY] += 1
        if s.province:
            counts["tinh"][s.province.name] += 1
        if s.sector:
            counts["linh_vuc"][s.sector.label] += 1
        counts["nam"][str(s.record.date.year)] += 1
    return {key: dict(c) for key, c in counts.items()}


def info(cat: Catalogue) -> dict:
    """The search page's table of contents: which bundles exist, and the filters with their counts."""
    return {
        "bundles": [{"id": b.id, "tinh": b.province, "trang": len(b.urls)} for b in bundles(cat)],
        "filters": filter_counts(cat),
        # What the search page would otherwise keep a copy of: filter keys and labels, the kinds of page.
        "contract": {"filters": FILTERS, "kinds": {"initiative": KIND_INITIATIVE, "story": KIND_STORY}},
    }
