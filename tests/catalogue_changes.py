"""One-record changes of a catalogue, made in memory the way an edited file makes them: the record changes and so
does its digest. For the search index's warm-build test and benchmark."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from generator.catalogue.model import Catalogue, Initiative


def _with(cat: Catalogue, initiatives: list[Initiative]) -> Catalogue:
    out = Catalogue(cat.taxonomy, initiatives, list(cat.stories))
    out.sort()
    return out


def _edited(i: Initiative, **changes) -> Initiative:
    return dataclasses.replace(i, **changes, digest=f"{i.digest}+{sorted(changes)}")


def _middle(cat: Catalogue, test: Callable[[Initiative], bool] = lambda i: True) -> int:
    """The record halfway down the list that passes `test`: a change there moves half the ids."""
    middle = len(cat.initiatives) // 2
    return min((n for n, i in enumerate(cat.initiatives) if test(i)), key=lambda n: abs(n - middle))


def retitle(cat: Catalogue) -> Catalogue:
    out = list(cat.initiatives)
    n = _middle(cat)
    title = "Khuôn dập cải tiến lần hai cho dây chuyền ép nhựa Xưởng Bảy"
    out[n] = _edited(out[n], record=out[n].record.model_copy(update={"title": title}))
    return _with(cat, out)


def rename_organisation(cat: Catalogue) -> Catalogue:
    out = list(cat.initiatives)
    n = _middle(cat, lambda i: i.record.organization is not None)
    org = out[n].record.organization
    assert org is not None
    renamed = org.model_copy(update={"name": "Công ty Cổ phần Cơ khí Đông Anh Mới"})
    out[n] = _edited(out[n], record=out[n].record.model_copy(update={"organization": renamed}))
    return _with(cat, out)


def move_province(cat: Catalogue) -> Catalogue:
    """A record written with another province (its federation with it)."""
    out = list(cat.initiatives)
    n = _middle(cat, lambda i: i.province is not None and not i.union.national)
    i = out[n]
    other = next(p for p in reversed(cat.taxonomy.provinces) if p != i.province)
    union = cat.taxonomy.federations[other.code]
    out[n] = _edited(i, province=other, former_province=None, union=union)
    return _with(cat, out)


def unpublish(cat: Catalogue) -> Catalogue:
    """A record whose status is no longer approved: it leaves the site, and every later id moves."""
    out = list(cat.initiatives)
    del out[_middle(cat)]
    return _with(cat, out)


def add_record(cat: Catalogue) -> Catalogue:
    """A new record approved after every other: it takes id 0, and every id moves."""
    source = cat.initiatives[len(cat.initiatives) // 3]
    newest = max(i.approved_on for i in cat.initiatives) + dt.timedelta(days=1)
    record = source.record.model_copy(
        update={"id": "SK-MOI-0001", "title": "Sáng kiến mới nhất về tiết kiệm điện", "approved_on": newest}
    )
    added = dataclasses.replace(source, record=record, digest="moi")
    return _with(cat, [*cat.initiatives, added])


CHANGES: dict[str, Callable[[Catalogue], Catalogue]] = {
    "title": retitle,
    "organisation": rename_organisation,
    "province": move_province,
    "unpublished": unpublish,
    "new record": add_record,
}
ORDER_KEPT = {"title", "organisation", "province"}  # the changes that move no id
