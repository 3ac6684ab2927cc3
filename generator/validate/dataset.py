"""Validating a data folder or a list of paths: every submission, grouped by province folder and
checked oldest first (a folder's months share the rows already checked). Used by the build, the
signage job and the pull request check alike.

One process: worker processes shortened the wall time on two cores but cost more CPU than they
saved (forking, then pickling every point and finding back to the parent: 30,000 rows took 4.3 s
CPU with two workers, 3.5 s in one process), and CPU is what a shared machine or a CI runner
pays for."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from generator.findings import Finding, has_errors, yields
from generator.load import load_file
from generator.load.layout import (
    LIST_SUFFIXES,
    display_path,
    entries,
    is_side_file,
    lexical_path,
    province_files,
)
from generator.load.safe_read import entry_kind, is_regular
from generator.load.side_files import check_side_file
from generator.validate import ValidatedFile, validate_file
from generator.validate.cache import ValidationCache
from generator.validate.memo import RowMemo, forget_folder


@dataclass(frozen=True)
class ValidationRun:
    validated: tuple[ValidatedFile, ...]
    findings: list[Finding]
    files: int

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)


@yields("path-outside-layout")
def submission_paths(paths: list[Path], data_root: Path) -> tuple[list[Path], list[Finding]]:
    """Expand folders into the CSV submissions they hold. Inside provinces/ anything that is
    neither a monthly CSV nor a known side file breaks the layout convention; a side file is
    checked with the loader the build uses; a symlink or other non-regular entry is refused
    wherever it is and never followed (nor is any path resolved through one)."""
    found: list[Path] = []
    findings: list[Finding] = []
    in_provinces = lexical_path(data_root / "provinces")
    for path in paths:
        if is_side_file(path) and is_regular(path):  # named on its own: checked as the build reads it
            findings += check_side_file(path)
            continue
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            found.append(path)  # load_file refuses what is not a regular file
            continue
        for file in entries(path):
            inside = lexical_path(file).is_relative_to(in_provinces)
            if not is_regular(file):
                findings.append(_not_regular(file))
            elif file.suffix.lower() in LIST_SUFFIXES and (inside or not _under_data_root(file, data_root)):
                found.append(file)
            elif inside and is_side_file(file):
                findings += check_side_file(file)
            elif inside:
                shown = display_path(file)
                findings.append(Finding("path-outside-layout", shown, value=shown))
    return sorted(set(found)), findings


@yields("not-regular-file")
def _not_regular(path: Path) -> Finding:
    shown = display_path(path)
    kind = entry_kind(path.lstat().st_mode)
    return Finding("not-regular-file", shown, value=shown, params={"kind": kind})


def _under_data_root(path: Path, data_root: Path) -> bool:
    return lexical_path(path).is_relative_to(lexical_path(data_root))


def validate_paths(
    paths: list[Path],
    data_root: Path,
    province: str | None = None,
    month: str | None = None,
    cache_dir: Path | None = None,
    defer_points: bool = False,
) -> ValidationRun:
    """`cache_dir`: keep each list's result there, and reuse it while the list and the tool are
    unchanged (see validate/cache.py); None checks everything again. `defer_points`: a result
    found in the cache comes without its points (`points_deferred`; `with_points` reads them),
    for a caller that may not need them (a province whose merge is cached: merge/cache.py)."""
    with _no_cycle_collection():
        return _validate_paths(paths, data_root, province, month, cache_dir, defer_points)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Validation builds tens of thousands of rows, findings and points that all stay alive, and
    makes no reference cycles worth collecting: the cycle collector would only walk them again and
    again (a tenth of the CPU of a national run). It runs again afterwards, as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # Everything made meanwhile is counted as young: enabling the collector as it is would
            # walk all of it at the next allocation (a twentieth of a national run's CPU). Frozen
            # then unfrozen, it goes straight to the oldest generation, walked when that one is.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _validate_paths(
    paths: list[Path],
    data_root: Path,
    province: str | None,
    month: str | None,
    cache_dir: Path | None,
    defer_points: bool,
) -> ValidationRun:
    files, findings = submission_paths(paths, data_root)
    keys: dict[Path, str | None] = {}
    by_path = _cached(files, data_root, province, month, cache_dir, defer_points, keys)
    # A folder's lists (a province's months) are checked together, oldest first, sharing the
    # rows already checked.
    folders: dict[Path, list[Path]] = {}
    for path in files:
        if path not in by_path:
            folders.setdefault(path.parent, []).append(path)
    jobs = [(group, data_root, province, month, cache_dir, keys) for group in folders.values()]
    by_path |= {item.loaded.path: item for job in jobs for item in _validate_folder(job)}
    validated = tuple(by_path[path] for path in files)
    if province is None:  # where the files sit says their month (not a clerk's --province/--month)
        validated = _one_list_per_month(validated)
    for item in validated:
        findings.extend(item.findings)
    return ValidationRun(validated, findings, len(files))


def _cached(
    files: list[Path],
    data_root: Path,
    province: str | None,
    month: str | None,
    cache_dir: Path | None,
    defer_points: bool = False,
    keys: dict[Path, str | None] | None = None,
) -> dict[Path, ValidatedFile]:
    """The results kept in the cache; `keys` gets each file's key, which the lists not found
    are then kept by (a file read and digested once)."""
    if cache_dir is None:
        return {}
    cache = ValidationCache(cache_dir)
    found = {}
    for path in files:
        key = cache.key(path, data_root, province, month)
        if keys is not None:
            keys[path] = key
        item = cache.get(key, points=not defer_points) if key else None
        if item is not None:
            found[path] = item
    cache.digests.save()
    return found


@yields("two-lists-one-month")
def _one_list_per_month(validated: tuple[ValidatedFile, ...]) -> tuple[ValidatedFile, ...]:
    """`2026-11.csv` beside `2026-11.xlsx`: nothing says which one the province meant, so
    neither is published until one is deleted."""
    months: dict[tuple[str, str], list[str]] = {}
    for item in validated:
        if item.loaded.province_slug and item.loaded.month:
            months.setdefault((item.loaded.province_slug, item.loaded.month), []).append(item.loaded.file)
    result = []
    for item in validated:
        files = months.get((item.loaded.province_slug or "", item.loaded.month or ""), [])
        if len(files) > 1:
            others = ", ".join(f for f in files if f != item.loaded.file)
            finding = Finding(
                "two-lists-one-month", item.loaded.file, value=item.loaded.file, params={"other": others}
            )
            # No longer the cached result of the list alone: nothing may be keyed by its digest.
            findings = (finding, *item.findings)
            item = replace(item, findings=findings, points=(), digest="", points_deferred=False)
        result.append(item)
    return tuple(result)


def _validate_folder(job: tuple) -> list[ValidatedFile]:
    paths, data_root, province, month, cache_dir, keys = job
    memo = RowMemo()
    cache = ValidationCache(cache_dir) if cache_dir else None
    validated = []
    for index, path in enumerate(paths):
        memo.keep = index < len(paths) - 1  # the last list leaves nothing for a later one
        if path in keys:  # looked up already, and not found: only to be kept
            key, item = keys[path], None
        else:
            key = cache.key(path, data_root, province, month) if cache else None
            item = cache.get(key) if cache and key else None
        if item is None:
            item = validate_file(load_file(path, data_root, province, month), memo)
            # The raw table has served its purpose; not carrying it keeps memory and pickling small.
            item = replace(item, loaded=replace(item.loaded, table=None))
            if cache and key:
                cache.put(key, item)
                item = replace(item, digest=key)
        validated.append(item)
    forget_folder()
    return validated


def with_points(item: ValidatedFile, data_root: Path, cache_dir: Path | None) -> ValidatedFile:
    """`item` with its points, read from the cache where `validate_paths(defer_points=True)`
    left them, or validated again if its entry was deleted since (the cache is safe to delete
    at any time)."""
    if not item.points_deferred:
        return item
    if cache_dir is not None:
        found = ValidationCache(cache_dir).get(item.digest)
        if found is not None:
            return found
    loaded = item.loaded
    return _validate_folder(([loaded.path], data_root, None, None, cache_dir, {}))[0]


def validate_dataset(
    data_root: Path, cache_dir: Path | None = None, defer_points: bool = False
) -> ValidationRun:
    paths = province_files(data_root) and [data_root / "provinces"]
    return validate_paths(paths, data_root, cache_dir=cache_dir, defer_points=defer_points)
