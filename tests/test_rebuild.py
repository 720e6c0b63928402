"""A warm build redoes only what changed, and gives the same site a cold build would. Each test starts from the
sample's cold build (`sample_project`, dated DAY_ONE) and its measures."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from generator.catalogue.similarity.related import ByID
from generator.content.validate import load_content
from generator.pages.page import Later
from generator.pages.site_pages import all_pages, initiative_keys

from .conftest import CONTENT, add_records, build
from .files import site_texts

RECORD = "content/initiatives/2022/hn-2022-0012.yml"
URL = "sang-kien/hn-2022-0012/"
# Two days, as SOURCE_DATE_EPOCH (seconds since 1970) sets them: builds are reproducible whatever the clock says.
# The sample was built on conftest.DAY_ONE (2026-05-29 in Vietnam); DAY_TWO is 2026-06-05.
DAY_TWO = "1780600000"


def _published(out: Path) -> str:
    return json.loads((out / "site/du-lieu/sang-kien.json").read_text(encoding="utf-8"))["date_published"]


def _build(content: Path, out: Path) -> dict:
    assert build(content, out, "--metrics", str(out / "metrics.json")) == 0
    return _metrics(out)


def _metrics(out: Path) -> dict:
    return json.loads((out / "metrics.json").read_text(encoding="utf-8"))


def _pages(site: Path) -> dict[str, bytes]:
    """Every file of the site, the search index included."""
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _retitle(project: Path, title: str) -> None:
    path = project / RECORD
    text = path.read_text(encoding="utf-8")
    start = text.index("\ntitle:") + 1
    end = text.index("\n", start)
    path.write_text(text[:start] + f"title: {title}" + text[end:], encoding="utf-8")


def test_a_page_made_later_is_the_page_made_at_once(catalogue):
    # What a warm build knows of a Later page (its key, card, date) must be what the page it makes says: the card
    # of a page whose key is unchanged is taken as unchanged too.
    eager, later = list(all_pages(catalogue)), list(all_pages(catalogue, later=True))
    assert [p.url for p in later] == [p.url for p in eager]
    deferred = [(p, e) for p, e in zip(later, eager, strict=True) if isinstance(p, Later)]
    orgs = {o.url for o in catalogue.organizations}
    assert {p.url for p, _ in deferred} >= {i.url for i in catalogue.initiatives} | orgs
    for p, page in deferred:
        made = p.made()
        shown = ("url", "key", "image", "date", "og_type", "card", "title", "description", "template", "feeds")
        assert [getattr(made, f) for f in shown] == [getattr(page, f) for f in shown], p.url
        assert (p.key, p.image, p.date, p.og_type, p.card) == (page.key, page.image, page.date, page.og_type, page.card)
        assert made.context.keys() == page.context.keys() and made.bulk and not made.charts


def test_initiative_keys_from_the_columns_are_the_keys_of_their_pages(tmp_path):
    # A warm build works the keys out beside it, from the catalogue's columns and the related rows: a page whose
    # stories, related initiatives or organisation change must get another key there too.
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    add_records(content, 3)  # naming no organisation
    cat = load_content(content).catalogue
    n = len(cat.initiatives)
    rows = {k: ((k + 1) % n, (k + 7) % n) for k in range(0, n, 2)}
    cat.related = ByID(cat.initiatives, rows)
    # Looked up by the columns' ids (as a build does) or the records', the same initiatives, for those with any.
    expected_related = {cat.initiatives[k].id: tuple(cat.initiatives[c] for c in cols) for k, cols in rows.items()}
    assert dict(ByID(cat.initiatives, rows, cat.columns.ids)) == dict(cat.related) == expected_related
    assert cat.related.get(cat.initiatives[1].id) is None and len(cat.related) == len(rows)
    told = {i.id for s in cat.stories for i in s.initiatives}
    assert any(i.id in told and k in rows for k, i in enumerate(cat.initiatives))
    assert any(cat.organization_of(i) is None for i in cat.initiatives)
    urls = {i.url for i in cat.initiatives}
    expected = [p.key for p in all_pages(cat) if p.url in urls]
    keys = initiative_keys(cat, rows)
    assert keys == expected and len(set(keys)) == n
    later = [p for p in all_pages(cat, later=True, keys=keys.__getitem__) if p.url in urls]
    assert [p.key for p in later] == expected


def test_unchanged_content_rebuilds_nothing(sample_project, monkeypatch):
    cold = _metrics(sample_project)
    assert not cold["warm"] and cold["rendered"] > 100 and cold["search_written"] > 20 and cold["charts_drawn"] > 20
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY_TWO)
    warm = _build(sample_project / "content", sample_project)
    assert warm["warm"] and warm["rendered"] == 0 and warm["search_written"] == 0 and warm["charts_drawn"] == 0
    assert cold["engine_ran"] and not warm["engine_ran"]  # its pages and shells are kept too
    # Nothing changed, so the data was not published again: it keeps the day it was.
    assert _published(sample_project) == "2026-05-29"


def test_one_changed_record_rebuilds_its_pages_and_the_index_files_holding_it(sample_project, tmp_path, monkeypatch):
    cold = _metrics(sample_project)
    _retitle(sample_project, "Khuôn dập cải tiến lần hai")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY_TWO)
    warm = _build(sample_project / "content", sample_project)
    assert _published(sample_project) == "2026-06-05"  # the data changed: published again, on this build's day
    # Its own page, and the one page of its province's, its sector's and its organisation's lists that shows it.
    # The index: its result card, the shards of the words it gained and lost, the titles, the contents.
    assert warm["warm"] and warm["rendered"] == 4 and 3 <= warm["search_written"] < cold["search_files"] / 2
    site = sample_project / "site"
    assert "Khuôn dập cải tiến lần hai" in (site / URL / "index.html").read_text(encoding="utf-8")
    index = "".join(text for path, text in site_texts(site / "chi-muc" / "the"))
    assert "Khuôn dập cải tiến lần hai" in index

    # The same content built from nothing on the same day gives the same pages and files (the workbook, the
    # dated sitemap and feeds included), byte for byte.
    fresh = tmp_path / "fresh"
    shutil.copytree(sample_project / "content", fresh / "content")
    _build(fresh / "content", fresh)
    assert _pages(site) == _pages(fresh / "site")


def test_a_storys_edited_text_renders_its_pages_without_the_engine(sample_project, tmp_path):
    """A story is a bulk page: an edit of its text renders its page, the pages whose key covers it (the initiative
    it tells of, and its province's and sector's first pages, which list the story) and the index files holding
    its words, and runs no MkDocs, whose pages show a story's title and summary, not its text."""
    story = sorted((sample_project / "content" / "stories").glob("*.md"))[0]
    text = story.read_text(encoding="utf-8")
    assert "initiatives: [TQ-2023-0050]" in text
    story.write_text(text.rstrip("\n") + "\n\nLò nướng bánh mì chạy bằng trấu của xưởng Tám.\n", encoding="utf-8")
    warm = _build(sample_project / "content", sample_project)
    assert warm["warm"] and warm["rendered"] == 4 and not warm["engine_ran"] and warm["search_written"] >= 1
    page = sample_project / "site" / "cau-chuyen" / story.stem / "index.html"
    assert "Lò nướng bánh mì chạy bằng trấu của xưởng Tám." in page.read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    shutil.copytree(sample_project / "content", fresh / "content")
    _build(fresh / "content", fresh)
    assert _pages(sample_project / "site") == _pages(fresh / "site")


