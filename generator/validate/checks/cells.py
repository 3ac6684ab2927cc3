"""Every cell: required, length, and nothing that could execute in a page or a spreadsheet."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.contract import PHONE_KEYS, column
from generator.findings import Finding, yields
from generator.validate.checks import Context
from generator.validate.mapping import MappedTable, iter_cells

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
_FORMULA_START = ("=", "+", "-", "@")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Phones may legitimately start with "+84"; the phone check reads them. Unpublished columns never
# reach a spreadsheet we write, so a clerk's note may start with "-".
_NO_FORMULA_CHECK = set(PHONE_KEYS)
# A phone cell is never published as written: only the numbers read from it are. Its length limit
# counts its digits, not a note such as
# "Số máy NV địa bàn, ít khách hàng …", which the phone check reports and drops.
_PHONE_KEYS = frozenset(PHONE_KEYS)
_NOT_NUMBER = re.compile(r"[^\d+]+")


@yields("required-cell-empty", "value-too-long", "unsafe-markup", "spreadsheet-formula", "control-characters")
def check_cells(table: MappedTable, context: Context) -> Iterator[Finding]:
    contract = {key: column(key) for key in table.headers}
    titles = {key: table.title(key) for key in table.headers}  # once per file, not per cell
    for row, key, value in iter_cells(table):
        col = contract[key]
        title = titles[key]
        if not value:
            # An empty commune is the places check's: the address may name it.
            if col.required and key != "commune":
                params = {"hint": f" Hãy điền “{title}” của điểm thu."}
                yield Finding("required-cell-empty", table.file, row.row, title, value, row.line, params)
            continue
        if len(value) > col.max_length and (
            key not in _PHONE_KEYS or len(_NOT_NUMBER.sub("", value)) > col.max_length
        ):
            yield Finding(
                "value-too-long",
                table.file,
                row.row,
                title,
                value,
                row.line,
                params={"length": str(len(value)), "limit": str(col.max_length)},
            )
        markup = None if _MARKUP_TRIGGERS.isdisjoint(value) else _MARKUP.search(value)
        if markup:
            yield Finding(
                "unsafe-markup",
                table.file,
                row.row,
                title,
                value,
                row.line,
                params={"what": _WHAT[markup.lastgroup or "tag"]},
            )
        if col.publish and key not in _NO_FORMULA_CHECK and value != "-" and value.startswith(_FORMULA_START):
            yield Finding(
                "spreadsheet-formula", table.file, row.row, title, value, row.line, params={"char": value[0]}
            )
        if _CONTROL.search(value):
            yield Finding("control-characters", table.file, row.row, title, value, row.line)
