"""Every cell: required, length, and nothing that could execute in a page or a spreadsheet."""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterator

from generator.contract import PHONE_KEYS, column
from generator.findings import Finding, yields
from generator.validate.checks import Context
from generator.validate.columns import distinct_cells, outside_plain
from generator.validate.mapping import MappedTable

_MARKUP = re.compile(
    r"(?P<tag><\s*/?\s*[a-z!?][^>]*>?)"
    r"|(?P<scheme>(?:java|vb)script\s*:|data\s*:\s*text/html)"
    r"|(?P<handler>\bon[a-z]+\s*=)"
    r"|(?P<template>\{\{|\{%|\{#|\$\{)"
    r"|(?P<link>\]\(\s*[a-z][a-z0-9+.-]*:)",
    re.IGNORECASE,
)
_WHAT = {
    "tag": "thẻ HTML",
    "scheme": "liên kết script",
    "handler": "thuộc tính sự kiện",
    "template": "cú pháp mẫu {{ }}",
    "link": "liên kết Markdown",
}
# Characters without which none of the patterns above can match: most cells skip the regex.
_MARKUP_TRIGGERS = frozenset("<:={$]")
# The same for a column's text, without ":", common in notes ("Kiểm tra ngày 21/8: …"): a scheme
# ends in "script:" or "data:", so its colon comes after a "t" or an "a" and spaces.
_COLUMN_TRIGGERS = "<={$]"
_SCHEME_COLON = re.compile(r"[tTaA]\s*:")
# The same read backwards, for a column's text reversed: a search that starts with a character
# (the colon) skips to each one in C, where one that starts with a set tries every position.
_COLON_SCHEME = re.compile(r":\s*[tTaA]")
_FORMULA_START = ("=", "+", "-", "@")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# A value starting like a formula, in a column's values joined by line breaks, but the first (a
# value with a line break of its own only makes the column looked at value by value). Searched
# from its line break, not as "^" in MULTILINE mode: the regex engine then skips to each line
# break in C instead of trying every position (a quarter of the time).
_STARTS_FORMULA = re.compile(r"\n[=+@-]")
# Phones may legitimately start with "+84"; the phone check reads them. Unpublished columns never
# reach a spreadsheet we write, so a clerk's note may start with "-".
_NO_FORMULA_CHECK = set(PHONE_KEYS)
# A phone cell is never published as written: only the numbers read from it are. Its length limit
# counts its digits, not a note such as
# "Số máy NV địa bàn, ít khách hàng …", which the phone check reports and drops.
_PHONE_KEYS = frozenset(PHONE_KEYS)
_NOT_NUMBER = re.compile(r"[^\d+]+")
# Columns of names and places: a cell there that is nothing but a phone number (nine digits or
# more, with the usual separators, no-break spaces too) says the row's cells have moved by one: a cell missing
# before it (the agent's), so the name holds the address and the district the phone.
_NAME_KEYS = frozenset({"agent", "name", "commune", "district", "province"})
_PHONE_LIKE = re.compile(r"[+(]?\d[\d .()/\u00a0\u202f-]{7,}\d")
# A line of the joined column that is such a cell: the first line matched at the start, the
# others searched from their line break (as `_STARTS_FORMULA`, a third of the time of "^" in
# MULTILINE mode).
_PHONE_FIRST_LINE = re.compile(r"[+(]?\d[\d .()/\u00a0\u202f-]{7,}\d(?:\n|$)")
_PHONE_LINE = re.compile(r"\n[+(]?\d[\d .()/\u00a0\u202f-]{7,}\d(?:\n|$)")


@yields(
    "required-cell-empty",
    "value-too-long",
    "unsafe-markup",
    "spreadsheet-formula",
    "control-characters",
    "phone-in-name-column",
)
def check_cells(table: MappedTable, context: Context) -> Iterator[Finding]:
    titles = {key: table.title(key) for key in table.headers}  # once per file, not per cell
    for row, key, value, found in distinct_cells(table, table.headers, _cell_findings, _may_find):
        for code, params in found:
            if code == "required-cell-empty":
                params = {"hint": f" Hãy điền “{titles[key]}” của điểm thu."}
            yield Finding(code, table.file, row.row, titles[key], value, row.line, params=dict(params))


def _may_find(key: str, values: Collection[str], joined: str) -> bool:
    """Whether any value of a column may need a look: one scan of the column for what the rules
    below need (a character, a first character, a length)."""
    col = column(key)
    if col.required and "" in values:  # `values` may be a column's cells: a scan
        return True
    return (
        any(trigger in joined for trigger in _COLUMN_TRIGGERS)  # a substring search each
        or (":" in joined and _COLON_SCHEME.search(joined[::-1]) is not None)
        or (col.publish and key not in _NO_FORMULA_CHECK and _starts_formula(joined))
        or (outside_plain(joined) and _CONTROL.search(joined) is not None)
        or _longer_than(col.max_length, values, joined)
        or (key in _NAME_KEYS and _phone_line(joined))
    )


def _longer_than(limit: int, values: Collection[str], joined: str) -> bool:
    """Whether a value is longer than `limit`: the values of one line each (nearly always) by one
    scan of their joined text from line break to line break, not one `len` a value (which took
    most of this check's time)."""
    if joined.count("\n") != len(values) - 1:  # a value of two lines, or none
        return max(map(len, values), default=0) > limit
    first = joined.find("\n")  # the first line's length (not `partition`, which copies the rest)
    return (first if first >= 0 else len(joined)) > limit or _long_line(limit).search(joined) is not None


@functools.cache
def _long_line(limit: int) -> re.Pattern[str]:
    """A line break followed by more than `limit` characters of one line."""
    return re.compile(f"\n[^\n]{{{limit + 1}}}")


def _starts_formula(joined: str) -> bool:
    """Whether a line of the text starts like a formula: most columns hold none of the characters
    at all (a search for one character is many times faster than the regex)."""
    if not ("-" in joined or "=" in joined or "+" in joined or "@" in joined):
        return False
    return joined.startswith(_FORMULA_START) or _STARTS_FORMULA.search(joined) is not None


def _phone_line(joined: str) -> bool:
    """Whether a line of the joined column is a phone number and nothing else."""
    return _PHONE_FIRST_LINE.match(joined) is not None or _PHONE_LINE.search(joined) is not None


def _cell_findings(key: str, value: str) -> tuple[tuple[str, dict[str, str]], ...]:
    """What is wrong with one cell, as (code, params): a column's distinct values are checked once."""
    col = column(key)
    if not value:
        # An empty commune is the places check's: the address may name it.
        return (("required-cell-empty", {}),) if col.required and key != "commune" else ()
    found: list[tuple[str, dict[str, str]]] = []
    if len(value) > col.max_length and (
        key not in _PHONE_KEYS or len(_NOT_NUMBER.sub("", value)) > col.max_length
    ):
        found.append(("value-too-long", {"length": str(len(value)), "limit": str(col.max_length)}))
    markup = None if _MARKUP_TRIGGERS.isdisjoint(value) else _MARKUP.search(value)
    if markup:
        found.append(("unsafe-markup", {"what": _WHAT[markup.lastgroup or "tag"]}))
    if col.publish and key not in _NO_FORMULA_CHECK and value != "-" and value.startswith(_FORMULA_START):
        found.append(("spreadsheet-formula", {"char": value[0]}))
    if _CONTROL.search(value):
        found.append(("control-characters", {}))
    if key in _NAME_KEYS and _PHONE_LIKE.fullmatch(value) and sum(map(str.isdigit, value)) >= 9:
        found.append(("phone-in-name-column", {}))
    return tuple(found)
