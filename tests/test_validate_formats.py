"""Reading what clerks' spreadsheets actually save: encodings, separators, line endings, and the
files that are not a list at all. The bytes are built from hop-le.csv (see conftest.format_cases)."""

from __future__ import annotations

import importlib
import unicodedata

import pytest
from conftest import SUBMISSIONS, findings, format_cases, validated
from legacy_encodings import to_tcvn3, to_vni

from generator.limits import MAX_BYTES, megabytes

# generator.load re-exports the function decode(), which hides the module of the same name.
DECODE_MODULE = importlib.import_module("generator.load.decode")
CASES = format_cases()
SAME_AS_VALID = ["utf8-bom.csv", "cham-phay.csv", "tab.csv", "crlf.csv", "nfd.csv"]
DETECTED = ["excel-unicode-text.csv", "utf16-khong-bom.csv", "windows-1258.csv"]
REFUSED = {
    "excel-xlsx.csv": {(None, None, "workbook-unreadable")},
    "excel-xls.csv": {(None, None, "file-is-excel-workbook")},
    "excel-csv-comma-delimited.csv": {(1, None, "file-lossy-save")},
    "tcvn3.csv": {(1, None, "file-legacy-vietnamese-encoding")},
    "vni.csv": {(1, None, "file-legacy-vietnamese-encoding")},
    "nhi-phan.csv": {(None, None, "file-not-text")},
    "rong.csv": {(None, None, "file-empty")},
    "chi-dong-trong.csv": {(None, None, "file-empty")},
    "nhieu-cot.csv": {(1, None, "too-many-columns")},
    "ky-tu-dieu-khien.csv": {(4, "Địa chỉ", "control-characters")},
}


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def valid_points():
    return validated(SUBMISSIONS / "hop-le.csv").points


def test_every_case_is_asserted():
    assert sorted(CASES) == sorted(SAME_AS_VALID + DETECTED + list(REFUSED))


@pytest.mark.parametrize("name", SAME_AS_VALID)
def test_same_list_saved_differently_reads_the_same(tmp_path, name, valid_points):
    result = validated(write(tmp_path, name, CASES[name]))
    assert result.findings == ()
    assert result.points == valid_points


@pytest.mark.parametrize("name", DETECTED)
def test_other_encodings_are_read_and_noted(tmp_path, name, valid_points):
    result = validated(write(tmp_path, name, CASES[name]))
    assert {(f.row, f.column, f.code) for f in result.findings} == {(None, None, "file-encoding-detected")}
    assert result.publishable  # INFO only
    assert result.points == valid_points


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_unreadable_files_get_one_clear_finding(tmp_path, name):
    assert findings(write(tmp_path, name, CASES[name])) == REFUSED[name]


def test_nfd_text_is_published_as_nfc(tmp_path):
    path = write(tmp_path, "nfd.csv", CASES["nfd.csv"])
    assert "Bình Lư" not in path.read_text(encoding="utf-8")  # really decomposed on disk
    for point in validated(path).points:
        for value in point.as_dict().values():
            if isinstance(value, str):
                assert unicodedata.is_normalized("NFC", value)
    assert validated(path).points[1].commune_name == "Xã Bình Lư"


def test_windows_1258_combining_tones_come_out_composed(tmp_path):
    path = write(tmp_path, "windows-1258.csv", CASES["windows-1258.csv"])
    assert "\u0309".encode("cp1258") in path.read_bytes()  # ẩ of "Tẩn" is â + hook on disk
    result = validated(path)
    assert result.loaded.encoding == "Windows-1258"
    assert "Tẩn Thị Mai" in result.loaded.table.records[1].cells


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path):
    result = validated(write(tmp_path, "excel-unicode-text.csv", CASES["excel-unicode-text.csv"]))
    assert (result.loaded.encoding, result.loaded.table.delimiter) == ("UTF-16", "\t")
    assert result.findings[0].message == "File được đọc với bảng mã UTF-16."


def test_trailing_empty_rows_and_columns_are_ignored():
    result = validated(SUBMISSIONS / "dong-cot-trong-cuoi.csv")
    assert result.findings == ()
    assert len(result.points) == 1
    assert len(result.loaded.table.header) == 7


def test_crlf_file_with_a_line_break_inside_a_cell(tmp_path):
    # Windows line endings (or git's autocrlf) also end the line inside a quoted address: the cell
    # keeps a plain line break, not a control character.
    text = (SUBMISSIONS / "dia-chi-nhieu-dong.csv").read_text(encoding="utf-8")
    path = write(tmp_path, "crlf-nhieu-dong.csv", text.replace("\n", "\r\n").encode("utf-8"))
    assert findings(path) == {(3, "Điện thoại di động", "phone-invalid")}
    assert validated(path).loaded.table.records[0].cells[3] == "Số 2 đường Trần Phú\nTổ 5, phường Tân Phong"


def test_tcvn3_text_is_refused_with_the_line_and_a_sample(tmp_path):
    header = "Ma diem thu,Ten dai ly thu,Ten diem thu,Dia chi,Xa/Phuong,Dien thoai co dinh\n"
    row = "HNI-0001,Bưu điện Hà Nội,Bưu điện Hà Nội,Số 75 Đinh Tiên Hoàng,Phường Hoàn Kiếm,0243 825 2030\n"
    path = write(tmp_path, "tcvn3-ha-noi.csv", header.encode("ascii") + to_tcvn3(row))
    assert b"H\xb5 N\xe9i" in path.read_bytes()  # "Hµ Néi"
    [finding] = validated(path, "ha-noi").findings
    assert (finding.row, finding.line, finding.code) == (2, 2, "file-legacy-vietnamese-encoding")
    assert "TCVN3" in finding.message
    assert finding.value == "\xaeiÖn"  # "điện" as TCVN3 shows it in Unicode


def test_tcvn3_pasted_into_a_utf8_file_is_refused_too(tmp_path):
    text = "Mã điểm thu,Tên đại lý thu\nHNI-0001,Bưu điện Hà Nội\n"
    pasted = to_tcvn3(text).decode("cp1252").encode("utf-8")
    path = write(tmp_path, "tcvn3-utf8.csv", pasted)
    assert "Hµ Néi" in path.read_text(encoding="utf-8")
    assert {f.code for f in validated(path).findings} == {"file-legacy-vietnamese-encoding"}


def test_vni_text_is_refused(tmp_path):
    path = write(tmp_path, "vni.csv", to_vni("Hà Nội,Bưu điện Hà Nội\n"))
    assert path.read_bytes() == "Haø Noäi,Böu ñieän Haø Noäi\n".encode("cp1252")
    [finding] = validated(path).findings
    assert finding.code == "file-legacy-vietnamese-encoding"
    assert "VNI" in finding.message


def test_file_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(DECODE_MODULE, "MAX_BYTES", 100)
    path = write(tmp_path, "qua-lon.csv", CASES["crlf.csv"])
    [finding] = validated(path).findings
    assert finding.code == "file-too-large"
    # The limit stated is the one applied, not a copy of its default.
    assert finding.message.endswith("vượt giới hạn 100 byte.")
    assert megabytes(MAX_BYTES) == "20 MB"


def test_header_only_file_has_no_data_rows():
    result = validated(SUBMISSIONS / "chi-co-tieu-de.csv")
    assert not result.publishable
    assert result.findings[0].message == "File chỉ có dòng tiêu đề, không có điểm thu nào."
