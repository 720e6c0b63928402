"""The content contract's refusals in the editor's language: pydantic's error kinds, said in Vietnamese."""

from __future__ import annotations

import re

from generator.common.formatting import number
from generator.common.problems import quote
from generator.common.text import closest

ID_RULE = "mã chỉ gồm chữ không dấu, số và dấu gạch ngang, dài 3–64 ký tự"
MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "string_type": "phải là văn bản",
    "string_too_short": "không được để trống",
    "string_pattern_mismatch": "sai định dạng",
    "int_type": "phải là số nguyên (không có dấu chấm, chữ hay đơn vị)",
    "int_parsing": "phải là số nguyên",
    "greater_than_equal": "không được âm",
    "less_than_equal": "quá lớn",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "list_type": "phải là danh sách",
    "model_type": "phải là một bảng trường: giá trị",
    "model_attributes_type": "phải là một bảng trường: giá trị",
    "dict_type": "phải là một bảng trường: giá trị",
    "literal_error": "giá trị không hợp lệ",
}


def reason(err, model) -> str:
    """Why pydantic refused a value (`err`, one of `ValidationError.errors()` of `model`), in Vietnamese, with
    the value quoted."""
    loc = tuple(err["loc"])
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    if kind == "missing":
        return MESSAGES[kind]
    if kind == "extra_forbidden":
        hint = closest(str(loc[-1]), {f: f for f in _fields_at(model, loc[:-1])})
        return "trường không được hỗ trợ" + (f'; có phải "{hint}"?' if hint else "")
    if kind == "too_long" and isinstance(value, list):
        return f"quá nhiều mục ({number(len(value))}; tối đa {number(ctx['max_length'])})"
    if value is None and kind.endswith("_type"):
        return "không được để trống"
    if kind == "value_error":  # our own validators speak Vietnamese already
        return f"{ctx['error']} ({quote(value)})"
    if kind == "greater_than_equal" and ctx.get("ge", 0) != 0:
        return f"phải từ {number(ctx['ge'])} trở lên ({quote(value)})"
    if kind == "less_than_equal":
        return f"quá lớn ({quote(value)}; tối đa {number(ctx['le'])})"
    reason = MESSAGES.get(kind, err["msg"])
    if kind == "literal_error":
        choices = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        return f"{reason} ({quote(value)}; có: {choices})"
    if kind == "string_too_long" and isinstance(value, str):
        reason = f"quá dài ({number(len(value))} ký tự; tối đa {number(ctx['max_length'])})"
    elif kind == "string_pattern_mismatch" and loc and (loc[-1] in ("id", "copy-of") or loc[-2:-1] == ("ids",)):
        reason = ID_RULE
    if isinstance(value, (dict, list)) or (isinstance(value, str) and not value.strip()):
        return reason  # a mapping, a list or nothing where a value belongs: the reason says so
    return f"{reason} ({quote(value)})"


def _fields_at(model, loc: tuple) -> list[str]:
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[part].annotation
        model = (
            next((a for a in getattr(annotation, "__args__", (annotation,)) if hasattr(a, "model_fields")), None)
            or getattr(annotation, "__args__", [None])[0]
        )
        if not hasattr(model, "model_fields"):
            return []
    return [f.alias or name for name, f in model.model_fields.items()]
