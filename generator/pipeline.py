"""The pipeline, in order: load → validate → merge → enrich → render → build."""

from __future__ import annotations

import calendar
import gc
import os
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path

import yaml

from generator.build import SPOOL_PREFIX, BuildError, build_site
from generator.build.cache import OutputCache
from generator.build.pdf import print_pdf_sets
from generator.build.spool import PageSpool
from generator.cache_entries import prune
from generator.clock import current_month, vietnam_today
from generator.compiled import keep_compiled
from generator.contract import PROJECT_ROOT
from generator.enrich import enrich
from generator.findings import Finding
from generator.load.layout import display_path
from generator.merge import Replay, latest_month, merge, merge_series, resolve_month, summarised
from generator.merge.cache import MergeCache
from generator.policy import PolicyError, example_support_errors, load_local_supports, load_policy
from generator.policy.fields import read_yaml
from generator.render.format import month_label
from generator.render.site import LEAFLET_PDF_DIR, PRINT_DIRS, LeafletInputs, render_site
from generator.synth.reference import load_quantities
from generator.units import admin_units
from generator.validate.cache import tool_version
from generator.validate.dataset import (  # noqa: F401  (re-exported: the CLI and tests call them here)
    ValidationRun,
    submission_paths,
    validate_dataset,
    validate_paths,
    with_points,
)

POLICY_PATH = PROJECT_ROOT / "directory_data" / "chinh-sach.yaml"
MKDOCS_CONFIG = PROJECT_ROOT / "mkdocs.yml"
HELD_PREFIX = "Không công bố: "


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


def site_url(config: Path = MKDOCS_CONFIG) -> str | None:
    """`extra.site_address` of mkdocs.yml: the address printed on paper and encoded in the QR
    codes."""

    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml names Python callables (`!!python/name:`); only the plain keys matter here.
    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader) or {}
    url = (data.get("extra") or {}).get("site_address")
    return url if isinstance(url, str) and url.strip() else None


def quantities_by_province() -> list[dict]:
    """Phụ lục 3 of plan 910/KH-BHXH (2018) summed over the old provinces of each 2025 one."""
    totals: dict[str, dict] = defaultdict(lambda: {"old": [], "bhxh": 0, "bhyt": 0, "signs": 0})
    for row in load_quantities():
        entry = totals[row.province_code]
        entry["old"].append(row.old_name)
        entry["bhxh"] += row.leaflets_bhxh
        entry["bhyt"] += row.leaflets_bhyt
        entry["signs"] += row.signs
    provinces = admin_units().provinces
    return [{"code": code, "name": provinces[code].short_name, **totals[code]} for code in sorted(totals)]


def leaflet_inputs(
    data_root: Path, as_of: date, sample: bool, crop_marks: bool, held: list[str]
) -> LeafletInputs:
    """The policy is national (one file in the project); local support comes with the data. A
    province whose support file is bad, or is an example in a build of real data, keeps the
    national leaflet and its file is named in `held`: a province's file never stops the build."""
    try:
        policy = load_policy(POLICY_PATH)
    except PolicyError as exc:
        raise BuildError(str(exc)) from exc
    problems: list[PolicyError] = []
    supports = load_local_supports(data_root / "provinces", problems)
    held += [f"Tờ rơi riêng của tỉnh không được dựng (dùng bản toàn quốc): {p}" for p in problems]
    if not sample:
        for slug, message in example_support_errors(supports).items():
            del supports[slug]
            held.append(f"LỖI: {message}")
    return LeafletInputs(policy, as_of, supports, site_url(), quantities_by_province(), crop_marks)


def print_leaflet_pdfs(
    docs: Path, site: Path, date_epoch: int, cache: OutputCache | None = None
) -> list[str]:
    """From the print pages as they stand in the docs folder (mkdocs copies them unchanged), into
    the site."""
    home, shop = PRINT_DIRS
    pdf_dir = site / "to-roi" / LEAFLET_PDF_DIR
    home_docs = sorted((docs / "to-roi" / home).glob("*.html"))
    shop_docs = sorted((docs / "to-roi" / shop).glob("*.html"))
    sets = [(home_docs, pdf_dir), (shop_docs, pdf_dir / shop)]
    return print_pdf_sets(sets, date_epoch=date_epoch, cache=cache)


