"""Load every content file, check it against the contract and the taxonomies, and build the catalogue.

Every problem of every file is collected in one pass (never only the first, never in stages): a field
that fails its type does not stop the taxonomy, photo and personal-data checks, which read the raw data.
Each problem has file, line, field, reason and the value as written.
"""

from __future__ import annotations

import functools
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from generator.catalogue import addresses
from generator.catalogue.cache import RecordCache, stat_key
from generator.catalogue.model import Catalogue, Initiative, Story, story_slug
from generator.common import parallel
from generator.common.digest import digest, digest_bytes
from generator.common.problems import Problem, os_reason, quote, relative, relative_all
from generator.common.text import one_line
from generator.content import decisions, privacy
from generator.content.decisions import Decisions
from generator.content.messages import reason
from generator.content.schema import InitiativeRecord, StoryRecord, initiative_rules
from generator.content.source import Document, SourceError, parse_front_matter, parse_yaml, read_text
from generator.content.taxonomy import FILES as TAXONOMY_FILES
from generator.content.taxonomy import ProvinceMatch, Taxonomy, UnknownName
from generator.media import photos

BODY = "(nội dung)"  # a story's Markdown after its front matter, reported as a field of its own
INITIATIVE_MARKDOWN = {"problem", "solution", "results"}
STORY_MARKDOWN = {BODY}


@dataclass(frozen=True)
class Outcome:
    """What checking one initiative file gave; the record cache keeps it for warm builds."""

    initiative: Initiative | None
    problems: tuple[Problem, ...] = ()
    status: str | None = None
    id_line: int = 1
    withheld: tuple[str, ...] = ()  # its authors who did not agree to be named: no story may name them


@dataclass
class LoadResult:
    catalogue: Catalogue
    problems: list[Problem] = field(default_factory=list)
    not_approved: int = 0
    invalid_files: set[str] = field(default_factory=set)
    pending: list[Initiative] = field(default_factory=list)  # valid, waiting for approval: screened for copies
    decisions: Decisions = field(default_factory=Decisions)  # editors' decisions about near-duplicates
    copies: int = 0  # initiatives left out as copies of another
    fresh: set[str] = field(default_factory=set)  # files read and checked again, not taken from the record cache

    @property
    def invalid(self) -> int:
        return len(self.invalid_files)

    @functools.cached_property
    def screened(self) -> list[Initiative]:
        """Every record that could be published (approved or pending, not a copy): screened for near-duplicates."""
        return self.catalogue.initiatives + self.pending

    def derive(self) -> None:
        """`Catalogue.derive`, and the records screened: a list of 10^5 made before workers are forked."""
        self.catalogue.derive()
        _ = self.screened


@dataclass(frozen=True)
class Listing:
    """The initiative files, sorted; each one's size and mtime (None where it cannot be looked at), which tell
    whether the record cache holds its result; and a problem for each sub-folder that could not be listed."""

    paths: list[str]
    stats: list[tuple[int, int] | None]
    problems: list[Problem]


def listing(content: Path) -> Listing:
    """The initiative files and their stat: 10^5 system calls, made on another core while the cache is read."""
    paths, problems = _files(content / "initiatives", (".yml", ".yaml"), content)
    return Listing(paths, [_stat(path) for path in paths], problems)


