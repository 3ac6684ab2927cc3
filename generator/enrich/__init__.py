"""Pipeline stage 4, enrich: what the published records gain beyond what provinces send —
a position for every point (the commune centroid when none was given, marked approximate) and
the kind of agent, for filtering."""

from __future__ import annotations

from dataclasses import fields, replace
from operator import attrgetter

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


# Every field but the last, `agent_type`, which enrich sets; a centroid replaces the three of
# the position.
_NAMES = [f.name for f in fields(Point)]
_GIVEN = attrgetter(*_NAMES[:-1])
_POSITION = _NAMES.index("lat")
assert _NAMES[-1] == "agent_type" and _NAMES[_POSITION : _POSITION + 3] == ["lat", "lon", "approximate"]


def enrich_point(point: Point, kinds: dict[str, str] | None = None) -> Point:
    """`kinds`: the kind of each agent already seen (a few distinct names across the country)."""
    kind = kinds.get(point.agent) if kinds is not None else None
    if kind is None:
        kind = agent_type(point.agent)
        if kinds is not None:
            kinds[point.agent] = kind
    # Made through __init__ from its values: `dataclasses.replace` was most of enrich's time.
    values = [*_GIVEN(point), kind]
    if point.lat is None:
        commune = admin_units().communes[point.commune_code]
        values[_POSITION : _POSITION + 3] = (commune.lat, commune.lon, True)
    return Point(*values)


def enrich(directory: Directory) -> Directory:
    kinds: dict[str, str] = {}
    provinces = tuple(
        replace(state, points=tuple(enrich_point(p, kinds) for p in state.points))
        for state in directory.provinces
    )
    return replace(directory, provinces=provinces)
