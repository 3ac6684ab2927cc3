"""Contribution amounts computed from the policy: the worked figures of the sourced facts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.contract import PROJECT_ROOT
from generator.policy import LocalRule, load_policy
from generator.policy.contributions import (
    bhxh_incomes,
    bhxh_monthly,
    bhxh_params,
    bhxh_table,
    bhyt_household_monthly,
    bhyt_member_monthly,
    bhyt_params,
    bhyt_table,
    round_half_up,
    share_of,
)
from generator.render.leaflets import format_percent, format_vnd

POLICY = PROJECT_ROOT / "directory_data" / "chinh-sach.yaml"
AFTER_JULY_2026 = date(2026, 11, 22)
BEFORE_JULY_2026 = date(2026, 6, 30)


def values(day: date, path: Path = POLICY):
    return load_policy(path).values_in_force(day)


def test_format_vnd() -> None:
    assert format_vnd(1_366_200) == "1.366.200 đ"
    assert format_vnd(113_850) == "113.850 đ"
    assert format_vnd(999) == "999 đ"
    assert format_vnd(1000) == "1.000 đ"
    assert format_vnd(0) == "0 đ"


def test_format_percent() -> None:
    assert format_percent(450) == "4,5%"
    assert format_percent(2200) == "22%"
    assert format_percent(1234) == "12,34%"


def test_round_half_up() -> None:
    assert round_half_up(5, 10) == 1
    assert round_half_up(4, 10) == 0
    assert round_half_up(15, 10) == 2
    assert share_of(2_530_000, 450) == 113_850
    with pytest.raises(ValueError):
        round_half_up(-1, 10)


def test_bhyt_from_july_2026() -> None:
    params = bhyt_params(values(AFTER_JULY_2026))
    monthly = [r.monthly for r in bhyt_table(params)]
    assert monthly == [113_850, 79_695, 68_310, 56_925, 45_540]
    assert [12 * m for m in monthly] == [1_366_200, 956_340, 819_720, 683_100, 546_480]
    assert bhyt_member_monthly(params, 1) * 12 == 1_366_200
    assert bhyt_member_monthly(params, 9) == 45_540  # every member from the 5th on


def test_bhyt_until_june_2026() -> None:
    params = bhyt_params(values(BEFORE_JULY_2026))
    assert [12 * r.monthly for r in bhyt_table(params)] == [
        1_263_600,
        884_520,
        758_160,
        631_800,
        505_440,
    ]


def test_bhyt_household_total() -> None:
    params = bhyt_params(values(AFTER_JULY_2026))
    assert bhyt_household_monthly(params, 3) == 113_850 + 79_695 + 68_310
    assert bhyt_household_monthly(params, 6) == 364_320 + 45_540


def test_bhxh_at_poverty_line() -> None:
    params = bhxh_params(values(AFTER_JULY_2026))
    nets = {g: bhxh_monthly(params, 1_500_000, g) for g in ("ngheo", "can_ngheo", "dan_toc", "khac")}
    assert {m.gross for m in nets.values()} == {330_000}
    assert {g: m.net for g, m in nets.items()} == {
        "ngheo": 165_000,
        "can_ngheo": 198_000,
        "dan_toc": 231_000,
        "khac": 264_000,
    }


def test_bhxh_income_bounds() -> None:
    assert bhxh_params(values(BEFORE_JULY_2026)).max_income == 46_800_000
    params = bhxh_params(values(AFTER_JULY_2026))
    assert (params.min_income, params.max_income) == (1_500_000, 50_600_000)
    with pytest.raises(ValueError):
        bhxh_monthly(params, 1_499_999, "khac")
    with pytest.raises(ValueError):
        bhxh_monthly(params, 50_600_001, "khac")


def test_bhxh_table_runs_from_minimum_to_maximum() -> None:
    params = bhxh_params(values(AFTER_JULY_2026))
    incomes = bhxh_incomes(params)
    assert incomes[0] == 1_500_000 and incomes[-1] == 50_600_000
    assert incomes == sorted(set(incomes))
    rows = bhxh_table(params)
    assert rows[-1].gross == 11_132_000
    # the support is a fixed amount: it does not grow with the chosen income
    assert rows[-1].by_group["khac"].state_support == 66_000


def test_bhxh_2027_poverty_line() -> None:
    params = bhxh_params(values(date(2027, 1, 1)))
    assert params.support_base == 484_000
    assert bhxh_monthly(params, 2_200_000, "khac").net == 387_200
    assert 2_000_000 not in bhxh_incomes(params)


def test_bhxh_local_support_by_share_and_amount() -> None:
    v = values(AFTER_JULY_2026)
    local = {
        "khac": LocalRule("khac", None, 1000, date(2026, 1, 1), None, "ví dụ", False, None),
        "dan_toc": LocalRule("dan_toc", 30_000, None, date(2026, 1, 1), None, "ví dụ", False, None),
    }
    params = bhxh_params(v, local)
    assert bhxh_monthly(params, 1_500_000, "khac").local_support == 33_000
    assert bhxh_monthly(params, 1_500_000, "khac").net == 231_000
    assert bhxh_monthly(params, 1_500_000, "dan_toc").net == 201_000
    assert bhxh_monthly(params, 1_500_000, "ngheo").local_support == 0


def test_bhxh_support_never_exceeds_what_is_owed() -> None:
    v = values(AFTER_JULY_2026)
    generous = LocalRule("ngheo", 10_000_000, None, date(2026, 1, 1), None, "ví dụ", False, None)
    month = bhxh_monthly(bhxh_params(v, {"ngheo": generous}), 1_500_000, "ngheo")
    assert month.net == 0 and month.state_support + month.local_support == month.gross


def test_base_salary_change_moves_every_dependent_number(tmp_path: Path) -> None:
    data = yaml.safe_load(POLICY.read_text(encoding="utf-8"))
    data["tham_so"]["luong_co_so"]["gia_tri"][1]["muc"] = 2_600_000
    copy = tmp_path / "chinh-sach.yaml"
    copy.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    old, new = values(AFTER_JULY_2026), values(AFTER_JULY_2026, copy)
    assert new["muc_tham_chieu"] == 2_600_000
    assert [r.monthly for r in bhyt_table(bhyt_params(new))] == [117_000, 81_900, 70_200, 58_500, 46_800]
    assert bhxh_params(new).max_income == 52_000_000
    for a, b in zip(bhyt_table(bhyt_params(old)), bhyt_table(bhyt_params(new)), strict=True):
        assert a.monthly != b.monthly
    # the poverty line does not depend on the base salary
    assert bhxh_params(new).support_base == bhxh_params(old).support_base


def test_params_are_plain_values() -> None:
    params = bhxh_params(values(AFTER_JULY_2026))
    assert replace(params, min_income=2_200_000).support_base == 484_000
