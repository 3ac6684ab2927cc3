"""Pipeline stage 4, enrich: what the published records gain beyond what provinces send —
a position for every point (the commune centroid when none was given, marked approximate) and
the kind of agent, for filtering."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from operator import attrgetter
from typing import Any

from generator.merge import Directory
from generator.model import Point, point_columns, points_from_columns
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


_AGENT, _LAT = attrgetter("agent"), attrgetter("lat")


def enrich_points(points: Sequence[Point], kinds: dict[str, str] | None = None) -> list[Point]:
    """The points with their kind of agent, and a position where they had none. Made a field at a
    time over all of them (`point_columns`, `points_from_columns`): a point made again one by one
    was most of enrich's time. `kinds`: the kind of each agent already seen (a few
    distinct names across the country)."""
    kinds = {} if kinds is None else kinds
    agents = list(map(_AGENT, points))
    for agent in set(agents).difference(kinds):
        kinds[agent] = agent_type(agent)
    columns: dict[str, Iterable[Any]] = dict(point_columns(points))
    columns["agent_type"] = map(kinds.__getitem__, agents)
    lats = list(map(_LAT, points))
    if None in lats:  # the commune's centroid, where the province gave no position
        communes = admin_units().communes
        codes = map(attrgetter("commune_code"), points)
        placed = [communes[code] if lat is None else None for code, lat in zip(codes, lats, strict=True)]
        columns["lat"] = [lat if c is None else c.lat for c, lat in zip(placed, lats, strict=True)]
        columns["lon"] = [p.lon if c is None else c.lon for c, p in zip(placed, points, strict=True)]
        columns["approximate"] = [p.approximate or c is not None for c, p in zip(placed, points, strict=True)]
    return points_from_columns(columns)


def enrich(directory: Directory) -> Directory:
    kinds: dict[str, str] = {}
    provinces = tuple(
        replace(state, points=tuple(enrich_points(state.points, kinds))) for state in directory.provinces
    )
    return replace(directory, provinces=provinces)
