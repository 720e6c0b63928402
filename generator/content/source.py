"""Reading content files: bytes -> text -> YAML data, with the line of every field.

Content comes from the public: files are size-bounded, decoded strictly, and parsed with a safe loader
that builds no Python objects and leaves dates as text for the schema to check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.common.text import clean

MAX_FILE_BYTES = 512 * 1024
MAX_NODES = 20_000


class SourceError(ValueError):
    def __init__(self, line: int, reason: str):
        super().__init__(reason)
        self.line = line
        self.reason = reason


_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ten times faster where present


class _Loader(_SafeBase):
    """Safe loader without the timestamp resolver, so `2022-02-31` reaches the schema as text."""

    yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


@dataclass
class Document:
    """One parsed YAML mapping and where each field sits in its file (worked out only when asked)."""

    data: dict
    node: object = None
    first_line: int = 1
    body: str = ""  # Markdown after front matter (stories)
    body_line: int = 1
    _lines: dict[tuple, int] | None = field(default=None, repr=False)

    def line_of(self, loc: tuple) -> int:
        if self._lines is None:
            self._lines = {}
            _collect_lines(self.node, (), self._lines, self.first_line)
        while loc:
            if loc in self._lines:
                return self._lines[loc]
            loc = loc[:-1]
        return self.first_line


def read_text(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SourceError(1, f"tệp quá lớn ({size} byte, tối đa {MAX_FILE_BYTES})")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise SourceError(line, "tệp không phải UTF-8 (hãy lưu lại với mã hóa UTF-8)") from None
    if not text.strip():
        raise SourceError(1, "tệp rỗng")
    return clean(text)


def parse_yaml(text: str, first_line: int = 1) -> Document:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if "&" in text:  # aliases need anchors: without one, nothing can expand
            _check_expansion(node)
        data = loader.construct_document(node) if node is not None else None
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
    if not isinstance(data, dict):
        raise SourceError(first_line, "nội dung phải là một bảng trường: giá trị (mapping YAML)")
    return Document(data, node, first_line)


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


def _collect_lines(node, path: tuple, out: dict, first_line: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            here = path + (key.value,)
            out.setdefault(here, key.start_mark.line + first_line)
            _collect_lines(value, here, out, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            here = path + (i,)
            out.setdefault(here, item.start_mark.line + first_line)
            _collect_lines(item, here, out, first_line)
