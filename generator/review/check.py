"""Review a pull request: the pull request rules, then the changed lists, validated the way the
build will validate them, and what each changed month would publish against the previous list.

Lists are judged inside their province's history (a large removal is measured against the list
already published), but only findings about the files of this pull request are reported.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.findings import Finding, Severity, yields
from generator.load import load_file
from generator.load.layout import MONTH_FILE, SIDE_FILES, display_path
from generator.load.safe_read import entry_kind, is_regular
from generator.load.side_files import check_side_file
from generator.merge import merge
from generator.merge.diff import ProvinceDiff, diff_points
from generator.pipeline import dataset_info
from generator.policy import PolicyError, example_support_errors, load_local_supports, load_policy
from generator.review.changed import ChangedFile, Kind
from generator.review.file_names import province_of_list
from generator.review.scope import Problem, check_scope, is_submission_pr, provinces_touched
from generator.units import admin_units
from generator.validate import ValidatedFile
from generator.validate.dataset import validate_paths


@dataclass(frozen=True)
class MonthResult:
    """What merging would do with one changed month of a province."""

    province_slug: str
    month: str
    published: bool  # False: the list has an ERROR and the previous list stays online
    diff: ProvinceDiff | None
    current_month: str | None  # the province's list that stays online when this one is refused
    held_rows: int = 0  # rows of a published list kept off the site (their ERRORs are reported)
    # What the refused list would have changed against the published one (a large removal
    # lists the points it would remove, so the clerk can see whether they really closed).
    refused_diff: ProvinceDiff | None = None


@dataclass
class Review:
    files: list[ChangedFile]
    problems: list[Problem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    checked_files: list[str] = field(default_factory=list)
    months: list[MonthResult] = field(default_factory=list)
    today: date | None = None  # the day in Việt Nam the check ran for (it decides the month)
    # Lists outside any province folder → the province their rows name (where to move them).
    named_provinces: dict[str, str] = field(default_factory=dict)

    @property
    def submission(self) -> bool:
        return is_submission_pr(self.files)

    @property
    def province_slugs(self) -> list[str]:
        return list(provinces_touched(self.files))

    def count(self, severity: Severity) -> int:
        return sum(p.severity is severity for p in self.problems) + sum(
            f.severity is severity for f in self.findings
        )

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.ERROR) > 0


def review(files: list[ChangedFile], repo: Path, today: date) -> Review:
    """`repo` is the checked-out head of the pull request; run from its root so file names in
    findings are repository-relative (that is where GitHub puts the annotations)."""
    data_root = repo / "directory_data"
    result = Review(files, problems=check_scope(files, today), today=today)
    # A symlink is present (and refused as one), wherever or whether it points.
    present = [f for f in files if not f.deleted and os.path.lexists(repo / f.path)]
    result.problems += [_missing(f) for f in files if not f.deleted and not os.path.lexists(repo / f.path)]
    if not result.submission:
        _check_shared_files(present, data_root, result)
        return result
    units = admin_units()
    folders = [slug for slug in result.province_slugs if units.province_by_slug(slug)]
    histories = {slug: _validate_folder(data_root, slug) for slug in folders}
    known = {v.loaded.file: v for history in histories.values() for v in history}
    lists = [f for f in present if _is_list(f, folders)]
    loose = [repo / f.path for f in lists if display_path(repo / f.path) not in known]
    others = validate_paths(loose, data_root).validated if loose else ()
    result.named_provinces = _named_provinces(others, data_root)
    shown = {display_path(repo / f.path) for f in lists}
    result.checked_files = sorted(shown)
    for item in (*known.values(), *others):
        if item.loaded.file in shown:
            result.findings += item.findings
    for slug in folders:
        _merge_months(slug, histories[slug], present, repo, result)
    result.problems += _older_than_published(lists, histories, repo)
    result.problems += _example_support(present, data_root)
    result.findings += [f for f in _side_files(present, repo) if f not in result.findings]
    return result


def _named_provinces(validated: Iterable[ValidatedFile], data_root: Path) -> dict[str, str]:
    """Lists outside any province folder (not read as lists there) read for the province their
    rows name: the check can then say which folder to move them to."""
    named = {}
    for item in validated:
        if item.loaded.province_slug is None and item.loaded.table is None:
            # Read as a clerk checking it before putting it in place would (`validate --province`).
            table = load_file(item.loaded.path, data_root, "", None).table
            if (slug := province_of_list(table)) is not None:
                named[item.loaded.file] = slug
    return named


def _missing(file: ChangedFile) -> Problem:
    return Problem(
        "pr-file-missing",
        Severity.WARNING,
        f"Không thấy file {file.path} trong bản đã checkout nên không kiểm tra được.",
        "Chạy kiểm tra trên đúng commit của pull request (git checkout nhánh của pull request).",
        file.path,
    )


def _is_list(file: ChangedFile, folders: list[str]) -> bool:
    """Every changed file that should be a monthly list is validated as one, so an Excel
    workbook or a misnamed file gets the validator's own explanation."""
    if file.kind is Kind.MISPLACED:
        return True
    if file.kind is not Kind.PROVINCE:
        return False
    return file.province_slug not in folders or not SIDE_FILES.match(file.name)


