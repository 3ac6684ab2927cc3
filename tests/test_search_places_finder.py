"""The finder's notes on the national synthetic site of tests/test_search_places_browser.py (issue
17), at 360 × 640: a far nearest point, a reader outside Việt Nam, distances on the results. Apart
from the queries so that the two run on different workers; the site is built once for both
(`national_site`, tests/browser.py `run_once`). Expected distances are computed here, never by the
page's own code."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import Offline, open_data_points, serve
from test_search_places_browser import HEADER, type_query

from generator.units import admin_units

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def url(national_site: Path) -> Iterator[str]:
    yield from serve(national_site)


@pytest.fixture(scope="module")
def published(national_site: Path) -> list[dict]:
    return open_data_points(national_site)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    rad = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * rad / 2) ** 2
        + math.cos(lat1 * rad) * math.cos(lat2 * rad) * math.sin((lon2 - lon1) * rad / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def finder(browser, url: str, lat: float, lon: float) -> Offline:
    session = Offline(
        browser, phone=True, geolocation={"latitude": lat, "longitude": lon}, permissions=["geolocation"]
    )
    session.page.goto(url + "gan-toi/")
    session.page.wait_for_selector("#db-nearest[data-far]")
    return session


def test_the_finder_says_when_the_nearest_point_is_far(browser, url, published) -> None:
    # The commune centre of Việt Nam farthest from every published point: in the country, far.
    located = [(p["vi_do"], p["kinh_do"]) for p in published]
    remote = max(
        admin_units().communes.values(),
        key=lambda c: min(_km(c.lat, c.lon, lat, lon) for lat, lon in located[::5]),
    )
    nearest = min(_km(remote.lat, remote.lon, lat, lon) for lat, lon in located)
    assert nearest > 30, remote
    session = finder(browser, url, remote.lat, remote.lon)
    try:
        page = session.page
        assert page.get_attribute("#db-nearest", "data-far") == "xa"
        note = page.inner_text("#db-nearest-note")
        assert "xa hơn 30 km" in note and "ngoài Việt Nam" not in note
        assert page.locator(".db-nearest__far").count() == 5
    finally:
        session.close()


def test_the_finder_marks_the_far_points_after_a_near_one(browser, url, published) -> None:
    """An island (Côn Đảo in the issue): the nearest point is on the island, the next ones across
    the sea; each of those says it is far, the near one does not."""
    located = [(p["vi_do"], p["kinh_do"]) for p in published]
    islands = [c for c in admin_units().communes.values() if c.name.startswith("Đặc khu")]
    five = {c.code: sorted(_km(c.lat, c.lon, lat, lon) for lat, lon in located)[:5] for c in islands}
    island = next((c for c in islands if five[c.code][0] <= 30 < five[c.code][4]), None)
    assert island, "the synthetic data must have an island with a point and its next ones across the sea"
    session = finder(browser, url, island.lat, island.lon)
    try:
        page = session.page
        assert page.get_attribute("#db-nearest", "data-far") == "gan"
        marked = page.eval_on_selector_all(
            ".db-nearest__item", "items => items.map(i => Boolean(i.querySelector('.db-nearest__far')))"
        )
        assert marked == [km > 30 for km in five[island.code]]
    finally:
        session.close()


def test_the_finder_says_bangkok_is_outside_vietnam(browser, url) -> None:
    session = finder(browser, url, 13.7563, 100.5018)
    try:
        page = session.page
        assert page.get_attribute("#db-nearest", "data-far") == "ngoai-nuoc"
        assert "Bạn có vẻ đang ở ngoài Việt Nam" in page.inner_text("#db-nearest-note")
    finally:
        session.close()


def test_the_finder_says_nothing_in_hanoi(browser, url) -> None:
    session = finder(browser, url, 21.0285, 105.8542)
    try:
        page = session.page
        assert page.get_attribute("#db-nearest", "data-far") == "gan"
        assert page.locator("#db-nearest-note").is_hidden()
        # The nearest point on the first screen, below the sticky header.
        top = page.evaluate("() => document.querySelector('.db-nearest__item').getBoundingClientRect().top")
        assert HEADER <= top < 640
    finally:
        session.close()


def test_results_show_the_distance_once_the_finder_knows_the_position(browser, url, published) -> None:
    session = finder(browser, url, 21.0285, 105.8542)
    try:
        page = session.page
        type_query(page, url, "hanoi")
        shown = page.eval_on_selector_all(
            ".db-hit",
            "hits => hits.map(h => [h.querySelector('.db-hit__name a').getAttribute('href'),"
            " h.querySelector('.db-hit__km').textContent])",
        )
        where = {p["lien_ket"]: (p["vi_do"], p["kinh_do"], p["vi_tri_gan_dung"]) for p in published}
        assert shown
        for href, text in shown:
            lat, lon, approximate = where[href]
            shown_km = re.fullmatch(r"(khoảng )?(\d+),(\d) km · ", text)
            assert shown_km and bool(shown_km.group(1)) == approximate, text
            # One decimal, from the index's coordinates (rounded to 1 m): within 0.05 km and a hair.
            value = float(f"{shown_km.group(2)}.{shown_km.group(3)}")
            assert abs(value - _km(21.0285, 105.8542, lat, lon)) <= 0.051, (href, text)
    finally:
        session.close()
