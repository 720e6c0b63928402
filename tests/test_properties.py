"""Property: whatever text the public types into a field comes out as that text, and as nothing else."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from generator.common.text import clean, one_line
from generator.content.privacy import scan_text

from .conftest import CONTENT, build

SNIPPETS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ config }}",
    "{% include 'x' %}",
    "${7*7}",
    "</title><svg onload=alert(1)>",
    "&amp;&lt;",
    "[x](javascript:alert(1))",
    "<!--",
    "]]>",
    "\n\n    indented code\n\n",
    "*em* **strong** `code`",
    "Đà Nẵng – Thủy Hòa",
    "\u202eevil",
    "\x00\x07",
]
TEXT = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40),
    st.lists(st.sampled_from(SNIPPETS), min_size=1, max_size=3).map("".join),
)
PLAIN = ["title", "summary", "organization", "tag", "author", "alt", "credit", "benefit_note"]
MARKDOWN = ["problem", "solution", "results"]
PROSE_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "code",
    "pre",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "sub",
    "sup",
    "div",
}


def _record(t: dict) -> dict:
    return {
        "id": "PROP-0001",
        "title": t["title"],
        "summary": t["summary"],
        "status": "approved",
        "approved_on": "2023-01-01",
        "province": "Hà Nội",
        "sector": "C",
        "organization": {"name": t["organization"]},
        "tags": [t["tag"]],
        "authors": [{"name": t["author"], "consent_public": True}],
        "benefit_vnd": 1000,
        "benefit_note": t["benefit_note"],
        "images": [{"file": "khuon-dap.jpg", "alt": t["alt"], "credit": t["credit"]}],
        **{f: t[f] for f in MARKDOWN},
    }


def _site_with(texts: dict, out: Path) -> str:
    content = out / "content"
    shutil.copytree(CONTENT / "taxonomies", content / "taxonomies")
    (content / "media").mkdir(parents=True)
    shutil.copy(CONTENT / "media" / "khuon-dap.jpg", content / "media")
    (content / "initiatives").mkdir()
    (content / "stories").mkdir()
    # JSON is YAML 1.2 with every string quoted: "1e100" stays text.
    (content / "initiatives" / "p.yml").write_text(json.dumps(_record(texts), ensure_ascii=False), encoding="utf-8")
    assert build(content, out) == 0
    return (out / "site/sang-kien/prop-0001/index.html").read_text(encoding="utf-8")


class _Shape(HTMLParser):
    """The page's elements and attribute names, its text, and what sits inside the Markdown fields."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.shape, self.text, self.prose, self._depth = [], [], [], 0

    def handle_starttag(self, tag, attrs):
        if self._depth:  # inside a Markdown field: what may be there is checked on its own
            self.prose.append((tag, dict(attrs)))
        else:
            self.shape.append((tag, tuple(sorted(a for a, _ in attrs))))
        if (self._depth or ("class", "ms-prose") in attrs) and tag not in ("br", "hr", "img"):
            self._depth += 1

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Shape:
    shape = _Shape()
    shape.feed(html)
    return shape


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    return _parse(_site_with({f: "x" for f in PLAIN + MARKDOWN}, tmp_path_factory.mktemp("base")))


# Each example is a real site build (about a second): a few varied examples, no shrinking runs.
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(texts=st.fixed_dictionaries({f: TEXT for f in PLAIN + MARKDOWN}))
def test_any_text_is_shown_literally_and_injects_nothing(tmp_path_factory, baseline, texts):
    expected = {f: one_line(texts[f]) for f in PLAIN}
    assume(all(expected.values()) and not any(scan_text(v, ()) for v in expected.values()))
    assume(all(clean(texts[f]).strip() for f in MARKDOWN))
    assume(not any(scan_text(texts[f], (), markdown=True) for f in MARKDOWN))
    page = _parse(_site_with(texts, tmp_path_factory.mktemp("prop")))

    text = " ".join(" ".join(page.text).split())
    for field, value in expected.items():
        assert " ".join(value.split()) in text, field
    assert page.shape == baseline.shape
    for tag, attrs in page.prose:
        assert tag in PROSE_TAGS, tag
        assert not any(a.startswith("on") or a in ("style", "src") for a in attrs), attrs
        assert attrs.get("href", "https:").lower().startswith(("http:", "https:", "mailto:")), attrs
