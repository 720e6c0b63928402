"""`showcase serve`: a live preview that follows edits to the content."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, text: str, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = _get(url)
        if page and text in page:
            return True
        time.sleep(0.5)
    return False


def _in_search_cards(base: str, text: str, seconds: float = 30) -> bool:
    """Whether the preview's search index has a result card holding `text` (the index is rebuilt with the pages)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        contents = _get(base + "chi-muc/muc-luc.json")
        if contents:
            size = json.loads(contents)
            chunks = (size["n"] + size["chunk"] - 1) // size["chunk"]
            if any(text in (_get(f"{base}chi-muc/the/{k}.json") or "") for k in range(chunks)):
                return True
        time.sleep(0.5)
    return False


def test_preview_regenerates_when_content_changes(content_copy, tmp_path):
    """…and, stopped (SIGTERM), leaves no temporary folder behind: MkDocs builds the preview's site in one."""
    port = _free_port()
    temporary = tmp_path / "tam"
    temporary.mkdir()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "serve",
            "--content",
            str(content_copy),
            "--address",
            f"127.0.0.1:{port}",
            "--docs-dir",
            str(tmp_path / "docs"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "TMPDIR": str(temporary)},
    )
    url = f"http://127.0.0.1:{port}/sang-kien/hn-2022-0012/"
    try:
        assert _wait_for(url, "Cải tiến khuôn dập giúp giảm 40%")
        base = f"http://127.0.0.1:{port}/"
        assert _in_search_cards(base, "Cải tiến khuôn dập giúp giảm 40%")  # the preview can search too
        record = content_copy / "initiatives/2022/hn-2022-0012.yml"
        record.write_text(
            record.read_text(encoding="utf-8").replace("title: Cải tiến khuôn dập", "title: Khuôn dập mới sửa"),
            encoding="utf-8",
        )
        assert _wait_for(url, "Khuôn dập mới sửa giúp giảm 40%")
        assert _in_search_cards(base, "Khuôn dập mới sửa giúp giảm 40%")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert [p.name for p in temporary.iterdir()] == []
