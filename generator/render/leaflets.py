"""The two leaflets (BHXH tự nguyện, BHYT hộ gia đình): site pages and A4 tri-fold print documents.

Every number is computed here from the policy values in force on `as_of`; the templates only lay
them out. Output depends on nothing but the inputs (no clock, sorted iteration), so an unchanged
policy file gives byte-identical pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from generator.enrich.contributions import (
    BhxhParams,
    BhytParams,
    bhxh_monthly,
    bhxh_params,
    bhxh_table,
    bhyt_member_monthly,
    bhyt_params,
    bhyt_table,
    share_of,
)
from generator.load.policy import (
    SUPPORT_GROUPS,
    InForce,
    LocalRule,
    LocalSupport,
    Policy,
    PolicyError,
    Value,
    vn_date,
)

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "leaflets"
BHXH_STEM = "bhxh-tu-nguyen"
BHYT_STEM = "bhyt-ho-gia-dinh"
MAX_HOUSEHOLD = 20  # the calculator's upper bound on household members

# Parameters each leaflet reads: their sources are cited, their changes announced, and a
# "cần xác nhận" flag on any of them shows up next to the tables.
BHXH_KEYS = (
    "chuan_ngheo_nong_thon",
    "muc_tham_chieu",
    "bhxh_tn_ty_le_dong",
    "bhxh_tn_he_so_thu_nhap_toi_da",
    *(g.parameter for g in SUPPORT_GROUPS),
    "bhxh_tn_ky_dong",
    "bhxh_tn_ho_tro_toi_da_thang",
    "bhxh_tn_dong_truoc_toi_da_nam",
    "bhxh_tn_dong_bu_toi_da_thang",
    "bhxh_tn_tro_cap_thai_san",
    "bhxh_tn_thai_san_thang_dong",
    "bhxh_tn_huu_nam_dong_toi_thieu",
    "bhxh_tn_huu_ty_le",
    "bhxh_tn_huu_ty_le_nam_15_19",
    "bhxh_tn_mai_tang_he_so",
    "bhxh_tn_cap_so_ngay",
    "bhxh_tn_to_khai",
)
BHXH_TABLE_KEYS = (
    "chuan_ngheo_nong_thon",
    "muc_tham_chieu",
    "bhxh_tn_ty_le_dong",
    "bhxh_tn_he_so_thu_nhap_toi_da",
    *(g.parameter for g in SUPPORT_GROUPS),
    "bhxh_tn_ky_dong",
)
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
BHYT_TABLE_KEYS = ("luong_co_so", "bhyt_hgd_ty_le_dong", "bhyt_hgd_ty_le_thanh_vien")

_DIGITS = re.compile(r"(\d+)")
_BLANK_LINES = re.compile(r"\n{3,}")
_UNIT_WORDS = {"thang": "tháng", "nam": "năm", "ngay": "ngày", "ngay_lam_viec": "ngày làm việc"}


def format_number(amount: int) -> str:
    """1366200 → '1.366.200' (Vietnamese groups thousands with dots)."""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,}".replace(",", ".")


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


@dataclass(frozen=True)
class Announcement:
    day: str  # "01/01/2027"
    lines: tuple[str, ...]


def _bhxh_summary(before: BhxhParams | None, after: BhxhParams) -> list[str]:
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


def _bhyt_summary(before: BhytParams | None, after: BhytParams) -> list[str]:
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


def _announcements(
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
        text = f"{change.name}: {format_value(change.new.value, change.unit)}{old}."
        by_day.setdefault(change.start, []).append(text)
    for rule in local.upcoming(as_of) if local else []:
        label = next(g.label for g in SUPPORT_GROUPS if g.key == rule.group).lower()
        amount = (
            f"{format_vnd(rule.amount)}/tháng"
            if rule.amount is not None
            else f"{format_percent(rule.share_bp or 0)} mức đóng theo chuẩn nghèo"
        )
        by_day.setdefault(rule.start, []).append(f"Địa phương hỗ trợ thêm cho {label}: {amount}.")
    ending: dict[date, list[str]] = {}
    for rule in local.endings(as_of) if local else []:
        label = next(g.label for g in SUPPORT_GROUPS if g.key == rule.group).lower()
        ending.setdefault(rule.end + timedelta(days=1) if rule.end else as_of, []).append(label)
    for day, labels in ending.items():
        by_day.setdefault(day, []).append(f"Hết hỗ trợ thêm của địa phương cho {'; '.join(labels)}.")
    announcements = []
    for day in sorted(by_day):
        lines = by_day[day]
        after = _try_values(policy, day)
        if after is not None:
            before = _try_values(policy, day - timedelta(days=1))
            before_params = params(before, day - timedelta(days=1)) if before else None
            lines += summary(before_params, params(after, day))
        announcements.append(Announcement(vn_date(day), tuple(lines)))
    return announcements


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters.update(vnd=format_vnd, num=format_number, pct=format_percent, months=months_label)
    return env


def _sorted_sources(sources: Any) -> list[str]:
    """Unique, in natural order so that 'Điều 27' comes before 'Điều 109'."""

    def key(text: str) -> list[Any]:
        return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in _DIGITS.split(text)]

    return sorted(set(sources), key=key)


def _window_text(values: InForce, local: LocalSupport | None) -> str:
    start, end = values.window
    if local is not None:
        local_start, local_end = local.window(values.as_of)
        start = max(start, local_start or start)
        end = min(d for d in (end, local_end) if d) if (end or local_end) else None
    return f"từ {vn_date(start)}" + (f" đến {vn_date(end)}" if end else "")


def _common(values: InForce, keys: tuple[str, ...], table_keys: tuple[str, ...]) -> dict:
    def flag(*flag_keys: str) -> Markup:
        if any(values.values[k].unconfirmed for k in flag_keys):
            return Markup(' <span class="can-xac-nhan">(cần xác nhận)</span>')
        return Markup("")

    used: list[Value] = [values.values[k] for k in keys]
    return {
        "v": values,
        "flag": flag,
        "window": _window_text(values, None),
        "sources": _sorted_sources(v.source for v in used),
        "table_unconfirmed": [v.name for v in values.unconfirmed(table_keys)],
        "any_unconfirmed": any(v.unconfirmed for v in used),
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
        mark = ' <span class="can-xac-nhan">(cần xác nhận)</span>' if rule.unconfirmed else ""
        texts[s.group] = Markup(escape(text) + mark)
    return texts


def _bhxh_context(policy: Policy, values: InForce, as_of: date, local: LocalSupport | None) -> dict[str, Any]:
    in_force = local.in_force(as_of) if local else {}
    params = bhxh_params(values, in_force)
    groups = [
        {
            "key": s.group,
            "label": s.label,
            "stateBp": s.state_bp,
            "localAmount": s.local_amount,
            "localBp": s.local_bp,
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

    context = _common(values, BHXH_KEYS, BHXH_TABLE_KEYS)
    context.update(
        p=params,
        rows=bhxh_table(params),
        at_min={s.group: bhxh_monthly(params, params.min_income, s.group) for s in params.supports},
        local=local,
        local_rules=in_force,
        local_text=_local_texts(params, in_force),
        local_sources=sorted({r.source for r in in_force.values()}),
        calculator=calculator,
        announcements=_announcements(policy, as_of, BHXH_KEYS, params_on, _bhxh_summary, local),
        funeral=values["bhxh_tn_mai_tang_he_so"] * values["muc_tham_chieu"],
    )
    if local is not None:
        context["window"] = _window_text(values, local)
        context["sources"] = _sorted_sources([*context["sources"], *(r.source for r in in_force.values())])
        context["any_unconfirmed"] |= any(r.unconfirmed for r in in_force.values())
    return context


def _bhyt_context(policy: Policy, values: InForce, as_of: date) -> dict[str, Any]:
    params = bhyt_params(values)
    calculator = {
        "kind": "bhyt",
        "baseSalary": params.base_salary,
        "rateBp": params.rate_bp,
        "memberBp": list(params.member_bp),
        "periods": list(params.periods),
        "maxMembers": MAX_HOUSEHOLD,
    }
    households = [
        (n, sum(bhyt_member_monthly(params, i) for i in range(1, n + 1)))
        for n in range(1, len(params.member_bp) + 2)
    ]
    context = _common(values, BHYT_KEYS, BHYT_TABLE_KEYS)
    context.update(
        p=params,
        rows=bhyt_table(params),
        households=households,
        calculator=calculator,
        announcements=_announcements(policy, as_of, BHYT_KEYS, lambda v, _day: bhyt_params(v), _bhyt_summary),
        low_cost=share_of(values["luong_co_so"], values["bhyt_chi_phi_thap_ty_le"]),
        co_pay=values["bhyt_cung_chi_tra_he_so"] * values["muc_tham_chieu"],
    )
    return context


def render_leaflets(
    policy: Policy,
    as_of: date,
    provinces: list[tuple[str, str]],
    local_supports: dict[str, LocalSupport],
    *,
    home_link: str = "../index.md",
    finder_link: str = "../gan-toi.md",
    province_link: str = "../tinh/{slug}.md",
    pdf_link: str | None = None,
    site_url: str | None = None,
) -> dict[str, str]:
    """{docs-relative path: text} for the leaflet pages and their print documents.

    `provinces` gives (slug, short name); only those with local support get a BHXH variant.
    Links are markdown targets relative to `to-roi/` ("{slug}" is filled in); `pdf_link`, e.g.
    "in/{stem}.pdf", adds a PDF link when the build publishes the PDFs; `site_url` is printed on
    paper so readers can find the directory.
    """
    names = dict(provinces)
    missing = sorted(set(local_supports) - set(names))
    if missing:
        raise PolicyError("Có tệp hỗ trợ địa phương cho tỉnh không có trong danh bạ: " + ", ".join(missing))
    values = policy.values_in_force(as_of)
    env = _env()
    base = {"home_link": home_link, "finder_link": finder_link, "site_url": site_url}

    jobs: list[tuple[str, str, dict[str, Any]]] = [
        (BHXH_STEM, "bhxh", _bhxh_context(policy, values, as_of, None) | {"province": None}),
        (BHYT_STEM, "bhyt", _bhyt_context(policy, values, as_of)),
    ]
    for slug in sorted(local_supports):
        context = _bhxh_context(policy, values, as_of, local_supports[slug])
        context["province"] = {
            "slug": slug,
            "name": names[slug],
            "link": province_link.format(slug=slug),
        }
        jobs.append((f"{BHXH_STEM}-{slug}", "bhxh", context))

    out: dict[str, str] = {}
    for stem, kind, context in jobs:
        context |= base | {
            "stem": stem,
            "print_link": f"in/{stem}.html",
            "pdf": pdf_link.format(stem=stem) if pdf_link else None,
        }
        page = env.get_template(f"{kind}.md.j2").render(context)
        out[f"to-roi/{stem}.md"] = _BLANK_LINES.sub("\n\n", page)
        out[f"to-roi/in/{stem}.html"] = env.get_template(f"{kind}.print.html.j2").render(context)
    return dict(sorted(out.items()))
