"""E-mail addresses, however they are disguised ("ten [at] mien chấm vn")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.content.privacy.hits import _Hit

_OPEN, _CLOSE = r"[\[({<]\s*", r"\s*[\])}>]"
_AT = re.compile(rf"(?:@|{_OPEN}(?:at|@|a){_CLOSE}|(?<=\s)(?:at|a\s*còng|acong)(?=\s))\s*", re.I)
_AT_HINT = re.compile(r"@|\bat\b|a\s*còng|acong|[\[({<]\s*a\s*[\])}>]", re.I)
_BRACKETED_A = re.compile(r"[\[({<]\s*a\s*[\])}>]", re.I)


def _maybe_email(lowered: str) -> bool:
    """Cheap test before the regex: "at" is no Vietnamese syllable (a closed syllable ending in t carries a
    tone mark), so it is rare in Vietnamese text."""
    return (
        "@" in lowered
        or "at" in lowered
        or "còng" in lowered
        or "acong" in lowered
        or _BRACKETED_A.search(lowered) is not None
    )


_LOCAL = re.compile(r"[\w.+\-]{1,64}$")
_DOT = rf"(?:\.|{_OPEN}(?:dot|chấm|\.){_CLOSE})"
_TIGHT_DOMAIN = re.compile(rf"[\w\-]+(?:{_DOT}[\w\-]+)*{_DOT}(?P<tld>[A-Za-z]{{2,24}})(?!\w)", re.I)
_SPACED_DOT = rf"(?:\s*{_DOT}\s*|\s+(?:dot|chấm)\s+)"
_LOOSE_DOMAINS = [
    re.compile(rf"[\w\-]+(?:{_SPACED_DOT}[\w\-]+){repeat}{_SPACED_DOT}(?P<tld>[A-Za-z]{{2,24}})(?!\w)", re.I)
    for repeat in ("*?", "*")
]
_TLDS = {
    "vn",
    "com",
    "net",
    "org",
    "edu",
    "gov",
    "info",
    "biz",
    "io",
    "me",
    "co",
    "uk",
    "us",
    "de",
    "fr",
    "jp",
    "kr",
    "cn",
    "au",
    "ca",
    "sg",
}
_DOT_ANY = re.compile(rf"\s*(?:{_DOT}|\s(?:dot|chấm)\s)\s*", re.I)


def _emails(text: str) -> Iterator[_Hit]:
    if not _AT_HINT.search(text):
        return
    for at in _AT.finditer(text):
        end = at.start()
        while end and text[end - 1].isspace():  # "ten @ mien . vn"
            end -= 1
        local = _LOCAL.search(text, max(0, end - 64), end)
        if not local or not any(c.isalnum() for c in local.group()):
            continue
        # "at" or "a còng" between two words counts only with a real top-level domain after it.
        worded = "@" not in at.group() and not re.search(r"[\[({<]", at.group())
        domain = next(
            (
                m
                for m in (p.match(text, at.end()) for p in (_TIGHT_DOMAIN, *_LOOSE_DOMAINS))
                if m and (not worded or m.group("tld").lower() in _TLDS)
            ),
            None,
        )
        if not domain:
            continue
        key = f"{local.group().lower()}@{_DOT_ANY.sub('.', domain.group()).lower()}"
        yield _Hit(local.start(), "email", text[local.start() : domain.end()], key)
