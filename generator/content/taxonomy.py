"""Reference lists shipped in content/taxonomies/: provinces, sectors, unions, organisation kinds, programmes,
recognition levels.

Each list resolves what a person writes — a name, a slug, a code, a former province, a usual short form ("TP.HCM",
"Sài Gòn", "LĐLĐ tỉnh Nghệ An", "enterprise") — to one entry, comparing after folding case, marks, spacing and
punctuation. `content/` checks and `showcase import` ask the same lists. An unknown name is refused with the
entries closest to it, and only with entries that share something with it: "TP HCMM" suggests Hồ Chí Minh,
"Tỉnh Ma" suggests nothing (not Cà Mau).
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from generator.common.formatting import ORGANIZATION_KINDS
from generator.common.problems import quote
from generator.common.text import fold

# Every file the lists are read from: a content folder without one of them cannot be checked.
FILES = (
    "provinces.csv",
    "former-provinces.csv",
    "province-aliases.csv",
    "sectors.csv",
    "sector-aliases.csv",
    "national-unions.csv",
    "organization-kinds.csv",
    "programmes.yml",
    "recognition.yml",
)


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    official_name: str
    slug: str
    former_units: tuple[str, ...]


@dataclass(frozen=True)
class Sector:
    section: str
    slug: str
    label: str
    official_name: str


@dataclass(frozen=True)
class Programme:
    key: str
    name: str
    short_name: str
    years: str


@dataclass(frozen=True)
class TradeUnion:
    """The union an initiative came up through: a province's federation of labour, or a national sector union
    or corporation's union placed directly under the Confederation (which has no province of its own)."""

    slug: str
    name: str
    short_name: str
    province: Province | None  # the federation's province; None for a national union
    kind: str = "lien-doan"  # a key of UNION_KINDS
    sector: str = ""  # a national union's usual VSIC section
    written: tuple[str, ...] = ()  # other spellings people use

    @property
    def national(self) -> bool:
        return self.province is None

    @property
    def kind_label(self) -> str:
        return UNION_KINDS[self.kind]


UNION_KINDS = {
    "lien-doan": "Liên đoàn lao động tỉnh, thành phố",
    "nganh": "Công đoàn ngành trung ương",
    "tap-doan": "Công đoàn tập đoàn, tổng công ty trực thuộc Tổng Liên đoàn",
}


@dataclass(frozen=True)
class ProvinceMatch:
    province: Province
    former_name: str | None  # set when the record named a unit merged away in 2025


class UnknownName(ValueError):
    """A name not in a list; the message quotes it and says the closest entries, or the choices."""


_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_REMEMBERED = 50_000  # distinct values remembered per list


def words(text: str) -> list[str]:
    """What is compared: letters and digits of the folded text, in words ("TP. Hồ Chí Minh" -> tp ho chi minh)."""
    return _NOT_ALNUM.sub(" ", fold(text)).split()


def _without(prefixes: tuple[tuple[str, ...], ...]) -> Callable[[str], list[str]]:
    """A key that drops leading words such as "tỉnh", "thành phố", "TP" (repeatedly: "Tỉnh/Thành phố Huế")."""

    def key(text: str) -> list[str]:
        found = words(text)
        again = True
        while again:
            again = False
            for prefix in prefixes:
                if len(found) > len(prefix) and tuple(found[: len(prefix)]) == prefix:
                    found, again = found[len(prefix) :], True
        return found

    return key


_PROVINCE_WORDS = _without((("tinh",), ("thanh", "pho"), ("tp",), ("t", "p"), ("thu", "do")))
_SECTOR_WORDS = _without((("nganh",), ("linh", "vuc")))
_LEVEL_WORDS = _without((("cap",),))
# Abbreviations in union names, expanded before comparing: "CĐ Dầu khí VN" is Công đoàn Dầu khí Việt Nam.
_UNION_ABBREVIATIONS = {
    "cd": "cong doan",
    "ldld": "lien doan lao dong",
    "vn": "viet nam",
    "tct": "tong cong ty",
    "td": "tap doan",
}
_FEDERATION = ["lien", "doan", "lao", "dong"]
_UNION_COMMON = frozenset(
    {"cong", "doan", "viet", "nam", "tap", "tong", "nghiep", "tinh", "thanh", "pho", "nganh", *_FEDERATION}
)


def _union_words(text: str) -> list[str]:
    return " ".join(_UNION_ABBREVIATIONS.get(w, w) for w in words(text)).split()


