"""At least one phone per point; each a possible Vietnamese number, in the right column."""

from __future__ import annotations

from collections.abc import Iterator

from generator.contract import PHONE_KEYS
from generator.findings import Finding
from generator.phones import parse_phone
from generator.validate.checks import Context
from generator.validate.mapping import MappedTable

_WRONG_COLUMN = {
    ("fixed_phone", "mobile"): "phone-mobile-in-fixed-column",
    ("mobile_phone", "fixed"): "phone-fixed-in-mobile-column",
}


def check_phones(table: MappedTable, context: Context) -> Iterator[Finding]:
    present = [key for key in PHONE_KEYS if key in table.headers]
    if not present:
        return  # the missing column is reported once, not on every row
    for row in table.rows:
        values = {key: row.values.get(key, "") for key in present}
        if not any(values.values()):
            yield Finding("no-phone", table.file, row.row, None, None, row.line)
            continue
        for key, raw in values.items():
            if not raw:
                continue
            title = table.title(key)
            phone = parse_phone(raw)
            if phone is None:
                yield Finding("phone-invalid", table.file, row.row, title, raw, row.line)
                continue
            params = {"display": phone.display}
            if phone.restored_zero:
                yield Finding(
                    "phone-leading-zero-restored", table.file, row.row, title, raw, row.line, params
                )
            wrong = _WRONG_COLUMN.get((key, phone.kind))
            if wrong:
                yield Finding(wrong, table.file, row.row, title, raw, row.line, params)
