"""Contribution amounts for the two leaflets, in whole đồng, as pure functions of the policy.

Rounding rule (the calculator in site_src/assets/leaflet-calculator.js repeats it step by step,
so the page's tables and its calculator cannot disagree):
  * every percentage is applied to a whole-đồng amount and the result is rounded to the đồng,
    half up (x,5 đ → x+1 đ);
  * BHXH tự nguyện: gross = round(22% × income); support base = round(22% × rural poverty line);
    each support = round(share × support base) or the province's fixed amount; total support is
    capped at the gross amount; net = gross − supports;
  * BHYT hộ gia đình: 1st member = round(4,5% × base salary); the k-th member =
    round(share_k × 1st member's amount), as the law words it ("bằng 70% mức đóng của người thứ
    nhất");
  * an amount for n months is n × the rounded monthly amount, so the columns add up on paper.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.policy.local_support import SUPPORT_GROUPS, LocalRule
from generator.policy.periods import InForce

BASIS = 10_000  # basis points in 100%

# Incomes shown between the minimum and the maximum: round figures people actually pick.
ILLUSTRATIVE_INCOMES = (2_000_000, 3_000_000, 5_000_000, 10_000_000, 20_000_000, 30_000_000)


def round_half_up(numerator: int, denominator: int) -> int:
    if numerator < 0 or denominator <= 0:
        raise ValueError("round_half_up expects a non-negative fraction")
    return (2 * numerator + denominator) // (2 * denominator)


def share_of(amount: int, basis_points: int) -> int:
    return round_half_up(amount * basis_points, BASIS)


# --- BHXH tự nguyện ------------------------------------------------------------------------


@dataclass(frozen=True)
class Support:
    group: str
    label: str
    short: str
    state_bp: int
    local_amount: int | None = None  # đồng per month
    local_bp: int | None = None  # share of the support base


@dataclass(frozen=True)
class BhxhParams:
    rate_bp: int
    min_income: int  # rural poverty line
    max_income: int  # 20 × reference level
    periods: tuple[int, ...]
    supports: tuple[Support, ...]  # SUPPORT_GROUPS order

    @property
    def support_base(self) -> int:
        return share_of(self.min_income, self.rate_bp)

    def support(self, group: str) -> Support:
        return next(s for s in self.supports if s.group == group)


def bhxh_params(values: InForce, local: Mapping[str, LocalRule] | None = None) -> BhxhParams:
    local = local or {}
    supports = []
    for g in SUPPORT_GROUPS:
        rule = local.get(g.key)
        supports.append(
            Support(
                group=g.key,
                label=g.label,
                short=g.short,
                state_bp=values[g.parameter],
                local_amount=rule.amount if rule else None,
                local_bp=rule.share_bp if rule else None,
            )
        )
    return BhxhParams(
        rate_bp=values["bhxh_tn_ty_le_dong"],
        min_income=values["chuan_ngheo_nong_thon"],
        max_income=values["bhxh_tn_he_so_thu_nhap_toi_da"] * values["muc_tham_chieu"],
        periods=tuple(values["bhxh_tn_ky_dong"]),
        supports=tuple(supports),
    )


@dataclass(frozen=True)
class BhxhMonthly:
    income: int
    gross: int
    state_support: int
    local_support: int
    net: int


def bhxh_monthly(params: BhxhParams, income: int, group: str) -> BhxhMonthly:
    if not params.min_income <= income <= params.max_income:
        raise ValueError(f"income {income} outside {params.min_income}..{params.max_income}")
    support = params.support(group)
    gross = share_of(income, params.rate_bp)
    state = min(share_of(params.support_base, support.state_bp), gross)
    if support.local_amount is not None:
        local = support.local_amount
    elif support.local_bp is not None:
        local = share_of(params.support_base, support.local_bp)
    else:
        local = 0
    local = min(local, gross - state)
    return BhxhMonthly(income, gross, state, local, gross - state - local)


def bhxh_incomes(params: BhxhParams, steps: tuple[int, ...] = ILLUSTRATIVE_INCOMES) -> list[int]:
    """Table rows: the minimum, round figures strictly between, and the maximum."""
    middle = [s for s in steps if params.min_income < s < params.max_income]
    return [params.min_income, *middle, params.max_income]


@dataclass(frozen=True)
class BhxhRow:
    income: int
    gross: int
    by_group: dict[str, BhxhMonthly]  # SUPPORT_GROUPS order


def bhxh_table(params: BhxhParams, incomes: list[int] | None = None) -> list[BhxhRow]:
    rows = []
    for income in incomes if incomes is not None else bhxh_incomes(params):
        by_group = {s.group: bhxh_monthly(params, income, s.group) for s in params.supports}
        rows.append(BhxhRow(income, share_of(income, params.rate_bp), by_group))
    return rows


# --- BHYT hộ gia đình ----------------------------------------------------------------------


@dataclass(frozen=True)
class BhytParams:
    base_salary: int
    rate_bp: int
    member_bp: tuple[int, ...]  # 1st, 2nd, …; the last one applies to every later member
    periods: tuple[int, ...]


def bhyt_params(values: InForce) -> BhytParams:
    return BhytParams(
        base_salary=values["luong_co_so"],
        rate_bp=values["bhyt_hgd_ty_le_dong"],
        member_bp=tuple(values["bhyt_hgd_ty_le_thanh_vien"]),
        periods=tuple(values["bhyt_hgd_ky_dong"]),
    )


def bhyt_member_monthly(params: BhytParams, position: int) -> int:
    """Monthly amount for the member at `position` (1 = first person in the household)."""
    if position < 1:
        raise ValueError("members are counted from 1")
    first = share_of(params.base_salary, params.rate_bp)
    bp = params.member_bp[min(position, len(params.member_bp)) - 1]
    return share_of(first, bp)


@dataclass(frozen=True)
class BhytRow:
    position: int  # the last row stands for this member and every later one
    share_bp: int
    monthly: int


def bhyt_table(params: BhytParams) -> list[BhytRow]:
    return [BhytRow(i, bp, bhyt_member_monthly(params, i)) for i, bp in enumerate(params.member_bp, start=1)]


def bhyt_household_monthly(params: BhytParams, members: int) -> int:
    return sum(bhyt_member_monthly(params, i) for i in range(1, members + 1))
