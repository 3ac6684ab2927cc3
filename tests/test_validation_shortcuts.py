"""Shortcuts of the validation's hot path give what the plain way gives: line endings mended over
the whole text before parsing, instead of cell by cell after."""

from __future__ import annotations

import csv
import io
import random

from generator.load.table import parse_table, sniff_delimiter


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
