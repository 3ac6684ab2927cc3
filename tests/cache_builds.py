"""The builds of the synthetic dataset that tests/test_validation_cache.py and
tests/test_validation_previews.py compare: each made once per run (tests/browser.py `run_once`),
by whichever worker asks first, so that independent builds are made on both workers at once.
"""

from __future__ import annotations

import csv
import filecmp
from pathlib import Path

import pytest
from browser import run_once
from hostile_site import files_of, run_generator

from generator.synth import write_synthetic_dataset


def build_synthetic(data, out, cache, *options: str) -> None:
    env = {"SOURCE_DATE_EPOCH": "0"} | ({"DANH_BA_CACHE_DIR": str(cache)} if cache else {})
    run_generator("build", "--data", str(data), "--out", str(out), "--as-of", "2026-11-15",
                  *options, *([] if cache else ["--no-cache"]), env=env)  # fmt: skip


def assert_same_site(expected, actual) -> None:
    names = [p.relative_to(expected) for p in files_of(expected)]
    assert names == [p.relative_to(actual) for p in files_of(actual)]
    _, mismatch, errors = filecmp.cmpfiles(expected, actual, names, shallow=False)
    assert mismatch == [] and errors == [], (actual.name, mismatch[:5])


def new_list(data) -> None:
    """One province sends a corrected list for its latest month: the monthly case."""
    latest = max((data / "provinces" / "lai-chau").glob("*.csv"))
    rows = list(csv.reader(latest.read_text(encoding="utf-8-sig").splitlines()))
    rows[1][rows[0].index("Tên điểm thu")] += " mới"
    with latest.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def synthetic(data: Path) -> Path:
    write_synthetic_dataset(data, points=300, months=2, seed=3)
    return data


@pytest.fixture(scope="session")
def cold_build(tmp_path_factory) -> tuple[Path, Path, Path]:
    """(data, cache, site): the synthetic dataset built with a cache of its own, cold. Made once
    per run (`run_once`): tests/test_validation_previews.py compares it with a build without any
    cache, made meanwhile on another worker, and the warm builds below start from its cache."""

    def make(root: Path) -> None:
        build_synthetic(synthetic(root / "data"), root / "cold", root / "cache")

    root = run_once(tmp_path_factory, "cache-cold", make)
    return root / "data", root / "cache", root / "cold"


@pytest.fixture(scope="session")
def uncached_build(tmp_path_factory) -> Path:
    """The same dataset built without any cache, from its own copy of the lists."""

    def make(root: Path) -> None:
        build_synthetic(synthetic(root / "data"), root / "none", None)

    return run_once(tmp_path_factory, "cache-none", make) / "none"


@pytest.fixture(scope="session")
def renewed(tmp_path_factory) -> tuple[Path, Path]:
    """The synthetic dataset after a province's new list, and its site built without any cache
    or PDF: what a warm build and a province preview must both reproduce (built once for both)."""

    def make(root: Path) -> None:
        new_list(synthetic(root / "data"))
        build_synthetic(root / "data", root / "whole", None, "--no-pdf")

    root = run_once(tmp_path_factory, "cache-renewed", make)
    return root / "data", root / "whole"


def same_lists(a: Path, b: Path) -> bool:
    names = [p.relative_to(a) for p in files_of(a)]
    if names != [p.relative_to(b) for p in files_of(b)]:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    return mismatch == [] and errors == []
