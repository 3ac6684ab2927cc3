"""The site's scripts under their own tools: ESLint (eslint.config.js) and Node's test runner on
tests/js/ (folding, ranking, places, the finder's grid, with answers known independently).

Marked `node`: skipped locally when Node or `node_modules/` (npm ci) is absent, failed in CI
(REQUIRE_BROWSER=1), like the browser tests."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from browser import require

from generator.contract import PROJECT_ROOT

pytestmark = pytest.mark.node


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    if shutil.which("node") is None:
        require("không có node")
    if not (PROJECT_ROOT / "node_modules" / "eslint").is_dir():
        require("không có node_modules/eslint (chạy npm ci)")
    return subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300, check=False)


def test_eslint_finds_nothing() -> None:
    done = _run(str(PROJECT_ROOT / "node_modules" / ".bin" / "eslint"), "--max-warnings", "0")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_node_tests_pass() -> None:
    done = _run("node", "--test", "tests/js/")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "# fail 0" in done.stdout and "# pass 0" not in done.stdout
