"""Exit 0 when this folder is already installed as `pip install -e '.[test]'` would install it: in editable mode from
here, at the version, requirements and commands pyproject.toml names, with every requirement (and its extras) met.
Otherwise say what is missing and exit 1, and CI runs pip."""

from __future__ import annotations

import json
import sys
import tomllib
from importlib import metadata
from pathlib import Path

try:
    from packaging.requirements import Requirement
except ImportError:  # a fresh machine: pip installs it with the rest
    Requirement = None  # type: ignore[assignment,misc]

ROOT = Path(__file__).resolve().parent.parent


def problem() -> str | None:
    if Requirement is None:
        return "chưa có packaging"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    # The installed copy (with direct_url.json), not an egg-info a build left beside pyproject.toml.
    found = [d for d in metadata.distributions(name=project["name"]) if d.read_text("direct_url.json")]
    if not found:
        return f"chưa cài {project['name']}"
    dist = found[0]
    origin = json.loads(dist.read_text("direct_url.json") or "{}")
    if not origin.get("dir_info", {}).get("editable") or origin.get("url") != ROOT.as_uri():
        return f"{project['name']} không được cài ở chế độ editable từ {ROOT}"
    wanted = [*project["dependencies"], *(f"{r}; extra == 'test'" for r in project["optional-dependencies"]["test"])]
    if {str(Requirement(r)) for r in wanted} != {str(Requirement(r)) for r in dist.requires or []}:
        return "danh sách gói cần trong pyproject.toml đã đổi"
    scripts = {e.name: e.value for e in dist.entry_points.select(group="console_scripts")}
    if dist.version != project["version"] or scripts != project.get("scripts", {}):
        return "phiên bản hoặc lệnh trong pyproject.toml đã đổi"
    seen: set[tuple[str, frozenset[str]]] = set()
    return next(filter(None, (unmet(Requirement(r.split(";")[0]), seen) for r in wanted)), None)


def unmet(req: Requirement, seen: set[tuple[str, frozenset[str]]]) -> str | None:
    """Why `req`, with the extras it asks for and everything they require in turn, is not met, or None."""
    if (req.name.lower(), frozenset(req.extras)) in seen:
        return None
    seen.add((req.name.lower(), frozenset(req.extras)))
    try:
        dist = metadata.distribution(req.name)
    except metadata.PackageNotFoundError:
        return f"thiếu {req.name}"
    if not req.specifier.contains(dist.version, prereleases=True):
        return f"{req.name} {dist.version} không thỏa {req.specifier}"
    for text in dist.requires or []:
        sub = Requirement(text)
        if sub.marker and not any(sub.marker.evaluate({"extra": e}) for e in ("", *req.extras)):
            continue
        sub.marker = None
        if why := unmet(sub, seen):
            return why
    return None


if __name__ == "__main__":
    why = problem()
    if why:
        print(f"Cài gói Python: {why}.", file=sys.stderr)
    sys.exit(1 if why else 0)
