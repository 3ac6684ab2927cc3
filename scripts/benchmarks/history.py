"""Monthly history at national scale: merge + diff of 30,000 points × 12 months (target ≤ 3 s),
the whole build at 30,000 points with 1, 3 and 12 months of data (target ≤ 30 s for 12 months),
where a build's time goes, and the 300,000-point build (linear: ≤ 10× the 30,000 one; peak memory
≤ 1.5 GB; slow, skipped with BENCH_SKIP_300K=1). Prints figures; asserts nothing."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks._measure import budget, compressed_bytes, kb

from generator.enrich import enrich
from generator.merge import merge_series
from generator.pipeline import validate_dataset
from generator.render.monthly import month_changes
from generator.render.site import render_site
from generator.synth import write_synthetic_dataset

AS_OF = date(2026, 11, 22)
POINTS = 30_000
PEAK_MEMORY_MB = 1536  # 1.5 GB


def _seconds(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def _size(site: Path) -> str:
    files = [p for p in site.rglob("*") if p.is_file()]
    return f"{sum(p.stat().st_size for p in files) / 1024 / 1024:.1f} MB in {len(files)} files"


def _dataset(work: Path, points: int, months: int) -> Path:
    out = work / f"synth-{points}-{months}"
    seconds, _ = _seconds(lambda: write_synthetic_dataset(out, points=points, months=months, seed=1))
    print(f"synthetic {points:,} points × {months} months: {seconds:.1f} s")
    return out


def _cpu() -> float:
    """CPU seconds of this process's finished children (the build, its workers, Chromium)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def _build(data: Path, label: str) -> tuple[float, float]:
    """The build command as a person runs it, in a fresh process (a build inside this one would
    inherit the caches and heap of the builds before it, and its collector would scan them).
    Wall time, and CPU time: on a machine shared with other work the CPU figure is the one
    that does not depend on the load (wall ≈ CPU minus what the 2 validation workers overlap).
    Also its peak memory in MB: the largest resident size of the build or any process it ran
    (its validation workers, Chromium), as the kernel counted it for that process tree alone."""
    out = data.parent / f"site-{data.name}"
    command = [sys.executable, "-m", "generator", "build", "--data", str(data), "--out", str(out)]
    command += ["--as-of", AS_OF.isoformat(), "--no-cache"]  # the whole work; incremental.py times the cache
    # The data's newest month, not the calendar's: the figures must not depend on the day they run.
    command += ["--month", max(p.stem for p in data.glob("provinces/*/*.csv"))]
    cpu = _cpu()
    seconds, peak = _seconds(lambda: _peak_memory_mb(command))
    load = os.getloadavg()[0]
    print(
        f"build {label}: {seconds:.1f} s wall, {_cpu() - cpu:.1f} s CPU (load {load:.1f}), "
        f"peak memory {peak:,.0f} MB; site {_size(out)}"
    )
    shutil.rmtree(out, ignore_errors=True)
    return seconds, peak


def _peak_memory_mb(command: list[str]) -> float:
    """Runs `command`; the largest resident size of it and its descendants. `os.wait4` gives the
    figure of this child alone (RUSAGE_CHILDREN would be the largest of every child so far)."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    return usage.ru_maxrss / 1024  # kilobytes on Linux


def merge_and_diff(data: Path) -> None:
    validation_s, validation = _seconds(lambda: validate_dataset(data))
    files = validation.files
    print(f"validate {files} files (once each, all cores): {validation_s:.1f} s")
    validated = validation.validated
    month = max(v.loaded.month for v in validated if v.loaded.month)
    merge_s, series = _seconds(lambda: merge_series(validated, month))
    diff_s, changes = _seconds(lambda: [month_changes(directory) for directory in series])
    total = sum(sum(c.totals[:3]) for c in changes)
    print(f"merge series ({len(series)} months): {merge_s:.2f} s; diffs: {diff_s:.2f} s; {total:,} changes")
    budget(f"merge + diff {POINTS:,} × {len(series)} months", merge_s + diff_s, 3, "s")
    enrich_s, current = _seconds(lambda: enrich(series[-1]))
    render_s, pages = _seconds(lambda: render_site(current, [*series[:-1], current]))
    print(f"enrich: {enrich_s:.2f} s; render_site (all renderers): {render_s:.1f} s, {len(pages)} files")
    history = {k: v for k, v in pages.items() if k.startswith("thay-doi/")}
    biggest = max((k for k in history if k.endswith(".md")), key=lambda k: len(history[k]))
    size = len(history[biggest].encode() if isinstance(history[biggest], str) else history[biggest])
    whole = kb(sum(map(len, history.values())))
    print(f"largest month page source: {biggest} {kb(size)}; thay-doi/ total {whole}")


def report(data: Path, site: Path) -> None:
    for name in ("thay-doi/index.html", "thong-ke/index.html", "thay-doi/atom.xml"):
        if (site / name).exists():
            print(f"{name}: {kb((site / name).stat().st_size)}, {kb(compressed_bytes(site / name))} gzip")
    months = sorted((site / "thay-doi").glob("*/index.html"))
    if months:
        largest = max(months, key=lambda p: p.stat().st_size)
        print(f"largest month page: {largest.parent.name}: {kb(largest.stat().st_size)}, "
              f"{kb(compressed_bytes(largest))} gzip")  # fmt: skip
    work = Path(tempfile.mkdtemp(prefix="bench-history-"))
    try:
        twelve = _dataset(work, POINTS, 12)
        merge_and_diff(twelve)
        one_month, _ = _build(_dataset(work, POINTS, 1), f"{POINTS:,} points × 1 month")
        _build(_dataset(work, POINTS, 3), f"{POINTS:,} points × 3 months")
        twelve_s, _ = _build(twelve, f"{POINTS:,} points × 12 months")
        budget(f"build {POINTS:,} points × 12 months", twelve_s, 30, "s")
        if os.environ.get("BENCH_SKIP_300K") == "1":
            print("300,000 points: skipped (BENCH_SKIP_300K=1)")
            return
        big, peak = _build(_dataset(work, 10 * POINTS, 1), f"{10 * POINTS:,} points × 1 month")
        budget("300,000-point build / 30,000-point build", big / one_month, 10, "×")
        # Memory bounded by one month, not by the series nor the whole rendered site (issue 20).
        budget("300,000-point build, peak memory", peak, PEAK_MEMORY_MB, "MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)