def _validate_folder(data_root: Path, slug: str) -> tuple[ValidatedFile, ...]:
    folder = data_root / "provinces" / slug
    return validate_paths([folder], data_root).validated if folder.is_dir() else ()


def _merge_months(
    slug: str, history: tuple[ValidatedFile, ...], present: list[ChangedFile], repo: Path, result: Review
) -> None:
    """For each month whose list or confirmation changed: would it be published, and what
    would change on the site. Merge findings (large removal, reused codes) belong to the list."""
    months = sorted(
        {
            f.name[:7]
            for f in present
            if f.province_slug == slug and (MONTH_FILE.match(f.name) or _is_month_yaml(f))
        }
    )
    reported = set(result.findings)
    for month in months:
        directory = merge(history, month)
        list_file = display_path(repo / "directory_data" / "provinces" / slug / f"{month}.csv")
        for finding in directory.findings:
            if finding.file == list_file and finding not in reported:
                reported.add(finding)
                result.findings.append(finding)
        state = next(s for s in directory.provinces if s.province.slug == slug)
        published = state.data_month == month
        refused = None
        if not published:
            item = next((v for v in history if v.loaded.file == list_file and v.publishable), None)
            if item is not None:
                refused = diff_points(slug, list(state.points), list(item.points), state.data_month, month)
        result.months.append(
            MonthResult(
                slug,
                month,
                published,
                state.changes() if published else None,
                state.data_month,
                len(state.held) if published else 0,
                refused,
            )
        )


def _is_month_yaml(file: ChangedFile) -> bool:
    return bool(SIDE_FILES.match(file.name)) and file.name[:4].isdigit()


def _older_than_published(
    lists: list[ChangedFile], histories: dict[str, tuple[ValidatedFile, ...]], repo: Path
) -> list[Problem]:
    problems = []
    for file in lists:
        match = MONTH_FILE.match(file.name)
        history = histories.get(file.province_slug or "")
        if not match or not history:
            continue
        month = f"{match[1]}-{match[2]}"
        latest = max((v.loaded.month for v in history if v.loaded.month), default=month)
        if latest > month:
            problems.append(
                Problem(
                    "pr-not-latest-month",
                    Severity.WARNING,
                    f"{file.name} không phải danh sách mới nhất của tỉnh: đã có danh sách tháng "
                    f"{latest}. Trang web dùng danh sách mới nhất, nên thay đổi này không hiện ra.",
                    f"Nếu muốn sửa danh sách đang công bố, sửa file {latest}.csv hoặc nộp danh sách "
                    "của tháng hiện tại.",
                    display_path(repo / file.path),
                )
            )
    return problems


@yields("not-regular-file")
def _side_files(present: list[ChangedFile], repo: Path) -> list[Finding]:
    """A province's side files, read by the loader the build uses: a bad one would hold the
    province's leaflet variant or its removal confirmation, so it is an ERROR here."""
    findings: list[Finding] = []
    for file in present:
        path = repo / file.path
        if file.kind is not Kind.PROVINCE or not SIDE_FILES.match(file.name):
            continue
        if is_regular(path):
            findings += check_side_file(path)
        else:  # a link is refused, never followed
            shown = display_path(path)
            kind = entry_kind(path.lstat().st_mode)
            findings.append(Finding("not-regular-file", shown, value=shown, params={"kind": kind}))
    return findings


def _example_support(present: list[ChangedFile], data_root: Path) -> list[Problem]:
    """Invented support (`vi_du: true`) must never reach a site built from real data. A file that
    does not load is reported by `_side_files`."""
    if not any(f.kind is Kind.PROVINCE and f.name == "ho-tro-dia-phuong.yaml" for f in present):
        return []
    if dataset_info(data_root).get("sample"):
        return []
    supports = load_local_supports(data_root / "provinces")
    return [
        Problem("pr-local-support-invalid", Severity.ERROR, message, _SUPPORT_FIX)
        for message in example_support_errors(supports).values()
    ]


_SUPPORT_FIX = (
    "Xoá file ho-tro-dia-phuong.yaml ví dụ, hoặc thay bằng nghị quyết thật của tỉnh, rồi tải lên lại."
)


def _check_shared_files(present: list[ChangedFile], data_root: Path, result: Review) -> None:
    """A maintainers' change to shared data: the policy file must still read, and a schema
    change must not break the lists already published."""
    kinds = {f.kind for f in present}
    if Kind.POLICY in kinds:
        try:
            load_policy(data_root / "chinh-sach.yaml")
        except PolicyError as exc:
            result.problems.append(
                Problem("pr-policy-invalid", Severity.ERROR, str(exc), "Sửa file chính sách theo thông báo.")
            )
    if Kind.SCHEMA in kinds:
        run = validate_paths([data_root / "provinces"], data_root)
        result.checked_files = sorted({v.loaded.file for v in run.validated})
        result.findings += run.findings
