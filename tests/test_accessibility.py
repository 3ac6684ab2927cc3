"""Accessibility and quality in a real browser (Debian Chromium, a 360 px phone):

- axe-core reports no serious or critical violation on any page type of the site;
- Lighthouse scores at least 95 for accessibility, best practices and SEO on the home page, a
  province page and a leaflet page (scores, not timings; `scripts/benchmarks/quality.py` prints
  them for the national site)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import WatchedPage, axe_violations, chromium_path, require, settle, watch

from generator.contract import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
from benchmarks import quality

# One page of each type, by what a reader calls it → path under the site root.
PAGE_TYPES = {
    "trang chủ": "",
    "tỉnh": "tinh/lai-chau/",
    "xã, phường": "tinh/ha-noi/phuong-ba-dinh/",
    "tờ rơi": "to-roi/bhxh-tu-nguyen/",
    "tờ rơi BHYT": "to-roi/bhyt-ho-gia-dinh/",
    "tờ rơi của tỉnh": "to-roi/bhxh-tu-nguyen-ha-noi/",
    "tờ rơi BHYT của tỉnh": "to-roi/bhyt-ho-gia-dinh-ha-noi/",
    "thay đổi": "thay-doi/",
    "thay đổi một tháng": "thay-doi/2026-11/",
    "thống kê": "thong-ke/",
    "dữ liệu mở": "du-lieu/",
    "bản đồ": "ban-do/",
    "bản đồ một tỉnh": "ban-do/lai-chau.html",
    "gần tôi": "gan-toi/",
    "tìm kiếm có kết quả": "?q=bưu điện",
    "quy tắc": "quy-tac/",
    "một quy tắc": "quy-tac/unsafe-markup/",
    "hướng dẫn nộp": "huong-dan-nop/",
    "biển hiệu (cán bộ)": "can-bo/bien-hieu/",
    "trang không tồn tại": "404.html",
}


@pytest.fixture(scope="module")
def phone(browser) -> Iterator[WatchedPage]:
    """One phone page (the `page` fixture's 360 × 640, touch) for every page type: each check
    loads its page afresh, so nothing carries over but the browser's context."""
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 360, "height": 640}, has_touch=True, is_mobile=True
    )
    try:
        yield watch(context.new_page())
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_serious_accessibility_violation(site_url, phone, path):
    response = phone.goto(site_url + path, wait_until="load")
    assert response is not None and response.status == 200, f"{path}: HTTP {response and response.status}"
    settle(phone)  # what scripts render (search results, the nearest list, markers)
    assert axe_violations(phone) == []


# The pages Lighthouse scores, by the start of their label in quality.pages().
LIGHTHOUSE_PAGES = ("trang chủ", "tỉnh", "tờ rơi")
LIGHTHOUSE_BATCH = Path(__file__).parent / "lighthouse.mjs"


def lighthouse_reports_of(urls: list[str]) -> list[dict]:
    """Lighthouse's JSON reports of the pages, with quality.lighthouse()'s categories, Chromium
    and flags, all in one Node process and one Chromium (tests/lighthouse.mjs)."""
    settings = {
        "chromePath": str(quality.CHROMIUM),
        "chromeFlags": quality.CHROME_FLAGS.split(),
        "categories": list(quality.CATEGORIES),
        "blockedUrlPatterns": ["*tile.openstreetmap.org*"],
        "urls": urls,
    }
    done = subprocess.run(
        ["node", str(LIGHTHOUSE_BATCH), json.dumps(settings)],
        capture_output=True,
        text=True,
        timeout=300 * len(urls),
        check=False,
        cwd=PROJECT_ROOT,
    )
    assert done.returncode == 0, f"lighthouse {urls}: {done.stderr[-2000:]}"
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def lighthouse_reports(sample_site, site_url) -> dict[str, dict]:
    """The three pages' reports by label, from one Lighthouse session."""
    chromium_path()
    reason = quality.available()
    if reason:
        require(reason)
    labelled = quality.pages(sample_site)
    paths = {label: next(p for n, p in labelled.items() if n.startswith(label)) for label in LIGHTHOUSE_PAGES}
    reports = lighthouse_reports_of([site_url + path for path in paths.values()])
    for (label, path), report in zip(paths.items(), reports, strict=True):
        # The report is the page's own: a redirect or a mix-up would score another page.
        assert report["finalDisplayedUrl"] == site_url + path, (label, report["finalDisplayedUrl"])
    return dict(zip(paths, reports, strict=True))


@pytest.mark.browser
@pytest.mark.parametrize("label", LIGHTHOUSE_PAGES)
def test_lighthouse_scores_at_least_95(lighthouse_reports, label):
    report = lighthouse_reports[label]
    scores = quality.scores(report)
    assert min(scores.values()) >= quality.TARGET, (scores, quality.failed_audits(report))
