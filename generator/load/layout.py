"""The data layout convention: directory_data/provinces/<slug>/<YYYY-MM>.csv.

Province and month come from the path, never from the file. Besides monthly lists a province
folder may hold `<YYYY-MM>.yaml` (a recorded confirmation for that month) and
`ho-tro-dia-phuong.yaml` (local budget support for the leaflets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.findings import Finding
from generator.units import admin_units

MONTH_FILE = re.compile(r"^(20\d\d)-(0[1-9]|1[0-2])\.csv$")
SIDE_FILES = re.compile(r"^((20\d\d)-(0[1-9]|1[0-2])\.yaml|ho-tro-dia-phuong\.yaml)$")
PROVINCES_DIR = "provinces"


@dataclass(frozen=True)
class Location:
    province_slug: str | None
    month: str | None
    findings: tuple[Finding, ...] = ()


def display_path(path: Path) -> str:
    """Repository-relative where possible, so annotations land on the right file."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def locate(path: Path, data_root: Path) -> Location:
    """Read province and month from where the file sits."""
    shown = display_path(path)
    try:
        parts = path.resolve().relative_to((data_root / PROVINCES_DIR).resolve()).parts
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
    """Every file under the provinces folder, sorted, for a whole-dataset run."""
    base = data_root / PROVINCES_DIR
    return sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else []


def is_side_file(path: Path) -> bool:
    return bool(SIDE_FILES.match(path.name))
