"""Workbooks as clerks keep them in Excel (session 13): several sheets, hidden sheets and rows,
filters, formulas with and without their result, titles and merged cells above the header, a
sheet formatted to its last row and column. A correct list publishes (at most warnings); a bad
cell holds its row with a message naming row, column, value and rule; a workbook whose list
cannot be told holds the file."""

# ruff: noqa: F811  (the fixtures imported from test_workflow are arguments here)
from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import validated
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from test_workbook import rows_of_valid_list
from test_workflow import check_pr, commit, downloaded, git, repo  # noqa: F401

from generator.cli import main
from generator.findings import Finding, Holds, Severity
from generator.load.sheets import names_month
from generator.review.file_names import month_in_name, province_in_name
from generator.rules import workbook as workbook_rules

NAME, TINH, NOTE = 2, 5, 12  # columns of hop-le.csv: Tên điểm thu, Tỉnh/Thành phố, Ghi chú


def book(path, sheets: dict[str, list[list]], hidden: tuple[str, ...] = ()) -> Path:
    """A workbook as Excel keeps it (a path or a binary stream): one sheet per entry, in order;
    `hidden` sheets hidden."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if title in hidden:
            sheet.sheet_state = "hidden"
    workbook.save(path)
    return path


def patched(path: Path, change) -> Path:
    """The workbook with its first sheet's XML changed: what Excel writes and openpyxl does not."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = change(parts[sheet])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def codes(result) -> set[tuple[int | None, str]]:
    return {(f.row, f.code) for f in result.findings}


def renamed(rows: list[list], name: str) -> list[list]:
    changed = [list(r) for r in rows]
    changed[1][NAME] = name
    return changed


def test_a_hidden_sheet_with_last_month_s_list_is_not_read(tmp_path):
    rows = rows_of_valid_list()
    sheets = {"Tháng 10": renamed(rows, "Tên của tháng trước"), "Danh sách": rows}
    result = validated(book(tmp_path / "2026-11.xlsx", sheets, hidden=("Tháng 10",)))
    assert result.points[0].name == rows[1][NAME]
    assert codes(result) == {(None, "workbook-read"), (None, "workbook-hidden-sheet-ignored")}
    ignored = next(f for f in result.findings if f.code == "workbook-hidden-sheet-ignored")
    assert ignored.value == "Tháng 10" and "Tháng 10" in ignored.message


def test_of_a_sheet_per_month_the_one_named_for_the_list_s_month_is_read(tmp_path):
    rows = rows_of_valid_list()
    for october, november in (("Tháng 10", "Tháng 11"), ("T10", "T11"), ("10-2026", "11.2026")):
        sheets = {october: renamed(rows, "Tên của tháng trước"), november: rows}
        result = validated(book(tmp_path / f"{october}.xlsx", sheets))
        assert result.publishable and codes(result) == {(None, "workbook-read")}
        assert result.findings[0].value == november
        assert result.points[0].name == rows[1][NAME]


def test_two_different_lists_no_title_tells_apart_hold_the_file_naming_both(tmp_path):
    rows = rows_of_valid_list()
    sheets = {"Sheet1": renamed(rows, "Tên khác"), "Sheet2": rows}
    result = validated(book(tmp_path / "2026-11.xlsx", sheets))
    assert not result.publishable and result.points == ()
    (finding,) = result.findings
    assert finding.code == "workbook-several-lists" and finding.rule.holds is Holds.FILE
    assert "“Sheet1”, “Sheet2”" in finding.message and "“Tháng 11”" in finding.message


def test_a_copy_of_the_list_and_an_empty_template_sheet_do_not_stop_the_list(tmp_path):
    rows = rows_of_valid_list()
    sheets = {"Mẫu": rows[:1], "Danh sách": rows, "Danh sách (2)": rows}
    result = validated(book(tmp_path / "2026-11.xlsx", sheets))
    assert result.publishable and codes(result) == {(None, "workbook-read")}
    assert result.findings[0].value == "Danh sách" and len(result.points) == len(rows) - 1


