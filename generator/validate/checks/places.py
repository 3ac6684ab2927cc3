"""Commune and province: the 2025 units, with pre-2025 names converted."""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Finding
from generator.units import CommuneMatch
from generator.validate.checks import Context
from generator.validate.mapping import MappedTable


def check_places(table: MappedTable, context: Context) -> Iterator[Finding]:
    province = context.province
    if province is None:
        return  # without a province, commune names cannot be checked
    commune_title, province_title = table.title("commune"), table.title("province")
    matches: dict[str, CommuneMatch] = {}
    for row in table.rows:
        stated_province = row.values.get("province", "")
        if stated_province:
            found = context.units.province_by_name(stated_province)
            if found is None or found.code != province.code:
                yield Finding(
                    "province-mismatch",
                    table.file,
                    row.row,
                    province_title,
                    stated_province,
                    row.line,
                    {"province": province.name},
                )
        text = row.values.get("commune", "")
        if not text:
            continue
        if text not in matches:
            matches[text] = context.units.match_commune(province.code, text)
        yield from _commune_findings(matches[text], table, row, commune_title, text)


def _commune_findings(match: CommuneMatch, table, row, title: str, text: str) -> Iterator[Finding]:
    if match.candidates:
        names = " hoặc ".join(c.name for c in match.candidates)
        yield Finding("commune-ambiguous", table.file, row.row, title, text, row.line, {"candidates": names})
    elif match.commune is None:
        hint = ""
        if match.suggestions:
            hint = " Có phải ý bạn là " + ", ".join(f"“{s}”" for s in match.suggestions) + "?"
        yield Finding("commune-not-found", table.file, row.row, title, text, row.line, {"hint": hint})
    elif match.legacy is not None:
        legacy = match.legacy
        hint = ""
        if len(legacy.new_codes) > 1:
            hint = " Xã cũ nay thuộc nhiều đơn vị; nếu điểm thu không ở đơn vị này, hãy ghi tên mới."
        yield Finding(
            "commune-legacy-converted",
            table.file,
            row.row,
            title,
            text,
            row.line,
            {
                "legacy": f"{legacy.name}, {legacy.district}, {legacy.old_province}",
                "new": match.commune.name,
                "hint": hint,
            },
        )
