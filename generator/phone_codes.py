"""The two renumberings a list typed before 2019 still carries, as data: the fixed-line area codes
of 2017 (QĐ 2036/QĐ-BTTTT, 59 of 63 provinces, three phases) and the 11-digit mobile prefixes of
2018. Tables and their sources: `generator/data/phone_area_codes_2017.csv` and
`generator/data/mobile_prefixes_2018.csv`."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from generator.text import fold

_DATA = Path(__file__).parent / "data"
# The two cities whose subscriber numbers have 8 digits (024 3xxx xxxx); everywhere else 7.
_EIGHT_DIGIT_CODES = ("024", "028")


@dataclass(frozen=True, eq=False)  # one object per province: identity is equality, hashing is cheap
class Area:
    old_province: str  # "An Giang", as before 1 July 2025
    old_code: str  # "076", with its trunk 0
    new_code: str  # "0296"
    since: str  # "2017-04-15"; "" for the 4 provinces whose code did not change
    province_2025: str  # slug of the 2025 province that took the old one in

    @property
    def subscriber_digits(self) -> int:
        return 8 if self.new_code in _EIGHT_DIGIT_CODES else 7

    @property
    def since_label(self) -> str:
        year, month, day = self.since.split("-")
        return f"{int(day)}/{int(month)}/{year}"


@dataclass(frozen=True)
class MobilePrefix:
    old: str  # "0129"
    new: str  # "082"
    network: str
    since: str


@dataclass(frozen=True)
class _Tables:
    areas: tuple[Area, ...]
    by_name: dict[str, Area]
    by_old_code: dict[str, Area]
    by_slug: dict[str, tuple[Area, ...]]
    mobile: dict[str, MobilePrefix]


@lru_cache(maxsize=4096)
def province_key(text: str) -> str:
    """An old province as people write it, reduced for lookup: "Hồ Chí Minh (TP)", "Tp. Hồ Chí Minh",
    "Thừa Thiên - Huế", "Đăk Lăk", "HÒA BÌNH" → "hochiminh", …, "daklak", "hoabinh"."""
    folded = fold(text).replace("(tp)", " ").replace("tp.", "tp ")
    for prefix in ("thanh pho ", "tinh ", "tp "):
        if folded.startswith(prefix):
            folded = folded[len(prefix) :]
    return "".join(ch for ch in folded if ch.isalnum())


def _read(name: str) -> list[dict[str, str]]:
    with (_DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def _tables() -> _Tables:
    areas = tuple(
        Area(r["old_province"], r["old_code"], r["new_code"], r["phase_date"], r["province_2025"])
        for r in _read("phone_area_codes_2017.csv")
    )
    by_name: dict[str, Area] = {}
    for area, row in zip(areas, _read("phone_area_codes_2017.csv"), strict=True):
        for name in (area.old_province, *filter(None, row["other_names"].split(";"))):
            by_name[province_key(name)] = area
    by_slug: dict[str, list[Area]] = {}
    for area in areas:
        by_slug.setdefault(area.province_2025, []).append(area)
    mobile = {
        r["old_prefix"]: MobilePrefix(r["old_prefix"], r["new_prefix"], r["network"], r["date"])
        for r in _read("mobile_prefixes_2018.csv")
    }
    return _Tables(
        areas,
        by_name,
        {a.old_code: a for a in areas},
        {slug: tuple(group) for slug, group in by_slug.items()},
        mobile,
    )


def all_areas() -> tuple[Area, ...]:
    return _tables().areas


def areas_prefixing(national: str) -> Iterator[tuple[Area, str]]:
    """Each area whose code of today or of before 2017 starts this national number, with that
    code, in the table's order (today's code first)."""
    for area in all_areas():
        for code in dict.fromkeys((area.new_code, area.old_code)):
            if national.startswith(code):
                yield area, code


def areas_of_province(slug: str) -> tuple[Area, ...]:
    """The old provinces (with their area codes) a 2025 province took in."""
    return _tables().by_slug.get(slug, ())


@lru_cache(maxsize=4096)  # a list repeats its few province spellings on every row
def area_by_name(text: str) -> Area | None:
    return _tables().by_name.get(province_key(text))


def old_area_of(national: str) -> Area | None:
    """The province whose pre-2017 code starts this national number ("0763844160") with exactly
    its subscriber digits after it. Old codes are 2 to 4 digits with the 0 and none is the prefix
    of another of the same total length, so the first fit is the only one."""
    tables = _tables()
    for size in (4, 3, 2):
        area = tables.by_old_code.get(national[:size])
        if area and area.old_code != area.new_code and len(national) - size == area.subscriber_digits:
            return area
    return None


def mobile_prefix_of(national: str) -> MobilePrefix | None:
    """The 2018 conversion of an 11-digit mobile number ("01296228666")."""
    return _tables().mobile.get(national[:4]) if len(national) == 11 else None
