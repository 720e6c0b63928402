"""Citing and reusing: one citation everywhere, copy buttons, credited photos, linked data, descriptions,
navigation, the press page on a phone and a desktop, and HTML the W3C validator accepts."""

from __future__ import annotations

import json
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest

from generator import config as site_config
from generator import routes
from generator.content.validate import load_content
from generator.render import citation

from .chromium import open_page
from .conftest import CONTENT, ROOT
from .photo_credit import exiftool, iptc, xmp

VNU = ROOT / "tests" / "quality" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SITE = site_config.load(ROOT).site
BASE = SITE.public_url
# One built page of every kind.
KINDS = {
    "home": "index.html",
    "hub": "tinh-thanh/ha-noi/index.html",
    "hubs": "tinh-thanh/index.html",
    "list": "sang-kien/index.html",
    "ranking": "don-vi/index.html",
    "initiative": "sang-kien/hn-2022-0012/index.html",
    "story": "cau-chuyen/tho-lo-ha-lam-va-gia-do-thuy-luc/index.html",
    "stories": "cau-chuyen/index.html",
    "organization": None,  # the first organisation's page, found in the site
    "statistics": "thong-ke/index.html",
    "press": "bao-chi/index.html",
    "data": "du-lieu/index.html",
    "search": "tim-kiem/index.html",
    "about": "gioi-thieu/index.html",
    "takedown": "de-nghi-go/index.html",
    "licence": "giay-phep/index.html",
    "404": "404.html",
}


def _html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def _text(fragment: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", fragment))


def _citations(html: str) -> list[str]:
    return [_text(m) for m in re.findall(r'<p class="ms-cite__text" id="[^"]+">(.*?)</p>', html, flags=re.S)]


@pytest.fixture(scope="module")
def cat():
    return load_content(CONTENT).catalogue


# --- One citation -------------------------------------------------------------------------------------------


def test_one_citation_is_shown_identically_wherever_a_page_is_cited(site, cat):
    shown: dict[str, set[str]] = {}  # permanent link -> every text citing it
    for page in site.rglob("index.html"):
        for text in _citations(page.read_text(encoding="utf-8")):
            url = re.search(r"(https?://\S+/)\. Giấy phép", text).group(1)
            shown.setdefault(url, set()).add(text)
    expected = {BASE + i.url: citation.initiative(i, SITE).text for i in cat.initiatives}
    expected |= {BASE + s.url: citation.story(s, SITE).text for s in cat.stories}
    assert len(shown) == len(cat.initiatives) + len(cat.stories)  # every record page cites itself
    assert {url: texts for url, texts in shown.items()} == {url: {expected[url]} for url in shown}
    # The press page's example is one initiative's citation, word for word as its own page shows it.
    example = _citations(_html(site, "bao-chi/index.html"))
    assert len(example) == 1 and example[0] == expected[BASE + cat.initiatives[0].url]
    # The fact box ends with the same citation.
    box = _text(re.search(r'<pre id="thong-tin-sao-chep">(.*?)</pre>', _html(site, KINDS["initiative"]), re.S).group(1))
    assert box.endswith("Trích dẫn: " + expected[BASE + "sang-kien/hn-2022-0012/"])


def test_a_citation_says_who_what_where_when_link_and_licence(cat):
    i = next(i for i in cat.initiatives if i.id == "HN-2022-0012")
    c = citation.initiative(i, SITE)
    named = [a.name for a in i.record.authors if a.consent_public]
    assert c.text.startswith((", ".join(named) if named else i.record.organization.name) + ". “" + i.record.title + "”")
    assert f"{SITE.name}, {SITE.publisher}. Công nhận ngày 15/08/2022. {BASE}sang-kien/hn-2022-0012/." in c.text
    assert c.text.endswith(f"Giấy phép: {SITE.licence.name} ({BASE}{routes.LICENCE}/).")
    assert f'<a href="{BASE}{routes.LICENCE}/">{SITE.licence.name}</a>' in str(c.html())
    # Withheld authors are never named: the organisation stands for them.
    authors = [i for i in cat.initiatives if i.record.authors]
    hidden = next(i for i in authors if not any(a.consent_public for a in i.record.authors))
    assert citation.initiative(hidden, SITE).text.startswith(hidden.record.organization.name + ". “")
    story = citation.story(cat.stories[0], SITE)
    assert "Đăng ngày " in story.text and SITE.publisher in story.text


def test_the_fact_box_links_to_the_press_page(site):
    box = re.search(r'<pre id="thong-tin-sao-chep">(.*?)</pre>', _html(site, KINDS["initiative"]), re.S).group(1)
    assert 'xem trang <a href="../../bao-chi/">Dành cho báo chí</a>' in box or "Liên hệ báo chí: " in _text(box)
    pages = [p for p in site.glob("sang-kien/*/index.html") if "xem trang <a" in p.read_text(encoding="utf-8")]
    assert pages, "a record without its own press contact points to the press page with a link"


# --- Copy buttons, in Chromium ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "button", "source"),
    [
        ("sang-kien/hn-2022-0012/", "Sao chép thông tin", "#thong-tin-sao-chep"),
        ("sang-kien/hn-2022-0012/", "Sao chép trích dẫn", "#trich-dan"),
        ("bao-chi/", "Sao chép trích dẫn", "#trich-dan-vi-du"),
    ],
)
def test_copy_button_copies_with_the_keyboard_and_says_so(browser, server, path, button, source):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    page = context.new_page()
    page.goto(server + path, wait_until="networkidle")
    control = page.get_by_role("button", name=button)
    control.focus()
    page.keyboard.press("Enter")
    status = control.locator("xpath=following-sibling::*[@role='status']")
    status.filter(has_text="Đã sao chép").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    expected = page.locator(source).text_content().strip()
    assert copied == expected and len(copied) > 80
    assert status.get_attribute("aria-live") == "polite"
    context.close()


