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
import zipfile
import zlib
from collections.abc import Callable
from functools import partial
from typing import Any

from generator.findings import Finding, yields
from generator.limits import EXACT_DIGITS, HEADER_SEARCH_ROWS, MAX_BYTES, MAX_COLUMNS
from generator.load.excel_errors import error_checked
from generator.load.sheets import SheetMarks, is_guide, names_month, sheet_marks
from generator.load.table import LONE_HEADER_MATCHES, MIN_MATCHING_HEADERS, Record, Table, under_header
from generator.text import collapse_spaces, fold_compact, nfc

XLSX_MAGIC = b"PK\x03\x04"
# Unpacked, a workbook is several times its size; a zip bomb is refused before it is opened.
MAX_UNPACKED_BYTES = 10 * MAX_BYTES
MAX_ROWS = 200_000


# What a sheet cut short or damaged inside a sound zip raises when its rows are read: its XML
# ends early or is not XML (ElementTree's and lxml's parse errors are SyntaxErrors), its
# compressed bytes do not inflate or fail their checksum.
_DAMAGED_SHEET = (SyntaxError, zipfile.BadZipFile, zlib.error, EOFError)


@yields("file-too-large", "workbook-unreadable")
def read_workbook(
    data: bytes,
    file: str,
    known_headers: frozenset[str],
    text_headers: frozenset[str],
    month: str | None = None,
) -> tuple[Table | None, list[Finding]]:
    """`known_headers`: the template's headers, folded (`fold_compact`), to pick the sheet;
    `text_headers`: those of the published columns, where a date cell is a typing lost; `month`
    (YYYY-MM), the list's, tells apart sheets kept one per month."""
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
    except (*_DAMAGED_SHEET, InvalidFileException, KeyError, OSError, ValueError) as exc:
        return None, [Finding("workbook-unreadable", file, value=_what_failed(data, exc))]
    try:
        return _read(book, file, known_headers, text_headers, partial(sheet_marks, data), month)
    except _DAMAGED_SHEET as exc:  # read-only sheets are unpacked and parsed only as they are read
        return None, [Finding("workbook-unreadable", file, value=_what_failed(data, exc))]
    finally:
        book.close()


@yields(
    "workbook-no-list-sheet",
    "workbook-read",
    "workbook-several-lists",
    "workbook-hidden-sheet-ignored",
)
def _read(
    book,
    file: str,
    known_headers: frozenset[str],
    text_headers: frozenset[str],
    marks: Callable[[Any, int, int], SheetMarks] = lambda sheet, header, last: SheetMarks(),
    month: str | None = None,
) -> tuple[Table | None, list[Finding]]:
    found: list[tuple[int, Any, int]] = []  # per sheet, its best header row
    lone = []  # rows heading fewer template columns: the header only when the one such row
    for sheet in book.worksheets:
        best = None
        rows = sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True)
        for number, cells in enumerate(rows, start=1):
            score = sum(fold_compact(str(c)) in known_headers for c in cells if c is not None)
            if score >= MIN_MATCHING_HEADERS and (best is None or score > best[0]):
                best = (score, sheet, number)
            elif LONE_HEADER_MATCHES <= score < MIN_MATCHING_HEADERS:
                lone.append((score, sheet, number))
        if best is not None:
            found.append(best)
    if not found and len(lone) == 1:
        found = lone
    if not found:
        names = ", ".join(f"“{s.title}”" for s in book.worksheets)
        return None, [Finding("workbook-no-list-sheet", file, value=names)]
    # A hidden sheet is last month's list or a copy kept aside: the clerk sees the visible one.
    visible = [f for f in found if getattr(f[1], "sheet_state", "visible") == "visible"]
    ignored = [f[1].title for f in found if visible and f not in visible]
    notes = [Finding("workbook-hidden-sheet-ignored", file, value=title) for title in ignored]
    pool = visible or found
    # A summary or a form naming a few of the columns beside the list naming them all is not one.
    pool = [f for f in pool if 2 * f[0] > max(f[0] for f in pool)]
    read = [(sheet, *_table(sheet, row, file, known_headers, text_headers, marks)) for _, sheet, row in pool]
    listed = [r for r in read if r[1] is not None and r[1].records] or read[:1]
    # A guide or example sheet that copies the header (and an example row) is not the list.
    listed = [r for r in listed if not is_guide(r[0].title)] or listed
    if len(listed) > 1:
        named = [r for r in listed if names_month(r[0].title, month)]
        first = listed[0][1]
        if len(named) == 1:
            listed = named
        elif any(r[1] is None or first is None or r[1].records != first.records for r in listed[1:]):
            names = ", ".join(f"“{r[0].title}”" for r in listed)
            several = Finding("workbook-several-lists", file, value=names, params={"month": _label(month)})
            return None, [several]
    sheet, table, findings = listed[0]
    if table is None:
        return None, findings
    return table, [Finding("workbook-read", file, value=sheet.title), *notes, *findings]


