"""schema.org descriptions (JSON-LD) of initiatives, stories and organisations, for search engines.

Only what the page itself shows: authors are named only with their consent.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from generator import routes


def script(data: dict) -> Markup:
    """A <script type="application/ld+json"> block. Text comes from the public: "<", ">" and "&" are written as
    JSON escapes, so no value can close the script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def _org(name: str, url: str | None = None) -> dict:
    out = {"@type": "Organization", "name": name}
    if url:
        out["url"] = url
    return out


def _thing(kind: str, url: str, **values) -> dict:
    """A schema.org thing at `url` (absolute), without the values that are None."""
    data = {"@context": "https://schema.org", "@type": kind, "@id": url, "url": url, **values}
    return {k: v for k, v in data.items() if v is not None}


def licence(base: str) -> str:
    return base + routes.section(routes.LICENCE)


def picture(base: str, card: str, published=None, photo=None) -> dict | str:
    """A licensed photo as an ImageObject (what image search shows with its credit and licence); without
    one, the page's share card."""
    if published is None or photo is None or not photo.license:
        return base + card
    data = {
        "@type": "ImageObject",
        "contentUrl": base + published.url,
        "width": published.width,
        "height": published.height,
        "creditText": photo.credit,
        "license": licence(base),
        "acquireLicensePage": base + routes.section(routes.PRESS) + "#anh",
        "caption": photo.alt,
    }
    return {k: v for k, v in data.items() if v is not None}


def initiative(i, organization, base: str, image: str, published=None, photo=None) -> dict:
    """`published` and `photo`: the page's first licensed photo, if it has one."""
    r = i.record
    return _thing(
        "CreativeWork",
        base + i.url,
        name=r.title,
        description=r.summary,
        inLanguage="vi",
        identifier=r.id,
        dateCreated=i.approved_on.isoformat(),
        image=picture(base, image, published, photo),
        license=licence(base),
        about=i.sector.label,
        keywords=", ".join(r.tags) or None,
        locationCreated={
            "@type": "Place",
            "name": i.province.name,
            "address": {"@type": "PostalAddress", "addressRegion": i.province.name, "addressCountry": "VN"},
        }
        if i.province
        else None,
        contributor=_org(i.union.name),
        creator=[{"@type": "Person", "name": a.name} for a in r.authors if a.consent_public] or None,
        sourceOrganization=_org(organization.name, base + organization.url) if organization else None,
    )


def story(s, base: str, image: str, publisher: str, published=None, photo=None) -> dict:
    r = s.record
    return _thing(
        "Article",
        base + s.url,
        headline=r.title,
        description=r.summary,
        inLanguage="vi",
        datePublished=r.date.isoformat(),
        image=picture(base, image, published, photo),
        license=licence(base),
        author=_org(r.byline or publisher),
        publisher=_org(publisher),
        about=[{"@type": "CreativeWork", "name": i.title, "url": base + i.url} for i in s.initiatives] or None,
    )


def organization(o, base: str) -> dict:
    return _thing("Organization", base + o.url, name=o.name, areaServed=[p.name for p in o.provinces] or None)


def _size(value: int) -> str:
    """As the page shows it, rounded ("39 KB", "2.4 MB"): a record's edit then rarely changes the data page, which
    the site engine would otherwise have to build again on every change."""
    return f"{value / 1_000_000:.1f} MB" if value >= 1_000_000 else f"{max(1, round(value / 1000))} KB"


def dataset(files: list[dict], base: str, site, published, first, last, page: str, licence_page: str) -> dict:
    """The open data as a schema.org Dataset (what Google Dataset Search reads): its country-wide files as
    distributions, dated by publication, covering the approval dates from `first` to `last`."""
    distributions = [
        {
            "@type": "DataDownload",
            "name": f"{f['format']} — toàn quốc",
            "encodingFormat": f["media_type"],
            "contentUrl": base + f["path"],
            "contentSize": _size(f["bytes"]),
        }
        for f in files
        if f["province"] is None
    ]
    distributions.append(
        {"@type": "DataDownload", "name": "Từ điển dữ liệu", "encodingFormat": "application/json",
         "contentUrl": base + routes.DATA_DICTIONARY}
    )  # fmt: skip
    return _thing(
        "Dataset",
        base + page,
        name=f"Sáng kiến đã được công nhận — {site.name}",
        description=(
            f"Mọi sáng kiến của người lao động đã được công nhận và công bố trên trang {site.name} của "
            f"{site.publisher}: tên, tóm tắt, tỉnh, thành, lĩnh vực, đơn vị áp dụng, ngày công nhận, giá trị làm "
            "lợi mỗi năm, cấp công nhận; toàn quốc và từng tỉnh, thành."
        ),
        inLanguage="vi",
        isAccessibleForFree=True,
        license=[base + licence_page, site.licence.url],
        creator=_org(site.publisher, base),
        publisher=_org(site.publisher, base),
        dateModified=published.isoformat(),
        temporalCoverage=f"{first.isoformat()}/{last.isoformat()}" if first and last else None,
        spatialCoverage={
            "@type": "Place",
            "name": "Việt Nam",
            "address": {"@type": "PostalAddress", "addressCountry": "VN"},
        },
        keywords=["sáng kiến", "người lao động", "công đoàn", "giá trị làm lợi", "Việt Nam"],
        distribution=distributions,
    )
