"""A demo data set of any size: valid, varied, realistic-looking initiatives and stories, so anyone can
reproduce the scale figures. Deterministic for a given seed.

Names are written as people write them, so that every part of the product meets them: provinces by former
names, slugs, short forms ("TP.HCM", "Thừa Thiên Huế") and without marks; about a fifth of the records from
national units (a national sector union or a corporation's union), most of them with no province; unions and
organisation kinds in several wordings. `records()` draws the records; `write_demo` writes them as content files,
and benchmarks/import.py as a portal export."""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import shutil
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.common import formatting
from generator.common.names import FAMILY_NAMES
from generator.common.text import strip_marks
from generator.content.taxonomy import Province, Taxonomy, TradeUnion
from generator.tools.demo_text import initiative_text, story_body

FAMILY = FAMILY_NAMES[:15]  # the fifteen most common
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Thu", "Xuân"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Lan",
    "Linh",
    "Mai",
    "Nam",
    "Ngọc",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vân",
    "Yến",
    "Đạt",
    "Ánh",
]
ROLES = ["Công nhân", "Tổ trưởng", "Kỹ thuật viên", "Kỹ sư", "Điều dưỡng", "Giáo viên", "Nhân viên", "Thợ bảo trì"]
ORG_KINDS = {
    "doanh-nghiep": ["Công ty CP", "Công ty TNHH", "Tổng Công ty"],
    "hop-tac-xa": ["Hợp tác xã"],
    "benh-vien": ["Bệnh viện Đa khoa"],
    "truong-hoc": ["Trường THPT", "Trường Tiểu học"],
    "co-quan": ["Trung tâm", "Chi cục"],
}
ORG_WORDS = [
    "Sông Hồng",
    "Phương Nam",
    "Đại Việt",
    "Thành Công",
    "Hòa Bình",
    "Tân Tiến",
    "Hưng Thịnh",
    "An Phát",
    "Việt Tiến",
    "Bình Minh",
    "Trường Sơn",
    "Cửu Long",
    "Đông Á",
    "Thăng Long",
    "Hoàng Gia",
]
TAGS = [
    "an toàn lao động",
    "tiết kiệm năng lượng",
    "năng suất",
    "chuyển đổi số",
    "môi trường",
    "tự động hóa",
    "tiết kiệm nước",
    "đời sống công nhân",
    "kinh tế tuần hoàn",
    "công thái học",
    "giảm phát thải",
    "bảo trì",
    "chất lượng sản phẩm",
    "cải tiến quy trình",
    "tiết kiệm vật tư",
    "phòng cháy chữa cháy",
    "5S",
    "Kaizen",
    "cơ khí",
    "điện tự động",
    "y tế",
    "giáo dục",
    "dịch vụ công",
    "nông nghiệp sạch",
]
# Authors as they are really written: most by full name, some by a nickname, some collectively.
NICKNAMES = ["Mạnh", "Hòa", "Bình", "An", "Tâm", "Thắng", "Lợi", "Phát", "Tài", "Đức"]
COLLECTIVE = ["Tổ bảo trì cơ điện", "Nhóm kỹ thuật ca 2", "Tập thể tổ sản xuất số 3", "Công đoàn bộ phận xưởng may"]
STORY_TITLES = [
    "Những sáng kiến của người lao động {province}, phần {n}",
    "{province}: khi người thợ làm chủ máy móc ({n})",
    "Chuyện ở {province}: từ ý tưởng nhỏ đến giá trị lớn ({n})",
    "Người lao động {province} và những cải tiến thầm lặng ({n})",
]
STORY_SUMMARIES = [
    "Chuyện về những người lao động đã làm công việc của mình an toàn và hiệu quả hơn.",
    "Những cải tiến nhỏ, làm từ vật tư sẵn có, đã thay đổi cách cả xưởng làm việc.",
    "Từ một lần hỏng máy giữa mùa cao điểm, một nhóm công nhân tìm ra cách làm mới.",
    "Sáng kiến không chỉ làm lợi cho doanh nghiệp mà còn giúp người lao động bớt vất vả.",
]
SUMMARIES = [
    "Người lao động tại {org} đã {what}, làm lợi khoảng {money} mỗi năm.",
    "{org}: {what}. Giá trị làm lợi ước tính {money}/năm.",
    "Sáng kiến của {org} nhằm {what}.",
    "Từ thực tế sản xuất, tập thể {org} đề xuất {what}; hiệu quả khoảng {money} mỗi năm.",
]
STATUSES = ["approved"] * 23 + ["pending", "rejected"]
RECOGNITION = ["co-so"] * 6 + ["cap-nganh"] * 2 + ["cap-tinh"] * 3 + ["toan-quoc"]


