"""Shared helpers for the validator tests: run a submission through load → validate and compare
findings as compact `(row, column, code)` tuples, the row as a spreadsheet shows it (header = 1)."""

from __future__ import annotations

import codecs
import os
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import browser, cold_page, national_site, page, sample_site, site_url  # noqa: F401  (fixtures)
from cache_builds import cold_build, renewed, uncached_build  # noqa: F401  (fixtures)
from hostile_site import hostile_data, hostile_signage, hostile_site  # noqa: F401  (fixtures)
from legacy_encodings import to_cp1258, to_tcvn3, to_vni

from generator.contract import PROJECT_ROOT
from generator.load import load_file
from generator.validate import ValidatedFile, validate_file

# The calendar decides the site's month (generator/clock.py): every test, and every process a
# test starts, lives on the same day, whatever the date the suite runs.
TODAY = "2026-11-22"
os.environ["DANH_BA_TODAY"] = TODAY

DATA_ROOT = PROJECT_ROOT / "directory_data"
SUBMISSIONS = Path(__file__).parent / "fixtures" / "submissions"
MONTH = "2026-11"
# Fixtures are Lai Châu lists unless the problem needs another province.
PROVINCE_OF = {
    "xa-trung-ten-khong-dau.csv": "hai-phong",  # has both Cẩm Giàng and Cẩm Giang
    # Pre-2025 place names, each in the 2025 province that took them in (tests/test_places.py).
    "tinh-cu-trong-tinh-moi.csv": "ho-chi-minh",
    "phuong-danh-so-theo-quan.csv": "ho-chi-minh",
    "thi-tran-va-dia-chi.csv": "ca-mau",
    "xa-cu-trung-ten-xa-moi.csv": "dien-bien",
    "xa-doi-ten-truoc-2024.csv": "bac-ninh",
    "xa-cu-chia-nhieu-xa.csv": "ha-noi",
    "xa-trong-doc-quan-cu.csv": "da-nang",
    "xa-ghi-nhieu-ten.csv": "quang-tri",
    "xa-mau-thuan-quan-huyen.csv": "da-nang",
    "xa-viet-sai-khoang-trang.csv": "quang-ngai",
    "o-xa-khong-phai-ten-xa.csv": "tay-ninh",
    # dien-thoai/: phones read with the area codes of 2025 provinces that took in several old ones.
    "ma-vung-cu.csv": "an-giang",
    "ma-vung-cu-mat-so-0.csv": "da-nang",
    "khong-ma-vung.csv": "ha-noi",
    "khong-ma-vung-tinh-cu.csv": "an-giang",
    "khong-ma-vung-mo-ho.csv": "hai-phong",
    "nhieu-so-mot-o.csv": "vinh-long",
    "so-cu-6-chu-so.csv": "quang-tri",
    "so-cu-7-chu-so-ha-noi.csv": "ha-noi",
}

Triple = tuple[int | None, str | None, str]

# Fixtures that wait for a full build (the sample, hostile, national sites, the cache's builds):
# every test using them is `slow`, so that `-m "not slow and not browser"` stays a one-minute
# loop without a list to keep up to date.
FULL_BUILD_FIXTURES = {
    "sample_site",
    "site_url",
    "hostile_site",
    "cold_build",
    "uncached_build",
    "renewed",
    "national_site",
}


