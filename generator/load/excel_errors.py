"""Excel's error values (#REF!, #N/A…) in a list: what a formula showed when it broke, saved as
text by "Save As CSV" (a workbook's error cells are caught by their type, load/workbook.py).

Only files with a "#" are read cell by cell: a lookup of one character in the file's text keeps
every other list at the cost it had.
"""

from __future__ import annotations

from functools import cache

from generator.contract import PHONE_KEYS, column_by_header
from generator.findings import Finding, yields
from generator.load.table import Table
from generator.text import fold_compact

EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"}
)


@yields("excel-formula-error")
def excel_errors(table: Table, file: str) -> list[Finding]:
    """Published cells that are an Excel error value."""
    columns = [(i, title) for i, title in enumerate(table.header) if error_checked(title)]
    return [
        Finding("excel-formula-error", file, row=record.row, line=record.line, column=title, value=cell)
        for record in table.records
        for index, title in columns
        if index < len(record.cells) and (cell := record.cells[index]) in EXCEL_ERRORS
    ]


def error_checked(title: str) -> bool:
    """Whether an Excel error in the column is reported as such: a published column of text. A
    phone or coordinate cell is read by its own check, which already names what it cannot read."""
    return fold_compact(title) in _checked()


@cache
def _checked() -> frozenset[str]:
    own_reader = {*PHONE_KEYS, "lat", "lon"}
    return frozenset(h for h, c in column_by_header().items() if c.publish and c.key not in own_reader)
