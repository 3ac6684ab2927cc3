"""Lighthouse scores at least 95 for accessibility, best practices and SEO on the home page, a
province page and a leaflet page of the sample site, in Debian Chromium (scores, not timings;
`scripts/benchmarks/quality.py` prints them for the national site). Apart from
tests/test_accessibility.py (axe) so that the two run on different workers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from browser import chromium_path, require

from generator.contract import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
from benchmarks import quality

# The pages Lighthouse scores, by the start of their label in quality.pages().
LIGHTHOUSE_PAGES = ("trang chủ", "tỉnh", "tờ rơi")
LIGHTHOUSE_BATCH = Path(__file__).parent / "lighthouse.mjs"
# How long a page must stay quiet (no request, no main-thread task) after its load before the
# audits run. Lighthouse waits a second for each (and a second after the first paint) so that its
# load-performance metrics are complete; no category scored here measures load performance, and
# a quarter of a second still lets the pages' scripts fetch and render what they show, whose
# console errors best practices counts. About ten seconds less waiting for the three pages.
QUIET = {
    "pauseAfterFcpMs": 0,
    "pauseAfterLoadMs": 250,
    "networkQuietThresholdMs": 250,
    "cpuQuietThresholdMs": 250,
}


def lighthouse_reports_of(urls: list[str]) -> list[dict]:
    """Lighthouse's JSON reports of the pages, with quality.lighthouse()'s categories, Chromium
    and flags (and `QUIET`), all in one Node process and one Chromium (tests/lighthouse.mjs)."""
    settings = {
        "chromePath": str(quality.CHROMIUM),
        "chromeFlags": quality.CHROME_FLAGS.split(),
        "categories": list(quality.CATEGORIES),
        "blockedUrlPatterns": ["*tile.openstreetmap.org*"],
        "urls": urls,
        "quiet": QUIET,
    }
    done = subprocess.run(
        ["node", str(LIGHTHOUSE_BATCH), json.dumps(settings)],
        capture_output=True,
        text=True,
        timeout=300 * len(urls),
        check=False,
        cwd=PROJECT_ROOT,
    )
    assert done.returncode == 0, f"lighthouse {urls}: {done.stderr[-2000:]}"
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def lighthouse_reports(sample_site, site_url) -> dict[str, dict]:
    """The three pages' reports by label, from one Lighthouse session."""
    chromium_path()
    reason = quality.available()
    if reason:
        require(reason)
    labelled = quality.pages(sample_site)
    paths = {label: next(p for n, p in labelled.items() if n.startswith(label)) for label in LIGHTHOUSE_PAGES}
    reports = lighthouse_reports_of([site_url + path for path in paths.values()])
    for (label, path), report in zip(paths.items(), reports, strict=True):
        # The report is the page's own: a redirect or a mix-up would score another page.
        assert report["finalDisplayedUrl"] == site_url + path, (label, report["finalDisplayedUrl"])
    return dict(zip(paths, reports, strict=True))


@pytest.mark.browser
@pytest.mark.parametrize("label", LIGHTHOUSE_PAGES)
def test_lighthouse_scores_at_least_95(lighthouse_reports, label):
    report = lighthouse_reports[label]
    scores = quality.scores(report)
    assert min(scores.values()) >= quality.TARGET, (scores, quality.failed_audits(report))
