"""Coordinates, when given: numbers, inside Vietnam, the right way round, near the commune."""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Finding, yields
from generator.geo import format_km, haversine_km, plausible_radius_km, read_coordinates
from generator.validate.checks import Context
from generator.validate.mapping import MappedTable


@yields("coordinates-invalid", "coordinates-swapped", "coordinates-outside-vietnam")
def check_coordinates(table: MappedTable, context: Context) -> Iterator[Finding]:
    if "lat" not in table.headers and "lon" not in table.headers:
        return
    for row in table.rows:
        lat_text, lon_text = row.values.get("lat", ""), row.values.get("lon", "")
        reading = read_coordinates(lat_text, lon_text)
        if reading.bad_column:
            key = reading.bad_column
            value = lat_text if key == "lat" else lon_text
            hint = " Cần ghi cả vĩ độ và kinh độ." if not value else ""
            yield Finding(
                "coordinates-invalid", table.file, row.row, table.title(key), value, row.line, {"hint": hint}
            )
            continue
        if reading.lat is None:
            continue
        both = f"{lat_text} ; {lon_text}"
        params = {"lat": lat_text, "lon": lon_text}
        if reading.swapped:
            yield Finding(
                "coordinates-swapped", table.file, row.row, table.title("lat"), both, row.line, params
            )
        elif reading.outside:
            yield Finding(
                "coordinates-outside-vietnam", table.file, row.row, table.title("lat"), both, row.line, params
            )
        elif context.province is not None:
            yield from _far_from_commune(table, row, context, reading.lat, reading.lon, both)


@yields("coordinates-far-from-commune")
def _far_from_commune(table, row, context, lat, lon, both) -> Iterator[Finding]:
    place = context.reading("places").get(row.row) or context.units.resolve_place(
        context.province.code, row.values
    )
    commune = place.commune
    if commune is None:
        return
    distance = haversine_km(lat, lon, commune.lat, commune.lon)
    if distance > plausible_radius_km(commune.area_km2):
        yield Finding(
            "coordinates-far-from-commune",
            table.file,
            row.row,
            table.title("lat"),
            both,
            row.line,
            {"commune": commune.name, "distance": format_km(distance)},
        )
