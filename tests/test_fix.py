"""`validate --fix OUT`: the list back in the clerk's format, repairs applied, one result per row."""

from __future__ import annotations

import csv
import io
import json

import ftfy  # noqa: F401  (registers the sloppy-windows-1252 codec)
from click.testing import CliRunner
from conftest import valid_text
from openpyxl import load_workbook
from test_workbook import rows_of_valid_list, workbook

from generator.cli import main

LAI_CHAU = ["--province", "lai-chau", "--month", "2026-11"]


def run(*args):
    return CliRunner().invoke(main, ["validate", *LAI_CHAU, *map(str, args)])


def damaged_list() -> str:
    text = valid_text()
    # UTF-8 read as Windows-1252 and saved again (ftfy registers the "sloppy" codec Excel behaves as).
    mojibake = "Bưu điện Trung tâm".encode().decode("sloppy-windows-1252")
    text = text.replace("Bưu điện Trung tâm Lai Châu", mojibake)
    text = text.replace("0836 974 222", "836974222")  # a lost leading zero
    return text.replace("Khu 5", "Khu\u200b 5").replace("Xã Sìn Hồ", "Xã Không Có")  # held row


def read_csv(path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_fix_writes_the_repairs_and_a_result_per_row(tmp_path):
    source = tmp_path / "ds.csv"
    source.write_text(damaged_list(), encoding="utf-8")
    out = tmp_path / "da-sua.csv"
    result = run("--fix", out, source)
    assert result.exit_code == 1  # row 4 still has an ERROR
    rows = read_csv(out)
    assert [r["Mã điểm thu"] for r in rows] == ["LCU-0001", "LCU-0002", "LCU-0003"]
    assert rows[0]["Tên điểm thu"] == "Bưu điện Trung tâm"
    assert rows[1]["Điện thoại di động"] == "0836 974 222"
    assert rows[2]["Địa chỉ"] == "Khu 5"
    assert rows[2]["Xã/Phường"] == "Xã Không Có"  # held: as sent, with the reason
    assert rows[2]["Kết quả kiểm tra"].startswith("CHƯA CÔNG BỐ")
    assert "Xã Không Có" in rows[2]["Kết quả kiểm tra"]
    assert rows[0]["Kết quả kiểm tra"].startswith("Đã tự sửa")
    # Unpublished columns come back untouched.
    assert rows[0]["Nhân viên thu"] == "Lò Văn Minh"


def test_the_fixed_list_sent_back_has_only_what_is_left_to_fix(tmp_path):
    source = tmp_path / "ds.csv"
    source.write_text(damaged_list(), encoding="utf-8")
    out = tmp_path / "da-sua.csv"
    run("--fix", out, source)
    again = run("--format", "json", out)
    codes = {(f["row"], f["code"]) for f in json.loads(again.stdout)}
    assert codes == {(4, "commune-not-found")}  # the result column is not an unknown column


def test_a_workbook_comes_back_as_a_workbook(tmp_path):
    rows = rows_of_valid_list()
    rows[2][7] = 836974222
    source = workbook(rows, tmp_path / "2026-11.xlsx")
    out = tmp_path / "da-sua.xlsx"
    assert run("--fix", out, source).exit_code == 0
    sheet = load_workbook(out).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][-1] == "Kết quả kiểm tra"
    assert values[2][7] == "0836 974 222" and values[1][-1] == "Đạt"


def test_fix_needs_one_file(tmp_path):
    result = CliRunner().invoke(main, ["validate", "--fix", str(tmp_path / "x.csv"), str(tmp_path)])
    assert result.exit_code == 2 and "một file" in result.output
