"""Excel workbooks (.xlsx) are read directly: the sheet whose headers match, the cell types used."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from conftest import valid_text, validated
from openpyxl import Workbook

from generator.load import load_file
from generator.pipeline import validate_paths


def rows_of_valid_list() -> list[list[str]]:
    return list(csv.reader(io.StringIO(valid_text())))


def workbook(rows: list[list], path, title_row: bool = True, first_sheet_empty: bool = True):
    book = Workbook()
    sheet = book.active
    if first_sheet_empty:
        sheet.title = "Hướng dẫn"
        sheet["A1"] = "Ghi chú của BHXH tỉnh"
        sheet = book.create_sheet("Danh sách")
    if title_row:
        sheet.append(["DANH SÁCH ĐIỂM THU THÁNG 11/2026"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_workbook_reads_as_its_csv(tmp_path):
    from_csv = validated(_csv(tmp_path))
    from_xlsx = validated(workbook(rows_of_valid_list(), tmp_path / "2026-11.xlsx"))
    assert [f.code for f in from_xlsx.findings] == ["workbook-read"]
    assert from_xlsx.findings[0].value == "Danh sách"
    assert from_xlsx.points == from_csv.points
    # Rows as Excel numbers them: a title row above, so the header is row 2 and data from row 3.
    assert from_xlsx.loaded.table.header_row == 2 and from_xlsx.loaded.table.records[0].row == 3


def _csv(tmp_path):
    path = tmp_path / "hop-le.csv"
    path.write_text(valid_text(), encoding="utf-8")
    return path


def test_number_cells_are_read_as_typed_and_a_lost_zero_is_restored(tmp_path):
    rows = rows_of_valid_list()
    rows[1][7] = 912037468  # mobile phone typed into a number cell: Excel drops the 0
    rows[1][9] = 22.393  # latitude as a number
    result = validated(workbook(rows, tmp_path / "2026-11.xlsx"))
    codes = {(f.row, f.code) for f in result.findings}
    assert (3, "phone-leading-zero-restored") in codes
    point = next(p for p in result.points if p.code == "LCU-0001")
    assert point.mobile_phone == "0912 037 468" and point.lat == pytest.approx(22.393)


def test_a_date_in_a_text_column_and_a_number_past_15_digits_hold_their_rows(tmp_path):
    rows = rows_of_valid_list()
    rows[1][8] = dt.datetime(2026, 7, 11)  # "7-11" typed into Giờ làm việc
    rows[2][0] = 123456789012345678  # a code Excel read as a number
    rows[3][12] = dt.datetime(2021, 1, 1)  # a date in the notes: never published, not a problem
    result = validated(workbook(rows, tmp_path / "2026-11.xlsx"))
    found = {(f.row, f.column, f.code) for f in result.findings}
    assert (3, "Giờ làm việc", "workbook-date-in-text") in found
    assert (4, "Mã điểm thu", "workbook-number-lost-digits") in found
    assert not any(f.row == 5 for f in result.findings)
    assert [h.row for h in result.held] == [3, 4]
    assert [p.code for p in result.points] == ["LCU-0003"]


def test_a_workbook_without_the_list_and_a_broken_one_are_refused(tmp_path):
    book = workbook([["Họ tên", "Tuổi"], ["A", 1]], tmp_path / "khac.xlsx")
    assert {f.code for f in validated(book).findings} == {"workbook-no-list-sheet"}
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04" + bytes(100))
    result = validated(broken)
    assert {f.code for f in result.findings} == {"workbook-unreadable"} and not result.publishable


def test_a_province_may_send_its_month_as_xlsx(tmp_path):
    folder = tmp_path / "provinces" / "lai-chau"
    folder.mkdir(parents=True)
    path = workbook(rows_of_valid_list(), folder / "2026-11.xlsx", title_row=False, first_sheet_empty=False)
    loaded = load_file(path, tmp_path)
    assert (loaded.province_slug, loaded.month) == ("lai-chau", "2026-11")
    run = validate_paths([tmp_path / "provinces"], tmp_path)
    assert [v.loaded.path.name for v in run.validated] == ["2026-11.xlsx"]
    assert run.validated[0].publishable and len(run.validated[0].points) == 3


def test_the_province_workbook_download_comes_back_clean(tmp_path):

    from conftest import SUBMISSIONS

    from generator.render.submission_csv import submission_xlsx

    published = validated(SUBMISSIONS / "hop-le.csv").points
    path = tmp_path / "2026-11.xlsx"
    path.write_bytes(submission_xlsx(published))
    again = validated(path)
    assert [f.code for f in again.findings] == ["workbook-read"]
    assert again.points == tuple(p._replace(month=again.points[0].month) for p in published)
    assert submission_xlsx(published) == path.read_bytes()  # the same bytes every build


def test_a_csv_and_a_workbook_for_the_same_month_hold_both(tmp_path):
    folder = tmp_path / "provinces" / "lai-chau"
    folder.mkdir(parents=True)
    workbook(rows_of_valid_list(), folder / "2026-11.xlsx")
    (folder / "2026-11.csv").write_text(valid_text(), encoding="utf-8")
    run = validate_paths([tmp_path / "provinces"], tmp_path)
    assert [v.publishable for v in run.validated] == [False, False]
    assert all(v.findings[0].code == "two-lists-one-month" for v in run.validated)
