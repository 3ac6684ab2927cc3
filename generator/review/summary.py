"""A pull request review, written three ways: GitHub annotations (capped, as GitHub shows only
about ten of each type per step, each carrying its fix), the Vietnamese job summary, and JSON for
the artifact (the HTML report is `review/html_report.py`).

The summary is read on the pull request's first screen: the verdict, then the first problems by
row ("Dòng 12 — 3 vấn đề: …, Cách sửa: …"), then everything else folded in `<details>`. Every
text from a file or a rule is escaped for Markdown and HTML, never stripped: a placeholder such as
`<YYYY-MM>` stays visible.
"""

from __future__ import annotations

import html
import json
import re

from generator.findings import Severity
from generator.render.changes import render_changes_json, render_changes_markdown
from generator.render.format import month_label
from generator.review.changed import STATUS_LABELS
from generator.review.check import MonthResult, Review
from generator.review.digest import Digest, FileIssue, RowIssue, digest
from generator.units import admin_units
from generator.validate import report

SUMMARY_SAMPLE = 50  # rows per rule in the folded part; the JSON artifact has all of them
FIRST_SCREEN = 5  # problems shown before the fold
REMOVED_SHOWN = 100  # removed points listed under a large removal
ARTIFACT_NAME = "bao-cao-kiem-tra"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|!])")
_CODE_SPECIAL = re.compile(r"[\\`*\[\]|!]")


