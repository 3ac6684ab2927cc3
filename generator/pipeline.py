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

import yaml

from generator.build import BuildError, build_site
from generator.build.pdf import print_pdfs
from generator.contract import PROJECT_ROOT
from generator.enrich import enrich
from generator.findings import Finding, has_errors
from generator.load import load_file
from generator.load.layout import display_path, is_side_file, province_files
from generator.load.policy import PolicyError, load_local_supports, load_policy
from generator.merge import latest_month, merge, merge_series
from generator.render import render_site
from generator.render.format import month_label
from generator.render.leaflets import render_leaflets
from generator.signage.site import render_signage_pages
from generator.units import admin_units
from generator.validate import ValidatedFile, validate_file
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


def resolve_month(
    validation: ValidationRun, month: str | None, data_root: Path, error: type[Exception] = BuildError
) -> str:
    """The month asked for, else the latest month with a list; `error` when there is no list."""
    month = month or latest_month(validation.validated)
    if month is None:
        raise error(f"Không có danh sách nào trong {display_path(data_root)}/provinces.")
    return month


def dataset_info(data_root: Path) -> dict:
    """directory_data/dataset.yaml: says whether this is sample data (the site then says so)."""
    path = data_root / "dataset.yaml"
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def leaflet_pages(data_root: Path, as_of: date) -> tuple[dict[str, str], frozenset[str]]:
    """The leaflet pages, and the provinces that have their own BHXH variant. The policy is
    national (one file in the project); local support comes with the data."""
    try:
        policy = load_policy(POLICY_PATH)
        supports = load_local_supports(data_root / "provinces")
    except PolicyError as exc:
        raise BuildError(str(exc)) from exc
    provinces = [(p.slug, p.short_name) for p in admin_units().provinces.values()]
    pages = render_leaflets(policy, as_of, provinces, supports, pdf_link=f"../{LEAFLET_PDF_DIR}/{{stem}}.pdf")
    return pages, frozenset(supports)


def print_leaflet_pdfs(docs: Path, site: Path, date_epoch: int) -> list[str]:
    """From the print pages as they stand in the docs folder (mkdocs copies them unchanged), into
    the site."""
    html_files = sorted((docs / "to-roi" / "in").glob("*.html"))
    return print_pdfs(html_files, site / "to-roi" / LEAFLET_PDF_DIR, date_epoch=date_epoch)


def run(data_root: Path, month: str | None, out: Path, as_of: date | None = None, *, pdf: bool = True) -> str:
    """Build the site for a month: load → validate → merge → enrich → render → build. Without
    `pdf` the leaflet PDFs are not printed (a preview, or a test that does not read them)."""
    with _settling_collector() as settled:
        validation = validate_dataset(data_root)
        settled()
        month = resolve_month(validation, month, data_root)
        series = merge_series(validation.validated, month)
        directory = enrich(series[-1])
        settled()
        leaflets, leaflet_variants = leaflet_pages(data_root, as_of or date.today())
        pages = render_site(directory, leaflet_variants, [*series[:-1], directory]) | leaflets
        pages.update(render_signage_pages(directory))
        settled()
        sample = bool(dataset_info(data_root).get("sample"))
        warnings: list[str] = []
        epoch = month_epoch(month)
        build_site(
            pages,
            out,
            extra={"sample_data": sample, "data_month": month},
            source_date_epoch=epoch,
            alongside=(lambda docs, site: warnings.extend(print_leaflet_pdfs(docs, site, epoch)))
            if pdf
            else None,
        )
        rejected = sum(1 for v in validation.validated if not v.publishable)
        return "".join(w + "\n" for w in warnings) + (
            f"Đã dựng {display_path(out)} cho {month_label(month)}: {len(directory.points)} điểm thu, "
            f"{sum(s.has_data for s in directory.provinces)}/34 tỉnh có dữ liệu; "
            f"{rejected} file có lỗi không được công bố."
        )


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
    month = resolve_month(validation, month, data_root)
    directory = merge(validation.validated, month)
    diffs = [
        state.changes()
        for state in directory.provinces
        if state.data_month == month and (province is None or state.province.slug == province)
    ]
    return month, diffs
