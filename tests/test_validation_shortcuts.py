"""Shortcuts of the validation's hot path give what the plain way gives: line endings mended over
the whole text before parsing, instead of cell by cell after; a validated list kept in the cache
with its points as their fields' values."""

from __future__ import annotations

import csv
import io
import random

from real_lists import write_submissions

from generator.load.table import parse_table, sniff_delimiter
from generator.pipeline import validate_paths
from generator.validate.cache import ValidationCache


def cell_by_cell(text: str) -> tuple[list[tuple[int, int, tuple[str, ...]]], tuple[int, int] | None]:
    """The records as the reader gives them from the text as it is, each cell stripped and then
    its line endings made \\n; or where an unbalanced quote stops the reading."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text), strict=True)
    records, row, line = [], 0, 1
    try:
        for cells in reader:
            row += 1
            stripped = tuple(c.strip().replace("\r\n", "\n").replace("\r", "\n") for c in cells)
            if any(stripped):
                records.append((row, line, stripped))
            line = reader.line_num + 1
    except csv.Error:
        return records, (row + 1, line)
    return records, None


def test_line_endings_mended_before_parsing_give_the_records_of_the_file():
    rng = random.Random(11)
    pieces = ["a", "b c", " ", ",", ";", '"', '""', "\r", "\n", "\r\n", "\r\r\n", "\t", "đ"]
    checked = 0
    for _ in range(20_000):
        text = "h1,h2,h3\r\n" + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        expected, broken = cell_by_cell(text)
        table, findings = parse_table(text, "f.csv")
        if broken is not None:
            [finding] = findings
            assert (finding.code, finding.row, finding.line) == ("file-unbalanced-quote", *broken), repr(text)
            continue
        if table is None:
            assert not expected, repr(text)
            continue
        header, *records = expected
        assert (table.header_row, table.header_line) == header[:2], repr(text)
        assert [(r.row, r.line, r.cells) for r in table.records] == records, repr(text)
        checked += 1
    assert checked > 5_000


def test_the_cache_gives_back_the_validated_list_it_kept(tmp_path):
    """Points are kept as their fields' values: what comes back equals what was validated."""
    root = tmp_path / "data"
    write_submissions(root)
    path = root / "provinces" / "ha-noi" / "2026-11.csv"
    [item] = validate_paths([path], root).validated
    assert item.points and item.findings and item.held
    cache = ValidationCache(tmp_path / "cache")
    key = cache.key(path, root, None, None)
    cache.put(key, item)
    assert cache.get(key) == item
