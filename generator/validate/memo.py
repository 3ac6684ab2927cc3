"""Rows already checked in an earlier list of the same province are not cleaned or checked
again, nor their published points built again.

A province sends its whole list every month and most rows come back unchanged: rebuilding a
year of history checked the same 30,000 rows twelve times. The checks whose every finding
depends on its own row alone run only on rows not seen before; a row seen before gets the
findings it had then, with its new file, row and line. Checks that compare rows with each other
(duplicates) run on the whole file every time.

A row is first known by its cells as written (those of the contract's columns: a row counter
"STT" that shifts when a row is added above is not one), under the same province and headers:
cleaning a cell and the row checks depend on nothing else, so such a row takes its cleaned cells
and all its findings from the first time, without being cleaned or checked again (`check_rows`).
Rows written differently whose cleaned cells are the same are then known by those (`run`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import compress, repeat
from operator import is_, itemgetter
from typing import cast

from generator.findings import Finding
from generator.load.table import forget_earlier_lines
from generator.model import Point
from generator.validate.checks import Check, Context
from generator.validate.checks.identity import forget_codes
from generator.validate.clean import clean_cells
from generator.validate.columns import forget_values
from generator.validate.mapping import ROW_CELLS, ROW_KEYS, ROW_LINE, ROW_NUMBER, MappedTable, Row


class RowMemo:
    def __init__(self, keep: bool = True) -> None:
        """`keep`: False when no later list will ask (the last list of a folder, a list checked
        alone): nothing is kept, and a first list's rows are neither keyed nor looked up."""
        self.keep = keep
        # By what a row's findings depend on besides its cells: the province, and the headers as
        # written (findings name the column as the file does); then by the row's cells.
        self._seen: dict[tuple, dict[tuple[str, ...], tuple[Finding, ...]]] = {}
        self._points: dict[tuple, dict[tuple[str, ...], Point]] = {}
        # By province and headers, then by the row's cells as written: the cleaned cells, the
        # findings of cleaning and of the row checks, and the cleaned cells' key (Row.cells).
        self._records: dict[tuple, dict[tuple[str, ...], _Record]] = {}

    def check_rows(
        self, checks: Iterable[Check], table: MappedTable, context: Context
    ) -> tuple[MappedTable, list[Finding]]:
        """The table with its cells cleaned, and the findings of cleaning and of `checks`."""
        scope = (context.province.code if context.province else None, tuple(table.headers.items()))
        known = self._records.setdefault(scope, {})
        if not known and not self.keep:  # nothing to take from before, nothing to keep for later
            cleaned, cleaning = clean_cells(table)
            return cleaned, _in_file_order((*cleaning, *self.run(checks, cleaned, context)), cleaned.rows)
        rows = table.rows
        keys = list(map(ROW_CELLS, rows))
        if not all(keys):  # a row made without its cells (see Row.cells)
            keys = list(map(_key, rows))
        # One look-up a row (a row's cells are compared with those it was kept by: the costly part).
        records = list(map(known.get, keys))
        is_fresh = list(map(is_, records, repeat(None)))
        fresh_rows = tuple(compress(rows, is_fresh))
        fresh = table if len(fresh_rows) == len(rows) else replace(table, rows=fresh_rows)
        cleaned, cleaning = clean_cells(fresh)
        findings: list[Finding] = []
        by_row: dict[int, list[Finding]] = defaultdict(list)
        for finding in (*cleaning, *self.run(checks, cleaned, context)):
            if finding.row is None:
                findings.append(finding)
            else:
                by_row[finding.row].append(finding)
        if len(fresh_rows) == len(rows):  # a first list: no row to take from before
            for key, row in zip(keys, cleaned.rows, strict=True):
                known[key] = (tuple(by_row.get(row.row, ())), _key(row))
            return cleaned, [*findings, *(f for row in cleaned.rows for f in by_row.get(row.row, ()))]
        # The fresh rows' records, each its own (two equal fresh rows are each checked); the known
        # rows' taken as they are. Only rows with findings are then visited one by one.
        fresh_records = [(tuple(by_row.get(row.row, ())), _key(row)) for row in cleaned.rows]
        known.update(zip(compress(keys, is_fresh), fresh_records, strict=True))
        taken = iter(fresh_records)
        for index in compress(range(len(rows)), is_fresh):
            records[index] = next(taken)
        filled = cast("list[_Record]", records)  # every row's record now
        for index in compress(range(len(rows)), map(_FOUND, filled)):
            found, row = filled[index][0], rows[index]
            findings += found if is_fresh[index] else [_moved(finding, table.file, row) for finding in found]
        # The same rows, with their cleaned cells as their key (Row(…) without its Python-level
        # __new__, as mapping.py makes them).
        fields = zip(
            map(ROW_NUMBER, rows),
            map(ROW_LINE, rows),
            map(_CLEANED, filled),
            map(ROW_KEYS, rows),
            strict=True,
        )
        return replace(table, rows=tuple(map(tuple.__new__, repeat(Row), fields))), findings

    def points_of(self, province_code: str, table: MappedTable) -> dict[tuple[str, ...], Point]:
        """The points built so far from rows read under the same headers, by the row's cells."""
        return self._points.setdefault((province_code, tuple(table.headers)), {})

    def run(self, checks: Iterable[Check], table: MappedTable, context: Context) -> Iterator[Finding]:
        scope = (context.province.code if context.province else None, tuple(table.headers.items()))
        seen = self._seen.setdefault(scope, {})
        if not seen and not self.keep:  # every row checked here, as it is, and nothing kept
            yield from _in_file_order((f for check in checks for f in check(table, context)), table.rows)
            return
        keys = [row.cells or tuple(row.values.values()) for row in table.rows]  # see Row.cells
        fresh = {key: row for key, row in zip(keys, table.rows, strict=True) if key not in seen}
        # Every row new (a first list): the same table, whose columns the checks share.
        fresh_table = table if len(fresh) == len(table.rows) else replace(table, rows=tuple(fresh.values()))
        by_row: dict[int, list[Finding]] = defaultdict(list)
        for check in checks:
            for finding in check(fresh_table, context):
                if finding.row is None:
                    yield finding
                else:
                    by_row[finding.row].append(finding)
        for key, row in fresh.items():
            seen[key] = tuple(by_row.get(row.row, ()))
        for key, row in zip(keys, table.rows, strict=True):
            for finding in seen[key]:
                yield _moved(finding, table.file, row)


