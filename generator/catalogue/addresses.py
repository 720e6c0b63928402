"""Unique addresses: the names the site keeps for itself, and a check that no two records share an address.

Records get their address from text the public wrote: a story from its file name, an organisation from its
name, an initiative from its id. Such an address must never be one of the site's own pages ("Theo lợi ích"
would replace the benefit ranking at `don-vi/theo-loi-ich/`, a story `!!!.md` the story index) nor another
record's (`Mua-Xuan.md` and `mùa-xuân.md`). `conflicts` finds every such record before anything is written;
the loader then reports them and leaves them out, like any other invalid file.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.common.problems import Problem
from generator.common.problems import quote as quoted
from generator.content.source import SourceError, parse_front_matter, parse_yaml, read_text
from generator.routes import ORGANIZATION_RESERVED, ORGANIZATIONS, RESERVED, STORIES

_NAME = "(tên tệp)"
_ORG = ("organization", "name")


@dataclass(frozen=True)
class _Clash:
    file: str
    loc: tuple  # of the field, to find its line
    reason: str


def conflicts(catalogue, content: Path | None = None) -> list[Problem]:
    """Every record whose address is empty, reserved or taken by another record, as problems on its file (on
    the later one, by file name or organisation key, when two records share an address). Given the content
    folder, a problem is placed on the line of its field; otherwise on line 1."""
    clashes = _stories(catalogue.stories) + _organizations(catalogue.organizations)
    clashes += _initiatives(catalogue.initiatives)
    clashes += _citing(catalogue.stories, {c.file for c in clashes})
    lines = _Lines(content)
    return sorted({Problem(c.file, lines.of(c.file, c.loc), _field(c.loc), c.reason) for c in clashes})


def without(catalogue, files: set[str]):
    """The catalogue without the records read from `files` (the same one when there are none)."""
    if not files:
        return catalogue
    return type(catalogue)(
        catalogue.taxonomy,
        [i for i in catalogue.initiatives if i.source not in files],
        [s for s in catalogue.stories if s.source not in files],
    )


def _stories(stories) -> list[_Clash]:
    out: list[_Clash] = []
    first: dict[str, str] = {}
    for s in sorted(stories, key=lambda s: s.source):
        name = quoted(Path(s.source).name)
        if not s.slug:
            reason = f"tên tệp không có chữ hay số nào để làm địa chỉ trang; hãy đặt lại tên tệp ({name})"
        elif s.slug in RESERVED:
            reason = (
                f"tên tệp cho địa chỉ {STORIES}/{s.slug}/, mà «{s.slug}» là tên trang web dành riêng; "
                f"hãy đặt lại tên tệp ({name})"
            )
        elif s.slug in first:
            reason = (
                f"tên tệp cho cùng địa chỉ {STORIES}/{s.slug}/ như tệp {first[s.slug]} (địa chỉ không phân "
                f"biệt chữ hoa, dấu và ký hiệu); hãy đặt tên khác cho một trong hai tệp ({name})"
            )
        else:
            first[s.slug] = s.source
            continue
        out.append(_Clash(s.source, (), reason))
    return out


def _organizations(organizations) -> list[_Clash]:
    """The address of an organisation is shared by all its records: each of them gets the problem."""
    out: list[_Clash] = []
    first: dict[str, Any] = {}
    for o in sorted(organizations, key=lambda o: o.key):
        if not o.slug:
            reason = "tên đơn vị không có chữ hay số nào để làm địa chỉ trang"
        elif o.slug in ORGANIZATION_RESERVED:
            reason = (
                f"tên đơn vị cho địa chỉ {ORGANIZATIONS}/{o.slug}/, trùng trang danh sách đơn vị có sẵn; "
                "hãy ghi tên đầy đủ của đơn vị"
            )
        elif o.slug in first:
            other = first[o.slug]
            reason = (
                f"tên đơn vị cho cùng địa chỉ {ORGANIZATIONS}/{o.slug}/ như đơn vị {quoted(other.name)} "
                f"({min(i.source for i in other.initiatives)}); hãy ghi tên phân biệt được hai đơn vị"
            )
        else:
            first[o.slug] = o
            continue
        out += [_Clash(i.source, _ORG, f"{reason} ({quoted(i.record.organization.name)})") for i in o.initiatives]
    return out


def _initiatives(initiatives) -> list[_Clash]:
    """The loader refuses a repeated id already; the address is checked again because it is what gets written."""
    if len({i.url for i in initiatives}) == len(initiatives):
        return []  # as ever: 10^5 addresses, one each
    by_url: dict[str, list] = defaultdict(list)
    for i in initiatives:
        by_url[i.url].append(i)
    out = []
    for url, same in by_url.items():
        same.sort(key=lambda i: i.source)
        out += [
            _Clash(i.source, ("id",), f"mã cho cùng địa chỉ {url} như tệp {same[0].source} ({quoted(i.id)})")
            for i in same[1:]
        ]
    return out


def _citing(stories, left_out: set[str]) -> list[_Clash]:
    """A story telling an initiative that is left out would link to a page that is not there."""
    out = []
    for s in stories:
        for n, i in enumerate(s.initiatives):
            if i.source in left_out and s.source not in left_out:
                out.append(
                    _Clash(
                        s.source,
                        ("initiatives", n),
                        f"sáng kiến {quoted(i.id)} không được công bố vì lỗi địa chỉ trong {i.source}",
                    )
                )
    return out


def _field(loc: tuple) -> str:
    return ".".join(map(str, loc)) if loc else _NAME


class _Lines:
    """Lines of fields in the few files with a problem, read again only for that."""

    def __init__(self, content: Path | None):
        self.content = content

    def of(self, name: str, loc: tuple) -> int:
        if not loc or self.content is None:
            return 1
        path = self.content.parent / name
        try:
            text = read_text(path)
            doc = parse_front_matter(text) if path.suffix == ".md" else parse_yaml(text)
        except (OSError, SourceError):
            return 1
        return doc.line_of(loc)
