"""What reaches the outputs: no invisible character anywhere, figures and licences as given, story bodies with
their structure, and open data without markup or script links however it was disguised."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import html
import json
import re
import shutil
import sys
import unicodedata
from pathlib import Path

import pytest

from generator.catalogue.model import Catalogue
from generator.common.text import clean, one_line
from generator.content.validate import load_content
from generator.outputs import open_data as exports
from generator.pages import site_pages as pages
from generator.render.markup import render_markdown, safe_source, safe_text

from .conftest import CONTENT, build
from .files import site_texts
from .photo_credit import xmp

BASE = "https://sangkien.example.org/"
# Every invisible character the issue names: format characters (Cf), bidi controls, the tag block, fillers.
INVISIBLE = (
    ["\u00ad", "\u061c", "\u180e", "\ufeff", "\u115f", "\u1160", "\u3164", "\uffa0", "\u0600", "\ufff9"]
    + [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2060, 0x2065)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\U000e0001", "\U000e0020", "\U000e0041", "\U000e007f", "\U0001d173"]
)
_INVISIBLE = re.compile("[" + "".join(INVISIBLE) + "]")
HIDDEN = "Dấu" + "".join(INVISIBLE) + "Ẩn"  # shows as "DấuẨn"
SEEN = "DấuẨn"
# The same characters as HTML entities, in the Markdown fields (the sanitiser decodes them).
ENTITIES = "Thực&shy;thể&#x200B;ẩn&zwj;&lrm;&rlm;&#8288;&#xE0041;&#x3164;"
NOTE = "tiết kiệm 120 triệu đồng một lần"
STORY_BODY = f"""\
Mở đầu có *nhấn mạnh* và **đậm**, một [liên kết](https://example.org/bai-viet) và một [bẫy](javascript:alert(1)).

# Tiêu đề một

## Phần hai

### Chi tiết ba

#### Sâu bốn

- mục một
- mục hai

1. bước một
2. bước hai

{ENTITIES}

<script>window.__pwned=1</script>
"""
# Hostile strings for open data: each may hide markup or a script link behind entities, references and the like.
BATTERY = [
    "&lt;img src=x onerror=alert(1)&gt;",
    "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
    "&#60;svg onload=alert(1)&#62;",
    "&#x3C;iframe src=javascript:alert(1)&#x3E;",
    "&amp;#60;b&amp;#62;x",
    "<textarea><img src=x onerror=alert(1)></textarea>",
    "<noscript>&lt;img src=x onerror=1&gt;</noscript>",
    "<title><svg onload=alert(1)></title>",
    "<xmp><b onclick=alert(1)>x</b></xmp>",
    "<scr<script>ipt>alert(1)</script>",
    "<<script>script>alert(1)<</script>/script>",
    "<!--<img src=x onerror=1>-->",
    '<a href="javascript:alert(1)">x</a>',
    "<svg><style><img src=x onerror=1></style></svg>",
    "[x][1]\n\n[1]: javascript:alert(1)",
    '[x][1]\n\n[1]:\n  javascript:alert(1) "t"',
    "[x][a]\n\n[a]: <javascript:alert(1)>",
    "[x]\n\n[x]: data:text/html;base64,PHNjcmlwdD4=",
    "[x][v]\n\n [v]: vbscript:msgbox(1)",
    "<javascript:alert(1)>",
    "<JaVaScRiPt:alert(1)>",
    "<data:text/html,x>",
    "[x](javascript:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](<javascript:alert(1)>)",
    "[x](javascript\\:alert(1))",
    "[x](jav&#x61;script:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](java\tscript:alert(1))",
    "[a [b] c](javascript:alert(1))",
    "[[x](javascript:a)](https://ok.example)",
    "![p](data:image/svg+xml;base64,PHN2Zz4=)",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[x](vbscript:msgbox(1))",
    "[x](VBScript:msgbox(1))",
    "chữ javascript:alert(1) trơn",
    "data:text/html,<b>x</b>",
    "JAVASCRIPT&#58;alert(1)",
    "javascript&#x3a;alert(1)",
    "java&#x09;script:alert(1)",
    "&#x200B;<img src=x onerror=1>",
    "<img src=x onerror=alert(1)//",
    "x <b y",
    "</p><p onclick=1>",
]
_TAG = re.compile(r"<[a-zA-Z/!]")
_SCRIPT = re.compile(r"(?i)\b(javascript|data|vbscript):")


def _decoded(value: str) -> str:
    for _ in range(10):
        value = html.unescape(value)
    return value


def _assert_inert(value: str, where: str = "") -> None:
    text = _decoded(value)
    assert not _TAG.search(text), (where, value)
    assert not _SCRIPT.search(re.sub(r"[\t\r\n]", "", text)), (where, value)  # a browser drops those in a URL


def _q(value: str) -> str:
    """A YAML double-quoted scalar that writes every character outside ASCII as an escape, so the file itself
    holds none of them: they reach the record only through the YAML parser."""
    out = []
    for c in value:
        if c in '"\\':
            out.append("\\" + c)
        elif c == "\n":
            out.append("\\n")
        elif 0x20 <= ord(c) < 0x7F:
            out.append(c)
        elif ord(c) <= 0xFFFF:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(f"\\U{ord(c):08x}")
    return '"' + "".join(out) + '"'


def _initiative() -> str:
    return f"""\
id: OUT-0001
title: {_q("Tên " + HIDDEN + " sáng kiến")}
summary: {_q("Tóm tắt " + HIDDEN + " một đoạn.")}
status: approved
approved_on: 2024-05-02
province: Hà Nội
sector: C
organization:
  name: {_q("Công ty " + HIDDEN + " Cơ khí")}
  kind: doanh-nghiep
authors:
- name: {_q("Tác giả " + HIDDEN)}
  role: {_q("Kỹ sư " + HIDDEN)}
  consent_public: true
benefit_note: {_q(NOTE + " " + HIDDEN)}
problem: {_q("Vấn đề " + HIDDEN + " " + ENTITIES + chr(10) + chr(10) + chr(10).join(BATTERY[:12]))}
solution: {_q(chr(10).join(BATTERY[12:30]))}
results: {_q(chr(10).join(BATTERY[30:]))}
tags:
- {_q("thẻ " + HIDDEN)}
- {_q("<b>đậm</b> &lt;i&gt;")}
images:
- file: khuon-dap.jpg
  alt: {_q("Ảnh " + HIDDEN)}
  credit: {_q("Người chụp " + HIDDEN)}
  license: {_q("CC BY 4.0 " + HIDDEN)}
press_contact:
  name: {_q("Ban Tuyên giáo " + HIDDEN)}
"""


def _story() -> str:
    return f"""\
---
title: {_q("Câu chuyện " + HIDDEN)}
date: 2024-05-03
summary: {_q("Tóm tắt câu chuyện " + HIDDEN)}
province: Hà Nội
initiatives: [OUT-0001]
byline: {_q("Phóng viên " + HIDDEN)}
cover:
  file: lo-than.jpg
  alt: {_q("Bìa " + HIDDEN)}
  license: {_q("CC BY-SA 4.0 " + HIDDEN)}
---
{STORY_BODY}"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The sample content plus one initiative and one story carrying every hostile input, built once."""
    out = tmp_path_factory.mktemp("outputs")
    content = out / "content"
    shutil.copytree(CONTENT, content)
    (content / "initiatives" / "out-0001.yml").write_text(_initiative(), encoding="utf-8")
    (content / "stories" / f"cau-chuyen-{HIDDEN}.md").write_text(_story(), encoding="utf-8")
    assert build(content, out) == 0
    return out


def _page(built: Path, url: str) -> str:
    return (built / "site" / url / "index.html").read_text(encoding="utf-8")


# --- Invisible characters -----------------------------------------------------------------------------------


def test_clean_removes_every_format_character_of_this_python_and_keeps_line_ends():
    found = [hex(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf" and clean(chr(c))]
    assert found == []
    assert clean(HIDDEN) == one_line(" " + HIDDEN + " ") == SEEN
    assert clean("a\tb\nc\r\nd\x00\x1b\x85") == "a\tb\nc\r\nd"
    assert clean("❤️ Hòa") == "❤️ Hòa"  # a variation selector is not a format character: emoji keep it


def test_no_invisible_character_in_any_page_export_feed_or_search_index(built):
    site = built / "site"
    read = marked = 0
    for path, text in site_texts(site):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("assets/") or path.suffix == ".bin":
            continue  # theme code, and the index's binary postings (its text is in its cards)
        read += 1
        text = text.removeprefix("\ufeff")  # the CSV files' byte-order mark, for Excel
        assert not _INVISIBLE.search(text), (rel, _INVISIBLE.search(text).group())
        marked += SEEN in text
    assert read > 200
    # The visible text is all there: pages, exports, feeds, search fragments.
    assert marked >= 8


def test_the_hidden_words_read_as_they_show(built):
    page = _page(built, "sang-kien/out-0001")
    for text in (
        f"Tên {SEEN} sáng kiến",
        f"Công ty {SEEN} Cơ khí",
        f"Tác giả {SEEN}",
        f"Người chụp {SEEN}",
        f"CC BY 4.0 {SEEN}",
        f"thẻ {SEEN}",
        f"Ban Tuyên giáo {SEEN}",
        "Thựcthểẩn",
    ):
        assert text in page, text
    data = json.loads((built / "site/du-lieu/sang-kien.json").read_text(encoding="utf-8"))
    row = next(r for r in data["records"] if r["id"] == "OUT-0001")
    assert row["title"] == f"Tên {SEEN} sáng kiến" and row["authors"] == [f"Tác giả {SEEN}"]
    assert row["problem"].startswith(f"Vấn đề {SEEN} Thựcthểẩn")
    assert (built / "site/cau-chuyen/cau-chuyen-dauan/index.html").is_file()  # from the file name, cleaned


def test_no_invisible_character_in_share_cards_or_photo_metadata(built):
    cat = load_content(built / "content").catalogue
    cards = [p.card for p in pages.all_pages(cat) if p.card]
    texts = [f for card in cards for f in dataclasses.astuple(card)]
    assert any(SEEN in t for t in texts)
    assert not any(_INVISIBLE.search(t) for t in texts)
    credits = []
    for photo in (built / "site/media").rglob("*.jpg"):
        credits += xmp(photo).values()
    assert f"Người chụp {SEEN}" in credits and f"Ảnh: Người chụp {SEEN}. Giấy phép: CC BY 4.0 {SEEN}" in credits
    assert not any(_INVISIBLE.search(c) for c in credits)


def test_invisible_characters_written_as_entities_are_removed_from_rendered_markdown():
    assert str(render_markdown(ENTITIES)) == "<p>Thựcthểẩn</p>"
    assert safe_source(ENTITIES) == "Thựcthểẩn"


# --- Figures and licences as given --------------------------------------------------------------------------


def test_benefit_note_shows_without_benefit_vnd_as_the_records_words(built):
    page = _page(built, "sang-kien/out-0001")
    quote = f"Theo hồ sơ: “{NOTE} {SEEN}”"
    facts = page.split('<dl class="ms-facts">')[1].split("</dl>")[0]
    assert "Giá trị làm lợi</dt>" in facts and quote in facts
    box = html.unescape(page.split('<pre id="thong-tin-sao-chep"')[1].split("</pre>")[0])
    assert f"Làm lợi mỗi năm: không ghi\n{quote}\nCông nhận:" in box


def test_benefit_note_beside_an_amount_is_labelled_too(catalogue, tmp_path):
    from generator.render.writer import Writer

    first = next(i for i in catalogue.initiatives if i.record.benefit_vnd)
    noted = dataclasses.replace(first, record=first.record.model_copy(update={"benefit_note": "USD 5.000"}))
    page = pages.initiative_page(Catalogue(catalogue.taxonomy, [noted]), noted, BASE)
    body = Writer(tmp_path / "docs", CONTENT / "media", tmp_path / "cache").body(page)
    assert body.count("Theo hồ sơ: “USD 5.000”") == 2  # the facts and the press box
    assert "Giá trị làm lợi mỗi năm</dt>" in body


def test_licence_is_shown_beside_the_credit_and_without_one(built):
    initiative = _page(built, "sang-kien/out-0001")
    assert f"Ảnh: Người chụp {SEEN} · Giấy phép: CC BY 4.0 {SEEN}" in initiative
    story = next((built / "site/cau-chuyen").glob("cau-chuyen-*/index.html")).read_text(encoding="utf-8")
    caption = story.split("<figcaption>")[1].split("</figcaption>")[0]
    assert f"Giấy phép: CC BY-SA 4.0 {SEEN}" in caption and "Ảnh:" not in caption


# --- Story bodies -------------------------------------------------------------------------------------------


def test_story_body_keeps_headings_under_the_title_lists_emphasis_and_safe_links(built):
    story = next((built / "site/cau-chuyen").glob("cau-chuyen-*/index.html")).read_text(encoding="utf-8")
    body = story.split('<div class="ms-prose ms-prose--story">')[1].split("</div>")[0]
    for expected in [
        "<h2>Tiêu đề một</h2>",
        "<h2>Phần hai</h2>",
        "<h3>Chi tiết ba</h3>",
        "<h4>Sâu bốn</h4>",
        "<li>mục một</li>",
        "<ol>",
        "<em>nhấn mạnh</em>",
        "<strong>đậm</strong>",
        '<a href="https://example.org/bai-viet" rel="nofollow noopener ugc">liên kết</a>',
    ]:
        assert expected in body, expected
    assert "<h1" not in body and story.count("<h1") == 1
    assert "# " not in body and "javascript" not in body and "<script" not in body and "__pwned" not in story


def test_initiative_fields_keep_headings_under_their_section():
    rendered = str(render_markdown("# a\n\n## b\n\n### c\n\n##### e\n\nf\n---\n"))
    assert rendered == "<h3>a</h3>\n<h3>b</h3>\n<h3>c</h3>\n<h5>e</h5>\n<h3>f</h3>"
    assert str(render_markdown("# a\n\n###### f", top=2)) == "<h2>a</h2>\n<h6>f</h6>"


# --- Open data ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", BATTERY)
def test_markdown_and_text_exports_hold_no_markup_and_no_script_link(hostile):
    for value in (safe_source(hostile), safe_text(hostile), safe_source(f"đầu {hostile} cuối")):
        _assert_inert(value, hostile)


def test_safe_links_and_plain_text_are_kept():
    keep = (
        'Đoạn *nhấn* với [liên kết](https://example.org/a_(b) "tiêu đề") và [thư](mailto:a@example.org)\n\n'
        "- mục\n\n> trích 5 > 3 & 2 < 4\n\n[tham khảo][1]\n\n[1]: https://example.org/tk"
    )
    assert safe_source(keep) == keep
    assert safe_text("Cơm & cá: 5 < 7") == "Cơm & cá: 5 < 7"
    assert safe_source("xem <https://example.org/x> hoặc [a](/tuong-doi)") == "xem https://example.org/x hoặc a"
    assert (
        safe_source("[đ](http://example.org) và ![ảnh](https://example.org/a.png)") == "[đ](http://example.org) và ảnh"
    )


def test_every_exported_value_is_inert_in_json_and_csv(catalogue, tmp_path):
    first = catalogue.initiatives[0]
    battery = "\n\n".join(BATTERY)
    record = first.record.model_copy(
        update={
            "title": BATTERY[0],
            "summary": BATTERY[5],
            "benefit_note": BATTERY[20],
            "tags": BATTERY[:6],
            "problem": battery,
            "solution": battery,
            "results": battery,
            "organization": first.record.organization.model_copy(update={"name": BATTERY[1]}),
        }
    )
    hostile = dataclasses.replace(first, record=record)
    exports.write(
        Catalogue(catalogue.taxonomy, [hostile, *catalogue.initiatives[1:]]), tmp_path, BASE, dt.date(2026, 11, 20)
    )
    row = json.loads((tmp_path / "du-lieu/sang-kien.json").read_text(encoding="utf-8"))["records"][0]
    for name, value in row.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                _assert_inert(item, name)
    with (tmp_path / "du-lieu/sang-kien.csv").open(encoding="utf-8-sig", newline="") as f:
        for name, cell in next(csv.DictReader(f)).items():
            _assert_inert(cell, name)


def test_hostile_markdown_in_the_built_exports_is_inert(built):
    data = json.loads((built / "site/du-lieu/sang-kien.json").read_text(encoding="utf-8"))
    row = next(r for r in data["records"] if r["id"] == "OUT-0001")
    assert row["tags"] == [f"thẻ {SEEN}", "đậm"]
    for name in ("problem", "solution", "results", "tags"):
        for value in row[name] if isinstance(row[name], list) else [row[name]]:
            _assert_inert(value, name)
    csv_text = (built / "site/du-lieu/sang-kien.csv").read_text(encoding="utf-8-sig")
    _assert_inert(csv_text, "csv")


def test_a_field_full_of_brackets_is_rendered_as_text_not_searched_for_links():
    """Python-Markdown looks for the end of every "[": 20,000 of them took 90 s to render. Past MAX_BRACKETS a
    field's brackets are text: no link is made, and every bracket is shown."""
    from generator.render.markup import MAX_BRACKETS

    few = str(render_markdown("[trang](https://example.org) " * 3))
    assert few.count("<a ") == 3
    many = str(render_markdown("[trang](https://example.org) " * (MAX_BRACKETS + 1)))
    assert "<a " not in many and many.count("[trang]") == MAX_BRACKETS + 1
    assert str(render_markdown("[" * 20_000)).count("[") == 20_000
