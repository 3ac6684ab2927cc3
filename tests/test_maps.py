"""The folium maps: one per province (embedded in the province page) and the national overview.

Offline by design: the tests abort every request that is not to the local test server. Failed
requests for OpenStreetMap tiles (tile.openstreetmap.org) are expected then, and are the only
console errors ignored; everything else on the maps must keep working without tiles.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browser import OSM_TILES, Offline
from sample_data import sample_validation

from generator.enrich import enrich
from generator.merge import Directory, latest_month, merge
from generator.render.format import commune_path, point_path
from generator.render.maps import render_map_pages
from generator.units import admin_units

TILES = OSM_TILES


def map_documents(site: Path) -> list[Path]:
    return [p for p in (site / "ban-do").glob("*.html") if p.name != "index.html"]  # index: the overview page


@pytest.fixture(scope="module")
def directory() -> Directory:
    validation = sample_validation()
    return enrich(merge(validation.validated, latest_month(validation.validated)))


def test_every_province_and_the_nation_have_a_map(sample_site: Path, directory: Directory) -> None:
    slugs = {p.slug for p in admin_units().provinces.values()}
    maps = {p.stem for p in map_documents(sample_site)}
    assert maps == slugs | {"toan-quoc"}
    overview = (sample_site / "ban-do" / "index.html").read_text(encoding="utf-8")
    # The national map's picture, a link to the map (assets/map-start.js puts the map in its place).
    assert '<a href="toan-quoc.html" data-db-map><img src="toan-quoc.svg"' in overview
    assert (sample_site / "ban-do" / "toan-quoc.svg").is_file()
    for slug in slugs:
        assert f'href="{slug}.html"' in overview
        page = (sample_site / "tinh" / slug / "index.html").read_text(encoding="utf-8")
        # Inside a closed <details>: the map loads only when the reader opens it.
        assert f'<iframe loading="lazy" src="../../ban-do/{slug}.html"' in page
        assert page.index('<details class="db-map">') < page.index(f'src="../../ban-do/{slug}.html"')


def test_maps_load_nothing_from_other_sites(sample_site: Path) -> None:
    """Only OSM tiles (and links people click) may point outside; scripts and styles are the
    vendored copies, shipped with their licences."""
    for document in map_documents(sample_site):
        text = document.read_text(encoding="utf-8")
        sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', text)
        # The national map's data is its own file beside it (preloaded); the rest are our assets.
        own_data = f"{document.stem}.json"
        assert sources and all(s.startswith("../assets/") or s == own_data for s in sources), (
            document.name,
            sources,
        )
        assert not re.search(r"cdn|jquery|bootstrap|fontawesome", text, re.IGNORECASE), document.name
        for url in re.findall(r"https?://[^\s\"'\\)]+", text):
            assert url.startswith(("https://tile.openstreetmap.org/", "https://www.openstreetmap.org/")), url
        for source in sources:
            assert (document.parent / source).resolve().is_file(), source
    vendor = sample_site / "assets" / "vendor"
    assert (vendor / "leaflet" / "LICENSE").is_file()
    assert (vendor / "leaflet.markercluster" / "MIT-LICENCE.txt").is_file()


def test_national_map_loads_no_leaflet_before_it_is_asked_for(
    sample_site: Path, directory: Directory
) -> None:
    """The national map's document loads neither Leaflet nor its data nor its styles on load
    (issue 17: evaluating Leaflet alone is a long task on a phone): only map-start.js, which
    fetches what the preview lists once the reader asks; its data is JSON beside it."""
    folder = sample_site / "ban-do"
    text = (folder / "toan-quoc.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script[^>]*\ssrc=\"([^\"]+)\"", text)
    assert scripts == ["../assets/map-start.js"]
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', text)
    assert styles == ["../assets/maps.css"]
    assert "preload" not in text  # the data too waits for the reader
    listed = json.loads(re.search(r"data-scripts='([^']+)'", text).group(1))
    listed += json.loads(re.search(r"data-styles='([^']+)'", text).group(1))
    assert "../assets/vendor/leaflet/leaflet.js" in listed and "../assets/maps.js" in listed
    assert all((folder / source).resolve().is_file() for source in listed), listed
    assert 'data-data="toan-quoc.json"' in text
    assert len(text.encode()) < 12_000, "the communes are inline again"
    data = json.loads((folder / "toan-quoc.json").read_text(encoding="utf-8"))
    drawn = {p.commune_code for p in directory.points if p.lat is not None}
    assert {row[5] for row in data["communes"]} == drawn


def test_national_picture_shows_every_commune_and_the_archipelagos(
    sample_site: Path, directory: Directory
) -> None:
    """One dot per commune (a dot is "M<x> <y>h0"), those with published points in blue; the
    archipelagos are on it and named."""
    from generator.render.map_preview import EMPTY, PUBLISHED

    svg = (sample_site / "ban-do" / "toan-quoc.svg").read_text(encoding="utf-8")
    dots = {
        colour: len(re.findall(r"M\d+ \d+h0", path))
        for colour, path in re.findall(r'stroke="(#\w+)" d="([^"]*)"', svg)
    }
    communes = admin_units().communes
    published = {p.commune_code for p in directory.points if p.lat is not None}
    assert 0 < dots[PUBLISHED] <= len(published)  # two communes may share a dot
    assert dots[PUBLISHED] + dots[EMPTY] >= len(communes) * 0.95
    assert "Quần đảo Hoàng Sa" in svg and "Quần đảo Trường Sa" in svg


def test_national_map_lists_the_provinces_without_javascript(sample_site: Path, directory: Directory) -> None:
    text = (sample_site / "ban-do" / "toan-quoc.html").read_text(encoding="utf-8")
    fallback = text[text.index("<noscript>") : text.index("</noscript>")]
    for state in directory.provinces:
        assert f'<a href="../tinh/{state.province.slug}/" target="_top">{state.province.name}</a>' in fallback
        assert (sample_site / "tinh" / state.province.slug / "index.html").is_file()


def test_maps_are_reproducible(directory: Directory) -> None:
    assert render_map_pages(directory) == render_map_pages(directory)


def test_every_map_row_has_the_fields_its_payload_declares(directory: Directory) -> None:
    """maps.js reads rows by name from the payload's `layouts`: each row kind is declared there and
    every row has exactly its fields."""
    rows_of = {"points": "point", "details": "detail", "communes": "commune", "provinces": "province"}
    pages = render_map_pages(directory)
    for name, document in pages.items():
        if name.endswith(".html"):
            payload = re.search(r"dbMaps\.addPoints\([^,]+, (.*)\);", document).group(1)
            if payload.startswith('"'):
                continue  # the national map's data file, read below as JSON
        elif name.endswith(".json"):
            payload = document
        else:
            continue
        payload = json.loads(payload)
        kinds = [key for key in rows_of if key in payload]
        assert {rows_of[k] for k in kinds} == set(payload["layouts"]), name
        for key in kinds:
            width = len(payload["layouts"][rows_of[key]])
            assert all(len(row) == width for row in payload[key]), (name, key)


def test_province_data_escapes_markup(directory: Directory) -> None:
    """A name like '</script><script>…' stays data inside the map's script."""
    from dataclasses import replace

    state = directory.provinces[0]
    hostile = state.points[0]._replace(name="</script><script>alert(1)</script>")
    changed = replace(state, points=(hostile, *state.points[1:]))
    pages = render_map_pages(replace(directory, provinces=(changed, *directory.provinces[1:])))
    text = pages[f"ban-do/{state.province.slug}.html"]
    assert "alert(1)" in text and "<script>alert" not in text


