"""A row whose cells moved by one column (an empty cell inserted or one deleted, so every cell
after it sits in its neighbour's column) and that carries no phone to show it (a phone in a name
or place column is `cells.py`'s `phone-in-name-column`). What gives such a row away is a cell
that plainly belongs to the column beside it, when that column's own cell does not hold it:

- a province's name in a phone column beside the province column ("Lai Châu" under "Điện thoại
  cố định", the province cell holding the district or nothing: anything but that name again);
- working hours in a phone column beside the hours column, whose cell is empty ("7h30 - 17h00"
  under "Điện thoại di động");
- a phone number alone in the hours column ("0912 345 678" under "Giờ làm việc");
- a province's name in the district column, a district of the province in the commune column
  (with a district's kind, or a bare name that is a district's and not a commune's kind) and no
  province in the province column: every place one column to the left.

Each signal is first looked for in a whole column (its text or its distinct values), so a list
with none of them costs a few scans."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from generator.contract import PHONE_KEYS
from generator.findings import Finding, yields
from generator.places.names import COMMUNE_KINDS, DISTRICT_KINDS, split_kind
from generator.validate.checks import Context
from generator.validate.columns import column_cells, column_text, column_values
from generator.validate.mapping import MappedTable

_LETTER = re.compile(r"[^\W\d_]")
# Working hours as lists write them: "7h30 - 17h00", "7g30", "7:30-11:30", "Sáng 7 giờ", "Giờ
# hành chính", "Thứ 2 - Thứ 6"; not a note that only says when to call ("gọi buổi sáng"). Never
# a cell holding a phone: nine digits in a row, single spaces, dots or dashes between them.
_HOURS = re.compile(r"\d{1,2}\s*(?:h|g|giờ|:)\s*\d{0,2}\b|giờ hành chính|\bthứ\s*[2-7]\b", re.IGNORECASE)
_LONG_DIGITS = re.compile(r"(?:\d[ .-]?){8}\d")
_PHONE_ONLY = re.compile(r"[+(]?\d[\d .()/\u00a0\u202f-]{7,}\d")
_PHONE_LINE = re.compile(r"(?:^|\n)[+(]?\d[\d .()/\u00a0\u202f-]{7,}\d(?:\n|$)")


@yields("cells-shifted")
def check_shifted(table: MappedTable, context: Context) -> Iterator[Finding]:
    order = list(table.headers)  # the file's column order
    if len(order) < 2:
        return
    names_province = _province_namer(context)
    found: dict[int, tuple[str, str, str]] = {}  # row index → (column key, value, what)
    for key in PHONE_KEYS:
        beside = _beside(order, key) if key in table.headers else set()
        if {"province", "hours"} & beside:
            if not _beyond_phone_characters(column_text(table, key)):
                continue  # almost every phone column: digits and separators only
            values = column_values(table, key)
            if "province" in beside:
                _phone_column_place(table, key, values, names_province, found)
            if "hours" in beside:
                _phone_column_hours(table, key, values, found)
    if "hours" in table.headers:
        _hours_column_phone(table, found)
    if {"district", "commune"} <= set(order):
        _places_to_the_left(table, context, names_province, found)
    for index in sorted(found):
        row = table.rows[index]
        key, value, what = found[index]
        params = {"what": what}
        yield Finding("cells-shifted", table.file, row.row, table.title(key), value, row.line, params)


# What a column of phones written plainly holds; anything else (a letter, ":") is worth a look.
_PHONE_CHARACTERS = b"0123456789 .-()+/,;'\n"


def _beyond_phone_characters(joined: str) -> bool:
    # One pass in C: the bytes left once a phone's characters are deleted (a letter of a
    # Vietnamese name is never ASCII, so such a text is left to the finer screens at once).
    return not joined.isascii() or bool(joined.encode().translate(None, _PHONE_CHARACTERS))


def _beside(order: list[str], key: str) -> set[str]:
    at = order.index(key)
    return set(order[max(at - 1, 0) : at]) | set(order[at + 1 : at + 2])


def _province_namer(context: Context) -> Callable[[str], bool]:
    units = context.units
    known: dict[str, bool] = {}

    def names_province(text: str) -> bool:
        if text not in known:
            known[text] = bool(text) and units.province_by_name(text) is not None
        return known[text]

    return names_province


def _phone_column_place(
    table: MappedTable, key: str, values: set[str], names_province: Callable[[str], bool], found: dict
) -> None:
    places = {v for v in values if not _LONG_DIGITS.search(v) and names_province(v.strip())}
    if not places:
        return
    provinces = column_cells(table, "province")
    for index, value in enumerate(column_cells(table, key)):
        # The province cell holds the district ("Thành phố Lai Châu", a province's name too), a
        # commune or nothing: anything but the same name again.
        if value in places and provinces[index].strip() != value.strip():
            found.setdefault(index, (key, value, "tên tỉnh/thành phố"))


def _phone_column_hours(table: MappedTable, key: str, values: set[str], found: dict) -> None:
    hours_like = {v for v in values if _HOURS.search(v) and not _LONG_DIGITS.search(v)}
    if not hours_like:
        return
    hours = column_cells(table, "hours")
    for index, value in enumerate(column_cells(table, key)):
        if value in hours_like and not hours[index].strip():
            found.setdefault(index, (key, value, "giờ làm việc"))


def _hours_column_phone(table: MappedTable, found: dict) -> None:
    if _PHONE_LINE.search(column_text(table, "hours")) is None:
        return
    values = column_values(table, "hours")
    phones = {v for v in values if _PHONE_ONLY.fullmatch(v.strip()) and sum(map(str.isdigit, v)) >= 9}
    for index, value in enumerate(column_cells(table, "hours")):
        if value in phones:
            found.setdefault(index, ("hours", value, "một số điện thoại"))


def _places_to_the_left(
    table: MappedTable, context: Context, names_province: Callable[[str], bool], found: dict
) -> None:
    if all(map(names_province, map(str.strip, column_values(table, "province")))):
        return  # every row names its province: no row's places moved left
    named = {v for v in column_values(table, "district") if names_province(v.strip())}
    if not named:
        return
    provinces, communes = column_cells(table, "province"), column_cells(table, "commune")
    for index, district in enumerate(column_cells(table, "district")):
        if (
            district in named
            and not names_province(provinces[index].strip())
            and _names_district(communes[index], context)
        ):
            found.setdefault(index, ("district", district, "tên tỉnh/thành phố"))


def _names_district(text: str, context: Context) -> bool:
    if split_kind(text, DISTRICT_KINDS).kind is not None:
        return True
    if context.province is None or not text.strip() or split_kind(text, COMMUNE_KINDS).kind is not None:
        return False
    return bool(context.units.resolver.places(context.province.code).district_ids(text))