class _Index:
    """Compact key (the words run together: "TPHCM", "Daklak") -> entry, and spaced keys -> display names for
    suggestions."""

    def __init__(self, what: str, key: Callable[[str], list[str]] = words, common: frozenset[str] = frozenset()):
        self.what, self.key, self.common = what, key, common  # common: words too usual to count as shared
        self.entries: dict[str, object] = {}
        self.names: dict[str, str] = {}
        self._seen: dict[str, object] = {}  # value as written -> entry or None
        self._hints: dict[str, list[str]] = {}  # value as written -> suggestions

    def add(self, written: Iterable[str], entry: object, name: str) -> None:
        for text in written:
            found = self.key(text)
            if not found:
                continue
            self.entries.setdefault("".join(found), entry)
            spaced = " ".join(found)
            if not spaced.replace(" ", "").isdigit():  # codes are not names to suggest
                self.names.setdefault(spaced, name)

    def get(self, value: str):
        # Remembered: 10^5 records write a few hundred different names (`check`, `showcase import`).
        try:
            return self._seen[value]
        except KeyError:
            hit = self.entries.get("".join(self.key(value)))
            if len(self._seen) < _REMEMBERED:
                self._seen[value] = hit
            return hit

    def find(self, value: str, choices: str = ""):
        hit = self.get(value)
        if hit is None:
            raise UnknownName(self.unknown(value, choices))
        return hit

    def unknown(self, value: str, choices: str = "", hints: list[str] | None = None) -> str:
        if hints is None:
            if value not in self._hints and len(self._hints) < _REMEMBERED:
                self._hints[value] = self.suggest(value)
            hints = self._hints[value] if value in self._hints else self.suggest(value)
        if hints:
            listed = ", ".join(f'"{h}"' for h in hints[:-1]) + (" hay " if len(hints) > 1 else "") + f'"{hints[-1]}"'
            hint = f"; có phải {listed}?"
        else:
            hint = f"; có: {choices}" if choices else ""
        return f"không có trong danh mục {self.what} ({quote(value)}{hint})"

    def suggest(self, value: str, most: int = 3) -> list[str]:
        """Display names close to `value` that share a word of three letters or more with it, or most of its
        letters: the best, and any as good within a few points ("Bình" -> three provinces), never one that merely
        scores well."""
        query = " ".join(self.key(value))
        if not query:
            return []
        own = {w for w in query.split() if len(w) > 2} - self.common
        compact = query.replace(" ", "")
        scored: list[tuple[float, str]] = []
        for choice, score, _ in process.extract(query, list(self.names), scorer=fuzz.WRatio, limit=12):
            shares = own & set(choice.split()) or fuzz.ratio(compact, choice.replace(" ", "")) >= 75
            if score >= 60 and shares:
                scored.append((score, self.names[choice]))
        if not scored:
            return []
        best = max(score for score, _ in scored)
        out: list[str] = []
        for score, name in sorted(scored, key=lambda s: -s[0]):
            if score >= best - 5 and name not in out:
                out.append(name)
        return out[:most]


class Taxonomy:
    @functools.cached_property
    def places(self) -> tuple[str, ...]:
        """Every province's names, and those of the units merged into it: words that name a place, not a person."""
        return tuple(sorted({n for p in self.provinces for n in (p.name, p.official_name, *p.former_units) if n}))

    def __init__(self, folder: Path):
        self.provinces = _read_provinces(folder / "provinces.csv")
        self.sectors = _read_sectors(folder / "sectors.csv")
        self.programmes = _read_programmes(folder / "programmes.yml")
        self.recognition: dict[str, str] = _read_yaml(folder / "recognition.yml")
        self.national_unions = _read_unions(folder / "national-unions.csv")
        self._provinces = _province_index(self.provinces, folder)
        self._sectors = _Index("lĩnh vực", _SECTOR_WORDS)
        for s in self.sectors:
            self._sectors.add([s.section, s.slug, s.label, s.official_name], s, s.label)
        by_section = {s.section: s for s in self.sectors}
        for row in _read_csv(folder / "sector-aliases.csv"):
            self._sectors.add([row["written"]], by_section[row["sector"]], by_section[row["sector"]].label)
        self.federations = {p.code: _federation(p) for p in self.provinces}
        self._unions = _Index("công đoàn", _union_words, _UNION_COMMON)
        for u in self.national_unions:
            self._unions.add(_union_spellings(u), u, u.name)
        for u in self.federations.values():  # suggestions only: a federation is found by its province
            self._unions.names.setdefault(" ".join(_union_words(u.name)), u.name)
        self._kinds = _Index("loại đơn vị")
        for row in _read_csv(folder / "organization-kinds.csv"):
            key = row["key"]
            self._kinds.add([key, ORGANIZATION_KINDS[key], *row["written"].split(";")], key, ORGANIZATION_KINDS[key])
        self._programmes = _Index("phong trào")
        for p in self.programmes.values():
            self._programmes.add([p.key, p.name, p.short_name], p, p.key)
        self._levels = _Index("cấp công nhận", _LEVEL_WORDS)
        for key, label in self.recognition.items():
            self._levels.add([key, label], key, label)

    def province(self, value: str) -> ProvinceMatch:
        return self._provinces.find(value)

    def sector(self, value: str) -> Sector:
        hit = self._sectors.get(value)
        first = words(value)[:1]
        if hit is None and len(words(value)) > 1 and len(first[0]) == 1:  # "C - Công nghiệp chế biến": the letter
            hit = self._sectors.get(first[0])
        if hit is None:
            raise UnknownName(self._sectors.unknown(value))
        return hit

    def union(self, value: str) -> TradeUnion:
        """A national union by any of its names, or a province's federation of labour ("LĐLĐ tỉnh Nghệ An")."""
        hit = self._unions.get(value)
        if hit is not None:
            return hit
        found = _union_words(value)
        if found[:4] != _FEDERATION or len(found) == 4:
            raise UnknownName(self._unions.unknown(value))
        place = " ".join(found[4:])
        match = self._provinces.get(place)
        if match is not None:
            return self.federations[match.province.code]
        # Said as a federation: the suggestions are the federations of the provinces its place resembles.
        like = [self._provinces.find(name).province for name in self._provinces.suggest(place)]
        hints = list(dict.fromkeys(self.federations[p.code].name for p in like))
        raise UnknownName(self._unions.unknown(value, hints=hints))

    def federation(self, province: Province) -> TradeUnion:
        return self.federations[province.code]

    def organization_kind(self, value: str) -> str:
        """The contract's key ("doanh-nghiep") for a key, a Vietnamese label or an English word."""
        choices = ", ".join(f"{label} ({key})" for key, label in ORGANIZATION_KINDS.items())
        return self._kinds.find(value, choices)

    def programme(self, value: str) -> Programme:
        return self._programmes.find(value, ", ".join(self.programmes))

    def recognition_level(self, value: str) -> str:
        return self._levels.find(value, ", ".join(self.recognition.values()))


