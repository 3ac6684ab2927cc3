"""Pipeline stage 1, load: find submission files, read them into tables, whatever their encoding."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.contract import column_by_header, columns
from generator.findings import Finding
from generator.load.decode import decode
from generator.load.layout import display_path, locate
from generator.load.table import Table, parse_table
from generator.load.workbook import is_workbook, read_workbook
from generator.text import fold_compact


@dataclass(frozen=True)
class LoadedFile:
    path: Path
    file: str  # as shown to people
    province_slug: str | None
    month: str | None
    table: Table | None  # None when the file could not be read at all
    encoding: str | None
    findings: tuple[Finding, ...]


def load_file(
    path: Path, data_root: Path, province_slug: str | None = None, month: str | None = None
) -> LoadedFile:
    """Read one submission. Province and month come from the path unless given explicitly
    (a clerk checking a file before putting it in place)."""
    file = display_path(path)
    findings: list[Finding] = []
    if province_slug is None:
        location = locate(path, data_root)
        findings += location.findings
        province_slug, month = location.province_slug, location.month
    data = path.read_bytes()
    if is_workbook(data):
        known = frozenset(column_by_header())
        text = frozenset(fold_compact(c.title) for c in columns() if c.publish)
        table, table_findings = read_workbook(data, file, known, text)
        findings += table_findings
        return LoadedFile(path, file, province_slug, month, table, "xlsx", tuple(findings))
    decoded = decode(data, file)
    findings += decoded.findings
    table = None
    if decoded.text is not None:
        table, table_findings = parse_table(decoded.text, file)
        findings += table_findings
    return LoadedFile(path, file, province_slug, month, table, decoded.encoding, tuple(findings))