def test_a_guide_sheet_with_an_example_row_is_not_the_list(tmp_path):
    rows = rows_of_valid_list()
    example = [rows[0], ["VD-0001", "Bưu điện tỉnh", "Ví dụ", "Số 1", "Phường Tân Phong"]]
    result = validated(book(tmp_path / "2026-11.xlsx", {"Hướng dẫn": example, "Danh sách": rows}))
    assert result.publishable and result.findings[0].value == "Danh sách"
    assert [p.code for p in result.points] == [r[0] for r in rows[1:]]


def test_a_summary_sheet_naming_a_few_columns_is_not_a_second_list(tmp_path):
    rows = rows_of_valid_list()
    summary = [["Tỉnh/Thành phố", "Xã/Phường", "Điện thoại di động", "Số điểm thu"], ["Lai Châu", "", "", 3]]
    result = validated(book(tmp_path / "2026-11.xlsx", {"Tổng hợp": summary, "Danh sách": rows}))
    assert result.publishable and result.findings[0].value == "Danh sách" and len(result.points) == 3


def test_an_excel_error_in_a_published_cell_holds_its_row_and_is_never_published(tmp_path):
    rows = rows_of_valid_list()
    rows[1][NAME] = "#REF!"  # what Excel saved of a formula whose sheet was deleted
    rows[2][NOTE] = "#N/A"  # a note is never published: nothing to hold
    result = validated(book(tmp_path / "2026-11.xlsx", {"Danh sách": rows}))
    errors = [f for f in result.findings if f.code == "excel-formula-error"]
    assert [(f.row, f.column, f.value) for f in errors] == [(2, "Tên điểm thu", "#REF!")]
    assert "Dòng 2, cột “Tên điểm thu”" in errors[0].message and "#REF!" in errors[0].message
    assert [h.row for h in result.held] == [2]
    assert "#REF!" not in {p.name for p in result.points} and len(result.points) == 2


def test_an_excel_error_saved_in_a_csv_holds_its_row(tmp_path):
    rows = rows_of_valid_list()
    rows[2][3] = "#REF!"  # Địa chỉ: "Save As CSV" writes what the broken formula showed
    rows[3][NOTE] = "#N/A"
    path = tmp_path / "2026-11.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    result = validated(path)
    errors = [(f.row, f.column, f.value) for f in result.findings if f.code == "excel-formula-error"]
    assert errors == [(3, "Địa chỉ", "#REF!")] and [h.row for h in result.held] == [3]


def test_a_formula_saved_without_its_result_is_named_not_read_as_empty(tmp_path):
    rows = rows_of_valid_list()
    rows[2][TINH] = "=F2"  # openpyxl, like many exporters, saves no result beside a formula
    rows[3][NOTE] = '="Ghi chú "&A4'
    result = validated(book(tmp_path / "2026-11.xlsx", {"Danh sách": rows}))
    errors = [f for f in result.findings if f.code == "workbook-formula-not-calculated"]
    assert [(f.row, f.column, f.value) for f in errors] == [(3, "Tỉnh/Thành phố", "=F2")]
    assert "mở file trong Excel và lưu lại" in errors[0].message
    assert [h.row for h in result.held] == [3]


def test_a_formula_with_its_result_saved_is_read_as_its_result(tmp_path):
    def with_result(xml: bytes) -> bytes:  # as Excel saves =B2&" Phong Thổ": formula and value
        cell = '<c r="C2" t="str"><f>B2&amp;" Phong Thổ"</f><v>Bưu điện Phong Thổ</v></c>'
        return re.sub(rb'<c r="C2".*?</c>', cell.encode(), xml, count=1)

    def empty_result(xml: bytes) -> bytes:  # =IF(…;"";…) in the hours: Excel saved an empty text
        cell = '<c r="I3" t="str"><f>IF(A3="";"x";"")</f><v></v></c>'
        assert b'<c r="I3"' in xml
        return re.sub(rb'<c r="I3".*?</c>', cell.encode(), xml, count=1)

    path = patched(book(tmp_path / "2026-11.xlsx", {"Danh sách": rows_of_valid_list()}), with_result)
    path = patched(path, empty_result)
    result = validated(path)
    assert codes(result) == {(None, "workbook-read")}
    assert result.points[0].name == "Bưu điện Phong Thổ"


