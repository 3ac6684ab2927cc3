"""The real development set through validation: published share and findings by code.

Run from the repository root: `python scripts/realcheck.py` (issue 14)."""

import collections
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout's generator, and the test helper

from real_lists import write_submissions  # noqa: E402

from generator.load import load_file  # noqa: E402
from generator.validate import validate_file  # noqa: E402

root = Path(tempfile.mkdtemp())
total = published = 0
codes: collections.Counter = collections.Counter()
for path in sorted(write_submissions(root).values()):
    result = validate_file(load_file(path, root))
    total += len(result.loaded.table.records) if result.loaded.table else 0
    published += len(result.points)
    codes.update((f.severity.value, f.code) for f in result.findings)
print(f"published {published}/{total} = {published / total:.1%}")
for key, count in codes.most_common():
    print(count, key)
