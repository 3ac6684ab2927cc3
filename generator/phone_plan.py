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

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import compress
from operator import itemgetter, not_
from typing import Any

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumber, PhoneNumberFormat, PhoneNumberType

from generator.phone_shapes import deciding_starts

REGION = "VN"
_Pieces = Callable[[str], tuple[str, ...]]
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
    # The starts that decide what the plan says of a number (phone_shapes.deciding_starts), None
    # when its patterns cannot be read so: compiled with the rest, once per process.
    starts: frozenset[str] | None


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
        starts=deciding_starts(_patterns(metadata)),
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
    cuts = _cuts(nsn)
    if cuts is not None:
        return "".join(part if isinstance(part, str) else nsn[part[0] : part[1]] for part in cuts)
    number = PhoneNumber(country_code=COUNTRY_CODE, national_number=int(nsn))
    return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)


def _cuts(nsn: str) -> tuple[str | tuple[int, int], ...] | None:
    """The national format as literal text and (start, end) pieces of the number; None when the
    library must format it (a format that is more than digit groups)."""
    for number_format in _plan().formats:
        if number_format.leading is not None and not number_format.leading.match(nsn):
            continue
        if number_format.pattern.fullmatch(nsn) is None:
            continue
        match = number_format.pattern.match(nsn)  # what re.sub replaces: its first match
        if number_format.parts is None or match is None or match.end() != len(nsn):
            return None  # not plain digit groups: the library formats it
        return tuple(part if isinstance(part, str) else match.span(part) for part in number_format.parts)
    return ((0, len(nsn)),)  # no format applies: the library returns the number unformatted


def read(nsn: str) -> tuple[int, str]:
    """(`number_type(nsn)`, `format_national(nsn)`). The answer is worked out once per shape, the
    number's length and the first digits that decide it (see phone_shapes.py: every number of one
    shape gets the same type and is cut at the same places), then the number is cut."""
    if not (nsn.isascii() and nsn.isdigit()):
        return number_type(nsn), format_national(nsn)
    return read_digits(nsn)


def read_digits(nsn: str) -> tuple[int, str]:
    """`read(nsn)` of a number known to be ASCII digits alone."""
    deciding = _deciding()
    if deciding is None:
        return number_type(nsn), format_national(nsn)
    shape = (len(nsn), nsn[:deciding])
    found = _SHAPES.get(shape)
    if found is None:
        kind, cuts, _ = _shape(*shape)
        found = _SHAPES[shape] = (kind, *_template(cuts))
    kind, template, pieces = found
    if pieces is None:
        return kind, format_national(nsn)
    # The format's literal text is in the template; the number's pieces are taken by one C call.
    return kind, template % pieces(nsn)


# The type, the length of the numbers written with the trunk, and their national format character
# by character: the index of a digit of the written number, or a literal (ASCII) byte.
Written = tuple[int, int, tuple[int | bytes, ...]]


def read_written(numbers: list[str]) -> list[Written | None]:
    """For each number written as clerks write nearly every one, the trunk 0 then a national
    significant number of 9 or 10 ASCII digits: its type and national format (`read_digits` of it
    without its 0; `national_formats`), one object for the numbers formatted alike; None for any
    other text, read one by one. Each shape is looked up once, the numbers by C loops (map)."""
    if _starts() is None:
        return [None] * len(numbers)
    # By the start's text then the length (a dict lookup by each, no key built per number).
    starts = list(map(itemgetter(slice(0, len(TRUNK) + _WRITTEN_DIGITS)), numbers))
    found = list(map(dict.get, map(_WRITTEN.__getitem__, starts), map(len, numbers)))
    joined = "".join(numbers)  # bytes.isdigit: a table lookup a byte, not a Unicode database call
    if not (joined.isascii() and joined.encode().isdigit()):  # a text is more than digits past its start
        candidates = list(compress(range(len(numbers)), found))
        digits = map(_ASCII_DIGITS.fullmatch, compress(numbers, found))
        for at in compress(candidates, map(not_, digits)):
            found[at] = None
    return found


def national_formats(numbers: list[str], written: Written) -> list[str]:
    """The national format of these numbers written with the trunk, all of one `written`: digits
    copied to their places in all the numbers at once, by strided copies over the joined text (three
    slices and a join a number were a fifth of the CPU of reading a list's phones)."""
    _, size, layout = written
    count, width = len(numbers), len(layout) + 1  # each format and a line break
    source = "".join(numbers).encode("ascii")
    out = bytearray(b"\n") * (count * width)
    for at, part in enumerate(layout):
        out[at::width] = source[part::size] if isinstance(part, int) else part * count
    return out[:-1].decode("ascii").split("\n") if count else []


TRUNK = "0"  # the national prefix: "0912 037 468" is dialled within Vietnam as written
_ASCII_DIGITS = re.compile("[0-9]*")
_WRITTEN_LENGTHS = (10, 11)
# The digits of the start `read_written` looks numbers up by. Three decide every area code (2xx)
# and mobile prefix (3x, 9x, 99x…); a number whose three do not (the service numbers 1800…, 1900…
# and 12xx of four) is read one by one. Fewer than K (4), because each start looked up is a Python
# step: a list's numbers have a few hundred starts of three digits, thousands of four.
_WRITTEN_DIGITS = 3