def test_a_story_is_rendered_again_when_an_initiative_it_tells_of_changes(sample_project):
    """A story's page shows the cards of its initiatives: their changes are in its key."""
    record = sample_project / "content/initiatives/2023/tq-2023-0050.yml"
    text = record.read_text(encoding="utf-8")
    assert "\ntitle: " in text
    start = text.index("\ntitle:") + 1
    record.write_text(text[:start] + "title: Bếp đun tiết kiệm củi, bản thứ hai" + text[text.index("\n", start) :])
    _build(sample_project / "content", sample_project)
    page = sample_project / "site/cau-chuyen/bep-an-ban-tru-lung-cu/index.html"
    assert "Bếp đun tiết kiệm củi, bản thứ hai" in page.read_text(encoding="utf-8")


def test_a_removed_record_leaves_its_pages_and_index_entries(sample_project):
    card = (sample_project / "site" / URL / "the-chia-se.png").read_bytes()
    cached = {p.name for p in (sample_project / "cache" / "cards").iterdir()}
    (sample_project / RECORD).unlink()
    warm = _build(sample_project / "content", sample_project)
    assert warm["warm"]
    site = sample_project / "site"
    assert not (site / URL).exists()
    assert not any("hn-2022-0012" in text.lower() for _, text in site_texts(site / "chi-muc"))
    # Its share card is no longer kept for a later build: the card cache holds what the site uses, no more.
    assert cached - {p.name for p in (sample_project / "cache" / "cards").iterdir()}
    assert not any(p.read_bytes() == card for p in (sample_project / "cache" / "cards").iterdir())


