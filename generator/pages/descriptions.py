"""Each page's meta description, written from its own figures: what a search result or a shared link shows.

No two pages say the same thing: a hub names its place and counts, a page of a list says which page it is.
Descriptions are plain text of at most 160 characters (what search engines show), cut at a word.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

from generator.common import formatting
from generator.common.text import one_line

LIMIT = 160


def clip(text: str, limit: int = LIMIT) -> str:
    """One line of at most `limit` characters, cut after a whole word with "…" when longer."""
    return _cut(one_line(text), limit)


def _cut(text: str, limit: int = LIMIT) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.–-")
    return cut + "…"


def _benefit(vnd: int) -> str:
    return f", làm lợi {formatting.money_short(vnd)} mỗi năm" if vnd else ""


def _most(values: Iterable[str], where: str) -> str:
    """ "; nhiều nhất trong lĩnh vực Xây dựng": the most frequent value, when there is a choice."""
    return _most_of(Counter(v for v in values if v), where)


def _most_of(counts: Mapping[str, int], where: str) -> str:
    """`_most`, from each value's count."""
    if len(counts) < 2:
        return ""
    (top, _), *_ = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return f"; nhiều nhất {where} {top}"


def paged(text: str, number: int, count: int) -> str:
    """A page of a list: its number before what the list's first page says (worked out once per list)."""
    line = _one_line(text)  # a list of 10^3 pages asks with one text
    return _cut(line if number == 1 else f"Trang {number}/{count}. {line}")


@lru_cache(maxsize=16)
def _one_line(text: str) -> str:
    return one_line(text)


def hub(kind: str, name: str, figures, shares: Mapping[str, int]) -> str:
    """A province, a sector or a national union, from its figures and how many of its initiatives are in each
    sector (a province's, a union's) or place (a sector's); unclipped, for `paged`."""
    if not figures.initiatives:
        where = {"province": f"ở {name}", "sector": f"trong lĩnh vực {name}", "union": f"của {name}"}[kind]
        return f"Chưa có sáng kiến nào {where} được công bố; xem các tỉnh, thành và lĩnh vực khác."
    n = formatting.number(figures.initiatives)
    if kind == "province":
        text = f"{n} sáng kiến của người lao động {name}{_benefit(figures.benefit_vnd)}"
        text += _most_of(shares, "trong lĩnh vực")
    elif kind == "sector":
        text = f"{n} sáng kiến trong lĩnh vực {name}{_benefit(figures.benefit_vnd)}"
        text += _most_of(shares, "ở")
    else:
        text = f"{n} sáng kiến do {name} công nhận{_benefit(figures.benefit_vnd)}"
        text += _most_of(shares, "trong lĩnh vực")
    return text + "."


def organization(o) -> str:
    """An organisation, from its initiatives; unclipped, for `paged`."""
    figures = o.figures
    places = f" ({', '.join(o.places[:2])})" if o.places else ""
    text = f"{formatting.number(figures.initiatives)} sáng kiến của người lao động {o.name}{places}"
    text += _benefit(figures.benefit_vnd) + _most((i.sector.label for i in o.initiatives), "trong lĩnh vực")
    return text + "."


def organizations(
    total: int,
    by_benefit: bool,
    first: int,
    shown: int,
    number: int,
    count: int,
    within: tuple[str, str] | None = None,
) -> str:
    """A ranking of organisations, of the whole country or within one sector or province (`within`)."""
    order = "giá trị làm lợi mỗi năm" if by_benefit else "số sáng kiến được công nhận"
    where = "" if within is None else f" trong lĩnh vực {within[1]}" if within[0] == "sector" else f" ở {within[1]}"
    kinds = "doanh nghiệp, cơ quan, trường học, bệnh viện"
    text = f"{formatting.number(total)} {kinds}{where} có sáng kiến, xếp theo {order}"
    if count > 1:
        text += f": hạng {formatting.number(first + 1)}–{formatting.number(first + shown)}"
    return paged(text + ".", number, count)


def overview(rows: list[dict], what: str) -> str:
    """An index of provinces, sectors or unions: how many have initiatives, and the first few."""
    listed = sorted((r for r in rows if r["count"]), key=lambda r: (-r["count"], r["name"]))
    if not listed:
        return clip(f"Sáng kiến của {len(rows)} {what}: chưa có sáng kiến nào được công bố.")
    leaders = ", ".join(f"{r['name']} ({formatting.number(r['count'])})" for r in listed[:3])
    return clip(f"Sáng kiến của {len(rows)} {what}, {len(listed)} đã có sáng kiến được công bố; nhiều nhất: {leaders}.")


def home(totals, publisher: str) -> str:
    text = f"{formatting.number(totals.initiatives)} sáng kiến của người lao động Việt Nam được {publisher} công nhận"
    return clip(text + _benefit(totals.benefit_vnd) + f", ở {formatting.number(totals.provinces)} tỉnh, thành.")


def initiatives(total: int, newest) -> str:
    text = f"{formatting.number(total)} sáng kiến được công nhận, mới nhất trước"
    return clip(text + (f": “{newest.record.title}”." if newest else "."))


def stories(items: list) -> str:
    text = f"{formatting.number(len(items))} câu chuyện về người lao động và sáng kiến của họ"
    return clip(text + (f", mới nhất: “{items[0].record.title}”." if items else "."))


def statistics(totals) -> str:
    return clip(
        f"{formatting.number(totals.initiatives)} sáng kiến{_benefit(totals.benefit_vnd)}: số liệu theo tỉnh, "
        "thành, lĩnh vực, năm và cấp công nhận, kèm biểu đồ và bản đồ."
    )
