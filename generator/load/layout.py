"""The data layout convention: directory_data/provinces/<slug>/<YYYY-MM>.csv (or .xlsx).

Province and month come from the path, never from the file. Besides monthly lists a province
folder may hold `<YYYY-MM>.yaml` (a recorded confirmation for that month) and
`ho-tro-dia-phuong.yaml` (local budget support for the leaflets).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from generator.findings import Finding, yields
from generator.units import admin_units

MONTH_FILE = re.compile(r"^(20\d\d)-(0[1-9]|1[0-2])\.(csv|xlsx)$")
LIST_SUFFIXES = (".csv", ".xlsx")
SIDE_FILES = re.compile(r"^((20\d\d)-(0[1-9]|1[0-2])\.yaml|ho-tro-dia-phuong\.yaml)$")
PROVINCES_DIR = "provinces"


@dataclass(frozen=True)
class Location:
    province_slug: str | None
    month: str | None
    findings: tuple[Finding, ...] = ()


def display_path(path: Path) -> str:
    """Repository-relative where possible, so annotations land on the right file. Symlinks are
    not resolved: a link is named where it is, never where it points."""
    try:
        return lexical_path(path).relative_to(lexical_path(Path.cwd())).as_posix()
    except ValueError:
        return path.as_posix()


def lexical_path(path: Path) -> Path:
    """Absolute and normalised ("..", "."), without following any symlink; only the folder the
    process runs in is taken as the system names it (getcwd is already resolved)."""
    return Path(os.path.normpath(os.path.abspath(path)))


@yields("path-outside-layout", "unknown-province-folder", "bad-month-file-name")
def locate(path: Path, data_root: Path) -> Location:
    """Read province and month from where the file sits."""
    shown = display_path(path)
    try:
        parts = lexical_path(path).relative_to(lexical_path(data_root / PROVINCES_DIR)).parts
    except ValueError:
        parts = ()
    if len(parts) != 2:
        return Location(None, None, (Finding("path-outside-layout", shown, value=shown),))
    slug: str | None
    slug, name = parts
    findings = []
    if admin_units().province_by_slug(slug) is None:
        findings.append(
            Finding("unknown-province-folder", shown, value=slug, params={"hint": _slug_hint(slug)})
        )
        slug = None
    match = MONTH_FILE.match(name)
    if not match:
        findings.append(Finding("bad-month-file-name", shown, value=name))
    month = f"{match[1]}-{match[2]}" if match else None
    return Location(slug, month, tuple(findings))


def _slug_hint(slug: str) -> str:
    units = admin_units()
    province = units.province_by_name(slug.replace("-", " "))
    if province is not None:
        return f" Có phải ý bạn là “{province.slug}” ({province.name})?"
    return ""


def province_files(data_root: Path) -> list[Path]:
    """Every entry under the provinces folder that is not a folder (symlinks and other
    non-regular entries included, so they can be refused), sorted, for a whole-dataset run."""
    base = data_root / PROVINCES_DIR
    return entries(base) if base.is_dir() and not base.is_symlink() else []


def entries(folder: Path) -> list[Path]:
    """Everything below `folder` that is not a real folder, sorted. Nothing is followed: a
    symlink (to a file or to a folder) is listed as itself and never entered."""
    found: list[Path] = []
    for parent, dirs, files in os.walk(folder, followlinks=False):
        base = Path(parent)
        found += (base / name for name in files)
        # os.walk lists a symlink to a folder among the folders and does not enter it.
        found += (base / name for name in dirs if (base / name).is_symlink())
    return sorted(found)


def is_side_file(path: Path) -> bool:
    return bool(SIDE_FILES.match(path.name))
