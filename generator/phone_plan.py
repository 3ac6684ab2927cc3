"""Vietnam's numbering plan as `phonenumbers` states it, read from the library's own metadata
and compiled once: the type and the national format of a number written the way clerks write
nearly every number, 0 then its national significant number.

`phonenumbers` stays the authority: this module keeps no pattern of its own. It takes the
library's metadata for VN (`PhoneMetadata.metadata_for_region`) and applies it exactly as
`phonenumbers.number_type` and `format_number(…, NATIONAL)` do (`_number_type_helper`,
`_choose_formatting_pattern_for_number`, `_format_nsn_using_pattern`), without their generic work
on every call: compiling each pattern again, walking regions, and expanding a replacement
template. Those were most of the CPU of validating a national list (45,000 distinct numbers).
A format whose pattern is not plain digit groups is left to `format_number` itself.
`tests/test_phone_plan.py` compares this with the library on every number of the development
sets and on numbers generated for every prefix and length.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumber, PhoneNumberFormat, PhoneNumberType

# The standard library's own reader of patterns (what `re.compile` parses with), to read the
# metadata's patterns below; private, so a Python without it leaves every number to the general
# path.
sre: Any
sre_parse: Any
try:
    sre = importlib.import_module("re._constants")
    sre_parse = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover
    sre = sre_parse = None

REGION = "VN"
COUNTRY_CODE = 84
# The order in which `_number_type_helper` tries the descriptions: the first that matches decides.
_SPECIFIC = (
    ("premium_rate", PhoneNumberType.PREMIUM_RATE),
    ("toll_free", PhoneNumberType.TOLL_FREE),
    ("shared_cost", PhoneNumberType.SHARED_COST),
    ("voip", PhoneNumberType.VOIP),
    ("personal_number", PhoneNumberType.PERSONAL_NUMBER),
    ("pager", PhoneNumberType.PAGER),
    ("uan", PhoneNumberType.UAN),
    ("voicemail", PhoneNumberType.VOICEMAIL),
)
# A format pattern made only of digit groups, "(\d{3})(\d{4,5})": its match is the number cut into
# groups, and the replacement can be written from the groups without `re.sub`.
_DIGIT_GROUPS = re.compile(r"(?:\(\\d\{\d+(?:,\d+)?\}\))+")
# A replacement made only of literal text and group references ("0\1 \2 \3").
_TEMPLATE = re.compile(r"(?:[^\\]|\\[1-9])*")
_REFERENCE = re.compile(r"\\([1-9])")


@dataclass(frozen=True)
class _Desc:
    lengths: frozenset[int]  # empty: any length (the general description was checked first)
    pattern: re.Pattern[str] | None

    def matches(self, nsn: str) -> bool:
        """`_is_number_matching_desc`: a possible length, then the whole number matching."""
        if self.pattern is None or (self.lengths and len(nsn) not in self.lengths):
            return False
        return self.pattern.fullmatch(nsn) is not None


@dataclass(frozen=True)
class _Format:
    leading: re.Pattern[str] | None  # the last (most detailed) leading-digits pattern
    pattern: re.Pattern[str]
    # The national replacement cut at its group references: literal text, group number, literal
    # text, …; None when the pattern or the rule is more than digit groups and references.
    parts: tuple[str | int, ...] | None


@dataclass(frozen=True)
class _Plan:
    general: _Desc
    specific: tuple[tuple[_Desc, int], ...]
    fixed_line: _Desc
    mobile: _Desc
    same_mobile_and_fixed_line: bool
    formats: tuple[_Format, ...]


def _desc(metadata: PhoneMetadata, name: str) -> _Desc:
    desc = getattr(metadata, name)
    if desc is None or not desc.national_number_pattern:
        return _Desc(frozenset(), None)
    return _Desc(frozenset(desc.possible_length or ()), re.compile(desc.national_number_pattern))


def _national_rule(number_format) -> str:
    """The replacement `_format_nsn_using_pattern` uses for NATIONAL without a carrier code."""
    rule = number_format.format
    prefix_rule = number_format.national_prefix_formatting_rule
    if prefix_rule:
        first_group = phonenumbers.phonenumberutil._FIRST_GROUP_PATTERN
        rule = re.sub(first_group, prefix_rule, rule, count=1)
    return rule


def _parts(pattern: str, rule: str) -> tuple[str | int, ...] | None:
    if not _DIGIT_GROUPS.fullmatch(pattern) or not _TEMPLATE.fullmatch(rule):
        return None
    groups = pattern.count("(")
    pieces = _REFERENCE.split(rule)  # literal, number, literal, number, …, literal
    parts: list[str | int] = []
    for i, piece in enumerate(pieces):
        if i % 2:
            if int(piece) > groups:
                return None
            parts.append(int(piece))
        elif piece:
            parts.append(piece)
    return tuple(parts)


def _metadata() -> Any:
    metadata = PhoneMetadata.metadata_for_region(REGION)
    assert metadata is not None, "phonenumbers has no metadata for Vietnam"
    return metadata


@cache
def _plan() -> _Plan:
    metadata = _metadata()
    formats = []
    for number_format in metadata.number_format:
        leading = number_format.leading_digits_pattern
        formats.append(
            _Format(
                re.compile(leading[-1]) if leading else None,
                re.compile(number_format.pattern),
                _parts(number_format.pattern, _national_rule(number_format)),
            )
        )
    return _Plan(
        general=_desc(metadata, "general_desc"),
        specific=tuple((_desc(metadata, name), kind) for name, kind in _SPECIFIC),
        fixed_line=_desc(metadata, "fixed_line"),
        mobile=_desc(metadata, "mobile"),
        same_mobile_and_fixed_line=bool(metadata.same_mobile_and_fixed_line_pattern),
        formats=tuple(formats),
    )


def number_type(nsn: str) -> int:
    """`phonenumbers.number_type` of the Vietnamese number whose national significant number is
    `nsn` (digits, no leading 0)."""
    plan = _plan()
    if not plan.general.matches(nsn):
        return PhoneNumberType.UNKNOWN
    for desc, kind in plan.specific:
        if desc.matches(nsn):
            return kind
    if plan.fixed_line.matches(nsn):
        if plan.same_mobile_and_fixed_line or plan.mobile.matches(nsn):
            return PhoneNumberType.FIXED_LINE_OR_MOBILE
        return PhoneNumberType.FIXED_LINE
    if not plan.same_mobile_and_fixed_line and plan.mobile.matches(nsn):
        return PhoneNumberType.MOBILE
    return PhoneNumberType.UNKNOWN


def format_national(nsn: str) -> str:
    """`phonenumbers.format_number(…, NATIONAL)` of the Vietnamese number `nsn` (digits, no
    leading 0)."""
    for number_format in _plan().formats:
        if number_format.leading is not None and not number_format.leading.match(nsn):
            continue
        if number_format.pattern.fullmatch(nsn) is None:
            continue
        match = number_format.pattern.match(nsn)  # what re.sub replaces: its first match
        if number_format.parts is None or match is None or match.end() != len(nsn):
            break  # not plain digit groups: the library formats it
        return "".join(part if isinstance(part, str) else match.group(part) for part in number_format.parts)
    else:
        return nsn  # no format applies: the library returns the number unformatted
    number = PhoneNumber(country_code=COUNTRY_CODE, national_number=int(nsn))
    return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)


# --- numbers read by their first digits ---------------------------------------------------------
# Every pattern of Vietnam's plan is a few leading digits then a count of any digits
# ("2(?:0[3-9]|…)\d{7}"): a number's type and format follow from its first PREFIX digits and its
# length. Where the metadata's patterns say so (checked by reading them, `_decided_by_prefix`), a
# prefix and length is worked out once, on one number, by the functions above; elsewhere each
# number goes through them.
PREFIX = 4
_DIGIT_SET = frozenset("0123456789")
_MOST_SHAPES = 4096
# (type, the national format as a str.format template, the number's slices that fill it)
_Entry = tuple[int, str, tuple[slice, ...]]
_BY_PREFIX: dict[tuple[str, int], _Entry | None] = {}
_WHOLE = ("{}", (slice(None),))  # no format applies: the number as it is


def read(nsn: str) -> tuple[int, str]:
    """(`number_type(nsn)`, `format_national(nsn)`), by the number's prefix when the metadata
    allows it."""
    key = (nsn[:PREFIX], len(nsn))
    entry = _BY_PREFIX[key] if key in _BY_PREFIX else _tabulate(*key)
    if entry is None:
        return number_type(nsn), format_national(nsn)
    kind, template, slices = entry
    return kind, template.format(*map(nsn.__getitem__, slices))


def _tabulate(prefix: str, length: int) -> _Entry | None:
    entry = None
    if len(prefix) == PREFIX and prefix.isdigit() and _decided_by_prefix(length):
        sample = prefix + "0" * (length - PREFIX)
        spans = _spans(sample)
        if spans != "library":
            template, slices = _WHOLE if spans is None else _template(spans)
            entry = (number_type(sample), template, slices)
    _BY_PREFIX[(prefix, length)] = entry
    return entry


def _template(parts: tuple) -> tuple[str, tuple[slice, ...]]:
    escaped = (p.replace("{", "{{").replace("}", "}}") if isinstance(p, str) else "{}" for p in parts)
    template = "".join(escaped)
    return template, tuple(slice(*p) for p in parts if isinstance(p, tuple))


def _spans(sample: str):
    """The chosen format's replacement with each group as its slice of the number (a pattern of
    digit groups cuts every number of one length alike); None when no format applies; "library"
    when the format is left to the library."""
    for number_format in _plan().formats:
        if number_format.leading is not None and not number_format.leading.match(sample):
            continue
        if number_format.pattern.fullmatch(sample) is None:
            continue
        match = number_format.pattern.match(sample)
        if number_format.parts is None or match is None or match.end() != len(sample):
            return "library"
        return tuple(p if isinstance(p, str) else match.span(p) for p in number_format.parts)
    return None


@cache
def _decided_by_prefix(length: int) -> bool:
    """Whether every pattern the type and the format of a number of `length` digits depend on
    tells it by the first PREFIX digits alone: in each way the pattern can match that many digits,
    every digit past the prefix may be any digit (and a leading-digits pattern, matched at the
    start only, is never longer than the prefix unless it too takes any digit past it)."""
    metadata = _metadata()
    names = ("general_desc", "fixed_line", "mobile", *(name for name, _ in _SPECIFIC))
    patterns = [getattr(metadata, n).national_number_pattern for n in names if getattr(metadata, n)]
    exact = [p for p in patterns if p] + [f.pattern for f in metadata.number_format]
    leading = [f.leading_digits_pattern[-1] for f in metadata.number_format if f.leading_digits_pattern]
    for pattern, whole in [*((p, True) for p in exact), *((p, False) for p in leading)]:
        shapes = _shapes(pattern, length)
        if shapes is None:
            return False
        for shape in shapes:
            if (not whole or len(shape) == length) and any(s != _DIGIT_SET for s in shape[PREFIX:]):
                return False
    return True


def _shapes(pattern: str, most: int) -> set[tuple[frozenset[str], ...]] | None:
    """Every way the pattern matches a string of at most `most` digits, as the set of digits each
    position may hold; None for anything but digits, classes of digits, groups, alternatives and
    counted repeats (the pattern is then not read by its prefix)."""
    if sre_parse is None:
        return None
    try:
        return _sequence(list(sre_parse.parse(pattern)), most)
    except (re.error, AttributeError, TypeError, ValueError):
        return None


def _sequence(items: list, most: int) -> set[tuple[frozenset[str], ...]] | None:
    found: set[tuple[frozenset[str], ...]] = {()}
    for op, argument in items:
        options = _node(op, argument, most)
        if options is None:
            return None
        found = {(*a, *b) for a in found for b in options if len(a) + len(b) <= most}
        if len(found) > _MOST_SHAPES:
            return None
    return found


def _node(op, argument, most: int) -> set[tuple[frozenset[str], ...]] | None:
    if op is sre.LITERAL:
        char = chr(argument)
        return {(frozenset(char),)} if char in _DIGIT_SET else None
    if op is sre.IN:
        digits = _digits(argument)
        return None if digits is None else {(digits,)}
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, items = argument
        return None if add_flags or del_flags else _sequence(list(items), most)
    if op is sre.BRANCH:
        found: set[tuple[frozenset[str], ...]] = set()
        for items in argument[1]:
            branch = _sequence(list(items), most)
            if branch is None:
                return None
            found |= branch
        return found
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, high, items = argument
        once = _sequence(list(items), most)
        if once is None or () in once:
            return None
        repeats: set[tuple[frozenset[str], ...]] = set()
        current: set[tuple[frozenset[str], ...]] = {()}
        for count in range(min(high, most) + 1):
            if count >= low:
                repeats |= current
            current = {(*a, *b) for a in current for b in once if len(a) + len(b) <= most}
            if not current or len(repeats) > _MOST_SHAPES:
                break
        return repeats
    return None


def _digits(items: list) -> frozenset[str] | None:
    found: set[str] = set()
    for op, argument in items:
        if op is sre.LITERAL:
            found.add(chr(argument))
        elif op is sre.RANGE:
            found.update(chr(c) for c in range(argument[0], argument[1] + 1))
        elif op is sre.CATEGORY and argument is sre.CATEGORY_DIGIT:
            found.update(_DIGIT_SET)
        else:
            return None
    return frozenset(found & _DIGIT_SET)


def forget() -> None:
    """Forget the numbers read by prefix (the benchmark measures a fresh process)."""
    _BY_PREFIX.clear()
