"""The small pieces on their own, without building a site: addresses, pagination, warm-build planning,
configuration, atomic files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import config as configuration
from generator import routes
from generator.common import files, parallel
from generator.common.store import FileStore, StateFile
from generator.engine.mkdocs_site import Shell
from generator.media.cards import Card
from generator.pages.page import Page
from generator.pages.pagination import Pager, paginate
from generator.publish.build import Manifest, _plan


def test_every_address_has_one_shape():
    assert routes.province("ha-noi") == "tinh-thanh/ha-noi/"
    assert routes.sector("che-bien-che-tao") == "linh-vuc/che-bien-che-tao/"
    assert routes.initiative("HN-2022-0012") == "sang-kien/hn-2022-0012/"
    assert routes.story("mua-xuan") == "cau-chuyen/mua-xuan/"
    assert routes.organization("cong-ty-a") == "don-vi/cong-ty-a/"
    assert routes.page_of_list("don-vi/", 1) == "don-vi/"
    assert routes.page_of_list("don-vi/", 3) == "don-vi/trang/3/"
    assert routes.card("sang-kien/x/") == "sang-kien/x/the-chia-se.png"
    assert routes.open_data_of_province("ha-noi") == "du-lieu/tinh/ha-noi"
    assert routes.feed(routes.STORIES) == "nguon-tin/cau-chuyen.xml"
    assert routes.sitemap_part(2) == "so-do-trang/2.xml"


def test_every_section_and_inner_segment_is_reserved():
    assert routes.ORGANIZATIONS_BY_BENEFIT.split("/")[1] in routes.ORGANIZATION_RESERVED
    for address in (routes.SEARCH_INFO, routes.SITE_CARD, routes.feed("x"), routes.open_data("x")):
        assert address.split("/")[0] in routes.SECTIONS
    assert routes.PAGER in routes.RESERVED and routes.BY_PROVINCE in routes.RESERVED


@pytest.mark.parametrize(
    ("count", "size", "pages", "last"), [(0, 24, 1, 0), (1, 24, 1, 1), (24, 24, 1, 24), (25, 24, 2, 1), (100, 7, 15, 2)]
)
def test_a_list_is_cut_into_pages_with_every_item_once(count, size, pages, last):
    items = list(range(count))
    cut = list(paginate(items, size, "tinh-thanh/ha-noi/"))
    assert len(cut) == pages
    assert [x for _, chunk in cut for x in chunk] == items
    assert len(cut[-1][1]) == last
    assert [p.first for p, _ in cut] == [n * size for n in range(pages)]
    assert cut[0][0].url(1) == "tinh-thanh/ha-noi/"


def test_pager_shows_first_last_and_neighbours_with_gaps():
    assert Pager(1, 1, "x/").numbers == [1]
    assert Pager(5, 10, "x/").numbers == [1, None, 3, 4, 5, 6, 7, None, 10]
    assert Pager(2, 4, "x/").numbers == [1, 2, 3, 4]
    assert Pager(3, 9, "x/").title("Hà Nội") == "Hà Nội – trang 3"
    assert Pager(1, 9, "x/").title("Hà Nội") == "Hà Nội"


def _bulk(url: str, key: str) -> Page:
    return Page(url, "t", url, key=key, bulk=True)


def test_a_cold_build_plans_everything():
    bulk = [_bulk("a/", "1"), _bulk("b/", "2")]
    card = Card("Tên", "Sáng kiến", "", "")
    plan = _plan(None, bulk, {p.url: p.key for p in bulk}, {"a/the-chia-se.png": card})
    assert not plan.warm
    assert [p.url for p in plan.render] == ["a/", "b/"]
    assert list(plan.cards) == ["a/the-chia-se.png"]


def test_a_warm_build_plans_only_what_changed():
    card, new_card = Card("Tên", "Sáng kiến", "", ""), Card("Tên mới", "Sáng kiến", "", "")
    previous = Manifest(
        pages={"a/": "1", "b/": "2"},
        cards={"a/c.png": card.key, "b/c.png": card.key},
    )
    bulk = [_bulk("a/", "1"), _bulk("b/", "changed"), _bulk("c/", "new")]
    plan = _plan(previous, bulk, {p.url: p.key for p in bulk}, {"a/c.png": card, "b/c.png": new_card})
    assert plan.warm
    assert [p.url for p in plan.render] == ["b/", "c/"]
    assert list(plan.cards) == ["b/c.png"]


def test_configuration_defaults_and_errors(tmp_path):
    assert configuration.load(tmp_path) == configuration.Config()
    (tmp_path / "showcase.yml").write_text("site:\n  public_url: sangkien.vn\nlists:\n  page_size: 0\n", "utf-8")
    with pytest.raises(configuration.ConfigError) as error:
        configuration.load(tmp_path)
    lines = str(error.value).splitlines()
    assert lines[0].startswith(f"{tmp_path / 'showcase.yml'}:2: site.public_url:") and "«sangkien.vn»" in lines[0]
    assert lines[1].startswith(f"{tmp_path / 'showcase.yml'}:4: lists.page_size:") and "«0»" in lines[1]
    (tmp_path / "showcase.yml").write_text("site:\n  public_url: https://sangkien.vn\n", "utf-8")
    assert configuration.load(tmp_path).site.public_url == "https://sangkien.vn/"


def test_a_state_is_read_back_only_under_its_key(tmp_path: Path):
    StateFile(tmp_path / "s.json", "khoá-1").write({"a": [1, 2]})
    assert StateFile(tmp_path / "s.json", "khoá-1").read() == {"a": [1, 2]}
    assert StateFile(tmp_path / "s.json", "khoá-2").read() is None
    (tmp_path / "s.json").write_text("{hỏng", encoding="utf-8")
    assert StateFile(tmp_path / "s.json", "khoá-1").read() is None


def test_a_file_store_keeps_what_is_used_and_prunes_the_rest(tmp_path: Path):
    store = FileStore(tmp_path / "the")
    for name in ("a.png", "b.png", "c.png"):
        with store.writing(name) as f:
            f.write(b"x")
    assert store.has("a.png") and store.path("b.png").read_bytes() == b"x"
    assert store.prune({"a.png", "c.png"}.__contains__) == 1
    assert sorted(p.name for p in store.folder.iterdir()) == ["a.png", "c.png"]


def test_a_file_replaced_in_place_is_never_half_written(tmp_path: Path):
    target = tmp_path / "a" / "b.txt"
    files.write_text(target, "một")
    with pytest.raises(RuntimeError), files.replacing(target) as f:
        f.write("hai, dở dang")
        raise RuntimeError("hỏng giữa chừng")
    assert target.read_text(encoding="utf-8") == "một"
    assert [p.name for p in target.parent.iterdir()] == ["b.txt"]  # no temporary left behind


def test_work_beside_runs_in_another_process_and_brings_back_its_result_or_its_error():
    import os

    here = os.getpid()
    wait = parallel.beside(lambda: (os.getpid(), [n * n for n in range(5)]))
    pid, squares = wait()
    assert squares == [0, 1, 4, 9, 16] and (pid != here or (os.cpu_count() or 1) == 1)
    failing = parallel.beside(lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        failing()


def test_appending_a_file_to_an_open_one_keeps_every_byte_in_order(tmp_path):
    import io

    parts = [tmp_path / f"{n}.bin" for n in range(3)]
    for n, part in enumerate(parts):
        part.write_bytes(bytes([n]) * (n * 70_000 + 1))
    with open(tmp_path / "all.bin", "wb") as out:  # a file: the kernel copies
        out.write(b"head")
        for part in parts:
            files.append(part, out)
        out.write(b"tail")
    expected = b"head" + b"".join(p.read_bytes() for p in parts) + b"tail"
    assert (tmp_path / "all.bin").read_bytes() == expected
    memory = io.BytesIO()  # no file underneath: copied the plain way
    memory.write(b"head")
    for part in parts:
        files.append(part, memory)
    memory.write(b"tail")
    assert memory.getvalue() == expected
    # A slice: the body of a file between its own head and end, as the country's open data takes a province's.
    for out in (open(tmp_path / "slices.bin", "w+b"), io.BytesIO()):  # noqa: SIM115
        with out:
            for part in parts[1:]:
                files.append(part, out, 3, part.stat().st_size - 5)
            out.seek(0)
            assert out.read() == b"".join(p.read_bytes()[3:-2] for p in parts[1:])


def test_a_folder_removed_in_the_background_goes_without_being_waited_for_or_here_without_a_shell(
    tmp_path, monkeypatch
):
    import subprocess
    import time

    def folder(name: str) -> Path:
        (tmp_path / name / "a" / "b").mkdir(parents=True)
        (tmp_path / name / "a" / "b" / "index.html").write_text("cũ", encoding="utf-8")
        return tmp_path / name

    calls: list = []
    run = subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: calls.append((a, k)) or run(*a, **k))
    files.remove_in_background(gone := folder("site.old-1"))
    # The shell it waits for ends at once: `rm` goes on in the background, in a session of its own.
    ((command,), options) = calls[0]
    assert command[:3] == ["sh", "-c", 'rm -rf -- "$1" &'] and options["start_new_session"]
    deadline = time.monotonic() + 60
    while gone.exists():
        assert time.monotonic() < deadline, "never removed"
        time.sleep(0.02)

    def no_shell(*args, **kwargs):
        raise FileNotFoundError("sh")

    monkeypatch.setattr(subprocess, "run", no_shell)
    files.remove_in_background(here := folder("site.old-2"))
    assert not here.exists()


def test_work_beside_runs_in_another_process_only_while_copies_would_fit(monkeypatch):
    assert parallel.beside(os.getpid)() != os.getpid()
    # Room for three copies of this process (at 10^6 records a build holds about 10 GB of 23): each worker forked
    # is promised one until it ends, and one beside this process only with room for this process to grow as
    # much again. So the third runs at once, in this process, as a pool's workers do.
    monkeypatch.setattr(parallel, "memory", lambda: (100, 350))
    first, second = parallel.beside(os.getpid), parallel.beside(os.getpid)
    assert parallel.beside(os.getpid)() == os.getpid()
    assert set(parallel.map_in_order(lambda _: os.getpid(), range(2000))) == {os.getpid()}
    assert first() != os.getpid() and second() != os.getpid()
    # Both ended: their memory is free again, for one more and for a pool of two.
    assert parallel.beside(os.getpid)() != os.getpid()
    assert os.getpid() not in set(parallel.map_in_order(lambda _: os.getpid(), range(2000)))
    monkeypatch.setattr(parallel, "memory", lambda: (100, 150))  # one copy: a pool of one is no faster than none
    assert set(parallel.map_in_order(lambda _: os.getpid(), range(2000))) == {os.getpid()}
    # Room for one copy: not beside this process, which may grow as much as the copy.
    assert parallel.beside(os.getpid)() == os.getpid()


def test_work_apart_runs_in_a_new_process_that_shares_nothing_and_brings_back_its_result_or_its_error():
    assert parallel.apart(os.getpid)() != os.getpid()
    assert parallel.apart(sorted, [3, 1, 2])() == [1, 2, 3]
    with pytest.raises(ZeroDivisionError):
        parallel.apart(divmod, 1, 0)()
    # Inside a worker beside the build, which may not start processes: at once, in that worker.
    worker, ran = parallel.beside(lambda: (os.getpid(), parallel.apart(os.getpid)()))()
    assert worker == ran != os.getpid()


def test_a_page_shell_loses_its_indentation_between_tags_unless_some_whitespace_is_kept_as_written():
    page = Page(url="sang-kien/x/", template="", title="Khay <an toàn>")
    title = "<title>@@SHOWCASE-TITLE@@</title>"
    plain = Shell(f"<html>\n  <head>\n    {title}\n  </head>\n  <body>\n    <!--@@SHOWCASE-CONTENT@@ <h1 -->\n", "x/")
    wrapped = "<html>\n<head>\n<title>Khay &lt;an toàn&gt;</title>\n</head>\n<body>\n<p>A</p>\n"
    assert plain.wrap(page, "<p>A</p>") == wrapped
    kept = "<html>\n  <body>\n    <pre>\n  <b>1</b>\n  <b>2</b></pre>\n    <!--@@SHOWCASE-CONTENT@@ <h1 -->"
    assert Shell(kept, "x/").html == kept
