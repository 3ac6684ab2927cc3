"""Commune and province: the 2025 units, with pre-2025 names converted as a person would read
them (old district from its column or the address, old province from the province cell)."""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from itertools import compress

from generator.findings import Finding, yields
from generator.places.resolve import PlaceResolver, Resolution
from generator.units import Province
from generator.validate.checks import Context
from generator.validate.columns import column_cells, column_values
from generator.validate.mapping import MappedTable, Row, row_values


@yields("required-cell-empty", "province-mismatch", "province-legacy-name")
def check_places(table: MappedTable, context: Context) -> Iterator[Finding]:
    province = context.province
    commune_title, province_title = table.title("commune"), table.title("province")
    if province is None:  # without a province, commune names cannot be checked
        for row in table.rows:
            if "commune" in table.headers and not row.values.get("commune"):
                params = {"hint": " Hãy điền tên xã/phường mới (từ 01/7/2025)."}
                yield Finding("required-cell-empty", table.file, row.row, commune_title, "", row.line, params)
        return
    resolver = context.units.resolver
    rows = table.rows
    # Most rows have nothing to report: what each distinct province cell says (nearly every row
    # of a list writes the same one or two) and each distinct reading of the communes is found
    # once, and only the rows with something to report are visited.
    provinces: Sequence[str] = ()
    written: set[str] = set()
    if "province" in table.headers:
        provinces, written = column_cells(table, "province"), column_values(table, "province")
    said = {text: _province_said(text, province, resolver) for text in written}
    marked = any(said.values())
    marks = list(map(said.__getitem__, provinces)) if marked else [None] * len(rows)
    found: list[Resolution] = []
    loud: set[int] = set()  # the ids of the readings to report
    if "commune" in table.headers:
        found = resolver.resolve_rows(province.code, row_values(rows), partial(column_cells, table))
        context.read_rows("places", rows, found)
        readings = dict(zip(map(id, found), found, strict=True))
        loud = {key for key, reading in readings.items() if _to_report(reading)}
    if not (loud or marked):
        return
    visited: Iterable[object] = map(loud.__contains__, map(id, found)) if loud else marks
    if loud and marked:
        visited = map(operator.or_, map(bool, marks), visited)
    for index in compress(range(len(rows)), visited):
        row, mark = rows[index], marks[index]
        if mark is not None:
            code, value, params = mark
            yield Finding(code, table.file, row.row, province_title, value, row.line, dict(params))
        if loud and id(found[index]) in loud:
            yield from _commune_findings(found[index], table, row, commune_title)


def _province_said(
    text: str, province: Province, resolver: PlaceResolver
) -> tuple[str, str, dict[str, str]] | None:
    """The finding a province cell gives, as (code, value, params); None when there is nothing
    to report (empty, or this province by its 2025 name)."""
    stated = text.strip()
    if not any(map(str.isalnum, stated)):  # empty, or a dash or dots: the cell was left unsaid
        return None
    cell = resolver.province_cell(stated)
    if cell.new_code != province.code:
        return "province-mismatch", stated, {"province": province.name}
    if cell.old_only:
        return "province-legacy-name", stated, {"old": cell.label or stated, "province": province.name}
    return None


def _to_report(found: Resolution) -> bool:
    """A commune read as written, in 2025 units, has nothing to report (see _commune_findings)."""
    return (
        found.commune is None
        or bool(found.conflict)
        or bool(found.candidates)
        or bool(found.part)
        or bool(found.by_district)
        or bool(found.from_address)
        or found.legacy is not None
    )


