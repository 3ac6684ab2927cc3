"""A point is its code within the province: codes are unique, and a point is listed once."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from operator import methodcaller

from generator.findings import Finding, yields
from generator.text import code_key, fold
from generator.validate.checks import Context
from generator.validate.checks.content import FORMAT_CHARACTERS
from generator.validate.mapping import MappedTable

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
    # Column by column, in C loops where it can be: each distinct code folded once, each address
    # and commune by the cached `fold`; then only the rows whose code, or whose address and
    # commune, come back are looked at, in order (the others find nothing and are no first of
    # anything).
    cells = [row.values for row in table.rows]
    codes = list(map(methodcaller("get", "code", ""), cells))
    keys = _code_keys(set(codes))
    folded_codes = [keys[code] or code for code in codes]
    places = list(
        zip(
            map(fold, map(methodcaller("get", "address", ""), cells)),
            map(fold, map(methodcaller("get", "commune", ""), cells)),
            strict=True,
        )
    )
    code_counts, shared = Counter(folded_codes), Counter(places)
    repeated_codes = {code for code, count in code_counts.items() if count > 1}
    repeated_places = {where for where, count in shared.items() if count > 1 and all(where)}
    if not repeated_codes and not repeated_places:
        return
    for row, code, folded_code, where in zip(table.rows, codes, folded_codes, places, strict=True):
        if not code or (folded_code not in repeated_codes and where not in repeated_places):
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


def forget_codes() -> None:
    _CODE_KEYS.clear()
