"""Untrusted content: nothing injected, nothing leaked, nothing lost."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from PIL import Image

from .conftest import build
from .files import site_texts
from .hostile import LEAKS, MARKUP, MARKUP_FILES, make_hostile
from .photo_credit import xmp
from .static_server import serve


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    import shutil

    from .conftest import CONTENT

    out = tmp_path_factory.mktemp("hostile")
    content = out / "content"
    shutil.copytree(CONTENT, content)
    make_hostile(content)
    assert build(content, out, "--skip-invalid", "--report", str(out / "skipped.txt")) == 0
    return out


def test_build_without_skip_invalid_refuses_and_names_every_problem(hostile, tmp_path, capsys):
    assert build(hostile / "content", tmp_path) == 1
    err = capsys.readouterr().err
    assert not (tmp_path / "site").exists()
    for expected in [
        "initiatives/traversal.yml:9: images.0.file: đường dẫn ảnh phải nằm trong content/media/ "
        "(«../../../../etc/passwd»)",
        "initiatives/traversal.yml:11: images.1.file: đường dẫn ảnh phải nằm trong content/media/ («/etc/hostname»)",
        "initiatives/traversal.yml:13: images.2.file: đường dẫn ảnh phải nằm trong content/media/ («link.jpg»)",
        "initiatives/bomb.yml:9: images.0.file: ảnh quá nhiều điểm ảnh",
        "initiatives/broken.yml:9: images.0.file: tệp ảnh hỏng",
        "initiatives/alias.yml:1: (tệp): tài liệu YAML quá lớn khi mở rộng tham chiếu",
        "initiatives/python.yml:1: (tệp): YAML không hợp lệ: could not determine a constructor",
        "initiatives/pii.yml:3: summary: có số điện thoại («0912 345 678»)",
        "initiatives/pii.yml:8: solution: có địa chỉ thư điện tử («nguoi.la@gmail.com»)",
        "initiatives/pii.yml:9: results: có số giấy tờ tùy thân («001203004567»)",
        "initiatives/alt-name.yml:13: images.0.alt: nêu tên «Trần Bí Mật», tác giả chưa đồng ý công khai tên",
        'stories/bad-story.md:5: initiatives.0: sáng kiến "HOSTILE-PENDING" chưa được công bố (trạng thái pending)',
    ]:
        assert expected in err, expected
    assert not Path("/tmp/showcase-pwned").exists()


def test_skip_invalid_names_the_report_with_every_skipped_file(hostile):
    report = (hostile / "skipped.txt").read_text(encoding="utf-8")
    for name in [
        "traversal.yml",
        "bomb.yml",
        "broken.yml",
        "alias.yml",
        "python.yml",
        "pii.yml",
        "alt-name.yml",
        "bad-story.md",
    ]:
        assert name in report
    assert (hostile / "site/sang-kien/hostile-xss/index.html").is_file()
    assert not (hostile / "site/sang-kien/hostile-pii").exists()


def test_no_forbidden_string_anywhere_in_the_site(hostile):
    read = 0
    for path, data in site_texts(hostile / "site"):
        read += 1
        for marker in LEAKS:
            assert marker not in data, f"{marker!r} in {path.relative_to(hostile)}"
        if path.suffix in MARKUP_FILES:
            for marker in MARKUP:
                assert marker not in data, f"{marker!r} in {path.relative_to(hostile)}"
    assert read > 200


def test_template_syntax_and_markup_come_out_as_literal_text(hostile):
    html = (hostile / "site/sang-kien/hostile-xss/index.html").read_text(encoding="utf-8")
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    for literal in [
        '<img src=x onerror="window.__pwned=1">Tiêu đề HOSTILE-XSS',
        "{{ config }}",
        "{% include 'x' %}",
        "${7*7}",
        "</title><script>window.__pwned=3</script>",
        "<b>Tên</b>",
        "{{ config.site_name }}",
        "&lt;script&gt;window.__pwned=4&lt;/script&gt;",
    ]:
        assert literal in text, literal
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert unescape(title).startswith('<img src=x onerror="window.__pwned=1">Tiêu đề HOSTILE-XSS')
    assert '<a href="https://ok.example" rel="nofollow noopener ugc">liên kết</a>' in html
    assert ">bấm<" in html and 'href="javascript' not in html
    assert "khong-co" not in html  # relative links from the public are dropped, not followed


def test_people_photo_without_consent_and_hidden_author_are_absent(hostile):
    html = (hostile / "site/sang-kien/hostile-xss/index.html").read_text(encoding="utf-8")
    assert "một tác giả đề nghị không nêu tên" in unescape(html)
    assert "Kỹ sư" not in html  # a hidden author's role would point to them


def test_published_photo_has_no_metadata_but_credit_and_is_upright(hostile):
    html = (hostile / "site/sang-kien/hostile-xss/index.html").read_text(encoding="utf-8")
    img = re.search(
        r'<img src="[^"]+" srcset="([^"]+)" sizes="[^"]+" alt="Ảnh có vị trí GPS" width="(\d+)" '
        r'height="(\d+)"',
        html,
    )
    assert img and (img.group(2), img.group(3)) == ("200", "400")  # orientation applied: portrait
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)"[^>]*><img[^>]+alt="Ảnh có vị trí GPS"', html)
    # The download is named after its record, inside a folder named by its content.
    full = re.search(r'href="../../(media/gps-[0-9a-f]+/[A-Z0-9-]+-1\.jpg)" download>', html)
    files = [full.group(1)] + [
        entry.split()[0].removeprefix("../../")
        for srcset in (img.group(1), webp.group(1))
        for entry in srcset.split(", ")
    ]
    assert len(files) == 3  # the download, and one width (the original is narrower than 480) in two formats
    for name in files:
        with Image.open(hostile / "site" / name) as im:
            exif = im.getexif()
            # EXIF is ASCII: the credit without marks; the Vietnamese text is in XMP (and IPTC).
            assert dict(exif) == {
                0x013B: "Nhiep anh cong doan",
                0x8298: "Anh: Nhiep anh cong doan. Giay phep: CC BY 4.0",
            }
            assert exif.get_ifd(0x8825) == {}
            assert "icc_profile" not in im.info
            assert im.size == (200, 400)
        assert xmp(hostile / "site" / name) == {
            "creator": "Nhiếp ảnh công đoàn",
            "credit": "Nhiếp ảnh công đoàn",
            "rights": "Ảnh: Nhiếp ảnh công đoàn. Giấy phép: CC BY 4.0",
            "web_statement": "https://sangkien.example.org/giay-phep/",
        }  # nothing of the camera's (GPS, make, serial) survives in XMP either
    published = [p.name for p in (hostile / "site/media").iterdir()]
    assert not any(n.startswith(("people-", "bomb", "broken", "link", "passwd", "hostname")) for n in published)


def test_hostile_pages_run_no_script_even_in_search(hostile, browser):
    with serve(hostile / "site") as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "sang-kien/hostile-xss/", wait_until="networkidle")
        assert page.evaluate("window.__pwned") is None
        page.goto(base + "tim-kiem/?q=HOSTILE-XSS", wait_until="networkidle")
        page.locator(".ms-result").first.wait_for()
        assert page.evaluate("window.__pwned") is None
        titles = page.locator(".ms-result h2").all_inner_texts()
        assert '<img src=x onerror="window.__pwned=1">Tiêu đề HOSTILE-XSS' in titles
        assert page.locator("#ms-search-results img, #ms-search-results script, #ms-search-results svg").count() == 0
        page.close()


def test_removing_consent_removes_the_name_at_the_next_build(sample_project):
    page = sample_project / "site/sang-kien/hn-2022-0012/index.html"
    assert "Nguyễn Văn Hùng" in page.read_text(encoding="utf-8")
    record = sample_project / "content/initiatives/2022/hn-2022-0012.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace(
            "- name: Nguyễn Văn Hùng\n  role: Tổ trưởng tổ dập\n  consent_public: true",
            "- name: Nguyễn Văn Hùng\n  role: Tổ trưởng tổ dập\n  consent_public: false",
        ),
        encoding="utf-8",
    )
    assert build(sample_project / "content", sample_project) == 0
    for path in (sample_project / "site").rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml"}:
            assert "Nguyễn Văn Hùng" not in path.read_text(encoding="utf-8"), path
