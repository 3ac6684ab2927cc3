"""The workbook writer of generator/xlsx.py writes the sheet itself for speed: its bytes must be
the bytes openpyxl writes for the same rows, whatever the cells hold."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sample_data import sample_validation

from generator import xlsx
from generator.enrich import enrich
from generator.merge import latest_month, merge
from generator.render.submission_csv import _rows

EDGE_ROWS = [
    ["STT", "Mã điểm thu", "Tên", "Ghi chú"],
    ["1", "", " lề hai bên ", "=1+2"],
    ["2", "a&b<c>\"'", "dòng 1\ndòng 2", "tab\there"],
    ["3", "   ", "#N/A", "0123"],
    ["4", "Ấp Bình Đức", "x" * 40, "  trái"],
    ["5", "phải  ", "", ""],
]


def _cells(data: bytes) -> list[list[str | None]]:
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize(
    "rows",
    [
        EDGE_ROWS,
        [["chỉ một ô"]],
        [["a", "b", "c"], ["ngắn"]],  # a short row: openpyxl fills the sheet's width
        [[f"{i}-{j}" for j in range(30)] for i in range(3)],  # past column Z
    ],
)
def test_the_sheet_is_written_as_openpyxl_writes_it(rows):
    fast = xlsx.text_workbook(rows)
    assert fast == xlsx._openpyxl_workbook(rows)
    assert _cells(fast)[0] == rows[0]


def test_a_province_list_is_written_as_openpyxl_writes_it():
    validation = sample_validation()
    directory = enrich(merge(validation.validated, latest_month(validation.validated)))
    state = max(directory.provinces, key=lambda s: len(s.points))
    rows = list(_rows(state.points))
    assert len(rows) > 1
    assert xlsx.text_workbook(rows) == xlsx._openpyxl_workbook(rows)


def test_what_openpyxl_alone_can_write_goes_to_openpyxl():
    assert xlsx._sheet_xml([["số", 12]]) is None  # not text: openpyxl makes it text
    assert xlsx._sheet_xml([["a\x01b"]]) is None  # refused by a worksheet, as openpyxl refuses it
    assert xlsx._sheet_xml([["x" * 40_000]]) is None  # openpyxl cuts it at 32,767 characters
    assert xlsx._sheet_xml([]) is None
    assert xlsx.text_workbook([["số", 12]]) == xlsx._openpyxl_workbook([["số", "12"]])


def test_openpyxls_parts_kept_by_a_memo_give_the_same_workbook():
    kept: dict[tuple[str, bytes], bytes] = {}

    def keep(namespace, source, make):
        if (namespace, source) not in kept:
            kept[namespace, source] = make()
        return kept[namespace, source]

    rows = [[f"{i}-{j}" for j in range(30)] for i in range(3)]
    assert xlsx.text_workbook(rows, keep=keep) == xlsx._openpyxl_workbook(rows)
    assert len(kept) == 1  # made once, by openpyxl's version
    assert xlsx.text_workbook(EDGE_ROWS, keep=keep) == xlsx._openpyxl_workbook(EDGE_ROWS)
    assert len(kept) == 1


def test_column_letters_are_openpyxls():
    from openpyxl.utils import get_column_letter

    assert [xlsx._column_letter(n) for n in (1, 26, 27, 52, 702, 703, 16384, 18278)] == [
        get_column_letter(n) for n in (1, 26, 27, 52, 702, 703, 16384, 18278)
    ]
