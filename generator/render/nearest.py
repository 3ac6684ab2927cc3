"""The "Tìm điểm thu gần tôi" page and the compact files its script searches in the browser.

Files under gan-toi/ (beside the page gan-toi/index.html, so the script fetches them relatively):
- diem.bin: every published point's position as little-endian int32 pairs (lat, lon) scaled by
  10^6 and delta-encoded in the canonical order (neighbours in a province are close, so the
  deltas are small and compress well); the script builds its grid from it at load time;
- diem.json: the provinces, the scale, the chunk size;
- chi-tiet/<n>.json: what a result shows (name, address, phones, card anchor) for points
  n×CHUNK … (n+1)×CHUNK−1, so the five results cost one or two small fetches;
- xa.json: the commune chooser, 2025 communes with their centroid and pre-2025 names pointing
  at the 2025 commune they became.
The province maps embed the same detail rows (`detail_row`).
"""

from __future__ import annotations

import json
import struct
from collections.abc import Iterable

from generator.merge import Directory
from generator.model import Point
from generator.render.format import point_anchor
from generator.render.templating import render
from generator.units import Province, admin_units

SCALE = 1_000_000  # 0.1 m: the browser ranks exactly as the Python haversine does
CHUNK = 256
DATA_DIR = "gan-toi"


def ordered_points(directory: Directory) -> list[Point]:
    """The canonical order every file shares: province code, then point code. Position i in
    diem.bin is row i % CHUNK of chi-tiet/(i // CHUNK).json."""
    return sorted(
        (p for p in directory.points if p.lat is not None and p.lon is not None),
        key=lambda p: (p.province_code, p.code),
    )


def province_list() -> list[Province]:
    return list(admin_units().provinces.values())


def detail_row(point: Point, province_index: int) -> list:
    """What a popup or a result shows; the card link is ../tinh/<slug>/#<anchor>."""
    return [
        province_index,
        point_anchor(point.code),
        point.name,
        point.agent,
        point.address,
        point.commune_name,
        point.fixed_phone,
        point.fixed_phone_e164,
        point.mobile_phone,
        point.mobile_phone_e164,
        point.hours,
        1 if point.approximate else 0,
    ]


def compact_json(value: object) -> str:
    """UTF-8 JSON without spaces, safe inside an HTML <script> as well as in a file."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def scaled(value: float) -> int:
    return round(value * SCALE)


def coordinates_bytes(points: Iterable[Point]) -> bytes:
    values: list[int] = []
    last_lat = last_lon = 0
    for p in points:
        lat, lon = scaled(p.lat), scaled(p.lon)
        values += (lat - last_lat, lon - last_lon)
        last_lat, last_lon = lat, lon
    return struct.pack(f"<{len(values)}i", *values)


def commune_chooser(provinces: list[Province]) -> dict:
    """2025 communes and the pre-2025 names that became them. An old commune split between
    several 2025 communes points at the one the official mapping names as its default."""
    units = admin_units()
    province_index = {p.code: i for i, p in enumerate(provinces)}
    communes, commune_index = [], {}
    for province in provinces:
        for commune in units.communes_of(province.code):
            commune_index[commune.code] = len(communes)
            communes.append(
                [commune.name, province_index[province.code], round(commune.lat, 6), round(commune.lon, 6)]
            )
    old_provinces: list[str] = []
    old_province_index: dict[str, int] = {}
    legacy = []
    for province in provinces:
        for old in units.legacy_communes_of(province.code):
            target = units.communes[old.new_codes[0]]
            if old.name == target.name and old.old_province == province.name:
                continue  # same name, same province: the 2025 entry already finds it
            if old.old_province not in old_province_index:
                old_province_index[old.old_province] = len(old_provinces)
                old_provinces.append(old.old_province)
            legacy.append(
                [old.name, old.district, old_province_index[old.old_province], commune_index[target.code]]
            )
    legacy.sort(key=lambda row: (row[3], row[0], row[1]))
    return {
        "provinces": [[p.slug, p.name] for p in provinces],
        "oldProvinces": old_provinces,
        "communes": communes,
        "legacy": legacy,
    }


def render_nearest_pages(directory: Directory) -> dict[str, str | bytes]:
    provinces = province_list()
    index_of = {p.code: i for i, p in enumerate(provinces)}
    points = ordered_points(directory)
    files: dict[str, str | bytes] = {
        f"{DATA_DIR}/diem.bin": coordinates_bytes(points),
        f"{DATA_DIR}/diem.json": compact_json(
            {
                "count": len(points),
                "scale": SCALE,
                "chunk": CHUNK,
                "month": directory.month,
                "provinces": [[p.slug, p.name] for p in provinces],
            }
        ),
        f"{DATA_DIR}/xa.json": compact_json(commune_chooser(provinces)),
    }
    for start in range(0, len(points), CHUNK):
        rows = [detail_row(p, index_of[p.province_code]) for p in points[start : start + CHUNK]]
        files[f"{DATA_DIR}/chi-tiet/{start // CHUNK}.json"] = compact_json(rows)
    files["gan-toi.md"] = render(
        "nearest.md.j2",
        provinces=provinces,
        total=len(points),
        approximate=sum(p.approximate for p in points),
        month=directory.month,
    )
    return files
