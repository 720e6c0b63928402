"""A warm build of the search index (the last build's table and files kept) gives the index a build from nothing
gives, file for file, whatever changed; it makes only the changed documents, and an interrupted or tampered-with
folder is followed by a correct index."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalogue.model import Catalogue
from generator.common import files
from generator.search import index, kept, postings, table
from generator.search.words import tokens

from .catalogue_changes import CHANGES, ORDER_KEPT

GENERATION = "test"


@pytest.fixture(params=["site", "small"])
def sizes(request, monkeypatch):
    """The real sizes, and sizes so small that the sample has tokens of their own files, many shards whose number
    moves with a change, several title tables and several blocks of ids encoded at once."""
    if request.param == "small":
        monkeypatch.setattr(index, "OWN_FILE", 24)
        monkeypatch.setattr(index, "SHARD_BYTES", 256)
        monkeypatch.setattr(index, "TITLES_PER_SHARD", 4)
        monkeypatch.setattr(postings, "BLOCK", 64)
    return request.param


@pytest.fixture
def made(monkeypatch) -> list[str]:
    """The titles of the documents a build made (and split into words), rather than took from the last table."""
    titles: list[str] = []
    document = table.document

    def counted(item, recognition):
        doc = document(item, recognition)
        titles.append(doc.title)
        return doc

    monkeypatch.setattr(table, "document", counted)
    return titles


def _publish(cat: Catalogue, tmp_path: Path, generation: str = GENERATION) -> index.Written:
    return index.publish(cat, tmp_path / "index", "chi-muc", False, tmp_path / "cache", generation)


def _on_disk(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("change", CHANGES)
def test_one_change_gives_the_index_built_from_nothing(catalogue, tmp_path, sizes, made, change):
    cold = _publish(catalogue, tmp_path)
    assert cold.written == len(cold.names) and len(made) == len(catalogue.initiatives) + len(catalogue.stories)
    made.clear()
    before = _inodes(tmp_path / "index")
    changed = CHANGES[change](catalogue)
    warm = _publish(changed, tmp_path)
    # Only the changed record was made again: the others' words came from the last build.
    digests = {i.digest for i in catalogue.initiatives}
    assert made == [i.record.title for i in changed.initiatives if i.digest not in digests]
    assert _on_disk(tmp_path / "index") == index.build(changed)
    rewritten = {p for p, inode in _inodes(tmp_path / "index").items() if before.get(p) != inode}
    assert len(rewritten) == warm.written and "muc-luc.json" in rewritten
    cards, titles = ({p for p in rewritten if p.startswith(family)} for family in ("the/", "ten/"))
    if change in ORDER_KEPT:  # the same ids: its card's file, and its title's tables if the title changed
        assert len(cards) == 1
        assert 1 <= len(titles) <= 2 if change == "title" else not titles
    else:  # ids moved: the cards of every later id moved with them
        assert len(cards) > len(changed.initiatives) // index.CHUNK // 3


def _inodes(folder: Path) -> dict[str, int]:
    """Each file's inode: a file written again (replaced) has a new one."""
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def test_a_chain_of_warm_builds_stays_the_index_built_from_nothing(catalogue, tmp_path, sizes, made):
    steps = [catalogue]
    for change in CHANGES.values():
        steps.append(change(steps[-1]))
    steps += [Catalogue(catalogue.taxonomy), catalogue, catalogue]  # nothing published, then all of it back
    for n, cat in enumerate(steps):
        made.clear()
        written = _publish(cat, tmp_path)
        fresh = len(made)
        expected = index.build(cat)
        assert _on_disk(tmp_path / "index") == expected, n
        assert written.size == sum(map(len, expected.values()))
    assert fresh == 0 and written.written == 0  # the same catalogue twice: nothing made, nothing written


def test_nothing_changed_writes_nothing_and_keeps_what_it_kept(catalogue, tmp_path):
    _publish(catalogue, tmp_path)
    state = tmp_path / "cache" / kept.FILE
    before = state.stat().st_mtime_ns
    assert _publish(catalogue, tmp_path).written == 0
    assert state.stat().st_mtime_ns == before


