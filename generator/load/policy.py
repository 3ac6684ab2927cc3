"""Policy parameters for the leaflets: load and validate `chinh-sach.yaml` and a province's
`ho-tro-dia-phuong.yaml`, then resolve the values in force on a given date.

Every problem is raised as a `PolicyError` whose message is Vietnamese and names the file and the
key, so the CLI can print it as-is instead of a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

POLICY_FILE = "chinh-sach.yaml"
LOCAL_SUPPORT_FILE = "ho-tro-dia-phuong.yaml"

# Integer units are whole đồng, months, days…; percentages are stored as basis points
# (4,5% → 450) so every later computation stays in integer arithmetic, in Python and in JS alike.
INTEGER_UNITS = frozenset({"dong", "lan", "thang", "nam", "ngay", "ngay_lam_viec"})
UNITS = INTEGER_UNITS | {"phan_tram", "van_ban"}

# What the leaflets read, and the shape they expect: the file may hold more, never less.
REQUIRED: dict[str, tuple[str, str]] = {
    "luong_co_so": ("dong", "scalar"),
    "muc_tham_chieu": ("dong", "scalar"),
    "chuan_ngheo_nong_thon": ("dong", "scalar"),
    "bhxh_tn_ty_le_dong": ("phan_tram", "scalar"),
    "bhxh_tn_he_so_thu_nhap_toi_da": ("lan", "scalar"),
    "bhxh_tn_ky_dong": ("thang", "list"),
    "bhxh_tn_dong_truoc_toi_da_nam": ("nam", "scalar"),
    "bhxh_tn_dong_bu_toi_da_thang": ("thang", "scalar"),
    "bhxh_tn_ho_tro_ngheo": ("phan_tram", "scalar"),
    "bhxh_tn_ho_tro_can_ngheo": ("phan_tram", "scalar"),
    "bhxh_tn_ho_tro_dan_toc": ("phan_tram", "scalar"),
    "bhxh_tn_ho_tro_khac": ("phan_tram", "scalar"),
    "bhxh_tn_ho_tro_toi_da_thang": ("thang", "scalar"),
    "bhxh_tn_tro_cap_thai_san": ("dong", "scalar"),
    "bhxh_tn_thai_san_thang_dong": ("thang", "scalar"),
    "bhxh_tn_huu_nam_dong_toi_thieu": ("nam", "scalar"),
    "bhxh_tn_huu_ty_le": ("phan_tram", "list"),
    "bhxh_tn_huu_ty_le_nam_15_19": ("phan_tram", "list"),
    "bhxh_tn_mai_tang_he_so": ("lan", "scalar"),
    "bhxh_tn_cap_so_ngay": ("ngay_lam_viec", "scalar"),
    "bhxh_tn_to_khai": ("van_ban", "scalar"),
    "bhyt_hgd_ty_le_dong": ("phan_tram", "scalar"),
    "bhyt_hgd_ty_le_thanh_vien": ("phan_tram", "list"),
    "bhyt_hgd_ky_dong": ("thang", "list"),
    "bhyt_the_ngay": ("ngay_lam_viec", "scalar"),
    "bhyt_cho_hieu_luc_ngay": ("ngay", "scalar"),
    "bhyt_gian_doan_ngay": ("ngay", "scalar"),
    "bhyt_hgd_muc_huong": ("phan_tram", "scalar"),
    "bhyt_chi_phi_thap_ty_le": ("phan_tram", "scalar"),
    "bhyt_nam_lien_tuc": ("nam", "scalar"),
    "bhyt_cung_chi_tra_he_so": ("lan", "scalar"),
}


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

ParamValue = int | str | tuple[int, ...]


class PolicyError(Exception):
    """A problem in a policy file, already phrased for the person who edits it."""


def vn_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class Period:
    start: date
    end: date | None  # inclusive; None = no end date known
    source: str
    value: ParamValue | None  # None when `ref` is set
    ref: str | None  # "theo": equal to another parameter on the same day
    unconfirmed: bool
    note: str | None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Parameter:
    key: str
    name: str
    unit: str
    periods: tuple[Period, ...]

    def period_on(self, day: date) -> Period | None:
        return next((p for p in self.periods if p.covers(day)), None)


@dataclass(frozen=True)
class Value:
    """One parameter resolved on a day, with where it comes from."""

    key: str
    name: str
    unit: str
    value: ParamValue
    start: date
    end: date | None
    source: str
    unconfirmed: bool
    note: str | None


@dataclass(frozen=True)
class InForce:
    as_of: date
    values: dict[str, Value]

    def __getitem__(self, key: str) -> Any:
        return self.values[key].value

    @property
    def window(self) -> tuple[date, date | None]:
        """The stretch of days on which every value here stays the same."""
        start = max(v.start for v in self.values.values())
        ends = [v.end for v in self.values.values() if v.end is not None]
        return start, (min(ends) if ends else None)

    def unconfirmed(self, keys: tuple[str, ...] | list[str]) -> list[Value]:
        return [self.values[k] for k in keys if self.values[k].unconfirmed]


@dataclass(frozen=True)
class Change:
    """A value that becomes different on `start`: old/new are None where nothing is in force."""

    start: date
    key: str
    name: str
    unit: str
    old: Value | None
    new: Value | None


@dataclass(frozen=True)
class Policy:
    path: str  # as shown in messages
    parameters: dict[str, Parameter]

    def _resolve(self, key: str, day: date, seen: tuple[str, ...] = ()) -> Value | None:
        param = self.parameters[key]
        period = param.period_on(day)
        if period is None:
            return None
        if period.ref is None:
            value, start, end, unconfirmed = period.value, period.start, period.end, False
        else:
            if period.ref in seen:
                raise PolicyError(f"{self.path}: tham_so.{key}: 'theo' tạo thành vòng lặp")
            target = self._resolve(period.ref, day, (*seen, key))
            if target is None:
                return None
            value, unconfirmed = target.value, target.unconfirmed
            start = max(period.start, target.start)
            ends = [e for e in (period.end, target.end) if e is not None]
            end = min(ends) if ends else None
        assert value is not None
        return Value(
            key=key,
            name=param.name,
            unit=param.unit,
            value=value,
            start=start,
            end=end,
            source=period.source,
            unconfirmed=unconfirmed or period.unconfirmed,
            note=period.note,
        )

    def values_in_force(self, as_of: date) -> InForce:
        values: dict[str, Value] = {}
        for key, param in self.parameters.items():
            value = self._resolve(key, as_of)
            if value is None:
                raise PolicyError(
                    f"{self.path}: tham_so.{key}: không có giá trị “{param.name}” "
                    f"áp dụng vào ngày {vn_date(as_of)}"
                )
            values[key] = value
        return InForce(as_of, values)

    def upcoming_changes(self, as_of: date) -> list[Change]:
        """Every known change after `as_of`, by date then in file order (derived values too)."""
        boundaries: set[date] = set()
        for param in self.parameters.values():
            for p in param.periods:
                boundaries.add(p.start)
                if p.end is not None:
                    boundaries.add(p.end + timedelta(days=1))
        changes: list[Change] = []
        for day in sorted(d for d in boundaries if d > as_of):
            before = day - timedelta(days=1)
            for key, param in self.parameters.items():
                old, new = self._resolve(key, before), self._resolve(key, day)
                if (old.value if old else None) != (new.value if new else None):
                    changes.append(Change(day, key, param.name, param.unit, old, new))
        return changes


# --- reading and validation --------------------------------------------------------------


def _fail(path: str, where: str, problem: str) -> PolicyError:
    return PolicyError(f"{path}: {where}: {problem}")


def _read_yaml(path: Path) -> Any:
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PolicyError(f"{shown}: không tìm thấy tệp") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{shown}: không đọc được tệp ({exc})") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" ở dòng {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "không phân tích được"
        raise PolicyError(f"{shown}: YAML sai cú pháp{line}: {problem}") from None


def _date(raw: Any, path: str, where: str) -> date:
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    raise _fail(path, where, f"ngày không hợp lệ {raw!r} (cần dạng YYYY-MM-DD)")


def _text(raw: Any, path: str, where: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise _fail(path, where, "cần một đoạn chữ, không được để trống")
    return raw.strip()


def _flag(raw: Any, path: str, where: str) -> bool:
    if not isinstance(raw, bool):
        raise _fail(path, where, "chỉ nhận true hoặc false")
    return raw


def _basis_points(raw: Any, path: str, where: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise _fail(path, where, f"tỷ lệ phần trăm không hợp lệ {raw!r}")
    try:
        exact = Decimal(str(raw).replace(",", ".")) * 100
    except InvalidOperation:
        raise _fail(path, where, f"tỷ lệ phần trăm không hợp lệ {raw!r}") from None
    if exact != exact.to_integral_value() or exact < 0 or exact > 10000:
        raise _fail(path, where, f"tỷ lệ {raw!r}: cần từ 0 đến 100, tối đa hai chữ số thập phân")
    return int(exact)


def _number(raw: Any, unit: str, path: str, where: str) -> int:
    if unit == "phan_tram":
        return _basis_points(raw, path, where)
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        raise _fail(path, where, f"cần một số nguyên không âm, nhận được {raw!r}")
    return raw


def _value(raw: Any, unit: str, path: str, where: str) -> ParamValue:
    if unit == "van_ban":
        return _text(raw, path, where)
    if isinstance(raw, list):
        if not raw:
            raise _fail(path, where, "danh sách rỗng")
        return tuple(_number(x, unit, path, f"{where}[{i}]") for i, x in enumerate(raw))
    return _number(raw, unit, path, where)


def _check_keys(raw: dict, allowed: set[str], path: str, where: str) -> None:
    unknown = sorted(str(k) for k in raw if k not in allowed)
    if unknown:
        raise _fail(path, where, f"khóa không được hỗ trợ: {', '.join(unknown)}")


_PERIOD_KEYS = {"muc", "theo", "tu", "den", "nguon", "can_xac_nhan", "ghi_chu"}


def _period(raw: Any, unit: str, path: str, where: str) -> Period:
    if not isinstance(raw, dict):
        raise _fail(path, where, "mỗi khoảng hiệu lực phải là một bảng khóa: giá trị")
    _check_keys(raw, _PERIOD_KEYS, path, where)
    if ("muc" in raw) == ("theo" in raw):
        raise _fail(path, where, "cần đúng một trong hai khóa 'muc' hoặc 'theo'")
    if "tu" not in raw:
        raise _fail(path, f"{where}.tu", "thiếu ngày bắt đầu hiệu lực")
    if "nguon" not in raw:
        raise _fail(path, f"{where}.nguon", "thiếu căn cứ pháp lý")
    start = _date(raw["tu"], path, f"{where}.tu")
    end = _date(raw["den"], path, f"{where}.den") if raw.get("den") is not None else None
    if end is not None and end < start:
        raise _fail(path, f"{where}.den", "ngày kết thúc trước ngày bắt đầu")
    value = _value(raw["muc"], unit, path, f"{where}.muc") if "muc" in raw else None
    ref = _text(raw["theo"], path, f"{where}.theo") if "theo" in raw else None
    return Period(
        start=start,
        end=end,
        source=_text(raw["nguon"], path, f"{where}.nguon"),
        value=value,
        ref=ref,
        unconfirmed=_flag(raw.get("can_xac_nhan", False), path, f"{where}.can_xac_nhan"),
        note=_text(raw["ghi_chu"], path, f"{where}.ghi_chu") if "ghi_chu" in raw else None,
    )


def _ordered(periods: list, path: str, where: str) -> tuple:
    """Sort by start date and refuse overlaps: two values in force on one day is a data error."""
    periods = sorted(periods, key=lambda p: p.start)
    for a, b in pairwise(periods):
        if a.end is None or a.end >= b.start:
            raise _fail(path, where, f"hai khoảng hiệu lực chồng lên nhau từ ngày {vn_date(b.start)}")
    return tuple(periods)


def _parameter(key: str, raw: Any, path: str) -> Parameter:
    where = f"tham_so.{key}"
    if not isinstance(raw, dict):
        raise _fail(path, where, "phải là một bảng khóa: giá trị")
    _check_keys(raw, {"ten", "don_vi", "gia_tri"}, path, where)
    for field in ("ten", "don_vi", "gia_tri"):
        if field not in raw:
            raise _fail(path, f"{where}.{field}", "thiếu khóa bắt buộc")
    unit = raw["don_vi"]
    if unit not in UNITS:
        raise _fail(path, f"{where}.don_vi", f"đơn vị {unit!r} không hợp lệ ({', '.join(sorted(UNITS))})")
    items = raw["gia_tri"]
    if not isinstance(items, list) or not items:
        raise _fail(path, f"{where}.gia_tri", "cần một danh sách các khoảng hiệu lực")
    periods = [_period(p, unit, path, f"{where}.gia_tri[{i}]") for i, p in enumerate(items)]
    return Parameter(key, _text(raw["ten"], path, f"{where}.ten"), unit, _ordered(periods, path, where))


def load_policy(path: Path) -> Policy:
    shown = str(path)
    data = _read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("tham_so"), dict):
        raise PolicyError(f"{shown}: thiếu mục 'tham_so' (bảng các tham số chính sách)")
    params = {str(k): _parameter(str(k), v, shown) for k, v in data["tham_so"].items()}
    for key, (unit, shape) in REQUIRED.items():
        where = f"tham_so.{key}"
        if key not in params:
            raise _fail(shown, where, "thiếu tham số bắt buộc")
        if params[key].unit != unit:
            raise _fail(shown, f"{where}.don_vi", f"cần đơn vị '{unit}'")
        for i, p in enumerate(params[key].periods):
            if p.value is not None and isinstance(p.value, tuple) != (shape == "list"):
                want = "một danh sách" if shape == "list" else "một giá trị đơn"
                raise _fail(shown, f"{where}.gia_tri[{i}].muc", f"cần {want}")
    for key, param in params.items():
        for i, p in enumerate(param.periods):
            if p.ref is not None and (p.ref not in params or params[p.ref].unit != param.unit):
                raise _fail(
                    shown, f"tham_so.{key}.gia_tri[{i}].theo", f"không có tham số {p.ref!r} cùng đơn vị"
                )
    return Policy(shown, params)


# --- a province's own support --------------------------------------------------------------


@dataclass(frozen=True)
class LocalRule:
    group: str
    amount: int | None  # đồng per month, or
    share_bp: int | None  # basis points of 22% × rural poverty line
    start: date
    end: date | None
    source: str
    unconfirmed: bool
    note: str | None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class LocalSupport:
    slug: str
    path: str
    title: str
    example: bool  # vi_du: illustrative data, must be labelled as such wherever shown
    rules: tuple[LocalRule, ...]

    def in_force(self, day: date) -> dict[str, LocalRule]:
        return {r.group: r for r in self.rules if r.covers(day)}

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


_RULE_KEYS = {"nhom", "so_tien", "phan_tram", "tu", "den", "nguon", "can_xac_nhan", "ghi_chu"}


def _local_rule(raw: Any, path: str, where: str) -> LocalRule:
    if not isinstance(raw, dict):
        raise _fail(path, where, "mỗi mức hỗ trợ phải là một bảng khóa: giá trị")
    _check_keys(raw, _RULE_KEYS, path, where)
    group = raw.get("nhom")
    if group not in GROUP_KEYS:
        raise _fail(path, f"{where}.nhom", f"nhóm {group!r} không hợp lệ ({', '.join(GROUP_KEYS)})")
    if ("so_tien" in raw) == ("phan_tram" in raw):
        raise _fail(path, where, "cần đúng một trong hai khóa 'so_tien' hoặc 'phan_tram'")
    for field in ("tu", "nguon"):
        if field not in raw:
            raise _fail(path, f"{where}.{field}", "thiếu khóa bắt buộc")
    period = _period(
        {k: v for k, v in raw.items() if k in {"tu", "den", "nguon", "can_xac_nhan", "ghi_chu"}} | {"muc": 0},
        "dong",
        path,
        where,
    )
    return LocalRule(
        group=group,
        amount=_number(raw["so_tien"], "dong", path, f"{where}.so_tien") if "so_tien" in raw else None,
        share_bp=_basis_points(raw["phan_tram"], path, f"{where}.phan_tram") if "phan_tram" in raw else None,
        start=period.start,
        end=period.end,
        source=period.source,
        unconfirmed=period.unconfirmed,
        note=period.note,
    )


def load_local_support(path: Path, slug: str | None = None) -> LocalSupport:
    """Read `provinces/<slug>/ho-tro-dia-phuong.yaml`; the slug defaults to the folder name."""
    shown = str(path)
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise PolicyError(f"{shown}: tệp phải là một bảng khóa: giá trị")
    _check_keys(data, {"vi_du", "ten_chinh_sach", "ho_tro"}, shown, "gốc tệp")
    rules_raw = data.get("ho_tro")
    if not isinstance(rules_raw, list) or not rules_raw:
        raise _fail(shown, "ho_tro", "cần một danh sách các mức hỗ trợ")
    rules = [_local_rule(r, shown, f"ho_tro[{i}]") for i, r in enumerate(rules_raw)]
    for group in GROUP_KEYS:
        _ordered([r for r in rules if r.group == group], shown, f"ho_tro (nhóm {group})")
    title = data.get("ten_chinh_sach", "Hỗ trợ thêm của địa phương")
    return LocalSupport(
        slug=slug or path.parent.name,
        path=shown,
        title=_text(title, shown, "ten_chinh_sach"),
        example=_flag(data.get("vi_du", False), shown, "vi_du"),
        rules=tuple(sorted(rules, key=lambda r: (GROUP_KEYS.index(r.group), r.start))),
    )


def load_local_supports(provinces_dir: Path) -> dict[str, LocalSupport]:
    """Every province folder that has a local-support file, sorted by slug."""
    found = sorted(provinces_dir.glob(f"*/{LOCAL_SUPPORT_FILE}")) if provinces_dir.is_dir() else []
    return {p.parent.name: load_local_support(p) for p in found}
