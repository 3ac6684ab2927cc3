"""Headless Debian Chromium for the tests that need a browser.

`chromium_path()` skips the calling test when Chromium is missing, or fails it when the
environment sets REQUIRE_BROWSER=1 (CI), so a missing browser is never mistaken for a pass there.

Fixtures (imported by conftest.py):
- `sample_site`: the bundled sample data built once per test session (as of a fixed date);
- `site_url`: that site served over HTTP on localhost, as a static host would serve it;
- `browser` / `page`: Playwright driving Debian's chromium; `page.errors` collects uncaught
  script errors and console errors, `page.dialogs` any alert/confirm/prompt that opened;
- `axe_violations(page)`: axe-core's serious and critical violations on the current page.
"""

from __future__ import annotations

import fcntl
import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from sample_data import sample_root

from generator.build.pdf import DEFAULT_CHROMIUM as CHROMIUM
from generator.build.pdf import HEADLESS_FLAGS as FLAGS
from generator.contract import PROJECT_ROOT

AS_OF = date(2026, 11, 22)
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"


def require(reason: str) -> None:
    """Skip locally, fail in CI: a check that cannot run there must not pass silently."""
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} nhưng REQUIRE_BROWSER=1", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> Path:
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    require(f"không có Chromium ở {CHROMIUM}")
    raise AssertionError  # unreachable: require() raises


@pytest.fixture
def chromium() -> Path:
    return chromium_path()


