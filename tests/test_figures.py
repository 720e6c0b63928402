"""Figures for enterprises and journalists: every chart's files equal the catalogue's figures, the spread of
benefits, organisation kinds, sectors by province, the organisations ranked within a sector or a province."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import statistics
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from html import unescape
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from generator.catalogue.columns import Codes, Columns
from generator.catalogue.model import NATIONAL_UNITS, Catalogue, Tally
from generator.common.formatting import ORGANIZATION_KINDS, money_short
from generator.config import Config

SITE_URL = "https://sangkien.example.org/"
_CELL = r'<td class="ms-num" data-label="[^"]+">([^<]*)</td>'


def _html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _sums(items, key) -> dict[str, tuple[int, int]]:
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for i in items:
        sums[key(i)][0] += 1
        sums[key(i)][1] += i.record.benefit_vnd or 0
    return {k: (v[0], v[1]) for k, v in sums.items()}


def _place(i) -> str:
    return i.province.name if i.province else NATIONAL_UNITS


def _kind(i) -> str:
    return ORGANIZATION_KINDS[i.record.organization.kind] if i.record.organization else "Không ghi đơn vị"


def _csv_links(site: Path, url: str) -> list[str]:
    """The site paths of the CSV files a page offers, in the order it shows them."""
    links = re.findall(r'<a href="([^"]+\.csv)" download>Số liệu \(CSV, UTF-8\)</a>', _html(site, url))
    return [str((Path("/") / url / link).resolve())[1:] for link in links]


def _read(site: Path, path: str) -> dict[str, tuple[int, int]]:
    data = (site / path).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark: Excel reads the marks
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows and list(rows[0]) == ["label", "initiatives", "benefit_vnd"]
    return {r["label"]: (int(r["initiatives"]), int(r["benefit_vnd"])) for r in rows}


def test_every_statistics_chart_has_data_equal_to_the_catalogue(site, catalogue):
    items = catalogue.initiatives
    expected = {
        "theo-tinh-thanh": _sums(items, _place),
        "theo-linh-vuc": _sums(items, lambda i: i.sector.label),
        "theo-loai-hinh": _sums(items, _kind),
        "theo-nam": _sums(items, lambda i: str(i.approved_on.year)),
        "theo-cap-cong-nhan": _sums(
            items, lambda i: catalogue.taxonomy.recognition.get(i.record.recognition, "Chưa ghi cấp công nhận")
        ),
    }
    links = _csv_links(site, "thong-ke/")
    assert [Path(p).stem for p in links] == list(expected)
    for path in links:
        got = _read(site, path)
        # Rows with nothing (a province or sector without initiatives) are listed with zeros.
        assert {k: v for k, v in got.items() if v[0]} == expected[Path(path).stem], path
        assert sum(v[0] for v in got.values()) == len(items)
    provinces = _read(site, "thong-ke/bieu-do/theo-tinh-thanh.csv")
    assert len(provinces) == 34 + ("Đơn vị trung ương" in provinces)


@pytest.mark.parametrize("kind", ["tinh-thanh", "linh-vuc"])
def test_every_hub_chart_has_data_equal_to_the_catalogue(site, catalogue, kind):
    grouped = catalogue.by_province if kind == "tinh-thanh" else catalogue.by_sector
    key = (lambda i: i.sector.label) if kind == "tinh-thanh" else _place
    checked = 0
    for slug, items in grouped.items():
        links = _csv_links(site, f"{kind}/{slug}/")
        assert len(links) == (1 if items else 0)
        for path in links:
            got = _read(site, path)
            assert got == _sums(items, key)
            counts = [v[0] for v in got.values()]
            assert counts == sorted(counts, reverse=True)
            checked += 1
    assert checked >= 10


def test_each_chart_has_a_drawing_a_picture_and_an_embed_snippet(site):
    html = _html(site, "thong-ke/")
    for path in _csv_links(site, "thong-ke/") + _csv_links(site, "tinh-thanh/ha-noi/"):
        stem = path.removesuffix(".csv")
        rows = _read(site, path)
        svg = ET.fromstring((site / f"{stem}.svg").read_bytes())
        texts = " ".join(svg.itertext())
        assert "Giấy phép CC BY 4.0" in texts and "Tổng Liên đoàn Lao động Việt Nam" in texts
        # One bar per row of the data, drawn in the same order.
        bars = svg.findall(".//{http://www.w3.org/2000/svg}rect[@class='ms-chart__bar']")
        assert len(bars) == len(rows)
        with Image.open(site / f"{stem}.png") as png:
            assert png.format == "PNG" and png.width == 800 and png.height > 100
            # The design's colours exactly: the ground, and the bars in the site's red.
            colours = {c for _, c in png.convert("RGB").getcolors(256)}
            assert png.convert("RGB").getpixel((1, 1)) == (255, 255, 255) and (0xA3, 0x16, 0x1B) in colours
    # The snippet to embed: the drawing by its public address, the credit and the licence page linked.
    snippet = unescape(re.search(r'<pre class="ms-embed"><code>(.*?)</code></pre>', html, flags=re.S).group(1))
    assert f'<img src="{SITE_URL}thong-ke/bieu-do/theo-tinh-thanh.svg"' in snippet
    assert f'<a href="{SITE_URL}giay-phep/">CC BY 4.0</a>' in snippet and "Tổng Liên đoàn Lao động Việt Nam" in snippet
    assert html.count('<details class="ms-chart-files">') == 5
    assert 'giấy phép (<a href="../giay-phep/">CC BY 4.0</a>)' in html


def test_sector_spread_is_computed_from_the_records_that_state_a_benefit(site, catalogue):
    html = _html(site, "thong-ke/")
    stated = [i for i in catalogue.initiatives if i.record.benefit_vnd]
    assert f"Tính trên {len(stated)} trong {len(catalogue.initiatives)} sáng kiến" in html
    block = html.split("<caption>Phân bố giá trị làm lợi mỗi năm theo lĩnh vực</caption>", 1)[1].split("</table>")[0]
    rows = {
        unescape(re.sub(r"<[^>]+>", "", m[0])): [unescape(c) for c in m[1:]]
        for m in re.findall(r'<tr><th scope="row">(.*?)</th>' + _CELL * 6, block)
    }
    by_sector: dict[str, list[int]] = defaultdict(list)
    for i in stated:
        by_sector[i.sector.label].append(i.record.benefit_vnd)
    assert set(rows) == {i.sector.label for i in catalogue.initiatives}
    for label, values in by_sector.items():
        values.sort()
        _, n, total, median, middle, extremes = rows[label]
        assert int(n) == len(values) and total == money_short(sum(values))
        assert median == money_short(round(statistics.median(values)))
        assert extremes == f"{money_short(values[0])} – {money_short(values[-1])}"
        if len(values) > 1:
            q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
            assert middle == f"{money_short(round(q1))} – {money_short(round(q3))}"


def test_organisation_kinds_and_sectors_by_province(site, catalogue):
    html = _html(site, "thong-ke/")
    caption = "<caption>Sáng kiến và giá trị làm lợi theo loại hình tổ chức</caption>"
    kinds = html.split(caption, 1)[1].split("</table>")[0]
    expected = _sums(catalogue.initiatives, _kind)
    for label, (count, _) in expected.items():
        cell = f'<td class="ms-num" data-label="Sáng kiến">{count}<'
        assert re.search(rf'<th scope="row">{re.escape(label)}</th>{cell}', kinds)
    # One table per sector with initiatives; its provinces add up to the sector.
    for sector, items in catalogue.by_sector.items():
        if not items:
            continue
        label = items[0].sector.label
        block = html.split(f"<summary>{label}: ", 1)[1].split("</details>", 1)[0]
        cells = re.findall(
            r'<tr><th scope="row">(?:<a [^>]+>)?([^<]+)(?:</a>)?</th>'
            r'<td class="ms-num">(\d+)</td><td class="ms-num">([\d.]+)</td>',
            block,
        )
        got = {unescape(name): (int(c), int(b.replace(".", ""))) for name, c, b in cells}
        assert got == _sums(items, _place), sector


def test_organisations_ranked_within_a_sector_and_a_province(site, catalogue):
    index = _html(site, "don-vi/")
    assert 'href="theo-loi-ich/linh-vuc/che-bien-che-tao/"' in index and 'href="theo-loi-ich/tinh/ha-noi/"' in index
    assert 'href="../don-vi/theo-loi-ich/"' in _html(site, "thong-ke/")
    for url, within in (
        ("don-vi/theo-loi-ich/linh-vuc/che-bien-che-tao/", lambda i: i.sector.slug == "che-bien-che-tao"),
        ("don-vi/theo-loi-ich/tinh/ha-noi/", lambda i: i.province is not None and i.province.slug == "ha-noi"),
    ):
        rows = re.findall(
            r'<tr><td class="ms-num">[^<]+</td><td><a href="[^"]+">([^<]+)</a></td><td>[^<]*</td>'
            r'<td class="ms-num">(\d+)</td><td class="ms-num">([^<]+)</td></tr>',
            _html(site, url),
        )
        expected = {}
        for o in catalogue.organizations:
            mine = [i for i in o.initiatives if within(i)]
            if mine:
                expected[o.name] = (len(mine), sum(i.record.benefit_vnd or 0 for i in mine))
        assert {unescape(name) for name, _, _ in rows} == set(expected)
        benefits = [expected[unescape(name)][1] for name, _, _ in rows]
        assert benefits == sorted(benefits, reverse=True)
        for name, count, benefit in rows:
            want_count, want_benefit = expected[unescape(name)]
            assert int(count) == want_count
            assert unescape(benefit) == (money_short(want_benefit) if want_benefit else "–")


def test_sums_stay_exact_past_what_int64_holds():
    # 2,000 records just under the schema's largest benefit (10^16): 2·10^19 overflows int64, and as a float64
    # it would lose its last digits.
    most = 10**16 - 1
    record = SimpleNamespace(
        benefit_vnd=most,
        recognition=None,
        day=dt.date(2025, 1, 1).toordinal(),
        province=None,
        sector=SimpleNamespace(slug="s"),
        union=SimpleNamespace(slug="u"),
        organization_key="o",
        organization_name=None,
        organization_kind=None,
        digest="",
        id="HN-2025-0001",
        url="sang-kien/hn-2025-0001/",
    )
    columns = Columns([record] * 2000, Codes([], ["s"], ["u"], [], []))
    assert columns.tallies(columns.sector, 1) == [(2000, 2000 * most, 1)]


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_groups_and_tallies_from_columns_equal_those_walked_record_by_record(catalogue, data):
    # Any subset of the sample, in any order, with benefits up to the schema's 10^16 (10^6 of them overflow int64).
    items = data.draw(st.permutations(catalogue.initiatives)).copy()
    items = items[: data.draw(st.integers(0, len(items)))]
    benefit = st.one_of(st.none(), st.integers(0, 10**16))
    benefits = data.draw(st.lists(benefit, min_size=len(items), max_size=len(items)))
    # An organisation's name as each record writes it: the same key, in any case.
    shouted = data.draw(st.lists(st.booleans(), min_size=len(items), max_size=len(items)))

    def written(org, loud: bool):
        return org and org.model_copy(update={"name": org.name.upper() if loud else org.name})

    items = [
        dataclasses.replace(
            i, record=i.record.model_copy(update={"benefit_vnd": b, "organization": written(i.record.organization, u)})
        )
        for i, b, u in zip(items, benefits, shouted, strict=True)
    ]
    cat = Catalogue(catalogue.taxonomy, items)

    def walked(group: list) -> Tally:
        keys = {i.organization_key for i in group if i.organization_key}
        return Tally(len(group), sum(i.record.benefit_vnd or 0 for i in group), len(keys))

    def grouped(key, within) -> dict[str, list]:
        out: dict[str, list] = {}
        for i in within:
            out.setdefault(key(i), []).append(i)
        return out

    by_province = grouped(lambda i: i.province.slug, [i for i in items if i.province])
    by_union = grouped(lambda i: i.union.slug, [i for i in items if i.union.national])
    by_sector = grouped(lambda i: i.sector.slug, items)
    assert (cat.by_province, cat.by_union, cat.by_sector) == (by_province, by_union, by_sector)
    assert list(cat.by_province) == list(by_province)  # in order of first appearance
    assert cat.national == [i for i in items if i.province is None]
    for kind, groups in (("province", by_province), ("union", by_union), ("sector", by_sector)):
        assert {k: v for k, v in cat.figures_by(kind).items() if v.initiatives} == {
            k: walked(v) for k, v in groups.items()
        }
    assert cat.national_figures == walked(cat.national)
    whole = walked(items)
    assert (cat.totals.initiatives, cat.totals.benefit_vnd, cat.totals.organizations) == tuple(
        dataclasses.astuple(whole)
    )
    assert all(o.figures == walked(o.initiatives) for o in cat.organizations)
    by_org = grouped(lambda i: i.organization_key, [i for i in items if i.organization_key])
    assert [(o.key, o.initiatives) for o in cat.organizations] == sorted(
        by_org.items(), key=lambda kv: (-len(kv[1]), cat._organizations_by_key[kv[0]].name)
    )
    for o in cat.organizations:
        spellings = Counter(i.record.organization.name for i in o.initiatives)
        assert o.name == min(spellings, key=lambda n: (-spellings[n], n))  # the most written, ties by the name
        assert o.provinces == by_count(i.province for i in o.initiatives if i.province)
        assert o.sectors == by_count(i.sector for i in o.initiatives)
        assert o.places == [p.name for p in o.provinces] + by_count(
            i.union.name for i in o.initiatives if not i.province
        )


def by_count(items) -> list:
    """Distinct items, most frequent first, ties by the first seen."""
    counts = Counter(items)
    return sorted(counts, key=lambda x: -counts[x])


def test_an_organisations_initiatives_are_listed_newest_first(catalogue):
    # As its page says ("mới nhất trước"), whatever order its records' files come in.
    def newest_first(items: list) -> bool:
        return items == sorted(items, key=lambda i: (i.record.approved_on, i.id), reverse=True)

    assert all(newest_first(o.initiatives) for o in catalogue.organizations)
    assert all(newest_first(items) for items in catalogue.by_province.values())


def test_a_hubs_description_names_its_most_frequent_sector_or_place(catalogue):
    from collections import Counter

    from generator.pages.site_pages import hub_pages

    hubs = [("province", catalogue.by_province, catalogue.taxonomy.provinces),
            ("sector", catalogue.by_sector, catalogue.taxonomy.sectors),
            ("union", catalogue.by_union, catalogue.taxonomy.national_unions)]  # fmt: skip
    named = 0
    for kind, grouped, entries in hubs:
        for entry in entries:
            items = grouped.get(entry.slug, [])
            counts = Counter(i.place if kind == "sector" else i.sector.label for i in items)
            top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if len(counts) > 1 else None
            figures = catalogue.figures_by(kind)[entry.slug]
            page = next(hub_pages(catalogue, kind, entry, items, "x/", Config(), (), figures))
            said = f"nhiều nhất {'ở' if kind == 'sector' else 'trong lĩnh vực'} {top}"
            if top is None:
                assert "nhiều nhất" not in page.description, page.description
            else:  # unless the description was cut at 160 characters before it
                assert said in page.description or page.description.endswith("…"), page.description
                named += said in page.description
    assert named >= 10


def test_ranked_puts_the_most_rows_first_and_ties_by_the_earliest_row():
    # An organisation with as many initiatives in two provinces lists first the one of its newest initiative.
    columns = Columns([], Codes([], [], [], [], []))
    outer = np.array([0, 0, 0, 0, 1, 1, 1, -1, 1])
    inner = np.array([2, 1, 1, 2, 0, 3, 3, 5, -1])
    assert columns.ranked(outer, inner) == {0: [2, 1], 1: [3, 0]}