def test_hidden_and_filtered_rows_are_published_with_a_warning_naming_them(tmp_path):
    path = book(tmp_path / "2026-11.xlsx", {"Danh sách": rows_of_valid_list()})
    result = validated(patched(path, lambda xml: re.sub(rb'<row r="(3|4)"', rb'<row r="\1" hidden="1"', xml)))
    assert result.publishable and len(result.points) == 3
    warned = [f for f in result.findings if f.code == "workbook-hidden-row"]
    assert [f.row for f in warned] == [3, 4] and warned[0].rule.severity is Severity.WARNING
    assert warned[0].message.startswith("Dòng 3 đang bị ẩn hoặc bị lọc")


def _as_clerks_format_it(sheet) -> None:
    """A logo's title merged over the columns, the header in row 5, rich text, Alt+Enter, a
    protected sheet."""
    sheet.insert_rows(1, 4)
    sheet["A1"] = "BẢO HIỂM XÃ HỘI TỈNH LAI CHÂU"
    sheet.merge_cells("A1:N1")
    sheet["A3"] = "DANH SÁCH ĐIỂM THU THÁNG 11/2026"
    sheet.merge_cells("A3:N3")
    sheet["C6"] = CellRichText([TextBlock(InlineFont(b=True), "Bưu điện "), "Trung tâm Lai Châu"])
    sheet["D7"] = "Bản Bình Lư\nđường 4D"
    sheet.protection.sheet = True


def test_a_list_under_a_merged_title_with_rich_text_and_line_breaks_publishes(tmp_path):
    sheets = {"Hướng dẫn": [["Điền từ dòng 6"]], "Danh sách": rows_of_valid_list()}
    path = book(tmp_path / "2026-11.xlsx", sheets)
    workbook = load_workbook(path)
    _as_clerks_format_it(workbook["Danh sách"])
    workbook.save(path)
    result = validated(path)
    assert result.publishable and codes(result) == {(None, "workbook-read")}
    assert result.loaded.table.header_row == 5
    assert result.points[0].name == "Bưu điện Trung tâm Lai Châu"
    assert result.points[1].address.startswith("Bản Bình Lư")


@pytest.mark.slow
def test_a_sheet_formatted_to_its_last_row_and_column_reads_as_its_list(tmp_path):
    def formatted_everywhere(xml: bytes) -> bytes:
        rows = "".join(f'<row r="{n}" s="1" customFormat="1"/>' for n in range(5, 1_048_577)).encode()
        xml = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml)
        xml = xml.replace(b"</row>", b'<c r="XFD1" s="1"/></row>', 1)
        return xml.replace(b"</sheetData>", rows + b"</sheetData>")

    path = patched(book(tmp_path / "2026-11.xlsx", {"Danh sách": rows_of_valid_list()}), formatted_everywhere)
    result = validated(path)
    assert codes(result) == {(None, "workbook-read")} and len(result.points) == 3


def encrypted(path: Path) -> Path:
    """What Excel saves of a workbook with a password to open: a compound file (as an .xls) whose
    directory names its stream "EncryptedPackage" (MS-OFFCRYPTO), not a zip."""
    directory = "EncryptedPackage".encode("utf-16-le").ljust(64, b"\0")
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + directory + bytes(4096))
    return path


def test_a_workbook_with_a_password_to_open_says_so_and_not_that_it_is_an_xls(tmp_path):
    result = validated(encrypted(tmp_path / "2026-11.xlsx"))
    (finding,) = result.findings
    assert finding.code == "workbook-password" and finding.rule.holds is Holds.FILE
    assert "mật khẩu" in finding.message and not result.publishable