def dump_dom(page: Path, profile: Path, *, width: int = 1200, budget_ms: int = 5000) -> str:
    """The DOM of a local page after its scripts ran (virtual time, so no real waiting)."""
    done = subprocess.run(
        [
            str(chromium_path()),
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={width},900",
            f"--virtual-time-budget={budget_ms}",
            "--dump-dom",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def run_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """`make(folder)` once per run, the folder shared by the pytest-xdist workers: the first worker
    to ask makes it while the others wait on a lock, so an expensive build wanted by modules on
    different workers is made once, by whichever worker needs it first."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent / f"{name}-shared"
    shared.mkdir(exist_ok=True)
    folder, done = shared / "made", shared / "done"
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            if folder.exists():  # a worker that failed half-way: start again
                shutil.rmtree(folder)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory, build_cache: Path) -> Path:
    """Built once per run (`run_once`). Through the run's build cache (conftest.py) it takes the
    leaflet PDFs the hostile site of tests/hostile_site.py printed from the same documents, when
    that build came first."""
    from generator.pipeline import run

    def make(folder: Path) -> None:
        run(sample_root(), None, folder / "site", as_of=AS_OF, cache_dir=build_cache)

    return run_once(tmp_path_factory, "sample", make) / "site"


@pytest.fixture(scope="session")
def national_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A national synthetic site of 6,000 points without PDFs (no test reading it reads one), built
    once per run for the search and finder tests (tests/test_search_places_*.py)."""
    from generator.pipeline import run
    from generator.synth import write_synthetic_dataset

    def make(root: Path) -> None:
        write_synthetic_dataset(root / "data", points=6000, months=1, seed=3)
        run(root / "data", None, root / "site", as_of=AS_OF, pdf=False)

    return run_once(tmp_path_factory, "national", make) / "site"


# The site's scripts that render from data they fetch: the search, the nearest finder, the maps.
_FETCHING_SCRIPTS = r"() => [...document.scripts].some((s) => /\/(search|nearest|maps)\.js/.test(s.src))"


def settle(page) -> None:
    """After the load event, until what the page's scripts render is there: every script has run
    by then, and a page with a script that fetches data is read once the network has gone idle."""
    if page.evaluate(_FETCHING_SCRIPTS):
        page.wait_for_load_state("networkidle")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(root: Path) -> Iterator[str]:
    """Serve a folder on a free localhost port for as long as the generator is open."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(sample_site: Path) -> Iterator[str]:
    yield from serve(sample_site)


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require("chưa cài playwright (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(path), args=list(FLAGS))
        yield launched
        launched.close()


@dataclass
class WatchedPage:
    """A Playwright page with what went wrong on it collected as it happens."""

    page: object
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def __getattr__(self, name: str):
        return getattr(self.page, name)


def watch(page) -> WatchedPage:
    watched = WatchedPage(page)
    page.on("pageerror", lambda exc: watched.errors.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: msg.type == "error" and watched.errors.append(f"console: {msg.text}"))

    def on_dialog(dialog) -> None:
        watched.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return watched


PHONE = {"locale": "vi-VN", "viewport": {"width": 360, "height": 640}, "has_touch": True, "is_mobile": True}
# A phone-sized page without JavaScript.
NO_SCRIPT = {"java_script_enabled": False, "viewport": PHONE["viewport"]}
LOCAL = "http://127.0.0.1"

# Browser contexts shared by the tests of a worker, by their options (`shared_context`).
_SHARED: dict[str, tuple[object, object]] = {}


def shared_context(browser, **options):
    """A browser context with these options, made once per worker and kept with a blank page open
    for the rest of the run; tests open a page (a tab of its own: its own history and
    sessionStorage) in it and close that page after them (`close_page`). Measured per test: a
    context and its first page cost about 1 s of CPU (a renderer process started for it, and
    every file of the site fetched and compiled again with an empty HTTP cache), a new tab in a
    context with a page open about 0.4 s. What a tab inherits from the ones before is the HTTP
    cache (static files, revalidated with the test server); a test that counts what a page
    fetches uses a context of its own (`cold_page`) or routes the requests, which turns the
    cache off for its page."""
    key = repr(sorted(options.items()))
    found = _SHARED.get(key)
    if found is None or found[0] is not browser:
        context = browser.new_context(**{k: v for k, v in options.items() if v != "per session"})
        context.new_page()  # keeps the context's renderer process between the tests' tabs
        found = _SHARED[key] = (browser, context)
    return found[1]


def close_page(page) -> None:
    """Close a tab of a shared context, clearing the storage and cookies it may have left."""
    if page.url.startswith(LOCAL):
        page.evaluate("() => { try { localStorage.clear(); } catch (e) {} }")
    page.close()
    page.context.clear_cookies()


@contextmanager
def phone_page(browser) -> Iterator[WatchedPage]:
    """A phone-sized page (360 × 640, touch) in a browser context of its own."""
    context = browser.new_context(**PHONE)
    try:
        yield watch(context.new_page())
    finally:
        context.close()


@pytest.fixture
def page(browser) -> Iterator[WatchedPage]:
    """A phone-sized page by default; tests resize when they need to. A new tab of the worker's
    phone context (`shared_context`)."""
    phone = watch(shared_context(browser, **PHONE).new_page())
    try:
        yield phone
    finally:
        close_page(phone.page)


@pytest.fixture
def cold_page(browser) -> Iterator[WatchedPage]:
    """A phone-sized page in a context of its own, its HTTP cache empty: for the tests that assert
    what a page fetches, which a file cached by an earlier test would hide."""
    with phone_page(browser) as phone:
        yield phone


def open_data_points(site: Path) -> list[dict]:
    """The points a site publishes, from its open data."""
    return json.loads((site / "du-lieu" / "diem-thu.json").read_text(encoding="utf-8"))["diem_thu"]


def axe_violations(page: WatchedPage, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """axe-core's violations of the given impacts on the page as it is now, one line each."""
    if not AXE.is_file():
        require(f"không có {AXE.relative_to(PROJECT_ROOT)} (chạy npm ci)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['impact']} {v['id']}: {v['help']} — {', '.join(str(n['target']) for n in v['nodes'][:3])}"
        for v in result
        if v["impact"] in impacts
    ]


OSM_TILES = "https://tile.openstreetmap.org/"


class Offline:
    """A browser context that reaches only the local test server. Requests elsewhere are aborted
    and recorded in `outside`; failed OpenStreetMap tile requests are the only console errors
    tolerated, as tiles cannot load offline and the pages must work without them."""

    def __init__(self, browser, *, phone: bool = False, **options) -> None:
        if phone:
            options |= {"has_touch": True, "is_mobile": True}
        # A tab of a context shared by the sessions with the same options (`shared_context`);
        # the route is the tab's own, and so turns the HTTP cache off for it, as before.
        options = {"locale": "vi-VN", "viewport": PHONE["viewport"]} | options
        # The reader's position is the session's own: set on the shared context for each session
        # that gives one (every session sharing that context does), not a context per position.
        position = options.pop("geolocation", None)
        if position is not None:
            options["geolocation"] = "per session"
        self.context = shared_context(browser, **options)
        if position is not None:
            self.context.set_geolocation(position)
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.requested: list[str] = []
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requested.append(request.url))
        self.page.route(lambda url: not url.startswith(LOCAL), self._abort)
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on("console", self._console)

    def _abort(self, route) -> None:
        self.outside.append(route.request.url)
        route.abort()

    def _console(self, message) -> None:
        if message.type == "error" and not message.location.get("url", "").startswith(OSM_TILES):
            self.errors.append(f"console: {message.text} ({message.location.get('url')})")

    def close(self) -> None:
        close_page(self.page)