def run(
    data_root: Path,
    month: str | None,
    out: Path,
    as_of: date | None = None,
    cache_dir: Path | None = None,
    crop_marks: bool = False,
    *,
    pdf: bool = True,
    province: str | None = None,
) -> str:
    """Build the site for a month: load → validate → merge → enrich → render → build. Without
    `pdf` the leaflet PDFs are not printed (a preview, or a test that does not read them).
    `province` (a slug) previews one province: only its folder is read, so its pages, its
    changes, its downloads and its map are what the whole site would show after its pull
    request, and national pages count that province alone."""
    with _settling_collector() as settled:
        # With a cache, the lists' points stay there until a province's merge needs them.
        deferred = cache_dir is not None
        if province is None:
            validation = validate_dataset(data_root, cache_dir, defer_points=deferred)
        else:
            folder = data_root / "provinces" / province
            validation = validate_paths([folder], data_root, cache_dir=cache_dir, defer_points=deferred)
        settled()
        if latest_month(validation.validated) is None:
            raise BuildError(f"Không có danh sách nào trong {display_path(data_root)}/provinces.")
        today = as_of or vietnam_today()
        # The calendar decides the month, not the newest list: a list for next month waits.
        month = month or current_month(today)
        replay = _replay(data_root, cache_dir)
        series = merge_series(validation.validated, month, replay=replay)
        directory = enrich(series[-1])
        merge_findings = series[-1].findings
        # The month's points before enrich, in the validated lists and the merged month, are not
        # needed any more: only the findings are, for the summary.
        series = [*series[:-1], directory]
        lists_used = {item.digest for item in validation.validated if item.digest}
        validation = replace(validation, validated=())
        settled()
        sample = bool(dataset_info(data_root).get("sample"))
        warnings: list[str] = []
        leaflets = leaflet_inputs(data_root, today, sample, crop_marks, warnings)
        memo = OutputCache(cache_dir) if cache_dir else None
        keep_compiled(cache_dir / "jinja" if cache_dir else None, tool_version())
        with _page_spool(out) as pages, _fewer_collections():
            render_site(directory, series, leaflets=leaflets, into=pages, **_memo(memo))
            settled()
            epoch = month_epoch(month)
            build_site(
                pages,
                out,
                extra={"sample_data": sample, "data_month": month},
                source_date_epoch=epoch,
                alongside=(lambda docs, site: warnings.extend(print_leaflet_pdfs(docs, site, epoch, memo)))
                if pdf
                else None,
                cache=memo,
            )
        if province is None and cache_dir is not None and memo is not None:
            # A whole build: what it did not use is another state of the lists (cache_entries.py).
            prune(cache_dir, lists_used)
            prune(memo.folder, memo.used)
            if isinstance(replay, MergeCache):
                prune(replay.folder, replay.used)
        held = held_files(validation, merge_findings)
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


def _replay(data_root: Path, cache_dir: Path | None) -> Replay:
    """Each province's merged series, the months before the built one as summaries (the pages
    read only their marks, diffs and numbers of points), from the cache where its lists did not
    change."""
    if cache_dir is None:
        return summarised
    return MergeCache(cache_dir, lambda item: with_points(item, data_root, cache_dir))


def _memo(cache: OutputCache | None) -> dict:
    return {"memo": cache, "files_memo": cache.files} if cache else {}


def held_files(validation: ValidationRun, merge_findings: tuple[Finding, ...]) -> list[str]:
    """Every file the build did not publish, with its first problem: lists held whole (an ERROR
    of the file, the removal guard), refused entries and side files. A list with held rows is
    published, and not named here."""
    first: dict[str, str] = {}
    for finding in [*validation.findings, *merge_findings]:
        if finding.holds_file and finding.file not in first:
            first[finding.file] = f"[{finding.code}] {finding.message}"
    # One line each, whatever a file name holds: the deploy job turns each line into an annotation.
    return [" ".join(f"{file} — {message}".split()) for file, message in sorted(first.items())]


@contextmanager
def _page_spool(out: Path) -> Iterator[PageSpool]:
    """The rendered pages on disk beside the output, where the build stages its site (a rename
    away from the docs folder); a killed build's spool is removed by the next build's recovery,
    as its staging folder is."""
    try:
        out.resolve().parent.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f"{SPOOL_PREFIX}{os.getpid()}-", dir=out.resolve().parent))
    except OSError as exc:
        raise BuildError(f"Không ghi được {exc.filename or out}: {exc.strerror or exc}") from exc
    spool = PageSpool(folder)
    try:
        yield spool
    finally:
        spool.close()


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


@contextmanager
def _fewer_collections(young: int = 10_000) -> Iterator[None]:
    """Rendering and mkdocs allocate millions of short-lived strings and lists, few of them in
    cycles: a young collection every 10,000 allocations rather than 700 (and so no full one)
    took the collector's time in rendering and building from 0.8 to 0.3 s CPU at 30,000 points ×
    12 months, for at most that many objects' worth of cyclic garbage waiting."""
    before = gc.get_threshold()
    gc.set_threshold(young, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def month_epoch(month: str) -> int:
    year, number = map(int, month.split("-"))
    return calendar.timegm((year, number, 1, 0, 0, 0))


def month_changes(data_root: Path, month: str | None, province: str | None = None):
    """The changes published in a month: for each province whose list of that month was
    published, against the list it replaced."""
    validation = validate_dataset(data_root)
    month = resolve_month(validation.validated, month, data_root, BuildError)
    directory = merge(validation.validated, month)
    diffs = [
        state.changes()
        for state in directory.provinces
        if state.data_month == month and (province is None or state.province.slug == province)
    ]
    return month, diffs