def inflates_wrong(path: Path) -> Path:
    """The workbook with the compressed bytes of its first sheet damaged in place (a download
    or a copy that lost bytes): the zip's directory is sound, the sheet does not inflate."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)  # the local header's end
    for at in range(start + 8, start + 40):
        data[at] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: patched(path, lambda xml: xml[: len(xml) // 2]),  # cut short
        lambda path: patched(path, lambda xml: b"\x00\x01<<not xml>>"),
        inflates_wrong,
    ],
    ids=["sheet-cut-short", "sheet-not-xml", "sheet-does-not-inflate"],
)
def test_a_sheet_damaged_inside_a_sound_zip_is_an_unreadable_workbook_not_a_tool_failure(tmp_path, damage):
    # Before session 13's last change: "Lỗi của công cụ … ParseError" / "error: Error -3 while
    # decompressing data", exit 3, as if the tool had failed.
    path = damage(book(tmp_path / "2026-11.xlsx", {"Danh sách": rows_of_valid_list()}))
    (finding,) = validated(path).findings
    assert finding.code == "workbook-unreadable" and finding.rule.holds is Holds.FILE
    result = CliRunner().invoke(main, ["validate", str(path), "--province", "lai-chau", "--month", "2026-11"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "Không mở được sổ tính" in result.output


def test_the_cli_holds_a_workbook_of_two_lists_with_a_message_and_no_traceback(tmp_path):
    rows = rows_of_valid_list()
    path = book(tmp_path / "2026-11.xlsx", {"Sheet1": renamed(rows, "Tên khác"), "Sheet2": rows})
    args = ["validate", "--province", "lai-chau", "--month", "2026-11", str(path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output and "workbook-several-lists" in result.output
    assert "“Sheet1”, “Sheet2”" in result.output


@pytest.mark.parametrize(
    ("title", "month", "named"),
    [
        ("Tháng 11", "2026-11", True),
        ("THÁNG 11 NĂM 2026", "2026-11", True),
        ("T11", "2026-11", True),
        ("11/2026", "2026-11", True),
        ("2026-11", "2026-11", True),
        ("Tháng 1", "2026-11", False),
        ("Tháng 11", "2026-01", False),
        ("Sheet1", "2026-01", False),
        ("Danh sách (2)", "2026-02", False),
        ("Tháng 01", "2027-01", True),
    ],
)
def test_a_sheet_title_names_a_month_only_when_it_says_so(title, month, named):
    assert names_month(title, month) is named


def every_workbook_rule(tmp: Path) -> list[Finding]:
    """One workbook per rule of generator/rules/workbook.py (tests/test_rules.py: every rule is
    produced by some submission)."""
    tmp.mkdir(parents=True, exist_ok=True)
    rows = rows_of_valid_list()
    several = book(tmp / "nhieu-trang.xlsx", {"Sheet1": renamed(rows, "Tên khác"), "Sheet2": rows})
    bad = [list(r) for r in rows]
    bad[1][NAME], bad[2][TINH] = "#REF!", "=F2"
    kept = book(tmp / "an.xlsx", {"Cũ": rows, "Danh sách": bad}, hidden=("Cũ",))
    hide = lambda xml: xml.replace(b'<row r="3"', b'<row r="3" hidden="1"')  # noqa: E731
    hidden = patched(book(tmp / "dong-an.xlsx", {"Danh sách": rows}), hide)
    locked = encrypted(tmp / "mat-khau.xlsx")
    found: list[Finding] = []
    for path in (several, kept, hidden, locked):
        found += validated(path).findings
    assert {f.code for f in found} >= {r.code for r in workbook_rules.RULES}
    return found


# --- GitHub's web interface: what check-pr tells a clerk who uploaded a workbook ---------------

FOLDER = "directory_data/provinces/lai-chau"


def _downloaded_book() -> bytes:
    rows = list(csv.reader(io.StringIO(downloaded("lai-chau").decode("utf-8-sig"))))
    out = io.BytesIO()
    book(out, {"Danh sách": rows})
    return out.getvalue()


@pytest.mark.parametrize(
    ("uploaded", "right"),
    [
        ("2026-12 (1).csv", "2026-12.csv"),  # a browser's second download
        ("Danh sách tháng 12.xlsx", "2026-12.xlsx"),  # a workbook stays a workbook
        ("2026-12.XLSX", "2026-12.xlsx"),
    ],
)
def test_a_misnamed_list_is_renamed_to_the_month_its_name_says(repo, tmp_path, uploaded, right):
    data = _downloaded_book() if uploaded.lower().endswith(".xlsx") else downloaded("lai-chau")
    commit(repo, {f"{FOLDER}/{uploaded}": data})
    result, summary, report = check_pr(repo, tmp_path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert [f["code"] for f in report["findings"] if f["severity"] == "ERROR"] == ["bad-month-file-name"]
    first = next(line for line in summary.splitlines() if line.startswith("1. "))
    assert f"<code>{FOLDER}/{right}</code>" in first and "2026-11.csv</code>" not in first
    assert "CSV UTF-8" not in first  # nothing to convert: the workbook is read as it is


def test_a_correct_workbook_is_never_asked_to_be_deleted_or_made_a_csv(repo, tmp_path):
    commit(repo, {f"{FOLDER}/2026-12.xlsx": _downloaded_book()})
    result, summary, report = check_pr(repo, tmp_path)
    assert result.exit_code == 0 and report["ok"]
    read = next(line for line in summary.splitlines() if "Đã đọc trang tính" in line)
    assert "Delete file" not in read and "xoá file" not in read
    waits = next(line for line in summary.splitlines() if "chờ đến ngày 1/12/2026" in line)
    assert "<code>2026-11.xlsx</code>" in waits and "2026-11.csv" not in waits


def test_a_macro_workbook_is_saved_as_xlsx_not_renamed(repo, tmp_path):
    commit(repo, {f"{FOLDER}/2026-12.xlsm": _downloaded_book()})
    result, summary, _ = check_pr(repo, tmp_path)
    assert result.exit_code == 1
    first = next(line for line in summary.splitlines() if line.startswith("1. "))
    assert "Save As" in first and "<code>2026-12.xlsx</code>" in first and "2026-12.csv" not in first


@pytest.mark.parametrize(
    ("name", "today", "month"),
    [
        ("Danh sách tháng 12.xlsx", "2026-11", "2026-12"),
        ("DS T1.xlsx", "2026-11", "2027-01"),
        ("thang 12.csv", "2027-01", "2026-12"),
        ("ds_thang_01_2027.xlsx", "2026-11", "2027-01"),
        ("2026-12 (1).csv", "2026-11", "2026-12"),
        ("12.2026.xlsx", "2026-11", "2026-12"),
        ("Sheet1.xlsx", "2026-11", None),
        ("diem-thu-lai-chau.csv", "2026-11", None),
    ],
)
def test_the_month_a_file_name_says(name, today, month):
    assert month_in_name(name, today) == month


@pytest.mark.parametrize(
    ("uploaded", "right"),
    [
        ("directory_data/provinces/Lai Châu/2026-12.csv", f"{FOLDER}/2026-12.csv"),  # the folder as named
        ("DS Lai Châu tháng 12.csv", f"{FOLDER}/2026-12.csv"),  # the repository's root
        ("directory_data/provinces/2026-12.csv", f"{FOLDER}/2026-12.csv"),  # its rows say Lai Châu
        ("2026-12.csv", f"{FOLDER}/2026-12.csv"),  # "Upload files" on the repository's home page
    ],
)
def test_a_list_out_of_place_is_moved_to_the_province_its_names_or_rows_say(repo, tmp_path, uploaded, right):
    commit(repo, {uploaded: downloaded("lai-chau")})
    result, summary, _ = check_pr(repo, tmp_path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    first = next(line for line in summary.splitlines() if line.startswith("1. "))
    assert f"<code>{right}</code>" in first


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Lai Châu", "lai-chau"),
        ("ho_chi_minh_12.csv", "ho-chi-minh"),
        ("2026-12.csv", None),
        ("Hà Nội, Hà Tĩnh", None),
    ],
)
def test_the_province_a_name_says(text, slug):
    assert province_in_name(text) == slug


def test_a_renamed_province_folder_is_named_as_such_not_as_two_provinces(repo, tmp_path):
    git(repo, "mv", FOLDER, "directory_data/provinces/lai-chau-moi")
    git(repo, "commit", "-q", "-m", "Đổi tên thư mục")
    result, summary, report = check_pr(repo, tmp_path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    codes = [p["code"] for p in report["problems"]]
    assert codes[0] == "pr-folder-renamed" and "pr-several-provinces" not in codes
    assert "pr-deletes-file" not in codes  # moving each file back undoes the deletions too
    first = next(line for line in summary.splitlines() if line.startswith("1. "))
    assert "đã bị đổi tên thành “lai-chau-moi” (3 file)" in first
    assert f"<code>{FOLDER}/2026-09.csv</code>" in first and "2 file còn lại" in first


def test_a_zip_that_is_no_workbook_says_what_it_is_in_words(tmp_path):
    ods = tmp_path / "2026-11.xlsx"
    with zipfile.ZipFile(ods, "w") as archive:  # LibreOffice's own format, renamed
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    (finding,) = validated(ods).findings
    assert finding.code == "workbook-unreadable" and "LibreOffice .ods" in finding.message
    cut = tmp_path / "2026-10.xlsx"
    cut.write_bytes(b"PK\x03\x04" + bytes(100))  # an upload cut short
    (finding,) = validated(cut).findings
    assert "file hỏng hoặc chưa tải lên hết" in finding.message and "Error" not in finding.message


def test_this_month_s_list_sent_again_as_a_workbook_replaces_the_csv(repo, tmp_path):
    # The clerk corrects November in Excel and uploads 2026-11.xlsx beside the published .csv.
    commit(repo, {f"{FOLDER}/2026-11.xlsx": _downloaded_book()})
    result, summary, report = check_pr(repo, tmp_path)
    assert result.exit_code == 1
    assert [f["code"] for f in report["findings"] if f["severity"] == "ERROR"] == ["two-lists-one-month"]
    first = next(line for line in summary.splitlines() if line.startswith("1. "))
    assert f"xoá <code>{FOLDER}/2026-11.csv</code> trong pull request này" in first
    # Deleting the .csv as told is a replacement, not the deletion of a published list.
    commit(repo, {f"{FOLDER}/2026-11.csv": None})
    result, summary, report = check_pr(repo, tmp_path)
    assert result.exit_code == 0, summary
    assert [p["code"] for p in report["problems"]] == ["pr-replaces-published"]


def test_a_past_month_replaced_by_a_workbook_is_still_history(repo, tmp_path):
    commit(repo, {f"{FOLDER}/2026-10.xlsx": _downloaded_book(), f"{FOLDER}/2026-10.csv": None})
    result, _, report = check_pr(repo, tmp_path)
    assert result.exit_code == 1
    (problem,) = [p for p in report["problems"] if p["severity"] == "ERROR"]
    assert problem["code"] == "pr-replaces-published"
    assert f"{FOLDER}/2026-10.csv` trên nhánh chính" in problem["fix"]  # the list to put back


def test_a_list_whose_rows_name_no_one_province_is_moved_to_a_placeholder(repo, tmp_path):
    table = list(csv.reader(io.StringIO(downloaded("lai-chau").decode("utf-8-sig"))))
    province = table[0].index("Tỉnh/Thành phố")
    for row in table[1:]:
        row[province] = ""
    out = io.StringIO()
    csv.writer(out).writerows(table)
    commit(repo, {"2026-12.csv": out.getvalue().encode("utf-8")})
    _, summary, _ = check_pr(repo, tmp_path)
    first = next(line for line in summary.splitlines() if line.startswith("1. "))
    assert "<code>directory_data/provinces/&lt;mã tỉnh&gt;/2026-12.csv</code>" in first
