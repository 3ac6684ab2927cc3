"""A point is its code within the province: codes are unique, and a point is listed once."""

from __future__ import annotations

import operator
import re
from collections import Counter
from collections.abc import Iterator
from itertools import compress
from typing import TypeVar

from generator.findings import Finding, yields
from generator.text import code_key, fold
from generator.validate.checks import Context
from generator.validate.checks.content import FORMAT_CHARACTERS
from generator.validate.mapping import MappedTable, column_cells

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
    keys = _code_keys(set(codes))
    if "" in keys.values():  # a code of punctuation alone is compared as written
        keys = {code: key or code for code, key in keys.items()}
    folded_codes = list(map(keys.__getitem__, codes))
    addresses, communes = _folded(column_cells(table, "address")), _folded(column_cells(table, "commune"))
    places = list(zip(addresses, communes, strict=True))
    repeated_codes = _repeated(folded_codes)
    repeated_places = {where for where in _repeated(places) if all(where)}
    if not repeated_codes and not repeated_places:
        return
    code_back = map(repeated_codes.__contains__, folded_codes)
    looked_at = map(operator.or_, code_back, map(repeated_places.__contains__, places))
    rows = table.rows
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
        place = (fold(row.values.get("name", "")), *where)
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


def _folded(cells: tuple[str, ...]) -> Iterator[str]:
    """`fold` of each cell, called once per distinct value."""
    distinct = set(cells)
    return map(dict(zip(distinct, map(fold, distinct), strict=True)).__getitem__, cells)


def _repeated(items: list[T]) -> set[T]:
    """The items found more than once (most lists have no repeated code: one set tells)."""
    if len(set(items)) == len(items):
        return set()
    return {item for item, count in Counter(items).items() if count > 1}


# What `code_key` keeps of an ASCII code: its letters, lower-cased, and digits.
_NOT_ASCII_ALNUM = re.compile("[^a-z0-9\n]+")


def _code_keys(codes: set[str]) -> dict[str, str]:
    """`_code_key` of each code; the ASCII ones (nearly all) together, in one pass of a regex
    over them joined by line breaks (`tests/test_validation_columns.py` holds the two equal)."""
    plain = list(codes)
    joined = "\n".join(plain)
    if not joined.isascii() or joined.count("\n") != len(plain) - 1:  # not every code plain, as most are
        plain = [code for code in plain if code.isascii() and "\n" not in code]
        joined = "\n".join(plain)
    keys: dict[str, str] = {}
    if plain:
        keys = dict(zip(plain, _NOT_ASCII_ALNUM.sub("", joined.lower()).split("\n"), strict=True))
    keys.update((code, _code_key(code)) for code in codes if code not in keys)
    return keys


def forget_codes() -> None:
    _CODE_KEYS.clear()
