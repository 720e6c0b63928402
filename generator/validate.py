"""Load every content file, check it against the contract and the taxonomies, and build the catalogue.

Every problem of every file is collected (never only the first), each with file, line, field and reason.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from . import media as photos
from . import parallel, routes
from .cache import RecordCache, stat_key
from .model import Catalogue, Initiative, Story, story_slug
from .privacy import names_in, personal_data
from .problems import Problem, relative
from .schema import InitiativeRecord, StoryRecord
from .source import Document, SourceError, parse_front_matter, parse_yaml, read_text
from .taxonomy import Taxonomy, UnknownName
from .text import closest

_MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "string_type": "phải là văn bản",
    "string_too_short": "không được để trống",
    "string_too_long": "quá dài",
    "string_pattern_mismatch": "sai định dạng",
    "int_type": "phải là số nguyên (không có dấu chấm, chữ hay đơn vị)",
    "int_parsing": "phải là số nguyên",
    "greater_than_equal": "không được âm",
    "less_than_equal": "quá lớn",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "list_type": "phải là danh sách",
    "model_type": "phải là một bảng trường: giá trị",
    "dict_type": "phải là một bảng trường: giá trị",
    "date_from_datetime_parsing": "ngày không hợp lệ (định dạng YYYY-MM-DD, ví dụ 2022-08-15)",
    "date_parsing": "ngày không hợp lệ (định dạng YYYY-MM-DD, ví dụ 2022-08-15)",
    "date_type": "ngày không hợp lệ (định dạng YYYY-MM-DD, ví dụ 2022-08-15)",
    "literal_error": "giá trị không hợp lệ",
}


@dataclass
class LoadResult:
    catalogue: Catalogue
    problems: list[Problem] = field(default_factory=list)
    not_approved: int = 0
    invalid_files: set[str] = field(default_factory=set)

    @property
    def invalid(self) -> int:
        return len(self.invalid_files)


def load_content(content: Path, cache: RecordCache | None = None) -> LoadResult:
    """`cache` supplies the results of initiative files unchanged since the last build (see cache.py)."""
    taxonomy = Taxonomy(content / "taxonomies")
    result = LoadResult(Catalogue(taxonomy))
    unpublished: dict[str, str] = {}  # id -> status, for stories that cite them
    seen: dict[str, str] = {}
    paths = _yaml_files(content / "initiatives")
    names = [relative(p, content) for p in paths]
    loaded = _load_initiatives(paths, names, content, taxonomy, cache)
    for name, (initiative, problems, status, id_line) in zip(names, loaded, strict=True):
        problems = list(problems)  # the cached list stays as it was read
        if initiative is not None and initiative.id.lower() in seen:
            problems.append(Problem(name, id_line, "id",
                                    f'trùng mã "{initiative.id}" với {seen[initiative.id.lower()]}'))
        _record(result, name, problems)
        if problems or initiative is None:
            continue
        seen[initiative.id.lower()] = name
        if status == "approved":
            result.catalogue.initiatives.append(initiative)
        else:
            result.not_approved += 1
            unpublished[initiative.id.lower()] = status
    published = {i.id.lower(): i for i in result.catalogue.initiatives}
    for path in sorted((content / "stories").rglob("*.md")):
        name = relative(path, content)
        story, problems = _load_story(path, name, content, taxonomy, published, unpublished)
        _record(result, name, problems)
        if story is not None and not problems:
            result.catalogue.stories.append(story)
    clashes = routes.conflicts(result.catalogue, content)  # addresses reserved, empty or taken twice
    for problem in clashes:
        _record(result, problem.file, [problem])
    result.catalogue = routes.without(result.catalogue, {p.file for p in clashes})
    result.problems.sort()
    result.catalogue.sort()
    return result


def _yaml_files(folder: Path) -> list[Path]:
    # os.walk with plain strings: pathlib's globbing and sorting cost seconds at 10^5 files.
    found = [os.path.join(root, f) for root, _, files in os.walk(folder) for f in files
             if f.endswith((".yml", ".yaml"))]
    return [Path(p) for p in sorted(found)]


def _load_initiatives(paths, names, content: Path, taxonomy: Taxonomy, cache: RecordCache | None) -> list:
    results: list = [None] * len(paths)
    todo = []
    for k, (path, name) in enumerate(zip(paths, names)):
        entry = cache.get(name) if cache else None
        if entry is not None and _unchanged(entry[0], path):
            results[k] = entry[1]
        else:
            todo.append(k)
    fresh = parallel.map_in_order(lambda k: _load_initiative(paths[k], names[k], content, taxonomy), todo)
    for k, (stamp, outcome) in zip(todo, fresh, strict=True):
        results[k] = outcome
        if cache:
            cache.put(names[k], stamp, outcome)
    if cache:
        cache.keep_only(set(names))
    return results


def _stamp(path: Path, photos: list[Path]) -> tuple:
    """What says a file's result still holds: its own size and mtime, and its photos'."""
    keys = []
    for photo in photos:
        try:
            keys.append((str(photo), stat_key(photo)))
        except OSError:
            keys.append((str(photo), None))
    return stat_key(path), tuple(keys)


def _unchanged(stamp: tuple, path: Path) -> bool:
    try:
        return stamp == _stamp(path, [Path(p) for p, _ in stamp[1]])
    except OSError:
        return False


def _digest(text: str, stamp: tuple) -> str:
    return hashlib.blake2b(repr(stamp[1]).encode() + text.encode(), digest_size=12).hexdigest()


def _record(result: LoadResult, name: str, problems: list[Problem]) -> None:
    if problems:
        result.problems.extend(problems)
        result.invalid_files.add(name)


def _read(text: str, name: str, parse) -> tuple[Document | None, list[Problem]]:
    try:
        return parse(text), []
    except SourceError as e:
        return None, [Problem(name, e.line, "(tệp)", e.reason)]


def _check(model, doc: Document, name: str):
    try:
        return model.model_validate(doc.data), []
    except ValidationError as e:
        return None, [_problem(err, doc, name, model) for err in e.errors()]


def _problem(err: dict, doc: Document, name: str, model) -> Problem:
    loc = tuple(err["loc"])
    field_name = ".".join(str(p) for p in loc) or "(bản ghi)"
    reason = _MESSAGES.get(err["type"], err["msg"])
    if err["type"] == "extra_forbidden":
        hint = closest(str(loc[-1]), {f: f for f in _fields_at(model, loc[:-1])})
        reason = "trường không được hỗ trợ" + (f'; có phải "{hint}"?' if hint else "")
    elif err["type"] == "literal_error":
        reason += f" ({err['ctx']['expected']})"
    elif err["type"] == "string_pattern_mismatch" and loc and loc[-1] == "id":
        reason = "mã chỉ gồm chữ không dấu, số và dấu gạch ngang, dài 3–64 ký tự"
    elif err["type"] == "value_error":
        # Our own model validators say "field: reason".
        msg = str(err["ctx"]["error"])
        field_name, _, reason = msg.partition(": ")
        loc = (field_name,)
    return Problem(name, doc.line_of(loc), field_name, reason)


def _fields_at(model, loc: tuple) -> list[str]:
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[part].annotation
        model = next((a for a in getattr(annotation, "__args__", (annotation,)) if hasattr(a, "model_fields")),
                     None) or getattr(annotation, "__args__", [None])[0]
        if not hasattr(model, "model_fields"):
            return []
    return list(model.model_fields)


def _load_initiative(path: Path, name: str, content: Path, taxonomy: Taxonomy):
    """(stamp, (initiative or None, problems, status, line of its id))."""
    stamp = _stamp(path, [])
    try:
        text = read_text(path)
    except SourceError as e:
        return stamp, (None, [Problem(name, e.line, "(tệp)", e.reason)], None, 1)
    doc, problems = _read(text, name, parse_yaml)
    if doc is None:
        return stamp, (None, problems, None, 1)
    record, problems = _check(InitiativeRecord, doc, name)
    id_line = doc.line_of(("id",))
    if record is None:
        return stamp, (None, problems, None, id_line)
    stamp = _stamp(path, [content / "media" / image.file for image in record.images])
    province = sector = programme = None
    try:
        province = taxonomy.province(record.province)
    except UnknownName as e:
        problems.append(Problem(name, doc.line_of(("province",)), "province", str(e)))
    try:
        sector = taxonomy.sector(record.sector)
    except UnknownName as e:
        problems.append(Problem(name, doc.line_of(("sector",)), "sector", str(e)))
    if record.programme is not None:
        programme = taxonomy.programmes.get(record.programme)
        if programme is None:
            keys = ", ".join(taxonomy.programmes)
            problems.append(Problem(name, doc.line_of(("programme",)), "programme",
                                    f'không có phong trào "{record.programme}" (có: {keys})'))
    for i, image in enumerate(record.images):
        problems += _check_image(image, doc, name, content, ("images", i))
    hidden = [a.name for a in record.authors if not a.consent_public]
    problems += _check_privacy(_initiative_texts(record), hidden, doc, name)
    if problems:
        return stamp, (None, problems, record.status, id_line)
    initiative = Initiative(record, province.province, province.former_name, sector, programme, name,
                            _digest(text, stamp))
    return stamp, (initiative, [], record.status, id_line)


def _check_image(image, doc: Document, name: str, content: Path, loc: tuple) -> list[Problem]:
    media = (content / "media").resolve()
    target = (media / image.file).resolve()
    if not target.is_relative_to(media):
        reason = "đường dẫn ảnh phải nằm trong content/media/"
    elif not target.is_file():
        reason = f'không tìm thấy tệp ảnh "{image.file}" trong content/media/'
    else:
        try:
            photos.check(target)
            return []
        except photos.BadImage as e:
            reason = str(e)
    where = loc + ("file",)
    return [Problem(name, doc.line_of(where), ".".join(map(str, where)), reason)]


def _load_story(path, name, content, taxonomy, published, unpublished):
    try:
        text = read_text(path)
    except SourceError as e:
        return None, [Problem(name, e.line, "(tệp)", e.reason)]
    doc, problems = _read(text, name, parse_front_matter)
    if doc is None:
        return None, problems
    record, problems = _check(StoryRecord, doc, name)
    if record is None:
        return None, problems
    cited = []
    for i, ref in enumerate(record.initiatives):
        if ref.lower() in published:
            cited.append(published[ref.lower()])
            continue
        why = (f'sáng kiến "{ref}" chưa được công bố (trạng thái {unpublished[ref.lower()]})'
               if ref.lower() in unpublished else f'không có sáng kiến "{ref}"')
        problems.append(Problem(name, doc.line_of(("initiatives", i)), f"initiatives.{i}", why))
    province = sector = None
    try:
        province = taxonomy.province(record.province).province if record.province else None
    except UnknownName as e:
        problems.append(Problem(name, doc.line_of(("province",)), "province", str(e)))
    try:
        sector = taxonomy.sector(record.sector) if record.sector else None
    except UnknownName as e:
        problems.append(Problem(name, doc.line_of(("sector",)), "sector", str(e)))
    if record.cover:
        problems += _check_image(record.cover, doc, name, content, ("cover",))
    if not doc.body.strip():
        problems.append(Problem(name, doc.body_line, "(nội dung)", "câu chuyện chưa có nội dung sau phần đầu YAML"))
    hidden = [a.name for i in cited for a in i.record.authors if not a.consent_public]
    problems += _check_privacy(_story_texts(record, doc), hidden, doc, name)
    if problems:
        return None, problems
    stamp = _stamp(path, [content / "media" / record.cover.file] if record.cover else [])
    return Story(record, story_slug(path.stem), doc.body, tuple(cited), province, sector, name,
                 _digest(text, stamp)), []


def _initiative_texts(r: InitiativeRecord) -> list[tuple[tuple, str]]:
    """Every free-text field a reader sees, with where it is; press_contact is published on purpose."""
    texts = [((f,), getattr(r, f)) for f in ("title", "summary", "problem", "solution", "results", "benefit_note")]
    texts += [(("tags", i), t) for i, t in enumerate(r.tags)]
    if r.organization:
        texts.append((("organization", "name"), r.organization.name))
    texts += [(("authors", i, "role"), a.role) for i, a in enumerate(r.authors)]
    for i, image in enumerate(r.images):
        texts += [(("images", i, "alt"), image.alt), (("images", i, "credit"), image.credit)]
    return [(loc, text) for loc, text in texts if text]


def _story_texts(r: StoryRecord, doc: Document) -> list[tuple[tuple, str]]:
    texts = [(("title",), r.title), (("summary",), r.summary), (("byline",), r.byline)]
    if r.cover:
        texts += [(("cover", "alt"), r.cover.alt), (("cover", "credit"), r.cover.credit)]
    texts += [(("(nội dung)", n), line) for n, line in enumerate(doc.body.split("\n"))]
    return [(loc, text) for loc, text in texts if text]


def _check_privacy(texts, hidden_names: list[str], doc: Document, name: str) -> list[Problem]:
    problems = []
    for loc, text in texts:
        if loc[0] == "(nội dung)":
            line, field_name = doc.body_line + loc[1], "(nội dung)"
        else:
            line, field_name = doc.line_of(loc), ".".join(map(str, loc))
        for finding in personal_data(text):
            problems.append(Problem(name, line, field_name,
                                    f"có {finding}; thông tin cá nhân không được đăng (chỉ press_contact được ghi "
                                    "số điện thoại, thư điện tử)"))
        for person in names_in(text, hidden_names):
            problems.append(Problem(name, line, field_name,
                                    f'nêu tên "{person}", tác giả chưa đồng ý công khai tên (consent_public)'))
    return problems
