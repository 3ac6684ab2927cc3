"""The rules of a province's pull request, before any file is read: one province's folder only,
nothing else (policy, schema, shared data, code), no deleted lists, no month far ahead.

A pull request that changes no province file at all is a maintainers' change: these rules do
not apply to it (the repository's own CI checks it).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

from generator.clock import current_month, months_after
from generator.findings import Severity
from generator.load.layout import MONTH_FILE
from generator.review import github_steps
from generator.review.changed import POLICY_FILE, ChangedFile, Kind
from generator.review.file_names import list_suffix
from generator.units import admin_units

SUBMISSION_KINDS = (Kind.PROVINCE, Kind.MISPLACED)
# Next month's list may arrive before the month starts (it waits, the site keeps the calendar's
# month); a later one is almost always a typo in the file name.
MONTHS_AHEAD_ALLOWED = 1
_PROVINCES = "directory_data/provinces"

_OTHER_FILES = {
    Kind.POLICY: (
        "pr-touches-policy",
        f"Pull request nộp danh sách của tỉnh không được sửa file chính sách {POLICY_FILE}.",
    ),
    Kind.SCHEMA: (
        "pr-touches-schema",
        "Pull request nộp danh sách của tỉnh không được sửa hợp đồng dữ liệu (directory_data/schema/).",
    ),
    Kind.SHARED_DATA: (
        "pr-touches-shared-data",
        "Pull request nộp danh sách của tỉnh không được sửa dữ liệu dùng chung ngoài thư mục của tỉnh.",
    ),
    Kind.CODE: (
        "pr-touches-code",
        "Pull request nộp danh sách của tỉnh không được sửa mã nguồn hay cấu hình của kho.",
    ),
}
_ONLY_YOUR_FOLDER = (
    "Chỉ để lại các file trong thư mục directory_data/provinces/<mã tỉnh>/ của tỉnh mình; "
    "phần còn lại gửi cho nhóm kỹ thuật bằng một pull request riêng. Bỏ file này khỏi pull request: "
)


TITLES = {
    "pr-several-provinces": "Sửa dữ liệu của nhiều tỉnh",
    "pr-touches-policy": "Sửa file chính sách",
    "pr-touches-schema": "Sửa hợp đồng dữ liệu",
    "pr-touches-shared-data": "Sửa dữ liệu dùng chung",
    "pr-touches-code": "Sửa mã nguồn",
    "pr-deletes-file": "Xoá file đã nộp",
    "pr-folder-renamed": "Đổi tên thư mục của tỉnh",
    "pr-month-in-future": "Tháng chưa tới",
    "pr-month-waits": "Danh sách của tháng sau: chờ đến đầu tháng",
    "pr-replaces-published": "Ghi đè danh sách đã công bố",
    "pr-not-latest-month": "Không phải danh sách mới nhất",
    "pr-file-missing": "Không thấy file",
    "pr-local-support-invalid": "File hỗ trợ địa phương không hợp lệ",
    "pr-policy-invalid": "File chính sách không hợp lệ",
}


@dataclass(frozen=True)
class Problem:
    """A breach of the pull request rules (not of the list's content)."""

    code: str
    severity: Severity
    message: str
    fix: str
    file: str | None = None

    @property
    def title(self) -> str:
        return TITLES.get(self.code, self.code)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": self.file,
            "message": self.message,
            "fix": self.fix,
        }


def is_submission_pr(files: list[ChangedFile]) -> bool:
    return any(f.kind in SUBMISSION_KINDS for f in files)


def provinces_touched(files: list[ChangedFile]) -> dict[str, list[ChangedFile]]:
    """Province folders the pull request changes, in folder-name order."""
    touched: dict[str, list[ChangedFile]] = defaultdict(list)
    for file in files:
        if file.kind is Kind.PROVINCE and file.province_slug:
            touched[file.province_slug].append(file)
    return dict(sorted(touched.items()))


