"""What to click in GitHub's web interface to undo a file problem on the pull request's branch.

A clerk works in the browser only, so "rename the file" is not an instruction; these are. The
steps follow GitHub's documentation (Renaming a file, Moving a file to a new location, Deleting
files in a repository, Adding a file to a repository): the file name field of the editor renames
and moves (typing `/` opens a folder, `../` at the start goes up one), the "…" menu of a file
deletes it, "Add file → Upload files" adds one. Binary files (an Excel workbook) cannot be renamed
in the browser: they are deleted and uploaded again under the right name.
"""

from __future__ import annotations

from pathlib import PurePosixPath

_OPEN = (
    "Trên trang pull request, mở thẻ “Files changed”, bấm nút “…” ở đầu file `{path}` → "
    "“View file” (trang file mở ra trên nhánh của pull request)"
)
_COMMIT = (
    "bấm “Commit changes…”, chọn “Commit directly to the … branch” (nhánh của pull request) → "
    "“Commit changes”"
)
TEXT_SUFFIXES = (".csv", ".yaml", ".yml", ".txt")


def rename(path: str, new_path: str) -> str:
    """Rename or move: the editor's file name field takes a whole path."""
    if not _editable(path):
        return replace_binary(path, new_path)
    old, new = PurePosixPath(path), PurePosixPath(new_path)
    if old.parent == new.parent:
        field = f"sửa ô tên file (phía trên nội dung) từ `{old.name}` thành `{new.name}`"
    else:
        field = (
            "đặt con trỏ ở đầu ô tên file (phía trên nội dung), bấm phím Backspace để xoá dần tên "
            f"các thư mục cũ, rồi gõ đường dẫn mới `{new_path}` (mỗi dấu `/` mở một thư mục)"
        )
    return (
        f"{_OPEN.format(path=path)}; bấm biểu tượng bút chì (“Edit this file”); {field}; {_COMMIT}. "
        "Không cần tải file lên lại."
    )


def delete(path: str) -> str:
    return f"{_OPEN.format(path=path)}; bấm nút “…” ở góc trên bên phải của file → “Delete file”; {_COMMIT}."


def delete_on_branch(path: str) -> str:
    """Delete a file the pull request did not change (it is not under "Files changed")."""
    return (
        f"Trên trang nhánh của pull request, mở file `{path}`; bấm nút “…” ở góc trên bên phải của "
        f"file → “Delete file”; {_COMMIT}."
    )


def upload(folder: str, name: str) -> str:
    return (
        f"Trên trang nhánh của pull request, mở thư mục `{folder}/` rồi bấm “Add file” → “Upload "
        f"files”, kéo file `{name}` vào (file cùng tên sẽ được thay); {_COMMIT}."
    )


def replace_binary(path: str, new_path: str) -> str:
    new = PurePosixPath(new_path)
    return (
        f"GitHub không đổi tên được file nhị phân trên trình duyệt. Đổi tên file trên máy thành "
        f"`{new.name}`, rồi: (1) {upload(str(new.parent), new.name)} (2) Xoá file cũ: "
        f"{delete(path)}"
    )


def restore(path: str) -> str:
    """Undo a deletion (or the deleting half of a rename) on the branch."""
    folder, name = str(PurePosixPath(path).parent), PurePosixPath(path).name
    return (
        f"Mở `{path}` trên nhánh chính (main) của kho, bấm “Download raw file” để tải bản đang "
        f"công bố về máy; rồi {upload(folder, name)[0].lower()}{upload(folder, name)[1:]}"
    )


def _editable(path: str) -> bool:
    return PurePosixPath(path).suffix.lower() in TEXT_SUFFIXES