# --- Photos -------------------------------------------------------------------------------------------------


def test_photo_download_is_named_after_the_initiative_and_carries_its_credit(site, cat):
    html = _html(site, KINDS["initiative"])
    link = re.search(r'<a class="ms-download" href="../../([^"]+)" download>', html).group(1)
    assert Path(link).name == "HN-2022-0012-1.jpg"
    photo = site / link
    credit = next(i for i in cat.initiatives if i.id == "HN-2022-0012").record.images[0].credit
    assert re.search(r"[^\x00-\x7f]", credit), "the sample credit has Vietnamese letters"
    statement = BASE + routes.section(routes.LICENCE)
    rights = f"Ảnh: {credit}. Giấy phép: CC BY 4.0"
    assert xmp(photo) == {"creator": credit, "credit": credit, "rights": rights, "web_statement": statement}
    found = iptc(photo)
    assert found[(1, 90)] == b"\x1b%G"  # UTF-8 declared
    assert found[(2, 80)].decode("utf-8") == credit and found[(2, 116)].decode("utf-8") == rights
    read = exiftool(photo)
    if read is None:
        pytest.fail("exiftool is missing: apt-get install libimage-exiftool-perl (.ci/run does)")
    assert read["Creator"] == read["Credit"] == read["By-line"] == credit
    assert read["Rights"] == read["CopyrightNotice"] == rights and read["WebStatement"] == statement
    # EXIF text is ASCII by definition: the credit without marks, never UTF-8 bytes read as mojibake.
    assert read["Artist"].isascii() and read["Artist"] == "Cong doan Cong ty TNHH Co khi Chinh xac Dong Anh"


# --- Linked data --------------------------------------------------------------------------------------------


