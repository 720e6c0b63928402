"""Shared fixtures: the sample site built once per test session (and restored, not rebuilt, for tests that build
on from it), served on 127.0.0.1, the sample with more records built once, and a browser."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator import cli

from . import static_server
from .chromium import CHROMIUM, launch
from .mirror import mirror

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


# One valid initiative, for tests that write content of their own around it.
GOOD = """\
id: TEST-0001
title: Sáng kiến thử nghiệm
summary: Một câu tóm tắt.
status: approved
approved_on: 2023-01-05
province: Nghệ An
sector: C
"""
# The day the session's sample build is dated, as SOURCE_DATE_EPOCH (seconds since 1970): 2026-05-29 in Vietnam.
DAY_ONE = "1780000000"
# One organisation written two ways, by two of the records `more_records` adds.
ONE_ORGANISATION = ["Công ty CP Cơ khí Mường Thanh", "CÔNG TY CỔ PHẦN  cơ khí Mường Thanh"]


def build(content: Path, out: Path, *extra: str) -> int:
    """Run `showcase build` as a user would, into folders under `out`."""
    return cli.main(
        [
            "build",
            "--content",
            str(content),
            "--site-dir",
            str(out / "site"),
            "--docs-dir",
            str(out / "docs"),
            "--quiet",
            *extra,
        ]
    )


def add_records(content: Path, count: int, province: str = "Điện Biên") -> None:
    """`count` more approved initiatives in one province: enough to make its list run onto more pages."""
    for n in range(count):
        (content / "initiatives" / f"extra-{n}.yml").write_text(
            f"id: EXTRA-{n:04d}\ntitle: Sáng kiến bổ sung số {n}\nsummary: Tóm tắt.\nstatus: approved\n"
            f"approved_on: 2020-01-{n % 28 + 1:02d}\nprovince: {province}\nsector: A\n",
            encoding="utf-8",
        )


@pytest.fixture(scope="module")
def catalogue():
    """The sample content's catalogue, loaded afresh for each test module that asks."""
    from generator.content.validate import load_content

    loaded = load_content(CONTENT)
    assert not loaded.problems
    return loaded.catalogue


class SampleBuild:
    """The sample content built once, cold, in `work`, and a copy of that folder as the build left it. A warm build
    follows only a build made in the same folder (the manifest names it), so a test that builds on from the sample
    gets the copy put back in `work`: its own content and build, without building the sample again."""

    def __init__(self, work: Path, pristine: Path):
        self.work, self.pristine = work, pristine
        self.held_by = ""  # a module's fixture still reading `work`

    def restore(self) -> Path:
        assert not self.held_by, f"{self.work} is still in use by {self.held_by}"
        mirror(self.pristine, self.work)
        return self.work

    def cold_metrics(self) -> dict:
        """What the cold build measured (`--metrics`)."""
        return json.loads((self.pristine / "metrics.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> SampleBuild:
    root = tmp_path_factory.mktemp("sample")
    work = root / "project"
    shutil.copytree(CONTENT, work / "content")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", DAY_ONE)
        assert build(work / "content", work, "--metrics", str(work / "metrics.json")) == 0
    shutil.copytree(work, root / "pristine", symlinks=True)
    return SampleBuild(work, root / "pristine")


@pytest.fixture(scope="session")
def site(sample_build) -> Path:
    """The built sample site, shared by the whole session: read it, never write into it."""
    return sample_build.pristine / "site"


@pytest.fixture
def sample_project(sample_build, monkeypatch) -> Path:
    """A project folder of the test's own: the sample content (`content/`, free to change) and its cold build
    (`site/`, `docs/`, `cache/`, `metrics.json`), as if the test had just built it. Its clock stays on the day
    of that build (DAY_ONE) unless the test sets SOURCE_DATE_EPOCH itself."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY_ONE)
    return sample_build.restore()


@pytest.fixture(scope="session")
def more_records(tmp_path_factory) -> Path:
    """The sample site with 30 more initiatives in Điện Biên (its list runs onto a second page), the first two
    from one organisation written two ways (ONE_ORGANISATION); built once, for tests that only read it."""
    out = tmp_path_factory.mktemp("more-records")
    content = out / "content"
    shutil.copytree(CONTENT, content)
    add_records(content, 30)
    for n, name in enumerate(ONE_ORGANISATION):
        path = content / "initiatives" / f"extra-{n}.yml"
        path.write_text(path.read_text(encoding="utf-8") + f"organization:\n  name: {name}\n", encoding="utf-8")
    assert build(content, out) == 0
    return out / "site"


@pytest.fixture
def content(tmp_path) -> Path:
    """An empty content folder with the real taxonomies."""
    folder = tmp_path / "content"
    for sub in ("initiatives", "stories", "media"):
        (folder / sub).mkdir(parents=True)
    shutil.copytree(CONTENT / "taxonomies", folder / "taxonomies")
    return folder


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A private copy of the sample content that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture(scope="session")
def server(site):
    with static_server.serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()