def map_ready(frame) -> dict:
    frame.wait_for_function("() => window.dbMaps && window.dbMaps.layers.length === 1")
    return frame.evaluate(
        """async () => {
            const layer = await window.dbMaps.layers[0].ready;
            const sum = selector => [...document.querySelectorAll(selector)]
                .reduce((total, e) => total + Number(e.textContent), 0);
            return {
                count: layer.count,
                markers: layer.cluster.getLayers().length,
                approximate: layer.approximate,
                // What the reader sees: cluster totals, lone point markers, lone commune markers.
                shown: sum(".marker-cluster span") + sum(".db-commune span")
                    + document.querySelectorAll(".leaflet-marker-icon.db-pin").length,
                legend: document.querySelector(".db-legend").textContent,
                attribution: document.querySelector(".leaflet-control-attribution").textContent,
            };
        }"""
    )


@pytest.mark.browser
@pytest.mark.parametrize("slug", ["ha-noi", "lai-chau", "ca-mau"])
def test_province_map_shows_every_point(browser, site_url, directory, slug) -> None:
    state = next(s for s in directory.provinces if s.province.slug == slug)
    session = Offline(browser)
    try:
        page = session.page
        page.goto(f"{site_url}ban-do/{slug}.html")
        shown = map_ready(page)
        assert shown["count"] == shown["markers"] == len(state.points)
        # Framed on all the points: what the clusters count plus the lone markers is everything.
        assert shown["shown"] == len(state.points)
        assert shown["approximate"] == sum(p.approximate for p in state.points)
        assert "Vị trí gần đúng" in shown["legend"]
        assert "OpenStreetMap" in shown["attribution"]
        assert session.errors == []
        assert session.outside and all(u.startswith(TILES) for u in session.outside)
    finally:
        session.close()


