"""An Excel workbook (.xlsx) → the same table a CSV gives, read from the sheet whose headers
match the template, using what the cells' types tell.

Clerks keep their lists in Excel; asking them to export a CSV is where letters get lost. Reading
the workbook itself keeps every letter, and the cell types say what a CSV hides: a number that
lost its leading zero is a number cell (the phone check restores the zero), a date in a text
column was typed text that Excel turned into a date, and a number of more than 15 digits has
lost its last digits.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from functools import partial
from typing import Any

from generator.findings import Finding, yields
from generator.limits import EXACT_DIGITS, HEADER_SEARCH_ROWS, MAX_BYTES, MAX_COLUMNS
from generator.load.table import LONE_HEADER_MATCHES, MIN_MATCHING_HEADERS, Record, Table, under_header
from generator.text import collapse_spaces, fold_compact, nfc

XLSX_MAGIC = b"PK\x03\x04"
# Unpacked, a workbook is several times its size; a zip bomb is refused before it is opened.
MAX_UNPACKED_BYTES = 10 * MAX_BYTES
MAX_ROWS = 200_000


@yields("file-too-large", "workbook-unreadable")
def read_workbook(
    data: bytes, file: str, known_headers: frozenset[str], text_headers: frozenset[str]
) -> tuple[Table | None, list[Finding]]:
    """`known_headers`: the template's headers, folded (`fold_compact`), to pick the sheet;
    `text_headers`: those of the published text columns, where a date cell is a typing lost."""
    # Imported here: most builds and checks read no workbook (openpyxl is a tenth of a second).
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            size = f"{unpacked / 1024 / 1024:.0f} MB"
            limit = f"{MAX_UNPACKED_BYTES // 1024 // 1024} MB"
            return None, [Finding("file-too-large", file, value=size, params={"limit": limit})]
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        return None, [Finding("workbook-unreadable", file, value=type(exc).__name__)]
    try:
        return _read(book, file, known_headers, text_headers, partial(_merged_down, data))
    finally:
        book.close()


@yields(
    "workbook-no-list-sheet",
    "workbook-read",
    "too-many-columns",
    "workbook-date-in-text",
    "workbook-number-lost-digits",
    "file-empty",
)
def _read(
    book,
    file: str,
    known_headers: frozenset[str],
    text_headers: frozenset[str],
    merged_down: Callable[[Any, int], dict[int, list[tuple[int, int]]]] = lambda sheet, below: {},
) -> tuple[Table | None, list[Finding]]:
    best = None
    lone = []  # rows heading fewer template columns: the header only when the one such row
    for sheet in book.worksheets:
        rows = sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True)
        for number, cells in enumerate(rows, start=1):
            score = sum(fold_compact(str(c)) in known_headers for c in cells if c is not None)
            if score >= MIN_MATCHING_HEADERS and (best is None or score > best[0]):
                best = (score, sheet, number)
            elif score >= LONE_HEADER_MATCHES:
                lone.append((score, sheet, number))
    if best is None and len(lone) == 1:
        best = lone[0]
    if best is None:
        names = ", ".join(f"“{s.title}”" for s in book.worksheets)
        return None, [Finding("workbook-no-list-sheet", file, value=names)]
    _, sheet, header_row = best
    findings = [Finding("workbook-read", file, value=sheet.title)]
    header: tuple[str, ...] = ()
    records: list[Record] = []
    rows = sheet.iter_rows(min_row=header_row, max_row=header_row + MAX_ROWS)
    dated: set[int] = set()
    fills = merged_down(sheet, header_row)
    anchors: dict[tuple[int, int], str] = {}  # (row, column) of a merged cell's text → its text
    for number, cells in enumerate(rows, header_row):
        cells = cells[: MAX_COLUMNS + 1]
        if number == header_row:
            header = tuple(_text(c.value) for c in cells)
            header = header[: _last_filled(header)]
            if len(header) > MAX_COLUMNS:
                count = str(len(header))
                params = {"limit": str(MAX_COLUMNS)}
                return None, [
                    Finding("too-many-columns", file, row=number, line=number, value=count, params=params)
                ]
            dated = {i for i, title in enumerate(header) if fold_compact(title) in text_headers}
            continue
        if number == header_row + 1:
            # Sub-headings under merged cells, or a row numbering the columns: as a CSV's.
            below = Record(number, number, tuple(_text(c.value) for c in cells[:MAX_COLUMNS]))
            read = under_header([Record(header_row, header_row, header), below], known_headers)
            if len(read) == 1:
                header = read[0].cells[: _last_filled(read[0].cells)]
                dated = {i for i, title in enumerate(header) if fold_compact(title) in text_headers}
                continue
        values = []
        for index, cell in enumerate(cells[: len(header)]):
            text, problem = _cell(cell)
            values.append(text)
            if problem == "workbook-date-in-text" and index not in dated:
                problem = None  # a date in a note or staff column is never published
            if problem:
                column = header[index] or None
                findings.append(Finding(problem, file, row=number, line=number, column=column, value=text))
        for index, top in fills.get(number, ()):
            if index < len(header):
                values += [""] * (index + 1 - len(values))
                if top == number:
                    anchors[top, index] = values[index]
                elif not values[index]:
                    values[index] = anchors.get((top, index), "")
        if any(values):
            records.append(Record(number, number, tuple(values)))
    if not header:
        return None, [Finding("file-empty", file)]
    return Table(",", header, header_row, header_row, tuple(records)), findings


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]{0,100}ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')
_MERGE_TAG_BYTES = 160  # longer than any match: a tag cut between two chunks is found whole


def _merged_down(data: bytes, sheet, header_row: int) -> dict[int, list[tuple[int, int]]]:
    """The cells of the list's rows under a cell merged down a column ("Bưu điện tỉnh" once for
    all its points, as official lists are laid out), by row: (column index, the merged cell's
    row). Excel shows the text on every row of the merge but stores it in the first only;
    read-only openpyxl does not read merges, so they are read from the sheet's XML."""
    from openpyxl.utils import column_index_from_string

    path = getattr(sheet, "_worksheet_path", None)
    merges: set[tuple[bytes, ...]] = set()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(path or "") as xml:
            # Streamed: a sheet unpacks to many times the file; the merges are at its end.
            tail = b""
            while chunk := xml.read(1 << 20):
                tail = tail[-_MERGE_TAG_BYTES:] + chunk
                merges.update(_MERGE.findall(tail))
    except (KeyError, zipfile.BadZipFile, OSError):
        return {}
    fills: dict[int, list[tuple[int, int]]] = {}
    for first, top, last, bottom in sorted(merges):
        top_row, bottom_row = int(top), min(int(bottom), header_row + MAX_ROWS)
        if first != last or top_row <= header_row:  # across columns, or part of the header
            continue
        index = column_index_from_string(first.decode()) - 1
        for number in range(top_row, bottom_row + 1):
            fills.setdefault(number, []).append((index, top_row))
    return fills


