"""The builds the validation cache must reproduce, compared on their own worker: a cold cache and
no cache build the same bytes, and a one-province preview is that province of the whole site.
Apart from tests/test_validation_cache.py so that the builds without a cache are made here while
the cold and warm builds are made there (each made once per run, tests/browser.py `run_once`).
"""

from __future__ import annotations

import filecmp
import os
from pathlib import Path

import pytest
from cache_builds import assert_same_site, build_synthetic
from hostile_site import files_of


@pytest.mark.slow
def test_cold_and_no_cache_build_the_same_site(uncached_build, cold_build):
    """`uncached_build` first: it is made here while another worker may be making `cold_build`.
    The two are made from their own copies of the lists, with no cache in common."""
    cold = cold_build[2]
    assert any(p.is_file() for p in (cold_build[1] / "render").rglob("*"))  # the cold one did cache
    assert any((uncached_build / "to-roi" / "pdf").glob("*.pdf"))
    assert_same_site(cold, uncached_build)


@pytest.mark.slow
def test_a_province_preview_is_that_province_of_the_whole_site(tmp_path, renewed):
    """`build --province` reads one province's folder; every page and download of that province
    is the one the whole site publishes. Without PDFs, as `renewed` was built: no leaflet is one
    province's, and printing them would only cost Chromium's time."""
    data, whole = renewed
    preview = tmp_path / "preview"
    # A preview uses a part of the cache: it leaves the rest, even long unused, to whole builds.
    unused = tmp_path / "cache" / "render" / "ff" / ("f" * 64)
    unused.parent.mkdir(parents=True)
    unused.write_bytes(b"")
    os.utime(unused, (0, 0))
    build_synthetic(data, preview, tmp_path / "cache", "--province", "lai-chau", "--no-pdf")
    assert unused.exists()
    own = [p.relative_to(whole) for p in files_of(whole / "tinh" / "lai-chau")]
    own += [Path("ban-do/lai-chau.html")]
    own += [Path("du-lieu/tinh/lai-chau.csv"), Path("du-lieu/tinh/lai-chau.xlsx")]
    assert len(own) > 5
    _, mismatch, errors = filecmp.cmpfiles(whole, preview, own, shallow=False)
    assert mismatch == [] and errors == [], (mismatch[:5], errors[:5])
    # Another province is not read: no list, no commune pages (its page says it has no data).
    assert not (preview / "du-lieu" / "tinh" / "hue.csv").exists()
    assert {p.name for p in (preview / "tinh" / "hue").iterdir()} <= {"index.html", "diem.json"}
