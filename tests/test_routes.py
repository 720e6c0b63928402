"""Unique addresses: a record never takes one of the site's own addresses or another record's."""

from __future__ import annotations

import dataclasses
import posixpath
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import routes
from generator.catalogue import addresses
from generator.catalogue.model import Catalogue
from generator.common.problems import quote
from generator.common.text import slug
from generator.content.validate import load_content
from generator.engine import mkdocs_site as site
from generator.pages.site_pages import all_pages
from generator.render.writer import relative_url

from .conftest import CONTENT, DAY_ONE, build

STORY = CONTENT / "stories" / "bep-an-ban-tru-lung-cu.md"
COLLIDING = ["!!!.md", "Mua-Xuan.md", "mùa-xuân.md", "tim-kiem.md"]


def _story(content: Path, name: str) -> None:
    text = STORY.read_text(encoding="utf-8").replace('title: "', f'title: "Tệp {name}: ', 1)
    (content / "stories" / name).write_text(text, encoding="utf-8")


def _organization(content: Path, record: str, name: str) -> None:
    path = next((content / "initiatives").rglob(record))
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^  name: .*$", f"  name: {name}", text, count=1), encoding="utf-8")


def _clash(content: Path) -> None:
    """Every kind of address clash, added to a copy of the sample content."""
    for name in COLLIDING:
        _story(content, name)
    _organization(content, "dn-2023-0040.yml", "Theo lợi ích")  # would be don-vi/theo-loi-ich/
    _organization(content, "hp-2022-0009.yml", "Công ty Ab Cd")  # two organisations, one address
    _organization(content, "ag-2023-0039.yml", "Công ty Ab_Cd")


@pytest.fixture(scope="module")
def clashing(tmp_path_factory) -> Path:
    """The sample content with every kind of address clash, checked once."""
    out = tmp_path_factory.mktemp("routes")
    shutil.copytree(CONTENT, out / "content")
    _clash(out / "content")
    return out


@pytest.fixture(scope="module")
def checked(clashing):
    return load_content(clashing / "content")


@pytest.fixture(scope="module")
def built(sample_build):
    """The clashing content built with --skip-invalid over the site built from the sample (on its day)."""
    project = sample_build.restore()
    _clash(project / "content")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", DAY_ONE)
        assert build(project / "content", project, "--skip-invalid", "--report", str(project / "skipped.txt")) == 0
    sample_build.held_by = "test_routes.py's `built`"
    yield project / "site"
    sample_build.held_by = ""


def _messages(checked) -> str:
    return "\n".join(map(str, checked.problems))


def test_check_reports_each_clash_on_its_file_naming_both_sources(clashing, capsys):
    from generator import cli

    assert cli.main(["check", "--content", str(clashing / "content")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for expected in [
        "content/stories/!!!.md:1: (tên tệp): tên tệp không có chữ hay số nào để làm địa chỉ trang; "
        "hãy đặt lại tên tệp («!!!.md»)",
        "content/stories/mùa-xuân.md:1: (tên tệp): tên tệp cho cùng địa chỉ cau-chuyen/mua-xuan/ như tệp "
        "content/stories/Mua-Xuan.md",
        "content/stories/tim-kiem.md:1: (tên tệp): tên tệp cho địa chỉ cau-chuyen/tim-kiem/, mà «tim-kiem» là tên "
        "trang web dành riêng; hãy đặt lại tên tệp («tim-kiem.md»)",
        "content/initiatives/2023/dn-2023-0040.yml:11: organization.name: tên đơn vị cho địa chỉ "
        "don-vi/theo-loi-ich/, trùng trang danh sách đơn vị có sẵn; hãy ghi tên đầy đủ của đơn vị («Theo lợi ích»)",
        "content/initiatives/2023/ag-2023-0039.yml:10: organization.name: tên đơn vị cho cùng địa chỉ "
        "don-vi/cong-ty-ab-cd/ như đơn vị «Công ty Ab Cd» (content/initiatives/2022/hp-2022-0009.yml); "
        "hãy ghi tên phân biệt được hai đơn vị («Công ty Ab_Cd»)",
    ]:
        assert expected in err, expected
    assert "«mùa-xuân.md»" in err
    assert "Mua-Xuan.md:" not in err and "hp-2022-0009.yml:" not in err  # the first of two keeps its address


def test_clashing_records_are_left_out_and_counted_invalid(checked):
    cat = checked.catalogue
    left_out = {
        "content/stories/!!!.md",
        "content/stories/mùa-xuân.md",
        "content/stories/tim-kiem.md",
        "content/initiatives/2023/dn-2023-0040.yml",
        "content/initiatives/2023/ag-2023-0039.yml",
    }
    assert left_out <= checked.invalid_files
    assert not left_out & ({i.source for i in cat.initiatives} | {s.source for s in cat.stories})
    assert "mua-xuan" in {s.slug for s in cat.stories}
    assert all(s.slug and s.slug not in routes.RESERVED for s in cat.stories)
    assert all(o.slug and o.slug not in routes.ORGANIZATION_RESERVED for o in cat.organizations)
    urls = [p.url for p in all_pages(cat)]
    assert len(urls) == len(set(urls))


def test_a_story_telling_a_left_out_initiative_is_left_out_too(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    cited = re.search(r"initiatives: \[([^\],]+)", STORY.read_text(encoding="utf-8")).group(1)
    record = next(p for p in (content / "initiatives").rglob("*.yml") if f"id: {cited}\n" in p.read_text("utf-8"))
    _organization(content, record.name, "Trang")  # would be don-vi/trang/, where page 2 of the ranking lives
    loaded = load_content(content)
    text = _messages(loaded)
    assert f"{record.relative_to(tmp_path)}:10: organization.name: tên đơn vị cho địa chỉ don-vi/trang/" in text
    assert (
        f"content/stories/{STORY.name}:7: initiatives.0: sáng kiến «{cited}» không được công bố vì lỗi địa chỉ "
        f"trong {record.relative_to(tmp_path)}"
    ) in text
    assert STORY.name not in {Path(s.source).name for s in loaded.catalogue.stories}


def test_skip_invalid_build_never_overwrites_a_site_page(built):
    ranking = (built / "don-vi/theo-loi-ich/index.html").read_text(encoding="utf-8")
    assert "<h1" in ranking and "Đơn vị áp dụng theo giá trị làm lợi" in ranking
    assert "Theo lợi ích</h1>" not in ranking
    stories = (built / "cau-chuyen/index.html").read_text(encoding="utf-8")
    assert "Câu chuyện sáng kiến" in stories and "Tệp !!!.md" not in stories
    assert "Tệp Mua-Xuan.md" in (built / "cau-chuyen/mua-xuan/index.html").read_text(encoding="utf-8")
    assert not (built / "cau-chuyen/tim-kiem").exists()
    assert not (built / "sang-kien/dn-2023-0040").exists() and not (built / "sang-kien/ag-2023-0039").exists()
    assert (built / "don-vi/cong-ty-ab-cd/index.html").read_text(encoding="utf-8").count("Công ty Ab Cd") >= 1
    report = (built.parent / "skipped.txt").read_text(encoding="utf-8")
    for name in ("!!!.md", "mùa-xuân.md", "tim-kiem.md", "dn-2023-0040.yml", "ag-2023-0039.yml"):
        assert name in report, name


def test_every_fixed_address_is_reserved(catalogue):
    for page in all_pages(catalogue):
        first = page.url.split("/")[0]
        assert first == "" or first in routes.SECTIONS, page.url
        segments = page.url.strip("/").split("/")[1:]
        if page.template == "organizations.md.j2" and segments[1:2] in ([routes.BY_SECTOR], [routes.BY_PROVINCE]):
            # A ranking within one sector or province: under a reserved segment, named by the taxonomy's slug.
            slugs = {s.slug for s in catalogue.taxonomy.sectors} | {p.slug for p in catalogue.taxonomy.provinces}
            assert segments[0] == routes.BY_BENEFIT and segments[2] in slugs | {routes.UNIONS}, page.url
            segments = segments[3:]
        if page.template in ("provinces.md.j2", "sectors.md.j2", "organizations.md.j2", "stories.md.j2"):
            assert all(s in routes.RESERVED or s.isdigit() for s in segments), page.url
    for folder in (routes.DATA, routes.FEEDS, routes.SEARCH_INDEX, routes.SEARCH_INFO.split("/")[0]):
        assert folder in routes.SECTIONS
    assert slug(site.SHELL) != site.SHELL  # no record's address can be a page shell


def test_top_level_of_a_built_site_is_all_reserved(built):
    files = {"index.html", "404.html", "robots.txt", "sitemap.xml"}
    assert {p.name for p in built.iterdir()} <= routes.SECTIONS | files


def test_records_built_by_hand_are_checked_too(catalogue):
    """Initiatives one address apart by case, a story without an address: whatever made the catalogue."""
    first, second = catalogue.initiatives[:2]
    twin = dataclasses.replace(
        second,
        record=second.record.model_copy(update={"id": first.id.upper()}),
        source="content/initiatives/z-twin.yml",
    )
    story = dataclasses.replace(catalogue.stories[0], slug="", source="content/stories/---.md")
    cat = Catalogue(catalogue.taxonomy, [first, twin], [story])
    problems = addresses.conflicts(cat)
    assert [(p.file, p.field) for p in problems] == [
        ("content/initiatives/z-twin.yml", "id"),
        ("content/stories/---.md", "(tên tệp)"),
    ]
    assert f"như tệp {first.source}" in problems[0].reason
    with pytest.raises(ValueError):
        story.url  # noqa: B018 — an empty address is never made into a URL
    with pytest.raises(ValueError, match="hai trang cùng địa chỉ"):
        list(all_pages(Catalogue(catalogue.taxonomy, [], [catalogue.stories[0], catalogue.stories[0]])))
    assert addresses.without(cat, set()) is cat
    assert addresses.without(cat, {twin.source}).initiatives == [first]


def test_quoted_values_are_shortened():
    assert quote("ngắn") == "«ngắn»"
    assert quote("x" * 100) == "«" + "x" * 59 + "…»"


_SEGMENT = st.sampled_from(["sang-kien", "tinh", "ha-noi", "trang", "2", "media", "anh.jpg", "the-chia-se.png", "a"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_SEGMENT, max_size=4), st.lists(_SEGMENT, max_size=4), st.booleans(), st.booleans())
def test_relative_links_are_what_posix_relpath_gives(here, there, page, folder):
    """Links are made by splitting addresses (pages make hundreds each); they must be relpath's, in every case."""
    from_url = "/".join(here) + ("/" if here and page else "")
    to_url = "/".join(there) + ("/" if there and folder else "")
    expected = posixpath.relpath("/" + to_url, "/" + from_url)
    expected = "./" if expected == "." else expected + "/" if to_url.endswith("/") or not to_url else expected
    assert relative_url(from_url, to_url) == expected
