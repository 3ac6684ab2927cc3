"""The real development set (tests/fixtures/real/): 992 real points of 2018, sent as the 34
provinces' lists of one month. Prints the share of rows published, the lists held whole, the
held rows by rule, and the CPU time of validating them."""

from __future__ import annotations

import collections
import resource
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))

from real_lists import write_submissions

from generator.pipeline import validate_paths


def report(data: Path, site: Path) -> None:
    root = Path(tempfile.mkdtemp(prefix="real-lists-"))
    write_submissions(root)
    start = _cpu()
    run = validate_paths([root / "provinces"], root)
    cpu = _cpu() - start
    rows = sum(v.rows for v in run.validated)
    published = sum(len(v.points) for v in run.validated)
    held_files = [v.loaded.province_slug for v in run.validated if not v.publishable]
    held_rules = collections.Counter(
        f.code for v in run.validated if v.publishable for h in v.held for f in h.findings
    )
    print(f"real lists: {published}/{rows} rows published = {published / rows:.1%} [target ≥ 95%]")
    print(f"real lists held whole: {len(held_files)} of {len(run.validated)} {held_files} [target 0]")
    print(f"real lists, why rows are held: {dict(held_rules.most_common())}")
    print(f"real lists: validation {cpu:.2f} s CPU (user + sys, workers included)")


def _cpu() -> float:
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime
