"""A point is its code within the province: codes are unique, and a point is listed once."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

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
    # A point is listed twice only where an address and commune come back: the names of the other
    # rows (nearly all of them) need not be folded.
    coded = [(row, code) for row in table.rows if (code := row.values.get("code", ""))]
    places = [_address_and_commune(row) for row, _ in coded]
    shared = Counter(places)
    for (row, code), where in zip(coded, places, strict=True):
        folded_code = _code_key(code) or code
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


def _address_and_commune(row: Row) -> tuple[str, str]:
    return fold(row.values.get("address", "")), fold(row.values.get("commune", ""))


def forget_codes() -> None:
    _CODE_KEYS.clear()