def load_content(content: Path, cache: RecordCache | None = None, listed: Listing | None = None) -> LoadResult:
    """`cache` supplies the results of initiative files unchanged since the last build (see cache.py); `listed`:
    the files as `listing` gave them, if taken already."""
    taxonomy = Taxonomy(content / "taxonomies")
    result = LoadResult(Catalogue(taxonomy))
    unpublished: dict[str, str] = {}  # id -> why it is not published, for stories that cite it
    seen: dict[str, str] = {}
    written: dict[str, str] = {}  # id in lower case -> id as written, whatever the status
    withheld: set[str] = set()
    listed = listed or listing(content)
    paths, folder_problems = listed.paths, listed.problems
    names = relative_all(paths, content)
    outcomes, result.fresh = _load_initiatives(paths, names, listed.stats, content, taxonomy, cache)
    for name, outcome in zip(names, outcomes, strict=True):
        withheld.update(outcome.withheld)  # whatever its status and whether or not it is valid
        problems = outcome.problems  # a tuple, as cached: copied before anything is added
        initiative = outcome.initiative
        low = initiative.id.lower() if initiative is not None else ""
        if initiative is not None and low in seen:
            clash = Problem(name, outcome.id_line, "id", f"trùng mã với {seen[low]} ({quote(initiative.id)})")
            problems = (*problems, clash)
        if problems:
            _record(result, name, list(problems))
        if problems or initiative is None:
            continue
        seen[low] = name
        written[low] = initiative.id
        if outcome.status == "approved":
            result.catalogue.initiatives.append(initiative)
        else:
            result.not_approved += 1
            unpublished[initiative.id.lower()] = f"chưa được công bố (trạng thái {outcome.status})"
            if outcome.status == "pending":
                result.pending.append(initiative)
    _decide(result, content, written, unpublished)
    published = {i.id.lower(): i for i in result.catalogue.initiatives}
    # A story may name any withheld author in the country: as a full name; its own records' authors in any form.
    hidden = _StoryScans(cache, withheld, taxonomy)
    story_paths, story_folder_problems = _files(content / "stories", (".md",), content)
    for path in map(Path, story_paths):
        name = relative(path, content)
        story, problems = _load_story(path, name, content, taxonomy, published, unpublished, hidden)
        _record(result, name, problems)
        if story is not None and not problems:
            result.catalogue.stories.append(story)
    if cache:
        cache.keep_scans(hidden.used)
    for problem in folder_problems + story_folder_problems:
        _record(result, problem.file, [problem])
    # Sorted first: what the catalogue derives from its records (organisations' lists) keeps that order.
    result.catalogue.sort()
    clashes = addresses.conflicts(result.catalogue, content)  # addresses reserved, empty or taken twice
    for problem in clashes:
        _record(result, problem.file, [problem])
    result.catalogue = addresses.without(result.catalogue, {p.file for p in clashes})
    result.problems.sort()
    return result


def missing_content(content: Path) -> str | None:
    """What is missing, said precisely: the folder itself, or the taxonomies every record refers to (None: nothing)."""
    taxonomies = content / "taxonomies"
    if not content.exists():
        return f"Không tìm thấy thư mục nội dung: {content}"
    if not content.is_dir():
        return f"{content} không phải là thư mục (--content cần thư mục nội dung)"
    if not taxonomies.is_dir():
        return f"Thư mục nội dung {content} thiếu thư mục taxonomies/ (danh sách tỉnh, lĩnh vực…)"
    if missing := [f for f in TAXONOMY_FILES if not (taxonomies / f).is_file()]:
        return f"Thư mục {taxonomies} thiếu tệp: {', '.join(missing)}"
    return None


def _decide(result: LoadResult, content: Path, written: dict[str, str], unpublished: dict[str, str]) -> None:
    """Editors' decisions about near-duplicates: a copy is left out like a withdrawn record, everywhere."""
    found, problems = decisions.load(content, written)
    for problem in problems:
        _record(result, problem.file, [problem])
    result.decisions = found
    if not found.copies:
        return
    kept = [i for i in result.catalogue.initiatives if i.id.lower() not in found.copies]
    result.copies = len(result.catalogue.initiatives) - len(kept)
    result.catalogue.initiatives = kept
    result.pending = [i for i in result.pending if i.id.lower() not in found.copies]
    for copy, original in found.copies.items():
        unpublished[copy] = f'không được công bố: là bản sao của "{original}" ({decisions.FILE.as_posix()})'


