"""Which column holds which field: the header row found among the first rows, matched against a mapping.

A portal export may have a title and blank rows above its header, and a two-level header whose group cell is
merged over its sub-headers ("Tác giả" over "Họ và tên" and "Đồng ý công khai tên"): the header row is the
first row that names the most known columns, and the row below it joins in when it names known columns too.
Headers are compared folded (case, marks, spacing, punctuation), then without their parenthesised part.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.common.problems import quote
from generator.content.source import SourceError, parse_yaml, read_text
from generator.content.taxonomy import words
from generator.tools.importer import values

DEFAULT = Path(__file__).with_name("default-mapping.yml")
IGNORE = "-"
# The fields a column can fill, and how they are named to the editor when a column is missing.
FIELDS = {
    "id": "Mã sáng kiến",
    "title": "Tên sáng kiến",
    "summary": "Tóm tắt",
    "status": "Trạng thái",
    "approved_on": "Ngày công nhận",
    "programme": "Phong trào",
    "province": "Tỉnh/Thành phố",
    "union": "Công đoàn cấp trên",
    "sector": "Lĩnh vực",
    "organization": "Đơn vị áp dụng",
    "organization_kind": "Loại đơn vị",
    "authors": "Tác giả",
    "author_roles": "Chức danh",
    "consent": "Đồng ý công khai tên",
    "benefit": "Giá trị làm lợi (đồng/năm)",
    "benefit_note": "Ghi chú giá trị làm lợi",
    "recognition": "Cấp công nhận",
    "problem": "Vấn đề",
    "solution": "Giải pháp",
    "results": "Kết quả",
    "tags": "Từ khóa",
}
REQUIRED = ("id", "title", "summary", "sector", "approved_on")
# The columns of a portal export, in the portal's order (any order is read; only the names count): what the
# sample export, the benchmark and the README show.
PORTAL = (
    "STT",
    "Mã sáng kiến",
    "Tên sáng kiến",
    "Tóm tắt",
    "Tỉnh/Thành phố",
    "Công đoàn cấp trên",
    "Lĩnh vực",
    "Đơn vị áp dụng",
    "Loại đơn vị",
    "Tác giả",
    "Chức danh",
    "Đồng ý công khai tên",
    "Giá trị làm lợi (đồng/năm)",
    "Cấp công nhận",
    "Ngày công nhận",
    "Trạng thái",
    "Vấn đề",
    "Giải pháp",
    "Kết quả",
    "Từ khóa",
)
HEADER_WHERE = "(dòng tiêu đề)"
LOOK_AHEAD = 30  # rows searched for the header
_PARENTHESES = re.compile(r"\([^)]*\)")


class MappingError(ValueError):
    def __init__(self, problems: list[tuple[int, str, str]]):
        super().__init__("; ".join(p[2] for p in problems))
        self.problems = problems  # (line, field, reason)


@dataclass(frozen=True)
class Mapping:
    fields: dict[str, str]  # folded header -> field, or IGNORE

    def field(self, header: str) -> str | None:
        key = " ".join(words(header))
        found = self.fields.get(key)
        if found is None and "(" in header:
            found = self.fields.get(" ".join(words(_PARENTHESES.sub(" ", header))))
        return found


def load_mapping(path: Path | None) -> Mapping:
    """The default mapping, with the lines of `path` (if any) added or replacing."""
    fields = _read(DEFAULT)
    if path is not None:
        fields = {**fields, **_read(path)}
    return Mapping(fields)


def _read(path: Path) -> dict[str, str]:
    try:
        doc = parse_yaml(read_text(path))
    except SourceError as e:
        raise MappingError([(e.line, "(tệp)", e.reason)]) from None
    out, problems = {}, []
    for header, target in doc.data.items():
        line = doc.line_of((header,))
        if not isinstance(header, str) or not isinstance(target, str) or not words(header):
            problems.append((line, str(header), f"mỗi dòng là «tên cột»: trường ({quote(target)})"))
        elif target != IGNORE and target not in FIELDS:
            problems.append((line, header, f"không có trường này ({quote(target)}; có: {', '.join(FIELDS)}, -)"))
        else:
            out[" ".join(words(header))] = target
    if problems:
        raise MappingError(problems)
    return out


@dataclass
class Columns:
    """Where each field is read, found in the rows `first`–`last` (the header and its sub-header)."""

    first: int
    last: int
    at: dict[str, int] = field(default_factory=dict)  # field -> column index
    names: dict[str, str] = field(default_factory=dict)  # field -> its header as written
    unused: list[str] = field(default_factory=list)  # headers that fill no field

    def missing(self) -> list[str]:
        needed = [f for f in REQUIRED if f not in self.at]
        if "province" not in self.at and "union" not in self.at:
            needed.append("province")
        return needed


def find(rows: Iterator[tuple[int, list]], mapping: Mapping) -> tuple[Columns | None, Iterator[tuple[int, list]]]:
    """The columns (None: no header found), and the rows after the header."""
    rows = iter(rows)
    ahead = list(itertools.islice(rows, LOOK_AHEAD))
    scores = [len({f for f in map(lambda c: _field(c, mapping), cells) if f and f != IGNORE}) for _, cells in ahead]
    if not scores or max(scores) < 2:
        return None, iter(())
    top = scores.index(max(scores))
    below = ahead[top + 1][1] if top + 1 < len(ahead) else []
    known = sum(1 for c in below if _field(c, mapping))
    filled = sum(1 for c in below if _label(c))
    two_levels = known >= 1 and known * 2 >= filled
    columns = _columns(ahead[top], ahead[top + 1] if two_levels else None, mapping)
    return columns, itertools.chain(ahead[top + (2 if two_levels else 1) :], rows)


def _label(cell) -> str:
    try:
        return values.line(cell)
    except values.Refused:
        return ""


def _field(cell, mapping: Mapping) -> str | None:
    label = _label(cell)
    return mapping.field(label) if label else None


def _columns(header: tuple[int, list], sub: tuple[int, list] | None, mapping: Mapping) -> Columns:
    tops, subs = header[1], sub[1] if sub else []
    out = Columns(header[0], sub[0] if sub else header[0])
    group = ""  # a merged group cell's label, carried right over its sub-headers
    for k in range(max(len(tops), len(subs))):
        top = _label(tops[k]) if k < len(tops) else ""
        below = _label(subs[k]) if k < len(subs) else ""
        group = top or (group if below else "")
        candidates = [f"{group} {below}", below, group] if group and below else [below or group]
        hit = next(((c, f) for c in candidates if c and (f := mapping.field(c))), None)
        if hit is None:
            if top or below:
                out.unused.append(" / ".join(x for x in (top, below) if x))
            continue
        written, target = hit
        if target == IGNORE:
            continue
        if target in out.at:
            out.unused.append(f"{written} (trùng trường với cột {out.names[target]})")
            continue
        out.at[target], out.names[target] = k, written
    return out
