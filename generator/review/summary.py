"""A pull request review, written three ways: GitHub annotations (capped, as GitHub shows only
about ten of each type per step), the Vietnamese job summary (the full grouped report and the
month's changes), and JSON for the artifact."""

from __future__ import annotations

import json

from generator.findings import Finding, Severity
from generator.render.changes import render_changes_json, render_changes_markdown
from generator.render.format import month_label
from generator.review.changed import STATUS_LABELS
from generator.review.check import Review
from generator.review.scope import Problem
from generator.units import admin_units
from generator.validate import report

SUMMARY_SAMPLE = 50  # rows per rule in the job summary; the JSON artifact has all of them
ARTIFACT_NAME = "bao-cao-kiem-tra"
_REPORT_HEADING = "## Kết quả kiểm tra danh sách điểm thu"


def render_annotations(result: Review, cap: int = report.GITHUB_CAP) -> str:
    """Pull request rules first (they say what to undo), then the findings by rule."""
    lines = []
    for severity in Severity:
        items = [
            report.annotation(severity, f"{p.message} {p.fix}", p.file, None, f"{p.code}: {p.title}")
            for p in result.problems
            if p.severity is severity
        ]
        items += [
            report.annotation(severity, f.message, f.file, f.line, f"{f.code}: {f.rule.title}")
            for f in _by_rule(result.findings)
            if f.severity is severity
        ]
        lines += report.capped(severity, items, cap)
    return "".join(line + "\n" for line in lines)


def _by_rule(findings: list[Finding]) -> list[Finding]:
    return [f for codes in report.group(findings).values() for items in codes.values() for f in items]


def _title(result: Review) -> str:
    units = admin_units()
    names = []
    for slug in result.province_slugs:
        province = units.province_by_slug(slug)
        names.append(province.name if province else slug)
    return "Kiểm tra danh sách điểm thu" + (f": {', '.join(names)}" if names else "")


def _verdict(result: Review) -> str:
    errors = result.count(Severity.ERROR)
    if errors:
        return (
            f"❌ **Chưa đạt: {errors} lỗi.** Danh sách chưa thể công bố. Sửa các lỗi dưới đây rồi tải "
            "file đã sửa lên lại (cùng tên, vào nhánh của pull request này); việc kiểm tra tự chạy lại."
        )
    if not result.submission:
        return "✅ Pull request này không nộp danh sách của tỉnh nào; không có lỗi."
    return (
        "✅ **Đạt: không có lỗi.** Danh sách được công bố khi pull request được duyệt và gộp vào nhánh chính."
    )


def render_summary(result: Review, sample: int = SUMMARY_SAMPLE) -> str:
    lines = [f"# {_title(result)}", "", _verdict(result), "", "| Thay đổi | File |", "|---|---|"]
    lines += [f"| {STATUS_LABELS.get(f.status, f.status)} | {report.md_code(f.path)} |" for f in result.files]
    if result.problems:
        lines += ["", "## Quy định về pull request", ""]
        lines += [_problem_line(p) for p in result.problems]
    if result.findings or result.problems:
        lines += ["", _cap_note()]
    if result.checked_files or result.findings:
        body = report.render_markdown(result.findings, len(result.checked_files), sample).rstrip()
        # The verdict above is the pull request's; this part is about the content of the lists.
        lines += ["", body.replace(_REPORT_HEADING, "## Nội dung danh sách", 1)]
    lines += _changes_section(result)
    return "\n".join(lines) + "\n"


def _problem_line(problem: Problem) -> str:
    # File names and messages come from the pull request: text, never Markdown.
    where = f" ({report.md_code(problem.file)})" if problem.file else ""
    message, fix = report.md_text(problem.message), report.md_text(problem.fix)
    return f"- **{problem.severity.label}**{where}: {message} _Cách sửa:_ {fix}"


def _cap_note() -> str:
    return (
        f"> Trên trang “Files changed”, GitHub chỉ hiện tối đa {report.GITHUB_CAP} chú thích cho mỗi loại "
        "(lỗi, cảnh báo, thông tin). Danh sách đầy đủ ở dưới đây; báo cáo JSON có mọi dòng, tải ở mục "
        f"Artifacts cuối trang này (tên “{ARTIFACT_NAME}”)."
    )


def _changes_section(result: Review) -> list[str]:
    if not result.months:
        return []
    lines = ["", "## Thay đổi so với danh sách đang công bố"]
    for month in sorted({m.month for m in result.months}):
        items = [m for m in result.months if m.month == month]
        diffs = [m.diff for m in items if m.published and m.diff is not None]
        if diffs:
            lines += ["", _demote(render_changes_markdown(diffs, month).rstrip())]
        for item in items:
            if item.published:
                continue
            kept = (
                f"danh sách {month_label(item.current_month)} đang công bố được giữ nguyên"
                if item.current_month
                else "tỉnh chưa có danh sách nào được công bố"
            )
            lines += [
                "",
                f"### {item.province_slug}, {month_label(item.month)}",
                "",
                f"Danh sách {month_label(item.month)} sẽ **không được công bố** vì có lỗi; {kept}.",
            ]
    return lines


def _demote(markdown: str) -> str:
    """Headings one level down, to sit under this summary's own sections."""
    return "\n".join("#" + line if line.startswith("#") else line for line in markdown.splitlines())


def render_json(result: Review, base: str | None = None, head: str | None = None) -> str:
    data = {
        "base": base,
        "head": head,
        "ok": not result.has_errors,
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
                "current_month": m.current_month,
                "changes": _changes_json(m),
            }
            for m in result.months
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _changes_json(item) -> dict | None:
    if item.diff is None:
        return None
    return json.loads(render_changes_json([item.diff], item.month))["provinces"][0]


def render_text(result: Review) -> str:
    """For a maintainer or a clerk running the check on their own machine."""
    lines = [_title(result), ""]
    lines += [f"  {STATUS_LABELS.get(f.status, f.status)}: {f.path}" for f in result.files]
    for problem in result.problems:
        lines += ["", f"{problem.severity.label}: {problem.message}", f"  Cách sửa: {problem.fix}"]
    if result.checked_files or result.findings:
        lines += ["", report.render_text(result.findings, len(result.checked_files)).rstrip()]
    for item in result.months:
        state = "được công bố" if item.published else "KHÔNG được công bố (có lỗi)"
        line = f"{item.province_slug}, {month_label(item.month)}: {state}"
        if item.diff is not None:
            d = item.diff
            line += f"; {len(d.added)} thêm, {len(d.removed)} bỏ, {len(d.changed)} thay đổi"
        lines += ["", line]
    counts = {s: result.count(s) for s in Severity}
    lines += [
        "",
        f"Tổng cộng: {counts[Severity.ERROR]} lỗi, {counts[Severity.WARNING]} cảnh báo, "
        f"{counts[Severity.INFO]} thông tin.",
    ]
    return "\n".join(lines) + "\n"
