"""A demo data set of any size: valid, varied, realistic-looking initiatives and stories, so anyone can
reproduce the scale figures. Deterministic for a given seed."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import sys
import time
from pathlib import Path

from generator.common import formatting
from generator.common.names import FAMILY_NAMES
from generator.content.taxonomy import Taxonomy
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
    former = {p.name: list(p.former_units) for p in taxonomy.provinces}
    for sub in ("taxonomies", "media"):
        shutil.copytree(source / sub, out / sub, dirs_exist_ok=True)
    (out / "initiatives").mkdir(parents=True, exist_ok=True)
    (out / "stories").mkdir(parents=True, exist_ok=True)
    orgs = [_org(rng, taxonomy, i) for i in range(max(5, count // 20))]
    approved_by_province: dict[str, list[str]] = {}
    for n in range(count):
        province, sector, org_name, org_kind = rng.choice(orgs)
        id_, text, status = _initiative(rng, n, province, sector, org_name, org_kind, former)
        folder = out / "initiatives" / province.slug
        folder.mkdir(exist_ok=True)
        (folder / f"{id_.lower()}.yml").write_text(text, encoding="utf-8")
        if status == "approved":
            approved_by_province.setdefault(province.name, []).append(id_)
    stories = _stories(rng, out / "stories", approved_by_province, max(1, count // 500))
    return {"initiatives": count, "organizations": len(orgs), "stories": stories}


def _org(rng: random.Random, taxonomy: Taxonomy, n: int):
    kind = rng.choice(list(ORG_KINDS))
    province = rng.choice(taxonomy.provinces)
    sector = {"benh-vien": "Q", "truong-hoc": "P", "co-quan": "O"}.get(kind) or rng.choice("AABCCCCCCDEFGHHIJKLMNQRS")
    name = f"{rng.choice(ORG_KINDS[kind])} {rng.choice(ORG_WORDS)} {province.name} {n + 1}"
    return province, sector, name, kind


def _initiative(rng, n, province, sector, org_name, org_kind, former):
    year = rng.randint(2021, 2025)
    id_ = f"DEMO-{year}-{n:07d}"
    status = rng.choice(STATUSES)
    words = initiative_text(rng, sector)
    title = words["title"]
    benefit = int(10 ** rng.uniform(6, 10.5)) // 1000 * 1000
    written = rng.random()
    province_text = (
        rng.choice(former[province.name]) if written < 0.15 else province.slug if written < 0.2 else province.name
    )
    authors = "".join(
        f"\n  - name: {_q(_person(rng))}\n    role: {_q(rng.choice(ROLES))}\n    consent_public: "
        f"{'true' if rng.random() < 0.8 else 'false'}"
        for _ in range(rng.randint(1, 3))
    )
    approved = (dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))).isoformat()
    tags = ", ".join(_q(t) for t in rng.sample(TAGS, rng.randint(1, 3)))
    summary = rng.choice(SUMMARIES).format(
        org=org_name, what=title[0].lower() + title[1:], money=formatting.money_short(benefit)
    )
    text = (
        f"id: {id_}\ntitle: {_q(title)}\nsummary: {_q(summary)}\nstatus: {status}\n"
        + (f"approved_on: {approved}\n" if status == "approved" else "")
        + f"programme: {'75-nghin-sang-kien' if year == 2021 else 'mot-trieu-sang-kien'}\n"
        f"province: {_q(province_text)}\nsector: {sector}\n"
        f"organization:\n  name: {_q(org_name)}\n  kind: {org_kind}\nauthors:{authors}\n"
        f"benefit_vnd: {benefit}\nrecognition: {rng.choice(RECOGNITION)}\n"
        f"problem: {_q(words['problem'])}\nsolution: {_q(words['solution'])}\n"
        f"results: {_q(words['results'])}\ntags: [{tags}]\n" + ("featured: true\n" if rng.random() < 0.01 else "")
    )
    return id_, text, status


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
