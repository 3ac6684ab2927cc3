"""Workbooks the project writes for people (a province's published list, a clerk's corrected
list): every cell text, never a number or a formula, and the same bytes for the same rows."""

from __future__ import annotations

import importlib.util
import io
import pickle
import re
import zipfile
from collections.abc import Callable, Iterable
from functools import cache
from importlib import metadata

SHEET_TITLE = "Danh sách"
# The workbook's own dates (zip entries, document properties) are fixed, so that two builds of
# the same data give the same bytes.
_FIXED_DATE = (2025, 7, 1, 0, 0, 0)
_PROPERTY_DATE = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)")


# `keep(namespace, source, make)`: `make()`, or what it returned before for the same source (the
# render stage's memo, backed by the build's cache).
Keep = Callable[[str, bytes, Callable[[], bytes]], bytes]


def text_workbook(rows: Iterable[list[str]], keep: Keep | None = None) -> bytes:
    """One sheet of text cells: a phone or a code stays as written, and a cell starting with "="
    stays text (openpyxl would store it as a formula). With `keep`, the parts openpyxl gives every
    workbook are kept by its version: a build that writes one workbook does not import openpyxl
    (a quarter of a second) to make them again."""
    rows = [list(row) for row in rows]
    if not rows or _lxml():
        return _openpyxl_workbook(rows)
    template = _template_parts() if keep is None else _kept_template(keep)
    sheet = _sheet_xml(rows, template)
    if sheet is None:
        return _openpyxl_workbook(rows)
    parts = dict(template)
    parts[_SHEET] = sheet
    return _zipped(parts.items())


def _kept_template(keep: Keep) -> tuple[tuple[str, bytes], ...]:
    """What the parts are made with: openpyxl and its XML writer, at their versions."""
    return pickle.loads(keep("xlsx-template", _template_source(), lambda: pickle.dumps(_template_parts())))


@cache
def _template_source() -> bytes:
    # Once a process: reading a package's version takes a millisecond, and a build writes a
    # workbook per province.
    versions = [f"{package}={metadata.version(package)}" for package in ("openpyxl", "et_xmlfile")]
    return ",".join(versions).encode()


def _openpyxl_workbook(rows: list[list[str]]) -> bytes:
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
    with zipfile.ZipFile(saved) as source:
        return _zipped((info.filename, source.read(info.filename)) for info in source.infolist())


def _zipped(parts: Iterable[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            if name == "docProps/core.xml":
                data = _PROPERTY_DATE.sub(rb"\g<1>2025-07-01T00:00:00Z\2", data)
            target.writestr(zipfile.ZipInfo(name, _FIXED_DATE), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


# openpyxl took 0.36 ms a point (10 s of a cold national build) to write cells that are all alike.
# The sheet is written here as openpyxl writes it (its ElementTree writer: inline strings, one
# style, `xml:space` where openpyxl puts it), and the other parts are those of a workbook openpyxl
# made; anything this does not write exactly as openpyxl would (a value that is not text, a
# character a worksheet refuses, a cell over the length limit, lxml installed) goes to openpyxl.
# tests/test_xlsx.py compares both writers' bytes.
_SHEET = "xl/worksheets/sheet1.xml"
_REFUSED = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")  # openpyxl's ILLEGAL_CHARACTERS_RE
_MAX_CELL = 32767
_MAX_COLUMNS = 18278  # ZZZ: openpyxl refuses a column past it


@cache
def _template_parts() -> tuple[tuple[str, bytes], ...]:
    """The parts of a one-cell workbook from openpyxl, in its order (none depends on the cells)."""
    book = _openpyxl_workbook([["x"]])
    with zipfile.ZipFile(io.BytesIO(book)) as source:
        return tuple((info.filename, source.read(info.filename)) for info in source.infolist())


def _sheet_frame(template: tuple[tuple[str, bytes], ...]) -> tuple[str, str]:
    sheet = dict(template)[_SHEET].decode("utf-8")
    head, rest = sheet.split("<sheetData>", 1)
    return head + "<sheetData>", "</sheetData>" + rest.split("</sheetData>", 1)[1]


def _sheet_xml(rows: list[list[str]], template: tuple[tuple[str, bytes], ...] | None = None) -> bytes | None:
    width = max((len(row) for row in rows), default=0)
    if not rows or not all(rows) or width > _MAX_COLUMNS or _lxml():
        return None
    letters = [_column_letter(i) for i in range(1, width + 1)]
    out: list[str] = []
    for number, row in enumerate(rows, start=1):
        if len(row) == width and all(type(value) is str for value in row):
            line = _text_row(number, row, letters)
        else:
            line = _any_row(number, row, letters)
        if line is None:
            return None
        out.append(line)
    head, tail = _sheet_frame(_template_parts() if template is None else template)
    dimension = f'<dimension ref="A1:{letters[-1]}{len(rows)}" />'
    head = re.sub(r'<dimension ref="[^"]*" />', dimension, head, count=1)
    return (head + "".join(out) + tail).encode("utf-8")


def _text_row(number: int, row: list[str], letters: list[str]) -> str | None:
    """A row of text cells, as `_any_row` writes it, with the checks and the escaping done once
    for the row rather than once a cell (420,000 cells at national scale)."""
    joined = "".join(row)
    if _REFUSED.search(joined) or max(map(len, row)) > _MAX_CELL:
        return None
    texts = row
    if "&" in joined or "<" in joined or ">" in joined:
        # NUL is refused above, so it is in no cell and can separate them.
        escaped = "\0".join(row).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        texts = escaped.split("\0")
    cells = [f'<row r="{number}">']
    for letter, value, text in zip(letters, row, texts, strict=True):
        if value == "":
            cells.append(f'<c r="{letter}{number}" s="1" t="inlineStr" />')
            continue
        stripped = value.strip()
        space = ' xml:space="preserve"' if stripped and stripped != value else ""
        cells.append(f'<c r="{letter}{number}" s="1" t="inlineStr"><is><t{space}>{text}</t></is></c>')
    cells.append("</row>")
    return "".join(cells)


def _any_row(number: int, row: list, letters: list[str]) -> str | None:
    out = [f'<row r="{number}">']
    for index, letter in enumerate(letters):
        value = row[index] if index < len(row) else None
        if value is None:
            out.append(f'<c r="{letter}{number}" s="1" t="n" />')
            continue
        if type(value) is not str or len(value) > _MAX_CELL or _REFUSED.search(value):
            return None
        if value == "":
            out.append(f'<c r="{letter}{number}" s="1" t="inlineStr" />')
            continue
        stripped = value.strip()
        space = ' xml:space="preserve"' if stripped and stripped != value else ""
        text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out.append(f'<c r="{letter}{number}" s="1" t="inlineStr"><is><t{space}>{text}</t></is></c>')
    out.append("</row>")
    return "".join(out)


def _column_letter(number: int) -> str:
    """Column 1 is A, 27 AA (openpyxl's `get_column_letter`, without importing openpyxl)."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _lxml() -> bool:
    """Whether openpyxl writes with lxml. Without lxml installed it cannot: openpyxl is not
    imported to be told so."""
    if importlib.util.find_spec("lxml") is None:
        return False
    from openpyxl import LXML

    return bool(LXML)