def md(text: str | None) -> str:
    """Plain text inside Markdown: HTML escaped and Markdown's own characters backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(report.visible_controls(text or ""), quote=False))


def code(text: str) -> str:
    """A path or a file name: shown as code. Markdown is still read inside an HTML tag: what could
    start a link, an image, code or a table cell is written as a character reference."""
    shown = html.escape(report.visible_controls(text), quote=False)
    return "<code>" + _CODE_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", shown) + "</code>"


def _with_code(text: str) -> str:
    """Text whose `backticked` parts are paths: those become <code>, the rest plain escaped text."""
    parts = text.split("`")
    return "".join(code(part) if i % 2 else md(part) for i, part in enumerate(parts))


def render_annotations(result: Review, cap: int = report.GITHUB_CAP) -> str:
    """File problems first (they say what to undo), then the rows; each carries its fix."""
    found = digest(result)
    lines = []
    for severity in Severity:
        items = [
            report.annotation(
                severity, f"{i.message} Cách sửa: {_plain(i.fix)}", i.file, i.line, f"{i.code}: {i.title}"
            )
            for i in found.file_issues
            if i.severity is severity
        ]
        items += [
            report.annotation(
                severity,
                f"{f.message} Cách sửa: {f.rule.fix}",
                f.file,
                f.line,
                f"{f.code}: {f.rule.title}",
            )
            for row in found.row_issues
            for f in row.findings
            if f.severity is severity
        ]
        lines += report.capped(severity, items, cap)
    return "".join(line + "\n" for line in lines)


def _plain(text: str) -> str:
    return text.replace("`", "")


def _title(result: Review) -> str:
    units = admin_units()
    names = []
    for slug in result.province_slugs:
        province = units.province_by_slug(slug)
        names.append(province.name if province else slug)
    return "Kiểm tra danh sách điểm thu" + (f": {', '.join(names)}" if names else "")


def render_summary(result: Review, sample: int = SUMMARY_SAMPLE) -> str:
    found = digest(result)
    lines = [f"## {md(_title(result))}", "", found.verdict, ""]
    first = _first_screen(found)
    if first:
        lines += ["**Cần sửa trước:**", ""] + [f"{n}. {text}" for n, text in enumerate(first, 1)] + [""]
    counts = {s: result.count(s) for s in Severity}
    lines.append(
        f"Tổng: {counts[Severity.ERROR]} lỗi, {counts[Severity.WARNING]} cảnh báo, "
        f"{counts[Severity.INFO]} thông tin. Báo cáo đầy đủ (HTML, có bản đồ và các thay đổi): tải "
        f"“{ARTIFACT_NAME}” ở mục Artifacts cuối trang này."
    )
    if any(n > report.GITHUB_CAP for n in counts.values()):
        lines += ["", _cap_note()]
    lines += _folded("Các file trong pull request", _files_table(result))
    rest = _rest(found, sample)
    if rest:
        lines += _folded("Toàn bộ vấn đề", rest)
    changes = _changes_section(result)
    if changes:
        lines += _folded("Thay đổi so với danh sách đang công bố", changes)
    return "\n".join(lines) + "\n"


def _cap_note() -> str:
    return (
        f"> Trên trang “Files changed”, GitHub chỉ hiện tối đa {report.GITHUB_CAP} chú thích cho mỗi "
        "loại; danh sách đầy đủ ở mục “Toàn bộ vấn đề” dưới đây và trong báo cáo HTML."
    )


def _first_screen(found: Digest) -> list[str]:
    items = [_file_item(i) for i in found.file_issues if i.severity is not Severity.INFO]
    items += [_row_item(r) for r in found.row_issues if r.severity is Severity.ERROR]
    if not items:
        items = [_row_item(r) for r in found.row_issues if r.severity is Severity.WARNING]
        items += [_file_item(i) for i in found.file_issues]
    return items[:FIRST_SCREEN]


def _file_item(issue: FileIssue) -> str:
    where = f" {code(issue.file)}" if issue.file else ""
    return f"**{issue.severity.label}**{where} — {md(issue.message)} _Cách sửa:_ {_with_code(issue.fix)}"


def _row_item(row: RowIssue) -> str:
    what = "; ".join(md(f.rule.title) + _cell(f.column, f.value) for f in row.findings)
    fixes = " ".join(md(fix) for fix in dict.fromkeys(f.rule.fix for f in row.findings))
    return (
        f"**Dòng {row.row}** — {len(row.findings)} vấn đề: {what}. _Cách sửa:_ {fixes} "
        f"<sub>{code(row.file)}</sub>"
    )


def _cell(column: str | None, value: str | None) -> str:
    parts = ([f"cột “{md(column)}”"] if column else []) + ([f"giá trị “{md(value)}”"] if value else [])
    return f" ({', '.join(parts)})" if parts else ""


def _folded(title: str, body: list[str]) -> list[str]:
    # Blank lines around the body: GitHub renders Markdown inside <details> only then.
    return ["", f"<details><summary>{html.escape(title)}</summary>", "", *body, "", "</details>"]


def _files_table(result: Review) -> list[str]:
    lines = ["| Thay đổi | File |", "|---|---|"]
    lines += [f"| {STATUS_LABELS.get(f.status, f.status)} | {code(f.path)} |" for f in result.files]
    return lines


def _rest(found: Digest, sample: int) -> list[str]:
    lines = []
    for severity in Severity:
        files = [i for i in found.file_issues if i.severity is severity]
        rows = [r for r in found.row_issues if r.severity is severity]
        if not files and not rows:
            continue
        lines += ["", f"### {severity.label} — {md(severity.meaning)}", ""]
        lines += [f"- {_file_item(i)}" for i in files]
        lines += [f"- {_row_item(r)}" for r in rows[:sample]]
        if len(rows) > sample:
            lines.append(f"- … và {len(rows) - sample} dòng khác (xem báo cáo HTML hoặc JSON).")
    return lines


def _changes_section(result: Review) -> list[str]:
    lines: list[str] = []
    for month in sorted({m.month for m in result.months}):
        items = [m for m in result.months if m.month == month]
        diffs = [m.diff for m in items if m.published and m.diff is not None]
        if diffs:
            lines += ["", _demote(render_changes_markdown(diffs, month).rstrip())]
        for item in items:
            if item.published and item.held_rows:
                lines += [
                    "",
                    f"{md(item.province_slug)}, {month_label(item.month)}: **{item.held_rows} dòng chưa được "
                    "công bố** vì có lỗi (xem các lỗi ở trên); các dòng khác được công bố khi pull request "
                    "được gộp.",
                ]
            if not item.published:
                lines += _refused(item)
    return lines


def _refused(item: MonthResult) -> list[str]:
    kept = (
        f"danh sách {month_label(item.current_month)} đang công bố được giữ nguyên"
        if item.current_month
        else "tỉnh chưa có danh sách nào được công bố"
    )
    lines = [
        "",
        f"#### {md(item.province_slug)}, {month_label(item.month)}",
        "",
        f"Danh sách {month_label(item.month)} sẽ **không được công bố** vì có lỗi; {kept}.",
    ]
    removed = item.refused_diff.removed if item.refused_diff else ()
    if removed:
        lines += ["", f"Các điểm thu danh sách mới bỏ đi ({len(removed)}):", ""]
        lines += [
            f"- {code(p.code)} {md(p.name)} — {md(p.address)}, {md(p.commune_name)}"
            for p in removed[:REMOVED_SHOWN]
        ]
        if len(removed) > REMOVED_SHOWN:
            lines.append(f"- … và {len(removed) - REMOVED_SHOWN} điểm khác (xem báo cáo HTML).")
    return lines


def _demote(markdown: str) -> str:
    """Headings two levels down, to sit under this summary's own sections."""
    return "\n".join("##" + line if line.startswith("#") else line for line in markdown.splitlines())


