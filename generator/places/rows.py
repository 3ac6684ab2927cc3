"""A list's rows resolved together (`PlaceResolver.resolve_rows`): each distinct cells once, and
the rows they decide given theirs by C loops over the list's columns; the rest go to the
one-row resolution of `resolve.py`, so the two give the same (tests/test_place_shortcuts.py)."""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from itertools import compress, repeat

from generator.places.match import Resolution, may_name

_CELLS = ("commune", "district", "province")  # the cells `resolve` first looks a row up by
Cells = tuple[str, str, str, str]  # province code, commune, district and province cells


def _one_value(cells: Sequence[str]) -> bool:
    """Whether every cell of a column is the same (or there is none)."""
    return not cells or cells.count(cells[0]) == len(cells)


class RowsResolving:
    """The column-wise front of `PlaceResolver`, which holds these tables and methods."""

    _by_cells: dict[Cells, Resolution]
    _unless_named: dict[Cells, tuple[Resolution, frozenset[str]]]

    def _read_settled(self, code: str, cells: list[Cells]) -> None:
        raise NotImplementedError

    def _resolved(self, cells: Cells, values: dict[str, str]) -> Resolution:
        raise NotImplementedError

    def resolve_rows(
        self, province_code: str, rows: Sequence[dict[str, str]], column: Callable[[str], Sequence[str]]
    ) -> list[Resolution]:
        """`resolve` of each row (`column(key)`: that cell of every row, in row order, "" when the
        list has no such column; a list's checks share its columns): each distinct (commune,
        district, province) cells resolved once, the rows they decide alone given theirs by C
        loops, and only the others (whose address or coordinates count) resolved one by one."""
        communes, districts, provinces = map(column, _CELLS)
        # Nearly every list writes one district cell (mostly none) and one province cell down its
        # rows, which then differ by their commune cell alone: looked up by it, without a tuple
        # of cells a row, nor its hash.
        alike = _one_value(districts) and _one_value(provinces)
        keyed: Sequence = communes
        if not alike:
            keyed = list(zip(repeat(province_code), communes, districts, provinces, strict=False))
        first = dict(zip(reversed(keyed), range(len(keyed) - 1, -1, -1), strict=True))  # → first row
        if alike:  # the first row's district and province cells are every row's
            cells_of = {text: (province_code, text, districts[0], provinces[0]) for text in first}
        else:
            cells_of = {cells: cells for cells in first}
        by_cells = self._by_cells
        self._read_settled(province_code, [cells_of[key] for key in first if cells_of[key] not in by_cells])
        resolved = self._resolved
        for index in sorted([index for key, index in first.items() if cells_of[key] not in by_cells]):
            resolved(cells_of[keyed[index]], rows[index])
        by_key = {key: by_cells.get(cells) for key, cells in cells_of.items()}
        found: list[Resolution | None] = list(map(by_key.__getitem__, keyed))
        if not all(found):  # a Resolution is never false
            # Mostly cells decided unless the address names an old district (`_resolved`'s
            # first test): tested on the address column, without the row's values, and first
            # for all the rows of the same cells at once.
            unless, addresses = self._unless_named, column("address")
            left = list(compress(range(len(found)), map(operator.not_, found)))
            quiet = self._named_by_none(left, [cells_of[keyed[index]] for index in left], addresses)
            for index in left:
                cells = cells_of[keyed[index]]
                decided = unless.get(cells)
                if (
                    decided is None
                    or cells in by_cells
                    or (decided is not quiet.get(cells) and may_name(addresses[index], decided[1]))
                ):
                    found[index] = resolved(cells, rows[index])
                else:
                    found[index] = decided[0]
        return found  # type: ignore[return-value]  # every None replaced

    def _named_by_none(
        self, indexes: list[int], cells: list[tuple[str, str, str, str]], addresses: Sequence[str]
    ) -> dict[tuple[str, str, str, str], tuple[Resolution, frozenset[str]]]:
        """The cells decided unless the address names an old district (`_unless_named`) whose
        rows (at `indexes`) name none, with what `_unless_named` holds for them: their addresses
        tested together, one `may_name` of their text joined by line breaks (folded, that is their
        folded texts end to end, tests/test_place_shortcuts.py; a district found across two rows
        only sends them to be tested one by one)."""
        rows: dict[tuple[str, str, str, str], list[str]] = {}
        for key, index in zip(cells, indexes, strict=True):
            rows.setdefault(key, []).append(addresses[index])
        quiet = {}
        for key, written in rows.items():
            decided = self._unless_named.get(key)
            if decided is not None and len(written) > 1 and not may_name("\n".join(written), decided[1]):
                quiet[key] = decided
        return quiet
