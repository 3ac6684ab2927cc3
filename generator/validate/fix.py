"""`validate --fix OUT`: the clerk's own list back, with every automatic repair applied and a
column "Kết quả kiểm tra" that says, row by row, what was repaired and what must still be fixed.

The file keeps the clerk's format (CSV or .xlsx), headers, column order and extra columns, so it
can be corrected in place and sent as the next submission. A published row carries the values as
published (phones formatted, the commune by its 2025 name, invisible characters gone); a held row
carries its cells as read, with the reasons it was held.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from generator.findings import Finding, Severity
from generator.load import LoadedFile
from generator.text import spreadsheet_safe
from generator.units import admin_units
from generator.validate import ValidatedFile
from generator.validate.clean import clean_cells
from generator.validate.mapping import map_columns
from generator.xlsx import text_workbook

RESULT_HEADER = "Kết quả kiểm tra"
PASSED = "Đạt"


def corrected_table(loaded: LoadedFile, validated: ValidatedFile) -> tuple[list[str], list[list[str]]]:
    """The header and rows to write back; raises nothing, but needs a readable table."""
    assert loaded.table is not None
    table = loaded.table
    mapped, _ = map_columns(table, loaded.file)
    cleaned, _ = clean_cells(mapped)
    positions = {key: table.header.index(title) for key, title in mapped.headers.items()}
    units = admin_units()
    by_code = {p.code: p for p in validated.points}
    by_row = _findings_by_row(validated.findings)
    held = {h.row for h in validated.held}
    header = [h for h in table.header if h != RESULT_HEADER] + [RESULT_HEADER]
    rows = []
    for record, row in zip(table.records, cleaned.rows, strict=True):
        cells = list(record.cells[: len(table.header)]) + [""] * (len(table.header) - len(record.cells))
        point = None if row.row in held else by_code.get(row.values.get("code", ""))
        if point is not None:
            values = point.submission_cells(units.provinces[point.province_code].short_name)
        else:
            values = row.values
        for key, index in positions.items():
            if key in values:
                cells[index] = values[key]
        cells = [c for i, c in enumerate(cells) if table.header[i] != RESULT_HEADER]
        rows.append([*cells, _result(by_row.get(row.row, []), row.row in held)])
    return header, rows


def _findings_by_row(findings: tuple[Finding, ...]) -> dict[int, list[Finding]]:
    by_row: dict[int, list[Finding]] = {}
    for finding in findings:
        if finding.row is not None and finding.severity is not Severity.INFO:
            by_row.setdefault(finding.row, []).append(finding)
    return by_row


def _result(findings: list[Finding], held: bool) -> str:
    if not findings:
        return PASSED
    errors = [f.message for f in findings if f.severity is Severity.ERROR]
    repaired = [f.message for f in findings if f.severity is Severity.WARNING]
    parts = []
    if held:
        parts.append("CHƯA CÔNG BỐ — cần sửa: " + " | ".join(errors))
    if repaired:
        parts.append("Đã tự sửa hoặc cần xem lại: " + " | ".join(repaired))
    return "\n".join(parts)


def write_corrected(path: Path, header: list[str], rows: list[list[str]], as_workbook: bool) -> None:
    """In the clerk's format: a workbook, or a CSV that Excel opens with its diacritics."""
    if as_workbook:
        path.write_bytes(text_workbook([header, *rows]))
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([spreadsheet_safe(c) for c in row] for row in rows)
    path.write_bytes(codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8"))
