"""Rows of one width (a list's usual shape) are stripped from one stream of all their cells: they
give what each row stripped alone gives, whatever whitespace str.strip removes at a cell's edges."""

from __future__ import annotations

import random

from generator.load.table import _stripped, forget_earlier_lines, parse_table

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


def _random_line(rng: random.Random, tails: list[str]) -> str:
    first = rng.choice(["1", " 2 ", '"3"', '"4,5"', "", 'a"b', "6\u00a0"])
    return first + rng.choice([",", ",", ",", ""]) + rng.choice(tails)


def test_a_folders_next_file_reads_as_if_read_alone():
    """Lines whose cells after the first were read in the folder's previous file take them from
    there: the tables are those of each file read alone, whatever the first cell, quoting, line
    ending or blank line."""
    rng = random.Random(11)
    tails = ["a,b,c", ' x , "y, z" ,w', '"q""r",,', ",,", "", "c\r", '"open', "Đường 3/2,  0912 345 678"]
    for _ in range(300):
        texts = ["\n".join(_random_line(rng, tails) for _ in range(rng.randint(1, 8))) for _ in range(2)]
        if rng.random() < 0.5:
            texts = [text.replace("\n", "\r\n") for text in texts]
        forget_earlier_lines()
        alone = parse_table(texts[1], "provinces/x/2026-02.csv")
        forget_earlier_lines()
        parse_table(texts[0], "provinces/x/2026-01.csv")
        assert parse_table(texts[1], "provinces/x/2026-02.csv") == alone, texts
    forget_earlier_lines()


def test_a_line_back_the_next_month_holds_the_same_strings():
    """What the row memo relies on to compare a row seen before at once (validate/memo.py); a
    file of another folder takes nothing."""
    forget_earlier_lines()
    header = "STT,Mã điểm thu,Địa chỉ\n"
    january, _ = parse_table(header + "1,AGG-0001,Số 283 Nguyễn Văn Cừ\n", "provinces/a/2026-01.csv")
    february, _ = parse_table(header + "2,AGG-0001,Số 283 Nguyễn Văn Cừ\n", "provinces/a/2026-02.csv")
    other, _ = parse_table(header + "2,AGG-0001,Số 283 Nguyễn Văn Cừ\n", "provinces/b/2026-02.csv")
    forget_earlier_lines()
    assert january and february and other
    assert february.records[0].cells == ("2", "AGG-0001", "Số 283 Nguyễn Văn Cừ")
    assert february.records[0].cells[2] is january.records[0].cells[2]
    assert other.records[0].cells == february.records[0].cells
    assert other.records[0].cells[2] is not february.records[0].cells[2]
