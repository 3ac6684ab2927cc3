"""Coordinates, when given: numbers, inside Vietnam, the right way round, near the commune.

A list gives coordinates on thousands of rows, nearly all fine: the columns are read together
(`read_pairs`), and each point is first compared with its commune by a bound that C loops over
the columns compute; only the points the bound does not clear are measured one by one."""

from __future__ import annotations

import operator
from collections.abc import Iterator, Sequence
from itertools import compress, repeat

from generator.columnar import interleaved
from generator.findings import Finding, yields
from generator.geo import (
    NO_COORDINATES,
    Reading,
    format_km,
    haversine_km,
    near_bound,
    plausible_radius_km,
    read_pairs,
)
from generator.units import Commune
from generator.validate.checks import Context, RowsRead, read_along
from generator.validate.columns import column_cells
from generator.validate.mapping import ROW_NUMBER, MappedTable, Row

_FLAGS = operator.itemgetter(2, 3, 4)  # Reading's bad_column, swapped, outside
_FLAG_EACH = tuple(map(operator.itemgetter, range(2, 5)))  # the same, one by one
_FINE = (None, False, False)
_LAT, _LON = operator.itemgetter(0), operator.itemgetter(1)  # Reading's lat, lon
_COMMUNE, _CODE = operator.attrgetter("commune"), operator.attrgetter("code")


@yields("coordinates-invalid", "coordinates-swapped", "coordinates-outside-vietnam")
def check_coordinates(table: MappedTable, context: Context) -> Iterator[Finding]:
    if "lat" not in table.headers and "lon" not in table.headers:
        return
    rows = table.rows
    lats: Sequence[str] = column_cells(table, "lat")
    lons: Sequence[str] = column_cells(table, "lon")
    either = list(map(bool, map(operator.add, lats, lons)))  # False on the rows without coordinates
    given = list(compress(rows, either))
    lats, lons = list(compress(lats, either)), list(compress(lons, either))
    readings = read_pairs(lats, lons)
    # Every row's reading, for building the points (a row without coordinates reads as none).
    every = interleaved(either, repeat(NO_COORDINATES), readings)
    context.read_rows("coordinates", rows, every)
    if not given:
        return
    # Nearly always every reading is fine: told a flag at a time, without a tuple of flags a row.
    all_fine = not any(any(map(flag, readings)) for flag in _FLAG_EACH)
    fine = [] if all_fine else list(map(operator.eq, map(_FLAGS, readings), repeat(_FINE)))
    found: dict[int, Finding] = {}  # by position in `given`, that is in the table's order
    for index in compress(range(len(given)), map(operator.not_, fine)):
        row, reading, lat_text, lon_text = given[index], readings[index], lats[index], lons[index]
        if reading.bad_column:
            key = reading.bad_column
            value = lat_text if key == "lat" else lon_text
            hint = " Cần ghi cả vĩ độ và kinh độ." if not value else ""
            found[index] = Finding(
                "coordinates-invalid", table.file, row.row, table.title(key), value, row.line, {"hint": hint}
            )
        else:
            code = "coordinates-swapped" if reading.swapped else "coordinates-outside-vietnam"
            both, params = f"{lat_text} ; {lon_text}", {"lat": lat_text, "lon": lon_text}
            found[index] = Finding(code, table.file, row.row, table.title("lat"), both, row.line, params)
    if context.province is not None:
        placed: Sequence[int] = range(len(given))
        fine_rows, fine_readings = given, readings
        if not (all_fine or all(fine)):
            placed = list(compress(placed, fine))
            fine_rows, fine_readings = list(compress(given, fine)), list(compress(readings, fine))
        # Where each row read lies in the table, for the places check's readings of the rows.
        where = list(compress(range(len(rows)), either))
        for index, commune in _beyond_bound(placed, fine_rows, fine_readings, context, (rows, where)):
            far = _far_from_commune(table, given[index], readings[index], commune)
            if far is not None:
                found[index] = far
    yield from (found[index] for index in sorted(found))


def _beyond_bound(
    placed: Sequence[int],
    rows: list[Row],
    readings: list[Reading],
    context: Context,
    table: tuple[tuple[Row, ...], list[int]],
) -> Iterator[tuple[int, Commune]]:
    """Of the points read fine (`rows`, `readings`, at positions `placed`), those that may lie
    too far from their commune, as (position, commune): those that the commune's `near_bound`
    does not clear. `table`: the table's rows, and where each row read lies among them."""
    if not placed:
        return iter(())
    assert context.province is not None
    places = context.readings.get("places")  # what the places check read of each row
    if isinstance(places, RowsRead) and places.rows is table[0]:  # taken by position
        resolutions = list(map(places.column.__getitem__, map(table[1].__getitem__, placed)))
    else:
        resolutions = read_along(places, rows, list(map(ROW_NUMBER, rows)))
    if not all(resolutions):  # rows the places check did not read (no commune column)
        resolve, code = context.units.resolve_place, context.province.code
        resolutions = [
            found or resolve(code, row.values) for found, row in zip(resolutions, rows, strict=True)
        ]
    communes = list(map(_COMMUNE, resolutions))
    if not all(communes):  # rows without a commune: nothing to compare with
        placed, readings = list(compress(placed, communes)), list(compress(readings, communes))
        communes = list(compress(communes, communes))
        if not placed:
            return iter(())
    codes = list(map(_CODE, communes))
    bounds = context.units.resolver.places(context.province.code).bounds  # with the place tables
    if not bounds.keys() >= set(codes):  # a commune outside the tables (none is expected)
        bounds = {**bounds, **{c.code: near_bound(c.lat, c.lon, c.area_km2) for c in communes}}
    lat_c, lon_c, cos_c, limit = zip(*map(bounds.__getitem__, codes), strict=True)
    sub, mul = operator.sub, operator.mul
    spread = map(
        operator.add,
        map(abs, map(sub, map(_LAT, readings), lat_c)),
        map(mul, map(abs, map(sub, map(_LON, readings), lon_c)), cos_c),
    )
    return compress(zip(placed, communes, strict=True), map(operator.gt, spread, limit))


@yields("coordinates-far-from-commune")
def _far_from_commune(table: MappedTable, row: Row, reading: Reading, commune: Commune) -> Finding | None:
    assert reading.lat is not None and reading.lon is not None  # a reading without a problem
    distance = haversine_km(reading.lat, reading.lon, commune.lat, commune.lon)
    if distance <= plausible_radius_km(commune.area_km2):
        return None
    return Finding(
        "coordinates-far-from-commune",
        table.file,
        row.row,
        table.title("lat"),
        f"{row.values.get('lat', '')} ; {row.values.get('lon', '')}",
        row.line,
        {"commune": commune.name, "distance": format_km(distance)},
    )
