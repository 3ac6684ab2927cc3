"""The nearest-point finder (gan-toi/) in headless Chromium with a mocked geolocation.

The expected answers are computed here, independently of the page's script: every published
point of the sample at the position the finder stores (rounded to 1/SCALE degree, under 0.45 m),
ranked by generator.geo.haversine_km, ties in the published order (province code, point code);
the directions links go to the exact published position. Nothing leaves localhost: any other
request is aborted and recorded.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from browser import Offline
from sample_data import sample_validation

from generator.enrich import enrich
from generator.geo import format_km, haversine_km
from generator.merge import latest_month, merge
from generator.model import Point
from generator.render.format import directions_links, point_anchor, point_path
from generator.render.nearest import SCALE, grid_ordered_points
from generator.text import fold
from generator.units import admin_units

FINDER = "gan-toi/"


@pytest.fixture(scope="module")
def published() -> list[Point]:
    validation = sample_validation()
    directory = enrich(merge(validation.validated, latest_month(validation.validated)))
    return grid_ordered_points(directory)[0]


def stored(value: float | None) -> float:
    """A coordinate as the finder stores it: whole units of 1/SCALE degree."""
    assert value is not None
    return round(value * SCALE) / SCALE


def nearest_in_python(points: list[Point], lat: float, lon: float, k: int = 5) -> list[tuple[Point, float]]:
    ranked = sorted((haversine_km(lat, lon, stored(p.lat), stored(p.lon)), i) for i, p in enumerate(points))
    return [(points[i], d) for d, i in ranked[:k]]


def card_href(point: Point) -> str:
    return f"../{point_path(point.province_slug, point.commune_code, point.code)}"


def shown_results(page) -> list[dict]:
    page.wait_for_selector("#db-nearest-list li")
    return page.eval_on_selector_all(
        "#db-nearest-list > li",
        """items => items.map(li => ({
            href: li.querySelector("h3 a").getAttribute("href"),
            name: li.querySelector("h3 a").textContent,
            km: li.querySelector(".db-nearest__km").textContent,
            approximate: !!li.querySelector(".db-approx"),
            phones: [...li.querySelectorAll('a[href^="tel:"]')].map(a => a.getAttribute("href")),
            directions: [...li.querySelectorAll(".db-card__links a")].map(a => a.getAttribute("href")),
        }))""",
    )


def expected_results(points: list[Point], lat: float, lon: float) -> list[dict]:
    return [
        {
            "href": card_href(p),
            "name": p.name,
            "km": f"{format_km(d)} km",
            "approximate": p.approximate,
            "phones": [f"tel:{e}" for e in (p.fixed_phone_e164, p.mobile_phone_e164) if e],
            "directions": list(directions_links(p.lat, p.lon).values()),
        }
        for p, d in nearest_in_python(points, lat, lon)
    ]


POSITIONS = {
    "Hoàn Kiếm, Hà Nội": (21.0285, 105.8542),
    "Quận 1 cũ, TP. Hồ Chí Minh": (10.7769, 106.7009),
    "Đà Nẵng": (16.0544, 108.2022),
    "Lai Châu": (22.3964, 103.4582),
    "Mũi Cà Mau": (8.6153, 104.7200),
}


@pytest.mark.browser
@pytest.mark.parametrize("place", list(POSITIONS))
def test_geolocation_lists_the_five_nearest_points(browser, site_url, published, place) -> None:
    lat, lon = POSITIONS[place]
    session = Offline(
        browser, phone=True, geolocation={"latitude": lat, "longitude": lon}, permissions=["geolocation"]
    )
    try:
        page = session.page
        page.goto(site_url + FINDER)
        assert shown_results(page) == expected_results(published, lat, lon)
        assert page.inner_text("#db-nearest-heading") == "Theo vị trí của bạn"
        assert page.get_attribute("#db-nearest", "data-source") == "vi-tri"
        assert "từ vị trí của bạn" in page.inner_text("#db-nearest-list")
        assert session.errors == [] and session.outside == []
    finally:
        session.close()


@pytest.mark.browser
def test_grid_search_agrees_with_python_everywhere(browser, site_url, published) -> None:
    """The page's grid search against brute force in Python, over positions across the country
    and beyond it (a reader abroad, the sea off Trường Sa)."""
    rng = random.Random(5)
    positions = [(rng.uniform(5.0, 24.5), rng.uniform(100.0, 118.5)) for _ in range(300)]
    positions += [(13.7563, 100.5018), (35.68, 139.69), (8.64, 111.92), (-33.86, 151.2)]
    session = Offline(browser, phone=True)
    try:
        page = session.page
        page.goto(site_url + FINDER)
        page.evaluate("() => window.dbNearest.ready")
        found = page.evaluate(
            """positions => positions.map(
                ([lat, lon]) => window.dbNearest.nearest(lat, lon, 5).map(f => f.index))""",
            positions,
        )
        index = {p.key: i for i, p in enumerate(published)}
        for (lat, lon), indexes in zip(positions, found, strict=True):
            expected = [index[p.key] for p, _ in nearest_in_python(published, lat, lon)]
            assert indexes == expected, (lat, lon)
    finally:
        session.close()


def legacy_example(province_slug: str, old_name: str):
    units = admin_units()
    province = units.province_by_slug(province_slug)
    old = next(c for c in units.legacy_communes_of(province.code) if c.name == old_name)
    return old, units.communes[old.new_codes[0]]


@pytest.mark.browser
def test_refused_geolocation_offers_the_chooser_with_old_names(browser, site_url, published) -> None:
    old, now = legacy_example("ha-noi", "Phường Phúc Xá")
    assert now.name == "Phường Hồng Hà"  # the official 2025 mapping the page must follow
    session = Offline(browser, phone=True)  # no permission granted: the request is refused
    try:
        page = session.page
        page.goto(site_url + FINDER + "?tinh=ha-noi")
        page.wait_for_selector("#db-nearest[data-geolocation='khong']")
        assert "chưa cho phép" in page.inner_text("#db-nearest-status")
        assert page.is_visible("#db-nearest-commune")
        assert page.input_value("#db-nearest-province") == "ha-noi"
        page.fill("#db-nearest-commune", fold(old.name).removeprefix("phuong "))
        first = page.wait_for_selector(".db-nearest__suggestion")
        assert "Phúc Xá" in first.inner_text() and "Hồng Hà" in first.inner_text()
        first.click()
        page.wait_for_selector("#db-nearest[data-source='xa']")
        heading = page.inner_text("#db-nearest-heading")
        assert heading.startswith("Theo trung tâm xã/phường Phường Hồng Hà")
        assert "Phúc Xá" in heading
        assert shown_results(page) == expected_results(published, now.lat, now.lon)
        assert session.errors == [] and session.outside == []
    finally:
        session.close()


@pytest.mark.browser
def test_old_name_from_a_merged_province_without_diacritics(browser, site_url, published) -> None:
    """A commune of the former Hà Giang province, typed unaccented, with no province chosen;
    the hash form #tinh-<slug> of the link also preselects."""
    units = admin_units()
    tuyen_quang = units.province_by_slug("tuyen-quang")
    old = next(
        c
        for c in units.legacy_communes_of(tuyen_quang.code)
        if c.old_province == "Tỉnh Hà Giang" and "đ" in c.name.lower() and len(c.new_codes) == 1
    )
    now = units.communes[old.new_codes[0]]
    session = Offline(browser, phone=True)
    try:
        page = session.page
        page.goto(site_url + FINDER + "#tinh-tuyen-quang")
        page.wait_for_selector("#db-nearest[data-geolocation='khong']")
        assert page.input_value("#db-nearest-province") == "tuyen-quang"
        page.select_option("#db-nearest-province", "")
        district = re.sub(r"^(thanh pho|thi xa|huyen|quan) ", "", fold(old.district))
        page.fill("#db-nearest-commune", f"{fold(old.name)} {district}")
        page.wait_for_selector(".db-nearest__suggestion")
        page.press("#db-nearest-commune", "Enter")
        page.wait_for_selector("#db-nearest[data-source='xa']")
        heading = page.inner_text("#db-nearest-heading")
        assert heading.startswith(f"Theo trung tâm xã/phường {now.name}"), heading
        assert shown_results(page) == expected_results(published, now.lat, now.lon)
        assert session.errors == [] and session.outside == []
    finally:
        session.close()


