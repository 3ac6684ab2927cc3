"""Province and commune pages: light enough for a phone at national scale, every old point URL
still reaching its point, and no page of any type panning sideways on a 360 px phone.

- a synthetic site with the largest province at national scale (its share of 30,000 points):
  the province page and its largest commune page stay under the budgets (150 KB compressed HTML,
  3,000 elements), and every point has exactly one card on exactly one commune page;
- in Chromium at 360 × 640 on the sample site: the old anchors `tinh/<slug>/#diem-<code>` and
  `#xa-<code>` land on the commune page with the card in view; the filter narrows the commune
  list; without JavaScript the list of communes links every commune page; no page type scrolls
  sideways, and a table too wide for the phone says so.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from browser import NO_SCRIPT, close_page, shared_context

from generator.build import build_site
from generator.enrich import enrich
from generator.merge import Directory, latest_month, merge
from generator.pipeline import validate_dataset
from generator.render.directory import render_directory_pages
from generator.render.format import commune_path, commune_slug, point_anchor, point_path
from generator.synth.dataset import ChurnRates, allocate, generate, month_range
from generator.synth.reference import signs_by_province
from generator.units import admin_units

NATIONAL_POINTS = 30_000
MAX_COMPRESSED = 150 * 1024
MAX_ELEMENTS = 3_000
ELEMENT = re.compile(rb"<[a-zA-Z]")  # a start tag; the pages' data is escaped, so '<' is markup


def _budget(path: Path) -> tuple[int, int]:
    html = path.read_bytes()
    return len(gzip.compress(html, 6)), len(ELEMENT.findall(html))


@pytest.fixture(scope="module")
def national_province(tmp_path_factory: pytest.TempPathFactory) -> tuple[Directory, Path]:
    """The province with the most points when 30,000 are shared as the national synthetic set
    shares them, alone, built into a site with its province and commune pages."""
    counts = allocate(NATIONAL_POINTS, signs_by_province())
    code = max(counts, key=counts.get)
    data = tmp_path_factory.mktemp("national-province")
    generate(data, {code: counts[code]}, month_range("2026-11", 1), 7, ChurnRates())
    validation = validate_dataset(data)
    directory = enrich(merge(validation.validated, latest_month(validation.validated)))
    out = tmp_path_factory.mktemp("site") / "site"
    pages = render_directory_pages(directory)
    build_site(pages, out, extra={"data_month": directory.month}, source_date_epoch=0)
    return directory, out


def test_largest_province_and_its_largest_commune_stay_within_the_budgets(national_province):
    directory, site = national_province
    state = next(s for s in directory.provinces if s.points)
    assert len(state.points) >= 2_000  # national scale: Lâm Đồng's 2,100 in the issue
    size, elements = _budget(site / "tinh" / state.province.slug / "index.html")
    assert size <= MAX_COMPRESSED and elements <= MAX_ELEMENTS, (size, elements)
    per_commune = Counter(p.commune_code for p in state.points)
    biggest = per_commune.most_common(1)[0][0]
    size, elements = _budget(site / commune_path(state.province.slug, biggest) / "index.html")
    assert size <= MAX_COMPRESSED and elements <= MAX_ELEMENTS, (size, elements)
    assert elements > 10 * per_commune[biggest]  # the cards are on it


def test_every_point_has_one_card_on_its_commune_page(national_province):
    directory, site = national_province
    state = next(s for s in directory.provinces if s.points)
    slug = state.province.slug
    cards: Counter[str] = Counter()
    for page in (site / "tinh" / slug).glob("*/index.html"):
        anchors = re.findall(r'<article class="db-card" id="([^"]+)"', page.read_text())
        cards.update(f"{page.parent.name}#{anchor}" for anchor in anchors)
    expected = {f"{commune_slug(p.commune_code)}#{point_anchor(p.code)}" for p in state.points}
    assert set(cards) == expected and max(cards.values()) == 1
    # The frame mkdocs built the commune pages from is not published.
    assert not (site / "tinh" / "_khung").exists()
    page = (site / commune_path(slug, state.points[0].commune_code) / "index.html").read_text()
    assert "dbframe" not in page and "db-frame" not in page
    assert page.count("<h1") == 1


def test_old_anchors_file_maps_every_point_and_commune_to_its_page(national_province):
    directory, site = national_province
    state = next(s for s in directory.provinces if s.points)
    slug = state.province.slug
    data = json.loads((site / "tinh" / slug / "diem.json").read_text(encoding="utf-8"))
    for point in state.points:
        page = data["pages"][data["anchors"][point_anchor(point.code)]]
        url = f"tinh/{slug}/{page}/#{point_anchor(point.code)}"
        assert url == point_path(slug, point.commune_code, point.code)
        assert data["pages"][data["anchors"][f"xa-{point.commune_code}"]] == page


def test_commune_slugs_are_unique_in_each_province_and_readable():
    units = admin_units()
    for province in units.provinces.values():
        slugs = [commune_slug(c.code) for c in units.communes_of(province.code)]
        assert len(slugs) == len(set(slugs)), province.slug
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) for s in slugs)
    ba_dinh = next(c for c in units.communes.values() if c.name == "Phường Ba Đình")
    assert commune_slug(ba_dinh.code) == "phuong-ba-dinh"


# --- in the browser, on the sample site ---------------------------------------------------------

SAMPLE_PROVINCE = "ha-noi"


@pytest.fixture(scope="module")
def sample_directory() -> Directory:
    """The directory of the sample the site is built from (tests/sample_data.py), never of the
    live lists, validated once per process for every module that reads it."""
    from sample_data import sample_validation

    validated = sample_validation().validated
    return enrich(merge(validated, latest_month(validated)))


def _card_in_view(page, anchor: str) -> bool:
    return page.evaluate(
        """anchor => {
            const card = document.getElementById(anchor);
            if (!card) return false;
            const box = card.getBoundingClientRect();
            return box.top >= 0 && box.top < window.innerHeight;
        }""",
        anchor,
    )


@pytest.mark.browser
def test_old_point_anchor_lands_on_the_point(site_url, page, sample_directory):
    state = next(s for s in sample_directory.provinces if s.province.slug == SAMPLE_PROVINCE)
    # A point far down its commune's page, so landing on the page's top would not pass.
    by_commune = Counter(p.commune_code for p in state.points)
    commune = by_commune.most_common(1)[0][0]
    point = sorted((p for p in state.points if p.commune_code == commune), key=lambda p: p.name)[-1]
    anchor = point_anchor(point.code)
    page.goto(f"{site_url}tinh/{SAMPLE_PROVINCE}/#{anchor}")
    page.wait_for_url(site_url + point_path(SAMPLE_PROVINCE, point.commune_code, point.code))
    page.wait_for_function("anchor => document.getElementById(anchor)", arg=anchor)
    page.wait_for_timeout(200)
    assert _card_in_view(page, anchor)
    assert point.name in page.inner_text(f"#{anchor}")
    assert page.errors == []


@pytest.mark.browser
def test_old_commune_anchor_lands_on_the_commune_page(site_url, page, sample_directory):
    state = next(s for s in sample_directory.provinces if s.province.slug == SAMPLE_PROVINCE)
    point = state.points[0]
    page.goto(f"{site_url}tinh/{SAMPLE_PROVINCE}/#xa-{point.commune_code}")
    page.wait_for_url(site_url + commune_path(SAMPLE_PROVINCE, point.commune_code))
    assert page.inner_text("h1") == point.commune_name
    assert page.errors == []


@pytest.mark.browser
def test_filter_narrows_the_commune_list(site_url, page, sample_directory):
    page.goto(f"{site_url}tinh/{SAMPLE_PROVINCE}/")
    everything = page.locator(".db-communes li:visible").count()
    page.fill("#db-loc-xa", "ba dinh")  # without diacritics, as people type
    visible = page.locator(".db-communes li:visible")
    assert 1 <= visible.count() < everything
    assert "Ba Đình" in visible.first.inner_text()
    page.fill("#db-loc-xa", "khong co xa nao nhu the")
    assert page.locator(".db-communes li:visible").count() == 0
    assert "Không có xã, phường nào khớp" in page.inner_text(".db-filter__status")


@pytest.mark.browser
def test_without_javascript_the_province_page_links_every_commune_page(browser, site_url, sample_directory):
    state = next(s for s in sample_directory.provinces if s.province.slug == SAMPLE_PROVINCE)
    page = shared_context(browser, **NO_SCRIPT).new_page()
    try:
        page.goto(f"{site_url}tinh/{SAMPLE_PROVINCE}/#diem-{state.points[0].code.lower()}")
        assert not page.is_visible(".db-filter")  # a filter that cannot work is not shown
        links = page.eval_on_selector_all(".db-communes a", "links => links.map(a => a.href)")
        assert sorted(links) == sorted(
            {site_url + commune_path(SAMPLE_PROVINCE, p.commune_code) for p in state.points}
        )
    finally:
        close_page(page)


# One page of each type; the commune page is the sample's largest.
LAYOUT_PAGES = {
    "trang chủ": "",
    "tỉnh": f"tinh/{SAMPLE_PROVINCE}/",
    "xã, phường": "tinh/ha-noi/phuong-ba-dinh/",
    "thay đổi": "thay-doi/",
    "thay đổi một tháng": "thay-doi/2026-11/",
    "tờ rơi": "to-roi/bhxh-tu-nguyen/",
    "tờ rơi BHYT": "to-roi/bhyt-ho-gia-dinh/",
    "bản đồ": "ban-do/",
    "thống kê": "thong-ke/",
    "dữ liệu mở": "du-lieu/",
    "gần tôi": "gan-toi/",
    "quy tắc": "quy-tac/",
    "một quy tắc": "quy-tac/bad-month-file-name/",
    "hướng dẫn nộp": "huong-dan-nop/",
    "biển hiệu": "can-bo/bien-hieu/",
    "bản đồ tỉnh": f"ban-do/{SAMPLE_PROVINCE}.html",
    "bản đồ toàn quốc": "ban-do/toan-quoc.html",
    "không tìm thấy": "404.html",
}

# Elements reaching past the right edge of the screen that are not inside something that
# scrolls or clips (a wide table scrolls inside its wrapper: that is not the page panning).
OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const e of document.body.querySelectorAll("*")) {
        const box = e.getBoundingClientRect();
        if (box.width === 0 || box.right <= width + 0.5) continue;
        let clipped = false;
        for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
            if (getComputedStyle(p).overflowX !== "visible") { clipped = true; break; }
        }
        if (!clipped) out.push(`${e.tagName.toLowerCase()}.${e.className} ends at ${Math.round(box.right)}`);
    }
    return {scroll: document.documentElement.scrollWidth, width, out: out.slice(0, 5)};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", LAYOUT_PAGES.values(), ids=LAYOUT_PAGES.keys())
def test_no_page_pans_sideways_at_360_px(site_url, page, path):
    response = page.goto(site_url + path, wait_until="load")
    assert response is not None and response.status == 200
    page.wait_for_timeout(300)
    result = page.evaluate(OVERFLOW)
    assert result["scroll"] <= result["width"] and result["out"] == [], result
    # Scrolled down as well: the header's page title slides in once the page scrolls.
    page.evaluate("window.scrollTo(0, 400)")
    page.wait_for_timeout(400)
    result = page.evaluate(OVERFLOW)
    assert result["scroll"] <= result["width"] and result["out"] == [], result


@pytest.mark.browser
@pytest.mark.parametrize("path", ["thay-doi/", "to-roi/bhxh-tu-nguyen/"])
def test_a_table_wider_than_the_phone_says_it_scrolls(site_url, page, path):
    page.goto(site_url + path, wait_until="load")
    page.wait_for_timeout(300)
    # As a reader comes to each table: the leaflet pages lay a table out only near the screen.
    page.evaluate(
        """async () => {
            for (const w of document.querySelectorAll(".md-typeset__scrollwrap")) {
                w.scrollIntoView();
                await new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)));
            }
        }"""
    )
    wide = page.evaluate(
        """() => [...document.querySelectorAll(".md-typeset__scrollwrap")]
            .filter(w => w.scrollWidth > w.clientWidth + 1)
            .map(w => ({
                hint: (w.previousElementSibling || {}).className === "db-scroll-hint"
                    && w.previousElementSibling.offsetHeight > 0,
                focusable: w.tabIndex === 0,
                shadow: getComputedStyle(w).backgroundImage.includes("gradient"),
            }))"""
    )
    assert wide, "the page has no table wider than 360 px: the test would prove nothing"
    assert all(w == {"hint": True, "focusable": True, "shadow": True} for w in wide), wide
