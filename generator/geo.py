"""Coordinates: reading what clerks type, Vietnam's extent, distances."""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Iterator, Sequence
from itertools import compress, repeat
from typing import NamedTuple

from generator.columnar import joined_lines

# Mainland plus Hoàng Sa and Trường Sa (the special zones are communes too).
LAT_RANGE = (6.0, 23.5)
LON_RANGE = (102.0, 117.9)
EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)
_NUMBER = re.compile(r"^-?\d{1,3}([.,]\d+)?$")
# What nearly every cell is: a number `parse_number` reads exactly as `float` does.
_PLAIN = re.compile(r"-?[0-9]{1,3}(?:\.[0-9]+)?")


class Reading(NamedTuple):  # a tuple: a column's readings are made by C loops (`read_pairs`)
    lat: float | None = None
    lon: float | None = None
    bad_column: str | None = None  # "lat" or "lon": the cell that is not a number
    swapped: bool = False
    outside: bool = False

    @property
    def ok(self) -> bool:
        return self.lat is not None and not (self.bad_column or self.swapped or self.outside)


NO_COORDINATES = Reading()  # what a row without coordinates reads as


def parse_number(text: str) -> float | None:
    text = text.strip().replace(" ", "")
    if not _NUMBER.match(text):
        return None
    return float(text.replace(",", "."))  # decimal comma, as Vietnamese Excel writes it


def in_vietnam(lat: float, lon: float) -> bool:
    return LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]


def read_coordinates(lat_text: str, lon_text: str) -> Reading:
    return _read(lat_text, lon_text)


def read_pairs(lat_texts: Sequence[str], lon_texts: Sequence[str]) -> list[Reading]:
    """`read_coordinates` of each pair of cells, by C loops over the columns for the plain
    numbers inside Vietnam that nearly every cell is; each other pair read once."""
    if not lat_texts:
        return []
    readings = _read_plain(lat_texts, lon_texts)
    if readings is not None:
        return readings
    pairs = list(zip(lat_texts, lon_texts, strict=True))
    return list(map(_read_all(set(pairs)).__getitem__, pairs))


def _read_all(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], Reading]:
    found: dict[tuple[str, str], Reading] = {}
    ordered = tuple(pairs)
    lat_texts, lon_texts = zip(*ordered, strict=True)
    if not (_all_plain(lat_texts) and _all_plain(lon_texts)):
        # The few pairs with another cell are read one by one.
        plain = list(map(_both, map(_PLAIN.fullmatch, lat_texts), map(_PLAIN.fullmatch, lon_texts)))
        found.update((pair, _read(*pair)) for pair in compress(ordered, map(operator.not_, plain)))
        ordered = tuple(compress(ordered, plain))
        if not ordered:
            return found
        lat_texts, lon_texts = zip(*ordered, strict=True)
    lats, lons = list(map(float, lat_texts)), list(map(float, lon_texts))
    if not _all_inside(lats, lons):  # some swapped or outside Vietnam: those read one by one
        inside = list(map(in_vietnam, lats, lons))
        found.update((pair, _read(*pair)) for pair in compress(ordered, map(operator.not_, inside)))
        ordered = tuple(compress(ordered, inside))
        lats, lons = list(compress(lats, inside)), list(compress(lons, inside))
    found.update(zip(ordered, map(tuple.__new__, repeat(Reading), _inside(lats, lons)), strict=True))
    return found


def _read_plain(lat_texts: Sequence[str], lon_texts: Sequence[str]) -> list[Reading] | None:
    """The readings of the pairs, by C loops, when every cell is a plain number (`_PLAIN`) and
    every point inside Vietnam; None when not."""
    if not (_all_plain(lat_texts) and _all_plain(lon_texts)):
        return None
    lats, lons = list(map(float, lat_texts)), list(map(float, lon_texts))
    if not _all_inside(lats, lons):
        return None
    return list(map(tuple.__new__, repeat(Reading), _inside(lats, lons)))


def _all_inside(lats: list[float], lons: list[float]) -> bool:
    return (LAT_RANGE[0] <= min(lats) and max(lats) <= LAT_RANGE[1]) and (
        LON_RANGE[0] <= min(lons) and max(lons) <= LON_RANGE[1]
    )


def _inside(lats: list[float], lons: list[float]) -> Iterator[tuple[float, float, None, bool, bool]]:
    """The fields of `Reading(lat, lon)` of points inside Vietnam: made by tuple.__new__, without
    Reading's Python-level __new__."""
    return zip(lats, lons, repeat(None), repeat(False), repeat(False))


# `_PLAIN` for every line of a text, one regex scan of a column's cells joined by line breaks
# instead of one match a cell.
# Possessive: what follows each part cannot be what it repeats, so no other reading exists, and the
# engine keeps no way back through the column (half the time).
_PLAIN_LINES = re.compile(r"-?[0-9]{1,3}+(?:\.[0-9]++)?+(?:\n-?[0-9]{1,3}+(?:\.[0-9]++)?+)*+")


def _all_plain(texts: Sequence[str]) -> bool:
    """Whether every text matches `_PLAIN` (none holds a line break of its own)."""
    joined = joined_lines(texts)
    return joined is not None and _PLAIN_LINES.fullmatch(joined) is not None


def _both(first: object, second: object) -> bool:
    return bool(first and second)


def _read(lat_text: str, lon_text: str) -> Reading:
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
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def plausible_radius_km(area_km2: float) -> float:
    """How far from a commune's centroid a point inside it can reasonably be."""
    return max(10.0, 3 * math.sqrt(max(area_km2, 1.0) / math.pi))


def near_bound(lat: float, lon: float, area_km2: float) -> tuple[float, float, float, float]:
    """A commune's centre, the cosine of its latitude, and a spread in degrees: a point whose
    `|Δlat| + |Δlon|·cos(lat)` from the centre is within it lies within `plausible_radius_km`.
    That sum is the length of a path from the point to the centre (along the meridian, then the
    parallel), never shorter than the great circle `haversine_km` measures; a millionth of
    margin covers the rounding of either."""
    spread = math.degrees(plausible_radius_km(area_km2) / EARTH_RADIUS_KM) * (1 - 1e-6)
    return lat, lon, math.cos(math.radians(lat)), spread


def format_km(distance: float) -> str:
    return f"{distance:.1f}".replace(".", ",")
