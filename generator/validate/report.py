"""Reports of findings: terminal text, JSON (a flat list, or a grouped report), GitHub workflow
commands, Markdown job summary.

Grouped by severity then code, with at most `sample` rows per code and a line saying how many
more — the MobilityData gtfs-validator layout.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from generator.findings import Finding, Severity

DEFAULT_SAMPLE = 10
GITHUB_CAP = 10  # GitHub shows about 10 annotations of each type per step


def group(findings: Iterable[Finding]) -> dict[Severity, dict[str, list[Finding]]]:
    grouped: dict[Severity, dict[str, list[Finding]]] = {s: defaultdict(list) for s in Severity}
    for finding in findings:
        grouped[finding.severity][finding.code].append(finding)
    return {s: dict(sorted(codes.items())) for s, codes in grouped.items() if codes}


def counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    result = dict.fromkeys(Severity, 0)
    for finding in findings:
        result[finding.severity] += 1
    return result


def summary_line(findings: list[Finding], files: int, side_files: Sequence[str] = ()) -> str:
    """`side_files`: the side files checked (ho-tro-dia-phuong.yaml, a month's confirmation), named
    when few: a run that checked only those does not read as having checked nothing."""
    c = counts(findings)
    checked = f"{files} file"
    if side_files:
        named = f" ({', '.join(side_files)})" if len(side_files) <= _SIDE_FILES_NAMED else ""
        checked = f"{files} file danh sách, {len(side_files)} file kèm theo{named}"
    line = (
        f"{checked}: {c[Severity.ERROR]} lỗi, {c[Severity.WARNING]} cảnh báo, {c[Severity.INFO]} thông tin."
    )
    held_files = {f.file for f in findings if f.holds_file}
    held_rows = {(f.file, f.row) for f in findings if f.holds_row and f.file not in held_files}
    if held_files or held_rows:
        line += f" Bị giữ lại: {len(held_files)} file, {len(held_rows)} dòng (chưa được công bố)."
    return line


_SIDE_FILES_NAMED = 3


def render_text(
    findings: list[Finding], files: int, sample: int = DEFAULT_SAMPLE, side_files: Sequence[str] = ()
) -> str:
    lines = []
    for severity, codes in group(findings).items():
        lines.append(f"== {severity.label} ({severity.value}) — {severity.meaning}")
        for code, items in codes.items():
            lines.append(f"  [{code}] {items[0].rule.title}: {len(items)}")
            for finding in items[:sample]:
                lines.append(f"    {finding.file}: {finding.message}")
            if len(items) > sample:
                lines.append(f"    … và {len(items) - sample} chỗ khác cùng loại.")
            lines.append(f"    Cách sửa: {items[0].rule.fix}")
        lines.append("")
    lines.append(summary_line(findings, files, side_files))
    return "\n".join(lines) + "\n"


def render_json(findings: list[Finding]) -> str:
    return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"


REPORT_VERSION = 1


def report_dict(
    findings: list[Finding], files: int, sample: int = DEFAULT_SAMPLE, side_files: Sequence[str] = ()
) -> dict:
    """The findings as gtfs-validator's report.json holds notices: totals first, then by severity
    and code the rule's title and fix, how many, in how many files, and at most `sample` rows."""
    total = counts(findings)
    groups = []
    for severity, codes in group(findings).items():
        entries = []
        for code, items in codes.items():
            rule = items[0].rule
            entries.append(
                {
                    "code": code,
                    "title": rule.title,
                    "fix": rule.fix,
                    "total": len(items),
                    "files": len({f.file for f in items}),
                    "samples": [_sample(f) for f in items[:sample]],
                    "not_shown": max(0, len(items) - sample),
                }
            )
        groups.append(
            {
                "severity": severity.value,
                "label": severity.label,
                "meaning": severity.meaning,
                "total": total[severity],
                "codes": entries,
            }
        )
    return {
        "version": REPORT_VERSION,
        "files": files,
        "side_files": list(side_files),  # the side files checked, as `summary_line` names them
        "has_errors": total[Severity.ERROR] > 0,
        "totals": {s.value: total[s] for s in Severity},
        "sample_limit": sample,
        "groups": groups,
    }


def _sample(finding: Finding) -> dict:
    row = finding.as_dict()
    del row["code"], row["severity"]  # said by the group
    return row


def render_report_json(
    findings: list[Finding], files: int, sample: int = DEFAULT_SAMPLE, side_files: Sequence[str] = ()
) -> str:
    return json.dumps(report_dict(findings, files, sample, side_files), ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def annotation(severity: Severity, message: str, file: str | None, line: int | None, title: str) -> str:
    """One GitHub workflow command (an annotation at a file and line)."""
    props = [f"file={_escape_property(file)}"] if file else []
    if file and line:
        props.append(f"line={line}")
    props.append(f"title={_escape_property(title)}")
    return f"::{_COMMANDS[severity]} {','.join(props)}::{_escape_data(message)}"


def capped(severity: Severity, annotations: list[str], cap: int = GITHUB_CAP) -> list[str]:
    """At most `cap` annotations of a type; when there are more, the last slot says how many
    more and where to read them, so the note itself is never the one GitHub drops."""
    if len(annotations) <= cap:
        return annotations
    note = (
        f"Còn {len(annotations) - (cap - 1)} {severity.label.lower()} khác không hiện ở đây (GitHub chỉ "
        f"hiện {cap} chú thích mỗi loại): xem bản tóm tắt của lần kiểm tra (Summary)."
    )
    return [*annotations[: cap - 1], f"::{_COMMANDS[severity]} title={severity.label}::{_escape_data(note)}"]


def render_github(findings: list[Finding], cap: int = GITHUB_CAP) -> str:
    lines = []
    for severity, codes in group(findings).items():
        items = [
            annotation(severity, f.message, f.file, f.line, f"{f.code}: {f.rule.title}")
            for findings_of_rule in codes.values()
            for f in findings_of_rule
        ]
        lines += capped(severity, items, cap)
    return "".join(line + "\n" for line in lines)


# Line breaks of any kind (CR alone ends a Markdown line too) and other controls, shown by code.
_MD_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_MD_PUNCTUATION = re.compile(r"([\\`*_\[\]<>|~&])")


def visible_controls(text: str) -> str:
    """Line breaks and other controls written as their code: text from a pull request can never
    start a line of its own (a heading, a list item) in a summary."""
    return _MD_CONTROLS.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def md_text(text: str | None) -> str:
    """Text from a file or its name as literal Markdown, inside a line: every character that
    could make a link, emphasis, code, HTML, an entity or a table cell border backslash-escaped
    (CommonMark allows it for any ASCII punctuation), and no line break, so it cannot add a line
    (a heading, a list) to a job summary."""
    return _MD_PUNCTUATION.sub(r"\\\1", visible_controls(text or ""))


def md_code(text: str) -> str:
    """A file name as inline code that nothing in the name can end or break: a backtick fence
    longer than any run inside, no line break, and `|` escaped for a table (GFM)."""
    shown = visible_controls(text).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall("`+", shown)), default=0) + 1)
    pad = " " if shown.startswith("`") or shown.endswith("`") else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


