"""Typing like citizens type, at 360 × 640, on a national synthetic site (issue 17): places by
their 2025 or pre-2025 names, abbreviations, typos; results on the first screen; the finder's
note for a far point and for a reader outside Việt Nam.

Queries are typed key by key. Expected answers come from the administrative units and the
site's published open data (du-lieu/diem-thu.json), never from the page's own code."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import Offline, open_data_points, serve

from generator.geo import haversine_km
from generator.text import fold
from generator.units import admin_units

pytestmark = pytest.mark.browser
HEADER = 56  # mkdocs-material's sticky header at 360 px


@pytest.fixture(scope="module")
def url(national_site: Path) -> Iterator[str]:
    yield from serve(national_site)


@pytest.fixture(scope="module")
def published(national_site: Path) -> list[dict]:
    return open_data_points(national_site)


def hrefs_in(published: list[dict], codes: set[str]) -> set[str]:
    return {p["lien_ket"] for p in published if p["ma_xa"] in codes}


def old_communes(old_province: str, district: str | None = None) -> set[str]:
    """The 2025 communes that took the territory of a pre-2025 province or district."""
    units = admin_units()
    return {
        code
        for province in units.provinces.values()
        for legacy in units.legacy_communes_of(province.code)
        if legacy.old_province == old_province and district in (None, legacy.district)
        for code in legacy.new_codes
    }


def province_communes(slug: str) -> set[str]:
    units = admin_units()
    return {c.code for c in units.communes_of(units.province_by_slug(slug).code)}


def type_query(page, url: str, query: str, *, enter: bool = False) -> None:
    page.goto(url)
    page.click("#db-q")
    page.keyboard.type(query)
    if enter:
        page.keyboard.press("Enter")
    page.wait_for_function(
        "q => { const r = document.getElementById('db-search');"
        " return r.dataset.ms !== undefined && r.dataset.query === q + '||'; }",
        arg=query,
    )


def first_href(page) -> str:
    return page.get_attribute(".db-hit__name a", "href")


def first_top(page) -> float:
    return page.evaluate("() => document.querySelector('.db-hit').getBoundingClientRect().top")


@pytest.fixture
def phone(browser) -> Iterator[Offline]:
    session = Offline(browser, phone=True)
    yield session
    session.close()


CASES = {
    "binh duong": lambda: old_communes("Tỉnh Bình Dương"),
    "quan 1": lambda: old_communes("Thành phố Hồ Chí Minh", "Quận 1"),
    "q1": lambda: old_communes("Thành phố Hồ Chí Minh", "Quận 1"),
    "q.1": lambda: old_communes("Thành phố Hồ Chí Minh", "Quận 1"),
    "Quận 1": lambda: old_communes("Thành phố Hồ Chí Minh", "Quận 1"),
    "hcm": lambda: province_communes("ho-chi-minh"),
    "sg": lambda: province_communes("ho-chi-minh"),
    "tphcm": lambda: province_communes("ho-chi-minh"),
    "tp hcm": lambda: province_communes("ho-chi-minh"),
    "hanoi": lambda: province_communes("ha-noi"),
    "hn": lambda: province_communes("ha-noi"),
    "daklak": lambda: province_communes("dak-lak"),
    "brvt": lambda: old_communes("Tỉnh Bà Rịa - Vũng Tàu"),
    "sai gon": lambda: province_communes("ho-chi-minh"),
    "quang binh": lambda: old_communes("Tỉnh Quảng Bình"),
    "binh dinh": lambda: old_communes("Tỉnh Bình Định"),
    # Telex leftovers, typed with the phone's Vietnamese keyboard off, and đ typed as "dd".
    "binhf dduwowngf": lambda: old_communes("Tỉnh Bình Dương"),
    "ddaak lawsk": lambda: province_communes("dak-lak"),
    "ddien bien": lambda: province_communes("dien-bien"),
    # Thừa Thiên Huế abbreviated, though "tt" is also thị trấn; a place with the place it lies in.
    "tt hue": lambda: province_communes("hue"),
    "xa binh duong, gia lai": lambda: named_commune("Xã Bình Dương"),
    "Q.1, TP.HCM": lambda: old_communes("Thành phố Hồ Chí Minh", "Quận 1"),
    # Pre-2025 communes typed with their kind, from the table fetched for such a query only; a
    # thị trấn before the district of its name.
    "phuong ben nghe": lambda: old_commune("Phường Bến Nghé"),
    "p. ben nghe": lambda: old_commune("Phường Bến Nghé"),
    "thi tran dien bien dong": lambda: old_commune("Thị trấn Điện Biên Đông"),  # now Xã Na Son
    "tt vung liem": lambda: old_commune("Thị trấn Vũng Liêm"),  # now part of Xã Trung Thành
}


def old_commune(name: str) -> set[str]:
    """The 2025 communes that took a pre-2025 commune of a name of its own."""
    units = admin_units()
    found = [x for p in units.provinces.values() for x in units.legacy_communes_of(p.code) if x.name == name]
    assert len(found) == 1, name
    return set(found[0].new_codes)


def named_commune(name: str) -> set[str]:
    return {c.code for c in admin_units().communes.values() if c.name == name}


@pytest.mark.parametrize("query", list(CASES))
def test_a_place_query_puts_that_place_first_on_the_first_screen(phone, url, published, query: str) -> None:
    expected = hrefs_in(published, CASES[query]())
    assert expected, f"the synthetic data must have points in {query}"
    page = phone.page
    type_query(page, url, query)
    shown = page.eval_on_selector_all(".db-hit__name a", "links => links.map(a => a.getAttribute('href'))")
    assert shown[0] in expected
    # All of the place's points come before anything else.
    assert set(shown[: min(len(expected), len(shown))]) <= expected
    assert first_top(page) < 640
    assert phone.errors == []


def test_an_old_province_that_is_also_a_commune_offers_both(phone, url, published) -> None:
    units = admin_units()
    old_count = len(hrefs_in(published, old_communes("Tỉnh Bình Dương")))
    commune = next(c for c in units.communes.values() if c.name == "Xã Bình Dương")
    commune_count = len(hrefs_in(published, {commune.code}))
    assert commune_count, "the synthetic data must have a point in Xã Bình Dương"
    page = phone.page
    type_query(page, url, "binh duong")
    choices = page.eval_on_selector_all(".db-search__choice", "bs => bs.map(b => b.textContent)")
    assert choices[0] == f"Tỉnh Bình Dương cũ (nay thuộc TP Hồ Chí Minh) — {old_count} điểm"
    assert f"Xã Bình Dương, Gia Lai — {commune_count} điểm" in choices
    page.click(".db-search__choice >> nth=1")
    page.wait_for_function(
        "() => document.querySelector('.db-search__choice[aria-pressed=true]')"
        ".textContent.startsWith('Xã Bình Dương')"
    )
    page.wait_for_function(
        "() => document.getElementById('db-search').dataset.place.startsWith('Xã Bình Dương')"
    )
    assert first_href(page) in hrefs_in(published, {commune.code})


def test_an_old_ward_of_a_number_offers_the_wards_of_that_number_where_they_were(phone, url) -> None:
    page = phone.page
    type_query(page, url, "p 12")
    choices = page.eval_on_selector_all(".db-search__choice", "bs => bs.map(b => b.textContent)")
    assert len(choices) == 3
    assert all(c.startswith("Phường 12 cũ (") and ", nay thuộc Phường " in c for c in choices), choices
    assert len(set(choices)) == 3
    assert phone.errors == []


def test_an_abbreviation_of_two_provinces_offers_both(phone, url) -> None:
    page = phone.page
    type_query(page, url, "dn")
    choices = page.eval_on_selector_all(".db-search__choice", "bs => bs.map(b => b.textContent)")
    assert sorted(c.split(" — ")[0] for c in choices) == ["Thành phố Đà Nẵng", "Tỉnh Đồng Nai"]


def test_a_typo_shows_the_nearest_place_and_a_suggestion_that_corrects_the_box(phone, url, published) -> None:
    page = phone.page
    type_query(page, url, "dien bein")
    assert first_href(page) in hrefs_in(published, province_communes("dien-bien"))
    assert "Không tìm thấy điểm thu nào cho “dien bein”" in page.inner_text(".db-search__status")
    suggestion = page.locator(".db-search__suggestion")
    assert suggestion.inner_text() == "Điện Biên"
    suggestion.click()
    page.wait_for_function("() => document.getElementById('db-search').dataset.query === 'Điện Biên||'")
    assert first_href(page) in hrefs_in(published, province_communes("dien-bien"))


def test_enter_closes_the_keyboard_and_shows_four_results_per_screen(phone, url) -> None:
    page = phone.page
    type_query(page, url, "hanoi", enter=True)
    assert page.evaluate("() => document.activeElement !== document.getElementById('db-q')")
    assert first_top(page) < 640
    page.evaluate(
        "top => scrollTo(0, scrollY + document.querySelector('.db-hit').getBoundingClientRect().top - top)",
        HEADER,
    )
    bottoms = page.eval_on_selector_all(
        ".db-hit", "hits => hits.slice(0, 4).map(h => h.getBoundingClientRect().bottom)"
    )
    assert len(bottoms) == 4 and bottoms[3] <= 640, bottoms


def test_the_match_is_explained_only_when_not_on_the_card(phone, url) -> None:
    page = phone.page
    type_query(page, url, "daklak")
    assert page.locator(".db-hit__why").count() == 0
    assert "Khớp:" not in page.inner_text(".db-search__results")


def test_a_place_at_the_end_of_a_longer_query_narrows_the_other_words(phone, url, published) -> None:
    in_hanoi = {
        p["lien_ket"]
        for p in published
        if p["tinh"] == "Thành phố Hà Nội" and "Viettel" in p["ten_dai_ly_thu"]
    }
    assert in_hanoi
    page = phone.page
    type_query(page, url, "viettel ha noi")
    shown = page.eval_on_selector_all(".db-hit__name a", "links => links.map(a => a.getAttribute('href'))")
    assert shown and set(shown[: min(20, len(in_hanoi))]) <= in_hanoi | {
        p["lien_ket"] for p in published if p["tinh"] == "Thành phố Hà Nội" and "Viettel" in p["ten_diem_thu"]
    }


def test_without_a_position_results_show_no_distance(phone, url) -> None:
    type_query(phone.page, url, "hanoi")
    assert phone.page.locator(".db-hit__km").count() == 0


def unserved_commune(published: list[dict]) -> tuple[str, str, str]:
    """A 2025 commune with no published point whose name no other place has (a commune, district
    or province of any time): its name, its province's slug, and the code of the commune of that
    province with points whose centre is nearest to its own."""
    units = admin_units()
    served = {p["ma_xa"] for p in published}
    provinces = units.provinces.values()
    communes = [c for p in provinces for c in units.communes_of(p.code)]
    legacy = [unit for p in provinces for unit in units.legacy_communes_of(p.code)]
    names = [c.name for c in communes] + [p.name for p in provinces] + [unit.name for unit in legacy]
    names += [unit.district for unit in legacy if unit.district]
    words = " | ".join(fold(name) for name in names) + " |"
    for commune in communes:
        if commune.code not in served and words.count(f" {fold(commune.short_name)} |") == 1:
            others = [c for c in units.communes_of(commune.province_code) if c.code in served]
            nearest = min(others, key=lambda c: haversine_km(commune.lat, commune.lon, c.lat, c.lon))
            return commune.name, units.provinces[commune.province_code].slug, nearest.code
    raise AssertionError("the national synthetic site has a point in every commune")


def test_a_commune_with_no_point_yet_shows_its_provinces_points_nearest_first(phone, url, published) -> None:
    name, slug, nearest = unserved_commune(published)
    page = phone.page
    type_query(page, url, fold(name))
    status = page.inner_text(".db-search__status")
    assert status.startswith(f"{name}, ") and " chưa có điểm thu nào trong danh bạ. Đây là " in status
    assert f" điểm thu ở {admin_units().province_by_slug(slug).name}, xếp từ gần đến xa." in status
    assert first_href(page) in hrefs_in(published, {nearest})
    assert phone.errors == []


def test_the_words_that_name_the_service_are_left_out(phone, url, published) -> None:
    page = phone.page
    type_query(page, url, "diem thu bhxh ha noi")
    assert first_href(page) in hrefs_in(published, province_communes("ha-noi"))
    status = page.inner_text(".db-search__status")
    # Hà Nội's points, not those whose text has the service's words ("… có “diem thu bhxh” ở …").
    assert status.endswith(" ở Thành phố Hà Nội.") and "“" not in status, status
