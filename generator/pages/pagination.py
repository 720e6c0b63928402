"""Long lists cut into pages: which items each page shows, and links to its neighbours."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from math import ceil

from generator import routes


@dataclass(frozen=True)
class Pager:
    """One page of a long list."""

    number: int
    count: int
    base_url: str
    first: int = 0  # position in the whole list of this page's first item

    def url(self, number: int) -> str:
        return routes.page_of_list(self.base_url, number)

    def title(self, name: str) -> str:
        return name if self.number == 1 else f"{name} – trang {self.number}"

    @property
    def numbers(self) -> list[int | None]:
        """Page numbers to show: first, last, and two either side of this one; None marks a gap."""
        keep = {1, self.count} | set(range(self.number - 2, self.number + 3))
        out: list[int | None] = []
        for n in range(1, self.count + 1):
            if n in keep:
                out.append(n)
            elif out and out[-1] is not None:
                out.append(None)
        return out


def paginate(items: Sequence, size: int, base_url: str) -> Iterator[tuple[Pager, Sequence]]:
    """Each page of `items` at `base_url`: its pager and its items. An empty list still has its first page."""
    count = max(1, ceil(len(items) / size))
    for number in range(1, count + 1):
        start = (number - 1) * size
        yield Pager(number, count, base_url, start), items[start : start + size]
