"""How values read on the page, the Vietnamese way."""

from __future__ import annotations

from urllib.parse import quote

from generator.text import slugify


def month_label(month: str | None) -> str:
    if not month:
        return "chưa có dữ liệu"
    year, number = month.split("-")
    return f"tháng {int(number)}/{year}"


def number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def point_anchor(code: str) -> str:
    return "diem-" + slugify(code)


def commune_anchor(commune_code: str) -> str:
    return f"xa-{commune_code}"


def directions_links(lat: float, lon: float) -> dict[str, str]:
    where = quote(f"{lat:.6f},{lon:.6f}")
    return {
        "Google Maps": f"https://www.google.com/maps/dir/?api=1&destination={where}",
        "OpenStreetMap": f"https://www.openstreetmap.org/directions?to={where}",
    }
