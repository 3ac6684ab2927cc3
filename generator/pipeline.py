"""The pipeline, in order: load → validate → merge → enrich → render → build."""

from __future__ import annotations

import calendar
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from generator.build import BuildError, build_site
from generator.build.pdf import print_pdfs
from generator.clock import current_month, vietnam_today
from generator.contract import PROJECT_ROOT
from generator.enrich import enrich
from generator.findings import Finding, Severity, has_errors
from generator.load import load_file
from generator.load.layout import (
    LIST_SUFFIXES,
    display_path,
    entries,
    is_side_file,
    lexical_path,
    province_files,
)
from generator.load.policy import PolicyError, load_local_supports, load_policy
from generator.load.policy_fields import read_yaml
from generator.load.safe_read import entry_kind, is_regular
from generator.load.side_files import check_side_file
from generator.merge import latest_month, merge, merge_series
from generator.render import render_site
from generator.render.format import month_label
from generator.render.leaflets import render_leaflets
from generator.signage.site import render_signage_pages
from generator.units import admin_units
from generator.validate import ValidatedFile, validate_file
from generator.validate.cache import ValidationCache
from generator.validate.memo import RowMemo

PARALLEL_FROM_JOBS = 8
POLICY_PATH = PROJECT_ROOT / "directory_data" / "chinh-sach.yaml"
# Inside to-roi/. The PDFs are printed after mkdocs ran, so mkdocs cannot resolve links to them:
# the leaflet pages link them by their final URL (to-roi/<stem>/ → ../pdf/<stem>.pdf).
LEAFLET_PDF_DIR = "pdf"


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
    neither a monthly CSV nor a known side file breaks the layout convention; a side file is
    checked with the loader the build uses; a symlink or other non-regular entry is refused
    wherever it is and never followed (nor is any path resolved through one)."""
    found: list[Path] = []
    findings: list[Finding] = []
    in_provinces = lexical_path(data_root / "provinces")
    for path in paths:
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
) -> ValidationRun:
    """`cache_dir`: keep each list's result there, and reuse it while the list and the tool are
    unchanged (see validate/cache.py); None checks everything again."""
    files, findings = submission_paths(paths, data_root)
    # A folder's lists (a province's months) are checked together, oldest first, sharing the
    # rows already checked; folders are independent and go to separate cores.
    folders: dict[Path, list[Path]] = {}
    for path in files:
        folders.setdefault(path.parent, []).append(path)
    jobs = [(group, data_root, province, month, cache_dir) for group in folders.values()]
    by_path = {item.loaded.path: item for group in _map(_validate_folder, jobs) for item in group}
    validated = _one_list_per_month(tuple(by_path[path] for path in files))
    for item in validated:
        findings.extend(item.findings)
    return ValidationRun(validated, findings, len(files))


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
            item = replace(item, findings=(finding, *item.findings), points=())
        result.append(item)
    return tuple(result)


def _validate_folder(job: tuple) -> list[ValidatedFile]:
    paths, data_root, province, month, cache_dir = job
    memo = RowMemo()
    cache = ValidationCache(cache_dir) if cache_dir else None
    validated = []
    for path in paths:
        key = cache.key(path, data_root, province, month) if cache else None
        item = cache.get(key) if cache and key else None
        if item is None:
            item = validate_file(load_file(path, data_root, province, month), memo)
            # The raw table has served its purpose; not carrying it keeps memory and pickling small.
            item = replace(item, loaded=replace(item.loaded, table=None))
            if cache and key:
                cache.put(key, item)
        validated.append(item)
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


def validate_dataset(data_root: Path, cache_dir: Path | None = None) -> ValidationRun:
    return validate_paths(
        province_files(data_root) and [data_root / "provinces"], data_root, cache_dir=cache_dir
    )


def dataset_info(data_root: Path) -> dict:
    """directory_data/dataset.yaml: says whether this is sample data (the site then says so)."""
    path = data_root / "dataset.yaml"
    if not os.path.lexists(path):
        return {}
    try:
        info = read_yaml(path)  # the same safe reading as every other YAML of the data
    except PolicyError as exc:
        raise BuildError(str(exc)) from exc
    return info if isinstance(info, dict) else {}


def leaflet_pages(
    data_root: Path, as_of: date, held: list[str] | None = None
) -> tuple[dict[str, str], frozenset[str]]:
    """The leaflet pages, and the provinces that have their own BHXH variant. The policy is
    national (one file in the project); local support comes with the data, and a province whose
    support file is bad keeps the national leaflet (its problem is added to `held`): data never
    stops the build."""
    try:
        policy = load_policy(POLICY_PATH)
    except PolicyError as exc:
        raise BuildError(str(exc)) from exc
    problems: list[PolicyError] = []
    supports = load_local_supports(data_root / "provinces", problems)
    provinces = [(p.slug, p.short_name) for p in admin_units().provinces.values()]
    pages = render_leaflets(policy, as_of, provinces, supports, pdf_link=f"../{LEAFLET_PDF_DIR}/{{stem}}.pdf")
    if held is not None:
        held += [f"Tờ rơi riêng của tỉnh không được dựng (dùng bản toàn quốc): {p}" for p in problems]
    return pages, frozenset(supports)


def print_leaflet_pdfs(docs: Path, site: Path, date_epoch: int) -> list[str]:
    """From the print pages as they stand in the docs folder (mkdocs copies them unchanged), into
    the site."""
    html_files = sorted((docs / "to-roi" / "in").glob("*.html"))
    return print_pdfs(html_files, site / "to-roi" / LEAFLET_PDF_DIR, date_epoch=date_epoch)


def run(
    data_root: Path, month: str | None, out: Path, as_of: date | None = None, cache_dir: Path | None = None
) -> str:
    """Build the site for a month: load → validate → merge → enrich → render → build."""
    with _settling_collector() as settled:
        validation = validate_dataset(data_root, cache_dir)
        settled()
        if latest_month(validation.validated) is None:
            raise BuildError(f"Không có danh sách nào trong {display_path(data_root)}/provinces.")
        today = as_of or vietnam_today()
        # The calendar decides the month, not the newest list: a list for next month waits.
        month = month or current_month(today)
        series = merge_series(validation.validated, month)
        directory = enrich(series[-1])
        settled()
        warnings: list[str] = []
        leaflets, leaflet_variants = leaflet_pages(data_root, today, warnings)
        pages = render_site(directory, leaflet_variants, [*series[:-1], directory]) | leaflets
        pages.update(render_signage_pages(directory))
        settled()
        sample = bool(dataset_info(data_root).get("sample"))
        epoch = month_epoch(month)
        build_site(
            pages,
            out,
            extra={"sample_data": sample, "data_month": month},
            source_date_epoch=epoch,
            alongside=lambda docs, site: warnings.extend(print_leaflet_pdfs(docs, site, epoch)),
        )
        held = held_files(validation, series[-1].findings)
        rows_held = sum(len(s.held) for s in directory.provinces)
        return (
            "".join(w + "\n" for w in warnings)
            + "".join(f"{HELD_PREFIX}{h}\n" for h in held)
            + (
                f"Đã dựng {display_path(out)} cho {month_label(month)}: {len(directory.points)} điểm thu, "
                f"{sum(s.has_data for s in directory.provinces)}/34 tỉnh có dữ liệu; "
                f"{len(held)} file bị giữ lại cả file; {rows_held} dòng bị giữ lại trong các danh sách "
                "đang công bố."
            )
        )


HELD_PREFIX = "Không công bố: "


def held_files(validation: ValidationRun, merge_findings: tuple[Finding, ...]) -> list[str]:
    """Every file the build did not publish, with its first ERROR: lists with an ERROR, lists the
    removal guard held, and refused entries and side files."""
    first: dict[str, str] = {}
    for finding in [*validation.findings, *merge_findings]:
        if finding.severity is Severity.ERROR and finding.file not in first:
            first[finding.file] = f"[{finding.code}] {finding.message}"
    # One line each, whatever a file name holds: the deploy job turns each line into an annotation.
    return [" ".join(f"{file} — {message}".split()) for file, message in sorted(first.items())]


@contextmanager
def _settling_collector() -> Iterator[Callable[[], None]]:
    """What each stage makes lives until the build ends: `settled()` freezes it, so that Python's
    cycle collector stops scanning it again at every full collection, whose count grows with the
    heap (11% of the CPU of a 300,000-point build). Frozen objects are still freed when nothing
    refers to them; at the end the collector gets them back, for a process that goes on."""
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()


def month_epoch(month: str) -> int:
    year, number = map(int, month.split("-"))
    return calendar.timegm((year, number, 1, 0, 0, 0))


def month_changes(data_root: Path, month: str | None, province: str | None = None):
    """The changes published in a month: for each province whose list of that month was
    published, against the list it replaced."""
    validation = validate_dataset(data_root)
    month = month or latest_month(validation.validated)
    if month is None:
        raise BuildError(f"Không có danh sách nào trong {display_path(data_root)}/provinces.")
    directory = merge(validation.validated, month)
    diffs = [
        state.changes()
        for state in directory.provinces
        if state.data_month == month and (province is None or state.province.slug == province)
    ]
    return month, diffs
