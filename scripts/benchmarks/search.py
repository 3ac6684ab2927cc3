"""Search and page-weight budgets of the citizen site, measured in Debian Chromium (Playwright).

    python scripts/benchmarks/search.py DATA SITE    # on an already built site

- search data fetched for one query, gzip-compressed [target ≤ 400 KB];
- time from typing to results on screen in desktop Chromium [target ≤ 50 ms]: the page stamps
  each answer with the time since its input event, fetching included, until its first results
  are on screen (`data-first-ms` on #db-search; the first five, a phone's first screen) and
  until the whole page of twenty is (`data-ms`);
- the home page with everything it loads before anyone types [target ≤ 150 KB];
- the largest province page with everything it loads, map tiles aside [target ≤ 300 KB];
- on a slow phone (400 kbps, 400 ms round trips, CPU × 4; the site served with gzip), a fresh
  load of the home page, then a query typed key by key as soon as the box is usable: the time
  from the first keystroke to the first result card on screen [goal ≤ 1.5 s].
Sizes are what gzip (level 6) makes of every response, as a static host would serve them.
"""

from __future__ import annotations

import gzip
import json
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._measure import GzipHandler, budget, kb
from benchmarks._measure import served as served_gzip

from generator.build.pdf import DEFAULT_CHROMIUM, HEADLESS_FLAGS
from generator.text import fold

QUERIES = [
    "dien bien",
    "dak lak",
    "ha noi",
    "tan uyen",
    "buu dien",
    "nguyen van",
    "th",
    "diem thu phuong",
    "buu dien ha noi phuong",
    "0912 345",
    "0912345",
    "thanh pho ho chi minh",
    "binh duong",  # a place: the place table and the old province's 200-odd points
    "quan 1",
    "tphcm",
]
TYPED = ["dien bien", "buu dien ha noi", "tan uyen", "0912 345 678", "nguyen thi minh khai", "binh duong"]
# The slow phone of issue 17 (Chrome DevTools' presets are near it): bytes per second both ways.
SLOW_NETWORK = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400_000 / 8,
    "uploadThroughput": 400_000 / 8,
}
SLOW_CPU = 4
KEY_DELAY_MS = 200  # a thumb on a phone keyboard
# Stamps, in the page's clock, the first keystroke and the first frame with a result card on screen.
FIRST_RESULT = """
window.__firstKey = null; window.__firstResult = null;
addEventListener("keydown", () => {
  if (window.__firstKey !== null) return;
  window.__firstKey = performance.now();
  (function look() {
    const card = document.querySelector(".db-search__results .db-hit");
    const box = card && card.getBoundingClientRect();
    if (box && box.height > 0 && box.top < innerHeight) window.__firstResult = performance.now();
    else requestAnimationFrame(look);
  })();
}, true);
"""


@contextmanager
def served(root: Path) -> Iterator[str]:
    """A static server in its own process: in this one it would compete with Playwright for the
    interpreter and add its waits to the figures."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        sys.executable,
        "-m",
        "http.server",
        str(port),
        "--bind",
        "127.0.0.1",
        "--directory",
        str(root),
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with socket.socket() as client:
                if client.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


class Transfers:
    """Every same-origin response of a page, gzip-compressed; other hosts (map tiles) are
    answered with nothing so the page does not wait on the network."""

    def __init__(self, page, origin: str) -> None:
        self.sizes: dict[str, int] = {}
        self.origin = origin
        page.route(lambda url: not url.startswith(origin), lambda route: route.fulfill(status=204))
        page.on("response", self._record)

    def _record(self, response) -> None:
        if response.url.startswith(self.origin) and response.status == 200:
            try:
                body = response.body()
            except Exception:  # a response of a page already left: nothing to count
                return
            self.sizes[response.url] = len(gzip.compress(body, compresslevel=6))

    def total(self, part: str = "") -> int:
        return sum(size for url, size in self.sizes.items() if part in url)

    def clear(self) -> None:
        self.sizes.clear()


def wait_for(page, query: str) -> tuple[float, float, float]:
    """Ms from the input event to the first results on screen and to the whole page of results,
    and the ms the page's own script worked for it (not waiting for files or frames)."""
    page.wait_for_function(
        "key => document.getElementById('db-search').dataset.query === key",
        arg=f"{query}||",
        # Checked on a timer, not on every animation frame, so the check does not add its own
        # work to the frames being measured.
        polling=20,
    )
    stamp = page.eval_on_selector("#db-search", "e => [e.dataset.firstMs, e.dataset.ms, e.dataset.work]")
    return float(stamp[0]), float(stamp[1]), float(stamp[2])


