"""Validation results kept between builds: reused while the list and the tool are unchanged, never
the reason a site differs (cold, warm and no cache build the same bytes)."""

from __future__ import annotations

import csv
import filecmp
import os
from pathlib import Path

import pytest
from conftest import SUBMISSIONS, valid_text
from test_guarantees import files_of, run_generator

from generator.pipeline import validate_paths
from generator.synth import write_synthetic_dataset
from generator.validate.cache import ValidationCache


def lai_chau(root, text: str):
    path = root / "provinces" / "lai-chau" / "2026-11.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_result_is_reused_until_the_list_changes(tmp_path):
    data, cache = tmp_path / "data", tmp_path / "cache"
    path = lai_chau(data, valid_text())
    first = validate_paths([data / "provinces"], data, cache_dir=cache).validated
    assert len(list(cache.rglob("*"))) == 2  # one folder, one entry
    again = validate_paths([data / "provinces"], data, cache_dir=cache).validated
    assert again == first and again[0].points == first[0].points
    path.write_text(valid_text().replace("Khu 5", "Khu 6"), encoding="utf-8")
    changed = validate_paths([data / "provinces"], data, cache_dir=cache).validated
    assert {p.address for p in changed[0].points} != {p.address for p in first[0].points}
    assert len([p for p in cache.rglob("*") if p.is_file()]) == 2


def test_a_damaged_entry_is_checked_again(tmp_path):
    data, cache = tmp_path / "data", tmp_path / "cache"
    lai_chau(data, valid_text())
    first = validate_paths([data / "provinces"], data, cache_dir=cache).validated
    for entry in (p for p in cache.rglob("*") if p.is_file()):
        entry.write_bytes(b"not a pickle")
    assert validate_paths([data / "provinces"], data, cache_dir=cache).validated == first


def test_only_regular_files_are_keyed(tmp_path):
    link = tmp_path / "2026-11.csv"
    os.symlink(SUBMISSIONS / "hop-le.csv", link)
    cache = ValidationCache(tmp_path / "cache")
    assert cache.key(link, tmp_path, "lai-chau", "2026-11") is None
    assert cache.key(SUBMISSIONS / "hop-le.csv", tmp_path, "lai-chau", "2026-11") is not None


def _build(data, out, cache, *options: str) -> None:
    env = {"SOURCE_DATE_EPOCH": "0"} | ({"DANH_BA_CACHE_DIR": str(cache)} if cache else {})
    run_generator("build", "--data", str(data), "--out", str(out), "--as-of", "2026-11-15",
                  *options, *([] if cache else ["--no-cache"]), env=env)  # fmt: skip


def _assert_same_site(expected, actual) -> None:
    names = [p.relative_to(expected) for p in files_of(expected)]
    assert names == [p.relative_to(actual) for p in files_of(actual)]
    _, mismatch, errors = filecmp.cmpfiles(expected, actual, names, shallow=False)
    assert mismatch == [] and errors == [], (actual.name, mismatch[:5])


def _new_list(data) -> None:
    """One province sends a corrected list for its latest month: the monthly case."""
    latest = max((data / "provinces" / "lai-chau").glob("*.csv"))
    rows = list(csv.reader(latest.read_text(encoding="utf-8-sig").splitlines()))
    rows[1][rows[0].index("Tên điểm thu")] += " mới"
    with latest.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


@pytest.fixture(scope="module")
def renewed(tmp_path_factory) -> tuple[Path, Path]:
    """The synthetic dataset after a province's new list, and its site built without any cache
    or PDF: what a warm build and a province preview must both reproduce (built once for both)."""
    root = tmp_path_factory.mktemp("renewed")
    data = root / "data"
    write_synthetic_dataset(data, points=300, months=2, seed=3)
    _new_list(data)
    _build(data, root / "whole", None, "--no-pdf")
    return data, root / "whole"


@pytest.mark.slow
def test_cold_warm_and_no_cache_build_the_same_site(tmp_path, renewed):
    """Validation results and built outputs (workbooks, commune pages, mkdocs pages, PDFs) come from
    the cache on a warm build; the site is the same bytes as without any cache, before and after
    a province's new list."""
    data = tmp_path / "data"
    write_synthetic_dataset(data, points=300, months=2, seed=3)
    cache = tmp_path / "cache"
    _build(data, tmp_path / "cold", cache)
    _build(data, tmp_path / "warm", cache)
    _build(data, tmp_path / "none", None)
    assert any(p.is_file() for p in (cache / "render").rglob("*"))
    _assert_same_site(tmp_path / "cold", tmp_path / "warm")
    _assert_same_site(tmp_path / "cold", tmp_path / "none")
    assert any((tmp_path / "warm" / "to-roi" / "pdf").glob("*.pdf"))  # reused PDFs compared too
    _new_list(data)
    assert _same_lists(data, renewed[0])  # so the no-cache build of `renewed` is this data's
    _build(data, tmp_path / "warm-new", cache, "--no-pdf")
    none_new = renewed[1]
    _assert_same_site(none_new, tmp_path / "warm-new")
    changed = none_new / "du-lieu" / "tinh" / "lai-chau.csv"
    assert changed.read_bytes() != (tmp_path / "none" / "du-lieu" / "tinh" / "lai-chau.csv").read_bytes()


def _same_lists(a: Path, b: Path) -> bool:
    names = [p.relative_to(a) for p in files_of(a)]
    if names != [p.relative_to(b) for p in files_of(b)]:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    return mismatch == [] and errors == []


@pytest.mark.slow
def test_a_province_preview_is_that_province_of_the_whole_site(tmp_path, renewed):
    """`build --province` reads one province's folder; every page and download of that province
    is the one the whole site publishes."""
    data, whole = renewed
    preview = tmp_path / "preview"
    _build(data, preview, tmp_path / "cache", "--province", "lai-chau")
    own = [p.relative_to(whole) for p in files_of(whole / "tinh" / "lai-chau")]
    own += [Path("ban-do/lai-chau.html")]
    own += [Path("du-lieu/tinh/lai-chau.csv"), Path("du-lieu/tinh/lai-chau.xlsx")]
    assert len(own) > 5
    _, mismatch, errors = filecmp.cmpfiles(whole, preview, own, shallow=False)
    assert mismatch == [] and errors == [], (mismatch[:5], errors[:5])
    # Another province is not read: no list, no commune pages (its page says it has no data).
    assert not (preview / "du-lieu" / "tinh" / "hue.csv").exists()
    assert {p.name for p in (preview / "tinh" / "hue").iterdir()} <= {"index.html", "diem.json"}
