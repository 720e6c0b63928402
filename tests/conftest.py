"""Shared fixtures: the sample site built once per test session, served on 127.0.0.1, and a browser."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import cli

from . import static_server
from .chromium import CHROMIUM, launch

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


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    assert build(CONTENT, out) == 0
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