def _p95(values: list[float]) -> float:
    return values[min(len(values) - 1, int(len(values) * 0.95))]


def largest_province(site: Path) -> Path:
    return max((site / "tinh").glob("*/index.html"), key=lambda p: p.stat().st_size)


def report(data: Path, site: Path) -> None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("search: playwright is not installed; skipped")
        return
    if not DEFAULT_CHROMIUM.is_file():
        print(f"search: no Chromium at {DEFAULT_CHROMIUM}; skipped")
        return
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(DEFAULT_CHROMIUM), args=list(HEADLESS_FLAGS))
        try:
            _home_and_search(browser, url)
            _province(browser, url, site)
        finally:
            browser.close()
    slow_phone(site)


def commune_query(site: Path) -> str:
    """The name of the commune with the most points, as people type it (no diacritics)."""
    published = json.loads((site / "du-lieu" / "diem-thu.json").read_text(encoding="utf-8"))["diem_thu"]
    counts: dict[str, int] = {}
    for point in published:
        counts[point["xa_phuong"]] = counts.get(point["xa_phuong"], 0) + 1
    return fold(max(sorted(counts), key=counts.get))


def slow_phone(site: Path) -> None:
    """Keystroke to first result on the slow phone, each query on a fresh page with an empty cache."""
    from playwright.sync_api import sync_playwright

    queries = ["binh duong", commune_query(site)]
    with served_gzip(site, GzipHandler) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(DEFAULT_CHROMIUM), args=list(HEADLESS_FLAGS))
        try:
            for query in queries:
                try:
                    usable, first = _slow_query(browser, url, query)
                except Exception as exc:  # a figure missing is reported, never a failed benchmark
                    print(f"slow phone, “{query}”: not measured ({str(exc)[:200]})")
                    continue
                label = f"slow phone (400 kbps, RTT 400 ms, CPU × {SLOW_CPU}), “{query}”"
                print(f"{label}: search box usable {usable / 1000:.1f} s after navigation")
                budget(f"{label} typed key by key: first keystroke → first result", first, 1500, "ms")
        finally:
            browser.close()


def _slow_query(browser, url: str, query: str) -> tuple[float, float]:
    phone = {"width": 360, "height": 640}
    context = browser.new_context(viewport=phone, is_mobile=True, has_touch=True, locale="vi-VN")
    try:
        context.route(lambda u: not u.startswith(url), lambda route: route.abort())
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": SLOW_CPU})
        page.add_init_script(FIRST_RESULT)
        page.goto(url, wait_until="commit")
        # Usable: search.js ran (it shows the form) and the box takes a tap.
        page.wait_for_selector("#db-search form:not([hidden]) #db-q", state="visible", timeout=120_000)
        usable = page.evaluate("() => performance.now()")
        page.tap("#db-q")
        page.keyboard.type(query, delay=KEY_DELAY_MS)
        page.wait_for_function("() => window.__firstResult !== null", timeout=120_000, polling=100)
        first = page.evaluate("() => window.__firstResult - window.__firstKey")
        return usable, first
    finally:
        context.close()


def _home_and_search(browser, url: str) -> None:
    _sizes(browser, url)
    _timings(browser, url)


