"""A pull request's findings as a clerk has to act on them: file problems first (each with what
to click on GitHub), then the rows to fix, one entry per row with all its problems; and one
verdict, computed once, that every output (summary, annotations, HTML report, text) repeats.

Only this module decides the verdict, so a two-province pull request cannot say ❌ at the top
and ✅ further down.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePosixPath

from generator.clock import current_month
from generator.findings import Finding, Severity
from generator.load.layout import MONTH_FILE
from generator.review import github_steps
from generator.review.check import Review
from generator.review.file_names import list_suffix, month_in_name, province_in_name
from generator.review.scope import Problem
from generator.units import admin_units

# Findings about where a file is or what it is called: fixed by renaming or moving on GitHub.
PLACE_CODES = ("path-outside-layout", "unknown-province-folder", "bad-month-file-name")
PROVINCES_PREFIX = "directory_data/provinces"
HEADER_ROW = 1
WORKBOOK_SUFFIXES = (".xlsx", ".xls", ".xlsm", ".xlsb", ".ods")


@dataclass(frozen=True)
class FileIssue:
    """A problem of a whole file (or of the pull request): it holds the whole file."""

    severity: Severity
    code: str
    title: str
    file: str | None
    message: str
    fix: str
    place: bool  # fixed by renaming, moving or deleting on GitHub, not by editing the list
    line: int | None = None  # where GitHub puts the annotation (a header problem: line 1)


@dataclass(frozen=True)
class RowIssue:
    """Every finding of one row of one file: the row is what the clerk opens in Excel."""

    file: str
    row: int
    findings: tuple[Finding, ...]

    @property
    def severity(self) -> Severity:
        return min((f.severity for f in self.findings), key=lambda s: s.rank)

    @property
    def line(self) -> int | None:
        return next((f.line for f in self.findings if f.line), None)

    def headline(self) -> str:
        count = len(self.findings)
        what = "; ".join(_what(f) for f in self.findings)
        fixes = " ".join(dict.fromkeys(f.rule.fix for f in self.findings))
        return f"Dòng {self.row} — {count} vấn đề: {what}. Cách sửa: {fixes}"


@dataclass(frozen=True)
class Digest:
    verdict: str  # one sentence, the same everywhere
    ok: bool
    file_issues: tuple[FileIssue, ...]
    row_issues: tuple[RowIssue, ...]


def _what(finding: Finding) -> str:
    where = f"cột “{finding.column}”" if finding.column else ""
    value = f" “{finding.value}”" if finding.value and len(finding.value) <= 60 else ""
    return f"{finding.rule.title} ({where}{value})" if where or value else finding.rule.title


def digest(result: Review) -> Digest:
    today_month = current_month(result.today)
    file_issues = [_from_problem(p) for p in result.problems]
    by_row: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    for finding in result.findings:
        # The header row's problems (a missing column) are the whole file's.
        if finding.row is None or finding.row <= HEADER_ROW:
            file_issues.append(_from_finding(finding, result, today_month))
        else:
            by_row[finding.file, finding.row].append(finding)
    rows = [RowIssue(file, row, tuple(items)) for (file, row), items in by_row.items()]
    rows.sort(key=lambda r: (r.severity.rank, r.file, r.row))
    file_issues.sort(key=lambda i: (i.severity.rank, not i.place))
    ok = not result.has_errors
    return Digest(_verdict(result, file_issues, rows, ok), ok, tuple(file_issues), tuple(rows))


def _from_problem(problem: Problem) -> FileIssue:
    # The pull request rules are undone on GitHub (delete, rename, restore), not in the list.
    place = problem.code not in ("pr-local-support-invalid", "pr-policy-invalid", "pr-file-missing")
    return FileIssue(
        problem.severity, problem.code, problem.title, problem.file, problem.message, problem.fix, place
    )


def _from_finding(finding: Finding, result: Review, today_month: str) -> FileIssue:
    fix = finding.rule.fix
    place = finding.code in PLACE_CODES
    if place:
        fix = _place_fix(finding.file, result, today_month)
    elif finding.code == "two-lists-one-month":
        fix = _keep_one(finding.file, str(finding.params.get("other", "")), result)
    elif finding.file.lower().endswith(".xls"):
        # Saved again as .xlsx, the list has another name: this one must go. A workbook under its
        # right name (.xlsx) is fixed and uploaded again under the same name, never deleted.
        fix = f"{fix} Sau đó xoá file này khỏi pull request: {github_steps.delete(finding.file)}"
    return FileIssue(
        finding.severity,
        finding.code,
        finding.rule.title,
        finding.file,
        finding.message,
        fix,
        place,
        finding.line,
    )


def _keep_one(path: str, other: str, result: Review) -> str:
    """Two lists for a month: the one this pull request adds replaces the one already there,
    which goes in the same pull request (a month's list sent again in the other format)."""
    added = {f.path for f in result.files if f.status == "A"}
    if path in added and other in added:
        return f"Giữ một file, xoá file kia. Ví dụ xoá `{other}`: {github_steps.delete(other)}"
    if path in added or other in added:
        new, old = (path, other) if path in added else (other, path)
        return f"`{new}` thay cho `{old}` đã nộp: xoá `{old}` trong pull request này. " + (
            github_steps.delete_on_branch(old)
        )
    return "Xoá file không dùng: " + github_steps.delete_on_branch(other)


def _place_fix(path: str, result: Review, today_month: str) -> str:
    """Where the file belongs, and the clicks to put it there; when the right file is already in
    the pull request, the wrong one only has to go."""
    target = _target_path(path, result, today_month)
    folder, name = target.rsplit("/", 1)
    right = [
        f.path
        for f in result.files
        if not f.deleted and f.path != path and f.path.rsplit("/", 1)[0] == folder and _month_name(f.path)
    ]
    if right:
        return f"File đúng `{right[0]}` đã có trong pull request; chỉ cần xoá file này: " + (
            github_steps.delete(path)
        )
    if PurePosixPath(path).suffix.lower() in WORKBOOK_SUFFIXES and not path.lower().endswith(".xlsx"):
        return (
            f"Mở file trong Excel, chọn File → Save As → “Excel Workbook (*.xlsx)” và đặt tên `{name}`, "
            f"rồi: (1) {github_steps.upload(folder, name)} (2) Xoá file này: {github_steps.delete(path)}"
        )
    return f"Đổi tên/chuyển file thành `{target}`: {github_steps.rename(path, target)}"


def _month_name(path: str) -> bool:
    name = PurePosixPath(path).name
    return bool(MONTH_FILE.match(name) or MONTH_FILE.match(name.removesuffix(".xlsx") + ".csv"))


def _target_path(path: str, result: Review, today_month: str) -> str:
    pure = PurePosixPath(path)
    name = f"{month_in_name(pure.name, today_month) or today_month}{list_suffix(pure.name)}"
    units = admin_units()
    parts = pure.parts
    folder = parts[2] if parts[:2] == ("directory_data", "provinces") and len(parts) >= 4 else None
    if folder is None or units.province_by_slug(folder) is None:
        valid = [s for s in result.province_slugs if units.province_by_slug(s)]
        # Else the province the misnamed folder ("Lai Châu"), the file's name or its rows say.
        named = (
            province_in_name(folder or "") or province_in_name(pure.name) or result.named_provinces.get(path)
        )
        folder = valid[0] if len(valid) == 1 else named or "<mã tỉnh>"
    return f"{PROVINCES_PREFIX}/{folder}/{name}"


def _verdict(result: Review, files: list[FileIssue], rows: list[RowIssue], ok: bool) -> str:
    if not result.submission and ok:
        return "✅ Pull request này không nộp danh sách của tỉnh nào; không có lỗi."
    if ok:
        warnings = result.count(Severity.WARNING)
        waiting = [i for i in files if i.code == "pr-month-waits"]
        when = (
            " Danh sách của tháng sau chờ đến ngày 1 của tháng đó mới lên trang."
            if waiting
            else " Danh sách được công bố khi pull request được duyệt và gộp vào nhánh chính."
        )
        extra = f" Có {warnings} cảnh báo: nên xem và sửa ở lần nộp sau." if warnings else ""
        return f"✅ **Đạt: không có lỗi.**{when}{extra}"
    errors = result.count(Severity.ERROR)
    first = next((i for i in files if i.severity is Severity.ERROR), None)
    error_rows = [r for r in rows if r.severity is Severity.ERROR]
    if first is not None and first.place:
        again = "" if "Upload files" in first.fix else " (không cần tải lại danh sách)"
        action = (
            "File nằm sai chỗ, sai tên hoặc pull request có file không được sửa: làm theo “Cách sửa” "
            f"của mục đầu tiên dưới đây ngay trên GitHub{again}; việc kiểm tra tự chạy lại."
        )
    elif first is not None:
        action = (
            "Lỗi của cả file: **file bị giữ lại** (danh sách đang công bố của tỉnh giữ nguyên). Làm "
            "theo “Cách sửa” của mục đầu tiên dưới đây; nếu phải sửa bảng tính, lưu lại rồi tải lên "
            "cùng tên vào cùng thư mục của nhánh này (Add file → Upload files). Việc kiểm tra tự "
            "chạy lại."
        )
    else:
        action = (
            f"{len(error_rows)} dòng có lỗi: **các dòng này bị giữ lại** (điểm thu giữ bản đang "
            "công bố), các dòng khác không bị ảnh hưởng. Sửa các dòng dưới đây trong bảng tính, lưu "
            "lại rồi tải lên cùng tên vào cùng thư mục của nhánh này (Add file → Upload files)."
        )
    return f"❌ **Chưa đạt: {errors} lỗi.** {action}"
