"""Accessibility in a real browser (Debian Chromium, a 360 px phone): axe-core reports no serious or
critical violation on any page type of the site. Lighthouse's scores: tests/test_lighthouse.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser import WatchedPage, axe_violations, phone_page, settle

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
    """One phone page for every page type: each check loads its page afresh, so nothing carries
    over but the browser's context."""
    with phone_page(browser) as page:
        yield page


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_serious_accessibility_violation(site_url, phone, path):
    response = phone.goto(site_url + path, wait_until="load")
    assert response is not None and response.status == 200, f"{path}: HTTP {response and response.status}"
    settle(phone)  # what scripts render (search results, the nearest list, markers)
    assert axe_violations(phone) == []
