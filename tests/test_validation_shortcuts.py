"""Shortcuts of the validation's hot path give what the plain way gives: line endings mended over
the whole text before parsing, instead of cell by cell after; one-line records read many rows at
a time, instead of one by one; a validated list kept in the cache
with its points as their fields' values."""

from __future__ import annotations

import csv
import io
import random

from real_lists import write_submissions

from generator.limits import MAX_COLUMNS
from generator.load import table as table_module
from generator.load.table import parse_table, sniff_delimiter
from generator.pipeline import validate_paths
from generator.validate.cache import ValidationCache


def cell_by_cell(text: str) -> tuple[list[tuple[int, int, tuple[str, ...]]], tuple[str, int, int] | None]:
    """The records as the reader gives them from the text as it is, each cell stripped and then
    its line endings made \\n; or what stops the reading, and where: an unbalanced quote, a row of
    too many columns."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text), strict=True)
    records, row, line = [], 0, 1
    try:
        for cells in reader:
            row += 1
            if len(cells) > MAX_COLUMNS:
                return records, ("too-many-columns", row, line)
            stripped = tuple(c.strip().replace("\r\n", "\n").replace("\r", "\n") for c in cells)
            if any(stripped):
                records.append((row, line, stripped))
            line = reader.line_num + 1
    except csv.Error:
        return records, ("file-unbalanced-quote", row + 1, line)
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
            assert (finding.code, finding.row, finding.line) == broken, repr(text)
            continue
        if table is None:
            assert not expected, repr(text)
            continue
        header, *records = expected
        assert (table.header_row, table.header_line) == header[:2], repr(text)
        assert [(r.row, r.line, r.cells) for r in table.records] == records, repr(text)
        checked += 1
    assert checked > 5_000


def test_lists_read_many_rows_at_a_time_give_the_records_of_the_file(monkeypatch):
    """Whole lists, mostly of one-line records (the path read without a statement per row), some
    with a quoted line break, a lone CR, a blank or too wide row or an unbalanced quote somewhere
    past the first rows read, give what the record-by-record reading gives."""
    monkeypatch.setattr(table_module, "CHUNK_ROWS", 7)
    rng = random.Random(5)
    cells = ["a", " b ", '"c, d"', '"e ""f"""', "", "  ", "đường", '"g\r\nh"', '"i\rj"', "k\rl", '"m']
    endings = ["\r\n", "\r\n", "\r\n", "\n", "\r", "\r\r\n"]
    paths = {"fast": 0, "slow": 0}
    for case in range(3_000):
        lines = ["h1,h2,h3"]
        for _ in range(rng.randint(0, 40)):
            width = rng.choice([3, 3, 3, 0, 1, 5, MAX_COLUMNS + 1] if case % 50 == 0 else [3, 3, 2, 0])
            pool = cells if rng.random() < 0.05 else cells[:7]
            lines.append(",".join(rng.choice(pool) for _ in range(width)))
        ending = rng.choice(endings) if case % 3 == 0 else "\r\n"
        text = ending.join(lines) + rng.choice(["", ending])
        fast = table_module._single_line_records(text, ",") is not None
        paths["fast" if fast else "slow"] += 1
        expected, broken = cell_by_cell(text)
        table, findings = parse_table(text, "f.csv")
        if broken is not None:
            [finding] = findings
            assert (finding.code, finding.row, finding.line) == broken, repr(text)
        elif table is None:
            assert not expected, repr(text)
        else:
            header, *records = expected
            assert (table.header_row, table.header_line) == header[:2], repr(text)
            assert [(r.row, r.line, r.cells) for r in table.records] == records, repr(text)
    assert paths["fast"] > 1_000 and paths["slow"] > 500


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
