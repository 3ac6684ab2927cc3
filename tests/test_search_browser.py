"""The home page's search in headless Chromium, on the bundled sample served over HTTP.

Expected answers are facts of the data (a point's own words, its phone, its province), never a
copy of the ranking; the ranking itself is tested under Node (tests/js/ranking.test.js) and the
places on a national site (tests/test_search_places_browser.py). Also: no horizontal scrolling
at 360 × 640, no console errors, no serious or critical axe-core violation on the home page, a
province page and a search-results state.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browser import NO_SCRIPT, axe_violations, close_page, shared_context
from test_search_index import Index

from generator.render.search_index import SEARCH_DIR
from generator.text import fold
from generator.units import admin_units

pytestmark = pytest.mark.browser
PROVINCE = "tinh/ha-noi/"


@pytest.fixture(scope="module")
def index(sample_site: Path) -> Index:
    files = {
        str(p.relative_to(sample_site)): p.read_text(encoding="utf-8")
        for p in (sample_site / SEARCH_DIR).rglob("*.json")
    }
    return Index(files)


def ident_of(index: Index, href: str) -> int:
    anchor = href.split("#")[1]
    return next(i for i in range(index.meta["n"]) if index.record(i)["anchor"] == anchor)


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


def card_words(page) -> list[set[str]]:
    """The folded words each result card shows, its explanation line included."""
    texts = page.eval_on_selector_all(".db-hit", "hits => hits.map(h => h.innerText)")
    return [set(re.findall(r"[a-z0-9]+", fold(text))) for text in texts]


@pytest.mark.parametrize("query", ["buu dien dien bien", "viettel ha noi", "Bưu điện Lai Châu"])
def test_every_result_shows_every_word(page, site_url: str, query: str) -> None:
    type_query(page, site_url, query)
    cards = card_words(page)
    assert cards
    for words in cards:
        for word in re.findall(r"[a-z0-9]+", fold(query)):
            assert any(w.startswith(word) for w in words), (word, words)
    assert "Tìm thấy" in status(page)
    assert page.errors == []


def test_province_queries_find_the_province_first(page, site_url: str) -> None:
    for query, slug in (("dien bien", "dien-bien"), ("dak lak", "dak-lak"), ("ha noi", "ha-noi")):
        type_query(page, site_url, query)
        assert re.match(rf"tinh/{slug}/[a-z0-9-]+/#diem-", shown_hrefs(page)[0]), query
        assert page.locator(".db-hit mark").count() > 0


def test_phone_digits(page, site_url: str, index: Index) -> None:
    record = next(index.record(i) for i in range(index.meta["n"]) if index.record(i)["mobile"])
    digits = re.sub(r"\D", "", record["mobile"])
    for query in (digits[:7], f"{digits[1:4]} {digits[4:7]}"):
        type_query(page, site_url, query)
        hrefs = shown_hrefs(page)
        assert any(h.endswith("#" + record["anchor"]) for h in hrefs), query
        # The matched number is the one on the call button, marked.
        assert record["mobile"] in page.eval_on_selector_all(
            ".db-hit__matched", "ms => ms.map(m => m.textContent)"
        )
    tel = page.eval_on_selector(".db-hit__call", "a => a.getAttribute('href')")
    assert tel.startswith("tel:+84")


def test_old_names_say_what_the_commune_was(page, site_url: str, index: Index) -> None:
    """A pre-2025 commune name finds the commune it became and says so in plain words: on the card
    when typed without its kind (found by the words), on the status line when typed with it (a
    place of the pre-2025 communes' table)."""
    units = admin_units()
    communes = {index.record(i)["commune"] for i in range(index.meta["n"])}
    legacy = next(
        old
        for province in units.provinces.values()
        for old in units.legacy_communes_of(province.code)
        if old.new_codes[0] in communes
        and not set(fold(old.name).split()[1:]) & set(fold(units.communes[old.new_codes[0]].name).split())
    )
    bare = re.sub(r"^(Phường|Thị trấn|Xã) ", "", legacy.name)
    type_query(page, site_url, bare)
    records = [index.record(ident_of(index, h)) for h in shown_hrefs(page)]
    assert records and {r["commune"] for r in records} <= set(legacy.new_codes)
    assert f"Trước 2025 thuộc: {legacy.name}" in page.inner_text(".db-search__results")
    assert "Khớp:" not in page.inner_text(".db-search__results")
    type_query(page, site_url, legacy.name)
    records = [index.record(ident_of(index, h)) for h in shown_hrefs(page)]
    assert records and {r["commune"] for r in records} <= set(legacy.new_codes)
    assert f" ở {legacy.name} cũ ({legacy.district}, " in status(page)


def test_filters(page, site_url: str) -> None:
    type_query(page, site_url, "buu dien")
    page.click(".db-search__filters summary")
    page.select_option("select[name=tinh]", "ha-noi")
    wait_for_results(page)
    assert shown_hrefs(page) and all(h.startswith("tinh/ha-noi/") for h in shown_hrefs(page))
    page.select_option("select[name=tinh]", "")
    page.fill("#db-q", "ha noi")
    wait_for_results(page)
    everywhere = int(re.search(r"Tìm thấy ([\d.]+)", status(page)).group(1).replace(".", ""))
    page.select_option("select[name=loai]", "viettel")
    wait_for_results(page)
    count = int(re.search(r"Tìm thấy ([\d.]+)", status(page)).group(1).replace(".", ""))
    assert 0 < count < everywhere
    agents = page.eval_on_selector_all(".db-hit__agent", "ps => ps.map(p => p.textContent)")
    assert agents and all("Viettel" in a for a in agents)
    assert "loai=viettel" in page.url


def test_more_results_and_links_open_the_card(page, site_url: str) -> None:
    type_query(page, site_url, "buu dien")
    first_page = shown_hrefs(page)
    assert len(first_page) == 20
    page.click(".db-search__more")
    page.wait_for_function("() => document.getElementById('db-search').dataset.shown === '40'")
    shown = shown_hrefs(page)
    assert shown[:20] == first_page and len(set(shown)) == 40
    href = shown[0]
    page.click(".db-hit__name a")
    anchor = href.split("#")[1]
    # A link to the card on the province page is sent on to the card's commune page.
    page.wait_for_function("anchor => document.getElementById(anchor)", arg=anchor)
    province = href.split("#")[0]
    assert page.url.startswith(site_url + province) and page.url.endswith(f"/#{anchor}")
    assert page.locator(f"#{anchor}").count() == 1


def test_one_letter_or_two_digits_ask_for_more_and_fetch_nothing(cold_page, site_url: str) -> None:
    page = cold_page  # an empty HTTP cache: a file fetched from the cache is a fetch too
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


def test_first_screen_shows_before_the_rest_of_the_page_arrives(
    browser, page, site_url: str, index: Index
) -> None:
    """The records of the results below the first screen are held back (never answered until
    the first five are on screen): the first five must show without them."""
    query = "buu dien"
    first = shared_context(browser, viewport={"width": 360, "height": 640}).new_page()
    try:
        type_query(first, site_url, query)
        expected = shown_hrefs(first)
    finally:
        close_page(first)
    ids = [ident_of(index, h) for h in expected]
    first_chunks = {i // index.meta["chunk"] for i in ids[:5]}
    assert {i // index.meta["chunk"] for i in ids} - first_chunks, "the query must need more chunks"
    # Later chunks are answered only once the first screen has shown.
    held: list = []
    released: list[bool] = []

    def later(url: str) -> bool:
        return "/d/" in url and int(url.split("/d/")[1].split(".")[0]) not in first_chunks

    def hold_later_chunks(route) -> None:
        if later(route.request.url) and not released:
            held.append(route)
        else:
            route.continue_()

    page.goto(site_url)
    page.route(f"**/{SEARCH_DIR}/d/*.json*", hold_later_chunks)
    with page.expect_request(lambda request: later(request.url)):
        page.fill("#db-q", query)
    page.wait_for_function("() => document.querySelectorAll('.db-hit').length === 5")
    assert "Tìm thấy" in status(page)
    released.append(True)
    for route in held:
        route.continue_()
    wait_for_results(page)
    assert shown_hrefs(page) == expected


@pytest.mark.parametrize("word", ["bu", "di", "vi", "xa"])
def test_a_word_shows_its_first_screen_from_its_shard_alone(browser, site_url: str, word: str) -> None:
    """The shards carry the records of the first screen of the word that first fetches them (on
    a slow phone the record chunks are a second round trip): with every record chunk held back,
    the word still shows its first results, and they are the ones the page shows from the record
    chunks when the shards carry none."""
    cards = "#"

    def without_cards(route) -> None:
        response = route.fetch()
        shard = response.json()
        assert cards in shard, route.request.url
        del shard[cards]
        route.fulfill(response=response, json=shard)

    phone = {"viewport": {"width": 360, "height": 640}}
    plain = browser.new_context(**phone)  # each context its own HTTP cache
    try:
        page = plain.new_page()
        page.route(f"**/{SEARCH_DIR}/t/*.json*", without_cards)
        type_query(page, site_url, word)
        expected = shown_hrefs(page)[:5]
    finally:
        plain.close()
    assert expected, word
    held: list = []
    carried = browser.new_context(**phone)
    try:
        page = carried.new_page()
        page.route(f"**/{SEARCH_DIR}/d/*.json*", lambda route: held.append(route))
        page.goto(site_url)
        page.fill("#db-q", word)
        page.wait_for_function("n => document.querySelectorAll('.db-hit').length === n", arg=len(expected))
        assert shown_hrefs(page) == expected
        assert "Tìm thấy" in status(page)
        for route in held:
            route.continue_()
    finally:
        carried.close()


def test_shared_url_restores_the_search(page, site_url: str) -> None:
    page.goto(site_url + "?q=dak+lak&tinh=dak-lak")
    wait_for_results(page)
    assert page.input_value("#db-q") == "dak lak"
    assert shown_hrefs(page) and all(h.startswith("tinh/dak-lak/") for h in shown_hrefs(page))


def test_no_result_says_what_to_do(page, site_url: str) -> None:
    type_query(page, site_url, "khongcodiemnaoten")
    assert "Không tìm thấy" in status(page) and page.locator(".db-hit").count() == 0


def test_a_cleared_box_or_a_text_of_no_word_clears_the_results(page, site_url: str) -> None:
    """Deleting the query, or typing only punctuation, empties the results: no message saying the
    search data could not be loaded."""
    for text in ("", "(((", "   "):
        type_query(page, site_url, "ha noi")
        assert shown_hrefs(page)
        page.fill("#db-q", text)
        # Cleared, or the error message written instead: either ends the wait.
        page.wait_for_function(
            "() => !document.querySelector('.db-hit')"
            " || document.querySelector('.db-search__status').textContent.includes('Chưa tải')"
        )
        assert status(page) == "" and not shown_hrefs(page), (text, status(page))


def test_without_javascript_the_provinces_are_the_way_in(browser, site_url: str) -> None:
    page = shared_context(browser, **NO_SCRIPT).new_page()
    try:
        page.goto(site_url)
        assert page.locator("form.db-search__form").is_hidden()
        assert "Tìm kiếm cần JavaScript" in page.content()
        assert page.locator("a[href='tinh/dien-bien/']").count() == 1
    finally:
        close_page(page)


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


def test_the_page_fetches_only_what_the_query_needs(cold_page, site_url: str) -> None:
    page = cold_page  # an empty HTTP cache: what the page fetches, not what an earlier test did
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    type_query(page, site_url, "dien bien")
    search_files = [u for u in fetched if f"/{SEARCH_DIR}/" in u]
    assert any(u.endswith("meta.json") for u in search_files)
    shards = [u for u in search_files if "/t/" in u]
    assert 1 <= len(shards) <= 2, shards
    chunks = [u for u in search_files if "/d/" in u]
    assert len(chunks) <= 20
    # Before anyone types, the home page loads only what any first keystroke needs (preloaded:
    # the manifest and the place table), no shard and no record.
    fetched.clear()
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    before = sorted(u.split(f"/{SEARCH_DIR}/")[1].split("?")[0] for u in fetched if f"/{SEARCH_DIR}/" in u)
    assert before == ["meta.json", "noi.json"], before


def test_meta_lists_every_shard_file(sample_site: Path) -> None:
    meta = json.loads((sample_site / SEARCH_DIR / "meta.json").read_text(encoding="utf-8"))
    on_disk = {p.stem for p in (sample_site / SEARCH_DIR / "t").glob("*.json")}
    assert set(meta["shards"]) == on_disk
