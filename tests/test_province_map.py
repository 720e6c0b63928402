"""The province map: well-formed SVG, one link per unit, the archipelagos shown and named, the credit, the colours."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.content.taxonomy import Taxonomy
from generator.render import province_map

ROOT = Path(__file__).resolve().parent.parent
NS = {"s": "http://www.w3.org/2000/svg"}
PARACEL = (111.61, 16.53)  # đảo Hoàng Sa
SPRATLYS = [(111.92, 8.64), (114.33, 11.43), (115.84, 10.83), (112.92, 7.88)]  # the archipelago's far corners


@pytest.fixture(scope="module")
def provinces():
    return Taxonomy(ROOT / "content" / "taxonomies").provinces


@pytest.fixture(scope="module")
def values(provinces):
    values = {p.code: (n * 37) % 500 + 1 for n, p in enumerate(provinces)}
    values["79"] = 4321  # Hồ Chí Minh: the largest
    values["01"] = 0  # Hà Nội: none
    return values


@pytest.fixture(scope="module")
def drawn(provinces, values) -> str:
    return province_map.svg(
        values,
        {p.code: p.name for p in provinces},
        {p.code: f"../tinh/{p.slug}/" for p in provinces},
        "Sáng kiến theo tỉnh, thành",
    )


@pytest.fixture(scope="module")
def root(drawn):
    return ET.fromstring(drawn)


def _units(root) -> dict[str, ET.Element]:
    """aria-label ("Hà Nội: 0 sáng kiến") -> the link."""
    return {a.get("aria-label"): a for a in root.iter("{http://www.w3.org/2000/svg}a")}


def test_one_link_per_unit(root, provinces):
    links = root.findall(".//s:a", NS)
    assert len(links) == 34
    assert sorted(a.get("href") for a in links) == sorted(f"../tinh/{p.slug}/" for p in provinces)
    for a in links:
        assert a.find("s:title", NS).text == a.get("aria-label")
        assert a.find("s:path", NS).get("class") == "ms-map__unit"


def test_titles_name_the_unit_and_count(root):
    assert "Hồ Chí Minh: 4.321 sáng kiến" in _units(root)
    assert "Hà Nội: 0 sáng kiến" in _units(root)


def test_svg_is_labelled_by_its_title_not_an_image(root):
    assert root.get("role") is None
    title = root.find("s:title", NS)
    assert title.text == "Sáng kiến theo tỉnh, thành"
    assert root.get("aria-labelledby") == title.get("id")


def test_archipelagos_are_named(drawn):
    text = " ".join(ET.fromstring(drawn).itertext())
    assert "Quần đảo Hoàng Sa (Đà Nẵng)" in text
    assert "Quần đảo Trường Sa (Khánh Hòa)" in text


def test_archipelagos_are_drawn_in_their_province(root):
    units = _units(root)
    for label in ("Đà Nẵng", "Khánh Hòa"):
        link = next(a for name, a in units.items() if name.startswith(label + ":"))
        dots = link.findall("s:circle", NS)
        assert len(dots) >= 5
        assert {d.get("fill") for d in dots} == {link.find("s:path", NS).get("fill")}


def test_natural_earth_is_credited(drawn):
    assert "Ranh giới: Natural Earth (phạm vi công cộng)" in " ".join(ET.fromstring(drawn).itertext())


def test_largest_is_darkest_and_zero_is_grey(root):
    units = _units(root)
    assert units["Hồ Chí Minh: 4.321 sáng kiến"].find("s:path", NS).get("fill") == province_map.PALETTE[-1]
    assert units["Hà Nội: 0 sáng kiến"].find("s:path", NS).get("fill") == province_map.ZERO


def test_legend_is_in_vietnamese(drawn):
    text = " ".join(ET.fromstring(drawn).itertext())
    assert "Số sáng kiến" in text and "4.321" in text


def test_view_box_holds_the_islands(root):
    x0, y0, width, height = map(float, root.get("viewBox").split())
    for lon, lat in [PARACEL, *SPRATLYS]:
        x, y = province_map.project(lon, lat)
        assert x0 < x < x0 + width and y0 < y < y0 + height, (lon, lat)
    # North is up and east is right.
    assert province_map.project(105.85, 21.03)[1] < province_map.project(106.7, 10.78)[1]
    assert province_map.project(111.61, 16.53)[0] > province_map.project(108.2, 16.05)[0]


def test_small_and_deterministic(drawn, provinces, values):
    assert len(drawn.encode("utf-8")) < 80_000
    again = province_map.svg(
        dict(reversed(values.items())),
        {p.code: p.name for p in provinces},
        {p.code: f"../tinh/{p.slug}/" for p in provinces},
        "Sáng kiến theo tỉnh, thành",
    )
    assert again == drawn


def test_text_is_escaped():
    drawn = province_map.svg({"01": 3}, {"01": "<b>&</b>"}, {"01": '/x?a=1&b="2"'}, "A & <B>")
    root = ET.fromstring(drawn)
    assert root.find("s:title", NS).text == "A & <B>"
    assert any(a.get("href") == '/x?a=1&b="2"' for a in root.iter("{http://www.w3.org/2000/svg}a"))
    assert "<b>" not in drawn and "<script" not in drawn


def test_no_counts_at_all():
    root = ET.fromstring(province_map.svg({}, {}, {}, "Bản đồ"))
    fills = {p.get("fill") for p in root.iter("{http://www.w3.org/2000/svg}path")}
    assert fills == {province_map.ZERO}


def _legend(drawn: str) -> list[str]:
    root = ET.fromstring(drawn)
    group = next(g for g in root.iter("{http://www.w3.org/2000/svg}g") if "ms-map__note" in (g.get("class") or ""))
    return [t.text for t in group.findall("s:text", NS)][1:]  # after the heading


def test_legend_classes_touch_from_one_to_the_largest(drawn):
    rows = list(reversed(_legend(drawn)[:-1]))  # lowest class first, without the zero row
    bounds = [tuple(int(x.replace(".", "")) for x in r.split("–")) for r in rows]
    assert bounds[0][0] == 1 and bounds[-1][-1] == 4321
    for below, above in itertools.pairwise(bounds):
        assert above[0] == below[-1] + 1  # no value falls between two classes
    assert _legend(drawn)[-1] == "0"


def test_benefit_mode_names_amounts_and_keeps_the_archipelagos(provinces):
    values = {p.code: (n + 1) * 150_000_000 for n, p in enumerate(provinces)}
    values["01"] = 0
    drawn = province_map.svg(values, {p.code: p.name for p in provinces}, {}, "Bản đồ", "benefit")
    text = " ".join(ET.fromstring(drawn).itertext())
    assert "Làm lợi mỗi năm" in text and "Quần đảo Hoàng Sa (Đà Nẵng)" in text and "Biển Đông" in text
    legend = _legend(drawn)
    assert legend[-2].startswith("đến ") and legend[-1] == "chưa ghi"
    # Each class starts where the one below it ends.
    rows = list(reversed(legend[:-1]))  # "đến a", "a–b", "b–c"…
    tops = [rows[0].removeprefix("đến "), *(r.split("–")[1] for r in rows[1:])]
    assert len(rows) >= 3 and [r.split("–")[0] for r in rows[1:]] == tops[:-1]
    assert "Hà Nội: chưa ghi giá trị làm lợi" in drawn
