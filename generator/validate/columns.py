"""A list's columns, for the checks that read cells column by column rather than row by row:
each column's cells in row order, made once per list and shared by every check
(`column_cells`), and its distinct values, shared with the lists of the same folder checked
before it (`distinct_cells`)."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from itertools import compress
from typing import Any, TypeVar

from generator.validate.mapping import ROW_CELLS, MappedTable, Row

T = TypeVar("T")
_VALUES = operator.attrgetter("values")


def distinct_cells(
    table: MappedTable,
    keys: Iterable[str],
    inspect: Callable[[str, str], T | None],
    screen: Callable[[str, set[str], str], bool] | None = None,
) -> Iterator[tuple[Row, str, str, T]]:
    """The cells of `keys` in which `inspect` finds something, for checks whose result depends on
    the cell alone: `inspect(key, value)` runs once per distinct value of a column (hours,
    communes, agents repeat down a list, and a province's lists repeat month after month: the
    results are kept across the lists a process checks, see `_Seen`), and the cells it found
    something in come out row by row, in the file's column order. `screen(key, values, joined)`,
    given values of the column (its distinct values, or all its cells) and the same joined by line
    breaks: False when no value can be found anything in (one scan of the column instead of one
    per value); it may say True for a column with nothing to find."""
    wanted = set(keys)
    found: dict[str, dict[str, T]] = {}
    rows = table.rows
    for key in table.headers:
        if key in wanted and (results := _SEEN.results(table, inspect, screen, key, _column(rows, key))):
            found[key] = results
    if not found:
        return
    # The rows with something found, by C loops over the columns (never a row's values).
    cells = {key: _column(rows, key).cells for key in found}
    positions = range(len(rows))
    hit = sorted(set().union(*(compress(positions, map(found[k].__contains__, cells[k])) for k in found)))
    for index in hit:
        row = rows[index]
        for key, results in found.items():
            value = cells[key][index]
            result = results.get(value)
            if result:
                yield row, key, value, result


class _Seen:
    """What `inspect(key, value)` gave for the values seen so far, by check and column. It is a
    function of the value alone (nothing of the file, the row or the order enters it), so a list
    reads the same whichever lists were checked before it. Kept for the lists of one folder (a
    province's months, checked one after the other, repeat their values; another province's do
    not, and comparing with them would cost more than it saves), and at most `LIMIT` values."""

    LIMIT = 1 << 20  # values, all checks and columns together

    def __init__(self) -> None:
        # A first list's column is kept as it is (most lists are the only one of their folder),
        # and its distinct values made only when a later list asks.
        self._seen: dict[tuple[Callable, str], set[str] | _Column] = {}
        # The sets above that are a column's own distinct values, taken as they are, not to be
        # added to: copied at the first addition.
        self._borrowed: set[tuple[Callable, str]] = set()
        self._hits: dict[tuple[Callable, str], dict[str, Any]] = {}  # the values with a result
        self._size = 0
        self._folder = ""

    def results(
        self, table: MappedTable, inspect: Callable, screen: Callable | None, key: str, column: _Column
    ) -> dict:
        """The values of the column with something found, and what."""
        folder = table.file.rpartition("/")[0]
        if self._size > self.LIMIT or folder != self._folder:
            self.forget()
            self._folder = folder
        which = (inspect, key)
        seen = self._seen.get(which)
        hits = self._hits.setdefault(which, {})
        if seen is None:  # a first list: every value is new, screened by the column's own text
            self._seen[which] = column  # its distinct values made when a later list asks
            self._borrowed.add(which)
            cells, joined = column.screened
            self._size += len(cells)
            # Most columns are screened out; the rest are inspected value by value.
            if cells and (screen is None or screen(key, cells, joined)):
                for value in column.values:
                    if result := inspect(key, value):
                        hits[value] = result
            return dict(hits)  # all of this column's, as nothing was kept before it
        if isinstance(seen, _Column):
            seen = seen.values
        values = column.values
        new = values - seen
        joined = "\n".join(new) if new else ""
        if new and which in self._borrowed:
            self._seen[which] = seen | new
            self._borrowed.discard(which)
        elif new:
            seen |= new
        self._size += len(new)
        # Most new values are screened out together; the rest are inspected one by one.
        if new and (screen is None or screen(key, new, joined)):
            for value in new:
                if result := inspect(key, value):
                    hits[value] = result
        return {value: hits[value] for value in values & hits.keys()} if hits else {}

    def forget(self) -> None:
        self._seen.clear()
        self._borrowed.clear()
        self._hits.clear()
        self._size = 0


_SEEN = _Seen()


def forget_values() -> None:
    """Forget every value seen (the benchmark measures a fresh process)."""
    _SEEN.forget()


# The characters a Vietnamese list is written with (line breaks, printable ASCII, Latin letters
# but the soft hyphen, combining accents, Vietnamese letters, common punctuation). What the
# screens of the cell checks look for beyond ASCII punctuation lies outside them
# (`tests/test_validation_columns.py` holds each screen's patterns to it), so a column without
# any such character skips those scans: one scan of the column answers them all.
_PLAIN = "\n\x20-\x7e\u00a1-\u00ac\u00ae-\u024f\u0300-\u036f\u1e00-\u1eff\u2010-\u2027\u2030-\u205e"
_OUTSIDE_PLAIN = re.compile(f"[^{_PLAIN}]")
# The same question asked the other way: a text of plain characters only, read in one run (the
# regex engine counts a run of a set in a tight loop, where a search tries each position: half
# the time; possessive, so a text that is not plain is not backtracked through).
_PLAIN_RUN = re.compile(f"[{_PLAIN}]*+")
# By the identity of a column's joined text (kept here, so that the identity stays its own)
# until the table's checks are done.
_outside: dict[int, tuple[str, bool]] = {}


def outside_plain(joined: str) -> bool:
    """Whether the text holds a character outside `_OUTSIDE_PLAIN`'s set; the screens of one
    column, each given the column's same joined text, share one scan."""
    found = _outside.get(id(joined))
    if found is None or found[0] is not joined:
        if joined.isascii():  # codes, phones, coordinates: only a control character can be
            outside = bool(joined.encode().translate(None, _PLAIN_ASCII))  # a fifth of the regex
        else:
            outside = _PLAIN_RUN.fullmatch(joined) is None
        found = _outside[id(joined)] = (joined, outside)
    return found[1]


