"""Rows of a file that passed validation → published Points (allow-listed columns only)."""

from __future__ import annotations

from collections import deque
from dataclasses import replace
from itertools import repeat
from operator import attrgetter, is_
from typing import Any

from generator.geo import read_coordinates
from generator.model import Point
from generator.places.resolve import Resolution
from generator.units import AdminUnits, Province
from generator.validate.checks.phones import RowPhones, resolve_phones
from generator.validate.mapping import MappedTable, Row, column_cells
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
    if not known and not (memo and memo.keep):  # no point from before, none kept for later
        return _built(table, province, month, units, readings)
    keys = [row.cells or tuple(row.values.values()) for row in table.rows]  # see Row.cells
    fresh: dict[tuple[str, ...], Row] = {}
    for key, row in zip(keys, table.rows, strict=True):
        if key not in known:
            fresh.setdefault(key, row)
    if fresh:
        fresh_table = replace(table, rows=tuple(fresh.values()))
        known.update(zip(fresh, _built(fresh_table, province, month, units, readings), strict=True))
    points = list(map(known.__getitem__, keys))
    for index, point in enumerate(points):
        if point.month != month:
            points[index] = known[keys[index]] = _in_month(point, month)
    return points


def _built(
    table: MappedTable, province: Province, month: str, units: AdminUnits, readings: dict[str, dict[int, Any]]
) -> list[Point]:
    """The point of each row, column by column: the cells of a column taken together, each
    distinct pair of coordinates read once."""
    rows = table.rows
    numbers = list(map(_ROW, rows))
    places = list(map(readings.get("places", {}).get, numbers))
    if any(map(is_, places, repeat(None))):  # a row the checks did not read: read as they do
        resolve, pairs = units.resolve_place, zip(places, rows, strict=True)
        places = [place or resolve(province.code, row.values) for place, row in pairs]
    phones = list(map(readings.get("phones", {}).get, numbers))
    if any(map(is_, phones, repeat(None))):
        read = zip(phones, rows, strict=True)
        phones = [found or resolve_phones(row.values, province, units) for found, row in read]
    communes = list(map(_COMMUNE, places))
    assert not any(map(is_, communes, repeat(None))), "a row whose commune did not resolve is not built"
    spots = list(zip(column_cells(table, "lat"), column_cells(table, "lon"), strict=True))
    # `read_coordinates` reads no coordinates from two empty cells, as many rows give: not ok.
    positions = {
        spot: (reading.lat, reading.lon) if (reading := read_coordinates(*spot)).ok else _NOWHERE
        for spot in set(spots)
    }
    code, slug, cell = province.code, province.slug, column_cells
    # Every field, in the class's order (`_points`); the dict of each row made in the loop itself,
    # without a call a row.
    fields = [
        {
            "province_code": code,
            "province_slug": slug,
            "code": point_code,
            "agent": agent,
            "name": name,
            "address": address,
            "commune_code": commune.code,
            "commune_name": commune.name,
            "fixed_phone": fixed.display if fixed else "",
            "fixed_phone_e164": fixed.e164 if fixed else "",
            "mobile_phone": mobile.display if mobile else "",
            "mobile_phone_e164": mobile.e164 if mobile else "",
            "hours": hours,
            "lat": lat,
            "lon": lon,
            "approximate": lat is None,
            "month": month,
            "agent_type": "",
        }
        for point_code, agent, name, address, commune, fixed, mobile, hours, (lat, lon) in zip(
            cell(table, "code"),
            cell(table, "agent"),
            cell(table, "name"),
            cell(table, "address"),
            communes,
            map(_FIXED, phones),
            map(_MOBILE, phones),
            cell(table, "hours"),
            map(positions.__getitem__, spots),
            strict=True,
        )
    ]
    return _points(fields)


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
    """One row's point, as `build_points` builds it. `phones`, `place`: what the checks read of
    the row, when they read it."""
    table = MappedTable("", dict.fromkeys(values, ""), (Row(0, 0, values),))
    readings: dict[str, dict[int, Any]] = {"phones": {0: phones} if phones else {}}
    readings["places"] = {0: place} if place else {}
    return _built(table, province, month, units, readings)[0]


def _points(fields: list[dict[str, Any]]) -> list[Point]:
    """`Point(**each)` without the frozen dataclass's __init__, which sets its 18 fields one
    `object.__setattr__` at a time (a tenth of the CPU of validating a national list): a bare
    instance, then its fields as its __dict__, by C loops. Every field is given, in the class's
    order (`tests/test_validation_columns.py` holds it)."""
    points = list(map(object.__new__, repeat(Point, len(fields))))
    deque(map(object.__setattr__, points, repeat("__dict__"), fields), 0)
    return points


def _point(fields: dict[str, Any]) -> Point:
    return _points([fields])[0]


_ROW, _COMMUNE = attrgetter("row"), attrgetter("commune")
_FIXED, _MOBILE = attrgetter("fixed"), attrgetter("mobile")
_NOWHERE = (None, None)
