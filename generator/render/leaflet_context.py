"""What each leaflet page shows: the template context of the BHXH tự nguyện leaflet (national or
with a province's own support) and of the BHYT hộ gia đình leaflet, computed from the policy values
in force on a date. The templates only lay these values out."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from markupsafe import Markup, escape

from generator.policy import (
    SUPPORT_GROUPS,
    BhytLocalRule,
    InForce,
    LocalRule,
    LocalSupport,
    Policy,
    Value,
    vn_date,
)
from generator.policy.contributions import (
    BhxhParams,
    bhxh_monthly,
    bhxh_params,
    bhxh_table,
    bhyt_member_monthly,
    bhyt_params,
    bhyt_table,
    share_of,
)
from generator.render.leaflet_text import (
    announcements,
    bhxh_summary,
    bhyt_summary,
    format_percent,
    format_value,
    format_vnd,
)

MAX_HOUSEHOLD = 20  # the calculator's upper bound on household members

# Parameters each leaflet reads: their sources are cited, their changes announced, and a
# "cần xác nhận" flag on any of them shows up next to the tables (the *_TABLE_KEYS ones).
BHXH_TABLE_KEYS = (
    "chuan_ngheo_nong_thon",
    "muc_tham_chieu",
    "bhxh_tn_ty_le_dong",
    "bhxh_tn_he_so_thu_nhap_toi_da",
    *(g.parameter for g in SUPPORT_GROUPS),
    "bhxh_tn_ky_dong",
)
BHXH_KEYS = (
    *BHXH_TABLE_KEYS,
    "bhxh_tn_ho_tro_toi_da_thang",
    "bhxh_tn_dong_truoc_toi_da_nam",
    "bhxh_tn_dong_bu_toi_da_thang",
    "bhxh_tn_tro_cap_thai_san",
    "bhxh_tn_thai_san_thang_dong",
    "bhxh_tn_huu_nam_dong_toi_thieu",
    "bhxh_tn_huu_ty_le",
    "bhxh_tn_huu_ty_le_nam_15_19",
    "bhxh_tn_huu_nam_co_so",
    "bhxh_tn_mai_tang_he_so",
    "bhxh_tn_cap_so_ngay",
    "bhxh_tn_to_khai",
)
BHYT_TABLE_KEYS = ("luong_co_so", "bhyt_hgd_ty_le_dong", "bhyt_hgd_ty_le_thanh_vien")
BHYT_KEYS = (
    "luong_co_so",
    "muc_tham_chieu",
    "bhyt_hgd_ty_le_dong",
    "bhyt_hgd_ty_le_thanh_vien",
    "bhyt_hgd_ky_dong",
    "bhyt_the_ngay",
    "bhyt_cho_hieu_luc_ngay",
    "bhyt_gian_doan_ngay",
    "bhyt_hgd_muc_huong",
    "bhyt_chi_phi_thap_ty_le",
    "bhyt_nam_lien_tuc",
    "bhyt_cung_chi_tra_he_so",
)
# The figures every amount of a leaflet is computed from: each is printed with its own period.
BHXH_BASE_KEYS = ("chuan_ngheo_nong_thon", "muc_tham_chieu")
BHYT_BASE_KEYS = ("luong_co_so", "muc_tham_chieu")
CONTACT_KEYS = ("duong_day_nong",)

UNCONFIRMED_MARK = Markup(' <span class="can-xac-nhan">(cần xác nhận)</span>')
_DIGITS = re.compile(r"(\d+)")


def _sorted_sources(sources: Any) -> list[str]:
    """Unique, in natural order so that 'Điều 27' comes before 'Điều 109'."""

    def key(text: str) -> list[Any]:
        return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in _DIGITS.split(text)]

    return sorted(set(sources), key=key)


def period_text(start: date, end: date | None) -> str:
    """A period exactly as its source gives it: no end date unless a source sets one."""
    return f"từ {vn_date(start)}" + (f" đến {vn_date(end)}" if end else " (chưa có ngày kết thúc)")


def validity(values: InForce, keys: tuple[str, ...], base_keys: tuple[str, ...], local: list) -> dict:
    """When the leaflet's figures apply: from the latest start among the values (and local rules)
    it uses; never an end that is not a source's own (each base figure carries its period)."""
    used = [values.values[k] for k in keys]
    since = max([v.start for v in used] + [r.start for r in local])
    figures = [
        f"{v.name} {format_value(v.value, v.unit)}: {period_text(v.start, v.end)}, theo {v.source}"
        for v in (values.values[k] for k in base_keys)
    ]
    return {"since": f"từ {vn_date(since)}", "figures": figures}