def test_a_build_without_its_manifest_starts_cold(sample_project):
    """An interrupted warm build removes the manifest first: the next build must not trust the site. It stages a
    whole site and swaps it in; the replaced one, and one an earlier removal left behind, go in the background.
    A folder someone else named alike stays."""
    (sample_project / "cache" / "site-manifest.json").unlink()
    before = _pages(sample_project / "site")
    for name in ("site.old-0badc0de", "site.old-2025"):  # a removal cut short; a copy someone kept
        (sample_project / name / "sang-kien").mkdir(parents=True)
        (sample_project / name / "sang-kien" / "index.html").write_text("cũ", encoding="utf-8")
    again = _build(sample_project / "content", sample_project)
    assert not again["warm"] and again["rendered"] > 100
    assert _pages(sample_project / "site") == before
    deadline = time.monotonic() + 120
    while [p.name for p in sample_project.iterdir() if p.name.startswith("site.")] != ["site.old-2025"]:
        assert time.monotonic() < deadline, "the replaced sites were never removed"
        time.sleep(0.05)
    assert (sample_project / "site.old-2025" / "sang-kien" / "index.html").read_text(encoding="utf-8") == "cũ"


def test_a_change_on_the_same_day_rewrites_only_its_provinces_data_and_the_countrys(sample_project, tmp_path):
    data = sample_project / "site/du-lieu"
    files = [data / "tinh/ha-noi.csv", data / "tinh/nghe-an.json", data / "sang-kien.csv", data / "sang-kien.xlsx"]
    before = [p.stat().st_ino for p in files]
    _retitle(sample_project, "Khuôn dập cải tiến lần ba")
    warm = _build(sample_project / "content", sample_project)  # on the sample's own day
    after = [p.stat().st_ino for p in files]
    # Hà Nội's and the country's files are new; Nghệ An's, untouched, are the very same files.
    assert [a != b for a, b in zip(before, after, strict=True)] == [True, False, True, True]
    assert "Khuôn dập cải tiến lần ba" in (data / "tinh/ha-noi.csv").read_text(encoding="utf-8")
    # The record is on no engine page and the data keeps its day: the engine did not run, and its pages, kept, are
    # what a cold build gives (the sitemap, which lists them, too).
    assert not warm["engine_ran"]
    fresh = tmp_path / "fresh"
    shutil.copytree(sample_project / "content", fresh / "content")
    _build(fresh / "content", fresh)
    assert _pages(sample_project / "site") == _pages(fresh / "site")


def test_a_section_gaining_a_deeper_page_renders_again_only_what_changed(sample_project):
    """Điện Biên's list runs onto a second page: a shell of a new depth, which changes no other section's pages."""
    cold = _metrics(sample_project)
    site = sample_project / "site"
    assert not list(site.glob("tinh-thanh/*/trang/2"))
    add_records(sample_project / "content", 25)
    warm = _build(sample_project / "content", sample_project)
    assert (site / "tinh-thanh/dien-bien/trang/2/index.html").exists()
    assert warm["warm"] and 25 < warm["rendered"] < cold["rendered"] / 2