_Record = tuple[tuple[Finding, ...], tuple[str, ...]]  # the row's findings and cleaned cells


def _in_file_order(findings: Iterable[Finding], rows: tuple[Row, ...]) -> list[Finding]:
    """The findings about no row first, then the rows', row after row, each row's in the order
    found: what the memos give a list whose rows are all new."""
    first: list[Finding] = []
    by_row: dict[int, list[Finding]] = {}
    for finding in findings:
        if finding.row is None:
            first.append(finding)
        else:
            by_row.setdefault(finding.row, []).append(finding)
    return [*first, *_in_row_order(by_row, rows)]


def _in_row_order(by_row: dict[int, list[Finding]], rows: tuple[Row, ...]) -> Iterator[Finding]:
    """`for row in rows: yield from by_row.get(row.row, ())`, visiting only the rows with a
    finding when the rows go down the file, as a table read from a file does."""
    if not by_row:
        return
    numbers = list(map(ROW_NUMBER, rows))
    if numbers != sorted(set(numbers)):
        for row in rows:
            yield from by_row.get(row.row, ())
        return
    present = set(numbers)
    for number in sorted(number for number in by_row if number in present):
        yield from by_row[number]


_FOUND, _CLEANED = itemgetter(0), itemgetter(1)  # _Record


def _key(row: Row) -> tuple[str, ...]:
    """The row's cells in its columns' order: what the memos know it by (see Row.cells)."""
    return row.cells or tuple(row.values.values())


def _moved(finding: Finding, file: str, row: Row) -> Finding:
    """A row's finding of an earlier list, at this list's file, row and line."""
    if finding.row == row.row and finding.file == file and finding.line == row.line:
        return finding
    return replace(finding, file=file, row=row.row, line=row.line)


def forget_folder() -> None:
    """Let go of what a folder's lists share (`_Seen`'s values, `_Earlier`'s lines) once its last
    list is checked: only the folder's next list reads them. Kept until the next folder's first
    list, they made that list's memory come from fresh pages while a whole list's lines were
    still held (4-5% of the CPU of validating 34 lone lists)."""
    forget_values()
    forget_earlier_lines()


def forget_seen() -> None:
    """Forget the values every list of a process shares (cells, codes, the last file's lines): the
    benchmark measures a fresh process."""
    forget_values()
    forget_codes()
    forget_earlier_lines()
