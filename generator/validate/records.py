"""Rows of a file that passed validation → published Points (allow-listed columns only)."""

from __future__ import annotations

from dataclasses import replace
from itertools import compress, repeat
from operator import attrgetter, is_, itemgetter, ne, or_
from typing import Any, cast

from generator.columnar import interleaved
from generator.geo import NO_COORDINATES, Reading, read_pairs
from generator.model import Point, point_columns, points_from_columns
from generator.places.resolve import Resolution
from generator.units import AdminUnits, Province
from generator.validate.checks import read_along
from generator.validate.checks.phones import RowPhones, resolve_phones
from generator.validate.columns import column_cells
from generator.validate.mapping import ROW_CELLS, ROW_NUMBER, MappedTable, Row
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
    rows = table.rows
    keys = list(map(ROW_CELLS, rows))
    if not all(keys):  # a row made without its cells (see Row.cells)
        keys = [row.cells or tuple(row.values.values()) for row in rows]
    # By C loops over the rows, a look-up each; Python steps only for the rows not seen before.
    found = list(map(known.get, keys))
    missing = list(map(is_, found, repeat(None)))
    fresh: dict[tuple[str, ...], Row] = {}
    for key, row in zip(compress(keys, missing), compress(rows, missing), strict=True):
        fresh.setdefault(key, row)
    if fresh:
        fresh_table = replace(table, rows=tuple(fresh.values()))
        known.update(zip(fresh, _built(fresh_table, province, month, units, readings), strict=True))
    points = list(map(known.__getitem__, keys)) if fresh else cast("list[Point]", found)  # none missing
    earlier = list(map(ne, map(_MONTH, points), repeat(month)))
    if not any(earlier):
        return points
    # A point made again once however many rows share its cells.
    stale = dict(zip(compress(keys, earlier), compress(points, earlier), strict=True))
    known.update(zip(stale, _in_months(list(stale.values()), month), strict=True))
    return list(map(known.__getitem__, keys))


def _built(
    table: MappedTable, province: Province, month: str, units: AdminUnits, readings: dict[str, dict[int, Any]]
) -> list[Point]:
    """The point of each row, column by column: the cells of a column taken together, each
    distinct pair of coordinates read once."""
    rows = table.rows
    numbers = list(map(ROW_NUMBER, rows))
    places = read_along(readings.get("places"), rows, numbers)
    if any(map(is_, places, repeat(None))):  # a row the checks did not read: read as they do
        resolve, pairs = units.resolve_place, zip(places, rows, strict=True)
        places = [place or resolve(province.code, row.values) for place, row in pairs]
    phones = read_along(readings.get("phones"), rows, numbers)
    if any(map(is_, phones, repeat(None))):
        read = zip(phones, rows, strict=True)
        phones = [found or resolve_phones(row.values, province, units) for found, row in read]
    communes = list(map(_COMMUNE, places))
    assert not any(map(is_, communes, repeat(None))), "a row whose commune did not resolve is not built"
    # Each row's coordinates, or none where they are not ok (`Reading.ok`); a pair not ok is
    # most often empty.
    coordinates = _coordinates(table, read_along(readings.get("coordinates"), rows, numbers))
    lats, lons = list(map(_LAT, coordinates)), list(map(_LON, coordinates))
    # A reading without a flag has both numbers or neither (`geo.Reading`): only a list with a
    # flagged reading (nearly none) has numbers to drop, told a flag at a time.
    if any(any(map(flag, coordinates)) for flag in _FLAG_EACH):
        not_ok = map(or_, map(any, map(_FLAGS, coordinates)), map(is_, lats, repeat(None)))
        for index in compress(range(len(coordinates)), not_ok):
            lats[index] = lons[index] = None
    code, slug, cell, count = province.code, province.slug, column_cells, len(rows)
    fixed, mobile = list(map(_FIXED, phones)), list(map(_MOBILE, phones))
    # Every field, in the class's order (`_points`), a column each.
    fields = {
        "province_code": repeat(code, count),
        "province_slug": repeat(slug, count),
        "code": cell(table, "code"),
        "agent": _shared(cell(table, "agent")),
        "name": cell(table, "name"),
        "address": cell(table, "address"),
        "commune_code": map(_CODE, communes),
        "commune_name": map(_NAME, communes),
        "fixed_phone": map(getattr, fixed, repeat("display"), repeat("")),
        "fixed_phone_e164": map(getattr, fixed, repeat("e164"), repeat("")),
        "mobile_phone": map(getattr, mobile, repeat("display"), repeat("")),
        "mobile_phone_e164": map(getattr, mobile, repeat("e164"), repeat("")),
        "hours": _shared(cell(table, "hours")),
        "lat": lats,
        "lon": lons,
        "approximate": map(is_, lats, repeat(None)),
        "month": repeat(month, count),
        "agent_type": repeat("", count),
    }
    return points_from_columns(fields)


def _coordinates(table: MappedTable, found: list[Reading | None]) -> list[Reading]:
    """Each row's reading of its coordinates: the check's (`found`), read again only for the rows
    it did not read."""
    unread = list(map(is_, found, repeat(None)))
    if not any(unread):
        return cast("list[Reading]", found)
    if "lat" not in table.headers and "lon" not in table.headers:
        return [NO_COORDINATES] * len(found)
    lats = compress(column_cells(table, "lat"), unread)
    lons = compress(column_cells(table, "lon"), unread)
    read = read_pairs(list(lats), list(lons))
    return interleaved(unread, filter(None, found), read)


def _shared(cells: tuple[str, ...]) -> list[str]:
    """The cells, each value one string for all the rows that write it: a column that repeats
    down a list (an agent, opening hours) is one string per row as read, and the points outlive
    the table. Fewer strings kept is less memory a series of lists holds (and pages the process
    takes: the copies freed are reused by the next list)."""
    found: dict[str, str] = {}
    return list(map(found.setdefault, cells, cells))


def _in_months(points: list[Point], month: str) -> list[Point]:
    """`point._replace(month=month)` of each, by C loops over the fields (a fifth of the CPU of
    validating a year of lists, where most rows come back every month, when made one by one)."""
    return points_from_columns({**point_columns(points), "month": repeat(month, len(points))})


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


_COMMUNE = attrgetter("commune")
_CODE, _NAME = attrgetter("code"), attrgetter("name")
_FIXED, _MOBILE = itemgetter(0), itemgetter(1)  # RowPhones' fixed, mobile (the check's are plain tuples)
_LAT, _LON = itemgetter(0), itemgetter(1)  # Reading's lat, lon
_MONTH = attrgetter("month")
_FLAGS = itemgetter(2, 3, 4)  # Reading's bad_column, swapped, outside
_FLAG_EACH = tuple(map(itemgetter, range(2, 5)))  # the same, one by one
