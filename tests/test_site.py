"""The built sample site, read file by file as a visitor's browser would get it."""

import re
from html import unescape

import yaml

from generator.common import formatting

from .conftest import CONTENT, build
from .files import site_texts


def _records():
    for path in sorted((CONTENT / "initiatives").rglob("*.yml")):
        yield yaml.safe_load(path.read_text(encoding="utf-8"))


PUBLISHED = [r for r in _records() if r["status"] == "approved"]
UNPUBLISHED = [r for r in _records() if r["status"] != "approved"]


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


def test_sample_is_large_and_varied_enough():
    assert len(PUBLISHED) >= 60 and len(UNPUBLISHED) >= 3
    assert len({r["province"] for r in PUBLISHED}) >= 12
    assert len({r["sector"] for r in PUBLISHED}) >= 8
    assert len(list((CONTENT / "stories").glob("*.md"))) >= 6


def test_pages_exist_for_exactly_the_published_initiatives(site):
    pages = {p.name for p in (site / "sang-kien").iterdir() if (p / "index.html").is_file()}
    assert (site / "sang-kien/index.html").is_file()
    assert pages == {r["id"].lower() for r in PUBLISHED}


def test_home_figures_equal_the_sums_of_the_data(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    figures = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", html))
    assert figures["Sáng kiến được công bố"] == formatting.number(len(PUBLISHED))
    assert figures["Giá trị làm lợi mỗi năm"] == formatting.money_short(sum(r.get("benefit_vnd", 0) for r in PUBLISHED))
    orgs = {r["organization"]["name"].casefold() for r in PUBLISHED}
    assert figures["Đơn vị áp dụng"] == formatting.number(len(orgs))


def test_a_not_approved_record_appears_nowhere(site):
    markers = [
        "BẢN-NHÁP-CHƯA-DUYỆT",
        "Người Chờ Duyệt",
        "hn-2023-0999",
        "HN-2023-0999",
        "Lê Văn Từ Chối",
        "Băng chuyền phân loại bưu kiện bị từ chối",
        "Công ty Than Mạo Khê",
    ]
    searched = 0
    for path, text in site_texts(site):
        data = unescape(text)
        searched += "chi-muc/the/" in path.as_posix()
        for marker in markers:
            assert marker not in data, f"{marker!r} leaked into {path.relative_to(site)}"
    assert searched >= 3  # the search index's result cards were read too


def test_former_province_lands_on_its_new_province_page(site):
    # HCM-2022-0058 was filed under Bình Dương, merged into Hồ Chí Minh in 2025.
    hcm = text_of((site / "tinh-thanh/ho-chi-minh/index.html").read_text(encoding="utf-8"))
    assert "Hệ thống thu hồi nhiệt khí thải lò hơi" in hcm
    page = text_of((site / "sang-kien/hcm-2022-0058/index.html").read_text(encoding="utf-8"))
    assert "trước đây: tỉnh Bình Dương" in page
    assert not (site / "tinh-thanh/binh-duong").exists()


def test_every_province_and_sector_has_a_page(site):
    assert len([p for p in (site / "tinh-thanh").iterdir() if p.is_dir()]) == 34
    assert len([p for p in (site / "linh-vuc").iterdir() if p.is_dir()]) == 21


def test_initiative_page_shows_every_published_field(site):
    html = (site / "sang-kien/hn-2022-0012/index.html").read_text(encoding="utf-8")
    text = text_of(html)
    for expected in [
        "Cải tiến khuôn dập giúp giảm 40% phế phẩm",
        "1,25 tỷ đồng",
        "1.250.000.000 đ",
        "Hà Nội",
        "Chế biến, chế tạo",
        "Công ty TNHH Cơ khí Chính xác Đông Anh",
        "Nguyễn Văn Hùng",
        "Cấp tỉnh",
        "15/08/2022",
        "Vấn đề",
        "Giải pháp",
        "Kết quả",
        "Con lăn dẫn hướng thay cho tấm trượt",
        "Ảnh: Công đoàn Công ty TNHH Cơ khí Chính xác Đông Anh",
        "baochi@example.org",
        "Một triệu sáng kiến",
    ]:
        assert expected in text, expected
    assert '<html lang="vi"' in html
    assert 'href="../../tinh-thanh/ha-noi/"' in html and 'href="../../linh-vuc/che-bien-che-tao/"' in html
    assert re.search(
        r'<img src="../../media/khuon-dap-[0-9a-f]{8}-960.jpg" srcset="[^"]+" sizes="[^"]+" alt="[^"]+" '
        r'width="960" height="600" loading="lazy"',
        html,
    )
    download = r'<a class="ms-download" href="../../media/khuon-dap-[0-9a-f]{8}/HN-2022-0012-1.jpg" download>'
    assert re.search(download, html)  # named after the initiative


def test_authors_without_consent_are_not_named(site):
    text = text_of((site / "sang-kien/hn-2022-0047/index.html").read_text(encoding="utf-8"))
    assert "Phạm Thu Hà" in text
    assert "Lê Minh Tuấn" not in text and "Kỹ thuật viên công nghệ thông tin" not in text
    assert "một tác giả đề nghị không nêu tên" in text
    for path, text in site_texts(site):
        assert "Lê Minh Tuấn" not in text, path


def test_record_pages_stay_out_of_the_navigation(site):
    html = (site / "tinh-thanh/index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-tabs"') : html.index("</nav>", html.index('<nav class="md-tabs"'))]
    assert not re.search(r"sang-kien/[a-z0-9]", nav)
    assert len(re.findall(r'class="md-tabs__item', nav)) == 11  # the nav's sections, open data and organisations too


def test_pages_poured_into_a_shell_lose_the_theme_indentation_and_nothing_else(site):
    record = PUBLISHED[0]["id"].lower()
    for url in (f"sang-kien/{record}/", "tinh-thanh/ha-noi/", "tinh-thanh/"):
        html = (site / url / "index.html").read_text(encoding="utf-8")
        bulk = url != "tinh-thanh/"  # the sections' own pages are the engine's, as it writes them
        assert bool(re.search(r">[ \t]*\n[ \t]+<", html[: html.index("<main")])) is not bulk, url
        assert html.count("<meta ") >= 18 and html.count('rel="stylesheet"') == 2, url
        assert re.search(r'<meta name="viewport"[^>]*>\n<meta name="description"', html) or not bulk, url


def test_long_lists_are_paginated(more_records):
    # 30 more initiatives in one province: its page holds 24 and links to a second page.
    first = (more_records / "tinh-thanh/dien-bien/index.html").read_text(encoding="utf-8")
    second = (more_records / "tinh-thanh/dien-bien/trang/2/index.html").read_text(encoding="utf-8")
    assert first.count('class="ms-card"') == 24 and second.count('class="ms-card"') == 6
    assert 'href="trang/2/"' in first and 'rel="prev"' in second


def test_failed_build_keeps_the_previous_site(sample_project, capsys):
    content = sample_project / "content"
    before = sorted(p.relative_to(sample_project) for p in (sample_project / "site").rglob("*"))
    (content / "initiatives" / "bad.yml").write_text("id: X\n", encoding="utf-8")
    assert build(content, sample_project) == 1
    after = sorted(p.relative_to(sample_project) for p in (sample_project / "site").rglob("*"))
    assert before == after
    err = capsys.readouterr().err
    assert "initiatives/bad.yml:1: id: mã chỉ gồm" in err and "trang cũ" in err


def test_removed_record_leaves_no_page_behind(sample_project):
    assert (sample_project / "site/sang-kien/hn-2022-0012/index.html").exists()
    (sample_project / "content/initiatives/2022/hn-2022-0012.yml").unlink()
    assert build(sample_project / "content", sample_project) == 0
    assert not (sample_project / "site/sang-kien/hn-2022-0012").exists()
    assert not list((sample_project / "site/media").glob("khuon-dap-*"))
    assert not list(sample_project.glob("site.*"))


def test_build_in_a_project_folder_of_its_own(content, monkeypatch):
    """The project is the current folder, as with `mkdocs`: its content/, build/ and site/, wherever it is."""
    from generator import cli

    from .conftest import GOOD

    (content / "initiatives" / "a.yml").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(content.parent)
    assert cli.main(["build", "--quiet"]) == 0
    assert (content.parent / "site/sang-kien/test-0001/index.html").exists()
    assert (content.parent / "build/docs").is_dir()
