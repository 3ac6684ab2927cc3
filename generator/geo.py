"""Coordinates: reading what clerks type, Vietnam's extent, distances."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

# Mainland plus Hoàng Sa and Trường Sa (the special zones are communes too).
LAT_RANGE = (6.0, 23.5)
LON_RANGE = (102.0, 117.9)
_NUMBER = re.compile(r"^-?\d{1,3}([.,]\d+)?$")


@dataclass(frozen=True)
class Reading:
    lat: float | None = None
    lon: float | None = None
    bad_column: str | None = None  # "lat" or "lon": the cell that is not a number
    swapped: bool = False
    outside: bool = False

    @property
    def ok(self) -> bool:
        return self.lat is not None and not (self.bad_column or self.swapped or self.outside)


def parse_number(text: str) -> float | None:
    text = text.strip().replace(" ", "")
    if not _NUMBER.match(text):
        return None
    return float(text.replace(",", "."))  # decimal comma, as Vietnamese Excel writes it


def in_vietnam(lat: float, lon: float) -> bool:
    return LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]


@lru_cache(maxsize=1 << 16)  # the check, then the point's builder, read the same two cells
def read_coordinates(lat_text: str, lon_text: str) -> Reading:
    if not lat_text and not lon_text:
        return Reading()
    lat, lon = parse_number(lat_text), parse_number(lon_text)
    if lat is None:
        return Reading(bad_column="lat")
    if lon is None:
        return Reading(bad_column="lon")
    if in_vietnam(lat, lon):
        return Reading(lat, lon)
    if in_vietnam(lon, lat):
        return Reading(lat, lon, swapped=True)
    return Reading(lat, lon, outside=True)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def plausible_radius_km(area_km2: float) -> float:
    """How far from a commune's centroid a point inside it can reasonably be."""
    return max(10.0, 3 * math.sqrt(max(area_km2, 1.0) / math.pi))


def format_km(distance: float) -> str:
    return f"{distance:.1f}".replace(".", ",")
