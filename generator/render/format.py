"""How values read on the page, the Vietnamese way."""

from __future__ import annotations

from collections import Counter
from functools import cache, lru_cache

from markupsafe import Markup

from generator.model import Point
from generator.text import code_slug, slugify
from generator.units import admin_units


def month_label(month: str | None) -> str:
    if not month:
        return "chưa có dữ liệu"
    year, number = month.split("-")
    return f"tháng {int(number)}/{year}"


def number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


# A point's anchor is written by six renderers (cards, search records, finder, maps, anchors):
# made once each. Bounded: at 300,000 points the slugs need not all stay.
@lru_cache(maxsize=1 << 16)
def point_anchor(code: str) -> str:
    return "diem-" + code_slug(code)


# A point's card as the browser's rows carry it (the finder's details, the search records): the
# fields both layouts share, in this order, and their values.
CARD_FIELDS = ("anchor", "name", "agent", "address")
PHONE_FIELDS = ("fixed", "fixed_e164", "mobile", "mobile_e164")


def card_cells(point: Point) -> list:
    return [point_anchor(point.code), point.name, point.agent, point.address]


def phone_cells(point: Point) -> list:
    return [point.fixed_phone, point.fixed_phone_e164, point.mobile_phone, point.mobile_phone_e164]


def commune_anchor(commune_code: str) -> str:
    return f"xa-{commune_code}"


@cache
def _commune_slugs(province_code: str) -> dict[str, str]:
    """Slugs of every 2025 commune of a province, not only those with points, so that a commune's
    URL does not change when another commune of the same name gets its first point."""
    slugs = {c.code: slugify(c.name) for c in admin_units().communes_of(province_code)}
    taken = Counter(slugs.values())
    return {code: slug if taken[slug] == 1 else f"{slug}-{code}" for code, slug in slugs.items()}


def commune_slug(commune_code: str) -> str:
    """The folder of a commune's page under its province: 'Xã Bản Hon' → 'xa-ban-hon' (the code
    is appended only when two communes of a province share a name)."""
    commune = admin_units().communes[commune_code]
    return _commune_slugs(commune.province_code)[commune_code]


def commune_path(province_slug: str, commune_code: str) -> str:
    """A commune's page from the site root: 'tinh/lai-chau/xa-ban-hon/'."""
    return f"tinh/{province_slug}/{commune_slug(commune_code)}/"


def point_path(province_slug: str, commune_code: str, code: str) -> str:
    """A point's card from the site root, on its commune's page. The older URL
    'tinh/<slug>/#diem-<code>' still reaches it (the province page redirects known anchors)."""
    return f"{commune_path(province_slug, commune_code)}#{point_anchor(code)}"


def directions_links(lat: float, lon: float) -> dict[str, str]:
    # "lat,lon" as urllib's quote writes it: a formatted number has nothing to escape, the comma
    # is %2C (quote's pass over each character, once a card, was a tenth of the commune pages).
    where = f"{lat:.6f}%2C{lon:.6f}"
    return {
        "Google Maps": f"https://www.google.com/maps/dir/?api=1&destination={where}",
        "OpenStreetMap": f"https://www.openstreetmap.org/directions?to={where}",
    }


# What Markdown (and its attr_list, md_in_html extensions) acts on inside one line of text: links
# and images, emphasis, code, headings, attribute lists, tables, escapes. Written as numeric
# character references they show the same and are never syntax; HTML's own characters are
# escaped in the same single pass, so no reference is escaped twice.
_LITERAL = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]()#!|~^\"'"} | {
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord("&"): "&amp;",
}


def literal(text: str) -> Markup:
    """A province's text for a page that Markdown reads: one line, HTML escaped, and every
    character Markdown could act on written as a character reference, so it stays text. Safe in
    HTML too."""
    if isinstance(text, Markup):
        return text
    return Markup(" ".join(str(text).split()).translate(_LITERAL))
