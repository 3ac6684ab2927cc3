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
    places = context.reading("places")  # what the places check read of each row
    for row in table.rows:
        lat_text, lon_text = row.values.get("lat", ""), row.values.get("lon", "")
        if not lat_text and not lon_text:
            continue  # read_coordinates reads no coordinates there, and nothing is wrong
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
        if reading.swapped or reading.outside:
            code = "coordinates-swapped" if reading.swapped else "coordinates-outside-vietnam"
            both, params = f"{lat_text} ; {lon_text}", {"lat": lat_text, "lon": lon_text}
            yield Finding(code, table.file, row.row, table.title("lat"), both, row.line, params)
        elif context.province is not None:
            far = _far_from_commune(table, row, context, reading.lat, reading.lon, places.get(row.row))
            if far is not None:
                yield far


@yields("coordinates-far-from-commune")
def _far_from_commune(table, row, context, lat, lon, place=None) -> Finding | None:
    place = place or context.units.resolve_place(context.province.code, row.values)
    commune = place.commune
    if commune is None:
        return None
    distance = haversine_km(lat, lon, commune.lat, commune.lon)
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
