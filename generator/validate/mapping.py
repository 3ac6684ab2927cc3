"""Header → contract columns. Headers match ignoring case, spacing and diacritics."""

from __future__ import annotations

import difflib
import operator
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import repeat
from typing import Any

from generator.contract import IGNORED_HEADERS, PHONE_KEYS, Column, column, column_by_header, columns
from generator.findings import Finding, yields
from generator.load.table import Records, Table
from generator.text import fold, fold_compact


class _Values:
    """`Row.values`, made from the row's keys and cells when first read, then kept in the row's
    own __dict__ (which comes before this descriptor): most rows are read by column
    (`column_cells`) and never need their dict."""

    def __get__(self, row: Row | None, owner: type | None = None) -> Any:
        if row is None:
            return self
        values = row.__dict__["values"] = dict(zip(row[3], row[2], strict=True))
        return values


# Row's fields by position: `map(ROW_NUMBER, rows)` reads a column of them without the
# properties' calls.
ROW_NUMBER, ROW_LINE, ROW_CELLS, ROW_KEYS = (operator.itemgetter(i) for i in range(4))


class Row(tuple):  # one per row of every list: a tuple is built in a fifth of the time of a class
    """A row: `.row`, `.line`, `.values` (contract key → cell text; extra columns are never kept)
    and `.cells`, the same cells as `values`, in its order: the row's key in the memos
    (validate/memo.py), kept from reading the file (or cleaning it) rather than built again; ()
    when `values` was made otherwise. The checks' columns are these, transposed
    (`column_cells`). Made by `tuple.__new__(Row, (row, line, cells, keys))` (no Python-level
    call a row) or `Row(row, line, values, cells)`."""

    row: int = property(ROW_NUMBER)  # type: ignore[assignment]
    line: int = property(ROW_LINE)  # type: ignore[assignment]
    cells: tuple[str, ...] = property(ROW_CELLS)  # type: ignore[assignment]
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
    # A header written as the template writes it wins over another header that is only an alias
    # of the same column ("Điện thoại cố định" and a staff "Điện thoại"): the alias column stays
    # an extra column, as it was before aliases were read.
    titled = {col.key for header in table.header if (col := _by_title().get(fold_compact(header)))}
    for index, header in enumerate(table.header):
        compact = fold_compact(header)
        if not compact or compact in IGNORED_HEADERS:
            continue
        col = known.get(compact)
        if col is not None and col.key in titled and compact not in _by_title():
            col = None
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
    if "code" in positions:
        table, footer = _without_footer(table, positions["code"], file)
        findings += footer
    # The records' columns (as the loader keeps them, or taken from its records).
    records = table.records
    if isinstance(records, Records):
        numbers, lines, cells = records.rows, records.lines, records.cells
    else:
        numbers, lines = list(map(_ROW, records)), list(map(_LINE, records))
        cells = list(map(_CELLS, records))
    # Each row's number of cells, once: the widest tells the columns to look at, the narrowest
    # whether a row needs padding.
    widths = list(map(len, cells))
    findings += _blank_headers_with_data(table, file, max(widths, default=0))
    if not table.records:
        findings.append(Finding("no-data-rows", file, row=table.header_row, line=table.header_line))
    width = max(positions.values(), default=-1) + 1
    keys, take = tuple(positions), _cells_at(tuple(positions.values()))
    # `take` gives one cell per key (zip needs no strictness), and a row as wide as the header, all
    # but the rows Excel cut short, needs no padding.
    # tuple.__new__(Row, …) is Row(…) without its Python-level __new__ (one per row of every list).
    new = tuple.__new__
    if min(widths, default=width) >= width and keys:
        # No row to pad: every row made by C loops (map, zip, dict), no Python step per row.
        taken = list(map(take, cells))
        # Each row's values made when first read (`Row.values`): most rows are only read by
        # column.
        fields = zip(numbers, lines, taken, repeat(keys), strict=False)
        return _agents_filled_down(MappedTable(file, headers, tuple(map(new, repeat(Row), fields))), findings)
    rows = tuple(
        new(Row, (row, line, taken, keys))
        for row, line, written in zip(numbers, lines, cells, strict=True)
        for taken in (take(_padded(written, width) if len(written) < width else written),)
    )
    return _agents_filled_down(MappedTable(file, headers, rows), findings)


