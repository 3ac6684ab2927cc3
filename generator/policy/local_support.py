"""A province's own support (Luật BHXH 41/2024/QH15, Điều 6 khoản 6; guidance 1108/BHXH-TST: the
leaflets carry the local budget's support): `provinces/<slug>/ho-tro-dia-phuong.yaml`, for BHXH tự
nguyện by the state-support groups (`ho_tro`) and for BHYT hộ gia đình by the people it names
(`ho_tro_bhyt`), each rule with its period, source and conditions (`ghi_chu`: who qualifies), and
the rules in force, starting or ending around a date. `load_local_support` is the one place the
file is read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from generator.load.layout import display_path
from generator.policy.fields import (
    VALIDITY_KEYS,
    Dated,
    PolicyError,
    check_keys,
    fail,
    ordered,
    read_basis_points,
    read_dates,
    read_flag,
    read_number,
    read_provenance,
    read_text,
    read_yaml,
    require,
)
from generator.units import admin_units

LOCAL_SUPPORT_FILE = "ho-tro-dia-phuong.yaml"
TITLE_MAX = 200
AMOUNT_MAX = 10_000_000  # đồng per month: more than any contribution
RULES_MAX = 100  # four groups, a few periods each


@dataclass(frozen=True)
class SupportGroup:
    key: str  # as written in ho-tro-dia-phuong.yaml
    label: str
    short: str  # table column heading, narrow enough for a phone
    parameter: str  # the state-support share in chinh-sach.yaml


# Ordered from the highest state share down: the leaflet tables use this column order.
SUPPORT_GROUPS: tuple[SupportGroup, ...] = (
    SupportGroup(
        "ngheo",
        "Người thuộc hộ nghèo; người sống ở xã đảo, đặc khu",
        "Hộ nghèo, xã đảo",
        "bhxh_tn_ho_tro_ngheo",
    ),
    SupportGroup("can_ngheo", "Người thuộc hộ cận nghèo", "Cận nghèo", "bhxh_tn_ho_tro_can_ngheo"),
    SupportGroup("dan_toc", "Người dân tộc thiểu số", "Dân tộc thiểu số", "bhxh_tn_ho_tro_dan_toc"),
    SupportGroup("khac", "Người tham gia khác", "Người khác", "bhxh_tn_ho_tro_khac"),
)
GROUP_KEYS = tuple(g.key for g in SUPPORT_GROUPS)


@dataclass(frozen=True)
class LocalRule(Dated):
    group: str
    amount: int | None  # đồng per month, or
    share_bp: int | None  # basis points of 22% × rural poverty line
    start: date
    end: date | None
    source: str
    unconfirmed: bool
    note: str | None


@dataclass(frozen=True)
class BhytLocalRule(Dated):
    """Support towards each household member's BHYT contribution, for the people `who` names."""

    who: str  # doi_tuong
    amount: int | None  # đồng per person per month, or
    share_bp: int | None  # basis points of the member's own contribution
    start: date
    end: date | None
    source: str
    unconfirmed: bool
    note: str | None  # ghi_chu: further conditions


@dataclass(frozen=True)
class LocalSupport:
    slug: str
    path: str
    title: str
    example: bool  # vi_du: illustrative data, must be labelled as such wherever shown
    rules: tuple[LocalRule, ...]
    bhyt_rules: tuple[BhytLocalRule, ...] = ()

    def in_force(self, day: date) -> dict[str, LocalRule]:
        return {r.group: r for r in self.rules if r.covers(day)}

    def bhyt_in_force(self, day: date) -> list[BhytLocalRule]:
        return [r for r in self.bhyt_rules if r.covers(day)]

    def bhyt_upcoming(self, day: date) -> list[BhytLocalRule]:
        return sorted((r for r in self.bhyt_rules if r.start > day), key=lambda r: (r.start, r.who))

    def upcoming(self, day: date) -> list[LocalRule]:
        return sorted((r for r in self.rules if r.start > day), key=lambda r: (r.start, r.group))

    def endings(self, day: date) -> list[LocalRule]:
        """Rules ending after `day` with nothing to follow them for the same group."""
        starts = {(r.group, r.start) for r in self.rules}
        return [
            r
            for r in self.rules
            if r.end is not None and r.end >= day and (r.group, r.end + timedelta(days=1)) not in starts
        ]

    def window(self, day: date) -> tuple[date | None, date | None]:
        """The stretch around `day` in which no rule starts or ends."""
        edges = {r.start for r in self.rules} | {r.end + timedelta(days=1) for r in self.rules if r.end}
        start = max((e for e in edges if e <= day), default=None)
        end = min((e for e in edges if e > day), default=None)
        return start, (end - timedelta(days=1) if end else None)


_RULE_KEYS = VALIDITY_KEYS | {"nhom", "so_tien", "phan_tram"}
_BHYT_RULE_KEYS = VALIDITY_KEYS | {"doi_tuong", "so_tien", "phan_tram"}


def _amount(raw: dict, path: str, where: str) -> tuple[int | None, int | None]:
    if ("so_tien" in raw) == ("phan_tram" in raw):
        raise fail(path, where, "cần đúng một trong hai khóa 'so_tien' hoặc 'phan_tram'")
    amount = read_number(raw["so_tien"], "dong", path, f"{where}.so_tien") if "so_tien" in raw else None
    if amount is not None and amount > AMOUNT_MAX:
        raise fail(path, f"{where}.so_tien", f"{amount} đồng/tháng, tối đa {AMOUNT_MAX}")
    share = read_basis_points(raw["phan_tram"], path, f"{where}.phan_tram") if "phan_tram" in raw else None
    return amount, share


