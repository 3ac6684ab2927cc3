"""The published record of a collection point: only allow-listed columns, normalised."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from itertools import repeat
from operator import attrgetter
from typing import Any


@dataclass(frozen=True, slots=True)  # no __dict__ a point: 30,000 of them a national list
class Point:
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

    def __reduce__(self) -> tuple:
        # Pickled as its values and made again through __init__: the default (its __dict__
        # restored into a bare instance) is slower to pickle, and leaves an instance whose
        # attribute reads are slower for the rest of the build (see validate/cache.py).
        return (Point, POINT_VALUES(self))

    @property
    def key(self) -> tuple[str, str]:
        return (self.province_slug, self.code)

    def as_dict(self) -> dict:
        return asdict(self)

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


# A point's values in its fields' order, as one tuple: what it is pickled, cached and keyed by.
POINT_VALUES = attrgetter(*(f.name for f in fields(Point)))

# The slot of each field (a member descriptor: its __set__ fills it, frozen or not), in order.
POINT_SLOTS = {field.name: vars(Point)[field.name] for field in fields(Point)}
# Each field read: an attrgetter reads a column in half the time of its slot's __get__.
POINT_GETTERS = {name: attrgetter(name) for name in POINT_SLOTS}


def points_from_columns(count: int, columns: Mapping[str, Iterable[Any]]) -> list[Point]:
    """`Point(**each)` of the fields given as columns, without the frozen dataclass's __init__,
    which sets its 18 fields one `object.__setattr__` at a time (a tenth of the CPU of validating
    a national list): bare instances, then each field's slot filled over the column, by C loops.
    Every field must be given (`tests/test_validation_columns.py` holds it)."""
    assert columns.keys() == POINT_SLOTS.keys()
    points = list(map(object.__new__, repeat(Point, count)))
    for name, column in columns.items():
        deque(map(POINT_SLOTS[name].__set__, points, column), 0)
    return points
