"""Imported records as YAML files, and what a newer export may change in them.

Files are written in the content contract, every string a JSON-style double-quoted scalar (which YAML 1.2 and
the strict loader read back as exactly that string), one field a line, in the contract's order, so the same
record always gives the same bytes and a repeated import rewrites nothing.

Editors may curate an imported record by hand. A newer export replaces the fields it carries and keeps:
`featured`, `images` and `press_contact` (never in an export); keywords an editor added to `tags`; a `status`
an editor changed (a record withdrawn on request stays withdrawn). To tell an editor's change from the last
import's, each file carries in a comment what the import last wrote for `status` and `tags`. A record that was
published and is no longer approved in the export, or is missing from it, becomes `withdrawn`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from generator.common.text import fold

FOLDER = "cong-thong-tin"  # under content/initiatives/: every file here came from an import
ORDER = (
    "id",
    "title",
    "summary",
    "status",
    "approved_on",
    "programme",
    "province",
    "union",
    "sector",
    "organization",
    "authors",
    "benefit_vnd",
    "benefit_note",
    "recognition",
    "problem",
    "solution",
    "results",
    "tags",
    "featured",
    "images",
    "press_contact",
)
EDITORS = ("featured", "images", "press_contact")  # kept from the file as it is
HEADER = (
    "# Nhập từ cổng thông tin bằng showcase import. Lần nhập sau cập nhật các trường có trong bản xuất và giữ\n"
    "# featured, images, press_contact, từ khóa thêm tay, trạng thái do biên tập viên đổi. Dòng dưới để máy đọc.\n"
)
STATE = "# nhap: "
# Characters a YAML reader does not take as they are inside quotes: C1 controls, the next-line character, line
# and paragraph separators (YAML 1.1 readers break lines there), non-characters.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_ESCAPED = re.compile('["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]')  # what needs an escape


def scalar(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    text = str(value)
    if not _ESCAPED.search(text):
        return f'"{text}"'  # nothing to escape: as json.dumps would write it, faster
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(text, ensure_ascii=False))


def render(data: dict, state: dict) -> str:
    """The file's text: the header, the state line, then each field in the contract's order."""
    lines = [HEADER + STATE + scalar_line(state)]
    for key in sorted(data, key=_position):
        lines.append(_field(key, data[key], ""))
    return "\n".join(lines) + "\n"


def scalar_line(state: dict) -> str:
    """The state as one line of JSON, safe in a YAML comment."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(state, ensure_ascii=False))


def _position(key: str) -> tuple[int, str]:
    return (ORDER.index(key), key) if key in ORDER else (len(ORDER), key)


def _field(key: str, value, indent: str) -> str:
    head = f"{indent}{scalar(key) if not re.fullmatch(r'[a-z_]+', str(key)) else key}:"
    if isinstance(value, dict):
        return head + "".join("\n" + _field(k, v, indent + "  ") for k, v in value.items()) if value else head + " {}"
    if isinstance(value, list):
        if not value:
            return head + " []"
        if all(not isinstance(v, dict | list) for v in value):
            return f"{head} [{', '.join(scalar(v) for v in value)}]"
        return head + "".join("\n" + _item(v, indent + "  ") for v in value)
    return f"{head} {scalar(value)}"


def _item(value, indent: str) -> str:
    if isinstance(value, dict) and value:
        fields = [_field(k, v, indent + "  ") for k, v in value.items()]
        return f"{indent}- {fields[0].lstrip()}" + "".join("\n" + f for f in fields[1:])
    return f"{indent}- {_field('x', value, '').split(':', 1)[1].strip()}"


def read_state(text: str) -> dict | None:
    """What the last import wrote for status and tags, from the file's comment; None if it is not there."""
    for line in text.split("\n", 5)[:5]:
        if line.startswith(STATE):
            try:
                state = json.loads(line[len(STATE) :])
            except ValueError:
                return None
            if isinstance(state, dict) and isinstance(state.get("tags"), list):
                return state
    return None


@dataclass(frozen=True)
class Merged:
    data: dict
    state: dict
    withdrawn: bool  # published before, withdrawn by this import
    kept_status: bool  # an editor's status kept against the export's


def merge(fresh: dict, existing: dict | None, base: dict | None) -> Merged:
    """`fresh`: the record as the export gives it; `existing`: the file as it is now (None: new); `base`: what
    the last import wrote (the file's state line; None when absent, when every difference is taken as an
    editor's)."""
    tags = list(fresh.get("tags", []))
    if existing is None:
        return Merged(fresh, {"status": fresh["status"], "tags": tags}, False, False)
    current = existing.get("status")
    before = base["status"] if base else current
    status = fresh["status"]
    if status != "approved" and before in ("approved", "withdrawn"):
        status = "withdrawn"  # once published, a record the export no longer approves is withdrawn
    out = dict(fresh)
    kept = (base is not None and current != base.get("status")) or (base is None and current == "withdrawn")
    out["status"] = current if kept and current in ("approved", "pending", "rejected", "withdrawn") else status
    out["tags"] = tags + _hand_tags(existing.get("tags"), base, tags)
    if not out["tags"]:
        del out["tags"]
    for key in EDITORS:
        if key in existing:
            out[key] = existing[key]
    withdrawn = out["status"] == "withdrawn" and current != "withdrawn"
    return Merged(out, {"status": status, "tags": tags}, withdrawn, kept and out["status"] != status)


def withdraw(existing: dict, base: dict | None) -> Merged:
    """A record that left the export: withdrawn, everything else as it is."""
    out = dict(existing)
    out["status"] = "withdrawn"
    tags = base["tags"] if base else [t for t in existing.get("tags", []) if isinstance(t, str)]
    return Merged(out, {"status": "withdrawn", "tags": tags}, existing.get("status") != "withdrawn", False)


def _hand_tags(written, base: dict | None, fresh: list[str]) -> list[str]:
    """Keywords in the file that neither the last import nor this one put there: an editor's."""
    if not isinstance(written, list):
        return []
    ours = {fold(t) for t in (base["tags"] if base else []) if isinstance(t, str)} | {fold(t) for t in fresh}
    return [t for t in written if isinstance(t, str) and fold(t) not in ours]