def check_scope(files: list[ChangedFile], today: date) -> list[Problem]:
    if not is_submission_pr(files):
        return []
    problems: list[Problem] = []
    renamed = _renamed_folders(files)
    problems += [_folder_renamed(old, new, moved) for (old, new), moved in renamed.items()]
    undone = {old.path for moved in renamed.values() for old, _ in moved}
    # A month's list sent again in the other format (2026-11.xlsx for 2026-11.csv) replaces it:
    # the old one must go, or the folder would hold two lists for the month.
    replaced = _format_changes(files)
    undone |= set(replaced.values())
    # A folder that is no province is reported on its files (unknown-province-folder), a renamed
    # one above: neither makes the pull request one of several provinces.
    touched = {s: f for s, f in provinces_touched(files).items() if admin_units().province_by_slug(s)}
    if len(touched) > 1:
        problems.append(_several_provinces(touched))
    for file in files:
        if file.path in undone:
            continue
        if file.kind in _OTHER_FILES:
            code, message = _OTHER_FILES[file.kind]
            text = f"{message} File: {file.path}."
            fix = _ONLY_YOUR_FOLDER + _undo(file)
            problems.append(Problem(code, Severity.ERROR, text, fix, file.path))
        elif file.kind is Kind.PROVINCE and file.deleted:
            problems.append(_deleted(file))
        elif file.kind is Kind.PROVINCE:
            problems += _month_ahead(file, today)
            if file.path in replaced:
                problems += _replaces_published(ChangedFile("M", file.path), today, replaced[file.path])
            else:
                problems += _replaces_published(file, today)
    return problems


def _renamed_folders(
    files: list[ChangedFile],
) -> dict[tuple[str, str], list[tuple[ChangedFile, ChangedFile]]]:
    """Province folders renamed in the web interface (each file's path edited), or dragged in
    again under another folder name: the files deleted from a province's folder that come back,
    same name, in one folder that is no province. (old folder, new folder) → (deleted, added)."""
    units = admin_units()
    added = [f for f in files if f.status == "A" and f.kind is Kind.PROVINCE and f.province_slug]
    found: dict[tuple[str, str], list[tuple[ChangedFile, ChangedFile]]] = defaultdict(list)
    for gone in files:
        slug = gone.province_slug
        if not gone.deleted or gone.kind is not Kind.PROVINCE or not slug or not units.province_by_slug(slug):
            continue
        back = [f for f in added if f.name == gone.name and not units.province_by_slug(f.province_slug or "")]
        if len({f.province_slug for f in back}) == 1:
            found[slug, back[0].province_slug or ""].append((gone, back[0]))
    return dict(found)


def _format_changes(files: list[ChangedFile]) -> dict[str, str]:
    """Lists added in place of the same month's list in the other format, deleted in the same
    pull request: added path → deleted path."""

    def month_of(file: ChangedFile) -> tuple[str, str] | None:
        if file.kind is not Kind.PROVINCE or not MONTH_FILE.match(file.name):
            return None
        return str(PurePosixPath(file.path).parent), PurePosixPath(file.path).stem

    gone = {month_of(f): f.path for f in files if f.deleted and month_of(f)}
    return {f.path: gone[key] for f in files if f.status == "A" and (key := month_of(f)) in gone}


def _folder_renamed(old: str, new: str, moved: list[tuple[ChangedFile, ChangedFile]]) -> Problem:
    gone, back = moved[0]
    more = f" Làm tương tự với {len(moved) - 1} file còn lại." if len(moved) > 1 else ""
    return Problem(
        "pr-folder-renamed",
        Severity.ERROR,
        f"Thư mục {_PROVINCES}/{old}/ đã bị đổi tên thành “{new}” ({len(moved)} file). Tên thư "
        f"mục là mã của tỉnh và không được đổi: các danh sách đã nộp phải ở lại {_PROVINCES}/{old}/.",
        f"Đưa từng file về thư mục cũ. Với file `{back.path}`: "
        + github_steps.rename(back.path, gone.path)
        + more,
        back.path,
    )


def _undo(file: ChangedFile) -> str:
    """An added file is deleted; a changed or deleted one is put back as it is on main."""
    if file.status == "A":
        return github_steps.delete(file.path)
    return github_steps.restore(file.path)


def _several_provinces(touched: dict[str, list[ChangedFile]]) -> Problem:
    units = admin_units()
    parts = []
    for slug, changed in touched.items():
        province = units.province_by_slug(slug)
        label = f"{province.name} ({slug})" if province else f"thư mục “{slug}”"
        parts.append(f"{label}: {len(changed)} file")
    return Problem(
        "pr-several-provinces",
        Severity.ERROR,
        f"Pull request này sửa dữ liệu của {len(touched)} tỉnh: {'; '.join(parts)}. "
        "Mỗi pull request chỉ được sửa thư mục của một tỉnh.",
        "Tách thành các pull request riêng, mỗi tỉnh một pull request, và bỏ các file của tỉnh "
        "khác khỏi pull request này (với file đã thêm: nút “…” của file → “Delete file”, rồi nộp "
        "file đó trong một pull request mới).",
    )