def _common(
    policy: Policy, values: InForce, keys: tuple[str, ...], table_keys: tuple[str, ...], leaflet: str
) -> dict:
    def flag(*flag_keys: str) -> Markup:
        return UNCONFIRMED_MARK if any(values.values[k].unconfirmed for k in flag_keys) else Markup("")

    used: list[Value] = [values.values[k] for k in (*keys, *CONTACT_KEYS)]
    documents = policy.documents.get(leaflet, ())
    return {
        "v": values,
        "flag": flag,
        "mark": UNCONFIRMED_MARK,
        "hotline": values.values["duong_day_nong"],
        "documents": documents,
        "sources": _sorted_sources([*(v.source for v in used), *(d.source for d in documents if d.source)]),
        "table_unconfirmed": [v.name for v in values.unconfirmed(table_keys)],
        "any_unconfirmed": any(v.unconfirmed for v in used) or any(d.unconfirmed for d in documents),
    }


def _local_texts(params: BhxhParams, in_force: dict[str, LocalRule]) -> dict[str, str]:
    texts = {}
    for s in params.supports:
        rule = in_force.get(s.group)
        if rule is None:
            texts[s.group] = "không"
            continue
        if rule.amount is not None:
            text = f"{format_vnd(rule.amount)}/tháng"
        else:
            amount = share_of(params.support_base, rule.share_bp or 0)
            text = f"{format_percent(rule.share_bp or 0)}, tức {format_vnd(amount)}/tháng"
        texts[s.group] = Markup(escape(text) + (UNCONFIRMED_MARK if rule.unconfirmed else ""))
    return texts


def _conditions(note: str | None, start: date, end: date | None, source: str) -> str:
    """Who qualifies, when and by which act: printed beside every local amount."""
    who = f"Điều kiện: {note}. " if note else "Không nêu điều kiện riêng. "
    return f"{who}Áp dụng {period_text(start, end)}; căn cứ: {source}."


def _local_details(params: BhxhParams, in_force: dict[str, LocalRule]) -> list[dict]:
    return [
        {
            "group": s.label,
            "amount": _local_texts(params, in_force)[s.group],
            "conditions": _conditions(rule.note, rule.start, rule.end, rule.source),
        }
        for s in params.supports
        if (rule := in_force.get(s.group)) is not None
    ]


def _bhyt_local_details(params, rules: list[BhytLocalRule]) -> list[dict]:
    first = bhyt_member_monthly(params, 1)
    details = []
    for rule in rules:
        if rule.amount is not None:
            amount = f"{format_vnd(rule.amount)} mỗi người mỗi tháng"
        else:
            bp = rule.share_bp or 0
            amount = (
                f"{format_percent(bp)} mức đóng của người đó "
                f"(người thứ nhất: {format_vnd(share_of(first, bp))}/tháng)"
            )
        details.append(
            {
                "group": rule.who,
                "amount": Markup(escape(amount) + (UNCONFIRMED_MARK if rule.unconfirmed else "")),
                "conditions": _conditions(rule.note, rule.start, rule.end, rule.source),
            }
        )
    return details