def _federation(p: Province) -> TradeUnion:
    """ "Liên đoàn Lao động tỉnh Nghệ An", "Liên đoàn Lao động thành phố Hà Nội"."""
    place = p.official_name[:1].lower() + p.official_name[1:]
    return TradeUnion(f"ldld-{p.slug}", f"Liên đoàn Lao động {place}", f"LĐLĐ {p.name}", p)


def _union_spellings(u: TradeUnion) -> list[str]:
    """Its name, short name, slug and listed spellings, each also without "Việt Nam" and without "Công đoàn"."""
    out = []
    for text in [u.name, u.slug, u.short_name, *u.written]:
        found = _union_words(text)
        if found[-2:] == ["viet", "nam"] and len(found) > 2:
            out.append(" ".join(found[:-2]))
        out.append(" ".join(found))
    out += [w[len("cong doan ") :] for w in out if w.startswith("cong doan ") and len(w) > len("cong doan ")]
    return out


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _read_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _read_provinces(path: Path) -> list[Province]:
    return [
        Province(
            code=r["code"],
            name=r["name"],
            official_name=r["official_name"],
            slug=r["slug"],
            former_units=tuple(u.strip() for u in r["former_units"].split(";")),
        )
        for r in _read_csv(path)
    ]


def _province_index(provinces: list[Province], folder: Path) -> _Index:
    index = _Index("tỉnh, thành", _PROVINCE_WORDS)
    by_code = {p.code: p for p in provinces}
    for p in provinces:
        index.add([p.name, p.official_name, p.slug, p.code], ProvinceMatch(p, None), p.name)
    for r in _read_csv(folder / "former-provinces.csv"):
        new = by_code[r["new_code"]]
        old = r["old_name"]
        former = None if fold(old) == fold(new.name) else old
        index.add([old, r["old_iso_3166_2"]], ProvinceMatch(new, former), old)
    for r in _read_csv(folder / "province-aliases.csv"):
        target = index.find(r["province"])
        index.add([r["written"]], target, target.former_name or target.province.name)
    return index


def _read_sectors(path: Path) -> list[Sector]:
    return [Sector(r["section"], r["slug"], r["label"], r["official_name"]) for r in _read_csv(path)]


def _read_unions(path: Path) -> list[TradeUnion]:
    return [
        TradeUnion(
            r["slug"],
            r["name"],
            r["short_name"],
            None,
            r["kind"],
            r["sector"],
            tuple(w.strip() for w in r["written"].split(";") if w.strip()),
        )
        for r in _read_csv(path)
    ]


def _read_programmes(path: Path) -> dict[str, Programme]:
    return {
        key: Programme(key, v["name"], v.get("short_name", v["name"]), str(v.get("years", "")))
        for key, v in _read_yaml(path).items()
    }