def _ld(site: Path, path: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', _html(site, path)).group(1))


def test_linked_data_shows_a_licensed_photo_as_an_image_object_and_the_licence(site, cat):
    ld = _ld(site, KINDS["initiative"])
    licence = BASE + routes.section(routes.LICENCE)
    image = ld["image"]
    assert image["@type"] == "ImageObject" and image["contentUrl"].endswith("/HN-2022-0012-1.jpg")
    assert image["contentUrl"].startswith(BASE + "media/") and (site / image["contentUrl"][len(BASE) :]).is_file()
    assert image["creditText"].startswith("Công đoàn") and image["license"] == licence
    assert image["acquireLicensePage"].startswith(BASE + routes.section(routes.PRESS))
    assert ld["license"] == licence
    bare = next(i for i in cat.initiatives if not any(im.publishable for im in i.record.images))
    ld = _ld(site, bare.url + "index.html")
    assert ld["image"] == BASE + routes.card(bare.url) and ld["license"] == licence  # the share card, no photo
    for story in cat.stories:  # a cover without a licence is not offered for reuse: the share card stands in
        cover = story.record.cover
        image = _ld(site, story.url + "index.html")["image"]
        licensed = bool(cover and cover.publishable and cover.license)
        assert (isinstance(image, dict) and image["@type"] == "ImageObject") == licensed, story.url


# --- Descriptions -------------------------------------------------------------------------------------------


def test_every_page_describes_itself_briefly_and_differently(site):
    described = {}
    for page in site.rglob("*.html"):
        if "pagefind" in page.parts or (page.name != "index.html" and page.name != "404.html"):
            continue
        found = re.search(r'<meta name="description" content="([^"]*)"', page.read_text(encoding="utf-8"))
        described[page.relative_to(site).as_posix()] = unescape(found.group(1)) if found else ""
    assert len(described) > 200
    assert [p for p, d in described.items() if not d.strip() or len(d) > 160] == []
    raw = re.compile(r"\*\*|__|`|^#|\[[^\]]*\]\(|<|>")
    assert [p for p, d in described.items() if raw.search(d)] == []
    seen: dict[str, str] = {}
    twins = [(seen.setdefault(d, p), p) for p, d in described.items() if seen.get(d, p) != p]
    assert twins == []
    hub = described["tinh-thanh/ha-noi/index.html"]
    assert re.match(r"\d+ sáng kiến của người lao động Hà Nội, làm lợi [\d,]+ (tỷ|triệu) đồng mỗi năm", hub)


# --- Navigation and footer ----------------------------------------------------------------------------------


def _active_tab(html: str) -> str:
    tabs = re.search(r'<nav class="md-tabs".*?</nav>', html, re.S).group(0)
    active = re.findall(r'md-tabs__item--active">\s*<a href="([^"]*)"', tabs)
    assert len(active) == 1, active
    return active[0]


@pytest.mark.parametrize(
    ("path", "tab"),
    [
        ("sang-kien/hn-2022-0012/", "../"),
        ("sang-kien/", "./"),
        ("tinh-thanh/ha-noi/", "../"),
        ("linh-vuc/xay-dung/", "../"),
        ("cau-chuyen/tho-lo-ha-lam-va-gia-do-thuy-luc/", "../"),
        ("don-vi/theo-loi-ich/", "../"),
        ("du-lieu/", "./"),
        ("bao-chi/", "./"),
    ],
)
def test_record_and_list_pages_mark_their_navigation_tab(site, path, tab):
    assert _active_tab(_html(site, path + "index.html")) == tab


def test_organisation_pages_mark_the_organisations_tab(site):
    org = next(p for p in sorted((site / "don-vi").iterdir()) if p.name not in ("theo-loi-ich", "trang"))
    assert _active_tab(_html(site, f"don-vi/{org.name}/index.html")) == "../"


def test_open_data_and_organisations_are_in_the_navigation_and_on_the_home_page(site):
    home = _html(site, "index.html")
    tabs = re.search(r'<nav class="md-tabs".*?</nav>', home, re.S).group(0)
    assert 'href="du-lieu/"' in tabs and 'href="don-vi/"' in tabs
    body = home.split('<article class="md-content__inner', 1)[1]
    assert 'href="du-lieu/"' in body and 'href="don-vi/"' in body


def test_footer_credits_the_programme_and_links_the_licence(site):
    for path in ("index.html", "sang-kien/hn-2022-0012/index.html", "404.html"):
        footer = re.search(r'<div class="md-copyright">.*?</div>\s*</div>', _html(site, path), re.S).group(0)
        assert SITE.publisher in footer and "Material for MkDocs" not in footer
        assert re.search(rf'href="[./]*{routes.LICENCE}/">[^<]*{re.escape(SITE.licence.name)}', footer)


def test_list_cards_show_their_date(site):
    cards = re.findall(r'<article class="ms-card">(.*?)</article>', _html(site, "tinh-thanh/ha-noi/index.html"), re.S)
    dates = [re.search(r'<time datetime="(\d{4}-\d\d-\d\d)">\d\d/\d\d/\d{4}</time>', c).group(1) for c in cards]
    assert len(dates) > 1 and dates == sorted(dates, reverse=True)  # newest first


# --- Layout of the press page -------------------------------------------------------------------------------


def test_press_page_on_a_phone_keeps_the_benefit_on_screen_and_the_site_name_whole(browser, server):
    page, _ = open_page(browser, server + "bao-chi/", 360)
    page.locator("#lam-loi-lon-nhat").scroll_into_view_if_needed()
    figures = page.locator("#lam-loi-lon-nhat + .ms-table td.ms-num")
    assert figures.count() > 3
    for n in range(figures.count()):
        box = figures.nth(n).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    title = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert title.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1")
    page.close()


def test_press_page_on_a_desktop_has_no_empty_column_and_even_headings(browser, server):
    page, _ = open_page(browser, server + "bao-chi/", 1280)
    assert page.locator(".md-sidebar--secondary").evaluate("e => getComputedStyle(e).display") == "none"
    content = page.locator(".md-content").bounding_box()
    assert content and content["width"] > 1000
    styles = page.locator(".md-typeset > h2").evaluate_all(
        "hs => hs.map(h => getComputedStyle(h).fontSize + ' ' + getComputedStyle(h).fontWeight)"
    )
    assert len(styles) >= 6 and len(set(styles)) == 1, styles
    page.close()


# --- Valid HTML ---------------------------------------------------------------------------------------------


def test_one_page_of_every_kind_is_valid_html(site):
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: run `npm ci --prefix tests/quality`")
    orgs = sorted(p for p in (site / "don-vi").iterdir() if (p / "index.html").is_file())
    org = next(p for p in orgs if p.name != "theo-loi-ich")
    files = [site / (path or f"don-vi/{org.name}/index.html") for path in KINDS.values()]
    # One Java start for every page: the validator takes seconds to start and milliseconds a page.
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    messages = json.loads(run.stderr or run.stdout)["messages"]
    assert [f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages] == []


def test_landmarks_of_a_kind_have_names_of_their_own(site):
    for path in ("bao-chi/index.html", "du-lieu/index.html", "tim-kiem/index.html", KINDS["initiative"]):
        html = _html(site, path)
        names = []
        for tag in re.findall(r'<(?:nav|aside|form role="search"|[a-z]+ [^>]*role="(?:region|search)")[^>]*>', html):
            label = re.search(r'aria-label(?:ledby)?="([^"]*)"', tag)
            names.append(label.group(1) if label else "")
        assert "" not in names and len(names) == len(set(names)), (path, names)
