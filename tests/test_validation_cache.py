"""Validation results kept between builds: reused while the list and the tool are unchanged, never
the reason a site differs (cold, warm and no cache build the same bytes)."""

from __future__ import annotations

import filecmp
import os

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


@pytest.mark.slow
def test_cold_warm_and_no_cache_build_the_same_site(tmp_path):
    data = tmp_path / "data"
    write_synthetic_dataset(data, points=300, months=2, seed=3)
    cache = tmp_path / "cache"
    env = {"SOURCE_DATE_EPOCH": "0"}
    sites = {}
    for name, options in (("cold", []), ("warm", []), ("none", ["--no-cache"])):
        out = tmp_path / name
        cached = {"DANH_BA_CACHE_DIR": str(cache)} if options == [] else {}
        # PDFs are printed from the site's print pages, which are compared: they need no cache.
        run_generator("build", "--no-pdf", "--data", str(data), "--out", str(out), "--as-of", "2026-11-15",
                      *options, env=env | cached)  # fmt: skip
        sites[name] = out
    assert any(p.is_file() for p in cache.rglob("*"))
    for other in ("warm", "none"):
        names = [p.relative_to(sites["cold"]) for p in files_of(sites["cold"])]
        assert names == [p.relative_to(sites[other]) for p in files_of(sites[other])]
        _, mismatch, errors = filecmp.cmpfiles(sites["cold"], sites[other], names, shallow=False)
        assert mismatch == [] and errors == [], (other, mismatch[:5])