def test_a_new_near_duplicate_or_decision_gives_the_related_initiatives_a_cold_build_gives(sample_project, tmp_path):
    """Pages are made while screening runs, with the last build's near-duplicates: a build whose screening finds
    another set makes them again. A copy from another unit is never offered as related until editors say the two
    are distinct, and then it is the first one offered."""
    from .test_duplicates import COPY, ORIGINAL, decide, write_copy

    content, site = sample_project / "content", sample_project / "site"
    copy_url = f"../{COPY.lower()}/"  # its address, as linked from the original's page

    def related_on_original() -> str:
        page = (site / URL / "index.html").read_text(encoding="utf-8")
        return page.partition('id="sang-kien-tuong-tu"')[2]

    def same_as_cold(name: str) -> None:
        fresh = tmp_path / name
        shutil.copytree(content, fresh / "content")
        _build(fresh / "content", fresh)
        assert _pages(site) == _pages(fresh / "site")

    write_copy(content)
    assert _build(content, sample_project)["warm"]
    assert copy_url not in related_on_original()
    same_as_cold("with-copy")

    decide(content, f"- ids: [{ORIGINAL}, {COPY}]\n  distinct: true\n")
    assert _build(content, sample_project)["warm"]
    assert copy_url in related_on_original()
    same_as_cold("decided")


def test_cards_drawn_apart_in_a_new_process_are_the_cards_a_forked_drawer_draws(sample_build, tmp_path, monkeypatch):
    # As in a cold build of 1,000 records or more: the drawer shares nothing with the build (common/parallel.py).
    from generator import pipeline

    monkeypatch.setattr(pipeline, "SPARE_BELOW", 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    shutil.copytree(sample_build.pristine / "content", tmp_path / "content")
    metrics = _build(tmp_path / "content", tmp_path)
    cards = {k: v for k, v in _pages(tmp_path / "site").items() if k.endswith(".png") and k.startswith("sang-kien/")}
    assert metrics["cards_drawn_ahead"] == len(cards) > 50
    expected = _pages(sample_build.pristine / "site")
    assert cards == {k: expected[k] for k in cards} and len(cards) == sum(
        k.endswith(".png") and k.startswith("sang-kien/") for k in expected
    )


def test_templates_kept_compiled_are_dropped_when_the_code_changes(tmp_path):
    """Jinja checks a compiled template against its source alone: under other code (other environment options), the
    templates compiled before are thrown away, and a page renders the same from a kept compilation."""
    from generator.render.writer import Writer

    def rendered(writer: Writer) -> str:
        return writer.env.get_template("_macros.md.j2").render()

    first = Writer(tmp_path / "docs", tmp_path / "media", tmp_path / "cache", generation="một")
    text = rendered(first)
    compiled = tmp_path / "cache" / "templates"
    kept = {p.name for p in compiled.iterdir()} - {"generation.json"}
    assert kept
    again = Writer(tmp_path / "docs", tmp_path / "media", tmp_path / "cache", generation="một")
    assert rendered(again) == text and {p.name for p in compiled.iterdir()} - {"generation.json"} == kept
    Writer(tmp_path / "docs", tmp_path / "media", tmp_path / "cache", generation="hai")
    assert {p.name for p in compiled.iterdir()} == {"generation.json"}


def test_a_build_stopped_while_the_engine_runs_leaves_the_site_and_nothing_staged(sample_project, monkeypatch):
    """The engine's pages are made in a thread as soon as the docs folder is complete; a build that stops after
    that (here, the share cards drawn ahead fail) drops them with their staging folder."""
    import pytest

    from generator import pipeline

    before = dict(site_texts(sample_project / "site"))
    (next((sample_project / "content" / "initiatives").rglob("*.yml"))).unlink()  # totals move: MkDocs runs

    def failing(project, loaded):
        def ahead():  # fails once the engine writes into its staging folder
            deadline = time.monotonic() + 120
            while not any(p.name.startswith("site.new-") for p in sample_project.iterdir()):
                assert time.monotonic() < deadline, "the engine's run never started"
                time.sleep(0.01)
            raise RuntimeError("hết chỗ trên đĩa")

        return ahead

    monkeypatch.setattr(pipeline, "_drawing_ahead", failing)
    with pytest.raises(RuntimeError):
        build(sample_project / "content", sample_project)
    assert [p.name for p in sample_project.iterdir() if p.name.startswith("site.")] == []
    assert dict(site_texts(sample_project / "site")) == before
