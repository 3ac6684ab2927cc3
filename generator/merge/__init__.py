"""Pipeline stage 3, merge: the national directory for a month out of the monthly series.

For each province the directory holds its latest list dated ≤ the month that was not held whole;
a held list never replaces the one already published. In a published list, a held row's point
keeps the version published before (same code), whole; a new point whose row is held waits. A list
that drops more than a fifth of the published points needs a recorded confirmation
(`<YYYY-MM>.yaml` beside it).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.findings import Finding, yields
from generator.load.layout import display_path
from generator.load.side_files import load_confirmation
from generator.merge.diff import ProvinceDiff, diff_points, looks_reused
from generator.model import Point
from generator.policy.fields import PolicyError
from generator.rules.month_to_month import MASS_REMOVAL_SHARE
from generator.units import Province, admin_units
from generator.validate import HeldRow, ValidatedFile

STALE_AFTER_MONTHS = 2


@dataclass(frozen=True)
class ProvinceState:
    province: Province
    data_month: str | None  # month of the published list; None when the province never sent one
    points: tuple[Point, ...]
    previous_month: str | None
    previous_points: tuple[Point, ...]
    rejected_months: tuple[str, ...]  # lists with an ERROR, kept offline
    stale: bool
    held: tuple[HeldRow, ...] = ()  # rows of the published list kept off the site
    # The diff computed once while merging, on the points as published (before enrich adds
    # centroids to `points` only, which would otherwise show up as position changes).
    diff: ProvinceDiff | None = field(default=None, repr=False, compare=False)
    # Set in a summary (`summarised`): the number of points of a state whose points were let go.
    count: int | None = None
    # The merge cache's key of the province's whole series (merge/cache.py: a digest of all the
    # replay read), "" when it was not kept: what is made from the series alone can be keyed by it.
    source: str = field(default="", compare=False)

    @property
    def has_data(self) -> bool:
        return self.data_month is not None

    @property
    def point_count(self) -> int:
        return len(self.points) if self.count is None else self.count

    def summary(self) -> ProvinceState:
        """The state without its lists of points: what a month before the built one is read for
        (its marks, its diff and its number of points: the changes pages and feeds). Only the
        points of its held rows stay, which its page says are shown in their previous version."""
        held = {h.code for h in self.held}
        kept = tuple(p for p in self.points if p.code in held) if held else ()
        return replace(self, points=kept, previous_points=(), count=self.point_count)

    def changes(self) -> ProvinceDiff:
        """What the province's latest published list changed against the one before."""
        if self.diff is not None:
            return self.diff
        if self.count is not None and self.count:
            # A first list's diff (every point added) is made from its points, which a summary let go.
            raise ValueError(f"{self.province.slug} {self.data_month}: a summary keeps only its diff")
        return diff_points(
            self.province.slug,
            list(self.previous_points),
            list(self.points),
            self.previous_month,
            self.data_month,
        )


@dataclass(frozen=True)
class Directory:
    month: str
    provinces: tuple[ProvinceState, ...]  # all 34, in official code order
    findings: tuple[Finding, ...]

    @property
    def points(self) -> list[Point]:
        return [p for state in self.provinces for p in state.points]


def months_between(earlier: str, later: str) -> int:
    (y1, m1), (y2, m2) = (map(int, earlier.split("-")), map(int, later.split("-")))
    return (y2 - y1) * 12 + (m2 - m1)


def latest_month(validated: Iterable[ValidatedFile]) -> str | None:
    months = [v.loaded.month for v in validated if v.loaded.month and v.loaded.province_slug]
    return max(months, default=None)


def resolve_month(
    validated: Iterable[ValidatedFile], month: str | None, data_root: Path, error: type[Exception]
) -> str:
    """The month asked for, else the latest month with a list; `error` when there is no list."""
    month = month or latest_month(validated)
    if month is None:
        raise error(f"Không có danh sách nào trong {display_path(data_root)}/provinces.")
    return month


def merge(validated: Iterable[ValidatedFile], month: str) -> Directory:
    return merge_series(validated, month, months=(month,))[-1]


def series_months(validated: Iterable[ValidatedFile], month: str) -> tuple[str, ...]:
    """Every month some province sent a list for, up to `month` (which is always included)."""
    months = {v.loaded.month for v in validated if v.loaded.month and v.loaded.province_slug}
    return tuple(sorted({m for m in months if m <= month} | {month}))


# A province's replay: (state, findings so far) for each month, from its lists oldest first.
Replayed = Iterable[tuple[ProvinceState, list[Finding]]]
Replay = Callable[[Province, list[ValidatedFile], tuple[str, ...]], Replayed]