def _files(folder: Path, suffixes: tuple[str, ...], content: Path) -> tuple[list[str], list[Problem]]:
    """Content files under `folder`, sorted, and a problem for each sub-folder that could not be listed.
    os.walk with plain strings: pathlib's globbing, sorting and path objects cost seconds at 10^5 files. It does
    not follow symlinked folders, so a symlink loop cannot make it go round."""
    if not folder.is_dir():
        return [], []
    problems: list[Problem] = []

    def unreadable(e: OSError) -> None:
        where = relative(Path(e.filename), content) if e.filename else relative(folder, content)
        problems.append(Problem(where, 1, "(thư mục)", f"không đọc được thư mục: {os_reason(e)}"))

    found = [
        os.path.join(root, f)
        for root, _, files in os.walk(folder, onerror=unreadable)
        for f in files
        if f.endswith(suffixes)
    ]
    return sorted(found), problems


def _load_initiatives(
    paths, names, stats, content: Path, taxonomy: Taxonomy, cache: RecordCache | None
) -> tuple[list[Outcome], set[str]]:
    """Each file's outcome, and the names of those not found unchanged in `cache` (by their `stats`)."""
    results: list = [None] * len(paths)
    todo = []
    for k, (name, now) in enumerate(zip(names, stats, strict=True)):
        entry = cache.get(name) if cache else None
        if entry is not None and _unchanged(entry[0], now):
            results[k] = entry[1]
        else:
            todo.append(k)
    fresh = parallel.map_in_order(lambda k: _load_initiative(Path(paths[k]), names[k], content, taxonomy), todo)
    for k, (stamp, outcome) in zip(todo, fresh, strict=True):
        results[k] = outcome
        if cache:
            cache.put(names[k], stamp, outcome)
    if cache:
        cache.keep_only(set(names))
    return results, {names[k] for k in todo}


def _stamp(path: Path, photos: list[Path], own: tuple[int, int] | None = None) -> tuple:
    """What says a file's result still holds: its own size and mtime (`own`, when taken before reading
    it), and its photos'. None where a file cannot be looked at: such a result never counts as holding."""
    return own or _stat(path), tuple((str(photo), _stat(photo)) for photo in photos)


def _stat(path: str | Path) -> tuple[int, int] | None:
    try:
        return stat_key(path)
    except OSError:
        return None


def _unchanged(stamp: tuple, now: tuple[int, int] | None) -> bool:
    """The file (its stat `now`) and its photos as they were: their stat alone, no path objects (10^5 files)."""
    own, photos = stamp
    return own is not None and own == now and all(_stat(p) == was for p, was in photos)


def _digest(text: str, stamp: tuple) -> str:
    return digest_bytes(repr(stamp[1]).encode() + text.encode())


def _record(result: LoadResult, name: str, problems: list[Problem]) -> None:
    if problems:
        result.problems.extend(problems)
        result.invalid_files.add(name)


def _parse(path: Path, name: str, parse) -> tuple[str, Document | None, list[Problem]]:
    """Text, document and the problems of reading it: one of a file's own problems, or its repeated keys."""
    try:
        text = read_text(path)
        doc = parse(text)
    except SourceError as e:
        return "", None, [Problem(name, e.line, "(tệp)", e.reason)]
    return text, doc, [Problem(name, line, where, reason) for line, where, reason in doc.duplicates]


# --- shape: the schema, with each error's value quoted ---------------------------------------------------


def _check(model, doc: Document, name: str):
    """(record or None, problems, the locations that failed): checks that read the raw data skip those."""
    try:
        return model.model_validate(doc.data), [], set()
    except ValidationError as e:
        problems, bad = [], set()
        for err in e.errors():
            loc = tuple(err["loc"])
            bad.add(loc)
            where = ".".join(str(p) for p in loc) or "(bản ghi)"
            problems.append(Problem(name, doc.line_of(loc), where, reason(err, model)))
        return None, problems, bad