@pytest.fixture(scope="session", autouse=True)
def build_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One incremental build cache (DANH_BA_CACHE_DIR: validation results, mkdocs pages, leaflet
    PDFs) for every build of the run that does not test the cache itself, shared by the xdist
    workers: a PDF or a page made from the same input by another test is reused, as a monthly
    build reuses it (the cache's own tests, tests/test_validation_cache.py, give each build its
    own cold cache and compare them with builds without any). Never the repository's .cache/:
    a run starts cold, as on a clean clone, and leaves nothing behind."""
    import generator.validate.cache as cache

    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if "PYTEST_XDIST_WORKER" in os.environ else base) / "build-cache"
    folder.mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DANH_BA_CACHE_DIR", str(folder))  # for the builds run in their own process
        patch.setattr(cache, "DEFAULT_CACHE_DIR", folder)  # read once, when generator was imported
        yield folder


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--refresh-expected",
        action="store_true",
        help="rewrite tests/expected/site-lai-chau/ from the build (see tests/test_expected_site.py)",
    )


# The modules that take longest, longest first (busy seconds of a loaded CI run in the comments).
# CI runs `-n auto --dist loadfile --no-loadscope-reorder`: each module goes whole to one worker,
# in this order, and a worker takes the next module of the list when it has two tests or fewer
# left, so the long ones start at once and the many short ones fill in behind them instead of one
# long module running alone at the end (xdist's default order is by number of tests). A build
# two modules need (the hostile site, the national site, the cache's builds, the sample site) is
# made once per run by the first worker that asks (`browser.run_once`), the other waits for it:
# the 1st and 2nd start together, each with a build of its own (test_guarantees.py's uncached
# second build while test_guarantees_browser.py builds the site), and the second module of
# every other pair comes well after the first, once the shared build is there. The sample site
# takes the leaflet PDFs the hostile site printed from the run's build cache. A module missing
# from the list only runs later; the order changes no result.
LONGEST_FIRST = (
    "test_guarantees_browser.py",  # 140: builds the hostile site, every page visited in Chromium
    "test_guarantees.py",  # 80: the hostile site again without a cache, the signage outputs twice
    "test_search_places_browser.py",  # 85: a 6,000-point site, queries typed in Chromium
    "test_lighthouse.py",  # 60: the shared sample site, then Lighthouse on three pages
    "test_province_pages.py",  # 49: the largest province at national scale
    "test_search_browser.py",  # 49
    "test_accessibility.py",  # 45: axe on twenty page types
    "test_validation_cache.py",  # 40: the cold build, then warm builds
    "test_search_places_finder.py",  # 35: the finder on the 6,000-point site
    "test_leaflet_paper.py",  # 31
    "test_next_month.py",  # 29: a copy of the repository, check-pr and the data tests inside it
    "test_validation_previews.py",  # 25: the build without a cache, a province preview
    "test_maps.py",
    "test_nearest_browser.py",
    "test_search_index.py",
    "test_leaflet_print.py",
    "test_link_check.py",
    "test_hostile.py",
    "test_pipeline.py",
    "test_clerk_cases.py",
    "test_workflow.py",
)


def _longest_first(item: pytest.Item) -> int:
    name = item.path.name
    return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if FULL_BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    items.sort(key=_longest_first)  # stable: a module's tests keep their order, and stay together


def validated(path: Path, province: str | None = None) -> ValidatedFile:
    """Validate a file as a clerk checking it before putting it in place would
    (`validate --province … --month 2026-11 FILE`)."""
    province = province or PROVINCE_OF.get(path.name, "lai-chau")
    return validate_file(load_file(path, DATA_ROOT, province, MONTH))


def findings(path: Path, province: str | None = None) -> set[Triple]:
    return {(f.row, f.column, f.code) for f in validated(path, province).findings}


def valid_text() -> str:
    return (SUBMISSIONS / "hop-le.csv").read_text(encoding="utf-8")


def format_cases() -> dict[str, bytes]:
    """hop-le.csv as other tools save it, and files that cannot be read as a list at all. Built
    here rather than committed: the bytes are the point, and text shows what they are."""
    text = valid_text()
    tab = text.replace(",", "\t")
    many_columns = ",".join(f"Cột {i}" for i in range(1, 62)) + "\n" + ",".join("x" * 61) + "\n"
    return {
        "utf8-bom.csv": codecs.BOM_UTF8 + text.encode("utf-8"),
        # Excel "Unicode Text (*.txt)": UTF-16 LE with BOM, tab-separated, CRLF.
        "excel-unicode-text.csv": tab.replace("\n", "\r\n").encode("utf-16"),
        "utf16-khong-bom.csv": tab.encode("utf-16-le"),
        "windows-1258.csv": to_cp1258(text),
        "cham-phay.csv": text.replace(",", ";").encode("utf-8"),
        "tab.csv": tab.encode("utf-8"),
        "crlf.csv": text.replace("\n", "\r\n").encode("utf-8"),
        "nfd.csv": unicodedata.normalize("NFD", text).encode("utf-8"),
        "excel-xlsx.csv": b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + bytes(64),
        "excel-xls.csv": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64),
        # Excel's "CSV (Comma delimited)" on a Windows-1252 PC: letters it lacks become "?".
        "excel-csv-comma-delimited.csv": text.encode("cp1252", errors="replace"),
        "tcvn3.csv": to_tcvn3(text),
        "vni.csv": to_vni(text),
        "nhi-phan.csv": bytes(range(256)) * 4,
        "rong.csv": b"",
        "chi-dong-trong.csv": b"\r\n \r\n,,,,\r\n",
        "nhieu-cot.csv": many_columns.encode("utf-8"),
        "ky-tu-dieu-khien.csv": text.replace("Khu 5", "Khu\x075").encode("utf-8"),
    }
