"""Incremental builds: the 30,000-point × 12-month build with an empty cache, then again after
one province sent a new list (the monthly case: 33 provinces' lists unchanged), and the preview
of that province's pull request (`build --province`). CPU seconds (user + sys) of the build
processes and their children; prints figures, asserts nothing."""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks._measure import budget

from generator.synth import write_synthetic_dataset

POINTS, MONTHS = 30_000, 12
AS_OF = "2026-11-22"


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def _build(data: Path, out: Path, cache: Path, *options: str) -> float:
    command = [sys.executable, "-m", "generator", "build", "--data", str(data), "--out", str(out)]
    command += ["--as-of", AS_OF, *options]
    env = dict(os.environ, DANH_BA_CACHE_DIR=str(cache))
    before = _cpu()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return _cpu() - before


def report(data: Path, site: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-incremental-"))
    try:
        dataset = work / "data"
        write_synthetic_dataset(dataset, points=POINTS, months=MONTHS, seed=1)
        cache, out = work / "cache", work / "site"
        cold = _build(dataset, out, cache)
        budget(f"build {POINTS:,} × {MONTHS} months, cold cache (CPU)", cold, 20, "s")
        latest = max((dataset / "provinces" / "lai-chau").glob("*.csv"))
        text = latest.read_text(encoding="utf-8-sig")
        latest.write_text(text.replace("Bưu điện", "Bưu Điện", 1), encoding="utf-8")
        preview = _build(dataset, work / "preview", cache, "--province", "lai-chau")
        budget("preview of that province's pull request, build --province (CPU)", preview, 5, "s")
        warm = _build(dataset, out, cache)
        budget("same build, warm cache, one province's list changed (CPU)", warm, 5, "s")
        # The list above is the newest, for the month after the one built (AS_OF): the site does
        # not depend on it. The monthly case is a list of the month built: that province's
        # pages, the national files and the changes pages are made again.
        # One build's CPU seconds swing by a fifth from run to run on a shared machine: three
        # months' worth of such changes, each a different one, all printed, their median judged.
        built = dataset / "provinces" / "lai-chau" / f"{AS_OF[:7]}.csv"
        text = built.read_text(encoding="utf-8-sig")
        monthly = []
        for change in ("Bưu Điện", "Bưu điện huyện", "Bưu điện xã"):
            built.write_text(text.replace("Bưu điện", change, 1), encoding="utf-8")
            monthly.append(_build(dataset, out, cache))
        print("  each: " + ", ".join(f"{seconds:.1f} s" for seconds in monthly))
        label = "same build, warm cache, one province's list of the month built changed (CPU, median of 3)"
        budget(label, statistics.median(monthly), 5, "s")
    finally:
        shutil.rmtree(work, ignore_errors=True)
