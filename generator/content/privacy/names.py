"""The names of authors who did not agree to be named: who is a person, the forms a name is written in,
and where a text mentions one."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from generator.common.names import FAMILY_NAMES, MIDDLE_NAMES
from generator.content.privacy.folding import _CONFUSABLE, _fold, _mark_key
from generator.content.privacy.hits import _WORD, _Hit
from generator.content.privacy.reader import _reader_copy


def _phrases(*items: str) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    """Phrases as word keys with their marks, and folded."""
    words = [_WORD.findall(item) for item in items]
    return {tuple(_mark_key(w) for w in ws) for ws in words}, {tuple(_fold(w) for w in ws) for ws in words}


# Forms of address and titles after which a given name is a person ("anh Mạnh", "KS. Mạnh", "đ/c Mạnh").
_ADDRESS, _ADDRESS_FOLDED = _phrases(
    "anh",
    "chị",
    "ông",
    "bà",
    "em",
    "cô",
    "chú",
    "bác",
    "cháu",
    "cậu",
    "mợ",
    "dì",
    "thím",
    "dượng",
    "cụ",
    "thầy",
    "bạn",
    "ngài",
    "đồng chí",
    "đ/c",
    "kỹ sư",
    "kĩ sư",
    "ks",
    "kts",
    "tiến sĩ",
    "tiến sỹ",
    "ts",
    "thạc sĩ",
    "thạc sỹ",
    "ths",
    "bác sĩ",
    "bác sỹ",
    "bs",
    "bsck",
    "pgs",
    "gs",
    "giáo sư",
    "nghệ nhân",
    "y sĩ",
    "dược sĩ",
    "ds",
    "cn",
    "điều dưỡng",
    "y tá",
    "tổ trưởng",
    "tổ phó",
    "quản đốc",
    "phó quản đốc",
    "giám đốc",
    "phó giám đốc",
    "trưởng phòng",
    "phó phòng",
    "trưởng ca",
    "trưởng khoa",
    "trưởng ban",
    "trưởng trạm",
    "đội trưởng",
    "chủ tịch",
    "chủ nhiệm",
    "bí thư",
    "cán bộ",
    "công nhân",
    "thợ",
    "thợ lò",
    "lão nông",
    "nông dân",
    "giáo viên",
    "cô giáo",
    "thầy giáo",
    "tác giả",
    "mr",
    "mrs",
    "ms",
    "dr",
)
_TITLES, _ = _phrases(
    "ks",
    "kts",
    "ts",
    "ths",
    "bs",
    "bsck",
    "pgs",
    "gs",
    "cn",
    "ds",
    "đ/c",
    "kỹ sư",
    "kĩ sư",
    "tiến sĩ",
    "thạc sĩ",
    "bác sĩ",
    "giáo sư",
    "đồng chí",
    "mr",
    "mrs",
    "ms",
    "dr",
)
# Words that start a full name: a one-syllable name after them is that name ("Nguyễn Văn Mạnh").
_NAME_WORDS = {_fold(w) for w in (*FAMILY_NAMES, *MIDDLE_NAMES)}
# A name that starts so is a group of people, not a person.
_COLLECTIVE, _COLLECTIVE_FOLDED = _phrases(
    "công đoàn",
    "tổ",
    "nhóm",
    "phòng",
    "ban",
    "phân xưởng",
    "xưởng",
    "đội",
    "tập thể",
    "khoa",
    "bộ phận",
    "chi đoàn",
    "đoàn thanh niên",
    "câu lạc bộ",
    "hợp tác xã",
    "htx",
    "công ty",
    "tổng công ty",
    "trung tâm",
    "liên đoàn",
    "ca",
    "kíp",
    "hội",
    "chi hội",
    "chi bộ",
    "ban chấp hành",
    "bệnh viện",
    "trường",
    "xí nghiệp",
    "nhà máy",
    "ngân hàng",
    "trạm",
    "chi nhánh",
    "văn phòng",
    "lớp",
    "đơn vị",
    "các tác giả",
    "nhiều tác giả",
)
# Folded, some of these are also surnames ("To" may be Tô, "Truong" Trương): unmarked, they stay people.
_COLLECTIVE_UNMARKED = {
    p for p in _COLLECTIVE_FOLDED if p[0] not in {"to", "truong", "doi", "khoa", "phong", "tram", "ca", "lop"}
}
_NAME_SPLIT = re.compile(r"\s*(?:[,;/&+]|\bvà\b|\bva\b|\bcùng\b|\(|\))\s*", re.I)
_CO_AUTHORS, _ = _phrases("cộng sự", "cong su", "đồng nghiệp", "nhóm", "nnk", "cs")


def is_person(name: str) -> bool:
    """False for a collective author ("Công đoàn …", "Tổ bảo trì", "Nhóm tác giả …", "Tập thể …")."""
    words = _WORD.findall(_reader_copy(name)[0].text)
    if not words:
        return False
    keys = tuple(_mark_key(w) for w in words)
    folded = tuple(_fold(w) for w in words)
    unmarked = all(_mark_key(w) == f for w, f in zip(words, folded, strict=False))
    for size in range(1, min(3, len(keys) - 1) + 1):  # "Tổ bảo trì" is a team; "Ban" alone may be a person
        if keys[:size] in _COLLECTIVE or (unmarked and folded[:size] in _COLLECTIVE_UNMARKED):
            return False
    return True


@dataclass
class _Person:
    name: str  # as given
    folded: tuple[str, ...]
    keys: tuple[str, ...]
    whole_only: bool  # catalogue-wide names: only the full name is searched
    written: tuple[str, ...] = ()  # the words as given, with their marks


@dataclass
class WithheldNames:
    """Names to look for, prepared once: `hidden` in every form (full name, and shorter forms after a form of
    address), `whole_names` as full names only — for a story, the withheld names of the whole catalogue."""

    hidden: Iterable[str] = ()
    whole_names: Iterable[str] = ()
    # Place names ("An Giang", "Long An"): a syllable of one is not a one-syllable given name ("An").
    places: Iterable[str] = ()
    by_last: dict[str, list[_Person]] = field(default_factory=dict, init=False)
    place_words: dict[str, list[tuple[tuple[str, ...], int]]] = field(default_factory=dict, init=False)
    shared: set[str] = field(default_factory=set, init=False, repr=False)  # keys of by_last lists another one holds

    def __post_init__(self):
        self._add(self.whole_names, whole=True)
        self._add(self.hidden, whole=False)
        for place in self.places:
            words = tuple(_fold(w) for w in _WORD.findall(place))
            for k, word in enumerate(words):
                self.place_words.setdefault(word, []).append((words, k))

    def adding(self, hidden: Iterable[str]) -> WithheldNames:
        """These names, and `hidden` in every form: prepared once for the catalogue, then per story."""
        out = WithheldNames()
        out.by_last, out.shared = dict(self.by_last), set(self.by_last)  # lists copied only when added to
        out.place_words = self.place_words
        out._add(hidden, whole=False)
        return out

    def in_place_name(self, tokens: _Tokens, t: int) -> bool:
        """Token t is a syllable of a place name written there ("An" of "An Giang")."""
        for words, k in self.place_words.get(tokens.folded[t], ()):
            start = t - k
            if start >= 0 and tokens.folded[start : start + len(words)] == list(words):
                return True
        return False

    def _add(self, names: Iterable[str], whole: bool) -> None:
        for name in names:
            for words in _people(name):
                if whole and len(words) < 2:
                    continue
                folded, keys = tuple(_fold(w) for w in words), tuple(_mark_key(w) for w in words)
                person = _Person(name, folded, keys, whole, tuple(words))
                self._put(person.folded[-1], person)
                for k in range(len(words) - 1):  # its last syllables run together: "tranbimat", "Trần BíMật"
                    self._put("".join(person.folded[k:]), person)

    def _put(self, key: str, person: _Person) -> None:
        if key in self.shared:
            self.by_last[key] = list(self.by_last[key])
            self.shared.discard(key)
        self.by_last.setdefault(key, []).append(person)

    def __bool__(self) -> bool:
        return bool(self.by_last)


def _people(name: str) -> list[list[str]]:
    """The people a name field holds ("Nguyễn Văn A và cộng sự", "KS. Trần Bí Mật"), as lists of words."""
    out = []
    for part in _NAME_SPLIT.split(_reader_copy(name)[0].text):
        if not part.strip() or not is_person(part):
            continue
        words = _WORD.findall(part)
        for size in (2, 1):  # "KS. Trần Bí Mật", "Đ/c …": a title is not part of the name
            if len(words) > size and tuple(_mark_key(w) for w in words[:size]) in _TITLES:
                words = words[size:]
                break
        if words and tuple(_mark_key(w) for w in words) not in _CO_AUTHORS:
            out.append(words)
    return out


@lru_cache(maxsize=1024)
def _prepared(hidden: tuple[str, ...]) -> WithheldNames:
    return WithheldNames(hidden)


def _as_names(hidden) -> WithheldNames:
    if isinstance(hidden, WithheldNames):
        return hidden
    return _prepared(tuple(hidden or ()))


class _Tokens:
    """The words of a scan copy, folded and as written, computed once a candidate name is seen. A capital after a
    small letter starts a word: a reader sees two in "củaNguyễn", where an invisible character stood for a space."""

    def __init__(self, text: str, folded: str):
        self.text = text
        self.spans = [part for m in _WORD.finditer(folded) for part in _camel_parts(text, m.start(), m.end())]
        self.folded = [folded[s:e] for s, e in self.spans]
        self.lowercase_text = text == text.lower()
        self.unmarked_text = folded == text.translate(_CONFUSABLE).lower()

    def written(self, i: int) -> str:
        s, e = self.spans[i]
        return self.text[s:e]

    def capital(self, i: int) -> bool:
        return self.written(i)[:1].isupper()

    def same(self, i: int, key: str, folded: str) -> bool:
        """Token i is this word with its marks, or written without any marks at all."""
        word = self.written(i)
        return _mark_key(word) == key or (self.folded[i] == folded and word.translate(_CONFUSABLE).lower() == folded)

    def close(self, i: int, j: int) -> bool:
        """Only spaces or an abbreviation's dot between tokens i and j ("KS. Mạnh", "anh\\nMạnh")."""
        return not self.text[self.spans[i][1] : self.spans[j][0]].strip(" \t\n\r.:")

    def address_before(self, i: int) -> int | None:
        """Start of a form of address ending just before token i."""
        for size in (3, 2, 1):
            a = i - size
            if a < 0 or not self.close(i - 1, i):
                continue
            words = tuple(_mark_key(self.written(k)) for k in range(a, i))
            if words in _ADDRESS or (self.unmarked_text and tuple(self.folded[a:i]) in _ADDRESS_FOLDED):
                return a
        return None


