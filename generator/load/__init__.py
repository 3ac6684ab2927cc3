"""Pipeline stage 1, load: find submission files, read them into tables, whatever their encoding."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.contract import column_by_header, columns
from generator.findings import Finding, yields
from generator.limits import megabytes
from generator.load import decode as decode_module
from generator.load.decode import decode
from generator.load.excel_errors import excel_errors
from generator.load.layout import display_path, locate
from generator.load.safe_read import FileTooLarge, NotRegularFile, entry_kind, linked_component, read_regular
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
    data = _read(path, data_root, file, findings)
    if data is None:
        return LoadedFile(path, file, province_slug, month, None, None, tuple(findings))
    if is_workbook(data):
        text = frozenset(fold_compact(c.title) for c in columns() if c.publish)
        table, table_findings = read_workbook(data, file, _known_headers(), text, month)
        findings += table_findings
        return LoadedFile(path, file, province_slug, month, table, "xlsx", tuple(findings))
    decoded = decode(data, file)
    del data  # freed before parsing, the file's bytes give their memory to the table's rows
    findings += decoded.findings
    table = None
    if decoded.text is not None:
        table, table_findings = parse_table(decoded.text, file, _known_headers())
        findings += table_findings
        if table is not None and "#" in decoded.text:
            findings += excel_errors(table, file)
    return LoadedFile(path, file, province_slug, month, table, decoded.encoding, tuple(findings))


@cache
def _known_headers() -> frozenset[str]:
    """Every header a list may write (the template's and their aliases, folded): how a title
    above the header, in a CSV or a workbook, is told from the header."""
    return frozenset(column_by_header())


@yields("not-regular-file", "file-too-large")
def _read(path: Path, data_root: Path, file: str, findings: list[Finding]) -> bytes | None:
    """The file's bytes, or None with a finding: a symlink anywhere on its way below the data
    folder, or a file that is not regular, is never opened; a file over the size limit is
    refused from its size before a byte is read."""
    link = linked_component(path, data_root)
    if link is not None:
        kind = entry_kind(link.lstat().st_mode)
        findings.append(Finding("not-regular-file", file, value=display_path(link), params={"kind": kind}))
        return None
    limit = decode_module.MAX_BYTES  # read at call time: tests lower it
    try:
        return read_regular(path, limit)
    except NotRegularFile as exc:
        findings.append(Finding("not-regular-file", file, value=file, params={"kind": exc.kind}))
    except FileTooLarge as exc:
        size = f"{exc.size / 1024 / 1024:.1f} MB"
        findings.append(Finding("file-too-large", file, value=size, params={"limit": megabytes(limit)}))
    return None
