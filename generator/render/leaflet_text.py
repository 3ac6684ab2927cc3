"""How the leaflets word their figures: Vietnamese number formats, and the 'Từ <ngày>' notices
announcing every known change after the date the leaflet is printed for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from generator.policy import SUPPORT_GROUPS, InForce, LocalSupport, Policy, PolicyError, vn_date
from generator.policy.contributions import BhxhParams, BhytParams, bhxh_monthly, bhyt_table
from generator.render.format import number as format_number

__all__ = [
    "Announcement",
    "announcements",
    "bhxh_summary",
    "bhyt_summary",
    "format_number",
    "format_percent",
    "format_value",
    "format_vnd",
    "group_label",
    "months_label",
]

_UNIT_WORDS = {"thang": "tháng", "nam": "năm", "ngay": "ngày", "ngay_lam_viec": "ngày làm việc"}


def format_vnd(amount: int) -> str:
    """1366200 → '1.366.200 đ'."""
    return format_number(amount) + " đ"


def format_percent(basis_points: int) -> str:
    """450 → '4,5%', 2200 → '22%'."""
    whole, rest = divmod(basis_points, 100)
    return f"{whole}%" if rest == 0 else f"{whole},{rest:02d}".rstrip("0") + "%"


def format_value(value: Any, unit: str) -> str:
    if isinstance(value, tuple):
        return ", ".join(format_value(v, unit) for v in value)
    if unit == "dong":
        return format_vnd(value)
    if unit == "phan_tram":
        return format_percent(value)
    if unit == "lan":
        return f"{value} lần"
    return f"{value} {_UNIT_WORDS[unit]}" if unit in _UNIT_WORDS else str(value)


def months_label(months: int) -> str:
    return "Hằng tháng" if months == 1 else f"{months} tháng một lần"


def group_label(key: str) -> str:
    """The support group's label as it reads inside a sentence."""
    return next(g.label for g in SUPPORT_GROUPS if g.key == key).lower()


@dataclass(frozen=True)
class Announcement:
    day: str  # "01/01/2027"
    lines: tuple[str, ...]


def bhxh_summary(before: BhxhParams | None, after: BhxhParams) -> list[str]:
    """What a reader pays after a change; only the figures that actually move."""
    lines = []
    key = (after.min_income, after.rate_bp, after.supports)
    if before is None or (before.min_income, before.rate_bp, before.supports) != key:
        nets = "; ".join(
            f"{s.short.lower()} {format_vnd(bhxh_monthly(after, after.min_income, s.group).net)}"
            for s in after.supports
        )
        lines.append(f"Mức đóng thấp nhất: {format_vnd(after.support_base)}/tháng; sau hỗ trợ: {nets}.")
    if before is None or before.max_income != after.max_income:
        lines.append(f"Thu nhập tối đa để đóng: {format_vnd(after.max_income)}/tháng.")
    return lines


def bhyt_summary(before: BhytParams | None, after: BhytParams) -> list[str]:
    if before is not None and bhyt_table(before) == bhyt_table(after):
        return []
    rows = bhyt_table(after)
    parts = [
        f"người thứ {r.position}{' trở đi' if r is rows[-1] else ''} "
        f"{format_vnd(r.monthly)}/tháng ({format_vnd(12 * r.monthly)}/12 tháng)"
        for r in rows
    ]
    return ["Mức đóng BHYT hộ gia đình: " + "; ".join(parts) + "."]


def _try_values(policy: Policy, day: date) -> InForce | None:
    try:
        return policy.values_in_force(day)
    except PolicyError:
        return None  # some value has no successor yet: announce the raw change only


def announcements(
    policy: Policy,
    as_of: date,
    keys: tuple[str, ...],
    params: Callable[[InForce, date], Any],
    summary: Callable[[Any, Any], list[str]],
    local: LocalSupport | None = None,
) -> list[Announcement]:
    """'Từ <ngày>' notices for every known change after as_of that touches this leaflet."""
    by_day: dict[date, list[str]] = {}
    changes = [c for c in policy.upcoming_changes(as_of) if c.key in keys and c.new is not None]
    moved = {(c.start, c.key) for c in changes}
    for change in changes:
        period = policy.parameters[change.key].period_on(change.start)
        if period is not None and (change.start, period.ref) in moved:
            continue  # "bằng lương cơ sở": already said by the base salary's own line
        old = f" (thay cho {format_value(change.old.value, change.unit)})" if change.old else ""
        assert change.new is not None  # kept above
        text = f"{change.name}: {format_value(change.new.value, change.unit)}{old}."
        by_day.setdefault(change.start, []).append(text)
    for rule in local.upcoming(as_of) if local else []:
        amount = (
            f"{format_vnd(rule.amount)}/tháng"
            if rule.amount is not None
            else f"{format_percent(rule.share_bp or 0)} mức đóng theo chuẩn nghèo"
        )
        by_day.setdefault(rule.start, []).append(
            f"Địa phương hỗ trợ thêm cho {group_label(rule.group)}: {amount}."
        )
    ending: dict[date, list[str]] = {}
    for rule in local.endings(as_of) if local else []:
        day = rule.end + timedelta(days=1) if rule.end else as_of
        ending.setdefault(day, []).append(group_label(rule.group))
    for day, labels in ending.items():
        by_day.setdefault(day, []).append(f"Hết hỗ trợ thêm của địa phương cho {'; '.join(labels)}.")
    result = []
    for day in sorted(by_day):
        lines = by_day[day]
        after = _try_values(policy, day)
        if after is not None:
            before = _try_values(policy, day - timedelta(days=1))
            before_params = params(before, day - timedelta(days=1)) if before else None
            lines += summary(before_params, params(after, day))
        result.append(Announcement(vn_date(day), tuple(lines)))
    return result
