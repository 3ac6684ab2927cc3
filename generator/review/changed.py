"""Which files a pull request changes, and what each one is: a province's data, the policy
file, the schema, other shared data, or code.

The list comes from `git diff --name-status base...head` (what the pull request adds on top of
the point where it left the base branch), or from a list given by hand for local runs and tests.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PurePosixPath

DATA_DIR = "directory_data"
PROVINCES = (DATA_DIR, "provinces")
POLICY_FILE = f"{DATA_DIR}/chinh-sach.yaml"
SCHEMA_DIR = (DATA_DIR, "schema")
# What a clerk may upload by mistake outside the province folder: still checked as a submission,
# so the feedback says where it belongs instead of only "you changed something else".
SUBMISSION_SUFFIXES = (".csv", ".xlsx", ".xls", ".ods")
TEST_DIRS = ("tests",)


class Kind(Enum):
    PROVINCE = "tinh"  # inside directory_data/provinces/<slug>/
    MISPLACED = "sai-cho"  # looks like a submission but is not in a province folder
    POLICY = "chinh-sach"
    SCHEMA = "schema"
    SHARED_DATA = "du-lieu-chung"
    CODE = "ma-nguon"


STATUS_LINE = re.compile(r"^[ACDMRTU][0-9]{0,3}$")
STATUS_LABELS = {"A": "thêm", "M": "sửa", "D": "xoá"}


@dataclass(frozen=True)
class ChangedFile:
    status: str  # "A" added, "M" modified, "D" deleted (renames arrive as D + A)
    path: str  # repository-relative, with forward slashes

    @property
    def deleted(self) -> bool:
        return self.status == "D"

    @property
    def kind(self) -> Kind:
        return classify(self.path)[0]

    @property
    def province_slug(self) -> str | None:
        """The folder name under provinces/, as written (it may not be a real province)."""
        return classify(self.path)[1]

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name


class ChangesError(Exception):
    """The list of changed files could not be read; the message is for the person running it."""


def classify(path: str) -> tuple[Kind, str | None]:
    parts = PurePosixPath(path).parts
    if parts[:2] == PROVINCES and len(parts) >= 4:
        return Kind.PROVINCE, parts[2]
    if parts[:2] == SCHEMA_DIR:
        return Kind.SCHEMA, None
    if path == POLICY_FILE:
        return Kind.POLICY, None
    looks_submitted = PurePosixPath(path).suffix.lower() in SUBMISSION_SUFFIXES
    if looks_submitted and (not parts or parts[0] not in TEST_DIRS):
        return Kind.MISPLACED, None
    if parts[:1] == (DATA_DIR,):
        return Kind.SHARED_DATA, None
    return Kind.CODE, None


def _normalise(status: str) -> str:
    # Copies count as additions; type changes and unmerged entries as modifications.
    first = status[:1].upper()
    return {"A": "A", "C": "A", "D": "D"}.get(first, "M")


def git_changes(repo: Path, base: str, head: str = "HEAD") -> list[ChangedFile]:
    """Files the pull request changes. Renames are split into a deletion and an addition, so
    moving a list out of a folder is seen as deleting it there."""
    command = [
        "git",
        "-C",
        str(repo),
        "-c",
        "core.quotePath=false",
        "diff",
        "--name-status",
        "--no-renames",
        "-z",
        f"{base}...{head}",
        "--",
    ]
    try:
        done = subprocess.run(command, capture_output=True, check=False)
    except FileNotFoundError:
        raise ChangesError("Không tìm thấy lệnh git trên máy này.") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip()
        raise ChangesError(
            f"Không lấy được danh sách file thay đổi giữa {base} và {head} (git diff): {detail}. "
            "Trong GitHub Actions, cần actions/checkout với fetch-depth: 0."
        )
    tokens = done.stdout.decode("utf-8", "replace").split("\0")
    pairs = zip(tokens[0::2], tokens[1::2], strict=False)
    return sorted({ChangedFile(_normalise(s), p) for s, p in pairs if s and p}, key=_order)


def parse_file_list(text: str, repo: Path) -> list[ChangedFile]:
    """One file per line, either `git diff --name-status` lines ("M<TAB>path") or bare paths;
    a bare path that no longer exists counts as deleted."""
    changed = set()
    for line in text.splitlines():
        if not line.strip():
            continue
        status, *paths = [field.strip() for field in line.split("\t")]
        if paths and STATUS_LINE.match(status):
            if status[:1].upper() == "R" and len(paths) == 2:  # a rename: old path, new path
                changed |= {ChangedFile("D", paths[0]), ChangedFile("A", paths[1])}
            else:
                changed.add(ChangedFile(_normalise(status), paths[-1]))
        else:
            path = line.strip()
            changed.add(ChangedFile("M" if (repo / path).exists() else "D", path))
    return sorted(changed, key=_order)


def _order(file: ChangedFile) -> tuple[str, str]:
    return (file.path, file.status)
