"""The validation's fast paths give what the plain ones give: a point built without the
dataclass's __init__ is the same Point, field for field, in the class's order."""

from __future__ import annotations

import dataclasses
import pickle

from generator.model import Point
from generator.validate.records import _point


def test_a_point_built_from_its_fields_is_the_dataclasss_own():
    names = [field.name for field in dataclasses.fields(Point)]
    values = {name: f"v{index}" for index, name in enumerate(names)} | {"lat": 1.5, "lon": None}
    fast, plain = _point(dict(values)), Point(**values)
    assert fast == plain and hash(fast) == hash(plain)
    assert dataclasses.asdict(fast) == dataclasses.asdict(plain)
    assert list(vars(fast)) == names  # every field, in order: what asdict and pickling walk
    assert pickle.loads(pickle.dumps(fast)) == plain
    assert repr(fast) == repr(plain)