def _deleted(file: ChangedFile) -> Problem:
    is_list = bool(MONTH_FILE.match(file.name))
    what = "danh sách đã nộp" if is_list else "file đã nộp"
    return Problem(
        "pr-deletes-file",
        Severity.ERROR,
        f"Pull request này xoá {what} {file.path}. Các danh sách đã nộp được giữ lại làm lịch sử; "
        "đổi tên file cũng bị tính là xoá file cũ.",
        "Không xoá hay đổi tên file đã nộp; để bỏ điểm thu, nộp danh sách của tháng mới không có "
        "các điểm đó. Đặt lại file cũ: " + github_steps.restore(file.path),
        file.path,
    )


def _month_ahead(file: ChangedFile, today: date) -> list[Problem]:
    match = MONTH_FILE.match(file.name)
    if not match or file.deleted:
        return []
    month = f"{match[1]}-{match[2]}"
    ahead = months_after(month, today)
    if ahead <= 0:
        return []
    label = f"{int(match[2])}/{match[1]}"
    if ahead <= MONTHS_AHEAD_ALLOWED:
        return [
            Problem(
                "pr-month-waits",
                Severity.INFO,
                f"{file.name} là danh sách tháng {label}: sau khi được gộp, danh sách chờ đến ngày "
                f"1/{label} (giờ Việt Nam) mới lên trang; đến lúc đó trang vẫn hiện danh sách của "
                f"tháng {today.month}/{today.year}.",
                "Không cần sửa nếu đây đúng là danh sách tháng sau. Nếu là danh sách tháng này, "
                "đổi tên file: " + github_steps.rename(file.path, _this_month_name(file, today)),
                file.path,
            )
        ]
    return [
        Problem(
            "pr-month-in-future",
            Severity.ERROR,
            f"Tên file {file.name} là tháng {label}, còn {ahead} tháng nữa mới tới "
            f"(hôm nay {today.day}/{today.month}/{today.year} ở Việt Nam).",
            f"Đặt tên file theo tháng của danh sách, ví dụ {current_month(today)}.csv cho tháng "
            f"{today.month}/{today.year}: " + github_steps.rename(file.path, _this_month_name(file, today)),
            file.path,
        )
    ]


def _replaces_published(file: ChangedFile, today: date, old_path: str | None = None) -> list[Problem]:
    """A changed (not added) monthly list rewrites a month already published: a correction of the
    current month is allowed with a warning; a past month is history and stays as it was (the
    usual cause is a file named after the guide's example instead of this month). `old_path`: the
    list of the other format this one replaces, deleted in the same pull request."""
    match = MONTH_FILE.match(file.name)
    if file.status != "M" or not match:
        return []
    month = f"{match[1]}-{match[2]}"
    label, this_month = f"{int(match[2])}/{match[1]}", current_month(today)
    rename = github_steps.rename(file.path, _sibling(file.path, f"{this_month}{list_suffix(file.name)}"))
    if month >= this_month:
        return [
            Problem(
                "pr-replaces-published",
                Severity.WARNING,
                f"{file.name} đã có trong kho: pull request này thay danh sách tháng {label} đã nộp.",
                "Không cần sửa nếu đây là bản sửa của danh sách tháng này. Nếu là danh sách mới, "
                "đặt lại file cũ và nộp dưới tên khác.",
                file.path,
            )
        ]
    return [
        Problem(
            "pr-replaces-published",
            Severity.ERROR,
            f"{file.name} là danh sách tháng {label} đã công bố; pull request này ghi đè lên nó. Danh "
            "sách của các tháng đã qua được giữ nguyên làm lịch sử.",
            f"Nộp danh sách mới dưới tên {this_month}{list_suffix(file.name)} (tháng hiện tại). Đổi tên "
            f"file: {rename} "
            f"Sau đó đặt lại file tháng {label} cũ: {github_steps.restore(old_path or file.path)}",
            file.path,
        )
    ]


def _this_month_name(file: ChangedFile, today: date) -> str:
    """The file renamed for the current month, a workbook staying a workbook."""
    return _sibling(file.path, f"{current_month(today)}{list_suffix(file.name)}")


def _sibling(path: str, name: str) -> str:
    return path.rsplit("/", 1)[0] + "/" + name if "/" in path else name
