"""Headless Debian Chromium for the tests that need a browser.

`chromium_path()` skips the calling test when Chromium is missing, or fails it when the
environment sets REQUIRE_BROWSER=1 (CI), so a missing browser is never mistaken for a pass there.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from generator.build.pdf import DEFAULT_CHROMIUM as CHROMIUM
from generator.build.pdf import HEADLESS_FLAGS as FLAGS


def chromium_path() -> Path:
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    message = f"không có Chromium ở {CHROMIUM}"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{message} nhưng REQUIRE_BROWSER=1", pytrace=False)
    pytest.skip(message)


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
