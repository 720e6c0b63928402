"""Open data and feeds together: written into the build folder, then linked into every site built from it."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.common.digest import digest
from generator.common.store import StateFile
from generator.config import Config
from generator.outputs import feeds, open_data


class PublishedData:
    """Open data and feeds, written beside the docs folder and rewritten only when the records changed:
    at 10^5 records they take seconds, which a one-record change should not cost twice."""

    def __init__(self, folder: Path, config: Config):
        self.folder, self.config = folder, config
        self.files: list[dict] = []
        self.feeds: list[dict] = []

    def write(self, cat) -> None:
        key = digest(self.config.site, [i.digest for i in cat.initiatives], [s.digest for s in cat.stories], size=16)
        state = StateFile(self.folder / "index.json", key)
        kept = state.read()
        if kept and all((self.folder / f["path"]).is_file() for f in kept["files"]):
            self.files, self.feeds = kept["files"], kept["feeds"]
            return
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        base_url = self.config.site.public_url
        self.files = open_data.write(cat, self.folder, base_url)
        self.feeds = feeds.write(cat, self.folder, base_url, self.config.site.name)
        state.write({"files": self.files, "feeds": self.feeds})

    def paths(self) -> dict[str, Path]:
        return {f["path"]: self.folder / f["path"] for f in self.files + self.feeds}