NATIONAL_SHARE = 0.2  # of organisations: national units
NATIONAL_WITH_PROVINCE = 0.15  # of national units' records: those that also name where they are
KIND_WORDS = {key: [key, label] for key, label in formatting.ORGANIZATION_KINDS.items()}
KIND_WORDS["doanh-nghiep"] += ["enterprise", "Công ty"]
KIND_WORDS["truong-hoc"] += ["school"]
KIND_WORDS["benh-vien"] += ["hospital"]
KIND_WORDS["hop-tac-xa"] += ["cooperative", "HTX"]
NATIONAL_PREFIXES = ["Tổng công ty", "Công ty", "Công ty TNHH MTV", "Chi nhánh", "Xí nghiệp", "Trung tâm"]


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _person(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.03:
        return rng.choice(NICKNAMES)
    if roll < 0.06:
        return rng.choice(COLLECTIVE)
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


SOURCE = Path(__file__).resolve().parents[2] / "content"  # the sample content: taxonomies and photos to copy


@dataclass(frozen=True)
class Org:
    name: str
    kind: str
    sector: str
    province: Province | None  # None: a national unit with no province of its own
    union: TradeUnion | None  # a national union; None: the province's federation


@dataclass(frozen=True)
class DemoRecord:
    """One demo initiative with its values as the contract holds them; spelling is left to the writer."""

    id: str
    title: str
    summary: str
    status: str
    approved_on: dt.date
    programme: str
    province: Province | None
    union: TradeUnion | None
    sector: str
    org: Org
    authors: list[tuple[str, str, bool]]  # name, role, consent
    benefit: int
    recognition: str
    problem: str
    solution: str
    results: str
    tags: list[str]
    featured: bool


def run(out: Path, count: int, seed: int) -> int:
    """`showcase demo-data`: a new folder of `count` demo initiatives, or a clear refusal."""
    if out.exists() and any(out.iterdir()):
        print(f"Thư mục {out} đã có nội dung; hãy chọn thư mục trống.", file=sys.stderr)
        return 2
    start = time.perf_counter()
    made = write_demo(out, count, seed, SOURCE)
    print(
        f"Đã tạo {formatting.number(made['initiatives'])} sáng kiến, {formatting.number(made['organizations'])} "
        f"đơn vị, {made['stories']} câu chuyện trong {out} ({time.perf_counter() - start:.1f} giây)."
    )
    return 0


def write_demo(out: Path, count: int, seed: int, source: Path) -> dict[str, int]:
    rng = random.Random(seed)
    taxonomy = Taxonomy(source / "taxonomies")
    for sub in ("taxonomies", "media"):
        shutil.copytree(source / sub, out / sub, dirs_exist_ok=True)
    (out / "initiatives").mkdir(parents=True, exist_ok=True)
    (out / "stories").mkdir(parents=True, exist_ok=True)
    spell = Spelling(taxonomy, source / "taxonomies")
    approved_by_province: dict[str, list[str]] = {}
    orgs = organizations(rng, taxonomy, count)
    for r in records(rng, taxonomy, count, orgs):
        folder = out / "initiatives" / (r.province.slug if r.province else f"trung-uong-{r.union.slug}")  # type: ignore[union-attr]
        folder.mkdir(exist_ok=True)
        (folder / f"{r.id.lower()}.yml").write_text(_yaml(rng, r, spell), encoding="utf-8")
        if r.status == "approved" and r.province:
            approved_by_province.setdefault(r.province.name, []).append(r.id)
    stories = _stories(rng, out / "stories", approved_by_province, max(1, count // 500))
    return {"initiatives": count, "organizations": len(orgs), "stories": stories}


def organizations(rng: random.Random, taxonomy: Taxonomy, count: int) -> list[Org]:
    return [_org(rng, taxonomy, n) for n in range(max(5, count // 20))]


def records(rng: random.Random, taxonomy: Taxonomy, count: int, orgs: list[Org]) -> Iterator[DemoRecord]:
    for n in range(count):
        yield _record(rng, n, rng.choice(orgs), taxonomy)


def _org(rng: random.Random, taxonomy: Taxonomy, n: int) -> Org:
    if rng.random() < NATIONAL_SHARE:
        union = rng.choice(taxonomy.national_unions)
        province = rng.choice(taxonomy.provinces) if rng.random() < NATIONAL_WITH_PROVINCE else None
        # A corporation's union: companies named after their trade; a sector union: agencies and companies.
        trade = f"{union.short_name} " if union.kind == "tap-doan" else ""
        name = f"{rng.choice(NATIONAL_PREFIXES)} {trade}{rng.choice(ORG_WORDS)} {n + 1}"
        return Org(name, "doanh-nghiep", union.sector or "C", province, union)
    kind = rng.choice(list(ORG_KINDS))
    province = rng.choice(taxonomy.provinces)
    sector = {"benh-vien": "Q", "truong-hoc": "P", "co-quan": "O"}.get(kind) or rng.choice("AABCCCCCCDEFGHHIJKLMNQRS")
    name = f"{rng.choice(ORG_KINDS[kind])} {rng.choice(ORG_WORDS)} {province.name} {n + 1}"
    return Org(name, kind, sector, province, None)


def _record(rng: random.Random, n: int, org: Org, taxonomy: Taxonomy) -> DemoRecord:
    year = rng.randint(2021, 2025)
    words_ = initiative_text(rng, org.sector)
    title = words_["title"]
    benefit = int(10 ** rng.uniform(6, 10.5)) // 1000 * 1000
    summary = rng.choice(SUMMARIES).format(
        org=org.name, what=title[0].lower() + title[1:], money=formatting.money_short(benefit)
    )
    return DemoRecord(
        id=f"DEMO-{year}-{n:07d}",
        title=title,
        summary=summary,
        status=rng.choice(STATUSES),
        approved_on=dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364)),
        programme="75-nghin-sang-kien" if year == 2021 else "mot-trieu-sang-kien",
        province=org.province,
        union=org.union,
        sector=org.sector,
        org=org,
        authors=[(_person(rng), rng.choice(ROLES), rng.random() < 0.8) for _ in range(rng.randint(1, 3))],
        benefit=benefit,
        recognition=rng.choice(RECOGNITION),
        problem=words_["problem"],
        solution=words_["solution"],
        results=words_["results"],
        tags=rng.sample(TAGS, rng.randint(1, 3)),
        featured=rng.random() < 0.01,
    )


class Spelling:
    """How people write a province, a union or an organisation kind: usually the name, often otherwise."""

    def __init__(self, taxonomy: Taxonomy, folder: Path):
        self.taxonomy = taxonomy
        self.short: dict[str, list[str]] = {}  # province name -> its short forms ("TP.HCM", "Sài Gòn")
        with (folder / "province-aliases.csv").open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                match = taxonomy.province(row["province"])
                if match.former_name is None:
                    self.short.setdefault(match.province.name, []).append(row["written"])

    def province(self, rng: random.Random, p: Province) -> str:
        roll = rng.random()
        if roll < 0.12 and len(p.former_units) > 1:
            return rng.choice(p.former_units)
        if roll < 0.17:
            return p.slug
        if roll < 0.27:
            return rng.choice(self.short.get(p.name, []) + [p.official_name, f"TP. {p.name}", f"tỉnh {p.name}"][:3])
        if roll < 0.32:
            return strip_marks(p.name)
        return p.name

    def union(self, rng: random.Random, u: TradeUnion) -> str:
        roll = rng.random()
        if roll < 0.6 or not u.written:
            return u.name if roll < 0.8 else f"Công đoàn {u.short_name}"
        return rng.choice(u.written)

    def federation(self, p: Province) -> str:
        return self.taxonomy.federation(p).name

    def kind(self, rng: random.Random, key: str) -> str:
        return key if rng.random() < 0.7 else rng.choice(KIND_WORDS[key])


def _yaml(rng: random.Random, r: DemoRecord, spell: Spelling) -> str:
    place = f"province: {_q(spell.province(rng, r.province))}\n" if r.province else ""
    if r.union:
        place += f"union: {_q(spell.union(rng, r.union))}\n"
    elif r.province and rng.random() < 0.1:
        place += f"union: {_q(spell.federation(r.province))}\n"
    authors = "".join(
        f"\n  - name: {_q(name)}\n    role: {_q(role)}\n    consent_public: {'true' if consent else 'false'}"
        for name, role, consent in r.authors
    )
    return (
        f"id: {r.id}\ntitle: {_q(r.title)}\nsummary: {_q(r.summary)}\nstatus: {r.status}\n"
        + (f"approved_on: {r.approved_on.isoformat()}\n" if r.status == "approved" else "")
        + f"programme: {r.programme}\n{place}sector: {r.sector}\n"
        f"organization:\n  name: {_q(r.org.name)}\n  kind: {_q(spell.kind(rng, r.org.kind))}\nauthors:{authors}\n"
        f"benefit_vnd: {r.benefit}\nrecognition: {r.recognition}\n"
        f"problem: {_q(r.problem)}\nsolution: {_q(r.solution)}\n"
        f"results: {_q(r.results)}\ntags: [{', '.join(_q(t) for t in r.tags)}]\n"
        + ("featured: true\n" if r.featured else "")
    )


def _stories(rng, folder: Path, approved_by_province: dict[str, list[str]], count: int) -> int:
    provinces = sorted(approved_by_province)
    for n in range(count):
        province = rng.choice(provinces)
        cited = rng.sample(approved_by_province[province], min(3, len(approved_by_province[province])))
        title = rng.choice(STORY_TITLES).format(province=province, n=n + 1)
        (folder / f"cau-chuyen-{n + 1:05d}.md").write_text(
            f"---\ntitle: {_q(title)}\n"
            f"date: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
            f"summary: {_q(rng.choice(STORY_SUMMARIES))}\n"
            f"province: {_q(province)}\ninitiatives: [{', '.join(cited)}]\nbyline: Ban biên tập\n---\n"
            + story_body(rng, rng.choice("ABCCCDEFHJPQ")),
            encoding="utf-8",
        )
    return count
