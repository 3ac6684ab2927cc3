"""Validation results kept between builds: reused while the list and the tool are unchanged, never
the reason a site differs (cold, warm and no cache build the same bytes)."""

from __future__ import annotations

import os
import time

import pytest
from cache_builds import assert_same_site, build_synthetic, new_list, same_lists
from conftest import SUBMISSIONS, valid_text

from generator.cache_entries import UNUSED_DAYS
from generator.pipeline import validate_paths
from generator.validate import cache as validation_cache
from generator.validate.cache import DIGESTS, ValidationCache


def aged_entries(cache, seconds: float) -> set:
    """The cache's entries (their names are keys: 64 hex digits), dated `seconds` ago."""
    entries = {p for p in cache.rglob("*") if p.is_file() and len(p.name) == 64}
    when = time.time() - seconds
    for path in entries:
        os.utime(path, (when, when))
    return entries


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


def test_an_unchanged_list_is_not_read_again_for_its_key_and_a_rewritten_one_is(tmp_path, monkeypatch):
    data, cache = tmp_path / "data", tmp_path / "cache"
    path = lai_chau(data, valid_text())
    monkeypatch.setattr(validation_cache, "_SETTLED_NS", -1)  # as if written long before
    first = validate_paths([data / "provinces"], data, cache_dir=cache).validated
    assert (cache / DIGESTS).is_file()

    def unread(path):
        raise AssertionError(f"{path} read again")

    with monkeypatch.context() as patched:
        patched.setattr(validation_cache, "read_bytes", unread)
        assert ValidationCache(cache).key(path, data, None, None) == first[0].digest
    # Rewritten with as many bytes and its modification time set back: its change time tells.
    before = path.stat()
    path.write_text(valid_text().replace("Khu 5", "Khu 6"), encoding="utf-8")
    assert path.stat().st_size == before.st_size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    changed = validate_paths([data / "provinces"], data, cache_dir=cache).validated
    assert changed[0].digest != first[0].digest
    assert {p.address for p in changed[0].points} != {p.address for p in first[0].points}


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
def test_a_warm_cache_builds_the_same_site_before_and_after_a_new_list(tmp_path, cold_build, renewed):
    """Validation results and built outputs (workbooks, commune pages, mkdocs pages, PDFs) come from
    the cache on a warm build; the site is the same bytes as the cold build's (itself the same as
    without any cache: tests/test_validation_previews.py), before and after a province's new list."""
    data, cache, cold = cold_build  # this test alone writes to them
    # A month later, beside entries no build uses any more: they go, what the build uses stays.
    entries = aged_entries(cache, (UNUSED_DAYS + 1) * 86_400)
    stale = [folder / "ff" / ("f" * 64) for folder in (cache, cache / "merge", cache / "render")]
    for path in stale:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"")
    aged_entries(cache, (UNUSED_DAYS + 1) * 86_400)
    build_synthetic(data, tmp_path / "warm", cache)
    assert not any(path.exists() for path in stale)
    assert entries <= aged_entries(cache, 0)  # every one used by the build (and dated today)
    assert any(p.is_file() for p in (cache / "render").rglob("*"))
    assert_same_site(cold, tmp_path / "warm")
    assert any((tmp_path / "warm" / "to-roi" / "pdf").glob("*.pdf"))  # reused PDFs compared too
    new_list(data)
    assert same_lists(data, renewed[0])  # so the no-cache build of `renewed` is this data's
    build_synthetic(data, tmp_path / "warm-new", cache, "--no-pdf")
    none_new = renewed[1]
    assert_same_site(none_new, tmp_path / "warm-new")
    changed = none_new / "du-lieu" / "tinh" / "lai-chau.csv"
    assert changed.read_bytes() != (cold / "du-lieu" / "tinh" / "lai-chau.csv").read_bytes()
