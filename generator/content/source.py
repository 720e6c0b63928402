"""Reading content files: bytes -> text -> YAML data, with the line of every field.

Content comes from the public: files are size-bounded, decoded strictly, and parsed with a safe loader
that builds no Python objects and leaves dates as text for the schema to check. Scalars follow the YAML
1.2 core schema only, so what a person wrote stays what they wrote: `1:30:00`, `0x3B9ACA00`, `0o17` and
`yes` are text (and the schema then says they are not a number or a boolean), never 5,400, a billion, 15
or true. A key written twice is an error, not "the last one wins".
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.constructor import ConstructorError

from generator.common.problems import os_reason
from generator.common.text import clean

MAX_FILE_BYTES = 512 * 1024
MAX_NODES = 20_000


class SourceError(ValueError):
    def __init__(self, line: int, reason: str):
        super().__init__(reason)
        self.line = line
        self.reason = reason


# libyaml is ten times faster where present; the checker sees one class for both.
if TYPE_CHECKING:
    _SafeBase = yaml.SafeLoader
else:
    _SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# YAML 1.2 core schema, less hex and octal: (tag, pattern, the first characters it can start with).
# No timestamps either, so `2022-02-31` reaches the schema as text; no merge keys (`<<`), which
# would let one mapping silently override another.
_DIGITS = "0123456789"
_CORE = [
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$", re.IGNORECASE), list("tTfF")),
    ("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+" + _DIGITS)),
    (
        "tag:yaml.org,2002:float",
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        list("-+." + _DIGITS),
    ),
]


def _core_resolvers() -> dict[str, list]:
    table: dict[str, list] = {}
    for tag, pattern, starts in _CORE:  # int before float: "12" is an int
        for first in starts:
            table.setdefault(first, []).append((tag, pattern))
    return table


class _Loader(_SafeBase):
    """Safe loader with core-schema scalars that notes every key written twice in a mapping."""

    yaml_implicit_resolvers = _core_resolvers()

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[yaml.MappingNode, yaml.Node, yaml.Node]] = []  # (mapping, first, again)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        if not isinstance(node, yaml.MappingNode):
            raise ConstructorError(None, None, f"expected a mapping node, but found {node.id}", node.start_mark)
        mapping: dict = {}
        first: dict = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                seen = first.setdefault(key, key_node)
            except TypeError:
                raise ConstructorError(
                    "while constructing a mapping", node.start_mark, "found unhashable key", key_node.start_mark
                ) from None
            if seen is not key_node:
                self.duplicates.append((node, seen, key_node))
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    # Explicit tags (`!!int 0x10`, `!!bool yes`) get the same rules as plain scalars.
    def _construct_int(self, node):
        return int(_core_value(self, node, 2))

    def _construct_float(self, node):
        text = _core_value(self, node, 3).lower()
        return float(text.replace(".inf", "inf").replace(".nan", "nan"))

    def _construct_bool(self, node):
        return _core_value(self, node, 1).lower() == "true"


_KINDS = ("null", "true hoặc false", "số nguyên", "số thực")


def _core_value(loader: _Loader, node, rule: int) -> str:
    value = loader.construct_scalar(node)
    if not _CORE[rule][1].match(value):
        raise ConstructorError(None, None, f"«{value}» không phải {_KINDS[rule]} hợp lệ", node.start_mark)
    return value


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader._construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader._construct_float)
_Loader.add_constructor("tag:yaml.org,2002:bool", _Loader._construct_bool)


@dataclass
class Document:
    """One parsed YAML mapping and where each field sits in its file (worked out only when asked)."""

    data: Any  # a mapping; a list where parse_yaml was asked for one
    node: object = None
    first_line: int = 1
    body: str = ""  # Markdown after front matter (stories)
    body_line: int = 1
    duplicates: list[tuple[int, str, str]] = field(default_factory=list)  # (line, field, reason)
    _lines: dict[tuple, int] | None = field(default=None, repr=False)
    _blocks: set[tuple] = field(default_factory=set, repr=False)  # fields written as `|` or `>` blocks

    def line_of(self, loc: tuple) -> int:
        if self._lines is None:
            self._lines = {}
            _collect_lines(self.node, (), self._lines, self._blocks, self.first_line)
        while loc:
            if loc in self._lines:
                return self._lines[loc]
            loc = loc[:-1]
        return self.first_line

    def text_line(self, loc: tuple) -> int:
        """The line where the text of field `loc` starts: a block (`|`, `>`) starts below its key."""
        line = self.line_of(loc)
        return line + 1 if loc in self._blocks else line


def read_text(path: Path) -> str:
    try:
        raw = _read_bytes(path)
    except OSError as e:  # a symlink loop, no permission, a disk error: a problem of this file only
        raise SourceError(1, f"không đọc được tệp: {os_reason(e)}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise SourceError(line, "tệp không phải UTF-8 (hãy lưu lại với mã hóa UTF-8)") from None
    if not text.strip():
        raise SourceError(1, "tệp rỗng")
    return clean(text)


def _read_bytes(path: Path) -> bytes:
    # Non-blocking, so that a FIFO named like a content file is refused instead of hanging the build.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(1, "không đọc được tệp: không phải tệp thông thường (thư mục, FIFO hay thiết bị)")
        if info.st_size > MAX_FILE_BYTES:
            raise SourceError(1, f"tệp quá lớn ({info.st_size} byte, tối đa {MAX_FILE_BYTES})")
        with os.fdopen(os.dup(fd), "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    finally:
        os.close(fd)
    if len(raw) > MAX_FILE_BYTES:  # grew while being read
        raise SourceError(1, f"tệp quá lớn (hơn {MAX_FILE_BYTES} byte)")
    return raw


def parse_yaml(text: str, first_line: int = 1, shape: type = dict) -> Document:
    """A YAML document whose top level is a mapping (or, with `shape=list`, a list: nothing but comments is an
    empty one)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if "&" in text:  # aliases need anchors: without one, nothing can expand
            _check_expansion(node)
        data = loader.construct_document(node) if node is not None else None
        duplicates = loader.duplicates
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = (mark.line + first_line) if mark else first_line
        raise SourceError(line, f"YAML không hợp lệ: {e.problem or e}") from None
    except yaml.YAMLError as e:
        raise SourceError(first_line, f"YAML không hợp lệ: {e}") from None
    except RecursionError:
        raise SourceError(first_line, "YAML lồng nhau quá sâu") from None
    finally:
        loader.dispose()
    if shape is list and data is None:
        data = []
    if not isinstance(data, shape):
        what = "một danh sách (mỗi mục bắt đầu bằng -)" if shape is list else "một bảng trường: giá trị (mapping YAML)"
        raise SourceError(first_line, f"nội dung phải là {what}")
    return Document(data, node, first_line, duplicates=_duplicates(node, duplicates, first_line))


