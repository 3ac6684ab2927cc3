"""Pipeline stage 2, validate: run every check over a loaded file; publish only files with no
ERROR, and then only the allow-listed columns."""

from __future__ import annotations

from dataclasses import dataclass

from generator.findings import Finding, Severity, has_errors
from generator.load import LoadedFile
from generator.model import Point
from generator.units import admin_units
from generator.validate.checks import Check, Context
from generator.validate.checks.cells import check_cells
from generator.validate.checks.content import check_content
from generator.validate.checks.coordinates import check_coordinates
from generator.validate.checks.identity import check_identity
from generator.validate.checks.phones import check_phones
from generator.validate.checks.places import check_places
from generator.validate.mapping import map_columns
from generator.validate.memo import RowMemo
from generator.validate.records import build_points

# Checks whose every finding depends on its own row alone (see memo.py), then those comparing rows.
ROW_CHECKS: tuple[Check, ...] = (
    check_cells,
    check_phones,
    check_places,
    check_coordinates,
    check_content,
)
FILE_CHECKS: tuple[Check, ...] = (check_identity,)


@dataclass(frozen=True)
class ValidatedFile:
    loaded: LoadedFile
    findings: tuple[Finding, ...]
    points: tuple[Point, ...]  # empty unless the file is publishable

    @property
    def publishable(self) -> bool:
        return self.loaded.province_slug is not None and not has_errors(list(self.findings))


def validate_file(loaded: LoadedFile, memo: RowMemo | None = None) -> ValidatedFile:
    """`memo`: shared by the lists of one province, checked oldest first, so that unchanged rows
    are not checked again."""
    findings = list(loaded.findings)
    if loaded.table is None:
        return ValidatedFile(loaded, _sorted(findings), ())
    units = admin_units()
    province = units.province_by_slug(loaded.province_slug) if loaded.province_slug else None
    table, header_findings = map_columns(loaded.table, loaded.file)
    findings += header_findings
    # Checks run even when a column is missing, so a clerk sees every problem in one pass.
    context = Context(province, units)
    memo = memo or RowMemo()
    findings.extend(memo.run(ROW_CHECKS, table, context))
    for check in FILE_CHECKS:
        findings.extend(check(table, context))
    points: tuple[Point, ...] = ()
    if province is not None and loaded.month and not has_errors(findings):
        points = tuple(build_points(table, province, loaded.month, units, memo))
    return ValidatedFile(loaded, _sorted(findings), points)


def _sorted(findings: list[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (f.row or 0, f.severity.rank, f.code, f.column or "")))


__all__ = ["Severity", "ValidatedFile", "validate_file"]