@pytest.mark.browser
def test_popup_gives_address_phones_and_card(browser, site_url, directory) -> None:
    state = next(s for s in directory.provinces if s.province.slug == "ha-noi")
    point = next(p for p in state.points if p.fixed_phone and p.approximate)
    session = Offline(browser)
    try:
        page = session.page
        page.goto(f"{site_url}ban-do/ha-noi.html")
        map_ready(page)
        page.evaluate(
            """name => new Promise(done => {
                const layer = window.dbMaps.layers[0];
                const marker = layer.cluster.getLayers().find(m => m.options.title.startsWith(name));
                layer.cluster.zoomToShowLayer(marker, () => { window.testMarker = marker; done(); });
            })""",
            point.name,
        )
        page.evaluate("() => window.testMarker.getElement().click()")
        popup = page.wait_for_selector(".db-pop")
        text = popup.inner_text()
        assert point.name in text and point.address in text
        assert "vị trí gần đúng" in text
        assert popup.query_selector(f'a[href="tel:{point.fixed_phone_e164}"]')
        card = popup.query_selector("a.db-pop__card")
        assert card.get_attribute("href") == f"../{point_path('ha-noi', point.commune_code, point.code)}"
        assert card.get_attribute("target") == "_top"
        assert session.errors == []
    finally:
        session.close()


@pytest.mark.browser
def test_national_map_counts_every_point_by_commune(browser, site_url, directory) -> None:
    session = Offline(browser, phone=True)
    try:
        page = session.page
        page.goto(f"{site_url}ban-do/", wait_until="load")
        page.wait_for_timeout(300)
        assert not any(u.endswith(("leaflet.js", "maps.js", "toan-quoc.json")) for u in session.requested)
        page.tap(".db-map-preview img")  # the picture: the map takes its place
        frame = page.wait_for_selector("iframe.db-map--national").content_frame()
        shown = map_ready(frame)
        total = len(directory.points)
        communes = {p.commune_code for p in directory.points}
        assert shown["count"] == shown["shown"] == total
        assert shown["markers"] == len(communes)
        assert shown["approximate"] == sum(p.approximate for p in directory.points)
        assert "xã, phường" in shown["legend"]
        ba_dinh = [
            p for p in directory.points if p.commune_name == "Phường Ba Đình" and p.province_slug == "ha-noi"
        ]
        frame.evaluate(
            """() => new Promise(done => {
                const layer = window.dbMaps.layers[0];
                const marker = layer.cluster.getLayers()
                    .find(m => m.options.title.startsWith("Phường Ba Đình:"));
                layer.cluster.zoomToShowLayer(marker, () => { marker.getElement().click(); done(); });
            })"""
        )
        popup = frame.wait_for_selector(".db-pop")
        assert f"{len(ba_dinh)} điểm thu" in popup.inner_text()
        link = popup.query_selector("a.db-pop__card")
        assert link.get_attribute("href") == f"../{commune_path('ha-noi', ba_dinh[0].commune_code)}"
        assert link.get_attribute("target") == "_top"
        assert session.errors == []
        assert all(u.startswith(TILES) for u in session.outside)
    finally:
        session.close()