def test_an_interrupted_build_is_followed_by_a_correct_one(catalogue, tmp_path, monkeypatch):
    _publish(catalogue, tmp_path)
    changed = CHANGES["unpublished"](catalogue)
    write = files.write_bytes
    count = {"written": 0}

    def failing(path, data):
        count["written"] += 1
        if count["written"] > 5:
            raise OSError("đĩa đầy")
        write(path, data)

    monkeypatch.setattr(files, "write_bytes", failing)
    with pytest.raises(OSError):
        _publish(changed, tmp_path)
    # Half the folder is new: what the last build kept no longer describes it, and is gone.
    assert not (tmp_path / "cache" / kept.FILE).exists()
    monkeypatch.setattr(files, "write_bytes", write)
    _publish(changed, tmp_path)
    assert _on_disk(tmp_path / "index") == index.build(changed)


@pytest.mark.parametrize("tamper", ["removed", "edited", "added"])
def test_a_folder_changed_behind_the_builds_back_is_made_whole(catalogue, tmp_path, tamper):
    _publish(catalogue, tmp_path)
    folder = tmp_path / "index"
    card = folder / "the" / "0.json"
    if tamper == "removed":
        card.unlink()
    elif tamper == "edited":
        card.write_bytes(card.read_bytes().replace(b"[", b"[ ", 1))
    else:
        (folder / "s" / "stray.bin").write_bytes(b"x")
    assert _publish(catalogue, tmp_path).written == (0 if tamper == "added" else 1)
    assert _on_disk(folder) == index.build(catalogue)


def test_another_generation_starts_from_nothing(catalogue, tmp_path, made):
    _publish(catalogue, tmp_path)
    made.clear()
    assert _publish(catalogue, tmp_path, generation="other code").written == 0  # the same bytes, so not written
    assert len(made) == len(catalogue.initiatives) + len(catalogue.stories)


def test_a_token_crossing_the_own_file_size_moves_between_its_file_and_its_shard(catalogue, tmp_path, monkeypatch):
    """A retitled record leaves the lists of its old title's words: one of them shrinks below the size that gives
    a token its own file (set here between its two sizes), and grows past it again when the title comes back."""
    changed = CHANGES["title"](catalogue)
    digests = {i.digest for i in changed.initiatives}
    old_title = next(i.record.title for i in catalogue.initiatives if i.digest not in digests)
    before, after = table.make(catalogue), table.make(changed)

    def size(t: table.Table, name: str) -> int:
        return len(index._payloads(t, [t.vocabulary.tokens.index(name)])[0])

    name = next(n for n in tokens(old_title) if n in after.vocabulary.tokens and size(before, n) > size(after, n))
    monkeypatch.setattr(index, "OWN_FILE", size(after, name))
    folder = tmp_path / "index"
    _publish(catalogue, tmp_path)
    for cat, has_file in [(changed, False), (catalogue, True)]:
        inodes = _inodes(folder)
        _publish(cat, tmp_path)
        assert (folder / "w" / f"{name}.bin").exists() == has_file
        assert _on_disk(folder) == index.build(cat)
        # The same ids: a warm build of the shards and files the record's words are in, not of every file.
        assert len([p for p, inode in _inodes(folder).items() if p.startswith("the/") and inodes[p] != inode]) == 1


def test_the_preview_and_the_build_keep_one_table_and_trust_only_their_own_folder(catalogue, tmp_path, made):
    """The live preview writes the index into another folder: the table serves both, the list of files only the
    folder it describes."""
    site, preview = tmp_path / "site-index", tmp_path / "preview-index"
    for n, folder in enumerate((site, preview, site)):
        made.clear()
        index.publish(catalogue, folder, "chi-muc", False, tmp_path / "cache", GENERATION)
        assert len(made) == (0 if n else len(catalogue.initiatives) + len(catalogue.stories))
        assert _on_disk(folder) == index.build(catalogue)
    (site / "muc-luc.json").unlink()  # the list describes `site`: a file gone from it is written again
    assert index.publish(catalogue, site, "chi-muc", False, tmp_path / "cache", GENERATION).written == 1
