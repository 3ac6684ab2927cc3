"""The limits the loaders and checks enforce, in one place: the code reads them from here and the
rule catalogue states them from here, so a rule's text cannot fall behind its check.

Stage-free and dependency-free: the catalogue imports it without importing any stage.
"""

from __future__ import annotations

MAX_BYTES = 20 * 1024 * 1024  # a list; the largest province has a few thousand points: ~2 MB
YAML_MAX_BYTES = 64 * 1024  # a side file is a few dozen lines; a bigger one is not a side file
FIRST_YEAR, LAST_YEAR = 2000, 2100  # a policy date outside these is a typo, and date arithmetic stays safe
MAX_COLUMNS = 60  # the template has a dozen columns; hundreds mean a broken file or a wrong separator
HEADER_SEARCH_ROWS = 20  # a workbook: a title or a blank line may stand above the header
EXACT_DIGITS = 15  # Excel keeps 15 significant digits: a longer number cell has lost its last digits
# More than this share of rows held, and at least MOST_ROWS_HELD_MIN of them, and the list is held
# whole (see validate/__init__.py).
MOST_ROWS_HELD_SHARE = 0.5
MOST_ROWS_HELD_MIN = 10


def megabytes(size: int) -> str:
    """A size limit as a message states it: 20971520 → "20 MB" (a test's tiny limit in bytes)."""
    return f"{size / 1024 / 1024:.3g} MB" if size >= 1024 * 1024 else f"{size} byte"