def _clean(bad: set[tuple], loc: tuple) -> bool:
    """No schema error at `loc`, inside it, or on what holds it."""
    return not any(b[: len(loc)] == loc or loc[: len(b)] == b for b in bad)


# --- what the fields refer to: taxonomies, photos, other records ------------------------------------------


def _lookup(find, data: dict, key: str, bad: set, doc: Document, name: str, problems: list[Problem]):
    """`find(value)` for a field written as text that passed the schema, or None (a problem is added)."""
    value = data.get(key)
    if not isinstance(value, str) or not _clean(bad, (key,)):
        return None
    try:
        return find(value)
    except UnknownName as e:
        problems.append(Problem(name, doc.line_of((key,)), key, str(e)))
        return None


def _check_images(data: dict, bad: set, doc: Document, name: str, content: Path) -> list[Problem]:
    images = data.get("images")
    if not isinstance(images, list):
        return []
    return [
        p
        for i, image in enumerate(images)
        if _clean(bad, ("images", i))
        for p in _check_image(image["file"], doc, name, content, ("images", i))
    ]


def _check_image(file: str, doc: Document, name: str, content: Path, loc: tuple) -> list[Problem]:
    reason = _photo_problem(file.strip(), content)
    if reason is None:
        return []
    where = (*loc, "file")
    return [Problem(name, doc.line_of(where), ".".join(map(str, where)), f"{reason} ({quote(file)})")]


def _photo_problem(file: str, content: Path) -> str | None:
    # realpath, not Path.resolve: on a symlink loop the latter raises RuntimeError.
    media = os.path.realpath(content / "media")
    target = os.path.realpath(os.path.join(media, file))
    if os.path.commonpath([media, target]) != media:
        return "đường dẫn ảnh phải nằm trong content/media/"
    try:
        info = os.stat(target)
        if not stat.S_ISREG(info.st_mode):
            return "không phải tệp ảnh (thư mục hay tệp đặc biệt)"
        photos.check(Path(target))
    except FileNotFoundError:
        return "không tìm thấy tệp ảnh trong content/media/"
    except OSError as e:
        return f"không đọc được tệp ảnh: {os_reason(e)}"
    except photos.BadImage as e:
        return str(e)
    return None


def _photo_paths(content: Path, images) -> list[Path]:
    return [
        content / "media" / image["file"]
        for image in (images if isinstance(images, list) else [])
        if isinstance(image, dict) and isinstance(image.get("file"), str)
    ]


# --- personal data ----------------------------------------------------------------------------------------


def _withheld(data: dict) -> tuple[str, ...]:
    """Authors who did not say `consent_public: true` (an answer other than true is not a consent)."""
    authors = data.get("authors")
    return tuple(
        one_line(a["name"])
        for a in (authors if isinstance(authors, list) else [])
        if isinstance(a, dict)
        and isinstance(a.get("name"), str)
        and a["name"].strip()
        and a.get("consent_public") is not True
    )


# Fields that name an entry of a list (a province, a union, a sector…): a value that is not in its list is an
# error already, and one that is holds no personal data ("Quảng Bình" is a province, not Mr Bình).
LISTED = frozenset({"province", "union", "sector", "programme", "status", "recognition"})


def _unlisted(data: dict) -> dict:
    return {key: value for key, value in data.items() if key not in LISTED}


@functools.cache
def _places(taxonomy: Taxonomy) -> privacy.WithheldNames:
    """No name yet, the place names prepared: each record adds its own withheld authors."""
    return privacy.WithheldNames(places=taxonomy.places)


def _privacy(data: dict, hidden, markdown: set[str], doc: Document, name: str) -> list[Problem]:
    return _found_at(privacy.scan_document(data, hidden, markdown), doc, name)


