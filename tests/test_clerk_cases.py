"""Ten pull requests as a provincial clerk makes them (Excel on Windows, GitHub's web interface),
each with its expected verdict and the first lines of the job summary: what the clerk reads first
must say what to do.

Lists are December's, checked on 22 November (conftest's TODAY): they wait for 1 December.
"""

# ruff: noqa: F811  (the fixtures imported from test_workflow are arguments here)
from __future__ import annotations

import codecs
import csv
import io
import re

import markdown
import openpyxl
import pytest
from legacy_encodings import to_cp1258
from test_workflow import LAI_CHAU_DEC, check_pr, commit, downloaded, git, repo  # noqa: F401

from generator.contract import PROJECT_ROOT

FOLDER = "directory_data/provinces/lai-chau"


def first_lines(summary: str, count: int = 6) -> list[str]:
    return [line for line in summary.splitlines() if line.strip()][:count]


def before_fold(summary: str) -> str:
    return summary.split("<details>", 1)[0]


def text(slug: str = "lai-chau") -> str:
    return downloaded(slug).decode("utf-8-sig")


def rows() -> list[list[str]]:
    return list(csv.reader(io.StringIO(text())))


def as_csv(table: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(table)
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")


def test_correct_list_is_green_and_says_when_it_goes_online(repo, tmp_path):
    commit(repo, {LAI_CHAU_DEC: downloaded("lai-chau")})
    result, summary, report = check_pr(repo, tmp_path)
    assert result.exit_code == 0 and report["ok"]
    head = first_lines(summary)
    assert head[0] == "## Kiểm tra danh sách điểm thu: Tỉnh Lai Châu"
    assert head[1].startswith("✅ **Đạt: không có lỗi.**") and "chờ đến ngày 1" in head[1]
    assert "❌" not in summary


def test_windows_1258_with_excel_damage_is_green_with_the_damaged_row_first(repo, tmp_path):
    # Excel dropped the leading zero of a mobile number (the column was a number) and saved the
    # sheet in the PC's Vietnamese code page.
    table = rows()
    mobile = table[0].index("Điện thoại di động")
    number = next(i for i, row in enumerate(table) if i and row[mobile].startswith("0"))
    table[number][mobile] = table[number][mobile].replace(" ", "")[1:]
    commit(repo, {LAI_CHAU_DEC: to_cp1258(as_csv(table).decode("utf-8-sig"))})
    result, summary, report = check_pr(repo, tmp_path)
    assert result.exit_code == 0, summary
    codes = {f["code"] for f in report["findings"]}
    assert {"file-encoding-detected", "phone-leading-zero-restored"} <= codes
    head = first_lines(summary)
    assert head[1].startswith("✅ **Đạt: không có lỗi.**") and "1 cảnh báo" in head[1]
    assert head[3].startswith(f"1. **Dòng {number + 1}** — 1 vấn đề: Số điện thoại mất số 0 đầu")


def test_lossy_1252_save_is_red_and_holds_the_file(repo, tmp_path):
    # "CSV (Comma delimited)" on a Western-European Windows: every Vietnamese letter outside
    # Windows-1252 became "?", headers included.
    lossy = text().encode("cp1252", errors="replace")
    assert b"?i?m" in lossy
    commit(repo, {LAI_CHAU_DEC: lossy})
    result, summary, report = check_pr(repo, tmp_path)
    assert result.exit_code == 1 and not report["ok"]
    head = first_lines(summary)
    assert head[1].startswith("❌ **Chưa đạt") and "file bị giữ lại" in head[1]
    assert head[3].startswith("1. **LỖI** <code>directory_data/provinces/lai-chau/2026-12.csv</code>")
    # Depends on the lead's parallel work (detection of lossy saves): the first problem will then
    # be that rule, whose fix names Excel's "Unicode Text" / .xlsx; today it is a missing column.
    assert any(f["severity"] == "ERROR" and f["row"] in (None, 1) for f in report["findings"])


def test_wrong_name_says_how_to_rename_on_github_and_stops_failing_once_fixed(repo, tmp_path):
    wrong = f"{FOLDER}/danh-sach-thang-12.csv"
    commit(repo, {wrong: downloaded("lai-chau")})
    result, summary, report = check_pr(repo, tmp_path)
    assert result.exit_code == 1
    assert [f["code"] for f in report["findings"]] == ["bad-month-file-name"]
    head = first_lines(summary)
    assert "không cần tải lại" in head[1] and "tải lên cùng tên" not in head[1]
    # The month the name says (“thang-12”), not the current month: December's list stays December's.
    assert "“Edit this file”" in head[3] and "<code>2026-12.csv</code>" in head[3]
    assert f"file={wrong}" in result.stdout and "Edit this file" in result.stdout
    # The clerk uploads the right file but keeps the wrong one: only deleting is asked now.
    commit(repo, {LAI_CHAU_DEC: downloaded("lai-chau")})
    result, summary, _ = check_pr(repo, tmp_path)
    assert result.exit_code == 1 and "chỉ cần xoá file này" in before_fold(summary)
    assert "“Delete file”" in before_fold(summary)
    commit(repo, {wrong: None})
    result, summary, _ = check_pr(repo, tmp_path)
    assert result.exit_code == 0, summary


def test_wrong_folder_says_where_to_move_without_reuploading(repo, tmp_path):
    commit(repo, {"directory_data/lai-chau-2026-12.csv": downloaded("lai-chau")})
    result, summary, report = check_pr(repo, tmp_path)
    assert result.exit_code == 1
    assert [f["code"] for f in report["findings"]] == ["path-outside-layout"]
    head = first_lines(summary)
    assert "không cần tải lại" in head[1] and "cùng tên" not in head[1]
    assert (
        "Backspace" in head[3]
        and "<code>directory_data/provinces/lai-chau/2026-12.csv</code>" in head[3]  # from its name
    )


def _workbook() -> bytes:
    book = openpyxl.Workbook()
    for row in rows():
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def test_xlsx_list_is_accepted(repo, tmp_path):
    commit(repo, {f"{FOLDER}/2026-12.xlsx": _workbook()})
    result, summary, report = check_pr(repo, tmp_path)
    assert result.exit_code == 0, summary
    assert "<code>directory_data/provinces/lai-chau/2026-12.xlsx</code>" in summary
    assert report["months"][0]["published"] is True


def test_misnamed_xlsx_gets_a_fix_that_can_be_done_in_the_browser(repo, tmp_path):
    commit(repo, {f"{FOLDER}/Danh sach thang 12.xlsx": _workbook()})
    result, summary, _ = check_pr(repo, tmp_path)
    assert result.exit_code == 1
    # A binary file cannot be renamed in the browser: nothing may ask for the pencil (edit) on it.
    head = first_lines(summary)
    assert "Edit this file" not in head[3] and "Upload files" in head[3] and "Delete file" in head[3]
    assert "không cần tải lại" not in head[1]


def test_two_provinces_get_one_verdict(repo, tmp_path):
    other = "directory_data/provinces/dien-bien/2026-12.csv"
    commit(repo, {LAI_CHAU_DEC: downloaded("lai-chau"), other: downloaded("dien-bien")})
    result, summary, _ = check_pr(repo, tmp_path)
    assert result.exit_code == 1
    head = first_lines(summary)
    assert head[1].startswith("❌ **Chưa đạt: 1 lỗi.**") and "không cần tải lại" in head[1]
    assert "Tách thành các pull request riêng" in head[3]
    assert "✅" not in summary  # no second, contradicting verdict further down


def test_forty_percent_removal_lists_the_removed_points(repo, tmp_path):
    lines = text().splitlines()
    kept = lines[: 1 + round(0.6 * (len(lines) - 1))]
    commit(repo, {LAI_CHAU_DEC: codecs.BOM_UTF8 + "\r\n".join(kept).encode("utf-8")})
    result, summary, report = check_pr(repo, tmp_path)
    assert result.exit_code == 1
    assert [f["code"] for f in report["findings"]] == ["mass-removal"]
    head = first_lines(summary)
    assert "file bị giữ lại" in head[1]
    assert "<YYYY-MM>" not in summary and "&lt;YYYY-MM&gt;.yaml" in head[3]  # escaped, not stripped
    removed = report["months"][0]["refused_changes"]["removed"]
    assert len(removed) == len(lines) - len(kept)
    assert all(f"<code>{code}</code>" in summary for code in removed)


def twenty_five_errors() -> bytes:
    """13 rows with a bad phone and an empty commune: 26 errors, two per row, in a list long
    enough (the province's points twice over) that the bad rows are held one by one."""
    table = rows()
    code = table[0].index("Mã điểm thu")
    table += [[*row[:code], row[code] + "-B", *row[code + 1 :]] for row in table[1:]]
    fixed, commune = table[0].index("Điện thoại cố định"), table[0].index("Xã/Phường")
    for row in table[1:14]:
        row[fixed], row[commune] = "12345", ""
    return as_csv(table)


def test_twenty_five_errors_show_the_first_row_before_the_fold(repo, tmp_path):
    commit(repo, {LAI_CHAU_DEC: twenty_five_errors()})
    result, summary, report = check_pr(repo, tmp_path)
    assert result.exit_code == 1 and report["counts"]["ERROR"] >= 25
    head = first_lines(summary)
    assert head[1].startswith("❌ **Chưa đạt") and "dòng có lỗi" in head[1]
    assert head[3].startswith("1. **Dòng 2** — 2 vấn đề:") and "Cách sửa" in head[3]
    # A proxy for "on the first screen": a handful of lines before the fold, whatever the count.
    assert len(before_fold(summary).splitlines()) <= 16
    assert "Cách sửa" in result.stdout.splitlines()[0]  # annotations carry the fix


@pytest.mark.browser
def test_twenty_five_errors_first_error_within_600_px_when_rendered(repo, tmp_path, page):
    commit(repo, {LAI_CHAU_DEC: twenty_five_errors()})
    _, summary, _ = check_pr(repo, tmp_path)
    body = markdown.markdown(summary, extensions=["tables", "md_in_html"])
    # GitHub's summary pane: about 900 px wide, 14 px system font, 1.5 line height.
    style = "body{font:14px/1.5 -apple-system,'Segoe UI',sans-serif;width:880px;margin:16px}"
    page.set_viewport_size({"width": 912, "height": 900})
    page.set_content(f"<!doctype html><meta charset=utf-8><style>{style}</style>{body}")
    top = page.evaluate(
        "() => { const li = [...document.querySelectorAll('li')].find(e => e.textContent.includes('Dòng 2'));"
        " return li ? li.getBoundingClientRect().top : null; }"
    )
    assert top is not None and top < 600, top


def test_excel_unicode_text_is_green(repo, tmp_path):
    tab = text().replace(",", "\t").replace("\n", "\r\n")
    commit(repo, {LAI_CHAU_DEC: tab.encode("utf-16")})
    result, summary, _ = check_pr(repo, tmp_path)
    assert result.exit_code == 0, summary
    assert first_lines(summary)[1].startswith("✅ **Đạt: không có lỗi.**")


def test_html_report_is_self_contained_with_rows_changes_and_map(repo, tmp_path):
    table = rows()
    name, mobile, lat = (table[0].index(h) for h in ("Tên điểm thu", "Điện thoại di động", "Vĩ độ"))
    old_name = table[1][name]
    table[1][name] = "Điểm Bưu điện & Văn hóa xã"
    number = next(i for i, row in enumerate(table) if i > 1 and row[mobile].startswith("0"))
    table[number][mobile] = table[number][mobile].replace(" ", "")[1:]  # a row to look at
    moved = next(row for row in table[1:] if row[lat])
    moved[lat] = str(round(float(moved[lat].replace(",", ".")) + 0.01, 6))
    del table[5]
    commit(repo, {LAI_CHAU_DEC: as_csv(table)})
    check_pr(repo, tmp_path)
    page_html = (tmp_path / "bao-cao.html").read_text(encoding="utf-8")
    assert page_html.startswith("<!doctype html>") and '<html lang="vi">' in page_html
    assert not re.search(r"""(src|href)=["']?https?:""", page_html)  # nothing fetched
    assert "Các dòng cần sửa" in page_html and f"<td>{number + 1}</td>" in page_html
    assert f'<td class="old">{old_name}</td>' in page_html
    assert '<td class="new">Điểm Bưu điện &amp; Văn hóa xã</td>' in page_html  # escaped
    assert "<svg" in page_html and "<circle" in page_html and "Điểm bỏ" in page_html


def test_guide_covers_a_clerks_first_visit():
    guide = (PROJECT_ROOT / "site_src" / "huong-dan-nop.md").read_text(encoding="utf-8")
    for needed in (
        "https://github.com/bhxh-vn/danh-ba-diem-thu",  # the repository
        "/upload/main/directory_data/provinces/",  # the upload link
        "bản sao (fork)",
        "Approve and run",  # a maintainer approves a first-time contributor's workflow
        "Unicode Text (\\*.txt)",  # Excel 2010–2013 have no "CSV UTF-8"
        "Excel Workbook (\\*.xlsx)",
        "dấu chấm phẩy",  # Windows list separators
        "Edit this file",  # rename / move on the branch
        "Delete file",
        "dòng bị giữ lại",
        "file bị giữ lại",
        "dấu ✅ xanh",
        "dấu ❌ đỏ",
    ):
        assert needed in guide, needed
    assert "CSV (Comma delimited)”** thường" in guide  # the lossy save is named as the cause


def test_a_past_months_list_is_never_overwritten(repo, tmp_path):
    # A list named after a month already past (the guide's old example name) rewrites history.
    october = f"{FOLDER}/2026-10.csv"
    commit(repo, {october: downloaded("lai-chau")})
    result, summary, report = check_pr(repo, tmp_path)
    assert result.exit_code == 1
    problem = next(p for p in report["problems"] if p["code"] == "pr-replaces-published")
    assert problem["severity"] == "ERROR" and "2026-11.csv" in problem["fix"]
    head = first_lines(summary)
    assert "ghi đè" in head[3] and "“Edit this file”" in head[3]


def test_correcting_this_months_list_is_allowed_with_a_warning(repo, tmp_path):
    november = f"{FOLDER}/2026-11.csv"
    commit(repo, {november: downloaded("lai-chau")})
    result, _, report = check_pr(repo, tmp_path)
    assert result.exit_code == 0
    assert [(p["code"], p["severity"]) for p in report["problems"]] == [("pr-replaces-published", "WARNING")]
