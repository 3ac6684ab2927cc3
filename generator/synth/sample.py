"""The sample bundled in `directory_data/`: every province, a few dozen points each, three months,
a few late provinces and a handful of typing imperfections a validator should only warn about."""

from __future__ import annotations

import math
import re
from pathlib import Path

from generator.synth.churn import ChurnRates
from generator.synth.dataset import Quirk, Row, SynthSummary, generate
from generator.synth.reference import signs_by_province
from generator.units import LegacyCommune, admin_units

SAMPLE_SEED = 2026
SAMPLE_MONTHS = ("2026-09", "2026-10", "2026-11")
SAMPLE_MIN_POINTS, SAMPLE_MAX_POINTS = 20, 40
# Higher than real churn so that three months of a few dozen points still show every kind of change.
SAMPLE_RATES = ChurnRates(closed=(0.02, 0.04), added=(0.03, 0.05), phone=0.05, moved=0.03, edited=0.04)
# Provinces whose latest file is older than the latest month: shown as carried forward.
SAMPLE_SKIPPED: dict[str, tuple[str, ...]] = {
    "dien-bien": ("2026-10", "2026-11"),
    "ca-mau": ("2026-11",),
    "quang-ngai": ("2026-11",),
}
SAMPLE_DESCRIPTION = "Dữ liệu mẫu, không phải danh sách thật"

# Row indexes (see ProvinceSim.rows).
_COMMUNE, _MOBILE, _LAT, _LON = 4, 7, 9, 10
_DIGITS = re.compile(r"\D")


def sample_counts() -> dict[str, int]:
    """20–40 points per province, growing with the square root of its 2018 sign quantity."""
    signs = signs_by_province()
    low, high = math.sqrt(min(signs.values())), math.sqrt(max(signs.values()))
    span = SAMPLE_MAX_POINTS - SAMPLE_MIN_POINTS
    return {
        code: SAMPLE_MIN_POINTS + round(span * (math.sqrt(q) - low) / (high - low))
        for code, q in signs.items()
    }


def write_sample_dataset(out: Path) -> SynthSummary:
    """Regenerate the bundled sample under `out` (normally `directory_data`)."""
    return generate(
        out,
        sample_counts(),
        SAMPLE_MONTHS,
        SAMPLE_SEED,
        SAMPLE_RATES,
        skipped=SAMPLE_SKIPPED,
        sample=True,
        quirk_hook=_plant_quirks,
        description=SAMPLE_DESCRIPTION,
    )


def _stable_codes(by_month: dict[str, dict[str, Row]]) -> list[str]:
    """Codes present and identical in every file of a province: a quirk on them stays the same."""
    months = list(by_month)
    first = by_month[months[0]]
    return [code for code in sorted(first) if all(by_month[m].get(code) == first[code] for m in months[1:])]


def _rewrite(by_month: dict[str, dict[str, Row]], code: str, index: int, value: str) -> None:
    for rows in by_month.values():
        row = list(rows[code])
        row[index] = value
        rows[code] = tuple(row)


def _plant_quirks(snapshots: dict[str, dict[str, dict[str, Row]]]) -> list[Quirk]:
    quirks: list[Quirk] = []

    # Lai Châu: a mobile that lost its leading zero in Excel, another typed "0836974 222".
    lai_chau = snapshots["lai-chau"]
    stable = _stable_codes(lai_chau)
    first = lai_chau[next(iter(lai_chau))]
    mobiles = [c for c in stable if _DIGITS.sub("", first[c][_MOBILE]).startswith("09")]
    code = mobiles[0]
    value = _DIGITS.sub("", first[code][_MOBILE])[1:]
    _rewrite(lai_chau, code, _MOBILE, value)
    quirks.append(Quirk("lai-chau", code, "mobile_phone", value, "mobile_without_zero"))
    spaced = [c for c in stable if first[c][_MOBILE] and c != code]
    code = spaced[len(spaced) // 2]
    digits = _DIGITS.sub("", first[code][_MOBILE])
    value = f"{digits[:7]} {digits[7:]}"
    _rewrite(lai_chau, code, _MOBILE, value)
    quirks.append(Quirk("lai-chau", code, "mobile_phone", value, "phone_spacing"))

    # Bắc Ninh: a commune still written by its pre-2025 name (a commune of old Bắc Giang).
    units = admin_units()
    province = units.province_by_slug("bac-ninh")
    assert province is not None
    bac_ninh = snapshots["bac-ninh"]
    first = bac_ninh[next(iter(bac_ninh))]
    legacy_by_commune: dict[str, LegacyCommune] = {}
    for legacy in units.legacy_communes_of(province.code):
        match = units.match_commune(province.code, legacy.name)
        if match.commune is not None and match.legacy is not None:
            legacy_by_commune.setdefault(match.commune.code, legacy)
    for code in _stable_codes(bac_ninh):
        old = legacy_by_commune.get(first[code][-1])
        if old is not None:
            _rewrite(bac_ninh, code, _COMMUNE, old.name)
            quirks.append(Quirk("bac-ninh", code, "commune", old.name, "legacy_commune"))
            break

    # Gia Lai: two points with decimal-comma coordinates, as a Vietnamese-locale Excel writes them.
    gia_lai = snapshots["gia-lai"]
    first = gia_lai[next(iter(gia_lai))]
    located = [c for c in _stable_codes(gia_lai) if first[c][_LAT]]
    for code in located[:2]:
        for index, key in ((_LAT, "lat"), (_LON, "lon")):
            value = first[code][index].replace(".", ",")
            _rewrite(gia_lai, code, index, value)
            quirks.append(Quirk("gia-lai", code, key, value, "decimal_comma"))
    return quirks
