"""One small check per family of rules. A check yields findings and never raises."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from generator.findings import Finding
from generator.units import AdminUnits, Province
from generator.validate.mapping import MappedTable


@dataclass(frozen=True)
class Context:
    province: Province | None  # None when the file's place did not say
    units: AdminUnits


Check = Callable[[MappedTable, Context], Iterator[Finding]]
