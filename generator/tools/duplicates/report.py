"""The editors' report of near-duplicate pairs: one row a pair, as a terminal table, a CSV for a spreadsheet
and a standalone HTML page (not part of the site: no external file, every value escaped).

Every value comes from the public: on the terminal it is printed without control characters, in the CSV
formula-like text is defused, in HTML Jinja escapes it.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from generator.catalogue.model import Initiative
from generator.catalogue.similarity import tokens
from generator.catalogue.similarity.screening import Screening
from generator.common import files, formatting
from generator.common.problems import printable
from generator.config import Config
from generator.content import decisions
from generator.outputs.open_data import csv_cell

STATUS = {"approved": "đã duyệt", "pending": "chờ duyệt"}


@dataclass(frozen=True)
class Side:
    id: str
    title: str
    summary: str
    organization: str
    province: str
    date: str  # dd/mm/yyyy, or "chờ duyệt"
    status: str
    file: str

    @property
    def cells(self) -> tuple[str, ...]:
        """As the CSV's columns for a side (_SIDE_COLUMNS)."""
        return (self.id, self.title, self.organization, self.province, self.date, self.status, self.file)

    @classmethod
    def of(cls, i: Initiative) -> Side:
        r = i.record
        province = i.place + (f" (trước đây: {i.former_province})" if i.former_province else "")
        return cls(
            r.id,
            r.title,
            r.summary,
            r.organization.name if r.organization else "",
            province,
            formatting.date(r.approved_on) if r.approved_on else "chờ duyệt",
            STATUS.get(r.status, r.status),
            i.source,
        )


@dataclass(frozen=True)
class Row:
    cluster: int
    score: float
    resemblance: float
    containment: float
    in_order: float
    first: Side  # came first
    second: Side
    passage: str  # the longest run of words both texts hold

    @property
    def distinct_entry(self) -> str:
        """What to write in the decisions file when they are different initiatives."""
        return f"- ids: [{self.first.id}, {self.second.id}]\n  distinct: true\n"

    @property
    def copy_entry(self) -> str:
        """… and when the later one copies the earlier."""
        return f"- ids: [{self.second.id}]\n  copy-of: {self.first.id}\n"


def rows(found: Screening) -> list[Row]:
    return [
        Row(
            p.cluster,
            p.score,
            p.resemblance,
            p.containment,
            p.in_order,
            Side.of(p.first),
            Side.of(p.second),
            tokens.passage(tokens.fields(p.first.record), tokens.fields(p.second.record)),
        )
        for p in found.pairs
    ]


def _percent(value: float) -> str:
    return f"{value:.0%}"


# --- terminal ---------------------------------------------------------------------------------------------

_SIDE = 46  # characters a side


def table(found_rows: list[Row], found: Screening) -> str:
    if not found_rows:
        return f"Không có cặp sáng kiến nào gần trùng (độ trùng từ {_percent(found.threshold)}) chưa có quyết định."
    lines = [f"{'Cụm':>4}  {'Độ trùng':>8}  {_cut('Có trước', _SIDE)}  {_cut('Có sau', _SIDE)}", "-" * (18 + 2 * _SIDE)]
    for r in found_rows:
        pad = " " * 16
        lines += [
            f"{r.cluster:>4}  {_percent(r.score):>8}  {_cut(f'{r.first.id} · {r.first.date}', _SIDE)}  "
            f"{_cut(f'{r.second.id} · {r.second.date}', _SIDE)}",
            f"{pad}{_cut(r.first.organization or '(không ghi đơn vị)', _SIDE)}  "
            f"{_cut(r.second.organization or '(không ghi đơn vị)', _SIDE)}",
            f"{pad}{_cut(r.first.province, _SIDE)}  {_cut(r.second.province, _SIDE)}",
            f"{pad}Đoạn trùng: «{_cut(r.passage, 2 * _SIDE - 12, pad=False)}»",
            "",
        ]
    return "\n".join(line.rstrip() for line in lines).rstrip()


def _cut(text: str, width: int, pad: bool = True) -> str:
    text = printable(text).strip()
    if len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    return text.ljust(width) if pad else text


def summary(found: Screening, seconds: float) -> str:
    clusters = len({p.cluster for p in found.pairs})
    decided = f"; {formatting.number(len(found.decided))} cặp đã có quyết định" if found.decided else ""
    return (
        f"{formatting.number(len(found.pairs))} cặp gần trùng chưa có quyết định trong {formatting.number(clusters)} "
        f"cụm (độ trùng từ {_percent(found.threshold)}){decided}; đã sàng lọc "
        f"{formatting.number(found.records)} sáng kiến đã duyệt và chờ duyệt trong {seconds:.1f} giây. "
        f"Ghi quyết định vào content/{decisions.FILE.as_posix()}."
    )


# --- CSV ----------------------------------------------------------------------------------------------------

_SIDE_COLUMNS = ("Mã", "Tên sáng kiến", "Đơn vị", "Tỉnh, thành", "Ngày công nhận", "Trạng thái", "Tệp")
HEADER = [
    "Cụm",
    "Độ trùng",
    "Giống toàn văn",
    "Nằm trong bản kia",
    "Cùng thứ tự chữ",
    *(f"{what} ({side})" for side in ("trước", "sau") for what in _SIDE_COLUMNS),
    "Đoạn trùng",
]


def write_csv(path: Path, found_rows: list[Row]) -> None:
    """UTF-8 with a byte-order mark, so that Excel reads the marks; scores as percentages."""
    with files.replacing(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for r in found_rows:
            scores = [_percent(x) for x in (r.score, r.resemblance, r.containment, r.in_order)]
            cells = [r.cluster, *scores, *r.first.cells, *r.second.cells, r.passage]
            writer.writerow([csv_cell(c) for c in cells])


# --- HTML ---------------------------------------------------------------------------------------------------


def write_html(path: Path, found_rows: list[Row], found: Screening, config: Config) -> None:
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    clusters: dict[int, list[Row]] = {}
    for r in found_rows:
        clusters.setdefault(r.cluster, []).append(r)
    page = env.get_template("report.html.j2").render(
        site=config.site.name,
        clusters=clusters,
        found=found,
        percent=_percent,
        number=formatting.number,
        today=formatting.date(dt.date.today()),
        decisions_file=f"content/{decisions.FILE.as_posix()}",
    )
    files.write_text(path, page)