def merge_series(
    validated: Iterable[ValidatedFile],
    month: str,
    months: tuple[str, ...] | None = None,
    replay: Replay | None = None,
) -> list[Directory]:
    """The directory of each month of the series up to `month`, oldest first. Each province's
    history is replayed once: every list is judged (removal guard, reused codes, diff) once,
    however many months are asked for. `replay` replaces `replay_province` (`summarised`, or a
    cache of its results: merge/cache.py)."""
    replay = replay or replay_province
    validated = list(validated)
    months = months or series_months(validated, month)
    by_province: dict[str, list[ValidatedFile]] = defaultdict(list)
    for item in validated:
        loaded = item.loaded
        if loaded.province_slug and loaded.month and loaded.month <= months[-1]:
            by_province[loaded.province_slug].append(item)
    per_month_states: list[list[ProvinceState]] = [[] for _ in months]
    per_month_findings: list[list[Finding]] = [[] for _ in months]
    for province in admin_units().provinces.values():
        history = sorted(by_province.get(province.slug, []), key=_month)
        for index, (state, findings) in enumerate(replay(province, history, months)):
            per_month_states[index].append(state)
            per_month_findings[index] += findings
    return [
        Directory(m, tuple(states), tuple(findings))
        for m, states, findings in zip(months, per_month_states, per_month_findings, strict=True)
    ]


def _month(item: ValidatedFile) -> str:
    """The month of a list in a province's history (only lists with a month get there)."""
    assert item.loaded.month is not None
    return item.loaded.month


def summarised(
    province: Province, history: list[ValidatedFile], months: tuple[str, ...]
) -> list[tuple[ProvinceState, list[Finding]]]:
    """`replay_province` with every month but the last as a summary (`ProvinceState.summary`):
    the series is then held in memory by one month's points, not by all of them."""
    replayed = list(replay_province(province, history, months))
    return [(state.summary(), findings) for state, findings in replayed[:-1]] + replayed[-1:]


def replay_province(
    province: Province, history: list[ValidatedFile], months: tuple[str, ...]
) -> Iterator[tuple[ProvinceState, list[Finding]]]:
    """Yields (state, findings so far) for each month, walking the province's lists once."""
    published: ValidatedFile | None = None
    previous: ValidatedFile | None = None
    diff: ProvinceDiff | None = None
    rejected: list[str] = []
    findings: list[Finding] = []
    position = 0
    for month in months:
        while position < len(history) and _month(history[position]) <= month:
            item = history[position]
            position += 1
            if not item.publishable:
                rejected.append(_month(item))
                continue
            item = _keep_held_points(item, published)
            item_diff = None
            if published is not None:
                item_diff = diff_points(
                    province.slug,
                    list(published.points),
                    list(item.points),
                    published.loaded.month,
                    item.loaded.month,
                )
                guard = list(_guard_removal(published, item)) + list(_reused_codes(item_diff, item))
                findings += guard
                if any(f.code in ("mass-removal", "confirmation-invalid") for f in guard):
                    rejected.append(_month(item))
                    continue
            previous, published, diff = published, item, item_diff
        data_month = published.loaded.month if published else None
        state = ProvinceState(
            province=province,
            data_month=data_month,
            points=published.points if published else (),
            previous_month=previous.loaded.month if previous else None,
            previous_points=previous.points if previous else (),
            rejected_months=tuple(m for m in rejected if data_month is None or m > data_month),
            stale=data_month is None or months_between(data_month, month) >= STALE_AFTER_MONTHS,
            held=published.held if published else (),
            diff=diff,
        )
        yield state, list(findings)


def _keep_held_points(item: ValidatedFile, published: ValidatedFile | None) -> ValidatedFile:
    """The list as published: its good rows' points, and for each held row the point's version
    published before, unchanged (a half-updated point is never shown)."""
    if not item.held or published is None:
        return item
    listed = {p.code for p in item.points}
    held_codes = {h.code for h in item.held if h.code and h.code not in listed}
    kept = tuple(p for p in published.points if p.code in held_codes)
    return replace(item, points=item.points + kept) if kept else item


@yields("mass-removal", "confirmation-invalid", "mass-removal-confirmed")
def _guard_removal(before: ValidatedFile, after: ValidatedFile):
    old_codes = {p.code for p in before.points}
    removed = len(old_codes - {p.code for p in after.points})
    if removed < 2 or removed <= MASS_REMOVAL_SHARE * len(old_codes):
        return
    params = {
        "removed": str(removed),
        "previous": str(len(old_codes)),
        "share": str(round(100 * removed / len(old_codes))),
        "previous_month": _month(before),
    }
    file = after.loaded.file
    confirmation = after.loaded.path.with_suffix(".yaml")
    if not os.path.lexists(confirmation):
        yield Finding("mass-removal", file, params=params)
        return
    try:
        reason = load_confirmation(confirmation).reason
    except PolicyError as exc:
        problem = str(exc).removeprefix(f"{confirmation}: ")
        yield Finding("confirmation-invalid", file, value=f"{confirmation.name}: {problem}")
        return
    yield Finding("mass-removal-confirmed", file, params={**params, "reason": reason})


@yields("code-reused")
def _reused_codes(change_set: ProvinceDiff, after: ValidatedFile):
    for change in change_set.changed:
        if looks_reused(change):
            yield Finding(
                "code-reused",
                after.loaded.file,
                value=change.after.code,
                params={
                    "old": change.before.name,
                    "old_commune": change.before.commune_name,
                    "new": change.after.name,
                    "new_commune": change.after.commune_name,
                },
            )
