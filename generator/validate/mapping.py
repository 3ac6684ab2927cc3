"""Header → contract columns. Headers match ignoring case, spacing and diacritics."""

from __future__ import annotations

import difflib
import operator
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from typing import Any, TypeVar

from generator.contract import IGNORED_HEADERS, PHONE_KEYS, column, column_by_header, columns
from generator.findings import Finding, yields
from generator.load.table import Table
from generator.text import fold, fold_compact

T = TypeVar("T")


class _Values:
    """`Row.values`, made from the row's keys and cells when first read, then kept in the row's
    own __dict__ (which comes before this descriptor): most rows are read by column
    (`column_cells`) and never need their dict."""

    def __get__(self, row: Row | None, owner: type | None = None) -> Any:
        if row is None:
            return self
        values = row.__dict__["values"] = dict(zip(row[3], row[2], strict=True))
        return values


class Row(tuple):  # one per row of every list: a tuple is built in a fifth of the time of a class
    """A row: `.row`, `.line`, `.values` (contract key → cell text; extra columns are never kept)
    and `.cells`, the same cells as `values`, in its order: the row's key in the memos
    (validate/memo.py), kept from reading the file (or cleaning it) rather than built again; ()
    when `values` was made otherwise. The checks' columns are these, transposed
    (`column_cells`). Made by `tuple.__new__(Row, (row, line, cells, keys))` (no Python-level
    call a row) or `Row(row, line, values, cells)`."""

    row: int = property(operator.itemgetter(0))  # type: ignore[assignment]
    line: int = property(operator.itemgetter(1))  # type: ignore[assignment]
    cells: tuple[str, ...] = property(operator.itemgetter(2))  # type: ignore[assignment]
    values: dict[str, str] = _Values()  # type: ignore[assignment]

    def __new__(cls, row: int, line: int, values: dict[str, str], cells: tuple[str, ...] = ()) -> Row:
        made = tuple.__new__(cls, (row, line, cells, tuple(values)))
        made.__dict__["values"] = values
        return made


@dataclass(frozen=True)
class MappedTable:
    file: str
    headers: dict[str, str]  # contract key → header as written in the file
    rows: tuple[Row, ...]

    def title(self, key: str) -> str:
        return self.headers.get(key) or column(key).title


@yields("unknown-column", "duplicate-column", "missing-required-column", "no-data-rows")
def map_columns(table: Table, file: str) -> tuple[MappedTable, list[Finding]]:
    findings: list[Finding] = []
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    known = column_by_header()
    for index, header in enumerate(table.header):
        compact = fold_compact(header)
        if not compact or compact in IGNORED_HEADERS:
            continue
        col = known.get(compact)
        if col is None:
            findings.append(
                Finding(
                    "unknown-column",
                    file,
                    row=table.header_row,
                    line=table.header_line,
                    value=header,
                    params={"hint": _header_hint(header)},
                )
            )
        elif col.key in positions:
            findings.append(
                Finding(
                    "duplicate-column",
                    file,
                    row=1,
                    line=1,
                    column=col.title,
                    value=f"{headers[col.key]} | {header}",
                )
            )
        else:
            positions[col.key] = index
            headers[col.key] = header
    for col in columns():
        if col.required and col.key not in positions:
            findings.append(
                Finding(
                    "missing-required-column",
                    file,
                    row=table.header_row,
                    line=table.header_line,
                    column=col.title,
                )
            )
    if not any(key in positions for key in PHONE_KEYS):
        phones = " hoặc ".join(f"“{column(k).title}”" for k in PHONE_KEYS)
        findings.append(
            Finding(
                "missing-required-column", file, row=table.header_row, line=table.header_line, column=phones
            )
        )
    findings += _blank_headers_with_data(table, file)
    if not table.records:
        findings.append(Finding("no-data-rows", file, row=table.header_row, line=table.header_line))
    width = max(positions.values(), default=-1) + 1
    keys, take = tuple(positions), _cells_at(tuple(positions.values()))
    # `take` gives one cell per key (zip needs no strictness), and a row as wide as the header, all
    # but the rows Excel cut short, needs no padding.
    # tuple.__new__(Row, …) is Row(…) without its Python-level __new__ (one per row of every list).
    new = tuple.__new__
    records = table.records
    if min(map(len, map(_CELLS, records)), default=width) >= width and keys:
        # No row to pad: every row made by C loops (map, zip, dict), no Python step per row.
        taken = list(map(take, map(_CELLS, records)))
        # Each row's values made when first read (`Row.values`): most rows are only read by
        # column.
        fields = zip(map(_ROW, records), map(_LINE, records), taken, repeat(keys), strict=False)
        return MappedTable(file, headers, tuple(map(new, repeat(Row), fields))), findings
    rows = tuple(
        new(Row, (row, line, taken, keys))
        for row, line, cells in records
        for taken in (take(_padded(cells, width) if len(cells) < width else cells),)
    )
    return MappedTable(file, headers, rows), findings


