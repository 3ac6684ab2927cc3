"""A month of the series as the changes pages and feeds tell it: for each province, whether it
published a new list, sent one with errors, or sent nothing, and the diff of a new list."""

from __future__ import annotations

from dataclasses import dataclass

from generator.merge import Directory, ProvinceState
from generator.merge.diff import FIELD_LABELS, Change, ProvinceDiff
from generator.model import Point
from generator.units import Province

HISTORY_DIR = "thay-doi"
LIST_LIMIT = 25
# What a province did in a month, as the page and the feeds say it.
NEW, FIRST, REJECTED, UNCHANGED, NO_DATA = "new", "first", "rejected", "unchanged", "no-data"


@dataclass(frozen=True)
class ProvinceMonth:
    province: Province
    state: ProvinceState  # the province in the directory of that month
    status: str  # NEW, FIRST, REJECTED, UNCHANGED or NO_DATA
    diff: ProvinceDiff | None  # set when status is NEW

    @property
    def counts(self) -> tuple[int, int, int, int]:
        """Added, removed, changed (moves included), moved."""
        if self.diff is None:
            return (0, 0, 0, 0)
        d = self.diff
        return (len(d.added), len(d.removed), len(d.changed), len(d.moved))


@dataclass(frozen=True)
class MonthChanges:
    month: str
    provinces: tuple[ProvinceMonth, ...]  # all 34, in official code order

    def with_status(self, *statuses: str) -> list[ProvinceMonth]:
        return [p for p in self.provinces if p.status in statuses]

    @property
    def totals(self) -> tuple[int, int, int, int]:
        return tuple(sum(p.counts[i] for p in self.provinces) for i in range(4))  # type: ignore[return-value]


def month_changes(directory: Directory) -> MonthChanges:
    month = directory.month
    provinces = []
    for state in directory.provinces:
        diff = None
        if state.data_month == month:
            status = NEW if state.previous_month else FIRST
            diff = state.changes() if status == NEW else None
        elif month in state.rejected_months:
            status = REJECTED
        elif state.has_data:
            status = UNCHANGED
        else:
            status = NO_DATA
        provinces.append(ProvinceMonth(state.province, state, status, diff))
    return MonthChanges(month, tuple(provinces))


def _value(point: Point, field: str) -> str:
    if field == "commune_code":
        return point.commune_name
    value = getattr(point, field)
    if value is None or value == "":
        return "(trống)"
    return f"{value:.6f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def field_changes(change: Change) -> list[dict[str, str]]:
    return [
        {
            "field": f,
            "label": FIELD_LABELS.get(f, f),
            "before": _value(change.before, f),
            "after": _value(change.after, f),
        }
        for f in change.fields
    ]
