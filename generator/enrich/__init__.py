"""Pipeline stage 4, enrich: what the published records gain beyond what provinces send —
a position for every point (the commune centroid when none was given, marked approximate) and
the kind of agent, for filtering."""

from __future__ import annotations

from dataclasses import replace

from generator.merge import Directory
from generator.model import Point
from generator.text import fold
from generator.units import admin_units

AGENT_TYPES = {
    "buu-dien": "Bưu điện",
    "viettel": "Viettel",
    "ubnd": "UBND xã, phường",
    "khac": "Đại lý khác",
}


def agent_type(agent: str) -> str:
    folded = fold(agent)
    if "buu dien" in folded or "vnpost" in folded.replace(" ", ""):
        return "buu-dien"
    if "viettel" in folded:
        return "viettel"
    if folded.startswith(("ubnd", "uy ban nhan dan")):
        return "ubnd"
    return "khac"


def enrich_point(point: Point) -> Point:
    changes: dict = {"agent_type": agent_type(point.agent)}
    if point.lat is None:
        commune = admin_units().communes[point.commune_code]
        changes.update(lat=commune.lat, lon=commune.lon, approximate=True)
    return replace(point, **changes)


def enrich(directory: Directory) -> Directory:
    provinces = tuple(
        replace(state, points=tuple(enrich_point(p) for p in state.points)) for state in directory.provinces
    )
    return replace(directory, provinces=provinces)
