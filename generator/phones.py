"""Vietnamese phone numbers through `phonenumbers` (Google's libphonenumber metadata)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import compress, repeat, starmap
from operator import is_, not_
from typing import NamedTuple, cast

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from generator import phone_plan

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
    """`parse_phone` of each of these (distinct) cells. Those of the common shape, 0 then 9 or 10
    digits written plainly or in groups split by spaces or dots, are read together by C loops
    (map) over the column (`phone_plan.read_written`); the others one by one."""
    return _parse(list(cells)).read


class ColumnReading(NamedTuple):
    phones: list[Phone | None]  # `parse_phone` of each cell, in order
    unprinted: set[str]  # the cells (not empty) that are `misplaced` in the column
    empty: bool  # some cell is empty


def read_column(cells: Sequence[str], mobile: bool) -> ColumnReading:
    """The cells of a phone column read, each distinct cell once, and those that are not a number
    of today written in full in their own column (`misplaced`): a mobile column holds mobiles, the
    fixed column every other kind. The numbers read together are told by their kind, one for all
    the numbers of a format (`_by_form`), not by a test of each cell."""
    distinct = set(cells)
    column = _parse(list(distinct))
    unprinted = set()
    for group, kind in column.kinds:
        if (kind != "mobile") if mobile else (kind in _NOT_FIXED):
            unprinted.update(group)
    # A number read together is never one whose 0 was restored.
    unprinted.update(cell for cell in column.others if cell and misplaced(column.read[cell], mobile))
    return ColumnReading(list(map(column.read.__getitem__, cells)), unprinted, "" in distinct)


def misplaced(phone: Phone | None, mobile: bool) -> bool:
    """Not a number of today written in full in a mobile (`mobile`) or fixed column."""
    return phone is None or phone.restored_zero or (phone.kind == "mobile") != mobile


class _Column(NamedTuple):
    read: dict[str, Phone | None]  # `parse_phone` of each cell
    kinds: list[tuple[list[str], str | None]]  # the cells read together, by kind (None: no number)
    others: list[str]  # the cells read one by one ("" among them)


def _parse(cells: list[str]) -> _Column:
    texts = list(filter(None, cells))  # without "": almost always, every text is read together
    compacts = _compact(texts)
    shapes = phone_plan.read_written(compacts)  # (type, size, format), or None
    others = [""] if len(texts) != len(cells) else []
    if all(shapes):
        written, plain, found = texts, compacts, cast("list[phone_plan.Written]", shapes)
    else:
        written, plain = list(compress(texts, shapes)), list(compress(compacts, shapes))
        others += compress(texts, map(not_, shapes))
        found = list(filter(None, shapes))
    read: dict[str, Phone | None] = {}
    kinds = []
    for group, numbers, form in _by_form(written, plain, found):
        kind = _KINDS.get(form[0])
        kinds.append((group, kind))
        if kind is None:  # not a number of today, as `_phone` says
            read.update(dict.fromkeys(group))
            continue
        displays = phone_plan.national_formats(numbers, form)
        e164s = map(str.replace, numbers, repeat(phone_plan.TRUNK), repeat(_E164_PREFIX), repeat(1))
        fields = zip(displays, e164s, repeat(kind), repeat(False), strict=False)
        # Phone(...) without its Python-level __new__, and starmap rather than map: zip's tuple is
        # the arguments of each call, none is built a number (RUF058 prefers map).
        phones = starmap(tuple.__new__, zip(repeat(Phone), fields))  # noqa: RUF058
        read.update(zip(group, phones, strict=True))
    for cell in others:
        read[cell] = parse_phone(cell)
    return _Column(read, kinds, others)


def _compact(texts: list[str]) -> list[str]:
    """The texts without spaces and dots ("0912 037 468", "0912.037.468" → "0912037468"): two
    replaces over the texts joined by line breaks, then split, when no text has one (two fifths of
    the CPU of two replaces of each text)."""
    joined = "\n".join(texts)
    if texts and joined.count("\n") == len(texts) - 1:
        return joined.replace(" ", "").replace(".", "").split("\n")
    return list(map(str.replace, map(str.replace, texts, repeat(" "), repeat("")), repeat("."), repeat("")))


def _by_form(
    cells: list[str], numbers: list[str], forms: list[phone_plan.Written]
) -> Iterator[tuple[list[str], list[str], phone_plan.Written]]:
    """The cells and numbers of each form (`read_written`'s answer) together: a column of mobiles
    has one, a column of fixed lines one per format of area codes."""
    while forms:
        form = forms[0]
        if forms.count(form) == len(forms):
            yield cells, numbers, form
            return
        same = list(map(is_, forms, repeat(form)))
        yield list(compress(cells, same)), list(compress(numbers, same)), form
        rest = list(map(not_, same))
        cells, numbers, forms = (
            list(compress(cells, rest)),
            list(compress(numbers, rest)),
            list(compress(forms, rest)),
        )


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
