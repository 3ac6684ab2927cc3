"""One small check per family of rules. A check yields findings and never raises."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from generator.findings import Finding
from generator.units import AdminUnits, Province
from generator.validate.mapping import ROW_NUMBER, MappedTable, Row


class RowsRead(Mapping[int, Any]):
    """What a check read of each row of a table, as a list in the rows' order (made by C loops),
    read by row number as the dict it replaces: the checks after it and the point builder take
    the list itself (`along`), without a dict of every row made, filled and read back row by
    row (a national month: three such dicts of 30,000 rows)."""

    def __init__(self, rows: Sequence[Row], values: list[Any]) -> None:
        self.rows, self.column = rows, values
        self._at: dict[int, int] | None = None

    def along(self, rows: Sequence[Row], numbers: Sequence[int]) -> list[Any]:
        """`[self.get(number) for number in numbers]` of `rows` (whose numbers they are), by C
        loops: the list itself for the rows read."""
        if rows is self.rows:
            return list(self.column)
        positions: list[int | None] = list(map(self._index().get, numbers))
        if None in positions:  # a row not read: none, as a dict's `get` says
            return [None if at is None else self.column[at] for at in positions]
        return list(map(self.column.__getitem__, cast("list[int]", positions)))

    def _index(self) -> dict[int, int]:
        if self._at is None:
            self._at = dict(zip(map(ROW_NUMBER, self.rows), range(len(self.rows)), strict=True))
        return self._at

    def __getitem__(self, number: int) -> Any:
        return self.column[self._index()[number]]

    def __iter__(self) -> Iterator[int]:
        return iter(self._index())

    def __len__(self) -> int:
        return len(self._index())


def read_along(read: Mapping[int, Any] | None, rows: Sequence[Row], numbers: Sequence[int]) -> list[Any]:
    """What was read of each of `rows` (numbered `numbers`), None for a row not read."""
    if isinstance(read, RowsRead):
        return read.along(rows, numbers)
    return list(map((read or {}).get, numbers))


@dataclass(frozen=True)
class Context:
    province: Province | None  # None when the file's place did not say
    units: AdminUnits
    # What a check read of each row, by reading ("phones", "places") then row number, for the
    # checks after it and for building the points of the same table: each row is read once.
    readings: dict[str, Any] = field(default_factory=dict, compare=False)

    def reading(self, name: str) -> Any:
        return self.readings.setdefault(name, {})

    def read_rows(self, name: str, rows: Sequence[Row], values: list[Any]) -> RowsRead:
        """Keep what a check read of each of `rows`, in their order."""
        read = self.readings[name] = RowsRead(rows, values)
        return read


Check = Callable[[MappedTable, Context], Iterator[Finding]]
