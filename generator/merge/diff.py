"""Changes between two lists of one province: added, removed, changed (which fields), moved."""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

from generator.model import Point

# Fields a reader notices; month and derived positions are not changes of the point.
COMPARED_FIELDS = ("agent", "name", "address", "fixed_phone", "mobile_phone", "hours", "lat", "lon")
FIELD_LABELS = {
    "agent": "đại lý thu",
    "name": "tên điểm thu",
    "address": "địa chỉ",
    "fixed_phone": "điện thoại cố định",
    "mobile_phone": "điện thoại di động",
    "hours": "giờ làm việc",
    "lat": "vĩ độ",
    "lon": "kinh độ",
    "commune_code": "xã/phường",
}
# Most points are unchanged from month to month: one C-level tuple comparison settles them.
_COMPARED = attrgetter("commune_code", *COMPARED_FIELDS)


@dataclass(frozen=True)
class Change:
    before: Point
    after: Point
    fields: tuple[str, ...]

    @property
    def moved(self) -> bool:
        return "commune_code" in self.fields


@dataclass(frozen=True)
class ProvinceDiff:
    province_slug: str
    from_month: str | None
    to_month: str | None
    added: tuple[Point, ...] = ()
    removed: tuple[Point, ...] = ()
    changed: tuple[Change, ...] = field(default=())

    @property
    def moved(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changed if c.moved)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def diff_points(
    slug: str, before: list[Point], after: list[Point], from_month: str | None, to_month: str | None
) -> ProvinceDiff:
    old = {p.code: p for p in before}
    new = {p.code: p for p in after}
    changed = []
    for code in sorted(old.keys() & new.keys()):
        before_point, after_point = old[code], new[code]
        if _COMPARED(before_point) == _COMPARED(after_point):
            continue
        changed.append(Change(before_point, after_point, changed_fields(before_point, after_point)))
    return ProvinceDiff(
        slug,
        from_month,
        to_month,
        added=tuple(new[c] for c in sorted(new.keys() - old.keys())),
        removed=tuple(old[c] for c in sorted(old.keys() - new.keys())),
        changed=tuple(changed),
    )


def changed_fields(before: Point, after: Point) -> tuple[str, ...]:
    fields = [f for f in COMPARED_FIELDS if getattr(before, f) != getattr(after, f)]
    if before.commune_code != after.commune_code:
        fields.insert(0, "commune_code")
    return tuple(fields)


def looks_reused(change: Change) -> bool:
    """Name, address and commune all different: not an edit but another point."""
    return {"name", "address", "commune_code"} <= set(change.fields)
