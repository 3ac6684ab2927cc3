"""What a workbook's sheet XML says that read-only openpyxl does not: cells merged down a column,
rows hidden (by hand or by a filter), formulas saved without their result; and which sheet title
names the list's month.

Read-only openpyxl streams cell values and nothing else, which keeps a 1,048,576-row sheet
cheap; these few facts are read from the same XML in one streamed pass instead.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass, field

from generator.text import fold

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]{0,100}ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')
# A row tag with hidden="1": the lookahead keeps the scan in C for the many rows not hidden.
_HIDDEN_ROW = re.compile(rb'<(?:\w+:)?row\s(?=[^>]{0,400}\bhidden="(?:1|true)")[^>]{0,400}?\br="(\d{1,7})"')
# A formula cell with no <v>: written by a program that does not calculate (Excel, LibreOffice
# and Google Sheets save the result beside the formula; openpyxl and many exporters do not). A
# text result (t="str") was calculated, even when it is empty ("<v></v>" of =IF(…;"";…)).
_UNCALCULATED = re.compile(
    rb'<(?:\w+:)?c\s(?![^>]{0,400}\bt="str")[^>]{0,200}?\br="([A-Z]{1,3})(\d{1,7})"[^>]{0,200}>\s*'
    rb"<(?:\w+:)?f(?:\s[^>]{0,200})?(?:/>|>([^<]{0,200})</(?:\w+:)?f>)\s*"
    rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"  # an empty <v/> is no result
)
_OVERLAP = 1024  # longer than any tag matched: a tag cut between two chunks is found whole


@dataclass
class SheetMarks:
    # row → (column index, the merged cell's row) of the cells under a cell merged down a column
    fills: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    hidden: set[int] = field(default_factory=set)  # rows hidden by hand or by a filter
    uncalculated: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) → formula


def sheet_marks(data: bytes, sheet, header_row: int, last_row: int) -> SheetMarks:
    """Excel shows a merged cell's text on every row of the merge but stores it in the first only
    ("Bưu điện tỉnh" once for all its points, as official lists are laid out); a hidden row is
    still a row of the list; a formula without a result is an empty cell to openpyxl."""
    from openpyxl.utils import column_index_from_string

    path = getattr(sheet, "_worksheet_path", None)
    merges: set[tuple[bytes, ...]] = set()
    hidden: set[bytes] = set()
    formulas: set[tuple[bytes, ...]] = set()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(path or "") as xml:
            # Streamed: a sheet unpacks to many times the file; the merges are at its end.
            tail = b""
            while chunk := xml.read(1 << 20):
                tail = tail[-_OVERLAP:] + chunk
                merges.update(_MERGE.findall(tail))
                hidden.update(_HIDDEN_ROW.findall(tail))
                if b"<f" in tail or b":f" in tail:
                    formulas.update(_UNCALCULATED.findall(tail))
    except (KeyError, zipfile.BadZipFile, OSError):
        return SheetMarks()
    marks = SheetMarks(hidden={n for n in map(int, hidden) if header_row < n <= last_row})
    for first, top, last, bottom in sorted(merges):
        top_row, bottom_row = int(top), min(int(bottom), last_row)
        if first != last or top_row <= header_row:  # across columns, or part of the header
            continue
        index = column_index_from_string(first.decode()) - 1
        for number in range(top_row, bottom_row + 1):
            marks.fills.setdefault(number, []).append((index, top_row))
    for letters, row, formula in formulas:
        if header_row < int(row) <= last_row:
            index = column_index_from_string(letters.decode()) - 1
            shown = (
                "=" + html.unescape(formula.decode("utf-8", "replace"))
                if formula
                else (letters + row).decode()
            )
            marks.uncalculated[int(row), index] = shown
    return marks


_MONTH_WORD = r"\b(?:thang|th|t)\s*[-._/]?\s*0?{m}(?!\d)"


def names_month(title: str, month: str | None) -> bool:
    """Whether a sheet's title names the list's month ("Tháng 11", "T11", "11-2026", "2026.11"):
    how a clerk who keeps one sheet per month tells them apart."""
    if not month:
        return False
    year, number = month.split("-")
    m = str(int(number))
    text = fold(title)
    patterns = (
        _MONTH_WORD.format(m=m),
        rf"(?<!\d)0?{m}\s*[-._/]\s*{year}(?!\d)",
        rf"(?<!\d){year}\s*[-._/]\s*0?{m}(?!\d)",
    )
    return any(re.search(p, text) for p in patterns)


# Sheets that explain the list or show an example of it, not the list itself.
_GUIDE = re.compile(r"\b(?:huong dan|vi du|ghi chu|chu thich|instructions?|example)\b")


def is_guide(title: str) -> bool:
    """Whether a sheet's title says it is guidance or an example ("Hướng dẫn", "Ví dụ"); not
    "Mẫu", which also names the official forms ("Mẫu 01") lists are made on."""
    return _GUIDE.search(fold(title)) is not None