def render_json(result: Review, base: str | None = None, head: str | None = None) -> str:
    found = digest(result)
    data = {
        "base": base,
        "head": head,
        "ok": not result.has_errors,
        "verdict": found.verdict,
        "provinces": result.province_slugs,
        "counts": {s.value: result.count(s) for s in Severity},
        "files": [
            {"status": f.status, "path": f.path, "kind": f.kind.value, "province": f.province_slug}
            for f in result.files
        ],
        "problems": [p.as_dict() for p in result.problems],
        "checked_files": result.checked_files,
        "findings": [f.as_dict() | {"line": f.line} for f in result.findings],
        "months": [
            {
                "province": m.province_slug,
                "month": m.month,
                "published": m.published,
                "held_rows": m.held_rows,
                "current_month": m.current_month,
                "changes": _changes_json(m.diff, m.month),
                "refused_changes": _changes_json(m.refused_diff, m.month),
            }
            for m in result.months
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _changes_json(diff, month: str) -> dict | None:
    if diff is None:
        return None
    return json.loads(render_changes_json([diff], month))["provinces"][0]


def render_text(result: Review) -> str:
    """For a maintainer or a clerk running the check on their own machine: the same verdict and
    order as the summary."""
    found = digest(result)
    lines = [_title(result), "", found.verdict.replace("**", ""), ""]
    lines += [f"  {STATUS_LABELS.get(f.status, f.status)}: {f.path}" for f in result.files]
    for issue in found.file_issues:
        where = f" ({issue.file})" if issue.file else ""
        lines += ["", f"{issue.severity.label}{where}: {issue.message}", f"  Cách sửa: {_plain(issue.fix)}"]
    for row in found.row_issues:
        lines += ["", f"{row.severity.label} ({row.file}): {row.headline()}"]
    for item in result.months:
        state = "được công bố" if item.published else "KHÔNG được công bố (có lỗi)"
        line = f"{item.province_slug}, {month_label(item.month)}: {state}"
        d = item.diff or item.refused_diff
        if d is not None:
            line += f"; {len(d.added)} thêm, {len(d.removed)} bỏ, {len(d.changed)} thay đổi"
        lines += ["", line]
    counts = {s: result.count(s) for s in Severity}
    lines += [
        "",
        f"Tổng cộng: {counts[Severity.ERROR]} lỗi, {counts[Severity.WARNING]} cảnh báo, "
        f"{counts[Severity.INFO]} thông tin.",
    ]
    return "\n".join(lines) + "\n"
