"""Which signs to print for a month, and why.

A sign shows the agent, the point's name, its transaction address (with commune and province) and
its two phones. A point needs a sign when it is new, or when one of those printed facts differs
from the list that was last printed. "Last printed" is the province's list as published at a
baseline: by default the list its current list replaced (so a province that sent nothing this month
has nothing to print), or, with an explicit baseline month, the list that was online then.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from generator.merge import Directory, ProvinceState
from generator.model import Point
from generator.text import fold
from generator.units import Province

# The facts printed on a sign, in the order a reason lists them. A point that moved to another
# commune (usually with a new name and address) keeps its code: a replacement sign, not a new one.
SIGN_FIELDS = ("commune_code", "agent", "name", "address", "commune_name", "fixed_phone", "mobile_phone")
_SIGN_VALUES = attrgetter(*SIGN_FIELDS)
REASON_NEW = "Điểm thu mới"
REASON_ALL = "Trang bị lại toàn bộ"
REASONS = {
    "agent": "Đổi tên đại lý thu",
    "name": "Đổi tên điểm thu",
    "address": "Đổi địa chỉ",
    "commune_code": "Chuyển xã/phường",
    "commune_name": "Đổi tên xã/phường",
    "fixed_phone": "Đổi số điện thoại cố định",
    "mobile_phone": "Đổi số điện thoại di động",
}
KIND_NEW = "Mới"
KIND_REPLACEMENT = "Thay thế"


@dataclass(frozen=True)
class Sign:
    point: Point
    province: Province
    new: bool  # the point was not in the printed list: a first sign, not a replacement
    reasons: tuple[str, ...]

    @property
    def kind(self) -> str:
        return KIND_NEW if self.new else KIND_REPLACEMENT

    @property
    def printed_address(self) -> str:
        return printed_address(self.point, self.province)


@dataclass(frozen=True)
class ProvinceTally:
    """One row of the quantities table (like Phụ lục 3 of plan 910/KH-BHXH)."""

    province: Province
    data_month: str | None  # month of the list the signs come from
    baseline_month: str | None  # month of the list assumed printed; None: none, every sign is new
    points: int
    new: int
    replaced: int
    removed: int  # points of the printed list that are gone: their signs come down

    @property
    def signs(self) -> int:
        return self.new + self.replaced


@dataclass(frozen=True)
class SignPlan:
    month: str
    since: str | None  # explicit baseline month; None: each province's previous published list
    all_points: bool
    signs: tuple[Sign, ...]
    tallies: tuple[ProvinceTally, ...]  # every province in scope, in official code order

    def total(self, attribute: str) -> int:
        return sum(getattr(t, attribute) for t in self.tallies)

    def by_province(self) -> dict[str, list[Sign]]:
        grouped: dict[str, list[Sign]] = {}
        for sign in self.signs:
            grouped.setdefault(sign.province.slug, []).append(sign)
        return grouped


def printed_address(point: Point, province: Province) -> str:
    """The address as the sign prints it: the address as the province wrote it, then the commune
    and the province unless it already names them."""
    parts = [point.address.strip().rstrip(",")]
    folded = fold(point.address)
    for place in (point.commune_name, province.name):
        if place and fold(place) not in folded:
            parts.append(place)
    return ", ".join(p for p in parts if p)


def sign_reasons(before: Point | None, after: Point) -> tuple[str, ...]:
    if before is None:
        return (REASON_NEW,)
    # Most points are printed as they were: equal values print equally, nothing to normalise.
    if _SIGN_VALUES(before) == _SIGN_VALUES(after):
        return ()
    fields = [f for f in SIGN_FIELDS if _printed(before, f) != _printed(after, f)]
    if "commune_code" in fields and "commune_name" in fields:
        fields.remove("commune_name")  # the move says it
    return tuple(REASONS[f] for f in fields)


def _printed(point: Point, field: str) -> str:
    # Extra spaces typed in the spreadsheet do not change the printed sign.
    return " ".join(str(getattr(point, field)).split())


def plan_signs(
    directory: Directory,
    baseline: Directory | None = None,
    province: str | None = None,
    all_points: bool = False,
) -> SignPlan:
    """The signs of `directory.month`: against `baseline` (the directory of the month assumed
    printed) or, when None, against each province's previous published list."""
    before_states = {s.province.slug: s for s in baseline.provinces} if baseline else {}
    signs: list[Sign] = []
    tallies: list[ProvinceTally] = []
    for state in directory.provinces:
        if province is not None and state.province.slug != province:
            continue
        printed, printed_month = _printed_list(state, directory.month, before_states.get(state.province.slug))
        old = {p.code: p for p in printed}
        new = replaced = 0
        for point in sorted(state.points, key=lambda p: p.code):
            before = old.get(point.code)
            reasons = sign_reasons(before, point)
            if all_points and not reasons:
                reasons = (REASON_ALL,)
            if not reasons:
                continue
            signs.append(Sign(point, state.province, before is None, reasons))
            new, replaced = (new + 1, replaced) if before is None else (new, replaced + 1)
        current = {p.code for p in state.points}
        tallies.append(
            ProvinceTally(
                province=state.province,
                data_month=state.data_month,
                baseline_month=printed_month,
                points=len(state.points),
                new=new,
                replaced=replaced,
                removed=len(old.keys() - current),
            )
        )
    since = baseline.month if baseline else None
    return SignPlan(directory.month, since, all_points, tuple(signs), tuple(tallies))


def _printed_list(
    state: ProvinceState, month: str, before: ProvinceState | None
) -> tuple[tuple[Point, ...], str | None]:
    if before is not None:
        return before.points, before.data_month
    if state.data_month == month:
        return state.previous_points, state.previous_month
    # No list this month: what is online was printed when it was published.
    return state.points, state.data_month
