"""Property: a phone number, e-mail address, ID number or withheld name, however it is disguised and in whatever
field it is written, reaches no file of the built site: pages, search index, open data, feeds, sitemap, cards.

Each example writes disguised values into the fields of several records and a story, builds the site with
--skip-invalid as an editor would, and reads every file back after gzip, entity and URL decoding, NFKC,
removal of invisible characters and folding."""

from __future__ import annotations

import html
import json
import re
import shutil
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.common.text import fold

from .conftest import CONTENT, build
from .files import site_texts
from .pii_grammar import emails, id_numbers, phones, placed, withheld_names

PLAIN_FIELDS = [
    ("title",),
    ("summary",),
    ("benefit_note",),
    ("tags", 0),
    ("organization", "name"),
    ("authors", 1, "role"),
    ("images", 0, "alt"),
    ("images", 0, "credit"),
    ("images", 0, "license"),
    ("press_contact", "name"),
]
MARKDOWN_FIELDS = [("problem",), ("solution",), ("results",)]
CLEAN_ID = "SACH-2023-0001"


def _record(n: int, withheld: str) -> dict:
    return {
        "id": f"RO-2023-{n:04d}",
        "title": f"Sáng kiến số {n} về khuôn dập",
        "summary": "Tổ dập nguội giảm phế phẩm.",
        "status": "approved",
        "approved_on": "2023-05-02",
        "province": "Hà Nội",
        "sector": "C",
        "organization": {"name": f"Công ty Cơ khí Số {n}"},
        "authors": [{"name": withheld, "consent_public": False}, {"name": "Lê Công Khai", "consent_public": True}],
        "benefit_vnd": 1_250_000_000,
        "benefit_note": "Theo hội đồng.",
        "tags": ["khuôn dập"],
        "images": [{"file": "khuon-dap.jpg", "alt": "Khuôn dập", "credit": "Ảnh: tổ dập", "license": "CC BY 4.0"}],
        "press_contact": {"name": "Ban Tuyên giáo", "email": "baochi@example.org"},
        "problem": "Phế phẩm nhiều.",
        "solution": "Thêm cữ chặn.",
        "results": "Giảm 40% phế phẩm.",
    }


def _put(record: dict, where: tuple, text: str) -> None:
    *path, last = where
    target = record
    for key in path:
        target = target[key]
    target[last] = text


@st.composite
def secrets(draw):
    """(kind, disguised text, canonical value, withheld name or None) for one field of one record."""
    markdown = draw(st.booleans())
    kind = draw(st.sampled_from(["phone", "id", "email", "name"]))
    strategy = {"phone": phones, "id": id_numbers, "email": emails, "name": withheld_names}[kind]
    text, canonical, *rest = draw(placed(strategy(markdown), markdown))
    where = draw(st.sampled_from(MARKDOWN_FIELDS if markdown else PLAIN_FIELDS))
    return kind, where, text, canonical, rest[0] if rest else None


def _content(out: Path, values: list, story_value) -> Path:
    content = out / "content"
    shutil.copytree(CONTENT / "taxonomies", content / "taxonomies")
    (content / "media").mkdir(parents=True)
    shutil.copy(CONTENT / "media" / "khuon-dap.jpg", content / "media")
    (content / "initiatives").mkdir()
    (content / "stories").mkdir()
    clean = _record(0, story_value[4] or "Phan Văn Ẩn")  # the story cites it: its author may be the one named
    clean["id"] = CLEAN_ID
    _write(content / "initiatives" / "sach.yml", clean)
    for n, (_, where, text, _, name) in enumerate(values, 1):
        record = _record(n, name or "Đỗ Thị Kín")
        _put(record, where, text)
        _write(content / "initiatives" / f"r{n}.yml", record)
    front = {
        "title": "Chuyện ở xưởng dập",
        "date": "2024-03-01",
        "summary": "Một câu chuyện.",
        "initiatives": [CLEAN_ID],
    }
    body = f"Mở đầu câu chuyện.\n\n{story_value[2]}\n\nKết thúc.\n"
    (content / "stories" / "chuyen.md").write_text(
        "---\n" + json.dumps(front, ensure_ascii=False) + "\n---\n" + body, encoding="utf-8"
    )
    return content


