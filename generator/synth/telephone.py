"""Plausible Vietnamese phone numbers: fixed lines on the real area code of the pre-2025 province a
commune belonged to (provinces kept their old area codes after the 2025 merger), mobiles on real
network prefixes. Every number handed out has passed `generator.phones.parse_phone`."""

from __future__ import annotations

import random
from collections import defaultdict
from functools import cache

import phonenumbers
from phonenumbers import PhoneNumberType

from generator.phones import parse_phone
from generator.synth.reference import old_province_key
from generator.units import admin_units

# Network prefixes with rough market weights (Viettel, VinaPhone, MobiFone, then the small networks);
# prefixes the phonenumbers metadata rejects are dropped in `_mobile_prefixes`.
_MOBILE_WEIGHTS: dict[str, int] = {
    **dict.fromkeys(("086", "096", "097", "098"), 8),
    **dict.fromkeys(("032", "033", "034", "035", "036", "037", "038", "039"), 3),
    **dict.fromkeys(("088", "091", "094"), 6),
    **dict.fromkeys(("081", "082", "083", "084", "085"), 2),
    **dict.fromkeys(("089", "090", "093"), 5),
    **dict.fromkeys(("070", "076", "077", "078", "079"), 1),
    **dict.fromkeys(("052", "056", "058", "092", "099", "059", "087"), 1),
}
# VNPT lines mostly start with 3, Viettel's with 6; a few other carriers.
_FIXED_FIRST_DIGITS = "3333336662"


@cache
def _mobile_prefixes() -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Usable prefixes and their cumulative weights (for `Random.choices(cum_weights=…)`)."""
    prefixes, cumulative, total = [], [], 0
    for prefix, weight in _MOBILE_WEIGHTS.items():
        probes = (parse_phone(prefix + tail) for tail in ("1234567", "7654321", "9081726"))
        if all(p is not None and p.kind == "mobile" for p in probes):
            total += weight
            prefixes.append(prefix)
            cumulative.append(total)
    return tuple(prefixes), tuple(cumulative)


@cache
def area_codes() -> dict[str, str]:
    """Area code (without the trunk 0) of each pre-2025 province, keyed by `old_province_key`.

    Read from libphonenumber's geocoder rather than typed in: 3-digit codes 203–299; Hà Nội and
    Hồ Chí Minh come out as runs (242–248, 282–289) and collapse to their 2-digit codes 24 and 28.
    """
    from phonenumbers import geocoder  # 0.5 s of imports, needed only when synthetic data is made

    found: dict[str, list[str]] = defaultdict(list)
    for area in range(203, 300):
        number = phonenumbers.parse(f"0{area}3123456", "VN")
        if not phonenumbers.is_valid_number(number):
            continue
        if phonenumbers.number_type(number) != PhoneNumberType.FIXED_LINE:
            continue
        description = geocoder.description_for_number(number, "vi")
        if description:
            found[old_province_key(description)].append(str(area))
    codes: dict[str, str] = {}
    for key, areas in found.items():
        codes[key] = areas[0] if len(areas) == 1 else areas[0][:2]
    return codes


@cache
def commune_area_codes(province_code: str) -> dict[str, str]:
    """Area code for each 2025 commune of a province, from the old province it was carved from."""
    units = admin_units()
    province = units.provinces[province_code]
    codes = area_codes()
    by_old = {name: codes.get(old_province_key(name)) for name in province.legacy_names}
    fallback = next((code for code in by_old.values() if code), None) or codes.get(
        old_province_key(province.short_name)
    )
    result: dict[str, str] = {}
    for legacy in units.legacy_communes_of(province_code):
        area = by_old.get(legacy.old_province)
        # Default target first: a commune takes the area code of the old commune it mostly grew from.
        if area and legacy.new_codes[0] not in result:
            result[legacy.new_codes[0]] = area
    for commune in units.communes_of(province_code):
        if commune.code not in result and fallback:
            result[commune.code] = fallback
    return result


def _valid_shape(number: str, kind: str) -> bool:
    """Whether `parse_phone` accepts numbers of this shape: trunk 0, the first four digits after
    it, and the length. Vietnam's numbering plan (and libphonenumber's VN metadata) decides
    validity on at most the first three digits and the length, so one check per shape stands for
    every number of that shape; checking each number would cost ~70 µs × 60,000 numbers."""
    key = (number[:5], len(number), kind)
    known = _shapes.get(key)
    if known is None:
        phone = parse_phone(number)
        known = _shapes[key] = phone is not None and phone.kind == kind
    return known


_shapes: dict[tuple[str, int, str], bool] = {}


def random_mobile(rng: random.Random) -> str:
    """A valid mobile number, digits only: '0912037468'."""
    prefixes, cumulative = _mobile_prefixes()
    while True:
        number = rng.choices(prefixes, cum_weights=cumulative)[0] + f"{rng.randrange(10_000_000):07d}"
        if _valid_shape(number, "mobile"):
            return number


def random_fixed(rng: random.Random, area: str) -> str:
    """A valid fixed-line number on an area code, digits only: '02133876543'."""
    length = 10 - len(area)  # the national significant number has 10 digits
    while True:
        first = rng.choice(_FIXED_FIRST_DIGITS)
        number = f"0{area}{first}{rng.randrange(10 ** (length - 1)):0{length - 1}d}"
        if _valid_shape(number, "fixed"):
            return number


def format_phone(number: str, style: str) -> str:
    """Render a digits-only number the way a province types it. "grouped" is the national format
    `parse_phone` displays (0912 037 468, 0213 3876 543, 024 3765 4321), built here without a
    second parse."""
    if style == "compact":
        return number
    if len(number) == 10:  # mobile
        groups = (number[:4], number[4:7], number[7:])
    elif number[1:3] in ("24", "28"):  # Hà Nội, Hồ Chí Minh: 2-digit area code
        groups = (number[:3], number[3:7], number[7:])
    else:
        groups = (number[:4], number[4:8], number[8:])
    return ("." if style == "dotted" else " ").join(groups)
