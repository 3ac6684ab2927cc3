"""Phụ lục 3 of Kế hoạch 910/KH-BHXH (2018): signs and leaflets per pre-2025 province, and the
mapping of those 63 provinces onto the 34 provinces of 1 July 2025."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from generator.text import fold_compact
from generator.units import Province, admin_units

REFERENCE_CSV = Path(__file__).resolve().parents[2] / "directory_data" / "reference" / "phu-luc-3-2018.csv"

# Only the spellings the admin-units data cannot resolve on its own; everything else goes through
# `province_by_name`, which knows every pre-2025 name merged into a 2025 province.
OLD_PROVINCE_ALIASES: dict[str, str] = {
    "BR Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "TT Huế": "Huế",  # Thừa Thiên Huế became Thành phố Huế on 1/1/2025, before the merger
    "Kom Tum": "Kon Tum",  # misspelt in the signed appendix
    # The spellings of libphonenumber's geocoder (used to find area codes).
    "Thừa Thiên-Huế": "Huế",
    "Thủ đô Hà Nội": "Hà Nội",
}


@dataclass(frozen=True)
class OldProvinceQuantity:
    number: int  # STT in the appendix
    old_name: str  # as printed: "Kom Tum"
    leaflets_bhxh: int  # tờ rơi BHXH tự nguyện
    leaflets_bhyt: int  # tờ rơi BHYT hộ gia đình
    signs: int  # biển hiệu
    province_code: str  # the 2025 province it lies in


def resolve_old_province(name: str) -> Province | None:
    """The 2025 province of a pre-2025 province name, abbreviated or not."""
    units = admin_units()
    return units.province_by_name(name) or units.province_by_name(
        OLD_PROVINCE_ALIASES.get(name.strip(), name)
    )


def load_quantities(path: Path = REFERENCE_CSV) -> list[OldProvinceQuantity]:
    """All 63 rows; raises when a name maps to no 2025 province, so a bad edit fails loudly."""
    rows: list[OldProvinceQuantity] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for record in csv.DictReader(handle):
            province = resolve_old_province(record["tinh_cu"])
            if province is None:
                raise ValueError(f"Không xác định được tỉnh mới của '{record['tinh_cu']}'")
            rows.append(
                OldProvinceQuantity(
                    number=int(record["stt"]),
                    old_name=record["tinh_cu"],
                    leaflets_bhxh=int(record["to_roi_bhxh_tu_nguyen"]),
                    leaflets_bhyt=int(record["to_roi_bhyt_ho_gia_dinh"]),
                    signs=int(record["bien_hieu"]),
                    province_code=province.code,
                )
            )
    return rows


def signs_by_province(path: Path = REFERENCE_CSV) -> dict[str, int]:
    """2018 sign quantities summed over the old provinces merged into each 2025 province."""
    totals: dict[str, int] = defaultdict(int)
    for row in load_quantities(path):
        totals[row.province_code] += row.signs
    return {code: totals[code] for code in sorted(admin_units().provinces)}


def old_province_key(name: str) -> str:
    """Comparable form of a province name without 'Tỉnh'/'Thành phố'/'TP'/'Thủ đô'."""
    key = fold_compact(OLD_PROVINCE_ALIASES.get(name.strip(), name))
    for prefix in ("thudo", "thanhpho", "tinh", "tp"):
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            return key[len(prefix) :]
    return key