def _camel_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    word = text[start:end]
    if word.islower() or word.isupper() or word.istitle():
        return [(start, end)]
    # A capital after a small letter and before one ("củaNguyễn", not the title "ThS").
    cuts = [
        k for k in range(start + 1, end - 1) if text[k - 1].islower() and text[k].isupper() and text[k + 1].islower()
    ]
    return list(zip([start, *cuts], [*cuts, end], strict=True))


def _run_together(tokens: _Tokens, t: int, person: _Person) -> int | None:
    """First token of the full name written in fewer words than it has, ending at token t: in one word
    ("tranbimat", as in an address), or "NguyễnThị Hoa" where an invisible character stood for a space. There,
    each word is whole syllables of the name, and one joining several has the name's marks, a capital starting
    each syllable ("NguyenThi"), or stands in a text without any marks: "Doanh thu" is not "Đỗ Anh Thư", nor
    "vua Đinh" "Vừ A Dính"."""
    n = len(person.folded)
    if n >= 2 and tokens.folded[t] == "".join(person.folded):
        return t
    end = n  # the name's syllables before `end` are still to be found
    for first in range(t, max(t - n + 1, -1), -1):  # fewer words than syllables: all of them is `whole`
        if first < t and not tokens.close(first, first + 1):
            return None
        word = tokens.folded[first]
        start = next((a for a in range(end - 1, -1, -1) if "".join(person.folded[a:end]) == word), None)
        if start is None:
            return None
        if end - start > 1 and not _joined_as_name(tokens, first, person, start, end):
            return None
        end = start
        if end == 0:
            return first
    return None