@pytest.mark.browser
def test_province_page_keeps_its_list_without_tiles(browser, site_url, directory) -> None:
    """Tiles never load here; the embedded map still draws its markers and the page its cards."""
    state = next(s for s in directory.provinces if s.province.slug == "lai-chau")
    session = Offline(browser)
    try:
        page = session.page
        page.goto(f"{site_url}tinh/lai-chau/")
        counts = page.eval_on_selector_all(".db-communes li", "items => items.map(li => li.textContent)")
        assert len(counts) == len({p.commune_code for p in state.points})
        assert not any("ban-do/" in url for url in session.requested), "the map loaded before it was opened"
        page.click("details.db-map summary")
        iframe = page.wait_for_selector("details.db-map iframe")
        iframe.scroll_into_view_if_needed()
        shown = map_ready(iframe.content_frame())
        assert shown["count"] == shown["shown"] == len(state.points)
        assert session.errors == []
    finally:
        session.close()


@pytest.mark.browser
def test_map_document_has_no_serious_accessibility_violations(browser, site_url) -> None:
    from browser import axe_violations

    session = Offline(browser)
    try:
        session.page.goto(f"{site_url}ban-do/lai-chau.html")
        map_ready(session.page)
        assert axe_violations(session.page) == []
    finally:
        session.close()


@pytest.mark.browser
@pytest.mark.parametrize("ask", ["tap", "keyboard"])
def test_national_map_document_draws_when_the_reader_asks(browser, site_url, directory, ask) -> None:
    """Opened directly, the document shows its picture and evaluates no Leaflet; a touch on the
    picture or its button draws the map, and the picture goes."""
    session = Offline(browser, phone=True)
    try:
        page = session.page
        page.goto(f"{site_url}ban-do/toan-quoc.html", wait_until="load")
        page.wait_for_timeout(500)
        assert page.evaluate("() => typeof window.L") == "undefined"
        assert not any(u.endswith(("leaflet.js", "toan-quoc.json")) for u in session.requested)
        assert page.is_visible(".db-preview__picture") and page.is_visible(".db-preview__start")
        if ask == "tap":
            page.tap(".db-preview__picture")
        else:
            page.focus(".db-preview__start")
            page.keyboard.press("Enter")
        shown = map_ready(page)
        assert shown["count"] == shown["shown"] == len(directory.points)
        page.wait_for_selector("#xem-truoc", state="detached")
        if ask == "keyboard":  # the reader is taken to the map, not left on a removed button
            assert page.evaluate("() => document.activeElement.id") == "map_ban_do"
        assert session.errors == []
    finally:
        session.close()


@pytest.mark.browser
def test_maps_work_without_javascript(browser, site_url) -> None:
    """Without JavaScript the maps page's picture opens the national map's document, which shows
    the picture and the provinces' pages to go to."""
    session = Offline(browser, java_script_enabled=False)
    try:
        page = session.page
        page.goto(f"{site_url}ban-do/")
        page.click(".db-map-preview a")
        page.wait_for_url("**/ban-do/toan-quoc.html")
        assert page.is_visible(".db-preview__picture")
        assert not page.is_visible(".db-preview__start")
        links = page.locator(".db-preview__list a")
        assert links.count() == len(admin_units().provinces)
        links.first.click()
        page.wait_for_url("**/tinh/*/")
        assert page.locator(".db-communes").count() == 1
    finally:
        session.close()
