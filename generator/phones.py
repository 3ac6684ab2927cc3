"""Vietnamese phone numbers through `phonenumbers` (Google's libphonenumber metadata)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import compress, repeat, starmap
from operator import is_, not_
from typing import NamedTuple, cast

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from generator import phone_plan
from generator.columnar import interleaved, joined_lines

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


class Phone(NamedTuple):  # one per distinct number of every list: a tuple is built in a fifth of the time
    display: str  # "0912 037 468", the way Vietnamese print it
    e164: str  # "+84912037468", for tel: links
    kind: str  # "mobile", "fixed" or "service"
    restored_zero: bool  # Excel had dropped the leading 0


def _national(compact: str) -> str | None:
    """The national significant number of the shape clerks type almost always, 0 then 9 or 10
    digits, which `phone_plan` reads from the library's metadata without `phonenumbers.parse`'s
    generic work (international prefixes, extensions, carrier codes). "00…" is the international
    prefix: left to `parse`."""
    if (
        len(compact) in (10, 11)
        and compact[0] == "0"
        and compact[1] != "0"
        and compact.isascii()
        and compact.isdigit()
    ):
        return compact[1:]
    return None


@lru_cache(maxsize=65536)
def parse_phone(raw: str) -> Phone | None:
    """The number in a cell, or None when it is not a possible Vietnamese number."""
    compact = raw
    if not raw.isdigit():  # most cells are digits alone, or digit groups split by spaces or dots
        compact = raw.replace(" ", "").replace(".", "")
        if not compact.isdigit():  # two replaces are a third of a regex's substitution
            compact = _SEPARATORS.sub("", raw)
    nsn = _national(compact)
    if nsn is not None:  # almost every number: read here, without the generic path's layers
        return _phone(nsn, *phone_plan.read_digits(nsn))
    if not compact or not compact.lstrip("+").isdigit():
        return None
    # A spreadsheet that treats the column as a number drops the leading 0: 912037468.
    # Only area codes (2x) and mobile prefixes (3, 5, 7, 8, 9) can have lost it; 1800/1900 never had one.
    if compact[0] in "235789" and not compact.startswith("84") and len(compact) in (9, 10):
        phone = parse_compact("0" + compact)
        return phone._replace(restored_zero=True) if phone else None
    return parse_compact(compact)


def parse_phones(cells: Iterable[str]) -> dict[str, Phone | None]:
    """`parse_phone` of each of these cells. Those of the common shape, 0 then 9 or 10 digits
    written plainly or in groups split by spaces or dots, are read together by C loops (map) over
    the column (`phone_plan.read_written`); the others one by one."""
    cells = list(cells)
    return dict(zip(cells, _parse(cells).phones, strict=True))


class ColumnReading(NamedTuple):
    phones: list[Phone | None]  # `parse_phone` of each cell, in order
    unprinted: set[str]  # the cells (not empty) that are `misplaced` in the column
    empty: bool  # some cell is empty


def read_column(cells: Sequence[str], mobile: bool) -> ColumnReading:
    """The cells of a phone column read, and those that are not a number of today written in full
    in their own column (`misplaced`): a mobile column holds mobiles, the fixed column every other
    kind. The numbers read together are told by their kind, one for all the numbers of a format,
    not by a test of each cell. Cells are read in the column's order, not once per distinct cell:
    they rarely repeat but "" (left aside), and a table of them cost more than reading the few
    that do again."""
    column = _parse(list(cells))
    unprinted = set()
    for group, kind in column.kinds:
        if (kind != "mobile") if mobile else (kind in _NOT_FIXED):
            unprinted.update(group)
    # A number read together is never one whose 0 was restored.
    unprinted.update(cell for cell in column.others if misplaced(parse_phone(cell), mobile))
    return ColumnReading(column.phones, unprinted, column.empty)


def misplaced(phone: Phone | None, mobile: bool) -> bool:
    """Not a number of today written in full in a mobile (`mobile`) or fixed column."""
    return phone is None or phone.restored_zero or (phone.kind == "mobile") != mobile


_Kinds = list[tuple[list[str], str | None]]  # cells read together, and their kind (None: no number)


class _Column(NamedTuple):
    phones: list[Phone | None]  # `parse_phone` of each cell, in order
    kinds: _Kinds  # the cells read together, by kind
    others: list[str]  # the cells (not empty) read one by one
    empty: bool  # some cell is empty


def _parse(cells: list[str]) -> _Column:
    texts = list(filter(None, cells))  # without "": almost always, every text is read together
    compacts = _compact(texts)
    shapes = phone_plan.read_written(compacts)  # (type, size, format), or None
    others: list[str] = []
    kinds: _Kinds = []
    if all(shapes):
        phones = _formatted(texts, compacts, cast("list[phone_plan.Written]", shapes), kinds)
    else:  # the others read one by one, put back in place among those read together
        written, plain = list(compress(texts, shapes)), list(compress(compacts, shapes))
        others = list(compress(texts, map(not_, shapes)))
        found = _formatted(written, plain, list(filter(None, shapes)), kinds)
        phones = interleaved(map(bool, shapes), map(parse_phone, others), found)
    if len(texts) != len(cells):  # empty cells, no number: a table is cheaper than interleaving
        read = dict(zip(texts, phones, strict=True))
        read[""] = None
        phones = list(map(read.__getitem__, cells))
    return _Column(phones, kinds, others, len(texts) != len(cells))


def _compact(texts: list[str]) -> list[str]:
    """The texts without spaces and dots ("0912 037 468", "0912.037.468" → "0912037468"): two
    replaces over the texts joined by line breaks, then split, when no text has one (two fifths of
    the CPU of two replaces of each text)."""
    joined = joined_lines(texts)
    if joined is not None:
        return joined.replace(" ", "").replace(".", "").split("\n")
    return list(map(str.replace, map(str.replace, texts, repeat(" "), repeat("")), repeat("."), repeat("")))


def _formatted(
    cells: list[str], numbers: list[str], forms: list[phone_plan.Written], kinds: _Kinds
) -> list[Phone | None]:
    """The phone of each number written with the trunk (`read_written`'s answer for each in
    `forms`), in order: the numbers of each form formatted together (a column of mobiles has one
    form, a column of fixed lines one per format of area codes). `kinds` gets each form's cells
    and kind."""
    if not forms:
        return []
    form = forms[0]
    if forms.count(form) == len(forms):
        return _of_form(cells, numbers, form, kinds)
    same = list(map(is_, forms, repeat(form)))
    rest = list(map(not_, same))
    first = _of_form(list(compress(cells, same)), list(compress(numbers, same)), form, kinds)
    cells, numbers, forms = (
        list(compress(cells, rest)),
        list(compress(numbers, rest)),
        list(compress(forms, rest)),
    )
    return interleaved(same, _formatted(cells, numbers, forms, kinds), first)


def _of_form(
    cells: list[str], numbers: list[str], form: phone_plan.Written, kinds: _Kinds
) -> list[Phone | None]:
    kind = _KINDS.get(form[0])
    kinds.append((cells, kind))
    if kind is None:  # not a number of today, as `_phone` says
        return [None] * len(numbers)
    displays = phone_plan.national_formats(numbers, form)
    e164s = map(str.replace, numbers, repeat(phone_plan.TRUNK), repeat(_E164_PREFIX), repeat(1))
    fields = zip(displays, e164s, repeat(kind), repeat(False), strict=False)
    # Phone(...) without its Python-level __new__, and starmap rather than map: zip's tuple is the
    # arguments of each call, none is built a number (RUF058 prefers map).
    return list(starmap(tuple.__new__, zip(repeat(Phone), fields)))  # noqa: RUF058


@lru_cache(maxsize=65536)
def parse_compact(compact: str) -> Phone | None:
    """A number already reduced to its digits ("0912037468", "+84912037468"): the one place
    phonenumbers reads a number, cached, so that no number is parsed twice whatever its spelling."""
    nsn = _national(compact)
    if nsn is not None:
        number_type, display = phone_plan.read(nsn)
    else:
        try:
            number = phonenumbers.parse(compact, "VN")
        except phonenumbers.NumberParseException:
            return None
        if number.country_code != phone_plan.COUNTRY_CODE:
            return None
        nsn = phonenumbers.national_significant_number(number)
        # For a Vietnamese number, number_type is UNKNOWN exactly when is_valid_number is false:
        # one metadata walk instead of two.
        number_type = phonenumbers.number_type(number)
        display = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return _phone(nsn, number_type, display)


def _phone(nsn: str, number_type: int, display: str) -> Phone | None:
    kind = _KINDS.get(number_type)
    if kind is None:
        return None
    # E.164 is what format_number(E164) returns, without its generic dispatch; tuple.__new__ is
    # Phone(...) without its Python-level __new__ (one per distinct number).
    return tuple.__new__(Phone, (display, _E164_PREFIX + nsn, kind, False))


_E164_PREFIX = f"+{phone_plan.COUNTRY_CODE}"
_NOT_FIXED = {"mobile", None}  # the kinds a fixed column's numbers must not be
_KINDS = {
    **dict.fromkeys(_MOBILE_TYPES, "mobile"),
    **dict.fromkeys(_FIXED_TYPES, "fixed"),
    **dict.fromkeys(_SERVICE_TYPES, "service"),
}
