"""The hostile site of tests/hostile_site.py in a real browser: nothing from the data executes or
becomes markup on any page (every HTML file of the site, search results, the nearest finder, map
popups, the signage proofs…). Apart from tests/test_guarantees.py so that the visits run on one
worker while the other checks the files; the site is built once for both.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import chromium_path, serve, settle
from hostile_site import (
    ALLOWED_HOSTILE,
    ALLOWED_HOSTILE_2,
    CHANGED_NAME,
    MARKERS,
    POSITION,
    REFUSED_TOKEN,
    files_of,
    occurrences,
    read_points,
)

from generator.render.rule_docs import RULES_DIR


@pytest.fixture(scope="module")
def site(hostile_site: Path) -> Path:
    return hostile_site


@pytest.fixture(scope="module")
def signage(hostile_signage: Path) -> Path:
    return hostile_signage


# --- nothing executes, in a real browser ---------------------------------------------------------

# Problems on the page as it is now, in the document and in same-origin frames: inline event
# handlers, script URLs, and any element or attribute the planted payloads would create if a
# value were ever inserted as HTML, as Markdown or into script source.
FIND_INJECTED = r"""
() => {
  const problems = [];
  const docs = [document];
  for (const frame of document.querySelectorAll("iframe")) {
    try { if (frame.contentDocument) docs.push(frame.contentDocument); } catch (e) {}
  }
  const URL_ATTRS = /^(href|src|action|formaction|xlink:href|data|poster|srcdoc)$/;
  for (const doc of docs) {
    for (const el of doc.querySelectorAll("*")) {
      const tag = el.tagName.toLowerCase();
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        const squashed = attr.value.replace(/[\s\u0000-\u001f]/g, "").toLowerCase();
        if (name.startsWith("on")) problems.push(`${tag}[${name}] inline handler`);
        if (name.startsWith("data-dbinj")) problems.push(`${tag}[${name}] injected attribute`);
        if ((name === "id" || name === "name") && attr.value.startsWith("db-inj")) {
          problems.push(`${tag}#${attr.value} injected element`);
        }
        if (URL_ATTRS.test(name) && /^(javascript|vbscript|data:text\/html)/.test(squashed)) {
          problems.push(`${tag}[${name}=${attr.value.slice(0, 60)}] script URL`);
        }
        if (URL_ATTRS.test(name) && squashed.includes("db-inj") && !squashed.includes("#diem-")) {
          problems.push(`${tag}[${name}=${attr.value.slice(0, 60)}] injected link`);
        }
      }
      const text = el.textContent.trim();
      if ((tag === "em" && text === "db-inj-em") || (tag === "code" && text.includes("db-inj"))) {
        problems.push(`<${tag}>${text.slice(0, 40)} injected markup`);
      }
    }
  }
  return problems;
}
"""

# Open every popup of the maps drawn by site_src/assets/maps.js, one after the other, and report
# what each one creates once its content has arrived.
OPEN_MAP_POPUPS = r"""
async (find) => {
  const check = eval("(" + find + ")");
  const problems = [];
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  let opened = 0;
  for (const layer of (window.dbMaps || {layers: []}).layers) {
    await layer.ready;  // the national map fetches its data: its markers come after the load event
    for (const marker of layer.cluster.getLayers()) {
      layer.cluster.fire("click", {layer: marker, latlng: marker.getLatLng()});
      for (let i = 0; i < 100; i++) {
        const content = document.querySelector(".leaflet-popup-content");
        if (content && !content.textContent.includes("Đang tải")) break;
        await pause(20);
      }
      opened += 1;
      for (const problem of check()) problems.push(`popup ${opened}: ${problem}`);
    }
  }
  return {opened, problems: [...new Set(problems)]};
}
"""


@pytest.fixture(scope="module")
def hostile_url(site) -> Iterator[str]:
    yield from serve(site)


# Every request that would leave the test server.
OUTSIDE = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")


@pytest.fixture
def visitor(browser):
    """A phone at the hostile points' position, with location allowed; nothing leaves localhost."""
    from browser import close_page, shared_context, watch

    context = shared_context(
        browser,
        locale="vi-VN",
        viewport={"width": 360, "height": 640},
        is_mobile=True,
        has_touch=True,
        geolocation={"latitude": POSITION[0], "longitude": POSITION[1], "accuracy": 30},
        permissions=["geolocation"],
    )
    page = watch(context.new_page())
    page.route(OUTSIDE, lambda route: route.abort())
    try:
        yield page
    finally:
        close_page(page.page)


