"""Validating a data folder or a list of paths: every submission, grouped by province folder and
checked oldest first (a folder's months share the rows already checked), folders on separate cores
for a national run. Used by the build, the signage job and the pull request check alike."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from generator.findings import Finding, has_errors
from generator.load import load_file
from generator.load.layout import display_path, is_side_file, province_files
from generator.units import admin_units
from generator.validate import ValidatedFile, validate_file
from generator.validate.memo import RowMemo

PARALLEL_FROM_JOBS = 8


@dataclass(frozen=True)
class ValidationRun:
    validated: tuple[ValidatedFile, ...]
    findings: list[Finding]
    files: int

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)


def submission_paths(paths: list[Path], data_root: Path) -> tuple[list[Path], list[Finding]]:
    """Expand folders into the CSV submissions they hold. Inside provinces/ anything that is
    neither a monthly CSV nor a known side file breaks the layout convention."""
    found: list[Path] = []
    findings: list[Finding] = []
    for path in paths:
        if path.is_file():
            found.append(path)
            continue
        in_provinces = (data_root / "provinces").resolve()
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            inside = file.resolve().is_relative_to(in_provinces)
            if file.suffix.lower() == ".csv" and (inside or not _under_data_root(file, data_root)):
                found.append(file)
            elif inside and not is_side_file(file):
                shown = display_path(file)
                findings.append(Finding("path-outside-layout", shown, value=shown))
    return sorted(set(found)), findings


def _under_data_root(path: Path, data_root: Path) -> bool:
    return path.resolve().is_relative_to(data_root.resolve())


def validate_paths(
    paths: list[Path], data_root: Path, province: str | None = None, month: str | None = None
) -> ValidationRun:
    files, findings = submission_paths(paths, data_root)
    # A folder's lists (a province's months) are checked together, oldest first, sharing the
    # rows already checked; folders are independent and go to separate cores.
    folders: dict[Path, list[Path]] = {}
    for path in files:
        folders.setdefault(path.parent, []).append(path)
    jobs = [(group, data_root, province, month) for group in folders.values()]
    by_path = {item.loaded.path: item for group in _map(_validate_folder, jobs) for item in group}
    validated = tuple(by_path[path] for path in files)
    for item in validated:
        findings.extend(item.findings)
    return ValidationRun(validated, findings, len(files))


def _validate_folder(job: tuple) -> list[ValidatedFile]:
    paths, data_root, province, month = job
    memo = RowMemo()
    validated = []
    for path in paths:
        item = validate_file(load_file(path, data_root, province, month), memo)
        # The raw table has served its purpose; not carrying it keeps memory and pickling small.
        validated.append(replace(item, loaded=replace(item.loaded, table=None)))
    return validated


def _map(function, jobs: list) -> list:
    """A national run uses every core. Forked workers inherit the administrative units already
    loaded by the parent."""
    workers = min(os.cpu_count() or 1, len(jobs))
    if workers < 2 or len(jobs) < PARALLEL_FROM_JOBS:
        return [function(job) for job in jobs]
    admin_units()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return list(pool.map(function, jobs))


def validate_dataset(data_root: Path) -> ValidationRun:
    return validate_paths(province_files(data_root) and [data_root / "provinces"], data_root)
