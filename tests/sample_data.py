"""The bundled sample, regenerated for the tests instead of read from `directory_data/provinces`.

The lists in `directory_data/provinces/` are the provinces' data: they change with every merged
pull request (a December list, a province's real list), and no test may depend on what they hold
today. The tests read this copy instead: the shared files of `directory_data/` (schema, policy,
reference quantities, local support) with the province lists written by the sample generator,
the same bytes as the sample the project shipped.
"""

from __future__ import annotations

import atexit
import functools
import re
import shutil
import tempfile
from pathlib import Path

from generator.contract import PROJECT_ROOT
from generator.synth import write_sample_dataset
from generator.validate.dataset import ValidationRun, validate_dataset

LIVE_DATA = PROJECT_ROOT / "directory_data"
_MONTHLY = re.compile(r"^20\d\d-\d\d\.(csv|yaml|xlsx)$")


def copy_sample(dest: Path) -> Path:
    """`dest` becomes a data folder: the shared files of directory_data/ and the sample lists."""

    def monthly(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if _MONTHLY.match(n)] + ["synth-manifest.json", "dataset.yaml"]

    shutil.copytree(LIVE_DATA, dest, ignore=monthly)
    write_sample_dataset(dest)
    return dest


@functools.cache
def sample_root() -> Path:
    """One regenerated sample per test process (read-only: copy it before changing anything)."""
    folder = Path(tempfile.mkdtemp(prefix="mau-"))
    atexit.register(shutil.rmtree, folder, True)
    return copy_sample(folder / "directory_data")


@functools.cache
def sample_validation() -> ValidationRun:
    """The sample validated once per test process, for the many modules that read it (read-only:
    validate a copy to see a change)."""
    return validate_dataset(sample_root())