@cache
def _by_title() -> dict[str, Column]:
    return {fold_compact(c.title): c for c in columns()}


@yields("agent-from-row-above")
def _agents_filled_down(table: MappedTable, findings: list[Finding]) -> tuple[MappedTable, list[Finding]]:
    """An empty agent cell under a row that names its agent takes that agent, with a WARNING:
    a cell merged down the column ("Bưu điện tỉnh" once for all its points) keeps its text in
    its first row only once saved as CSV, and every other row was held for an empty cell. A
    row's code and name are its own: only the agent, which lists group points by, is read so."""
    if not ("agent" in table.headers and "code" in table.headers and table.rows):
        return table, findings
    keys = table.rows[0][3]
    at, code_at = keys.index("agent"), keys.index("code")
    if "" not in map(operator.itemgetter(at), map(ROW_CELLS, table.rows[1:])):  # nearly every list
        return table, findings
    rows, title = list(table.rows), table.title("agent")
    for index in range(1, len(rows)):
        above, row = rows[index - 1].cells, rows[index]
        if row.cells[at] or not above[at] or not row.cells[code_at]:
            continue
        cells = (*row.cells[:at], above[at], *row.cells[at + 1 :])
        rows[index] = tuple.__new__(Row, (row.row, row.line, cells, keys))
        findings.append(Finding("agent-from-row-above", table.file, row.row, title, above[at], row.line))
    return replace(table, rows=tuple(rows)), findings


# A row of a document's closing part has one or two cells: "Tổng cộng: 30 điểm", "Người lập
# biểu" and "Giám đốc", "Lai Châu, ngày 20 tháng 11 năm 2026". A point missing its code has more.
_FOOTER_CELLS = 2


@yields("footer-row-ignored")
def _without_footer(table: Table, code_at: int, file: str) -> tuple[Table, list[Finding]]:
    """The table without the closing part a list exported from an official document carries
    below its last point (a total, the signatures, the date): rows after the last row with a
    code that have no code and at most two cells. Each is reported, never published."""
    records = table.records
    start = len(records)
    while start > 1:
        cells = records[start - 1].cells
        if _code_in(cells, code_at) or sum(map(bool, cells)) > _FOOTER_CELLS:
            break
        start -= 1
    if start == len(records) or not any(_code_in(r.cells, code_at) for r in records[:start]):
        return table, []
    findings = [
        Finding(
            "footer-row-ignored", file, row=r.row, line=r.line, value=" | ".join(filter(None, r.cells))[:100]
        )
        for r in records[start:]
    ]
    return replace(table, records=records[:start]), findings


def _code_in(cells: tuple[str, ...], code_at: int) -> bool:
    """Whether the code cell holds a code: a cell of three words or more ("Tổng cộng: 30 điểm",
    merged over the first columns where the code column comes first) is a sentence."""
    return code_at < len(cells) and 0 < len(cells[code_at].split()) < 3


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


_CELLS = operator.attrgetter("cells")  # Row.cells, Record.cells
_ROW, _LINE = operator.attrgetter("row"), operator.attrgetter("line")  # Record.row, Record.line


def _cells_at(indexes: tuple[int, ...]) -> Callable[[tuple[str, ...]], tuple[str, ...]]:
    """The cells at these positions (increasing, as the header gives them), as a tuple, by one C
    call per row. Most lists have their columns side by side (a row counter before them, say):
    one slice then, a third of the time of taking each cell by its index."""
    if not indexes:
        return lambda cells: ()
    if indexes == tuple(range(indexes[0], indexes[-1] + 1)):
        return operator.itemgetter(slice(indexes[0], indexes[-1] + 1))
    return operator.itemgetter(*indexes)


def _padded(cells: tuple[str, ...], width: int) -> tuple[str, ...]:
    """A short row (Excel drops trailing empty cells) read as empty cells."""
    return cells if len(cells) >= width else cells + ("",) * (width - len(cells))


@yields("blank-header-with-data")
def _blank_headers_with_data(table: Table, file: str, width: int) -> Iterator[Finding]:
    """A column whose heading is blank cannot be mapped; dropping it silently would lose its
    data (a row's hours, say). An unlabelled column of bare numbers is a row counter (STT).
    `width`: the widest row's number of cells."""
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
