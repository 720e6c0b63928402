"""Reference lists shipped in content/taxonomies/: provinces, sectors, programmes, recognition levels.

Each list resolves what an editor writes (a name, a slug, a code, a former province) to one entry.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.common.text import closest, fold, slug


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
class ProvinceMatch:
    province: Province
    former_name: str | None  # set when the record named a unit merged away in 2025


class UnknownName(ValueError):
    """An unknown name; the message says the closest known one."""


@dataclass
class _Index:
    """Folded key -> entry, with display names for "did you mean" hints."""

    entries: dict[str, object] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def add(self, keys: list[str], entry: object, name: str) -> None:
        for key in keys:
            self.entries.setdefault(fold(key), entry)
            self.names.setdefault(fold(key), name)

    def find(self, value: str, what: str):
        hit = self.entries.get(fold(value))
        if hit is None:
            hint = closest(value, self.names)
            suffix = f'; có phải "{hint}"?' if hint else ""
            raise UnknownName(f'không có {what} "{value}"{suffix}')
        return hit


class Taxonomy:
    def __init__(self, folder: Path):
        self.provinces = _read_provinces(folder / "provinces.csv")
        self.sectors = _read_sectors(folder / "sectors.csv")
        self.programmes = _read_programmes(folder / "programmes.yml")
        self.recognition: dict[str, str] = _read_yaml(folder / "recognition.yml")
        self._province_index = _province_index(self.provinces, folder / "former-provinces.csv")
        self._sector_index = _Index()
        for s in self.sectors:
            self._sector_index.add([s.section, s.slug, s.label, s.official_name], s, s.label)

    def province(self, value: str) -> ProvinceMatch:
        return self._province_index.find(value, "tỉnh, thành")

    def sector(self, value: str) -> Sector:
        return self._sector_index.find(value, "lĩnh vực")


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


def _province_index(provinces: list[Province], former_csv: Path) -> _Index:
    index = _Index()
    by_code = {p.code: p for p in provinces}
    for p in provinces:
        index.add(
            [
                p.name,
                p.official_name,
                p.slug,
                p.code,
                f"tỉnh {p.name}",
                f"thành phố {p.name}",
                f"tp {p.name}",
                f"tp. {p.name}",
            ],
            ProvinceMatch(p, None),
            p.name,
        )
    for r in _read_csv(former_csv):
        new = by_code[r["new_code"]]
        old = r["old_name"]
        former = None if fold(old) == fold(new.name) else old
        index.add(
            [old, slug(old), r["old_iso_3166_2"], f"tỉnh {old}", f"thành phố {old}"], ProvinceMatch(new, former), old
        )
    return index


def _read_sectors(path: Path) -> list[Sector]:
    return [Sector(r["section"], r["slug"], r["label"], r["official_name"]) for r in _read_csv(path)]


def _read_programmes(path: Path) -> dict[str, Programme]:
    return {
        key: Programme(key, v["name"], v.get("short_name", v["name"]), str(v.get("years", "")))
        for key, v in _read_yaml(path).items()
    }
