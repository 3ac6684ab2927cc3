"""Reading `chinh-sach.yaml` into a `Policy`: every parameter the leaflets need, in its unit and
shape, with its dated periods (`generator.policy.periods`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.policy.fields import (
    VALIDITY_KEYS,
    PolicyError,
    check_keys,
    fail,
    ordered,
    read_dates,
    read_provenance,
    read_text,
    read_value,
    read_yaml,
    require,
)
from generator.policy.periods import Document, Parameter, Period, Policy

POLICY_FILE = "chinh-sach.yaml"

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
    "duong_day_nong": ("van_ban", "scalar"),
    "bhxh_tn_huu_nam_co_so": ("nam", "list"),
}


_PERIOD_KEYS = VALIDITY_KEYS | {"muc", "theo"}


def _period(raw: Any, unit: str, path: str, where: str) -> Period:
    if not isinstance(raw, dict):
        raise fail(path, where, "mỗi khoảng hiệu lực phải là một bảng khóa: giá trị")
    check_keys(raw, _PERIOD_KEYS, path, where)
    if ("muc" in raw) == ("theo" in raw):
        raise fail(path, where, "cần đúng một trong hai khóa 'muc' hoặc 'theo'")
    if "tu" not in raw:
        raise fail(path, f"{where}.tu", "thiếu ngày bắt đầu hiệu lực")
    if "nguon" not in raw:
        raise fail(path, f"{where}.nguon", "thiếu căn cứ pháp lý")
    start, end = read_dates(raw, path, where)
    value = read_value(raw["muc"], unit, path, f"{where}.muc") if "muc" in raw else None
    ref = read_text(raw["theo"], path, f"{where}.theo") if "theo" in raw else None
    provenance = read_provenance(raw, path, where)
    return Period(
        start=start,
        end=end,
        source=provenance.source,
        value=value,
        ref=ref,
        unconfirmed=provenance.unconfirmed,
        note=provenance.note,
    )


def _parameter(key: str, raw: Any, path: str) -> Parameter:
    where = f"tham_so.{key}"
    if not isinstance(raw, dict):
        raise fail(path, where, "phải là một bảng khóa: giá trị")
    check_keys(raw, {"ten", "don_vi", "gia_tri"}, path, where)
    require(raw, ("ten", "don_vi", "gia_tri"), path, where)
    unit = raw["don_vi"]
    if not isinstance(unit, str) or unit not in UNITS:  # a list or mapping: not even hashable
        raise fail(path, f"{where}.don_vi", f"đơn vị {unit!r} không hợp lệ ({', '.join(sorted(UNITS))})")
    items = raw["gia_tri"]
    if not isinstance(items, list) or not items:
        raise fail(path, f"{where}.gia_tri", "cần một danh sách các khoảng hiệu lực")
    periods = [_period(p, unit, path, f"{where}.gia_tri[{i}]") for i, p in enumerate(items)]
    return Parameter(key, read_text(raw["ten"], path, f"{where}.ten"), unit, ordered(periods, path, where))


def load_policy(path: Path) -> Policy:
    """Read `chinh-sach.yaml`: every parameter the leaflets need, in its unit and shape, with
    periods that do not overlap and `theo` references to parameters of the same unit."""
    shown = str(path)
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("tham_so"), dict):
        raise PolicyError(f"{shown}: thiếu mục 'tham_so' (bảng các tham số chính sách)")
    params = {str(k): _parameter(str(k), v, shown) for k, v in data["tham_so"].items()}
    for key, (unit, shape) in REQUIRED.items():
        where = f"tham_so.{key}"
        if key not in params:
            raise fail(shown, where, "thiếu tham số bắt buộc")
        if params[key].unit != unit:
            raise fail(shown, f"{where}.don_vi", f"cần đơn vị '{unit}'")
        for i, p in enumerate(params[key].periods):
            if p.value is not None and isinstance(p.value, tuple) != (shape == "list"):
                want = "một danh sách" if shape == "list" else "một giá trị đơn"
                raise fail(shown, f"{where}.gia_tri[{i}].muc", f"cần {want}")
    for key, param in params.items():
        for i, p in enumerate(param.periods):
            if p.ref is not None and (p.ref not in params or params[p.ref].unit != param.unit):
                raise fail(
                    shown, f"tham_so.{key}.gia_tri[{i}].theo", f"không có tham số {p.ref!r} cùng đơn vị"
                )
    return Policy(shown, params, _documents(data.get("giay_to", {}), shown))


LEAFLETS = ("bhxh", "bhyt")


def _documents(raw: Any, path: str) -> dict[str, tuple[Document, ...]]:
    """`giay_to`: per leaflet, the papers to bring; one without `nguon` must say `can_xac_nhan`."""
    if not isinstance(raw, dict):
        raise fail(path, "giay_to", "phải là một bảng khóa: giá trị (bhxh, bhyt)")
    check_keys(raw, LEAFLETS, path, "giay_to")
    out: dict[str, tuple[Document, ...]] = {}
    for leaflet in LEAFLETS:
        items = raw.get(leaflet, [])
        if not isinstance(items, list):
            raise fail(path, f"giay_to.{leaflet}", "cần một danh sách giấy tờ")
        docs = []
        for i, item in enumerate(items):
            where = f"giay_to.{leaflet}[{i}]"
            if not isinstance(item, dict):
                raise fail(path, where, "mỗi giấy tờ phải là một bảng khóa: giá trị")
            check_keys(item, {"ten", "nguon", "can_xac_nhan"}, path, where)
            require(item, ("ten",), path, where)
            source = read_text(item["nguon"], path, f"{where}.nguon") if "nguon" in item else None
            unconfirmed = item.get("can_xac_nhan", False)
            if not isinstance(unconfirmed, bool):
                raise fail(path, f"{where}.can_xac_nhan", "chỉ nhận true hoặc false")
            if source is None and not unconfirmed:
                raise fail(path, where, "thiếu 'nguon'; nếu chưa có căn cứ, ghi can_xac_nhan: true")
            docs.append(
                Document(read_text(item["ten"], path, f"{where}.ten"), source, unconfirmed or source is None)
            )
        out[leaflet] = tuple(docs)
    return out