def _sizes(browser, url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    page = context.new_page()
    transfers = Transfers(page, url)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    budget("home page with all it loads (compressed)", transfers.total() / 1024, 150, "KB")

    # One query on a fresh page: the manifest, the shards of its words, the chunks it shows.
    per_query = {}
    for query in QUERIES:
        fresh = context.new_page()
        fresh_transfers = Transfers(fresh, url)
        fresh.goto(url)
        fresh.wait_for_load_state("networkidle")
        fresh_transfers.clear()
        fresh.fill("#db-q", query)
        wait_for(fresh, query)
        fresh.wait_for_load_state("networkidle")
        per_query[query] = fresh_transfers.total("/tim-kiem/")
        fresh.close()
    worst = max(per_query, key=per_query.get)
    print("search data per query: " + ", ".join(f"“{q}” {kb(s)}" for q, s in per_query.items()))
    budget(
        f"search data fetched for one query, worst “{worst}” (compressed)", per_query[worst] / 1024, 400, "KB"
    )
    context.close()


def _timings(browser, url: str) -> None:
    """In pages without `Transfers`: its request routing and body capture hold every request for
    a round trip to this process, which would be counted as the page's time."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    cold = []
    for query in QUERIES:
        page = _home(context, url)
        page.fill("#db-q", query)
        cold.append(wait_for(page, query))
        page.close()

    # Typing, keystroke by keystroke, in one session (index files cached as they arrive).
    page = _home(context, url)
    keystrokes = []
    for text in TYPED:
        page.fill("#db-q", "")
        for end in range(1, len(text) + 1):
            page.fill("#db-q", text[:end])
            keystrokes.append(wait_for(page, text[:end]))
    context.close()

    first = sorted(stamp[0] for stamp in keystrokes)
    total = sorted(stamp[1] for stamp in keystrokes)
    work = sorted(stamp[2] for stamp in keystrokes)
    cold_first = sorted(stamp[0] for stamp in cold)
    cold_work = sorted(stamp[2] for stamp in cold)
    print(
        f"first query on a fresh page, box focused ({len(cold)} queries): first results median "
        f"{statistics.median(cold_first):.1f} ms, max {cold_first[-1]:.1f} ms; the page's own work median "
        f"{statistics.median(cold_work):.1f} ms, max {cold_work[-1]:.1f} ms "
        "(the rest is fetching index files, layout and frames)"
    )
    print(
        f"typing ({len(keystrokes)} keystrokes, index files cached once fetched): first results median "
        f"{statistics.median(first):.1f} ms, p95 {_p95(first):.1f} ms, max {first[-1]:.1f} ms; whole page "
        f"of 20 median {statistics.median(total):.1f} ms, p95 {_p95(total):.1f} ms, max {total[-1]:.1f} ms; "
        f"the page's own work median {statistics.median(work):.1f} ms, max {work[-1]:.1f} ms"
    )
    budget("first results after a keystroke, p95 (desktop Chromium, localhost)", _p95(first), 50, "ms")
    budget("results after a keystroke, page's own work, max", work[-1], 50, "ms")


def _home(context, url: str):
    """The home page, its manifest fetched (the page preloads it), the search box focused and
    Playwright's helper script already injected: done on the first wait, its 10 ms of script
    evaluation would be counted as the search's."""
    page = context.new_page()
    with page.expect_response(lambda response: "/tim-kiem/meta.json" in response.url):
        page.goto(url)
    page.wait_for_load_state("networkidle")
    page.focus("#db-q")
    page.wait_for_function("() => true")
    return page


def _province(browser, url: str, site: Path) -> None:
    page_file = largest_province(site)
    relative = page_file.parent.relative_to(site).as_posix() + "/"
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    page = context.new_page()
    transfers = Transfers(page, url)
    page.goto(url + relative, wait_until="load")
    # The embedded map keeps asking for tiles (answered with nothing), so the network is never idle.
    page.wait_for_timeout(3000)
    html = transfers.sizes.get(url + relative, 0)
    # Its points are on its commune pages; the province page lists the communes.
    print(f"largest province page {relative}: HTML {kb(html)} compressed")
    budget(f"{relative} with all it loads, map tiles aside (compressed)", transfers.total() / 1024, 300, "KB")
    context.close()


if __name__ == "__main__":
    report(Path(sys.argv[1]), Path(sys.argv[2]))
