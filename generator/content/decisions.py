"""Editors' decisions about near-duplicates, kept as content in `content/decisions/duplicates.yaml`:

    - ids: [HN-2022-0012, DN-2023-0044]   # a pair or a cluster that are different initiatives
      distinct: true                      # … never reported as duplicates again
      note: Hai đơn vị cùng áp dụng giải pháp chung của ngành.
    - ids: [DN-2023-0045]                 # copies …
      copy-of: HN-2022-0012               # … of this initiative: not published anywhere

Read and checked like every content file: strict YAML, every problem of the file at once, each with its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator.common.problems import Problem, quote, relative
from generator.content.messages import reason
from generator.content.schema import Flag, RecordId, Text
from generator.content.source import SourceError, parse_yaml, read_text

FILE = Path("decisions") / "duplicates.yaml"
MAX_IDS = 50  # in one entry


class DecisionRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    ids: Annotated[list[RecordId], Field(min_length=1, max_length=MAX_IDS)]
    distinct: Flag | None = None
    copy_of: RecordId | None = Field(None, alias="copy-of")
    note: Text | None = None


@dataclass
class Decisions:
    """What editors decided, by id in lower case."""

    groups: list[frozenset[str]] = field(default_factory=list)  # each a pair or cluster of distinct initiatives
    copies: dict[str, str] = field(default_factory=dict)  # copy -> the id it copies, as written

    def __post_init__(self) -> None:
        self._group_of: dict[str, set[int]] = {}
        for n, group in enumerate(self.groups):
            for i in group:
                self._group_of.setdefault(i, set()).add(n)

    def distinct(self, a: str, b: str) -> bool:
        """Editors said `a` and `b` are different initiatives."""
        return bool(self._group_of.get(a.lower(), set()) & self._group_of.get(b.lower(), set()))

    def decided(self, a: str, b: str) -> bool:
        """Nothing more to report about this pair: said distinct, or one of them is a copy (and unpublished)."""
        return self.distinct(a, b) or a.lower() in self.copies or b.lower() in self.copies


def load(content: Path, known: dict[str, str]) -> tuple[Decisions, list[Problem]]:
    """The decisions file of `content` (none: no decisions), checked against `known` (id in lower case -> id as
    written, every initiative read whatever its status)."""
    path = content / FILE
    if not path.exists():
        return Decisions(), []
    name = relative(path, content)
    try:
        doc = parse_yaml(read_text(path), shape=list) if path.is_file() else None
    except SourceError as e:
        return Decisions(), [Problem(name, e.line, "(tệp)", e.reason)]
    if doc is None:
        return Decisions(), [Problem(name, 1, "(tệp)", "không phải tệp thông thường")]
    problems = [Problem(name, line, where, why) for line, where, why in doc.duplicates]
    groups: list[frozenset[str]] = []
    copies: dict[str, str] = {}
    for n, entry in enumerate(doc.data):
        found: list[tuple[tuple, str]] = []  # (where, why)
        record = _entry(entry, n, known, found)
        if record is not None and not found:
            _add(record, n, known, groups, copies, found)
        problems += [Problem(name, doc.line_of(loc), _where(loc), why) for loc, why in found]
    decisions = Decisions(groups, copies)
    for copy, original in copies.items():
        for group in groups:
            if copy in group and original.lower() in group:
                why = f'"{copy}" vừa là bản sao của "{original}" vừa được ghi là khác "{original}"'
                problems.append(Problem(name, doc.first_line, "(tệp)", why))
    return decisions, problems


def _entry(entry, n: int, known: dict[str, str], found: list) -> DecisionRecord | None:
    """The entry checked: its shape, the ids it names (even when its shape is wrong), and the rules across fields."""
    bad: set[tuple] = set()
    record = None
    try:
        record = DecisionRecord.model_validate(entry)
    except ValidationError as e:
        for err in e.errors():
            bad.add((n, *err["loc"]))
            found.append(((n, *err["loc"]), reason(err, DecisionRecord)))
    raw: dict = entry if isinstance(entry, dict) else {}
    ids = raw.get("ids")
    named: list[tuple[tuple, object]] = [((n, "ids", k), i) for k, i in enumerate(ids if isinstance(ids, list) else [])]
    named.append(((n, "copy-of"), raw.get("copy-of")))
    for loc, value in named:
        if isinstance(value, str) and loc not in bad and (n, loc[1]) not in bad and value.lower() not in known:
            found.append((loc, f'không có sáng kiến "{value}" ({quote(value)})'))
    if record is None:
        return None
    if record.distinct is None and record.copy_of is None:
        found.append(
            ((n,), "cần distinct: true (các sáng kiến khác nhau) hoặc copy-of: MÃ (là bản sao của sáng kiến MÃ)")
        )
    elif record.distinct is not None and record.copy_of is not None:
        found.append(((n, "copy-of"), "chỉ ghi một trong hai: distinct hoặc copy-of"))
    elif record.distinct is False:
        found.append(((n, "distinct"), "chỉ ghi distinct: true"))
    elif record.distinct and len({i.lower() for i in record.ids}) < 2:
        found.append(((n, "ids"), "cần ít nhất hai mã khác nhau để ghi là khác nhau"))
    elif record.copy_of is not None and record.copy_of.lower() in {i.lower() for i in record.ids}:
        found.append(((n, "copy-of"), f'"{record.copy_of}" không thể là bản sao của chính nó'))
    return record


def _add(
    record: DecisionRecord,
    n: int,
    known: dict[str, str],
    groups: list[frozenset[str]],
    copies: dict[str, str],
    found: list,
) -> None:
    original = record.copy_of
    if original is None:
        groups.append(frozenset(i.lower() for i in record.ids))
        return
    for k, i in enumerate(record.ids):
        earlier = copies.get(i.lower())
        if earlier is not None and earlier.lower() != original.lower():
            found.append(
                ((n, "ids", k), f'"{i}" đã được ghi là bản sao của "{earlier}", nay lại là bản sao của "{original}"')
            )
        else:
            copies[i.lower()] = known[original.lower()]


def _where(loc: tuple) -> str:
    return ".".join(str(p) for p in loc)
