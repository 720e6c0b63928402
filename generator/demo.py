"""A demo data set of any size: valid, varied, realistic-looking initiatives and stories, so anyone can
reproduce the scale figures. Deterministic for a given seed."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from pathlib import Path

from . import formatting
from .taxonomy import Taxonomy

ACTIONS = ["Cải tiến", "Tự động hóa", "Thiết kế lại", "Số hóa", "Tận dụng", "Chế tạo", "Ứng dụng cảm biến cho",
           "Tối ưu", "Cơ giới hóa", "Chuẩn hóa quy trình vận hành"]
OBJECTS = {
    "A": ["hệ thống tưới nhỏ giọt", "máy gieo hạt", "máy sấy lúa", "ao nuôi tôm", "nhà kính trồng rau", "máy vò chè"],
    "B": ["giá đỡ thủy lực", "băng tải than", "quạt gió cục bộ", "hệ thống thoát nước mỏ", "máng cào"],
    "C": ["khuôn dập", "dây chuyền may", "máy ép nhựa", "băng tải", "lò hơi", "máy cắt vải", "đồ gá hàn",
          "máy bóc vỏ tôm", "lò nung gạch", "dây chuyền đóng gói"],
    "D": ["trạm biến áp", "công tơ điện tử", "đường dây trung thế", "tủ bù công suất"],
    "E": ["bể lắng", "trạm bơm", "hệ thống xử lý nước thải", "điểm thu gom rác"],
    "F": ["khuôn đúc bê tông", "giàn giáo", "máy trộn vữa", "cốp pha"],
    "G": ["kho hàng", "quầy thu ngân", "quy trình giao hàng"],
    "H": ["cẩu bờ", "xe nâng", "lịch điều độ", "bãi container", "ghe chở hàng"],
    "I": ["bếp ăn công nghiệp", "quy trình buồng phòng", "máy rửa khay"],
    "J": ["tuyến cáp quang", "tổng đài", "hệ thống giám sát mạng"],
    "K": ["quy trình giao dịch", "hồ sơ tín dụng", "quầy giao dịch"],
    "P": ["ngân hàng câu hỏi", "bếp ăn bán trú", "phòng thí nghiệm"],
    "Q": ["quy trình khám bệnh", "kho dược", "hồ sơ bệnh án", "xe đẩy cấp phát thuốc"],
}
GENERIC = ["quy trình làm việc", "hồ sơ hành chính", "thiết bị văn phòng", "kho lưu trữ", "lịch trực"]
GOALS = ["giảm {p}% phế phẩm", "tiết kiệm {p}% điện năng", "rút ngắn {p}% thời gian", "giảm tai nạn lao động",
         "tiết kiệm {p}% nguyên liệu", "tăng {p}% năng suất", "tiết kiệm {p}% nước", "giảm {p}% chi phí bảo dưỡng"]
PROBLEMS = ["Công việc làm thủ công, tốn nhiều nhân lực và dễ sai sót.",
            "Thiết bị cũ thường xuyên hỏng, phải dừng máy để sửa chữa.",
            "Người lao động phải làm việc trong môi trường nóng, bụi và nguy hiểm.",
            "Chi phí năng lượng và nguyên liệu cao, thất thoát nhiều.",
            "Thời gian chờ đợi kéo dài, khách hàng và người lao động phàn nàn."]
SOLUTIONS = ["Tổ sản xuất thiết kế lại bộ phận chính, thêm cảm biến và bộ điều khiển tự động.",
             "Nhóm tác giả tận dụng vật tư thanh lý để chế tạo thiết bị mới, chi phí thấp.",
             "Quy trình được chuẩn hóa bằng phiếu hướng dẫn có hình ảnh và mã QR tại chỗ làm việc.",
             "Dữ liệu vận hành được theo dõi hằng ngày để phát hiện sớm bất thường."]
RESULTS = ["Năng suất tăng rõ rệt, người lao động bớt vất vả.", "Không còn sự cố an toàn trong năm áp dụng.",
           "Giải pháp đã được nhân rộng ra các đơn vị khác.", "Chi phí giảm đáng kể ngay trong năm đầu."]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Thu", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Linh", "Mai", "Nam", "Ngọc",
         "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân", "Yến", "Đạt", "Ánh"]
ROLES = ["Công nhân", "Tổ trưởng", "Kỹ thuật viên", "Kỹ sư", "Điều dưỡng", "Giáo viên", "Nhân viên", "Thợ bảo trì"]
ORG_KINDS = {"doanh-nghiep": ["Công ty CP", "Công ty TNHH", "Tổng Công ty"], "hop-tac-xa": ["Hợp tác xã"],
             "benh-vien": ["Bệnh viện Đa khoa"], "truong-hoc": ["Trường THPT", "Trường Tiểu học"],
             "co-quan": ["Trung tâm", "Chi cục"]}
ORG_WORDS = ["Sông Hồng", "Phương Nam", "Đại Việt", "Thành Công", "Hòa Bình", "Tân Tiến", "Hưng Thịnh", "An Phát",
             "Việt Tiến", "Bình Minh", "Trường Sơn", "Cửu Long", "Đông Á", "Thăng Long", "Hoàng Gia"]
TAGS = ["an toàn lao động", "tiết kiệm năng lượng", "năng suất", "chuyển đổi số", "môi trường", "tự động hóa",
        "tiết kiệm nước", "đời sống công nhân", "kinh tế tuần hoàn", "công thái học"]
STATUSES = ["approved"] * 23 + ["pending", "rejected"]
RECOGNITION = ["co-so"] * 6 + ["cap-nganh"] * 2 + ["cap-tinh"] * 3 + ["toan-quoc"]


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


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
    sector = {"benh-vien": "Q", "truong-hoc": "P", "co-quan": "O"}.get(kind) or rng.choice(
        "AABCCCCCCDEFGHHIJKLMNQRS")
    name = f"{rng.choice(ORG_KINDS[kind])} {rng.choice(ORG_WORDS)} {province.name} {n + 1}"
    return province, sector, name, kind


def _initiative(rng, n, province, sector, org_name, org_kind, former):
    year = rng.randint(2021, 2025)
    id_ = f"DEMO-{year}-{n:07d}"
    status = rng.choice(STATUSES)
    obj = rng.choice(OBJECTS.get(sector, GENERIC))
    goal = rng.choice(GOALS).format(p=rng.randint(5, 60))
    title = f"{rng.choice(ACTIONS)} {obj} giúp {goal}"
    benefit = int(10 ** rng.uniform(6, 10.5)) // 1000 * 1000
    written = rng.random()
    province_text = (rng.choice(former[province.name]) if written < 0.15
                     else province.slug if written < 0.2 else province.name)
    authors = "".join(
        f"\n  - name: {_q(_person(rng))}\n    role: {_q(rng.choice(ROLES))}\n    consent_public: "
        f"{'true' if rng.random() < 0.8 else 'false'}" for _ in range(rng.randint(1, 3)))
    approved = (dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))).isoformat()
    tags = ", ".join(_q(t) for t in rng.sample(TAGS, rng.randint(1, 3)))
    summary = (f"Người lao động tại {org_name} đã {title[0].lower() + title[1:]}, "
               f"làm lợi khoảng {formatting.money_short(benefit)} mỗi năm.")
    text = (f"id: {id_}\ntitle: {_q(title)}\nsummary: {_q(summary)}\nstatus: {status}\n"
            + (f"approved_on: {approved}\n" if status == "approved" else "")
            + f"programme: {'75-nghin-sang-kien' if year == 2021 else 'mot-trieu-sang-kien'}\n"
            f"province: {_q(province_text)}\nsector: {sector}\n"
            f"organization:\n  name: {_q(org_name)}\n  kind: {org_kind}\nauthors:{authors}\n"
            f"benefit_vnd: {benefit}\nrecognition: {rng.choice(RECOGNITION)}\n"
            f"problem: {_q(rng.choice(PROBLEMS))}\n"
            f"solution: {_q(rng.choice(SOLUTIONS) + chr(10) * 2 + '- ' + rng.choice(SOLUTIONS))}\n"
            f"results: {_q(rng.choice(RESULTS))}\ntags: [{tags}]\n"
            + ("featured: true\n" if rng.random() < 0.01 else ""))
    return id_, text, status


def _stories(rng, folder: Path, approved_by_province: dict[str, list[str]], count: int) -> int:
    provinces = sorted(approved_by_province)
    for n in range(count):
        province = rng.choice(provinces)
        cited = rng.sample(approved_by_province[province], min(3, len(approved_by_province[province])))
        (folder / f"cau-chuyen-{n + 1:05d}.md").write_text(
            f"---\ntitle: {_q(f'Những sáng kiến của người lao động {province}, phần {n + 1}')}\n"
            f"date: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
            f"summary: {_q('Chuyện về những người lao động đã làm công việc của mình an toàn và hiệu quả hơn.')}\n"
            f"province: {_q(province)}\ninitiatives: [{', '.join(cited)}]\nbyline: Ban biên tập\n---\n"
            "Ở nhiều nơi, sáng kiến bắt đầu từ một câu hỏi đơn giản: làm sao cho công việc bớt vất vả?\n\n"
            "## Từ ý tưởng đến hiệu quả\n\nNhững cải tiến nhỏ đã mang lại giá trị lớn cho đơn vị.\n",
            encoding="utf-8")
    return count