@yields(
    "required-cell-empty",
    "commune-district-conflict",
    "commune-ambiguous",
    "commune-not-found",
    "commune-from-address",
    "commune-legacy-converted",
    "commune-part-read",
    "commune-from-district",
)
def _commune_findings(found: Resolution, table: MappedTable, row: Row, title: str) -> Iterator[Finding]:
    text = row.values.get("commune", "")
    if not text and found.commune is None:
        if found.conflict:
            conflict = found.conflict[:1].upper() + found.conflict[1:]
            hint = f" {conflict}: hãy kiểm tra lại và ghi tên xã/phường mới (từ 01/7/2025)."
        else:
            hint = _district_communes(found) or (
                " Địa chỉ cũng không ghi xã/phường nào: hãy điền tên xã/phường mới (từ 01/7/2025)."
            )
        params = {"hint": hint + _elsewhere(found, row)}
        yield Finding("required-cell-empty", table.file, row.row, title, text, row.line, params)
    elif found.conflict:
        legacy = found.legacy
        what = f"{legacy.name}, {legacy.district}, {legacy.old_province}" if legacy else text
        hint = " Hãy kiểm tra lại và ghi tên xã/phường mới (từ 01/7/2025) của đúng nơi đặt điểm thu."
        if found.elsewhere:
            hint = (
                f" Có thể dòng này gửi nhầm danh sách tỉnh: nếu điểm thu ở {found.elsewhere}, hãy chuyển"
                " dòng sang danh sách của tỉnh đó."
            )
        params = {"legacy": what, "conflict": found.conflict, "hint": hint}
        yield Finding("commune-district-conflict", table.file, row.row, title, text, row.line, params)
    elif found.candidates:
        names = " hoặc ".join(found.candidates)
        yield Finding("commune-ambiguous", table.file, row.row, title, text, row.line, {"candidates": names})
    elif found.commune is None and found.unnamed:
        hint = (
            (
                " Ô này không ghi tên một xã/phường, và địa chỉ cũng không ghi xã/phường nào"
                f"{' trong ' + found.district if found.district else ''}: hãy điền tên xã/phường."
            )
            + _district_communes(found, unnamed=True)
            + _elsewhere(found, row)
        )
        yield Finding("commune-not-found", table.file, row.row, title, text, row.line, {"hint": hint})
    elif found.commune is None:
        hint = ""
        if found.suggestions:
            hint = " Có phải ý bạn là " + ", ".join(f"“{s}”" for s in found.suggestions) + "?"
        hint += _elsewhere(found, row)
        yield Finding("commune-not-found", table.file, row.row, title, text, row.line, {"hint": hint})
    elif found.part:
        legacy = found.legacy
        understood = f" (tên cũ: {legacy.name}, {legacy.district}, {legacy.old_province})" if legacy else ""
        if " – " in found.part:  # several communes, all now in one
            understood = " (các xã/phường cũ này nay cùng thuộc một đơn vị)"
        dropped = ", ".join(f"“{d}”" for d in found.dropped)
        params = {
            "part": found.part,
            "understood": understood,
            "new": _named(found),
            "dropped": f"; {dropped} không phải tên xã/phường, được coi là thôn/xóm" if dropped else "",
        }
        yield Finding("commune-part-read", table.file, row.row, title, text, row.line, params)
    elif found.by_district:
        problem = f"“{text}” không phải tên một xã/phường" if text else "ô trống"
        params = {"problem": problem, "district": found.by_district, "new": _named(found)}
        yield Finding("commune-from-district", table.file, row.row, title, text, row.line, params)
    elif found.from_address:
        problem = f"“{text}” không phải tên một xã/phường" if text else "ô trống"
        params = {
            "problem": problem,
            "mention": found.from_address,
            "new": _named(found),
            "hint": _hint(found),
        }
        yield Finding("commune-from-address", table.file, row.row, title, text, row.line, params)
    elif found.legacy is not None:
        legacy = found.legacy
        params = {
            "legacy": f"{legacy.name}, {legacy.district}, {legacy.old_province} (trước 01/7/2025)",
            "new": _named(found),
            "hint": _hint(found),
        }
        yield Finding("commune-legacy-converted", table.file, row.row, title, text, row.line, params)


_LISTED = 10  # 2025 communes named in a held row's message; an old district took up to 9 or 10


def _district_communes(found: Resolution, unnamed: bool = False) -> str:
    """The held row's suggestion when it names no commune: what took its old district."""
    if not found.district or not found.suggestions:
        return ""
    names = ", ".join(found.suggestions[:_LISTED])
    more = len(found.suggestions) - _LISTED
    if more > 0:
        names += f" và {more} đơn vị khác"
    if unnamed:  # the message already asks for the commune's name
        return f" Các xã/phường mới nhận địa bàn {found.district}: {names}."
    return (
        f" Địa chỉ không ghi xã/phường; có thể là một trong các xã/phường mới nhận địa bàn {found.district}:"
        f" {names}. Hãy ghi tên xã/phường."
    )


def _elsewhere(found: Resolution, row: Row) -> str:
    if not found.elsewhere:
        return ""
    district = row.values.get("district", "").strip()
    return (
        f" Quận/huyện “{district}” ghi trên dòng không thuộc tỉnh này mà thuộc {found.elsewhere}:"
        " có thể dòng này gửi nhầm danh sách tỉnh."
    )


def _named(found: Resolution) -> str:
    assert found.commune is not None
    return f"{found.commune.name} (mã {found.commune.code})"


def _hint(found: Resolution) -> str:
    parts = []
    if found.former and found.legacy is not None:
        parts.append(f" Đây là tên trước khi sáp nhập, đổi tên (2019–2024) của {found.legacy.name}.")
    if found.legacy is not None and found.from_address:
        parts.append(f" Tên cũ: {found.legacy.name}, {found.legacy.district}, {found.legacy.old_province}.")
    if found.shadowed is not None:
        parts.append(
            f" Dòng ghi theo địa giới cũ ({found.district or found.old_province}), nên không hiểu là "
            f"{found.shadowed.name} (đơn vị mới cùng tên)."
        )
    if found.others:
        others = ", ".join(c.name for c in found.others)
        how = (
            f"theo {found.decided_by}" if found.decided_by else "theo đơn vị mặc định của danh mục chuyển đổi"
        )
        parts.append(f" Xã/phường cũ nay chia cho nhiều đơn vị; đã chọn {how}; các đơn vị khác: {others}.")
    return "".join(parts)