# The national map draws itself (and opens popups) only once asked for: its address asks at once.
MAP_ASKED_FOR = "#tuong-tac"
NATIONAL_MAP = "ban-do/toan-quoc.html"


def visit(page, url: str) -> list[str]:
    _start(page, url)
    return _problems(page)


def _start(page, url: str) -> None:
    page.dialogs.clear()
    page.errors.clear()
    page.popups_opened = 0
    page.goto(url, wait_until="commit")


def visit_all(visitor, urls: list[str], tabs: int = 4) -> Iterator[tuple[str, list[str], object]]:
    """visit() of every URL in turn, yielding (url, problems, page) while the page is still on it:
    `tabs` pages of the visitor's context load the next URLs meanwhile, so a page's load and its
    scripts' fetches overlap the checks of the one before instead of being waited for alone."""
    from browser import watch

    pages = [visitor, *(watch(visitor.context.new_page()) for _ in range(tabs - 1))]
    for page in pages[1:]:
        page.route(OUTSIDE, lambda route: route.abort())
    pending, loading = deque(urls), deque()
    try:
        for page in pages[: len(pending)]:
            url = pending.popleft()
            _start(page, url)
            loading.append((page, url))
        while loading:
            page, url = loading.popleft()
            yield url, _problems(page), page
            if pending:
                next_url = pending.popleft()
                _start(page, next_url)
                loading.append((page, next_url))
    finally:
        for page in pages[1:]:
            page.close()


def _problems(page) -> list[str]:
    """What the page executed or created from the data, once loaded and settled."""
    page.wait_for_load_state("load")
    settle(page)
    problems = list(page.evaluate(FIND_INJECTED))
    if page.url.endswith(MAP_ASKED_FOR):
        page.wait_for_function("() => Boolean(window.dbMaps)")
    if page.evaluate("() => Boolean(window.dbMaps)"):
        # A map document adds its layer once its scripts ran and the page was drawn.
        page.wait_for_function("() => window.dbMaps.layers.length > 0")
        result = page.evaluate(OPEN_MAP_POPUPS, FIND_INJECTED)
        problems += result["problems"]
        page.popups_opened = result["opened"]
    problems += [f"dialog: {d}" for d in page.dialogs]
    problems += [e for e in page.errors if e.startswith("pageerror")]
    return problems


@pytest.mark.slow
@pytest.mark.browser
def test_the_checks_see_an_injection_when_there_is_one(hostile_url, visitor):
    """The negative control: the same checks on a page where markup was really injected."""
    chromium_path()
    assert visit(visitor, hostile_url + "tinh/lai-chau/") == []
    visitor.evaluate(
        """() => document.body.insertAdjacentHTML("beforeend",
             '<img id="db-inj-img" src="/db-inj.png"><em>db-inj-em</em><a href=" JavaScript:x">x</a>'
             + '<b data-dbinj="1" onclick="x()">x</b>')"""
    )
    found = " | ".join(visitor.evaluate(FIND_INJECTED))
    for expected in (
        "#db-inj-img injected element",
        "injected link",
        "<em>db-inj-em",
        "script URL",
        "[data-dbinj] injected attribute",
        "[onclick] inline handler",
    ):
        assert expected in found
    with visitor.expect_event("dialog"):
        visitor.evaluate("() => setTimeout(() => alert('x'), 0)")
    assert visitor.dialogs == ["alert: x"]


def catalogue_pages(site: Path, pages: list[str]) -> list[str]:
    """The pages of the rule reference but its first rule's: made from the rule catalogue alone
    (generator/render/rule_docs.py is given no data), one template for all seventy."""
    from generator.rules import RULES

    rules = sorted(f"{RULES_DIR}/{code}/index.html" for code in RULES)
    assert set(rules) <= set(pages)
    return rules[1:]


