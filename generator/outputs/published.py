"""Open data and feeds together: written into the build folder, then linked into every site built from it.

The data's date is its publication date: the day a build last wrote it because the records (or the code that
writes it) changed, kept from build to build while nothing changes. `SOURCE_DATE_EPOCH` (the reproducible-builds
convention, seconds since 1970) sets that day instead of the clock, so the same content gives the same bytes
whenever it is built.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import numpy as np

from generator.common.digest import digest
from generator.common.store import StateFile
from generator.config import Config
from generator.outputs import feeds, open_data

VIETNAM = dt.timezone(dt.timedelta(hours=7))  # the day as it is in Vietnam, wherever the build runs


def publication_date() -> dt.date:
    """Today in Vietnam, or the day `SOURCE_DATE_EPOCH` names."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    now = dt.datetime.fromtimestamp(int(epoch), VIETNAM) if epoch.isdigit() else dt.datetime.now(VIETNAM)
    return now.date()


class PublishedData:
    """Open data and feeds, written beside the docs folder and rewritten only when the records changed:
    at 10^5 records they take seconds, which a one-record change should not cost twice."""

    def __init__(self, folder: Path, config: Config, generation: str = "", parts: Path | None = None):
        """`parts`: where the open data keeps each province's records, serialised, between builds."""
        self.folder, self.config, self.generation, self.parts = folder, config, generation, parts
        self.files: list[dict] = []
        self.feeds: list[dict] = []
        self.published = publication_date()
        self.pending: list[open_data.Joined] = []  # files still to write (`finish`)
        self.state: StateFile | None = None  # where what was written is remembered, once it all is

    def write(self, cat, later: bool = False) -> None:
        """`later`: the country's text files, put together from the provinces' (250 MB at 10^5 records), are left
        to `finish`, which another process may do while the build goes on: their sizes are known already."""
        # The records' digests from the catalogue's columns: a worker reading each record would copy their memory.
        records = cat.digest_of(np.arange(len(cat.initiatives)))
        key = digest(self.config.site, self.generation, records, [s.digest for s in cat.stories], size=16)
        state = StateFile(self.folder / "index.json", key)
        kept = state.read()
        if kept and all((self.folder / f["path"]).is_file() for f in kept["files"]):
            self.files, self.feeds = kept["files"], kept["feeds"]
            self.published = dt.date.fromisoformat(kept["published"])
            return
        state.clear()
        self.folder.mkdir(parents=True, exist_ok=True)
        site = self.config.site
        pending: list[open_data.Joined] = []
        self.files = open_data.write(
            cat, self.folder, site.public_url, self.published, site, self.parts, self.generation,
            pending if later and self.parts else None,
        )  # fmt: skip
        self.feeds = feeds.write(cat, self.folder, site.public_url, site.name, published=self.published)
        self._remove_stale()
        self.pending, self.state = pending, state
        if not later:
            self.finish()

    def finish(self) -> None:
        """Write the files `write` left for later, then remember what was written."""
        for joined in self.pending:
            joined.write()
        self.pending = []
        if self.state is not None:
            self.state.write({"files": self.files, "feeds": self.feeds, "published": self.published.isoformat()})
            self.state = None

    def _remove_stale(self) -> None:
        """Files of provinces that no longer have records; the rest were kept or written again."""
        keep = {path.resolve() for path in self.paths().values()} | {(self.folder / "index.json").resolve()}
        for path in [p for p in self.folder.rglob("*") if p.is_file() and p.resolve() not in keep]:
            path.unlink()

    def paths(self) -> dict[str, Path]:
        listed = [f["path"] for f in self.files + self.feeds] + [open_data.DICTIONARY, *feeds.sitemaps(self.feeds)]
        return {path: self.folder / path for path in listed}
