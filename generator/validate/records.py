"""Rows of a file that passed validation → published Points (allow-listed columns only)."""

from __future__ import annotations

from dataclasses import replace

from generator.geo import read_coordinates
from generator.model import Point
from generator.phones import parse_phone
from generator.units import AdminUnits, Province
from generator.validate.mapping import MappedTable
from generator.validate.memo import RowMemo


def build_points(
    table: MappedTable, province: Province, month: str, units: AdminUnits, memo: RowMemo | None = None
) -> list[Point]:
    """`memo`: a row already published in an earlier month keeps its point, with this month."""
    known = (memo or RowMemo()).points_of(province.code, table)
    points = []
    for row in table.rows:
        key = tuple(row.values.values())
        point = known.get(key)
        if point is None:
            point = known[key] = build_point(row.values, province, month, units)
        elif point.month != month:
            point = known[key] = replace(point, month=month)
        points.append(point)
    return points


def build_point(values: dict[str, str], province: Province, month: str, units: AdminUnits) -> Point:
    commune = units.match_commune(province.code, values["commune"]).commune
    assert commune is not None  # a row whose commune is not found has an ERROR and is not built
    fixed = parse_phone(values["fixed_phone"]) if values.get("fixed_phone") else None
    mobile = parse_phone(values["mobile_phone"]) if values.get("mobile_phone") else None
    reading = read_coordinates(values.get("lat", ""), values.get("lon", ""))
    lat, lon = (reading.lat, reading.lon) if reading.ok else (None, None)
    return Point(
        province_code=province.code,
        province_slug=province.slug,
        code=values["code"],
        agent=values["agent"],
        name=values["name"],
        address=values["address"],
        commune_code=commune.code,
        commune_name=commune.name,
        fixed_phone=fixed.display if fixed else "",
        fixed_phone_e164=fixed.e164 if fixed else "",
        mobile_phone=mobile.display if mobile else "",
        mobile_phone_e164=mobile.e164 if mobile else "",
        hours=values.get("hours", ""),
        lat=lat,
        lon=lon,
        approximate=lat is None,
        month=month,
    )
