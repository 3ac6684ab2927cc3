"""The published record of a collection point: only allow-listed columns, normalised."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import repeat
from typing import Any, NamedTuple


# A named tuple, not a dataclass: a national list is 30,000 points, and a tuple is made from its
# values in one C call (`points_from_columns`) where a frozen dataclass sets its 18 fields one
# `object.__setattr__` at a time; it is pickled and compared as its values, which is what the
# caches key it by.
class Point(NamedTuple):
    province_code: str
    province_slug: str
    code: str
    agent: str
    name: str
    address: str
    commune_code: str
    commune_name: str
    fixed_phone: str  # "0213 3876 543", or "" when none
    fixed_phone_e164: str
    mobile_phone: str
    mobile_phone_e164: str
    hours: str
    lat: float | None  # None until enrich puts the commune centroid in
    lon: float | None
    approximate: bool  # position is the commune centroid, not the point's own
    month: str  # the month the province's data comes from
    agent_type: str = ""  # set by enrich: "buu-dien", "viettel", "ubnd" or "khac"

    @property
    def key(self) -> tuple[str, str]:
        return (self.province_slug, self.code)

    def as_dict(self) -> dict:
        return self._asdict()

    def submission_cells(self, province_name: str) -> dict[str, str]:
        """The published columns as a province writes them, by contract key: what a clerk
        downloads, or gets back from `validate --fix`."""
        # A centroid put in by enrich is not the province's data: the cell stays empty as it was.
        lat, lon = ("", "") if self.approximate or self.lat is None else (repr(self.lat), repr(self.lon))
        return {
            "code": self.code,
            "agent": self.agent,
            "name": self.name,
            "address": self.address,
            "commune": self.commune_name,
            "province": province_name,
            "fixed_phone": self.fixed_phone,
            "mobile_phone": self.mobile_phone,
            "hours": self.hours,
            "lat": lat,
            "lon": lon,
        }


def points_from_columns(columns: Mapping[str, Iterable[Any]]) -> list[Point]:
    """`Point(**each)` of the fields given as columns (every field, in any order), by C loops:
    each row of values made a point by `tuple.__new__`, not by the named tuple's Python-level
    `__new__`."""
    assert columns.keys() == set(Point._fields), "every field of a point is given, and no other"
    return list(map(tuple.__new__, repeat(Point), zip(*map(columns.__getitem__, Point._fields), strict=True)))


def point_columns(points: Sequence[Point]) -> dict[str, Sequence[Any]]:
    """The points' fields as columns, by name: `points_from_columns` of them gives them back."""
    if not points:
        return {name: () for name in Point._fields}
    return dict(zip(Point._fields, zip(*points, strict=True), strict=True))
