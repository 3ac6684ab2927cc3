"""A valid list for next month passes the whole check of a pull request, on a copy of this very
repository: the province check (`check-pr`) is green, and the tests that read data stay green
with the new list in `directory_data/` (no test may depend on what the provinces sent so far).
An invalid list for next month is red with the right finding."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_workflow import GIT_ENV

from generator.contract import PROJECT_ROOT
from generator.enrich import enrich
from generator.merge import latest_month, merge
from generator.pipeline import validate_dataset
from generator.render.submission_csv import render_submission_csvs

SLUG = "lai-chau"
# The tests that read the bundled data or name its months.
DATA_TESTS = [
    "tests/test_synth.py::test_bundled_sample_is_what_the_generator_writes",
    "tests/test_synth.py::test_bundled_sample_covers_every_province_with_late_ones",
    "tests/test_synth.py::test_bundled_sample_is_valid_with_only_the_planted_imperfections",
    "tests/test_history_site.py",
    "tests/test_status.py",
]

# The data tests in one plain process: no xdist workers to start (the outer run already uses every
# core), no benchmark or cache plugin, and a temporary folder of its own.
NESTED_OPTIONS = ("-q", "-p", "no:xdist", "-p", "no:benchmark", "-p", "no:cacheprovider")


def _nested_env() -> dict[str, str]:
    """The outer run's environment without what tells a process it is an xdist worker (the inner
    run would share the outer run's temporary folders through it, tests/browser.py)."""
    return {name: value for name, value in os.environ.items() if not name.startswith("PYTEST_")}


def run(cwd: Path, *args: str, nested: bool = False) -> subprocess.CompletedProcess:
    base = _nested_env() if nested else os.environ
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, env={**base, **GIT_ENV})


def next_month(month: str) -> str:
    year, number = map(int, month.split("-"))
    return f"{year + number // 12}-{number % 12 + 1:02d}"


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """The repository's tracked files (as they are in this checkout), committed as `main`."""
    root = tmp_path_factory.mktemp("kho") / "kho"
    listed = run(PROJECT_ROOT, "git", "ls-files", "-z").stdout.split("\0")
    for name in filter(None, listed):
        source = PROJECT_ROOT / name
        if source.is_file() and not source.is_symlink():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    for args in (("init", "-q", "-b", "main"), ("add", "-A"), ("commit", "-q", "-m", "kho")):
        assert run(root, "git", *args).returncode == 0
    return root


def submit(copy: Path, branch: str, body: bytes) -> tuple[str, str]:
    """A list for the month after the newest one, on its own branch; returns (month, today)."""
    data = copy / "directory_data"
    month = next_month(latest_month(validate_dataset(data).validated))
    today = f"{_previous(month)}-22"  # checked in the month before: the list waits
    run(copy, "git", "checkout", "-q", "main")
    assert run(copy, "git", "checkout", "-q", "-b", branch).returncode == 0
    path = data / "provinces" / SLUG / f"{month}.csv"
    path.write_bytes(body)
    assert run(copy, "git", "add", "-A").returncode == 0
    assert run(copy, "git", "commit", "-q", "-m", f"{SLUG} {month}").returncode == 0
    return month, today


def _previous(month: str) -> str:
    year, number = map(int, month.split("-"))
    return f"{year - (number == 1)}-{(number - 2) % 12 + 1:02d}"


def published(copy: Path) -> bytes:
    """The province's list as its page offers it: what a clerk downloads and sends back."""
    validated = validate_dataset(copy / "directory_data").validated
    directory = enrich(merge(validated, latest_month(validated)))
    return render_submission_csvs(directory)[f"du-lieu/tinh/{SLUG}.csv"]


def check_pr(copy: Path, today: str) -> subprocess.CompletedProcess:
    return run(
        copy, sys.executable, "-m", "generator", "check-pr", "--base", "main", "--format", "github",
        "--today", today,
    )  # fmt: skip


@pytest.mark.slow
def test_valid_next_month_list_passes_the_check_and_the_data_tests(copy):
    _, today = submit(copy, "tinh-hop-le", published(copy))
    done = check_pr(copy, today)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "::error" not in done.stdout
    tests = run(copy, sys.executable, "-m", "pytest", *NESTED_OPTIONS, f"--basetemp={copy.parent / 'tmp'}",
                *DATA_TESTS, nested=True)  # fmt: skip
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-2000:]


@pytest.mark.slow
def test_invalid_next_month_list_is_red_with_its_finding(copy):
    rows = list(csv.reader(io.StringIO(published(copy).decode("utf-8-sig"))))
    rows[2][rows[0].index("Điện thoại di động")] = "12345"
    rows[2][rows[0].index("Điện thoại cố định")] = ""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    month, today = submit(copy, "tinh-co-loi", out.getvalue().encode("utf-8"))
    done = check_pr(copy, today)
    assert done.returncode == 1
    path = f"directory_data/provinces/{SLUG}/{month}.csv"
    assert f"::error file={path},line=3,title=phone-invalid" in done.stdout