class _StoryScans:
    """Each story's personal-data scan against every withheld name in the catalogue, kept by what it scans and the
    names it looks for (`RecordCache.scans`): a warm build scans only stories whose text or names changed, and
    prepares the 10^5 names only then."""

    def __init__(self, cache: RecordCache | None, withheld: set[str], taxonomy: Taxonomy):
        self.names, self.taxonomy = sorted(withheld), taxonomy
        self.key = digest_bytes("\0".join(self.names).encode(), size=16)
        self.kept = cache.scans if cache else {}
        self.used: dict[str, list] = {}
        self._hidden: privacy.WithheldNames | None = None

    def scan(self, data: dict, own: list[str]) -> list:
        """What `privacy.scan_document` finds in a story's `data`, its own records' withheld authors `own`."""
        key = digest(self.key, data, own, size=16)
        found = self.kept.get(key)
        if found is None:
            if self._hidden is None:
                self._hidden = privacy.WithheldNames(whole_names=self.names, places=self.taxonomy.places)
            found = [(tuple(loc), offset, why) for loc, offset, why in
                     privacy.scan_document(data, self._hidden.adding(own), STORY_MARKDOWN)]  # fmt: skip
        self.used[key] = found
        return found


def _found_at(found, doc: Document, name: str) -> list[Problem]:
    """What a scan found, as problems at their lines."""
    problems = []
    for loc, offset, why in found:
        if loc[:1] == (BODY,):
            line, where = doc.body_line + offset, BODY
        else:
            line, where = doc.text_line(loc) + offset, ".".join(map(str, loc))
        problems.append(Problem(name, line, where, why))
    return problems


# --- one file ---------------------------------------------------------------------------------------------


def _load_initiative(path: Path, name: str, content: Path, taxonomy: Taxonomy) -> tuple[tuple, Outcome]:
    """(stamp, outcome)."""
    own = _stat(path)  # before reading: a change made while it is read shows at the next build
    text, doc, problems = _parse(path, name, parse_yaml)
    if doc is None:
        return _stamp(path, [], own), Outcome(None, tuple(problems))
    stamp = _stamp(path, _photo_paths(content, doc.data.get("images")), own)
    checked = check_initiative(doc, name, content, taxonomy, lambda: _digest(text, stamp))
    problems += checked.problems
    if problems or checked.initiative is None:
        return stamp, Outcome(None, tuple(problems), None, checked.id_line, checked.withheld)
    return stamp, checked


def check_initiative(doc: Document, name: str, content: Path, taxonomy: Taxonomy, digest=lambda: "") -> Outcome:
    """Every check of one initiative: the contract, the rules across fields, the lists its names refer to,
    its photos and personal data. `check` reads a file into `doc`; `showcase import` builds `doc` from a row,
    so a record is imported only if `check` would pass it. `digest` is asked only of a valid record."""
    data = doc.data
    record, problems, bad = _check(InitiativeRecord, doc, name)
    problems += [Problem(name, doc.line_of((key,)), key, reason) for key, reason in initiative_rules(data)]
    province = _lookup(taxonomy.province, data, "province", bad, doc, name, problems)
    union = _lookup(taxonomy.union, data, "union", bad, doc, name, problems)
    province, union = _place(data, bad, doc, name, taxonomy, province, union, problems)
    sector = _lookup(taxonomy.sector, data, "sector", bad, doc, name, problems)
    programme = _lookup(taxonomy.programme, data, "programme", bad, doc, name, problems)
    kind = _kind(data, bad, doc, name, taxonomy, problems)
    problems += _check_images(data, bad, doc, name, content)
    withheld = _withheld(data)
    problems += _privacy(_unlisted(data), _places(taxonomy).adding(withheld), INITIATIVE_MARKDOWN, doc, name)
    id_line = doc.line_of(("id",))
    if problems or record is None or union is None:
        return Outcome(None, tuple(problems), None, id_line, withheld)
    if record.organization and kind and kind != record.organization.kind:
        record = record.model_copy(update={"organization": record.organization.model_copy(update={"kind": kind})})
    initiative = Initiative(
        record,
        province.province if province else None,
        province.former_name if province else None,
        union,
        sector,
        programme,
        name,
        digest(),
    )
    return Outcome(initiative, (), record.status, id_line, withheld)


