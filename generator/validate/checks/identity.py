"""A point is its code within the province: codes are unique, and a point is listed once."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from generator.findings import Finding, yields
from generator.text import code_key, fold
from generator.validate.checks import Context
from generator.validate.checks.content import FORMAT_CHARACTERS
from generator.validate.mapping import MappedTable, Row

# A code is compared without what cannot be seen; the report shows it where it was.
_INVISIBLE = re.compile(f"[{FORMAT_CHARACTERS}]")
# Every list of a province repeats its codes month after month: each is folded once (a plain
# dict: a first list, all of whose codes are new, pays no more than the folding).
_CODE_KEYS: dict[str, str] = {}
_MOST_CODES = 1 << 18


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
    coded = [(row, code) for row in table.rows if (code := row.values.get("code", ""))]
    # Column by column: each distinct code and address folded once, then only the rows whose code
    # or place comes back more than once are looked at, in order (the others find nothing and
    # are no first of anything).
    keys = _code_keys({code for _, code in coded})
    folded_codes = [keys[code] or code for _, code in coded]
    places = _places(row for row, _ in coded)
    code_counts, shared = Counter(folded_codes), Counter(places)
    for (row, code), folded_code, where in zip(coded, folded_codes, places, strict=True):
        if code_counts[folded_code] < 2 and (shared[where] < 2 or not all(where)):
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
        if shared[where] < 2 or not all(where):
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


# What `code_key` keeps of an ASCII code: its letters, lower-cased, and digits.
_NOT_ASCII_ALNUM = re.compile("[^a-z0-9\n]+")


def _code_keys(codes: set[str]) -> dict[str, str]:
    """`_code_key` of each code; the ASCII ones (nearly all) together, in one pass of a regex
    over them joined by line breaks (`tests/test_validation_columns.py` holds the two equal)."""
    plain = [code for code in codes if code.isascii() and "\n" not in code]
    keys: dict[str, str] = {}
    if plain:
        keys = dict(zip(plain, _NOT_ASCII_ALNUM.sub("", "\n".join(plain).lower()).split("\n"), strict=True))
    keys.update((code, _code_key(code)) for code in codes if code not in keys)
    return keys


def _places(rows: Iterable[Row]) -> list[tuple[str, str]]:
    """`_address_and_commune` of each row, each distinct address and commune folded once."""
    addresses, communes = [], []
    for row in rows:
        values = row.values
        addresses.append(values.get("address", ""))
        communes.append(values.get("commune", ""))
    folded = {text: fold(text) for text in {*addresses, *communes}}
    return list(zip(map(folded.__getitem__, addresses), map(folded.__getitem__, communes), strict=True))


def _address_and_commune(row: Row) -> tuple[str, str]:
    return fold(row.values.get("address", "")), fold(row.values.get("commune", ""))


def forget_codes() -> None:
    _CODE_KEYS.clear()
