"""Rows of a file that passed validation → published Points (allow-listed columns only)."""

from __future__ import annotations

from typing import Any

from generator.geo import read_coordinates
from generator.model import Point
from generator.places.resolve import Resolution
from generator.units import AdminUnits, Province
from generator.validate.checks.phones import RowPhones, resolve_phones
from generator.validate.mapping import MappedTable
from generator.validate.memo import RowMemo


def build_points(
    table: MappedTable,
    province: Province,
    month: str,
    units: AdminUnits,
    memo: RowMemo | None = None,
    readings: dict[str, dict[int, Any]] | None = None,
) -> list[Point]:
    """`memo`: a row already published in an earlier month keeps its point, with this month.
    `readings`: the checks' readings of the rows (`Context.readings`), not read again."""
    known = (memo or RowMemo()).points_of(province.code, table)
    readings = readings or {}
    phones, places = readings.get("phones", {}), readings.get("places", {})
    if not known and not (memo and memo.keep):  # no point from before, none kept for later
        return [
            build_point(row.values, province, month, units, phones.get(row.row), places.get(row.row))
            for row in table.rows
        ]
    points = []
    for row in table.rows:
        key = row.cells or tuple(row.values.values())  # see Row.cells
        point = known.get(key)
        if point is None:
            number = row.row
            point = known[key] = build_point(
                row.values, province, month, units, phones.get(number), places.get(number)
            )
        elif point.month != month:
            point = known[key] = _in_month(point, month)
        points.append(point)
    return points


def _in_month(point: Point, month: str) -> Point:
    """`dataclasses.replace(point, month=month)` without its generic walk over the fields (a
    fifth of the CPU of validating a year of lists, where most rows come back every month): the
    point is copied field by field as it is, and only its month changes."""
    moved = object.__new__(Point)
    fields = moved.__dict__
    fields.update(point.__dict__)
    fields["month"] = month
    return moved


def build_point(
    values: dict[str, str],
    province: Province,
    month: str,
    units: AdminUnits,
    phones: RowPhones | None = None,
    place: Resolution | None = None,
) -> Point:
    """`phones`, `place`: what the checks read of the row, when they read it."""
    # The same resolvers as the checks: what is published is what the report said.
    commune = (place or units.resolve_place(province.code, values)).commune
    assert commune is not None, "a row whose commune did not resolve has an ERROR and is not built"
    phones = phones or resolve_phones(values, province, units)
    fixed, mobile = phones.fixed, phones.mobile
    lat = lon = None
    lat_text, lon_text = values.get("lat", ""), values.get("lon", "")
    if lat_text or lon_text:  # many rows give none
        reading = read_coordinates(lat_text, lon_text)
        if reading.ok:
            lat, lon = reading.lat, reading.lon
    return _point(
        {
            "province_code": province.code,
            "province_slug": province.slug,
            "code": values["code"],
            "agent": values["agent"],
            "name": values["name"],
            "address": values["address"],
            "commune_code": commune.code,
            "commune_name": commune.name,
            "fixed_phone": fixed.display if fixed else "",
            "fixed_phone_e164": fixed.e164 if fixed else "",
            "mobile_phone": mobile.display if mobile else "",
            "mobile_phone_e164": mobile.e164 if mobile else "",
            "hours": values.get("hours", ""),
            "lat": lat,
            "lon": lon,
            "approximate": lat is None,
            "month": month,
            "agent_type": "",
        }
    )


def _point(fields: dict) -> Point:
    """`Point(**fields)` without the frozen dataclass's __init__, which sets its 18 fields one
    `object.__setattr__` at a time (a tenth of the CPU of validating a national list): every
    field is given, in the class's order (`tests/test_validation_columns.py` holds it)."""
    point = object.__new__(Point)
    object.__setattr__(point, "__dict__", fields)
    return point