def _label(month: str | None) -> str:
    return f"Tháng {int(month[5:])}" if month else "Tháng <số tháng>"


@yields(
    "too-many-columns",
    "workbook-date-in-text",
    "workbook-number-lost-digits",
    "excel-formula-error",
    "workbook-formula-not-calculated",
    "workbook-hidden-row",
    "file-empty",
)
def _table(
    sheet,
    header_row: int,
    file: str,
    known_headers: frozenset[str],
    text_headers: frozenset[str],
    marks: Callable[[Any, int, int], SheetMarks],
) -> tuple[Table | None, list[Finding]]:
    findings: list[Finding] = []
    header: tuple[str, ...] = ()
    records: list[Record] = []
    rows = sheet.iter_rows(min_row=header_row, max_row=header_row + MAX_ROWS)
    published: set[int] = set()  # columns whose cells are published: a wrong cell there matters
    marked = marks(sheet, header_row, header_row + MAX_ROWS)
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
            published = {i for i, title in enumerate(header) if fold_compact(title) in text_headers}
            continue
        if number == header_row + 1:
            # Sub-headings under merged cells, or a row numbering the columns: as a CSV's.
            below = Record(number, number, tuple(_text(c.value) for c in cells[:MAX_COLUMNS]))
            read = under_header([Record(header_row, header_row, header), below], known_headers)
            if len(read) == 1:
                header = read[0].cells[: _last_filled(read[0].cells)]
                published = {i for i, title in enumerate(header) if fold_compact(title) in text_headers}
                continue
        values = []
        for index, cell in enumerate(cells[: len(header)]):
            text, problem = _cell(cell)
            if problem is None and (number, index) in marked.uncalculated:
                text, problem = marked.uncalculated[number, index], "workbook-formula-not-calculated"
            values.append("" if problem == "workbook-formula-not-calculated" else text)
            if problem in _PUBLISHED_ONLY and index not in published:
                problem = None  # a note or staff cell is never published
            elif problem == "excel-formula-error" and not error_checked(header[index]):
                problem = None  # a phone or coordinate cell: its own check names what it cannot read
            if problem:
                column = header[index] or None
                findings.append(Finding(problem, file, row=number, line=number, column=column, value=text))
        for index, top in marked.fills.get(number, ()):
            if index < len(header):
                values += [""] * (index + 1 - len(values))
                if top == number:
                    anchors[top, index] = values[index]
                elif not values[index]:
                    values[index] = anchors.get((top, index), "")
        if any(values):
            records.append(Record(number, number, tuple(values)))
            if number in marked.hidden:
                findings.append(Finding("workbook-hidden-row", file, row=number, line=number))
    if not header:
        return None, [Finding("file-empty", file)]
    return Table(",", header, header_row, header_row, tuple(records)), findings


# Rules about what a cell shows, which matter only where the cell is published.
_PUBLISHED_ONLY = frozenset(
    {"workbook-date-in-text", "excel-formula-error", "workbook-formula-not-calculated"}
)


def _what_failed(data: bytes, exc: Exception) -> str:
    """Why a zip is no workbook, in the clerk's words rather than the exception's name."""
    if b"opendocument.spreadsheet" in data[:200]:  # the first entry of an .ods names its type
        return "bảng tính LibreOffice .ods, không phải .xlsx"
    if isinstance(exc, zipfile.BadZipFile):
        return "file hỏng hoặc chưa tải lên hết"
    return "file nén không phải sổ tính Excel .xlsx, hoặc sổ tính hỏng"


def _cell(cell) -> tuple[str, str | None]:
    """The cell as the clerk typed it, and the rule its type breaks, if any."""
    value = cell.value
    if getattr(cell, "data_type", None) == "e" and value is not None:
        return _text(value), "excel-formula-error"  # "#REF!": what Excel shows, not the cell's content
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