_PLAIN_ASCII = b"\n" + bytes(range(0x20, 0x7F))  # the ASCII characters of `_OUTSIDE_PLAIN`'s set


_SAMPLE = 64  # first cells of a column, nearly all different (3 in 4) when its cells are


class _Column:
    """A column's cells in row order; its distinct values, and the same joined by line breaks,
    when a check asks."""

    def __init__(self, cells: tuple[str, ...]) -> None:
        self.cells = cells
        self._values: set[str] | None = None
        self._joined: str | None = None
        self._screened: tuple[Collection[str], str] | None = None

    @property
    def screened(self) -> tuple[Collection[str], str]:
        """What the screens of a first list read: the column's distinct values and their joined
        text, or its cells and theirs when nearly every cell differs (codes, names, addresses,
        phones: its first cells tell), the same answers without a set of the column's cells (a
        screen says whether a value may have something to find)."""
        if self._screened is None:
            sample = self.cells[:_SAMPLE]
            if self._values is None and len(set(sample)) * 4 >= len(sample) * 3:
                self._screened = (self.cells, "\n".join(self.cells))
            else:
                self._screened = (self.values, self.joined)
        return self._screened

    @property
    def values(self) -> set[str]:
        if self._values is None:
            self._values = set(self.cells)
        return self._values

    @property
    def joined(self) -> str:
        if self._joined is None:
            self._joined = "\n".join(self.values)
        return self._joined


# The last table's columns, for the next check over the same rows (the tuple is kept, so its
# identity cannot be taken by another).
_last_columns: tuple[tuple[Row, ...], dict[str, _Column]] = ((), {})


def forget_columns() -> None:
    """Let the last table go once its checks are done (a large list's rows are megabytes)."""
    global _last_columns
    _last_columns = ((), {})
    _outside.clear()


def column_cells(table: MappedTable, key: str) -> tuple[str, ...]:
    """The column's cells, row after row (`row.values[key]` of each row, by C loops once for
    every check that asks); "" on every row when the file has no such column."""
    if key not in table.headers:
        return ("",) * len(table.rows)
    return _column(table.rows, key).cells


def column_text(table: MappedTable, key: str) -> str:
    """Every value of the column joined by line breaks (its distinct values, or its cells when
    nearly all differ): the text the cell checks' screens scanned, made once for all."""
    if key not in table.headers:
        return ""
    return _column(table.rows, key).screened[1]


def column_values(table: MappedTable, key: str) -> set[str]:
    """The column's distinct values, made once per list and shared (as `column_cells`; not to be
    changed); {""} when the file has no such column (and has rows)."""
    if key not in table.headers:
        return {""} if table.rows else set()
    return _column(table.rows, key).values


def _column(rows: tuple[Row, ...], key: str) -> _Column:
    global _last_columns
    if _last_columns[0] is not rows:
        _last_columns = (rows, _all_columns(rows))
    columns = _last_columns[1]
    if key not in columns:
        columns[key] = _Column(tuple(map(operator.itemgetter(key), map(_VALUES, rows))))
    return columns[key]


def _all_columns(rows: tuple[Row, ...]) -> dict[str, _Column]:
    """Every column at once, the rows' cells transposed by C loops, when every row has them
    (`Row.cells`, in its values' order; the checks ask for nearly every column); else {} and
    each column is read from the values when asked."""
    if not rows or not rows[0][3]:
        return {}
    keys = rows[0][3]  # Row's keys, in its values' order
    try:  # a row of other cells than keys (or none) stops the strict zips
        return dict(zip(keys, map(_Column, zip(*map(ROW_CELLS, rows), strict=True)), strict=True))
    except ValueError:
        return {}