def _write(path: Path, record: dict) -> None:
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")  # JSON is YAML 1.2, strings quoted


_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")


def _as_read(text: str) -> str:
    """What any reader of a file gets out of it: entities and %-escapes decoded, compatibility forms folded."""
    for _ in range(3):
        text = unquote(html.unescape(text))
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def _numbers(text: str) -> str:
    """Every number written in the text, its groups joined ("0912 345.678" -> "0912345678"), one a line."""
    joined = re.sub(r"(?<=\d)[^\w]{1,3}(?=\d)", "", text)
    return "\n".join(re.findall(r"\d+", joined))


def _words(text: str) -> str:
    return " " + " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split()) + " "


def _readable(site: Path) -> tuple[str, str]:
    """(every number, every word) of the built site, as a reader of any of its files gets them."""
    texts = [_as_read(text) for _, text in site_texts(site)]
    return "\n".join(_numbers(t) for t in texts), "\n".join(_words(t) for t in texts)


def _leaks(site: Path, values: list, baseline: tuple[str, str] = ("", "")) -> list[str]:
    """The values found in the site; a value the site holds anyway (in `baseline`, the site built without the
    records that carry them: "2000000000" may well be a benefit figure) is no leak."""
    digits, words = _readable(site)
    found = []
    for kind, _, _, canonical, _ in values:
        if kind in ("phone", "id"):
            leaked = canonical in digits and canonical not in baseline[0]
        elif kind == "name":
            leaked = f" {canonical} " in words and f" {canonical} " not in baseline[1]
        else:
            local, _, domain = canonical.partition("@")
            mention = re.compile(rf"{re.escape(local)}\W{{0,8}}(?:at\W{{0,8}})?{re.escape(domain.split('.')[0])}")
            leaked = bool(mention.search(words)) and not mention.search(baseline[1])
        if leaked:
            found.append(f"{kind} {canonical}")
    return found


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("leaks")


@pytest.fixture(scope="module")
def baseline(work) -> tuple[str, str]:
    """The site with the clean record and a plain story only: what every example's site holds anyway."""
    out = work / "baseline"
    assert build(_content(out, [], ("", (), "Một đoạn.", "", None)), out) == 0
    return _readable(out / "site")


@settings(
    max_examples=6,
    deadline=None,
    phases=[Phase.generate],  # each example is a whole build: no shrinking
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(values=st.lists(secrets(), min_size=4, max_size=8), story=secrets())
def test_no_disguised_personal_data_reaches_any_built_file(work, baseline, values, story):
    out = Path(work) / f"b{len(list(Path(work).iterdir()))}"
    content = _content(out, values, story)
    assert build(content, out, "--skip-invalid", "--report", str(out / "skipped.txt")) == 0
    site = out / "site"
    assert (site / "sang-kien" / CLEAN_ID.lower() / "index.html").is_file()  # the clean record is published
    assert _leaks(site, [*values, story], baseline) == []
    report = (out / "skipped.txt").read_text(encoding="utf-8")
    for n in range(1, len(values) + 1):
        assert f"initiatives/r{n}.yml" in report  # each record was refused, and said why
    shutil.rmtree(out)


def test_the_leak_check_finds_what_it_looks_for(tmp_path):
    """The same check on a site that does publish a number, an address and a name must find all three."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text("Gọi 0&#57;12&nbsp;345.678, viết ten&#64;mien.vn, hỏi anh TRẦN Bí M&shy;ật", "utf-8")
    values = [
        ("phone", (), "", "912345678", None),
        ("email", (), "", "ten@mien.vn", None),
        ("name", (), "", "tran bi mat", None),
    ]
    assert _leaks(site, values) == ["phone 912345678", "email ten@mien.vn", "name tran bi mat"]
