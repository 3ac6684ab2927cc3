"""The name a misnamed list should have, read from the name the clerk gave it.

GitHub's web interface keeps the name of the file dragged in: "Danh sách tháng 12.xlsx", the
"2026-12 (1).csv" a browser gives a second download, "2026-12.CSV". The month is usually in it;
suggesting the current month instead would have the clerk rename December's list as November's.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePosixPath

from generator.contract import column_by_header
from generator.load.table import Table
from generator.text import fold, fold_compact
from generator.units import admin_units

_YEAR_MONTH = re.compile(r"(?<!\d)(20\d\d)\s*[-_. /]?\s*(0[1-9]|1[0-2])(?!\d)")
_MONTH_YEAR = re.compile(r"(?<!\d)(0?[1-9]|1[0-2])\s*[-_. /]\s*(20\d\d)(?!\d)")
_MONTH_WORD = re.compile(r"(?<![a-z])(?:thang|th|t)\s*[-_.]?\s*(0?[1-9]|1[0-2])(?!\d)")


def month_in_name(name: str, today_month: str) -> str | None:
    """YYYY-MM named by a file name, or None."""
    text = fold(PurePosixPath(name).stem)
    if match := _YEAR_MONTH.search(text):
        return f"{match[1]}-{int(match[2]):02d}"
    if match := _MONTH_YEAR.search(text):
        return f"{match[2]}-{int(match[1]):02d}"
    if match := _MONTH_WORD.search(text):
        # Without its year, the month nearest today's: "tháng 12" in January is last December.
        today = int(today_month[:4]) * 12 + int(today_month[5:]) - 1
        years = (today // 12 - 1, today // 12, today // 12 + 1)
        nearest = min((y * 12 + int(match[1]) - 1 for y in years), key=lambda m: abs(m - today))
        return f"{nearest // 12}-{nearest % 12 + 1:02d}"
    return None


def list_suffix(name: str) -> str:
    """The suffix a list of this kind should have: an Excel workbook stays a workbook."""
    workbook = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
    return ".xlsx" if PurePosixPath(name).suffix.lower() in workbook else ".csv"


def province_in_name(text: str) -> str | None:
    """The slug of the one 2025 province a folder or file name names ("Lai Châu",
    "lai-chau-2026-12.csv", "DS Lào Cai T12"), or None."""
    units = admin_units()
    whole = units.province_by_name(text)
    if whole is not None:
        return whole.slug
    words = f" {re.sub(r'[^a-z0-9]+', ' ', fold(text))} "
    named = {p.slug for p in units.provinces.values() if f" {fold(p.short_name)} " in words}
    return named.pop() if len(named) == 1 else None


def province_of_list(table: Table | None) -> str | None:
    """The slug of the province most rows of a list name in their "Tỉnh/Thành phố" cell, when
    at least half of them do: where a list dropped outside its folder belongs."""
    if table is None or not table.records:
        return None
    by_header = column_by_header()
    columns = [
        i
        for i, h in enumerate(table.header)
        if getattr(by_header.get(fold_compact(h)), "key", "") == "province"
    ]
    if not columns:
        return None
    units, index = admin_units(), columns[0]
    named = Counter(
        province.slug
        for record in table.records
        if index < len(record.cells) and (province := units.province_by_name(record.cells[index]))
    )
    slug, count = named.most_common(1)[0] if named else ("", 0)
    return slug if 2 * count >= len(table.records) else None
