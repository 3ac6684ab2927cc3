"""chinh-sach.yaml and ho-tro-dia-phuong.yaml: loading, validation messages, values by date."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.contract import PROJECT_ROOT
from generator.policy import (
    REQUIRED,
    PolicyError,
    load_local_support,
    load_local_supports,
    load_policy,
)

DATA = PROJECT_ROOT / "directory_data"
POLICY = DATA / "chinh-sach.yaml"
HA_NOI = DATA / "provinces" / "ha-noi" / "ho-tro-dia-phuong.yaml"


def raw_policy() -> dict[str, Any]:
    return yaml.safe_load(POLICY.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: Any, name: str = "chinh-sach.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def error_for(path: Path) -> str:
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    return str(caught.value)


def test_shipped_policy_loads_with_every_required_parameter() -> None:
    policy = load_policy(POLICY)
    assert set(REQUIRED) <= set(policy.parameters)


def test_base_salary_by_date() -> None:
    policy = load_policy(POLICY)
    assert policy.values_in_force(date(2026, 6, 30))["luong_co_so"] == 2_340_000
    assert policy.values_in_force(date(2026, 7, 1))["luong_co_so"] == 2_530_000


def test_reference_level_follows_base_salary() -> None:
    policy = load_policy(POLICY)
    for day, expected in ((date(2026, 6, 30), 2_340_000), (date(2026, 7, 1), 2_530_000)):
        values = policy.values_in_force(day)
        assert values["muc_tham_chieu"] == expected
        assert values.values["muc_tham_chieu"].start <= day


def test_poverty_line_by_date() -> None:
    policy = load_policy(POLICY)
    assert policy.values_in_force(date(2026, 12, 31))["chuan_ngheo_nong_thon"] == 1_500_000
    assert policy.values_in_force(date(2027, 1, 1))["chuan_ngheo_nong_thon"] == 2_200_000


def test_percentages_are_exact_basis_points() -> None:
    values = load_policy(POLICY).values_in_force(date(2026, 11, 22))
    assert values["bhyt_hgd_ty_le_dong"] == 450
    assert values["bhxh_tn_ty_le_dong"] == 2200
    assert values["bhyt_hgd_ty_le_thanh_vien"] == (10000, 7000, 6000, 5000, 4000)
    assert values["bhxh_tn_he_so_thu_nhap_toi_da"] == 20


def test_window_is_where_nothing_changes() -> None:
    values = load_policy(POLICY).values_in_force(date(2026, 11, 22))
    assert values.window == (date(2026, 7, 1), date(2026, 12, 31))


def test_unconfirmed_facts_are_flagged() -> None:
    values = load_policy(POLICY).values_in_force(date(2026, 11, 22))
    flagged = {v.key for v in values.values.values() if v.unconfirmed}
    # The hotline is in none of the project's sources (policy facts, plan 910, guidance 1108).
    assert flagged == {
        "bhxh_tn_dong_bu_toi_da_thang",
        "bhxh_tn_to_khai",
        "bhyt_chi_phi_thap_ty_le",
        "duong_day_nong",
    }


def test_upcoming_changes_after_november_2026() -> None:
    changes = load_policy(POLICY).upcoming_changes(date(2026, 11, 22))
    first = changes[0]
    assert (first.start, first.key) == (date(2027, 1, 1), "chuan_ngheo_nong_thon")
    assert first.old is not None and first.old.value == 1_500_000
    assert first.new is not None and first.new.value == 2_200_000


def test_upcoming_changes_include_derived_values() -> None:
    changes = load_policy(POLICY).upcoming_changes(date(2026, 3, 1))
    on_july = {c.key for c in changes if c.start == date(2026, 7, 1)}
    assert on_july == {"luong_co_so", "muc_tham_chieu"}


def test_no_value_in_force_names_key_and_date() -> None:
    with pytest.raises(PolicyError, match=r"chuan_ngheo_nong_thon.*01/01/2031"):
        load_policy(POLICY).values_in_force(date(2031, 1, 1))


def test_missing_file(tmp_path: Path) -> None:
    assert "không tìm thấy tệp" in error_for(tmp_path / "khong-co.yaml")


def test_bad_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "chinh-sach.yaml"
    path.write_text("tham_so:\n  luong_co_so: [1, 2\n", encoding="utf-8")
    message = error_for(path)
    assert str(path) in message and "YAML sai cú pháp ở dòng" in message


def test_missing_parameter_names_key(tmp_path: Path) -> None:
    data = raw_policy()
    del data["tham_so"]["bhyt_hgd_ty_le_dong"]
    message = error_for(write(tmp_path, data))
    assert "chinh-sach.yaml" in message
    assert "tham_so.bhyt_hgd_ty_le_dong" in message and "thiếu tham số bắt buộc" in message


@pytest.mark.parametrize(
    ("field", "expected"),
    [("tu", "thiếu ngày bắt đầu hiệu lực"), ("nguon", "thiếu căn cứ pháp lý")],
)
def test_missing_period_field_names_path(tmp_path: Path, field: str, expected: str) -> None:
    data = raw_policy()
    del data["tham_so"]["luong_co_so"]["gia_tri"][1][field]
    message = error_for(write(tmp_path, data))
    assert f"tham_so.luong_co_so.gia_tri[1].{field}" in message and expected in message


def test_overlapping_periods_are_refused(tmp_path: Path) -> None:
    data = raw_policy()
    data["tham_so"]["luong_co_so"]["gia_tri"][0]["den"] = date(2026, 7, 31)
    assert "chồng lên nhau từ ngày 01/07/2026" in error_for(write(tmp_path, data))


@pytest.mark.parametrize("bad", [4.555, "bốn", -1, 101, True])
def test_bad_percentage(tmp_path: Path, bad: Any) -> None:
    data = raw_policy()
    data["tham_so"]["bhyt_hgd_ty_le_dong"]["gia_tri"][0]["muc"] = bad
    assert "tham_so.bhyt_hgd_ty_le_dong.gia_tri[0].muc" in error_for(write(tmp_path, data))


def test_amount_must_be_whole_dong(tmp_path: Path) -> None:
    data = raw_policy()
    data["tham_so"]["luong_co_so"]["gia_tri"][1]["muc"] = 2_530_000.5
    assert "cần một số nguyên không âm" in error_for(write(tmp_path, data))


def test_misspelt_key_is_refused(tmp_path: Path) -> None:
    data = raw_policy()
    data["tham_so"]["luong_co_so"]["gia_tri"][1]["den_ngay"] = "2027-01-01"
    assert "khóa không được hỗ trợ: den_ngay" in error_for(write(tmp_path, data))


def test_list_parameter_needs_a_list(tmp_path: Path) -> None:
    data = raw_policy()
    data["tham_so"]["bhyt_hgd_ty_le_thanh_vien"]["gia_tri"][0]["muc"] = 70
    assert "cần một danh sách" in error_for(write(tmp_path, data))


def test_reference_to_unknown_parameter(tmp_path: Path) -> None:
    data = raw_policy()
    data["tham_so"]["muc_tham_chieu"]["gia_tri"][0]["theo"] = "luong_toi_thieu"
    assert "'luong_toi_thieu'" in error_for(write(tmp_path, data))


def test_unconfirmed_must_be_boolean(tmp_path: Path) -> None:
    data = raw_policy()
    data["tham_so"]["luong_co_so"]["gia_tri"][1]["can_xac_nhan"] = "có"
    assert "chỉ nhận true hoặc false" in error_for(write(tmp_path, data))


# --- local support ---------------------------------------------------------------------------


def test_example_local_support_is_marked_as_example() -> None:
    local = load_local_support(HA_NOI)
    assert local.slug == "ha-noi" and local.example
    in_force = local.in_force(date(2026, 11, 22))
    assert in_force["ngheo"].share_bp == 3000
    assert in_force["dan_toc"].amount == 30_000


def test_local_supports_are_found_by_folder() -> None:
    assert list(load_local_supports(DATA / "provinces")) == ["ha-noi"]
    assert load_local_supports(Path("/khong/co")) == {}


def test_local_support_bad_group(tmp_path: Path) -> None:
    data = yaml.safe_load(HA_NOI.read_text(encoding="utf-8"))
    data["ho_tro"][0]["nhom"] = "nguoi_cao_tuoi"
    path = write(tmp_path, data, "ho-tro-dia-phuong.yaml")
    with pytest.raises(PolicyError, match=r"ho_tro\[0\]\.nhom: nhóm 'nguoi_cao_tuoi'"):
        load_local_support(path)


def test_local_support_needs_amount_or_share(tmp_path: Path) -> None:
    data = yaml.safe_load(HA_NOI.read_text(encoding="utf-8"))
    data["ho_tro"][0]["so_tien"] = 10_000
    path = write(tmp_path, data, "ho-tro-dia-phuong.yaml")
    with pytest.raises(PolicyError, match="'so_tien' hoặc 'phan_tram'"):
        load_local_support(path)
