"""The phones of a point as a person reads the two cells: old area codes and mobile prefixes
converted, a missing area code completed from the point's (old) province, two numbers in a cell,
a number in the other column. `resolve_phones` is what the check reports and what
`records.build_point` publishes: one function, so the two can never disagree."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, repeat
from operator import eq
from typing import NamedTuple

from generator.contract import PHONE_KEYS
from generator.findings import Finding, yields
from generator.phone_cells import CellReading, Reading, clear_reading_caches, read_cell
from generator.phone_codes import Area, area_by_name, areas_of_province, province_key
from generator.phone_operators import row_operator
from generator.phones import Phone, misplaced, parse_phone, read_column
from generator.units import AdminUnits, Province
from generator.validate.checks import Context
from generator.validate.columns import column_cells
from generator.validate.mapping import MappedTable

# Every code this check yields: its declaration (the catalogue's tests hold it to it).
CODES = (
    "no-phone",
    "phone-invalid",
    "phone-leading-zero-restored",
    "phone-old-area-code",
    "phone-vnpt-2008",
    "phone-old-mobile-prefix",
    "phone-area-code-added",
    "phone-area-code-ambiguous",
    "phone-several-numbers",
    "phone-text-ignored",
    "phone-mobile-in-fixed-column",
    "phone-fixed-in-mobile-column",
    "phone-fax-left-out",
)
_COLUMN_KIND = {"fixed_phone": "fixed", "mobile_phone": "mobile"}
_TITLE = {"fixed_phone": "Điện thoại cố định", "mobile_phone": "Điện thoại di động"}


@dataclass(frozen=True)
class PhoneIssue:
    code: str
    key: str | None  # the column the finding names; None for the point as a whole
    params: dict[str, str] = field(default_factory=dict)


class RowPhones(NamedTuple):  # one per row of every list: a tuple is built in a fifth of the time
    fixed: Phone | None = None
    mobile: Phone | None = None
    issues: tuple[PhoneIssue, ...] = ()


def row_areas(values: dict[str, str], province: Province | None, units: AdminUnits) -> tuple[Area, ...]:
    """The old province(s) whose area code a number without one takes: the "Tỉnh/Thành phố" cell
    when it names an old province, else the old province the row's place was understood in,
    else every old province of the 2025 one."""
    if province is None:
        return ()
    areas = areas_of_province(province.slug)
    if len(areas) <= 1:
        return areas
    named = area_by_name(values["province"]) if values.get("province") else None
    if named is not None and named not in areas:
        named = None
    # "An Giang" in the An Giang file may mean the 2025 province as well as the old one: the
    # commune's old province comes first then. Another old province's name is decisive.
    if named is not None and province_key(named.old_province) != province_key(province.short_name):
        return (named,)
    # The place the row was understood in (the same resolver as the commune check): the old
    # province of an old commune or district, else the one old province its 2025 commune lies in.
    place = units.resolve_place(province.code, values)
    old = place.old_province or _only_old_province(units, place.commune)
    from_place = area_by_name(old) if old else None
    if from_place is not None and from_place in areas:
        return (from_place,)
    return (named,) if named is not None else areas


def _only_old_province(units: AdminUnits, commune) -> str | None:
    """The old province a 2025 commune lies in, when all of it came from one."""
    if commune is None:
        return None
    return _old_provinces_by_commune(units, commune.province_code).get(commune.code)


@lru_cache(maxsize=64)
def _old_provinces_by_commune(units: AdminUnits, province_code: str) -> dict[str, str]:
    found: dict[str, set[str]] = {}
    for legacy in units.legacy_communes_of(province_code):
        for code in legacy.new_codes:
            found.setdefault(code, set()).add(legacy.old_province)
    return {code: olds.pop() for code, olds in found.items() if len(olds) == 1}


def resolve_phones(values: dict[str, str], province: Province | None, units: AdminUnits) -> RowPhones:
    fixed_raw, mobile_raw = values.get("fixed_phone", ""), values.get("mobile_phone", "")
    return _as_printed(fixed_raw, mobile_raw) or _resolve(
        fixed_raw, mobile_raw, row_areas(values, province, units), row_operator(values)
    )


def _as_printed(fixed_raw: str, mobile_raw: str) -> RowPhones | None:
    """Almost every row: each number of today in its own column, read by parse_phone exactly as
    before, with no place lookup. None sends the row through the full reading."""
    phones = {raw: parse_phone(raw) for raw in (fixed_raw, mobile_raw)}
    if not (fixed_raw or mobile_raw) or _unprinted({fixed_raw}, phones, "fixed_phone"):
        return None
    if _unprinted({mobile_raw}, phones, "mobile_phone"):
        return None
    # RowPhones(fixed, mobile), without its Python-level __new__.
    return tuple.__new__(RowPhones, (phones[fixed_raw], phones[mobile_raw], ()))


def _unprinted(cells: set[str], phones: dict[str, Phone | None], key: str) -> set[str]:
    """The cells of column `key` that are not empty nor a number of today written in full there
    (`phones`: how each reads; `phones.misplaced`): a row with one is read in full (`_resolve`).
    The check finds the same of a whole column with `phones.read_column`."""
    mobile = key == "mobile_phone"
    return {cell for cell in cells if cell and misplaced(phones[cell], mobile)}


@lru_cache(maxsize=65536)
def _resolve(fixed_raw: str, mobile_raw: str, areas: tuple[Area, ...], operator: str = "") -> RowPhones:
    """`operator`: "VNPT" or "Bưu điện" when the row's names say the line is VNPT's, else ""."""
    cells = {
        key: read_cell(raw, _COLUMN_KIND[key], areas, bool(operator))
        for key, raw in (("fixed_phone", fixed_raw), ("mobile_phone", mobile_raw))
        if raw.strip()
    }
    fixed_cell = cells["fixed_phone"].numbers if "fixed_phone" in cells else ()
    mobile_cell = cells["mobile_phone"].numbers if "mobile_phone" in cells else ()
    if _plain(fixed_cell, cells.get("fixed_phone")) and _plain(mobile_cell, cells.get("mobile_phone")):
        plain_fixed = fixed_cell[0].phone if fixed_cell else None
        plain_mobile = mobile_cell[0].phone if mobile_cell else None
        if (
            (plain_fixed or plain_mobile)
            and (not plain_fixed or plain_fixed.kind != "mobile")
            and (not plain_mobile or plain_mobile.kind == "mobile")
        ):
            return RowPhones(plain_fixed, plain_mobile)  # each number as printed, in its own column
    issues: list[PhoneIssue] = []
    held = False
    for key, cell in cells.items():
        if not cell.numbers and cell.has_digits:
            held = True
            if cell.candidates:
                options = " hoặc ".join(f"{p.display} ({name} cũ)" for p, name in cell.candidates)
                issues.append(PhoneIssue("phone-area-code-ambiguous", key, {"candidates": options}))
            else:
                issues.append(PhoneIssue("phone-invalid", key, {"hint": _hint(cell)}))
    if held:
        return RowPhones(issues=tuple(issues))
    fixed = _first(fixed_cell, "fixed") or (None if not fixed_cell else _unmoved(fixed_cell, mobile_cell))
    mobile = _first(mobile_cell, "mobile") or (None if not mobile_cell else _unmoved(mobile_cell, fixed_cell))
    moved: dict[str, Reading] = {}
    if not mobile_cell and (reading := _first(fixed_cell, "mobile")) and reading is not fixed:
        mobile = moved["fixed_phone"] = reading
    if not fixed_cell and (reading := _first(mobile_cell, "fixed")) and reading is not mobile:
        fixed = moved["mobile_phone"] = reading
    for key, cell in cells.items():
        published = dict.fromkeys(r for r in cell.numbers if r is fixed or r is mobile)
        for reading in published:
            issues.extend(_repair(key, reading, cell, operator))
        if cell.fax:
            issues.append(PhoneIssue("phone-fax-left-out", key, {"fax": ", ".join(cell.fax)}))
        if not cell.numbers and cell.text:
            issues.append(PhoneIssue("phone-text-ignored", key, {"text": cell.text, "understood": _NONE}))
        if len(cell.numbers) + len(cell.unread) > 1:
            issues.append(_several(key, cell, fixed, mobile))
    for key, reading in moved.items():
        code = "phone-mobile-in-fixed-column" if key == "fixed_phone" else "phone-fixed-in-mobile-column"
        other = _TITLE["mobile_phone" if key == "fixed_phone" else "fixed_phone"]
        action = f" Đã công bố ở cột “{other}”."
        issues.append(PhoneIssue(code, key, {"display": reading.phone.display, "action": action}))
    # Both columns taken: a number of the other kind stays where it is written.
    if fixed is not None and fixed.phone.kind == "mobile":
        params = {"display": fixed.phone.display, "action": ""}
        issues.append(PhoneIssue("phone-mobile-in-fixed-column", "fixed_phone", params))
    if mobile is not None and mobile.phone.kind == "fixed":
        params = {"display": mobile.phone.display, "action": ""}
        issues.append(PhoneIssue("phone-fixed-in-mobile-column", "mobile_phone", params))
    if fixed is None and mobile is None:
        texts = [f" Ô “{_TITLE[k]}” không có số nào." for k, c in cells.items() if not c.numbers]
        issues.append(PhoneIssue("no-phone", None, {"hint": "".join(texts)}))
    return RowPhones(
        fixed.phone if fixed else None,
        mobile.phone if mobile else None,
        tuple(issues),
    )


_NONE = ", ô không có số điện thoại nào"


def _plain(numbers: tuple[Reading, ...], cell: CellReading | None) -> bool:
    """No cell, or one number written as it is printed and nothing else."""
    return cell is None or (
        len(numbers) == 1 and not numbers[0].code and not cell.text and not cell.unread and not cell.fax
    )


def _first(readings: tuple[Reading, ...], kind: str) -> Reading | None:
    for reading in readings:
        if (reading.phone.kind == "mobile") == (kind == "mobile"):
            return reading
    return None


def _unmoved(own: tuple[Reading, ...], other: tuple[Reading, ...]) -> Reading | None:
    """A cell with only numbers of the other kind keeps its first one where it is written when
    the other column is taken; otherwise that number moves there (see the caller)."""
    return own[0] if other else None


def _repair(key: str, reading: Reading, cell: CellReading, operator: str = "") -> list[PhoneIssue]:
    notes = list(reading.notes)
    if reading.code == "phone-vnpt-2008":
        line = "" if operator == "VNPT" else ", dùng đường dây VNPT năm 2008"
        notes.append(f"tên đại lý hoặc tên điểm thu cho thấy điểm thuộc {operator}{line}")
    if cell.text:
        notes.append(f"bỏ phần chữ “{cell.text}”")
    if not notes:
        return []
    code = reading.code or "phone-text-ignored"
    params = {"display": reading.phone.display, "notes": "; ".join(notes)}
    if code == "phone-text-ignored":
        params = {"text": cell.text, "understood": f", đã hiểu là {reading.phone.display}"}
    return [PhoneIssue(code, key, params)]


def _several(key: str, cell: CellReading, fixed: Reading | None, mobile: Reading | None) -> PhoneIssue:
    written = [r.phone.display for r in cell.numbers] + list(cell.unread)
    published = []
    for reading, column in ((fixed, "fixed_phone"), (mobile, "mobile_phone")):
        if reading is not None and reading in cell.numbers:
            published.append(f"{reading.phone.display} ở cột “{_TITLE[column]}”")
    dropped = [r.phone.display for r in cell.numbers if r is not fixed and r is not mobile]
    dropped += [f"{u} (không đọc được)" for u in cell.unread]
    params = {
        "count": str(len(written)),
        "numbers": ", ".join(written),
        "published": " và ".join(published) or "không số nào",
        "dropped": f"; không công bố {', '.join(dropped)}" if dropped else "",
    }
    return PhoneIssue("phone-several-numbers", key, params)


def _hint(cell: CellReading) -> str:
    return f" ({cell.hint})" if cell.hint else ""


@yields(*CODES)
def check_phones(table: MappedTable, context: Context) -> Iterator[Finding]:
    present = [key for key in PHONE_KEYS if key in table.headers]
    if not present:
        return  # the missing column is reported once, not on every row
    province, units = context.province, context.units
    rows = table.rows
    # The columns as every check shares them (transposed once for all, see columns.py).
    fixed_raws, mobile_raws = column_cells(table, "fixed_phone"), column_cells(table, "mobile_phone")
    # Each column's numbers read at once, by C loops over the column (`phones.read_column`).
    # Almost every row has each number of today in its own column, as printed (`_as_printed`):
    # read by C loops over the rows. The others, rows with a cell below or no cell at all, are
    # read in full, row after row.
    fixed, mobile = read_column(fixed_raws, mobile=False), read_column(mobile_raws, mobile=True)
    unprinted_fixed, unprinted_mobile = fixed.unprinted, mobile.unprinted
    # Each row's (fixed, mobile, issues), as a RowPhones reads (a plain tuple: one is made for
    # every row, and only the point builder reads them, by position).
    read = context.read_rows("phones", rows, list(zip(fixed.phones, mobile.phones, repeat(()))))
    unread: list[int] = []
    if fixed.empty and mobile.empty:  # rows with no number at all: their cells are equal
        same = compress(range(len(rows)), map(eq, fixed_raws, mobile_raws))
        unread += (at for at in same if not fixed_raws[at])
    if unprinted_fixed:
        unread += compress(range(len(rows)), map(unprinted_fixed.__contains__, fixed_raws))
    if unprinted_mobile:
        unread += compress(range(len(rows)), map(unprinted_mobile.__contains__, mobile_raws))
    for at in sorted(set(unread)):
        row, fixed_raw, mobile_raw = rows[at], fixed_raws[at], mobile_raws[at]
        values = row.values
        resolved = _resolve(fixed_raw, mobile_raw, row_areas(values, province, units), row_operator(values))
        read.column[at] = resolved
        for issue in resolved.issues:
            key = issue.key
            column = table.title(key) if key else None
            value = values.get(key, "") if key else None
            yield Finding(issue.code, table.file, row.row, column, value, row.line, issue.params)


def cache_clear() -> None:
    """Forget every reading (the benchmark measures a fresh process)."""
    _resolve.cache_clear()
    clear_reading_caches()
