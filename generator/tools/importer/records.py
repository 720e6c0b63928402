"""One row of an export -> the fields of one initiative in the content contract, with every cell's problem.

Names go through the same lists `check` uses (content/taxonomy.py) and are written the way they resolve: "TP HCM"
becomes "Hồ Chí Minh", a former province keeps its name ("Bình Dương") so the page can say "trước đây: tỉnh
Bình Dương", a sector its short label, a kind or a recognition level its key. What a row cannot give is
reported per column, quoting the cell; the whole record is then checked by the checker (see run.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.common.problems import quote
from generator.content.messages import ID_RULE
from generator.content.schema import ID_PATTERN
from generator.content.taxonomy import Taxonomy, UnknownName
from generator.tools.importer import values
from generator.tools.importer.headers import Columns
from generator.tools.importer.xlsx import FormulaWithoutValue

_TRAILING = re.compile(r"^(.*?)\s*\(([^()]*)\)$")  # "Nguyễn Văn A (đồng ý)", "Trần Thị B (Tổ trưởng)"


@dataclass
class Row:
    number: int
    data: dict = field(default_factory=dict)  # contract fields, in the contract's order
    problems: list[tuple[str, str]] = field(default_factory=list)  # (field of the mapping, reason with value)

    @property
    def id(self) -> str:
        return self.data.get("id", "")


class Reader:
    """Reads rows laid out as `columns`, looking names up in the lists `check` uses."""

    def __init__(self, columns: Columns, taxonomy: Taxonomy, epoch_1904: bool = False):
        self.columns, self.epoch_1904 = columns, epoch_1904
        self.programme = lambda v: taxonomy.programme(v).key
        self.province = lambda v: _province(taxonomy, v)
        self.union = lambda v: taxonomy.union(v).name
        self.sector = lambda v: taxonomy.sector(v).label
        self.kind = taxonomy.organization_kind
        self.level = taxonomy.recognition_level

    def read(self, number: int, cells: list) -> Row:
        row = Row(number)
        cell = _Cells(cells, self.columns, row)
        data = row.data
        data["id"] = cell.get("id", _id)
        data["title"] = cell.get("title", values.line)
        data["summary"] = cell.get("summary", values.line)
        data["status"] = cell.get("status", values.status) if "status" in self.columns.at else "approved"
        data["approved_on"] = cell.get("approved_on", self._day)
        data["programme"] = cell.get("programme", _named(self.programme))
        data["province"] = cell.get("province", _named(self.province))
        data["union"] = cell.get("union", _named(self.union))
        data["sector"] = cell.get("sector", _named(self.sector))
        data["organization"] = _organization(cell, self.kind)
        data["authors"] = _authors(cell)
        benefit, note = cell.get("benefit", values.money) or (None, None)
        notes = [n for n in (note, cell.get("benefit_note", values.line)) if n]
        data["benefit_vnd"] = benefit
        data["benefit_note"] = "; ".join(notes)
        data["recognition"] = cell.get("recognition", _named(self.level))
        for name in ("problem", "solution", "results"):
            data[name] = cell.get(name, values.text)
        data["tags"] = cell.get("tags", values.keywords)
        row.data = {k: v for k, v in data.items() if v not in (None, "", [])}
        return row

    def _day(self, raw) -> str:
        return values.day(raw, self.epoch_1904) if values.text(raw) else ""


class _Cells:
    """Reads fields from one row's cells; a cell that cannot give a value adds a problem and gives None."""

    def __init__(self, cells: list, columns: Columns, row: Row):
        self.cells, self.columns, self.row = cells, columns, row

    def raw(self, name: str):
        k = self.columns.at.get(name)
        return self.cells[k] if k is not None and k < len(self.cells) else None

    def get(self, name: str, parse: Callable):
        if name not in self.columns.at:
            return None
        raw = self.raw(name)
        try:
            return parse(raw)
        except values.Refused as e:
            self.fail(name, f"{e} ({quote(_shown(raw))})")
        except UnknownName as e:  # its message quotes the value already
            self.fail(name, str(e))
        return None

    def fail(self, name: str, reason: str) -> None:
        self.row.problems.append((name, reason))


def _id(raw) -> str:
    """The record's id, which also names its file: checked here, before any file is named after it."""
    written = values.line(raw)
    if not written:
        raise values.Refused("không được để trống")
    if not re.fullmatch(ID_PATTERN, written):
        raise values.Refused(ID_RULE)
    return written


def _shown(raw) -> str:
    """A cell as quoted in a problem: what the editor sees in the sheet."""
    if isinstance(raw, FormulaWithoutValue):
        return f"={raw.formula}"
    try:
        return values.text(raw)
    except values.Refused:
        return ""


def _named(find: Callable[[str], str]) -> Callable:
    """A name looked up in a list; an empty cell is no value."""
    return lambda raw: find(text) if (text := values.line(raw)) else None


def _province(taxonomy: Taxonomy, written: str) -> str:
    match = taxonomy.province(written)
    return match.former_name or match.province.name  # a former province keeps its name, to be shown as such


def _organization(cell: _Cells, kind_of: Callable[[str], str]) -> dict | None:
    name = cell.get("organization", values.line)
    kind = cell.get("organization_kind", _named(kind_of))
    if kind and not name:
        cell.fail("organization_kind", f"có loại đơn vị nhưng thiếu tên đơn vị áp dụng ({quote(kind)})")
    if not name:
        return None
    return {"name": name, "kind": kind} if kind else {"name": name}


def _authors(cell: _Cells) -> list[dict]:
    """Several authors in one cell; consent and roles per author when the cells give one each, else one for all.
    "Nguyễn Văn A (đồng ý)" gives that author's answer; "Trần Thị B (Tổ trưởng)" a role."""
    names = cell.get("authors", values.items) or []
    if not names:
        return []
    authors: list[dict] = []
    for written in names:
        author: dict = {"name": written}
        if match := _TRAILING.match(written):
            inside = match.group(2).strip()
            answer = values.consent_word(inside)
            author["name"] = match.group(1).strip() or written
            if answer is not None:
                author["consent_public"] = answer
            elif inside:
                author["role"] = inside
        authors.append(author)
    roles = cell.get("author_roles", values.items) or []
    if roles:
        if len(roles) == len(authors):
            for author, role in zip(authors, roles, strict=True):
                author["role"] = role
        else:
            cell.fail("author_roles", _count(len(roles), "chức danh", len(authors), cell.raw("author_roles")))
    answers = cell.get("consent", values.items) or []
    if len(answers) > 1 and len(answers) != len(authors):
        cell.fail("consent", _count(len(answers), "câu trả lời", len(authors), cell.raw("consent")))
        answers = []
    for k, author in enumerate(authors):
        given = answers[k] if len(answers) > 1 else (answers[0] if answers else None)
        if given is not None and "consent_public" not in author:
            try:
                author["consent_public"] = values.consent(given)
            except values.Refused as e:
                cell.fail("consent", f"{e} ({quote(given)})")
        author.setdefault("consent_public", False)  # no answer is no consent
    return [{k: a[k] for k in ("name", "role", "consent_public") if k in a} for a in authors]


def _count(given: int, what: str, authors: int, raw) -> str:
    return f"{given} {what} cho {authors} tác giả: ghi một cho tất cả hoặc mỗi tác giả một ({quote(_shown(raw))})"
