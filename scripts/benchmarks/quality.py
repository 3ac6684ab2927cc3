"""Quality in a real browser: Lighthouse's accessibility, best-practices and SEO scores (target
≥ 95 each) of the home page, a province page and a leaflet page, the site served on localhost as
a static host would serve it, against Debian's Chromium.

Lighthouse comes from the npm registry (package.json; `npm ci`); nothing is fetched from the
internet: requests to other hosts (map tiles) are blocked.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
LIGHTHOUSE = PROJECT_ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = Path("/usr/bin/chromium")
CATEGORIES = ("accessibility", "best-practices", "seo")
TARGET = 95
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"


def pages(site: Path) -> dict[str, str]:
    """The three pages the issue names, by label → path under the site root."""
    province = sorted(p.parent.name for p in (site / "tinh").glob("*/index.html"))[0]
    return {"trang chủ": "", f"tỉnh ({province})": f"tinh/{province}/", "tờ rơi": "to-roi/bhxh-tu-nguyen/"}


def available() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    if not LIGHTHOUSE.is_file():
        return f"không có {LIGHTHOUSE.relative_to(PROJECT_ROOT)} (chạy npm ci)"
    if not CHROMIUM.is_file():
        return f"không có Chromium ở {CHROMIUM}"
    return None


def lighthouse(url: str, categories: tuple[str, ...] = CATEGORIES, timeout: int = 300) -> dict:
    """Lighthouse's JSON report of one page (mobile form factor, Lighthouse's default)."""
    done = subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            f"--chrome-path={CHROMIUM}",
            f"--chrome-flags={CHROME_FLAGS}",
            f"--only-categories={','.join(categories)}",
            "--blocked-url-patterns=*tile.openstreetmap.org*",
            "--output=json",
            "--output-path=stdout",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse {url}: {done.stderr[-2000:]}")
    return json.loads(done.stdout)


def scores(report: dict) -> dict[str, int]:
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}


def failed_audits(report: dict) -> list[str]:
    """The weighted audits that cost points, with the first offending elements."""
    lines = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                items = (audit.get("details") or {}).get("items", [])
                nodes = [i.get("node", {}).get("selector", "") for i in items[:3]]
                lines.append(f"{category}/{ref['id']}: {audit['title']} {[n for n in nodes if n]}")
    return lines


def report(data: Path, site: Path) -> None:
    import sys

    sys.path.insert(0, str(PROJECT_ROOT / "tests"))
    from browser import serve

    reason = available()
    if reason:
        print(f"Lighthouse skipped: {reason}")
        return
    for root in serve(site):
        for label, path in pages(site).items():
            result = lighthouse(root + path)
            figures = scores(result)
            verdict = "OK" if min(figures.values()) >= TARGET else "MISSES the target"
            shown = ", ".join(f"{c} {v}" for c, v in figures.items())
            print(f"Lighthouse {label}: {shown} [target ≥ {TARGET} each] {verdict}")
            for line in failed_audits(result):
                print(f"    {line}")