def _joined_as_name(tokens: _Tokens, i: int, person: _Person, start: int, end: int) -> bool:
    """Token i, the name's syllables start..end run together, is written as a name would be. A capital for each
    syllable is checked here for one of a single letter, which `_camel_parts` leaves joined ("VuA" for Vừ A)."""
    written = tokens.written(i)
    if tokens.unmarked_text or _mark_key(written) == _mark_key("".join(person.written[start:end])):
        return True
    at = 0
    for syllable in person.folded[start:end]:
        part, at = written[at : at + len(syllable)], at + len(syllable)
        if not part[:1].isupper() or part[1:] != part[1:].lower():
            return False
    return True


@lru_cache(maxsize=4096)
def _word_pattern(word: str) -> re.Pattern:
    return re.compile(rf"{re.escape(word)}(?![^\W_])")  # led by a literal: found at C speed


def _whole_word(word: str, folded: str) -> Iterator[re.Match]:
    for m in _word_pattern(word).finditer(folded):
        if not m.start() or not (folded[m.start() - 1].isalnum()):
            yield m


def _names(text: str, folded: str, names: WithheldNames) -> Iterator[_Hit]:
    tokens = _Tokens(text, folded)
    for t, word in enumerate(tokens.folded):  # "TrầnBíMật", split, is looked up by its words
        for person in names.by_last.get(word, ()):
            start = _match_person(tokens, t, person, names)
            if start is not None:
                yield _Hit(
                    tokens.spans[start][0],
                    "name",
                    text[tokens.spans[start][0] : tokens.spans[t][1]],
                    person.name,
                    person.name,
                )


