"""Near-duplicates planted in a demo set, to measure the duplicate screening (benchmarks/duplicates.py, tests).

Each copy takes an approved record and disguises it the way copies arrive: every mark removed, its sentences
shuffled, one word in ten changed, a new title over the same body, a paragraph added, or the same text sent in
by a unit of another province. Every copy is approved later than its original, under an id of its own.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.common.text import strip_marks
from generator.content.source import parse_yaml, read_text
from generator.tools.demo_text import initiative_text

KINDS = ("marks", "shuffle", "words", "title", "paragraph", "province")
TEXTS = ("title", "summary", "problem", "solution", "results")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Planted:
    original: str  # id
    copy: str  # id
    kind: str


def plant(content: Path, count: int, seed: int = 1, kinds: tuple[str, ...] = KINDS) -> list[Planted]:
    """Write `count` disguised copies of distinct approved records of `content`, kinds taken in turn."""
    rng = random.Random(seed)
    records = []
    for path in sorted((content / "initiatives").rglob("*.yml")):
        data = parse_yaml(read_text(path)).data
        if data.get("status") == "approved":
            records.append(data)
    vocabulary = sorted({w for r in records[:500] for f in TEXTS for w in _WORD.findall(str(r.get(f) or ""))})
    planted = []
    for n, original in enumerate(rng.sample(records, count)):
        kind = kinds[n % len(kinds)]
        # Another record, of another province where it can: its title, its unit and its province are borrowed.
        others = [r for r in rng.sample(records, 8) if r["id"] != original["id"]]
        other = next((r for r in others if r.get("province") != original.get("province")), others[0])
        copy = _disguise(dict(original), kind, other, vocabulary, rng)
        copy["id"] = f"BANSAO-{n + 1:05d}"
        copy["approved_on"] = (dt.date.fromisoformat(str(original["approved_on"])) + dt.timedelta(days=30)).isoformat()
        folder = content / "initiatives" / "ban-sao"
        folder.mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(copy, allow_unicode=True, sort_keys=False, width=10_000)
        (folder / f"{copy['id'].lower()}.yml").write_text(text, encoding="utf-8")
        planted.append(Planted(original["id"], copy["id"], kind))
    return planted


def _disguise(record: dict, kind: str, other: dict, vocabulary: list[str], rng: random.Random) -> dict:
    texts = {f: str(record.get(f) or "") for f in TEXTS}
    if kind == "marks":
        texts = {f: strip_marks(t) for f, t in texts.items()}
    elif kind == "shuffle":
        for f in ("problem", "solution", "results"):
            texts[f] = _shuffled(texts[f], rng)
    elif kind == "words":
        texts = {f: _changed(t, vocabulary, rng) for f, t in texts.items()}
    elif kind == "title":
        texts["title"] = initiative_text(rng, str(record.get("sector", "C")))["title"]
    elif kind == "paragraph":
        added = initiative_text(rng, str(record.get("sector", "C")))["problem"]
        texts["solution"] = (texts["solution"] + "\n\n" + added).strip()
    elif kind == "province":
        mine, theirs = record.get("organization"), other.get("organization")
        record["organization"] = theirs
        for key in ("province", "union"):  # a national unit has a union and no province
            if key in other:
                record[key] = other[key]
            else:
                record.pop(key, None)
        if mine and theirs:
            texts["summary"] = texts["summary"].replace(mine["name"], theirs["name"])
    record.update((f, t) for f, t in texts.items() if t)
    return record


def _shuffled(text: str, rng: random.Random) -> str:
    sentences = [s.lstrip("- ").strip() for s in _SENTENCE.split(text.replace("\n", " ")) if s.strip("- ").strip()]
    rng.shuffle(sentences)
    return " ".join(sentences)


def _changed(text: str, vocabulary: list[str], rng: random.Random, share: float = 0.1) -> str:
    """One word in ten replaced by another word of the demo's vocabulary."""
    words = list(_WORD.finditer(text))
    if not words:
        return text
    chosen = sorted(rng.sample(range(len(words)), max(1, round(len(words) * share))))
    out, last = [], 0
    for k in chosen:
        out += [text[last : words[k].start()], rng.choice(vocabulary)]
        last = words[k].end()
    return "".join([*out, text[last:]])


def truth(planted: list[Planted]) -> set[frozenset[str]]:
    """Every pair a screening should report: each original with its copy."""
    return {frozenset((p.original.lower(), p.copy.lower())) for p in planted}
