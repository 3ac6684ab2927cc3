"""Rows already checked in an earlier list of the same province are not checked again, nor
their published points built again.

A province sends its whole list every month and most rows come back unchanged: rebuilding a
year of history checked the same 30,000 rows twelve times. The checks whose every finding
depends on its own row alone run only on rows not seen before; a row seen before gets the
findings it had then, with its new file, row and line. Checks that compare rows with each other
(duplicates) run on the whole file every time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace

from generator.findings import Finding
from generator.model import Point
from generator.validate.checks import Check, Context
from generator.validate.checks.identity import forget_codes
from generator.validate.mapping import MappedTable, forget_values


class RowMemo:
    def __init__(self) -> None:
        # By what a row's findings depend on besides its cells: the province, and the headers as
        # written (findings name the column as the file does); then by the row's cells.
        self._seen: dict[tuple, dict[tuple[str, ...], tuple[Finding, ...]]] = {}
        self._points: dict[tuple, dict[tuple[str, ...], Point]] = {}

    def points_of(self, province_code: str, table: MappedTable) -> dict[tuple[str, ...], Point]:
        """The points built so far from rows read under the same headers, by the row's cells."""
        return self._points.setdefault((province_code, tuple(table.headers)), {})

    def run(self, checks: Iterable[Check], table: MappedTable, context: Context) -> Iterator[Finding]:
        scope = (context.province.code if context.province else None, tuple(table.headers.items()))
        seen = self._seen.setdefault(scope, {})
        keys = [tuple(row.values.values()) for row in table.rows]
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
                if finding.row == row.row and finding.file == table.file:
                    yield finding
                else:
                    yield replace(finding, file=table.file, row=row.row, line=row.line)


def forget_seen() -> None:
    """Forget the values every list of a process shares (cells, codes): the benchmark measures a
    fresh process."""
    forget_values()
    forget_codes()
