"""How values read on the page, the Vietnamese way."""

from __future__ import annotations

from urllib.parse import quote

from markupsafe import Markup

from generator.text import code_slug


def month_label(month: str | None) -> str:
    if not month:
        return "chưa có dữ liệu"
    year, number = month.split("-")
    return f"tháng {int(number)}/{year}"


def number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def point_anchor(code: str) -> str:
    return "diem-" + code_slug(code)


def commune_anchor(commune_code: str) -> str:
    return f"xa-{commune_code}"


def directions_links(lat: float, lon: float) -> dict[str, str]:
    where = quote(f"{lat:.6f},{lon:.6f}")
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
