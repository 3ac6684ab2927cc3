"""The commune codes follow the official list (Quyết định 19/2025/QĐ-TTg), through the package we
chose (README, "Commune codes"). `fixtures/ma-xa-2025-doi-chieu.csv` holds the 123 codes on which
`vietnamadminunits` and `vietnam-provinces` disagree (114 codes that only one of them has, 9 that
name another commune), each with the name of the General Statistics Office's list as republished by
thanglequoc/vietnamese-provinces-database v5.2.0 (PostgreSQL dump), the third source."""

from __future__ import annotations

import csv
import re
import tomllib
from pathlib import Path

from generator.contract import PROJECT_ROOT
from generator.text import fold_compact
from generator.units import UNITS_PACKAGE, admin_units, data_source

FIXTURE = Path(__file__).parent / "fixtures" / "ma-xa-2025-doi-chieu.csv"


def rows() -> list[dict[str, str]]:
    with FIXTURE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_disputed_codes_name_the_official_communes() -> None:
    communes = admin_units().communes
    disputed = rows()
    assert len(disputed) == 123
    for row in disputed:
        commune = communes.get(row["ma_xa"])
        assert commune is not None, row
        # Compared without diacritics: the lists place some tone marks differently (Hòa, Hoà).
        assert fold_compact(commune.name) == fold_compact(row["ten_xa"]), row
        assert commune.province_code == row["ma_tinh"], row


def test_the_nine_codes_the_other_package_gives_to_another_commune() -> None:
    communes = admin_units().communes
    for code in ("00226", "01537", "13285", "31207"):
        row = next(r for r in rows() if r["ma_xa"] == code)
        assert row["ten_cua_ma_nay_theo_vietnam_provinces"] not in ("", row["ten_xa"])
        assert fold_compact(communes[code].name) == fold_compact(row["ten_xa"])


def test_codes_only_the_other_package_has_are_not_ours() -> None:
    communes = admin_units().communes
    others = {c for r in rows() for c in r["ma_theo_vietnam_provinces"].split(";") if c}
    assert len(others) >= 114
    assert not others & {r["ma_xa"] for r in rows() if r["ten_cua_ma_nay_theo_vietnam_provinces"] == ""}
    for code in others - {r["ma_xa"] for r in rows()}:
        assert code not in communes, code


def test_the_package_is_pinned_and_named_in_the_open_data() -> None:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [d for d in project["project"]["dependencies"] if d.startswith(UNITS_PACKAGE)]
    assert len(pins) == 1 and re.fullmatch(rf"{UNITS_PACKAGE}==[\d.]+", pins[0])
    source = data_source()
    assert pins[0].endswith("==" + source["version"])  # the installed version is the pinned one
    assert UNITS_PACKAGE in source["title"] and source["version"] in source["title"]