_md_cell = md_text


def render_markdown(
    findings: list[Finding], files: int, sample: int = DEFAULT_SAMPLE, side_files: Sequence[str] = ()
) -> str:
    c = counts(findings)
    if any(f.holds_file for f in findings):
        verdict = "❌ Có lỗi: file chưa được công bố."
    elif c[Severity.ERROR]:
        rows = len({(f.file, f.row) for f in findings if f.holds_row})
        verdict = f"❌ Có lỗi: {rows} dòng chưa được công bố; các dòng khác được công bố."
    else:
        verdict = "✅ Không có lỗi."
    lines = ["## Kết quả kiểm tra danh sách điểm thu", "", verdict, "", "| Mức | Số lượng |", "|---|---|"]
    lines += [f"| {s.label} | {c[s]} |" for s in Severity]
    for severity, codes in group(findings).items():
        lines += ["", f"### {severity.label}", "", f"_{severity.meaning}_"]
        for code, items in codes.items():
            rule = items[0].rule
            lines += [
                "",
                f"#### `{code}` — {rule.title} ({len(items)})",
                "",
                "| File | Dòng | Cột | Giá trị | Thông báo |",
                "|---|---|---|---|---|",
            ]
            for f in items[:sample]:
                lines.append(
                    f"| {_md_cell(f.file)} | {f.row or ''} | {_md_cell(f.column)} | "
                    f"{_md_cell(f.value)} | {_md_cell(f.message)} |"
                )
            if len(items) > sample:
                lines.append(f"\n… và {len(items) - sample} chỗ khác cùng loại.")
            lines.append(f"\n**Cách sửa:** {_md_cell(rule.fix)}")
    lines += ["", summary_line(findings, files, side_files)]
    return "\n".join(lines) + "\n"
