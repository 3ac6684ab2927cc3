"""Accessibility and quality in a real browser (Debian Chromium, a 360 px phone):

- axe-core reports no serious or critical violation on any page type of the site;
- Lighthouse scores at least 95 for accessibility, best practices and SEO on the home page, a
  province page and a leaflet page (scores, not timings; `scripts/benchmarks/quality.py` prints
  them for the national site)."""

from __future__ import annotations

import sys

import pytest
from browser import axe_violations, chromium_path, require, settle

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


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_serious_accessibility_violation(site_url, page, path):
    response = page.goto(site_url + path, wait_until="load")
    assert response is not None and response.status == 200, f"{path}: HTTP {response and response.status}"
    settle(page)  # what scripts render (search results, the nearest list, markers)
    assert axe_violations(page) == []


@pytest.fixture(scope="module")
def lighthouse_ready() -> None:
    chromium_path()
    reason = quality.available()
    if reason:
        require(reason)


@pytest.mark.browser
@pytest.mark.parametrize("label", ["trang chủ", "tỉnh", "tờ rơi"])
def test_lighthouse_scores_at_least_95(lighthouse_ready, sample_site, site_url, label):
    path = next(p for name, p in quality.pages(sample_site).items() if name.startswith(label))
    report = quality.lighthouse(site_url + path)
    scores = quality.scores(report)
    assert min(scores.values()) >= quality.TARGET, (scores, quality.failed_audits(report))
