"""Rows of one width (a list's usual shape) are stripped from one stream of all their cells: they
give what each row stripped alone gives, whatever whitespace str.strip removes at a cell's edges."""

from __future__ import annotations

import random

from generator.load.table import _stripped, parse_table

EDGES = ["", "", " ", "  ", "\u00a0", "\t", "\u3000", "\u2028", "\r"]
MIDDLES = ["", "a", "Đường 3/2", "0912 345 678", "a, b"]


def _cell(rng: random.Random) -> str:
    return rng.choice(EDGES) + rng.choice(MIDDLES) + rng.choice(EDGES)


def test_rows_of_one_width_are_stripped_as_each_row_alone():
    rng = random.Random(7)
    shapes = {"one width": 0, "mixed widths": 0}
    for _ in range(2_000):
        width = rng.randint(0, 5)
        mixed = rng.random() < 0.3
        rows = [
            [_cell(rng) for _ in range(width + (rng.randint(-1, 1) if mixed else 0))]
            for _ in range(rng.randint(1, 12))
        ]
        widths = list(map(len, rows))
        shapes["one width" if len(set(widths)) == 1 else "mixed widths"] += 1
        assert _stripped(rows, widths) == [tuple(cell.strip() for cell in row) for row in rows], rows
    assert shapes["one width"] > 1_000 and shapes["mixed widths"] > 300


def test_a_list_of_one_width_reads_stripped_cells_on_their_rows():
    text = 'STT,Tên,Ghi chú\r\n1, Bưu điện ,\u00a0x\r\n,,\r\n2," Số 5, Ấp 3\t",y\u3000\r\n'
    table, findings = parse_table(text, "f.csv")
    assert not findings and table is not None
    assert table.header == ("STT", "Tên", "Ghi chú")
    assert [(r.row, r.line, r.cells) for r in table.records] == [
        (2, 2, ("1", "Bưu điện", "x")),
        (4, 4, ("2", "Số 5, Ấp 3", "y")),
    ]