@pytest.mark.slow
@pytest.mark.browser
def test_nothing_from_the_data_executes_on_any_page(site, hostile_url, visitor):
    chromium_path()
    pages = [p.relative_to(site).as_posix() for p in files_of(site) if p.suffix == ".html"]
    assert "tinh/lai-chau/index.html" in pages
    # The rule pages hold nothing of the data (none of the planted payloads' tokens, in any
    # form): one of them is visited for their template, not seventy, each a fifth of a second of
    # Chromium's CPU. Every other page, data or not, is visited.
    same_template = catalogue_pages(site, pages)
    assert occurrences(site / RULES_DIR, ["db-inj", "dbinj", REFUSED_TOKEN, *MARKERS.values()]) == []
    visited = [r for r in pages if r not in same_template]
    problems, popups = [], {}
    urls = [hostile_url + r + (MAP_ASKED_FOR if r == NATIONAL_MAP else "") for r in visited]
    for url, found, page in visit_all(visitor, urls):
        relative = url.removeprefix(hostile_url).removesuffix(MAP_ASKED_FOR)
        problems += [f"{relative}: {p}" for p in found]
        popups[relative] = page.popups_opened
    assert sorted(popups) == sorted(visited)  # every page was checked
    assert problems == []
    # Every marker of the Lai Châu map was opened, the hostile ones included.
    assert "ban-do/lai-chau.html" in pages
    assert popups["ban-do/lai-chau.html"] == len(read_points(site, "lai-chau")) > 0
    assert popups[NATIONAL_MAP] > 0


@pytest.mark.slow
@pytest.mark.browser
def test_nothing_from_the_data_executes_in_the_signage_proofs(signage, visitor):
    chromium_path()
    proofs = [p.relative_to(signage).as_posix() for p in files_of(signage) if p.suffix == ".html"]
    assert any("lai-chau" in p for p in proofs)
    problems = []
    for root in serve(signage):
        for url, found, _ in visit_all(visitor, [root + relative for relative in proofs]):
            problems += [f"{url.removeprefix(root)}: {p}" for p in found]
    assert problems == []


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize(
    "query",
    ["db-inj", "Tiền Hậu", "alert", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>', "{{7*7}}"],
)
def test_search_results_and_a_hostile_query_stay_text(hostile_url, visitor, query):
    chromium_path()
    from urllib.parse import quote

    problems = visit(visitor, f"{hostile_url}?q={quote(query)}")  # waits for the index to arrive
    problems += visitor.evaluate(FIND_INJECTED)
    assert problems == [] and visitor.dialogs == []


@pytest.mark.slow
@pytest.mark.browser
def test_search_finds_the_hostile_points_and_shows_their_text(hostile_url, visitor):
    chromium_path()
    visit(visitor, f"{hostile_url}?q=db-inj-em")
    visitor.wait_for_function(
        "() => document.querySelector('.db-search__results li') !== null", timeout=10_000
    )
    text = visitor.locator(".db-search__results").inner_text()
    assert "*db-inj-em*" in text  # the Markdown stayed literal text


@pytest.mark.slow
@pytest.mark.browser
def test_the_nearest_finder_lists_the_hostile_points_as_text(hostile_url, visitor):
    chromium_path()
    problems = visit(visitor, hostile_url + "gan-toi/")
    visitor.wait_for_function(
        "() => (document.getElementById('db-nearest-results') || {}).textContent?.includes('db-inj')",
        timeout=15_000,
    )
    problems += visitor.evaluate(FIND_INJECTED)
    assert problems == [] and visitor.dialogs == []
    text = visitor.locator("#db-nearest-results").inner_text()
    assert "&lt;img src=/db-inj-img.png id=db-inj-img&gt;" in text


@pytest.mark.slow
@pytest.mark.browser
def test_hostile_text_is_shown_as_typed_on_the_commune_pages(site, hostile_url, visitor):
    chromium_path()
    assert visit(visitor, hostile_url + "tinh/lai-chau/") == []
    communes = [p.parent.relative_to(site).as_posix() for p in site.glob("tinh/lai-chau/*/index.html")]
    assert communes
    problems, text = [], ""
    for url, found, page in visit_all(visitor, [f"{hostile_url}{commune}/" for commune in sorted(communes)]):
        problems += [f"{url}: {p}" for p in found]
        text += page.locator("article.md-content__inner").inner_text()
    assert problems == []
    for value in (*ALLOWED_HOSTILE.values(), *ALLOWED_HOSTILE_2.values(), CHANGED_NAME):
        assert value in text, value


@pytest.mark.slow
@pytest.mark.browser
def test_a_hostile_address_bar_executes_nothing(hostile_url, visitor):
    chromium_path()
    payload = "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"
    for url in (f"gan-toi/#tinh-{payload}", f"tinh/lai-chau/#{payload}", f"?tinh={payload}&loai={payload}"):
        assert visit(visitor, hostile_url + url) == [], url