def _match_person(tokens: _Tokens, t: int, person: _Person, names: WithheldNames) -> int | None:
    """Index of the first token of a mention of `person` ending at token t, or None."""
    n = len(person.folded)
    joined = _run_together(tokens, t, person)
    if joined is not None:
        return joined
    if tokens.folded[t] != person.folded[-1]:
        return None
    first = t - n + 1
    # Two lowercase words may be ordinary ones: a two-word name counts capitalised, or in all-lowercase text.
    whole = n >= 2 and first >= 0 and tokens.folded[first : t + 1] == list(person.folded)
    if whole and (n >= 3 or tokens.lowercase_text or tokens.capital(first)):
        return first
    if person.whole_only or names.in_place_name(tokens, t):  # "Minh An Giang" is a place, not Mr An
        return None
    for size in range(1 if n == 1 else min(n - 1, t + 1), 0, -1):  # the last syllables, longest first
        a = t - size + 1
        if not tokens.capital(a) or not all(
            tokens.same(a + k, person.keys[n - size + k], person.folded[n - size + k]) for k in range(size)
        ):
            continue
        address = tokens.address_before(a)
        if address is not None:
            return address
        surname = a > 0 and tokens.close(a - 1, a) and tokens.capital(a - 1) and tokens.folded[a - 1] in _NAME_WORDS
        if n == 1 and surname:
            return a - 1  # a one-syllable author named with a surname or a middle name
    return None