def _duplicates(root, found: list, first_line: int) -> list[tuple[int, str, str]]:
    """(line, field, reason) for every key written again in its mapping."""
    if not found:
        return []
    paths = _mapping_paths(root)
    out = []
    for mapping, first, again in found:
        where = ".".join(str(p) for p in (*paths.get(id(mapping), ()), again.value))
        line, before = again.start_mark.line + first_line, first.start_mark.line + first_line
        out.append((line, where, f'trường "{again.value}" bị lặp: dòng {before} và dòng {line}'))
    return out


def _mapping_paths(node, path: tuple = (), out: dict | None = None) -> dict[int, tuple]:
    out = {} if out is None else out
    if id(node) in out:
        return out
    if isinstance(node, yaml.MappingNode):
        out[id(node)] = path
        for key, value in node.value:
            _mapping_paths(value, (*path, key.value), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _mapping_paths(item, (*path, i), out)
    return out


def parse_front_matter(text: str) -> Document:
    """Markdown with YAML front matter between `---` lines."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise SourceError(1, "thiếu phần đầu YAML (front matter) mở bằng dòng ---")
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            doc = parse_yaml("\n".join(lines[1:i]), first_line=2)
            doc.body = "\n".join(lines[i + 1 :])
            doc.body_line = i + 2
            return doc
    raise SourceError(1, "phần đầu YAML (front matter) không có dòng --- đóng")


def _check_expansion(root) -> None:
    """Bound the size of the document once aliases are expanded: a few lines of nested anchors
    can otherwise stand for billions of nodes ("billion laughs")."""
    sizes: dict[int, int] = {}

    def size(n) -> int:
        if id(n) not in sizes:
            sizes[id(n)] = 1  # guards against recursive anchors
            if isinstance(n, yaml.MappingNode):
                children = [x for pair in n.value for x in pair]
            elif isinstance(n, yaml.SequenceNode):
                children = n.value
            else:
                children = []
            sizes[id(n)] = 1 + sum(size(c) for c in children)
        return sizes[id(n)]

    if root is not None and size(root) > MAX_NODES:
        raise SourceError(1, f"tài liệu YAML quá lớn khi mở rộng tham chiếu (alias): hơn {MAX_NODES} phần tử")


def _collect_lines(node, path: tuple, out: dict, blocks: set, first_line: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            here = (*path, key.value)
            out.setdefault(here, key.start_mark.line + first_line)
            _collect_lines(value, here, out, blocks, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            here = (*path, i)
            out.setdefault(here, item.start_mark.line + first_line)
            _collect_lines(item, here, out, blocks, first_line)
    elif isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        blocks.add(path)