def _cell(cell) -> tuple[str, str | None]:
    """The cell as the clerk typed it, and the rule its type breaks, if any."""
    value = cell.value
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), None
    if isinstance(value, int | float):
        if abs(value) >= 10**EXACT_DIGITS:
            return f"{value:.{EXACT_DIGITS}g}", "workbook-number-lost-digits"
        if isinstance(value, float) and not value.is_integer():
            return repr(value), None
        return str(int(value)), None
    if isinstance(value, dt.datetime | dt.date):
        shown = value.strftime("%d/%m/%Y") if not _has_time(value) else value.strftime("%d/%m/%Y %H:%M")
        return shown, "workbook-date-in-text"
    if isinstance(value, dt.time):
        return value.strftime("%H:%M"), None
    return _text(value), None


def _has_time(value: dt.date) -> bool:
    return isinstance(value, dt.datetime) and (value.hour, value.minute) != (0, 0)


def _text(value) -> str:
    if value is None:
        return ""
    text = nfc(str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(collapse_spaces(line) for line in text.split("\n")).strip()


def _last_filled(cells: tuple[str, ...]) -> int:
    return max((i + 1 for i, c in enumerate(cells) if c), default=0)


def is_workbook(data: bytes) -> bool:
    return data.startswith(XLSX_MAGIC)