def bhxh_context(policy: Policy, values: InForce, as_of: date, local: LocalSupport | None) -> dict[str, Any]:
    """The BHXH tự nguyện leaflet; with `local`, the variant of a province with its own support."""
    in_force = local.in_force(as_of) if local else {}
    params = bhxh_params(values, in_force)
    groups = [
        {
            "key": s.group,
            "label": s.label,
            "stateBp": s.state_bp,
            "localAmount": s.local_amount,
            "localBp": s.local_bp,
            "localNote": (
                f"{_conditions(rule.note, rule.start, rule.end, rule.source)}"
                + (" (cần xác nhận)" if rule.unconfirmed else "")
                if (rule := in_force.get(s.group))
                else None
            ),
        }
        for s in params.supports
    ]
    calculator = {
        "kind": "bhxh",
        "rateBp": params.rate_bp,
        "minIncome": params.min_income,
        "maxIncome": params.max_income,
        "periods": list(params.periods),
        "groups": groups,
        "hasLocal": local is not None,
    }

    def params_on(day_values: InForce, day: date) -> BhxhParams:
        return bhxh_params(day_values, local.in_force(day) if local else None)

    context = _common(policy, values, BHXH_KEYS, BHXH_TABLE_KEYS, "bhxh")
    context.update(
        validity=validity(values, BHXH_KEYS, BHXH_BASE_KEYS, list(in_force.values())),
        local_details=_local_details(params, in_force),
        p=params,
        rows=bhxh_table(params),
        at_min={s.group: bhxh_monthly(params, params.min_income, s.group) for s in params.supports},
        local=local,
        local_rules=in_force,
        local_text=_local_texts(params, in_force),
        local_sources=sorted({r.source for r in in_force.values()}),
        calculator=calculator,
        announcements=announcements(policy, as_of, BHXH_KEYS, params_on, bhxh_summary, local),
        funeral=values["bhxh_tn_mai_tang_he_so"] * values["muc_tham_chieu"],
    )
    if local is not None:
        context["sources"] = _sorted_sources([*context["sources"], *(r.source for r in in_force.values())])
        context["any_unconfirmed"] |= any(r.unconfirmed for r in in_force.values())
    return context


def bhyt_context(
    policy: Policy, values: InForce, as_of: date, local: LocalSupport | None = None
) -> dict[str, Any]:
    """The BHYT hộ gia đình leaflet; with `local`, the variant of a province with its own support
    (shown beside the amounts with who qualifies; not deducted: it depends on the person)."""
    params = bhyt_params(values)
    local_rules = local.bhyt_in_force(as_of) if local else []
    local_details = _bhyt_local_details(params, local_rules)
    calculator = {
        "kind": "bhyt",
        "baseSalary": params.base_salary,
        "rateBp": params.rate_bp,
        "memberBp": list(params.member_bp),
        "periods": list(params.periods),
        "maxMembers": MAX_HOUSEHOLD,
        "localNotes": [
            f"{d['group']}: được địa phương hỗ trợ thêm {Markup(d['amount']).striptags()}. {d['conditions']}"
            for d in local_details
        ],
    }
    households = [
        (n, sum(bhyt_member_monthly(params, i) for i in range(1, n + 1)))
        for n in range(1, len(params.member_bp) + 2)
    ]
    upcoming = [
        f"Địa phương hỗ trợ thêm cho {r.who.lower()}: "
        + (
            f"{format_vnd(r.amount)}/người/tháng."
            if r.amount is not None
            else f"{format_percent(r.share_bp or 0)} mức đóng."
        )
        for r in (local.bhyt_upcoming(as_of) if local else [])
    ]
    context = _common(policy, values, BHYT_KEYS, BHYT_TABLE_KEYS, "bhyt")
    context.update(
        validity=validity(values, BHYT_KEYS, BHYT_BASE_KEYS, local_rules),
        local=local,
        local_details=local_details,
        local_upcoming=upcoming,
        p=params,
        rows=bhyt_table(params),
        households=households,
        calculator=calculator,
        announcements=announcements(policy, as_of, BHYT_KEYS, lambda v, _day: bhyt_params(v), bhyt_summary),
        low_cost=share_of(values["luong_co_so"], values["bhyt_chi_phi_thap_ty_le"]),
        co_pay=values["bhyt_cung_chi_tra_he_so"] * values["muc_tham_chieu"],
    )
    if local is not None:
        context["sources"] = _sorted_sources([*context["sources"], *(r.source for r in local_rules)])
        context["any_unconfirmed"] |= any(r.unconfirmed for r in local_rules)
    return context