@pytest.mark.browser
def test_finder_has_no_serious_accessibility_violations(browser, site_url) -> None:
    from browser import axe_violations

    session = Offline(
        browser, geolocation={"latitude": 21.0285, "longitude": 105.8542}, permissions=["geolocation"]
    )
    try:
        session.page.goto(site_url + FINDER)
        session.page.wait_for_selector("#db-nearest-list li")
        assert axe_violations(session.page) == []
    finally:
        session.close()


def test_leaflets_link_the_finder(sample_site: Path) -> None:
    """Province variants preselect their province; the national leaflets link the plain finder,
    and both targets exist."""
    assert (sample_site / "gan-toi" / "index.html").is_file()
    variant = (sample_site / "to-roi" / "bhxh-tu-nguyen-ha-noi" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../gan-toi/?tinh=ha-noi"' in variant
    for stem in ("bhxh-tu-nguyen", "bhyt-ho-gia-dinh"):
        page = (sample_site / "to-roi" / stem / "index.html").read_text(encoding="utf-8")
        assert page.count('href="../../gan-toi/"') >= 2  # navigation and the leaflet's own line
        assert "?tinh=" not in page
    province = (sample_site / "tinh" / "ha-noi" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../gan-toi/?tinh=ha-noi"' in province


def test_finder_files_hold_every_point_in_order(sample_site: Path, published: list[Point]) -> None:
    """diem.bin and diem.json give back the published positions in the canonical order, cell by
    cell of the grid, and the detail chunks follow the same order (what the script relies on)."""
    import json
    import struct

    folder = sample_site / "gan-toi"
    meta = json.loads((folder / "diem.json").read_text(encoding="utf-8"))
    grid = meta["grid"]
    raw = (folder / "diem.bin").read_bytes()
    offsets = struct.unpack(f"<{len(raw) // 2}H", raw)  # 16-bit offsets: two bytes a coordinate
    cells = [c for c, count in enumerate(grid["counts"]) for _ in range(count)]
    assert meta["count"] == len(published) == len(offsets) // 2 == len(cells)
    for i, (point, cell) in enumerate(zip(published, cells, strict=True)):
        y, x = divmod(cell, grid["cols"])
        lat = grid["lat0"] + y * grid["cell"] + offsets[2 * i]
        lon = grid["lon0"] + x * grid["cell"] + offsets[2 * i + 1]
        assert 0 <= offsets[2 * i] < grid["cell"] and 0 <= offsets[2 * i + 1] < grid["cell"]
        assert (lat, lon) == (round(point.lat * meta["scale"]), round(point.lon * meta["scale"]))
        chunk = json.loads((folder / "chi-tiet" / f"{i // meta['chunk']}.json").read_text(encoding="utf-8"))
        row = dict(zip(meta["layouts"]["detail"], chunk[i % meta["chunk"]], strict=True))
        province = dict(zip(meta["layouts"]["province"], meta["provinces"][row["province"]], strict=True))
        assert province["slug"] == point.province_slug
        assert (row["anchor"], row["name"], bool(row["approximate"]), row["lat"], row["lon"]) == (
            point_anchor(point.code),
            point.name,
            point.approximate,
            point.lat,
            point.lon,
        )
    assert grid["max_abs_lat"] == max(abs(round(p.lat * meta["scale"])) for p in published)


def test_chooser_knows_old_names(sample_site: Path) -> None:
    import json

    chooser = json.loads((sample_site / "gan-toi" / "xa.json").read_text(encoding="utf-8"))
    assert len(chooser["communes"]) == len(admin_units().communes)
    old, now = legacy_example("ha-noi", "Phường Phúc Xá")
    legacy, commune = chooser["layouts"]["legacy"], chooser["layouts"]["commune"]
    rows = [dict(zip(legacy, r, strict=True)) for r in chooser["legacy"]]
    rows = [r for r in rows if r["name"] == old.name and r["district"] == old.district]
    names = [dict(zip(commune, chooser["communes"][r["commune"]], strict=True))["name"] for r in rows]
    assert names == [now.name]
