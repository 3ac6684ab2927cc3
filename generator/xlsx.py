"""Workbooks the project writes for people (a province's published list, a clerk's corrected
list): every cell text, never a number or a formula, and the same bytes for the same rows."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable

SHEET_TITLE = "Danh sách"
# The workbook's own dates (zip entries, document properties) are fixed, so that two builds of
# the same data give the same bytes.
_FIXED_DATE = (2025, 7, 1, 0, 0, 0)
_PROPERTY_DATE = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)")


def text_workbook(rows: Iterable[list[str]]) -> bytes:
    """One sheet of text cells: a phone or a code stays as written, and a cell starting with "="
    stays text (openpyxl would store it as a formula)."""
    from openpyxl import Workbook  # here: a build that reuses its workbooks never imports it

    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = SHEET_TITLE
    for row in rows:
        sheet.append(row)
    for line in sheet.iter_rows():
        for cell in line:
            if cell.value is not None:
                cell.value = str(cell.value)
                cell.data_type = "s"
            cell.number_format = "@"
    saved = io.BytesIO()
    book.save(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _PROPERTY_DATE.sub(rb"\g<1>2025-07-01T00:00:00Z\2", data)
            target.writestr(zipfile.ZipInfo(info.filename, _FIXED_DATE), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()
