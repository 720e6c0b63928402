"""Findings, and how they are said."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.content.privacy.folding import _fold

PERSONAL_REASON = "thông tin cá nhân không được đăng (chỉ press_contact được ghi số điện thoại, thư điện tử)"
CONSENT_REASON = "tác giả chưa đồng ý công khai tên (consent_public)"
KINDS = {"phone": "số điện thoại", "email": "địa chỉ thư điện tử", "id": "số giấy tờ tùy thân"}
_PUBLISHED_ON_PURPOSE = {("press_contact", "email"), ("press_contact", "phone")}

# ---------------------------------------------------------------------------------------------------------
# Findings.


_WORD = re.compile(r"[^\W_]+")


@dataclass
class _Hit:
    start: int
    kind: str  # phone, email, id, name
    value: str  # as written in the scan copy
    key: str  # canonical, to recognise the same finding twice
    name: str = ""  # the withheld name, for kind == "name"

    def reason(self) -> str:
        if self.kind == "name":
            written = "" if _words(self.value) == _words(self.name) else f" (viết «{_shorten(self.value)}»)"
            return f"nêu tên «{self.name}»{written}, {CONSENT_REASON}"
        return f"có {KINDS[self.kind]} («{_shorten(self.value)}»); {PERSONAL_REASON}"


def _shorten(value: str, limit: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _words(text: str) -> list[str]:
    return _WORD.findall(_fold(text))
