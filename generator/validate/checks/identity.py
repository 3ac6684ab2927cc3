"""A point is its code within the province: codes are unique, and a point is listed once."""

from __future__ import annotations

import operator
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import compress
from typing import TypeVar

from generator.columnar import joined_lines
from generator.findings import Finding, yields
from generator.text import code_key, fold
from generator.validate.checks import Context
from generator.validate.checks.content import FORMAT_CHARACTERS
from generator.validate.columns import column_cells
from generator.validate.mapping import MappedTable

# A code is compared without what cannot be seen; the report shows it where it was.
_INVISIBLE = re.compile(f"[{FORMAT_CHARACTERS}]")
# Every list of a province repeats its codes month after month: each is folded once (a plain
# dict: a first list, all of whose codes are new, pays no more than the folding).
_CODE_KEYS: dict[str, str] = {}
_MOST_CODES = 1 << 18
T = TypeVar("T")


def _code_key(code: str) -> str:
    found = _CODE_KEYS.get(code)
    if found is None:
        if len(_CODE_KEYS) > _MOST_CODES:
            _CODE_KEYS.clear()
        found = _CODE_KEYS[code] = code_key(code)
    return found


@yields("duplicate-code", "duplicate-point")
def check_identity(table: MappedTable, context: Context) -> Iterator[Finding]:
    first_by_code: dict[str, int] = {}
    first_by_place: dict[tuple[str, ...], tuple[int, str]] = {}
    code_title = table.title("code")
    # Column by column, in C loops: each distinct code, address and commune folded once; then
    # only the rows whose code, or whose address and commune, come back are looked at, in order
    # (the others find nothing and are no first of anything).
    codes = column_cells(table, "code")
    folded_codes, repeated_codes = _compared(codes)
    places = _places(column_cells(table, "address"), column_cells(table, "commune"))
    repeated_places = {where for where in _repeated(list(filter(None, places))) if all(where)}
    if not repeated_codes and not repeated_places:
        return
    looked_at = map(repeated_places.__contains__, places)
    if repeated_codes:  # most lists have none: no look-up of each row's code then
        looked_at = map(operator.or_, map(repeated_codes.__contains__, folded_codes), looked_at)
    rows, names = table.rows, column_cells(table, "name")  # "" on every row without the column
    for index in compress(range(len(rows)), looked_at):
        row, code, folded_code, where = rows[index], codes[index], folded_codes[index], places[index]
        if not code:
            continue
        if folded_code in first_by_code:
            yield Finding(
                "duplicate-code",
                table.file,
                row.row,
                code_title,
                _INVISIBLE.sub(lambda m: f"[U+{ord(m.group()):04X}]", code),
                row.line,
                params={"first_row": str(first_by_code[folded_code])},
            )
            continue
        first_by_code[folded_code] = row.row
        if where not in repeated_places:
            continue
        place = (fold(names[index]), *where)
        if not all(place):
            continue
        if place in first_by_place:
            first_row, other = first_by_place[place]
            yield Finding(
                "duplicate-point",
                table.file,
                row.row,
                code_title,
                code,
                row.line,
                params={"first_row": str(first_row), "other_code": other},
            )
        else:
            first_by_place[place] = (row.row, code)


def _places(addresses: tuple[str, ...], communes: tuple[str, ...]) -> list[tuple[str, str] | None]:
    """Each row's folded address and commune; None for a row whose place no other row can have.
    `fold` keeps a text's digits as they are (`tests/test_validation_columns.py`), so only the
    addresses whose digits come back with the same commune are folded (most are not)."""
    folded_communes = list(_folded(communes))
    coarse = list(zip(_digits(addresses), folded_communes, strict=True))
    places: list[tuple[str, str] | None] = [None] * len(coarse)
    for index in _repeated_at(coarse):
        places[index] = (fold(addresses[index]), folded_communes[index])
    return places