def _written(start: str) -> dict[int, Written]:
    """`read_written` of the numbers beginning with `start` (the trunk and three digits), by length;
    {} when they are not read so."""
    national = start[len(TRUNK) :]
    if len(national) != _WRITTEN_DIGITS or not start.startswith(TRUNK) or national.startswith("0"):
        return {}  # "00…" is the international prefix
    if not (national.isascii() and national.isdigit()):
        return {}
    decided = _decided(national)
    if decided not in (_starts() or ()):
        return {}  # more digits decide: the numbers are read one by one
    found = _WRITTEN_DECIDED.get(decided)
    if found is None:  # the same for every start it decides
        answers = {length: _answer(length - len(TRUNK), decided)[2] for length in _WRITTEN_LENGTHS}
        found = _WRITTEN_DECIDED[decided] = {length: a for length, a in answers.items() if a is not None}
    return found


_Cuts = tuple[str | tuple[int, int], ...]


def _shape(length: int, start: str) -> tuple[int, _Cuts | None, Written | None]:
    """The type and national format's cuts (`_cuts`) of every number of `length` digits beginning
    with `start` (its first K), and `read_written`'s answer for them written with the trunk."""
    return _answer(length, _decided(start))


def _decided(start: str) -> str:
    """The part of a number's first K digits that decides it (phone_shapes.deciding_starts)."""
    starts = _starts() or frozenset()
    for at in range(len(start)):
        if start[:at] in starts:
            return start[:at]
    return start


def _answer(length: int, decided: str) -> tuple[int, _Cuts | None, Written | None]:
    """`_shape`, read once per length and deciding start, on the first number of it."""
    key = (length, decided)
    found = _DECIDED.get(key)
    if found is None:
        example = decided.ljust(length, "0")
        kind, cuts = number_type(example), _cuts(example)
        written = None if cuts is None else _form(length + len(TRUNK), kind, cuts)  # else the library
        found = _DECIDED[key] = (kind, cuts, written)
    return found


def _form(size: int, kind: int, cuts: _Cuts) -> Written | None:
    """`read_written`'s answer for numbers of `size` characters with the trunk whose national
    format is `cuts` (`_cuts`); None when a literal of the format is not ASCII."""
    layout: list[int | bytes] = []
    for part in cuts:
        if isinstance(part, tuple):
            layout += range(part[0] + len(TRUNK), part[1] + len(TRUNK))
        elif part.isascii() and "\n" not in part:
            layout += (char.encode() for char in part)
        else:
            return None
    written = (kind, size, tuple(layout))
    return _FORMS.setdefault(written, written)


def _template(cuts: _Cuts | None) -> tuple[str, _Pieces | None]:
    """The national format as a %-template of the number's pieces, and what takes them (an
    itemgetter of slices) from the number."""
    if cuts is None:
        return "", None
    template, slices = "", []
    for part in cuts:
        if isinstance(part, str):
            template += part.replace("%", "%%")
        else:
            template += "%s"
            slices.append(slice(*part))
    if len(slices) == 1:
        only = slices[0]
        return template, lambda nsn: (nsn[only],)
    return template, itemgetter(*slices) if slices else lambda nsn: ()


# What one number of each shape read as: (length, first K digits) → (type, the national format's
# %-template, what takes the number's pieces for it). At most the shapes of the plan's lengths
# (a few tens of thousands), usually a few thousand; they share the answers of `_DECIDED`, by
# length and deciding start (a few hundred at most).
_SHAPES: dict[tuple[int, str], tuple[int, str, _Pieces | None]] = {}
_DECIDED: dict[tuple[int, str], tuple[int, _Cuts | None, Written | None]] = {}


class _ByStart(dict[str, dict[int, Written]]):
    """`read_written`'s answers by start (the trunk and three digits) then length, a start read
    (`_written`) when first looked up: no set of a column's starts to find the new ones."""

    def __missing__(self, start: str) -> dict[int, Written]:
        found = self[start] = _written(start)
        return found


_WRITTEN = _ByStart()
_WRITTEN_DECIDED: dict[str, dict[int, Written]] = {}  # the same by the start that decides it
_FORMS: dict[Written, Written] = {}  # each answer once, whichever starts share it


def _patterns(metadata: Any) -> list[str]:
    """Every pattern the plan applies to a number: descriptions, formats and their leading digits."""
    patterns = [
        desc.national_number_pattern
        for name in ("general_desc", "fixed_line", "mobile", *(name for name, _ in _SPECIFIC))
        if (desc := getattr(metadata, name)) is not None and desc.national_number_pattern
    ]
    for number_format in metadata.number_format:
        patterns.append(number_format.pattern)
        patterns += number_format.leading_digits_pattern[-1:]
    return patterns


def _starts() -> frozenset[str] | None:
    return _plan().starts


@cache
def _deciding() -> int | None:
    """K: the longest start that decides a number; None when the patterns cannot be read so."""
    starts = _starts()
    return None if starts is None else max(map(len, starts))


def forget_shapes() -> None:
    """Forget the shapes read (the benchmark measures a fresh process)."""
    _SHAPES.clear()
    _DECIDED.clear()
    _WRITTEN.clear()
    _WRITTEN_DECIDED.clear()
    _FORMS.clear()
