"""Vietnamese phone numbers through `phonenumbers` (Google's libphonenumber metadata)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneNumber, PhoneNumberFormat, PhoneNumberType

_SEPARATORS = re.compile(r"[\s.\-()/]+")
_MOBILE_TYPES = {PhoneNumberType.MOBILE}
_FIXED_TYPES = {PhoneNumberType.FIXED_LINE, PhoneNumberType.VOIP}
# 1800 (free) and 1900 (premium) hotlines are dialled from fixed lines and mobiles alike.
_SERVICE_TYPES = {
    PhoneNumberType.TOLL_FREE,
    PhoneNumberType.PREMIUM_RATE,
    PhoneNumberType.SHARED_COST,
    PhoneNumberType.UAN,
}


@dataclass(frozen=True)
class Phone:
    display: str  # "0912 037 468", the way Vietnamese print it
    e164: str  # "+84912037468", for tel: links
    kind: str  # "mobile", "fixed" or "service"
    restored_zero: bool  # Excel had dropped the leading 0


def _national(compact: str) -> PhoneNumber | None:
    """What `phonenumbers.parse(compact, "VN")` returns for the shape clerks type almost always,
    0 then 9 or 10 digits, without its generic work (international prefixes, extensions,
    carrier codes), which was most of the validation time at national scale. "00…" is the
    international prefix: left to `parse`."""
    if (
        len(compact) in (10, 11)
        and compact[0] == "0"
        and compact[1] != "0"
        and compact.isascii()
        and compact.isdigit()
    ):
        return PhoneNumber(country_code=84, national_number=int(compact[1:]))
    return None


@lru_cache(maxsize=65536)
def parse_phone(raw: str) -> Phone | None:
    """The number in a cell, or None when it is not a possible Vietnamese number."""
    compact = _SEPARATORS.sub("", raw)
    if not compact or not compact.lstrip("+").isdigit():
        return None
    restored = False
    # A spreadsheet that treats the column as a number drops the leading 0: 912037468.
    # Only area codes (2x) and mobile prefixes (3, 5, 7, 8, 9) can have lost it; 1800/1900 never had one.
    if compact[0] in "235789" and not compact.startswith("84") and len(compact) in (9, 10):
        compact = "0" + compact
        restored = True
    number = _national(compact)
    if number is None:
        try:
            number = phonenumbers.parse(compact, "VN")
        except phonenumbers.NumberParseException:
            return None
    if number.country_code != 84:
        return None
    # For a Vietnamese number, number_type is UNKNOWN exactly when is_valid_number is false: one
    # metadata walk instead of two.
    number_type = phonenumbers.number_type(number)
    if number_type == PhoneNumberType.UNKNOWN:
        return None
    if number_type in _MOBILE_TYPES:
        kind = "mobile"
    elif number_type in _FIXED_TYPES:
        kind = "fixed"
    elif number_type in _SERVICE_TYPES:
        kind = "service"
    else:
        return None
    return Phone(
        display=phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL),
        # What format_number(E164) returns, without its generic dispatch.
        e164=f"+{number.country_code}{phonenumbers.national_significant_number(number)}",
        kind=kind,
        restored_zero=restored,
    )