class _RowValues(Sequence[dict[str, str]]):
    """The rows' values, each made when asked (`Row.values`): for readers that take a few rows'
    values by position and the rest by column."""

    def __init__(self, rows: Sequence[Row]) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [row.values for row in self._rows[index]]
        return self._rows[index].values


def row_values(rows: Sequence[Row]) -> Sequence[dict[str, str]]:
    """Each row's `values`, made only for the rows asked for."""
    return _RowValues(rows)


def iter_cells(table: MappedTable) -> Iterator[tuple[Row, str, str]]:
    for row in table.rows:
        for key, value in row.values.items():
            yield row, key, value


def distinct_cells(
    table: MappedTable,
    keys: Iterable[str],
    inspect: Callable[[str, str], T | None],
    screen: Callable[[str, set[str], str], bool] | None = None,
) -> Iterator[tuple[Row, str, str, T]]:
    """`iter_cells` for checks whose result depends on the cell alone: `inspect(key, value)` runs
    once per distinct value of a column (hours, communes, agents repeat down a list, and a
    province's lists repeat month after month: the results are kept across the lists a process
    checks, see `_Seen`), and only the cells it found something in come out, row by row in the
    file's column order. `screen(key, values, joined)`, given values of the column (its distinct
    values, or all its cells) and the same joined by line breaks: False when no value can be found
    anything in (one scan of the column instead of one per value); it may say True for a column
    with nothing to find."""
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
_OUTSIDE_PLAIN = re.compile(
    "[^\n\x20-\x7e\u00a1-\u00ac\u00ae-\u024f\u0300-\u036f\u1e00-\u1eff\u2010-\u2027\u2030-\u205e]"
)
# By the identity of a column's joined text (kept here, so that the identity stays its own)
# until the table's checks are done.
_outside: dict[int, tuple[str, bool]] = {}


def outside_plain(joined: str) -> bool:
    """Whether the text holds a character outside `_OUTSIDE_PLAIN`'s set; the screens of one
    column, each given the column's same joined text, share one scan."""
    found = _outside.get(id(joined))
    if found is None or found[0] is not joined:
        found = _outside[id(joined)] = (joined, _OUTSIDE_PLAIN.search(joined) is not None)
    return found[1]


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
    if not rows:
        return {}
    keys = rows[0][3]  # Row's keys, in its values' order
    cells = list(map(_CELLS, rows))
    if set(map(len, cells)) != {len(keys)} or not keys:
        return {}
    return dict(zip(keys, map(_Column, zip(*cells, strict=True)), strict=True))


_VALUES = operator.attrgetter("values")
_CELLS = operator.attrgetter("cells")  # Row.cells, Record.cells
_ROW, _LINE = operator.attrgetter("row"), operator.attrgetter("line")  # Record.row, Record.line


def _cells_at(indexes: tuple[int, ...]) -> Callable[[tuple[str, ...]], tuple[str, ...]]:
    """The cells at these positions, as a tuple, by one C call per row."""
    if len(indexes) == 1:
        return lambda cells: (cells[indexes[0]],)
    return operator.itemgetter(*indexes) if indexes else lambda cells: ()


def _padded(cells: tuple[str, ...], width: int) -> tuple[str, ...]:
    """A short row (Excel drops trailing empty cells) read as empty cells."""
    return cells if len(cells) >= width else cells + ("",) * (width - len(cells))


@yields("blank-header-with-data")
def _blank_headers_with_data(table: Table, file: str) -> Iterator[Finding]:
    """A column whose heading is blank cannot be mapped; dropping it silently would lose its
    data (a row's hours, say). An unlabelled column of bare numbers is a row counter (STT)."""
    width = max(map(len, map(_CELLS, table.records)), default=0)  # C loops
    for index in range(width):
        if index < len(table.header) and table.header[index].strip():
            continue
        filled = [r for r in table.records if index < len(r.cells) and r.cells[index]]
        if not filled or all(r.cells[index].isdigit() for r in filled):
            continue
        yield Finding(
            "blank-header-with-data",
            file,
            row=table.header_row,
            line=table.header_line,
            value=f"{index + 1} ({_letter(index)})",
            params={"count": str(len(filled)), "first": str(filled[0].row)},
        )


def _letter(index: int) -> str:
    """The spreadsheet's name for a column: A, B, …, Z, AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _header_hint(header: str) -> str:
    titles = {fold(c.title): c.title for c in columns()}
    close = difflib.get_close_matches(fold(header), titles, n=1, cutoff=0.7)
    return f" Có phải ý bạn là “{titles[close[0]]}”?" if close else ""
