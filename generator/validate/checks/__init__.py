"""One small check per family of rules. A check yields findings and never raises."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.findings import Finding
from generator.units import AdminUnits, Province
from generator.validate.mapping import MappedTable


@dataclass(frozen=True)
class Context:
    province: Province | None  # None when the file's place did not say
    units: AdminUnits
    # What a check read of each row, by reading ("phones", "places") then row number, for the
    # checks after it and for building the points of the same table: each row is read once.
    readings: dict[str, dict[int, Any]] = field(default_factory=dict, compare=False)

    def reading(self, name: str) -> dict[int, Any]:
        return self.readings.setdefault(name, {})


Check = Callable[[MappedTable, Context], Iterator[Finding]]
