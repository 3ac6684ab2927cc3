"""The home page's search in headless Chromium, on the bundled sample served over HTTP.

Expected answers come from the index read in Python (tests/test_search_index.py), which reads
the same files: the page must show the same points, in the same order, with working links.
Also: no horizontal scrolling at 360 × 640, no console errors, no serious or critical axe-core
violation on the home page, a province page and a search-results state.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browser import axe_violations
from test_search_index import Index, search

from generator.render.search_index import SEARCH_DIR

pytestmark = pytest.mark.browser
PROVINCE = "tinh/ha-noi/"


@pytest.fixture(scope="module")
def index(sample_site: Path) -> Index:
    files = {
        str(p.relative_to(sample_site)): p.read_text(encoding="utf-8")
        for p in (sample_site / SEARCH_DIR).rglob("*.json")
    }
    return Index(files)


def expected_hrefs(index: Index, query: str) -> list[str]:
    return [f"tinh/{index.province_of(i)}/#{index.record(i)[1]}" for i in search(index, query)]


def type_query(page, site_url: str, query: str) -> None:
    page.goto(site_url)
    page.fill("#db-q", query)
    wait_for_results(page)


def wait_for_results(page) -> None:
    page.wait_for_function(
        "() => { const r = document.getElementById('db-search');"
        " const f = r.querySelector('form');"
        " const key = [f.q.value, f.tinh.value, f.loai.value].join('|');"
        " return r.dataset.ms !== undefined && r.dataset.query === key; }"
    )


def shown_hrefs(page) -> list[str]:
    return page.eval_on_selector_all(".db-hit__name a", "links => links.map(a => a.getAttribute('href'))")


def status(page) -> str:
    return page.inner_text(".db-search__status")


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("query", ["dien bien", "dak lak", "ha noi", "Điện Biên", "buu dien dien bien"])
def test_queries_show_the_expected_points(page, site_url: str, index: Index, query: str) -> None:
    expected = expected_hrefs(index, query)
    assert expected
    type_query(page, site_url, query)
    assert shown_hrefs(page) == expected[:20]
    assert f"Tìm thấy {len(expected)} điểm thu" in status(page).replace(".", "")
    assert page.errors == []


def test_province_queries_find_the_province_first(page, site_url: str) -> None:
    for query, slug in (("dien bien", "dien-bien"), ("dak lak", "dak-lak"), ("ha noi", "ha-noi")):
        type_query(page, site_url, query)
        assert shown_hrefs(page)[0].startswith(f"tinh/{slug}/#diem-"), query
        assert page.locator(".db-hit mark").count() > 0


def test_phone_digits(page, site_url: str, index: Index) -> None:
    record = next(index.record(i) for i in range(index.meta["n"]) if index.record(i)[8])
    digits = re.sub(r"\D", "", record[8])
    for query in (digits[:7], f"{digits[1:4]} {digits[4:7]}"):
        type_query(page, site_url, query)
        hrefs = shown_hrefs(page)
        assert any(h.endswith("#" + record[1]) for h in hrefs), query
        assert "số điện thoại" in page.inner_text(".db-search__results")
    tel = page.eval_on_selector(".db-hit__phone a", "a => a.getAttribute('href')")
    assert tel.startswith("tel:+84")


def test_old_names_say_what_the_commune_was(page, site_url: str, index: Index) -> None:
    type_query(page, site_url, "tan uyen")
    results = page.inner_text(".db-search__results")
    assert shown_hrefs(page) == expected_hrefs(index, "tan uyen")[:20]
    assert "trước đây:" in results and "Tân Uyên" in results


def test_filters(page, site_url: str, index: Index) -> None:
    type_query(page, site_url, "buu dien")
    page.select_option("select[name=tinh]", "ha-noi")
    wait_for_results(page)
    assert shown_hrefs(page) and all(h.startswith("tinh/ha-noi/") for h in shown_hrefs(page))
    page.select_option("select[name=tinh]", "")
    page.fill("#db-q", "ha noi")
    wait_for_results(page)
    everywhere = len(expected_hrefs(index, "ha noi"))
    page.select_option("select[name=loai]", "viettel")
    wait_for_results(page)
    count = int(re.search(r"Tìm thấy ([\d.]+)", status(page)).group(1).replace(".", ""))
    assert 0 < count < everywhere
    agents = page.eval_on_selector_all(".db-hit__agent", "ps => ps.map(p => p.textContent)")
    assert agents and all("Viettel" in a for a in agents)
    assert "loai=viettel" in page.url


def test_more_results_and_links_open_the_card(page, site_url: str, index: Index) -> None:
    expected = expected_hrefs(index, "buu dien")
    assert len(expected) > 20
    type_query(page, site_url, "buu dien")
    page.click(".db-search__more")
    page.wait_for_function("() => document.getElementById('db-search').dataset.shown === '40'")
    assert shown_hrefs(page) == expected[:40]
    href = shown_hrefs(page)[0]
    page.click(".db-hit__name a")
    page.wait_for_load_state()
    anchor = href.split("#")[1]
    assert page.url.endswith(href) and page.locator(f"#{anchor}").count() == 1


def test_one_letter_or_two_digits_ask_for_more_and_fetch_nothing(page, site_url: str) -> None:
    page.goto(site_url)
    page.focus("#db-q")
    page.wait_for_load_state("networkidle")
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    for query, hint in [("d", "Gõ thêm ít nhất một chữ"), ("09", "Gõ ít nhất 3 chữ số")]:
        page.fill("#db-q", query)
        wait_for_results(page)
        assert hint in status(page) and page.locator(".db-hit").count() == 0
    assert not [url for url in fetched if SEARCH_DIR in url]


def test_first_screen_shows_before_the_rest_of_the_page_arrives(page, site_url: str, index: Index) -> None:
    """The records of the results below the first screen are held back: the first five must show
    without them."""
    query = "buu dien"
    ids = search(index, query)[:20]
    first_chunks = {i // index.meta["chunk"] for i in ids[:5]}
    assert {i // index.meta["chunk"] for i in ids} - first_chunks, "the query must need more chunks"

    held, released = [], False  # later chunks are answered only once the first screen has shown

    def hold_later_chunks(route) -> None:
        if released or int(route.request.url.split("/d/")[1].split(".")[0]) in first_chunks:
            route.continue_()
        else:
            held.append(route)

    page.goto(site_url)
    page.route(f"**/{SEARCH_DIR}/d/*.json*", hold_later_chunks)
    page.fill("#db-q", query)
    page.wait_for_function("() => document.querySelectorAll('.db-hit').length === 5")
    assert "Tìm thấy" in status(page)
    released = True
    for route in held:
        route.continue_()
    wait_for_results(page)
    assert shown_hrefs(page) == expected_hrefs(index, query)[:20]


def test_shared_url_restores_the_search(page, site_url: str) -> None:
    page.goto(site_url + "?q=dak+lak&tinh=dak-lak")
    wait_for_results(page)
    assert page.input_value("#db-q") == "dak lak"
    assert shown_hrefs(page) and all(h.startswith("tinh/dak-lak/") for h in shown_hrefs(page))


def test_no_result_says_what_to_do(page, site_url: str) -> None:
    type_query(page, site_url, "khongcodiemnaoten")
    assert "Không tìm thấy" in status(page) and page.locator(".db-hit").count() == 0


def test_without_javascript_the_provinces_are_the_way_in(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 640})
    try:
        page = context.new_page()
        page.goto(site_url)
        assert page.locator("form.db-search__form").is_hidden()
        assert "Tìm kiếm cần JavaScript" in page.content()
        assert page.locator("a[href='tinh/dien-bien/']").count() == 1
    finally:
        context.close()


@pytest.mark.parametrize("where", ["home", "province", "results"])
def test_phone_layout_and_accessibility(page, site_url: str, where: str) -> None:
    if where == "home":
        page.goto(site_url)
    elif where == "province":
        # The embedded map asks OpenStreetMap for tiles; offline, answer for it with nothing.
        page.route(lambda url: not url.startswith(site_url), lambda route: route.fulfill(status=204))
        page.goto(site_url + PROVINCE)
        page.wait_for_load_state("networkidle")
    else:
        type_query(page, site_url, "buu dien dien bien")
    assert no_horizontal_scroll(page), where
    assert axe_violations(page) == []
    assert page.errors == []


def test_the_page_fetches_only_what_the_query_needs(page, site_url: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    type_query(page, site_url, "dien bien")
    search_files = [u for u in fetched if f"/{SEARCH_DIR}/" in u]
    assert any(u.endswith("meta.json") for u in search_files)
    shards = [u for u in search_files if "/t/" in u]
    assert 1 <= len(shards) <= 2, shards
    chunks = [u for u in search_files if "/d/" in u]
    assert len(chunks) <= 20
    # The home page itself loads no search data before someone types.
    fetched.clear()
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert not [u for u in fetched if f"/{SEARCH_DIR}/" in u]


def test_meta_lists_every_shard_file(sample_site: Path) -> None:
    meta = json.loads((sample_site / SEARCH_DIR / "meta.json").read_text(encoding="utf-8"))
    on_disk = {p.stem for p in (sample_site / SEARCH_DIR / "t").glob("*.json")}
    assert set(meta["shards"]) == on_disk
