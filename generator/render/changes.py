"""A month's changes as terminal text, Markdown or JSON (the `diff` command and CI summaries)."""

from __future__ import annotations

import json

from generator.merge.diff import FIELD_LABELS, ProvinceDiff
from generator.render.format import month_label

SAMPLE = 20


def _describe(diff: ProvinceDiff) -> str:
    return (
        f"{diff.province_slug}: {month_label(diff.from_month)} → {month_label(diff.to_month)}: "
        f"{len(diff.added)} thêm, {len(diff.removed)} bỏ, {len(diff.changed)} thay đổi "
        f"({len(diff.moved)} chuyển xã/phường)"
    )


def _fields(fields: tuple[str, ...]) -> str:
    return ", ".join(FIELD_LABELS.get(f, f) for f in fields)


def render_changes_text(diffs: list[ProvinceDiff], month: str) -> str:
    lines = [f"Thay đổi {month_label(month)}"]
    if not diffs:
        lines.append("Không tỉnh nào gửi danh sách mới trong tháng này.")
    for diff in diffs:
        lines.append(_describe(diff))
        lines += [f"  + {p.code} {p.name} ({p.commune_name})" for p in diff.added[:SAMPLE]]
        lines += [f"  - {p.code} {p.name} ({p.commune_name})" for p in diff.removed[:SAMPLE]]
        lines += [f"  ~ {c.after.code} {c.after.name}: {_fields(c.fields)}" for c in diff.changed[:SAMPLE]]
        hidden = sum(max(0, len(x) - SAMPLE) for x in (diff.added, diff.removed, diff.changed))
        if hidden:
            lines.append(f"  … và {hidden} thay đổi khác.")
    return "\n".join(lines) + "\n"


def render_changes_markdown(diffs: list[ProvinceDiff], month: str) -> str:
    lines = [
        f"## Thay đổi {month_label(month)}",
        "",
        "| Tỉnh | Từ | Đến | Thêm | Bỏ | Thay đổi | Chuyển xã |",
    ]
    lines.append("|---|---|---|---:|---:|---:|---:|")
    for d in diffs:
        lines.append(
            f"| {d.province_slug} | {month_label(d.from_month)} | {month_label(d.to_month)} | "
            f"{len(d.added)} | {len(d.removed)} | {len(d.changed)} | {len(d.moved)} |"
        )
    for d in diffs:
        if d.empty:
            continue
        lines += ["", f"### {d.province_slug}", ""]
        lines += [f"- Thêm `{p.code}` {p.name} ({p.commune_name})" for p in d.added[:SAMPLE]]
        lines += [f"- Bỏ `{p.code}` {p.name} ({p.commune_name})" for p in d.removed[:SAMPLE]]
        lines += [f"- Sửa `{c.after.code}` {c.after.name}: {_fields(c.fields)}" for c in d.changed[:SAMPLE]]
    return "\n".join(lines) + "\n"


def render_changes_json(diffs: list[ProvinceDiff], month: str) -> str:
    data = {
        "month": month,
        "provinces": [
            {
                "province": d.province_slug,
                "from_month": d.from_month,
                "to_month": d.to_month,
                "added": [p.code for p in d.added],
                "removed": [p.code for p in d.removed],
                "changed": [{"code": c.after.code, "fields": list(c.fields)} for c in d.changed],
                "moved": [c.after.code for c in d.moved],
            }
            for d in diffs
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