def _folded(cells: tuple[str, ...]) -> Iterator[str]:
    """`fold` of each cell, called once per distinct value."""
    distinct = set(cells)
    return map(dict(zip(distinct, map(fold, distinct), strict=True)).__getitem__, cells)


# Every byte but the ASCII digits (UTF-8 writes no other character with them), and the same but
# the line break that joins cells.
_NOT_DIGITS = bytes(byte for byte in range(256) if not 48 <= byte <= 57)
_NOT_DIGITS_OR_BREAK = _NOT_DIGITS.replace(b"\n", b"")


def _digits(cells: tuple[str, ...]) -> list[bytes]:
    """The ASCII digits of each cell, of all together by C calls."""
    joined = joined_lines(cells)
    if joined is not None:
        return joined.encode("utf-8", "surrogatepass").translate(None, _NOT_DIGITS_OR_BREAK).split(b"\n")
    # A cell of two lines.
    return [cell.encode("utf-8", "surrogatepass").translate(None, _NOT_DIGITS) for cell in cells]


def _repeated_at(items: list[tuple[bytes, str]]) -> list[int]:
    """The positions of the items found more than once, in order: each item hashed once, by C
    loops (a tuple does not keep its hash, and `_repeated` then a look-up hash each three times)."""
    first: dict[tuple[bytes, str], int] = {}
    firsts = list(map(first.setdefault, items, range(len(items))))
    if len(first) == len(items):
        return []
    again = list(map(operator.ne, firsts, range(len(items))))
    return sorted({*compress(range(len(items)), again), *compress(firsts, again)})


def _repeated(items: list[T]) -> set[T]:
    """The items found more than once (most lists have no repeated code: one set tells)."""
    if len(set(items)) == len(items):
        return set()
    return {item for item, count in Counter(items).items() if count > 1}


# What `code_key` does not keep of an ASCII code once lower-cased (it keeps letters and digits),
# but the line break that joins codes.
_NOT_ASCII_ALNUM = bytes(byte for byte in range(128) if not chr(byte).isalnum() and byte != 10)


def _compared(codes: Sequence[str]) -> tuple[Sequence[str], set[str]]:
    """Each row's code as compared (`_code_key`; a code of punctuation alone, whose key is empty,
    as written), and those found more than once. Most lists write each code once, in ASCII: their
    keys are made over the column as it is, and when no two are the same (nor, then, any two
    codes) the codes themselves tell the rows apart as their keys would (no table of each code's
    key, no list of the keys)."""
    keys = _ascii_keys(codes)
    if keys is not None and len(set(keys)) == len(keys):
        return codes, set()
    by_code = _code_keys(set(codes))
    if "" in by_code.values():
        by_code = {code: key or code for code, key in by_code.items()}
    compared = list(map(by_code.__getitem__, codes))
    return compared, _repeated(compared)


def _ascii_keys(codes: Sequence[str]) -> list[str] | None:
    """`_code_key` of each code, in order, by C calls over them joined by line breaks; None
    unless every code is ASCII on one line (`tests/test_validation_columns.py` holds the two
    equal)."""
    joined = joined_lines(codes)
    if joined is None or not joined.isascii():
        return None
    return joined.lower().encode("ascii").translate(None, _NOT_ASCII_ALNUM).decode("ascii").split("\n")


def _code_keys(codes: set[str]) -> dict[str, str]:
    """`_code_key` of each code; the ASCII ones (nearly all) together (`_ascii_keys`)."""
    plain = list(codes)
    kept = _ascii_keys(plain)
    if kept is None:  # not every code plain, as most are
        plain = [code for code in plain if code.isascii() and "\n" not in code]
        kept = _ascii_keys(plain) or []
    keys = dict(zip(plain, kept, strict=True))
    if len(keys) < len(codes):
        keys.update((code, _code_key(code)) for code in codes if code not in keys)
    return keys


def forget_codes() -> None:
    _CODE_KEYS.clear()
