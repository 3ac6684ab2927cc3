"""NFC text → a table of cells, with the row numbers a spreadsheet shows (the header is row 1)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import NamedTuple

from generator.findings import Finding, yields
from generator.limits import MAX_BYTES, MAX_COLUMNS

_DELIMITERS = (",", ";", "\t")
# Over-long cells become a finding, not a csv.Error: no cell can be larger than the largest file
# read (a quoted cell of millions of commas was reported as an unclosed quote).
csv.field_size_limit(MAX_BYTES)


class Record(NamedTuple):  # one per row of every list: a tuple is built in a fifth of the time
    row: int  # spreadsheet row
    line: int  # first physical line of the record in the file
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    delimiter: str
    header: tuple[str, ...]
    header_row: int  # blank lines above the header shift it down
    header_line: int
    records: tuple[Record, ...]


@yields("too-many-columns", "file-unbalanced-quote", "file-empty")
def parse_table(text: str, file: str) -> tuple[Table | None, list[Finding]]:
    delimiter = sniff_delimiter(text)
    # A line break inside a quoted cell keeps the file's line ending: CRLF (Windows, git autocrlf)
    # would leave a control character \r in the cell. Every line ending is made \n before parsing:
    # the reader ends a line (and counts it) at \r\n, \r and \n alike, so records and line
    # numbers are those of the file, and the cells read as if each were mended alone.
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:  # an old Mac line ending, or a lone CR: rare, so looked for first
            text = text.replace("\r", "\n")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[Record] = []
    row = 0
    line = 1
    record = tuple.__new__  # Record(row, line, cells) without its Python-level __new__
    try:
        for cells in reader:
            row += 1
            if len(cells) > MAX_COLUMNS:
                return None, [
                    Finding(
                        "too-many-columns",
                        file,
                        row=row,
                        line=line,
                        value=str(len(cells)),
                        params={"limit": str(MAX_COLUMNS)},
                    )
                ]
            # Excel pads rows with empty trailing cells; a row of nothing but blanks is not data.
            stripped = tuple(map(str.strip, cells))
            if any(stripped):
                rows.append(record(Record, (row, line, stripped)))
            line = reader.line_num + 1
    except csv.Error:
        return None, [Finding("file-unbalanced-quote", file, row=row + 1, line=line)]
    if not rows:
        return None, [Finding("file-empty", file)]
    header, *records = rows
    width = _last_filled(header.cells)
    return Table(delimiter, header.cells[:width], header.row, header.line, tuple(records)), []


def sniff_delimiter(text: str) -> str:
    """The separator that splits the header line the most, ignoring quoted parts."""
    first = _first_filled_line(text)
    outside_quotes = "".join(part for i, part in enumerate(first.split('"')) if i % 2 == 0)
    return max(_DELIMITERS, key=outside_quotes.count)


def _first_filled_line(text: str) -> str:
    """The first line with something on it, as `text.splitlines()` would give it, without
    splitting the whole file: growing slices of its start, where only the slice's last line may
    be cut short."""
    size = 4096
    while True:
        whole = size >= len(text)
        lines = text[:size].splitlines()
        for line in lines if whole else lines[:-1]:
            if line.strip():
                return line
        if whole:
            return ""
        size *= 8


def _last_filled(cells: tuple[str, ...]) -> int:
    width = len(cells)
    while width and not cells[width - 1]:
        width -= 1
    return width