def _place(data: dict, bad: set, doc: Document, name: str, taxonomy: Taxonomy, province, union, problems: list):
    """(province match or None, union): a record names its province, or a national union, or both; a federation
    of labour named without a province gives its province, and one that names another province is an error."""
    if province is None and union is None:
        if data.get("province") is None and data.get("union") is None and _clean(bad, ("province",)):
            problems.append(
                Problem(name, doc.line_of(("province",)), "province", "thiếu trường bắt buộc (hoặc ghi union)")
            )
        return None, None
    if union is None:
        return province, (taxonomy.federation(province.province) if province and data.get("union") is None else None)
    if union.national:
        return province, union
    if province is None:
        return (None if data.get("province") is not None else ProvinceMatch(union.province, None)), union
    if province.province != union.province:
        problems.append(
            Problem(
                name,
                doc.line_of(("union",)),
                "union",
                f"{union.name} không thuộc tỉnh, thành {province.province.name} ({quote(data['union'])})",
            )
        )
        return province, None
    return province, union


def _kind(data: dict, bad: set, doc: Document, name: str, taxonomy: Taxonomy, problems: list) -> str | None:
    org = data.get("organization")
    if not isinstance(org, dict) or not isinstance(org.get("kind"), str) or not _clean(bad, ("organization", "kind")):
        return None
    try:
        return taxonomy.organization_kind(org["kind"])
    except UnknownName as e:
        problems.append(Problem(name, doc.line_of(("organization", "kind")), "organization.kind", str(e)))
        return None


def _load_story(path, name, content, taxonomy, published, unpublished, hidden: _StoryScans):
    """`hidden`: every withheld author name in the catalogue, cited by the story or not."""
    text, doc, problems = _parse(path, name, parse_front_matter)
    if doc is None:
        return None, problems
    data = doc.data
    record, schema_problems, bad = _check(StoryRecord, doc, name)
    problems += schema_problems
    cited = _cited(data, bad, doc, name, published, unpublished, problems)
    province = _lookup(lambda v: taxonomy.province(v).province, data, "province", bad, doc, name, problems)
    sector = _lookup(taxonomy.sector, data, "sector", bad, doc, name, problems)
    cover = data.get("cover")
    if isinstance(cover, dict) and _clean(bad, ("cover",)):
        problems += _check_image(cover["file"], doc, name, content, ("cover",))
    if not doc.body.strip():
        problems.append(Problem(name, doc.body_line, BODY, "câu chuyện chưa có nội dung sau phần đầu YAML"))
    own = [a.name for i in cited for a in i.record.authors if not a.consent_public]
    problems += _found_at(hidden.scan({**_unlisted(data), BODY: doc.body}, own), doc, name)
    if problems or record is None:
        return None, problems
    stamp = _stamp(path, [content / "media" / record.cover.file] if record.cover else [])
    return Story(
        record, story_slug(path.stem), doc.body, tuple(cited), province, sector, name, _digest(text, stamp)
    ), []


def _cited(
    data: dict, bad: set, doc: Document, name: str, published: dict, unpublished: dict, problems: list[Problem]
) -> list[Initiative]:
    refs = data.get("initiatives")
    cited = []
    for i, ref in enumerate(refs if isinstance(refs, list) else []):
        if not isinstance(ref, str) or not _clean(bad, ("initiatives", i)):
            continue
        if ref.lower() in published:
            cited.append(published[ref.lower()])
            continue
        why = (
            f'sáng kiến "{ref}" {unpublished[ref.lower()]}'
            if ref.lower() in unpublished
            else f'không có sáng kiến "{ref}"'
        )
        problems.append(Problem(name, doc.line_of(("initiatives", i)), f"initiatives.{i}", why))
    return cited