def _bhyt_rule(raw: Any, path: str, where: str) -> BhytLocalRule:
    if not isinstance(raw, dict):
        raise fail(path, where, "mỗi mức hỗ trợ phải là một bảng khóa: giá trị")
    check_keys(raw, _BHYT_RULE_KEYS, path, where)
    require(raw, ("doi_tuong", "tu", "nguon"), path, where)
    amount, share = _amount(raw, path, where)
    start, end = read_dates(raw, path, where)
    provenance = read_provenance(raw, path, where)
    return BhytLocalRule(
        who=read_text(raw["doi_tuong"], path, f"{where}.doi_tuong"),
        amount=amount,
        share_bp=share,
        start=start,
        end=end,
        source=provenance.source,
        unconfirmed=provenance.unconfirmed,
        note=provenance.note,
    )


def _local_rule(raw: Any, path: str, where: str) -> LocalRule:
    if not isinstance(raw, dict):
        raise fail(path, where, "mỗi mức hỗ trợ phải là một bảng khóa: giá trị")
    check_keys(raw, _RULE_KEYS, path, where)
    group = raw.get("nhom")
    if group not in GROUP_KEYS:
        raise fail(path, f"{where}.nhom", f"nhóm {group!r} không hợp lệ ({', '.join(GROUP_KEYS)})")
    amount, share = _amount(raw, path, where)
    require(raw, ("tu", "nguon"), path, where)
    start, end = read_dates(raw, path, where)
    provenance = read_provenance(raw, path, where)
    return LocalRule(
        group=group,
        amount=amount,
        share_bp=share,
        start=start,
        end=end,
        source=provenance.source,
        unconfirmed=provenance.unconfirmed,
        note=provenance.note,
    )


def load_local_support(path: Path, slug: str | None = None) -> LocalSupport:
    """Read `provinces/<slug>/ho-tro-dia-phuong.yaml`; the slug defaults to the folder name."""
    shown = str(path)
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise PolicyError(f"{shown}: tệp phải là một bảng khóa: giá trị")
    check_keys(data, {"vi_du", "ten_chinh_sach", "ho_tro", "ho_tro_bhyt"}, shown, "gốc tệp")
    rules_raw = data.get("ho_tro", [])
    bhyt_raw = data.get("ho_tro_bhyt", [])
    for key, items in (("ho_tro", rules_raw), ("ho_tro_bhyt", bhyt_raw)):
        if not isinstance(items, list):
            raise fail(shown, key, "cần một danh sách các mức hỗ trợ")
    if not rules_raw and not bhyt_raw:
        raise fail(shown, "ho_tro", "cần ít nhất một mức hỗ trợ (ho_tro hoặc ho_tro_bhyt)")
    for key, items in (("ho_tro", rules_raw), ("ho_tro_bhyt", bhyt_raw)):
        if len(items) > RULES_MAX:
            raise fail(shown, key, f"{len(items)} mục, tối đa {RULES_MAX}")
    rules = [_local_rule(r, shown, f"ho_tro[{i}]") for i, r in enumerate(rules_raw)]
    for group in GROUP_KEYS:
        ordered([r for r in rules if r.group == group], shown, f"ho_tro (nhóm {group})")
    bhyt_rules = [_bhyt_rule(r, shown, f"ho_tro_bhyt[{i}]") for i, r in enumerate(bhyt_raw)]
    for who in sorted({r.who for r in bhyt_rules}):
        ordered([r for r in bhyt_rules if r.who == who], shown, f"ho_tro_bhyt ({who})")
    title = data.get("ten_chinh_sach", "Hỗ trợ thêm của địa phương")
    return LocalSupport(
        slug=slug or path.parent.name,
        path=shown,
        title=read_text(title, shown, "ten_chinh_sach", limit=TITLE_MAX),
        example=read_flag(data.get("vi_du", False), shown, "vi_du"),
        rules=tuple(sorted(rules, key=lambda r: (GROUP_KEYS.index(r.group), r.start))),
        bhyt_rules=tuple(sorted(bhyt_rules, key=lambda r: (r.start, r.who))),
    )


def load_local_supports(
    provinces_dir: Path, problems: list[PolicyError] | None = None
) -> dict[str, LocalSupport]:
    """Every province folder with a readable local-support file, sorted by slug. A bad file (or
    one in a folder that is not a province, or reached through a symlink) is left out, so that
    province shows the national leaflet; its problem is added to `problems`."""
    found = sorted(provinces_dir.glob(f"*/{LOCAL_SUPPORT_FILE}")) if provinces_dir.is_dir() else []
    supports: dict[str, LocalSupport] = {}
    for path in found:
        try:
            if admin_units().province_by_slug(path.parent.name) is None:
                raise PolicyError(f"{path}: thư mục “{path.parent.name[:40]}” không phải tỉnh nào")
            if path.parent.is_symlink():
                raise PolicyError(f"{path}: thư mục tỉnh là liên kết tượng trưng (symlink); không được đọc")
            supports[path.parent.name] = load_local_support(path)
        except PolicyError as exc:
            if problems is not None:
                problems.append(exc)
    return supports


def example_support_errors(supports: dict[str, LocalSupport]) -> dict[str, str]:
    """Invented support (`vi_du: true`) must never reach a site built from real data: a message
    per such file, by province, for a build or a pull request whose dataset.yaml lacks
    `sample: true`."""
    return {
        slug: f"{display_path(Path(s.path))}: mức hỗ trợ địa phương là ví dụ minh họa (vi_du: true) nhưng "
        "directory_data/dataset.yaml không ghi sample: true. Xóa tệp này hoặc thay bằng nghị quyết "
        "thật của tỉnh (ghi số hiệu vào nguon, bỏ vi_du)."
        for slug, s in supports.items()
        if s.example
    }
