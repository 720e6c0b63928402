"""MkDocs hook: corrects the markup Material writes outside any template block, so no override can reach it.

Material's base.html puts `autocomplete="off"` on its two hidden checkboxes (the drawer and search toggles) to stop
Firefox restoring them open on "back"; HTML allows that attribute on text-like inputs only, so every page fails
the W3C validator. The attribute is dropped: at worst Firefox shows the menu still open after "back".
"""

from __future__ import annotations

_TOGGLES = (
    ('data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
     'data-md-toggle="drawer" type="checkbox" id="__drawer">'),
    ('data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
     'data-md-toggle="search" type="checkbox" id="__search">'),
)  # fmt: skip


def valid_markup(html: str) -> str:
    for before, after in _TOGGLES:
        html = html.replace(before, after)
    return html


def on_post_page(output: str, page, config) -> str:
    return valid_markup(output)


def on_post_template(output: str, template_name: str, config) -> str:
    """The theme's own pages (404.html)."""
    return valid_markup(output)
