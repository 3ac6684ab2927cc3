"""The national map drawn at build time (`ban-do/toan-quoc.svg`): what a phone shows before, or
instead of, the interactive map.

Evaluating Leaflet alone is a main-thread task of about 50 ms on a phone (CPU × 4), and drawing
3,321 clustered communes several more, so the national map starts as this picture and Leaflet is
loaded only when the reader touches the map (`assets/maps.js` is not even fetched before). The
picture is every 2025 commune at its centre in Web Mercator (the projection of the tiles, so the
picture and the map agree): a blue dot where points are published, a grey one where none is,
which also draws the country's shape, its islands and the two archipelagos, named as on every
map of Việt Nam. One <path> per colour: an image of ~15 KB compressed that adds no element to
the page, and needs no script.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from generator.units import admin_units

WIDTH = 600  # SVG units; the picture scales to its box
MARGIN = 12
DOT = 5  # diameter, in SVG units: ~3 px on a 360 px phone
PUBLISHED = "#1559b3"  # the site's blue (site.css), 4.5:1 on white
EMPTY = "#b6bec8"
# The archipelagos' communes (special zones since 2025) and the names maps give them.
ARCHIPELAGOS = {"Đặc khu Hoàng Sa": "Quần đảo Hoàng Sa", "Đặc khu Trường Sa": "Quần đảo Trường Sa"}


@dataclass(frozen=True)
class Projection:
    """Longitude and latitude to SVG units, Web Mercator, framed on every commune."""

    west: float
    top: float
    scale: float
    height: int

    def __call__(self, lat: float, lon: float) -> tuple[int, int]:
        return round(MARGIN + (lon - self.west) * self.scale), round(
            MARGIN + (self.top - _mercator(lat)) * self.scale
        )


def _mercator(lat: float) -> float:
    """Web Mercator's northing in degrees of longitude."""
    return math.degrees(math.asinh(math.tan(math.radians(lat))))


def projection(positions: Iterable[tuple[float, float]]) -> Projection:
    lats, lons = zip(*positions, strict=True)
    west, east = min(lons), max(lons)
    top, bottom = _mercator(max(lats)), _mercator(min(lats))
    scale = (WIDTH - 2 * MARGIN) / (east - west)
    return Projection(west, top, scale, round((top - bottom) * scale) + 2 * MARGIN)


def _dots(points: list[tuple[int, int]]) -> str:
    # A zero-length segment with round caps is a dot: "M12 34h0", ten bytes a commune.
    return "".join(f"M{x} {y}h0" for x, y in sorted(set(points)))


def national_picture(published: set[str]) -> tuple[str, int, int]:
    """The SVG of every commune, those in `published` (commune codes) in blue; its width and
    height (for the <img>, so the page does not move when it arrives)."""
    communes = [c for c in admin_units().communes.values() if c.lat is not None and c.lon is not None]
    project = projection((c.lat, c.lon) for c in communes)
    blue = [project(c.lat, c.lon) for c in communes if c.code in published]
    grey = [project(c.lat, c.lon) for c in communes if c.code not in published]
    labels = []
    for commune in communes:
        name = ARCHIPELAGOS.get(commune.name)
        if name:
            x, y = project(commune.lat, commune.lon)
            # Above the dot, ending at its right: both archipelagos lie at the east edge.
            labels.append(f'<text x="{x + 6}" y="{y - 10}" text-anchor="end">{name}</text>')
    height = project.height
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}"'
        f' width="{WIDTH}" height="{height}">'
        f'<g fill="none" stroke-linecap="round" stroke-width="{DOT}">'
        f'<path stroke="{EMPTY}" d="{_dots(grey)}"/>'
        f'<path stroke="{PUBLISHED}" d="{_dots(blue)}"/></g>'
        f'<g font-family="sans-serif" font-size="22" fill="#57606a">{"".join(labels)}</g>'
        "</svg>\n"
    )
    return svg, WIDTH, height
