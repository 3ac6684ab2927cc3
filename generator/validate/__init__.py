"""Pipeline stage 2, validate: run every check over a loaded file and build the published points
of its good rows (allow-listed columns only).

An ERROR holds back what it is about: its row, or the whole file (see `Holds`). A held row's point
keeps its previously published version in the merge stage; the rest of the list is published.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from generator.findings import Finding, held_rows, yields
from generator.limits import MOST_ROWS_HELD_MIN, MOST_ROWS_HELD_SHARE
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
from generator.validate.checks.shifted import check_shifted
from generator.validate.columns import forget_columns
from generator.validate.mapping import MappedTable, map_columns
from generator.validate.memo import RowMemo
from generator.validate.records import build_points

# Checks whose every finding depends on its own row alone (see memo.py), then those comparing rows.
ROW_CHECKS: tuple[Check, ...] = (
    check_cells,
    check_phones,
    check_places,
    check_coordinates,
    check_content,
    check_shifted,
)
FILE_CHECKS: tuple[Check, ...] = (check_identity,)
# More than MOST_ROWS_HELD_SHARE of the rows held (generator/limits.py) and the list is held
# whole: so many bad rows mean a shifted column, a wrong file or a broken export, and publishing
# the rest would empty the province's list of most of its points. Below MOST_ROWS_HELD_MIN held
# rows, holding row by row already keeps every affected point's previous version, and a short
# list is not a systematic breakage.


@dataclass(frozen=True)
class HeldRow:
    """A row kept off the site, and what the merge needs to keep its point's previous version."""

    row: int
    code: str  # the point's code as written; "" when the code cell itself is empty
    findings: tuple[Finding, ...]  # its ERRORs


@dataclass(frozen=True)
class ValidatedFile:
    loaded: LoadedFile
    findings: tuple[Finding, ...]
    points: tuple[Point, ...]  # the good rows' points; empty unless the file is publishable
    held: tuple[HeldRow, ...] = ()
    rows: int = 0
    # The validation cache's key of this result (a digest of the file's bytes, its place and the
    # tool: validate/cache.py), "" when it is not kept there. What is made from the list alone
    # (the merge of its province) can be keyed by it.
    digest: str = field(default="", compare=False)
    # True when `points` were left in the cache (`validate_paths(defer_points=True)`): `points`
    # is then empty, and `validate.dataset.with_points` reads them.
    points_deferred: bool = field(default=False, compare=False)

    @property
    def publishable(self) -> bool:
        return self.loaded.province_slug is not None and not any(f.holds_file for f in self.findings)


@yields("most-rows-held")
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
    # Cells cleaned, then checks, which run even when a column is missing, so a clerk sees every
    # problem in one pass.
    context = Context(province, units)
    memo = memo or RowMemo(keep=False)
    table, row_findings = memo.check_rows(ROW_CHECKS, table, context)
    findings += row_findings
    for check in FILE_CHECKS:
        findings.extend(check(table, context))
    held = held_rows(findings)
    if len(held) >= MOST_ROWS_HELD_MIN and len(held) > MOST_ROWS_HELD_SHARE * len(table.rows):
        findings.append(
            Finding(
                "most-rows-held",
                table.file,
                value=f"{len(held)}/{len(table.rows)}",
                params={"limit": f"{MOST_ROWS_HELD_SHARE:.0%}"},
            )
        )
    ordered = _sorted(findings)
    held_records = _held(table, ordered, held)
    points: tuple[Point, ...] = ()
    if province is not None and loaded.month and not any(f.holds_file for f in ordered):
        good = replace(table, rows=tuple(row for row in table.rows if row.row not in held)) if held else table
        points = tuple(build_points(good, province, loaded.month, units, memo, context.readings))
    forget_columns()
    return ValidatedFile(loaded, ordered, points, held_records, len(table.rows))


def _held(table: MappedTable, findings: tuple[Finding, ...], held: set[int]) -> tuple[HeldRow, ...]:
    if not held:  # most lists: no row to walk
        return ()
    errors: dict[int, list[Finding]] = {}
    for finding in findings:
        if finding.row in held and finding.holds_row:
            errors.setdefault(finding.row, []).append(finding)
    return tuple(
        HeldRow(row.row, row.values.get("code", ""), tuple(errors[row.row]))
        for row in table.rows
        if row.row in held
    )


def _sorted(findings: list[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (f.row or 0, f.severity.rank, f.code, f.column or "")))


__all__ = ["HeldRow", "ValidatedFile", "validate_file"]
