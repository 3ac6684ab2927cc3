"""The checks, one small submission per problem (tests/fixtures/submissions/, named after the
problem), with findings compared as (row, column, code)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA_ROOT, MONTH, PROVINCE_OF, SUBMISSIONS, findings, validated

from generator.load import load_file
from generator.phones import parse_phone
from generator.validate import validate_file
from generator.validate.memo import RowMemo

FIXED, MOBILE = "Điện thoại cố định", "Điện thoại di động"
COMMUNE, PROVINCE = "Xã/Phường", "Tỉnh/Thành phố"

EXPECTED = {
    "hop-le.csv": set(),
    "tieu-de-khong-dau.csv": set(),
    "toa-do-dau-phay.csv": set(),
    "so-dien-thoai-nhieu-cach-viet.csv": set(),
    "dong-cot-trong-cuoi.csv": set(),
    "so-dien-thoai-thieu-so-0.csv": {
        (2, MOBILE, "phone-leading-zero-restored"),
        (3, FIXED, "phone-leading-zero-restored"),
    },
    "so-di-dong-o-cot-co-dinh.csv": {
        (2, FIXED, "phone-mobile-in-fixed-column"),
        (3, MOBILE, "phone-fixed-in-mobile-column"),
    },
    "so-khong-hop-le.csv": {
        (2, MOBILE, "phone-invalid"),  # 0123
        (3, MOBILE, "phone-several-numbers"),  # two numbers in one cell: the first is published
        (4, FIXED, "phone-invalid"),  # one digit short
    },
    "khong-co-so-dien-thoai.csv": {(2, None, "no-phone")},
    "thieu-cot-xa-phuong.csv": {(1, "Xã/Phường", "missing-required-column")},
    "cot-bi-lap.csv": {(1, "Địa chỉ", "duplicate-column")},
    "cot-la-va-stt.csv": {(1, None, "unknown-column")},  # STT is ignored, the CCCD column is not
    "chi-co-tieu-de.csv": {(1, None, "no-data-rows")},
    "o-bat-buoc-trong.csv": {
        (2, "Tên đại lý thu", "required-cell-empty"),
        (3, "Mã điểm thu", "required-cell-empty"),
    },
    "ma-diem-thu-trung.csv": {(3, "Mã điểm thu", "duplicate-code")},
    "diem-thu-lap-hai-ma.csv": {(3, "Mã điểm thu", "duplicate-point")},
    "xa-cu-duoc-chuyen-doi.csv": {
        (2, "Xã/Phường", "commune-legacy-converted"),
        (3, "Xã/Phường", "commune-legacy-converted"),
    },
    "xa-khong-ton-tai.csv": {(2, "Xã/Phường", "commune-not-found")},
    "xa-trung-ten-khong-dau.csv": {(2, "Xã/Phường", "commune-ambiguous")},
    "tinh-khac-thu-muc.csv": {(3, "Tỉnh/Thành phố", "province-mismatch")},
    "toa-do-dao-nguoc.csv": {(2, "Vĩ độ", "coordinates-swapped")},
    "toa-do-ngoai-viet-nam.csv": {(2, "Vĩ độ", "coordinates-outside-vietnam")},
    "toa-do-xa-xa-phuong.csv": {(2, "Vĩ độ", "coordinates-far-from-commune")},
    "toa-do-khong-doc-duoc.csv": {
        (2, "Vĩ độ", "coordinates-invalid"),
        (3, "Kinh độ", "coordinates-invalid"),  # latitude without longitude
    },
    "the-script.csv": {(2, "Tên điểm thu", "unsafe-markup"), (3, "Địa chỉ", "unsafe-markup")},
    "lien-ket-javascript.csv": {(2, "Địa chỉ", "unsafe-markup"), (3, "Tên điểm thu", "unsafe-markup")},
    "cong-thuc-excel.csv": {
        (2, "Địa chỉ", "spreadsheet-formula"),
        (3, "Tên đại lý thu", "spreadsheet-formula"),
    },
    "noi-dung-qua-dai.csv": {(2, "Tên điểm thu", "value-too-long")},
    "ngoac-kep-khong-dong.csv": {(3, None, "file-unbalanced-quote")},
    "dia-chi-nhieu-dong.csv": {(3, MOBILE, "phone-invalid")},
    # Pre-2025 place names (published communes in tests/test_places.py).
    "tinh-cu-trong-tinh-moi.csv": {
        (5, PROVINCE, "province-legacy-name"),
        (6, PROVINCE, "province-legacy-name"),
        (7, PROVINCE, "province-mismatch"),
    },
    "phuong-danh-so-theo-quan.csv": {
        (2, COMMUNE, "commune-legacy-converted"),
        (3, COMMUNE, "commune-legacy-converted"),
        (4, COMMUNE, "commune-legacy-converted"),
        (5, COMMUNE, "commune-ambiguous"),
        (6, COMMUNE, "commune-legacy-converted"),
        (7, COMMUNE, "commune-part-read"),
        (8, COMMUNE, "commune-district-conflict"),
    },
    "thi-tran-va-dia-chi.csv": {
        (2, COMMUNE, "commune-legacy-converted"),
        (3, COMMUNE, "commune-legacy-converted"),
        (4, COMMUNE, "commune-from-address"),
        (5, COMMUNE, "required-cell-empty"),
        (6, COMMUNE, "commune-legacy-converted"),
        (6, PROVINCE, "province-legacy-name"),
    },
    "xa-trong-doc-quan-cu.csv": {
        (2, COMMUNE, "commune-from-district"),
        (3, COMMUNE, "commune-from-district"),
        (4, COMMUNE, "required-cell-empty"),
        (5, COMMUNE, "required-cell-empty"),
    },
    "xa-ghi-nhieu-ten.csv": {
        (2, COMMUNE, "commune-part-read"),
        (3, COMMUNE, "commune-part-read"),
        (4, COMMUNE, "commune-ambiguous"),
        (5, COMMUNE, "commune-not-found"),
        *((row, PROVINCE, "province-legacy-name") for row in (2, 3, 4, 5)),
    },
    "xa-cu-trung-ten-xa-moi.csv": {
        (2, COMMUNE, "commune-legacy-converted"),
        (3, COMMUNE, "commune-legacy-converted"),
    },
    "xa-doi-ten-truoc-2024.csv": {
        (2, COMMUNE, "commune-legacy-converted"),
        (2, PROVINCE, "province-legacy-name"),
        (3, COMMUNE, "commune-legacy-converted"),
    },
    "xa-cu-chia-nhieu-xa.csv": {
        (2, COMMUNE, "commune-legacy-converted"),
        (3, COMMUNE, "commune-legacy-converted"),
        (4, COMMUNE, "commune-legacy-converted"),
    },
    "xa-mau-thuan-quan-huyen.csv": {
        (2, COMMUNE, "commune-district-conflict"),
        (3, COMMUNE, "commune-from-address"),
    },
    "xa-viet-sai-khoang-trang.csv": {
        (4, COMMUNE, "commune-legacy-converted"),
        (4, PROVINCE, "province-legacy-name"),
    },
    "o-xa-khong-phai-ten-xa.csv": {
        (2, COMMUNE, "commune-legacy-converted"),  # "Trị Trấn DMC"
        (3, COMMUNE, "commune-from-address"),  # "Thị xã"
        (4, COMMUNE, "commune-not-found"),  # "Đang khảo sát", the address names no commune
        (5, COMMUNE, "commune-from-address"),  # "F"
        (6, COMMUNE, "commune-not-found"),  # a Quảng Trị point in Tây Ninh's list
    },
}


def fixture(name: str) -> Path:
    return SUBMISSIONS / name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings(name):
    assert findings(fixture(name)) == EXPECTED[name]


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in SUBMISSIONS.glob("*.csv")) == sorted(EXPECTED)


def test_valid_file_is_published_with_allow_listed_columns_only():
    result = validated(fixture("hop-le.csv"))
    assert result.findings == ()
    assert result.publishable
    first, second, third = result.points
    assert [p.code for p in result.points] == ["LCU-0001", "LCU-0002", "LCU-0003"]
    assert [p.commune_name for p in result.points] == ["Phường Tân Phong", "Xã Bình Lư", "Xã Sìn Hồ"]
    assert (first.fixed_phone, first.fixed_phone_e164) == ("0213 3876 543", "+842133876543")
    assert (first.mobile_phone, first.mobile_phone_e164) == ("0912 037 468", "+84912037468")
    assert (first.lat, first.lon, first.approximate) == (22.393, 103.47, False)
    assert (second.lat, second.lon, second.approximate) == (None, None, True)
    assert third.mobile_phone == ""
    assert {p.month for p in result.points} == {"2026-11"}
    published = " ".join(str(v) for p in result.points for v in p.as_dict().values())
    for private in ("Lò Văn Minh", "Tẩn Thị Mai", "Giàng A Páo", "Điểm thu chính của tỉnh"):
        assert private not in published  # staff names and notes are never published


def test_unknown_column_is_never_published():
    result = validated(fixture("cot-la-va-stt.csv"))
    assert result.publishable  # a warning does not block the file
    [point] = result.points
    published = " ".join(str(v) for v in point.as_dict().values())
    assert "012345678901" not in published
    assert "Lò Văn Minh" not in published
    assert point.code == "LCU-0001"  # the STT column did not shift anything
    [finding] = result.findings
    assert finding.value == "Số CCCD nhân viên"


def test_unaccented_headers_match_the_template():
    [point] = validated(fixture("tieu-de-khong-dau.csv")).points
    assert (point.code, point.commune_name, point.mobile_phone) == (
        "LCU-0001",
        "Phường Tân Phong",
        "0912 037 468",
    )


# --- phones ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "display", "kind", "restored"),
    [
        ("0836974 222", "0836 974 222", "mobile", False),
        ("0912.037.468", "0912 037 468", "mobile", False),
        ("0912-037-468", "0912 037 468", "mobile", False),
        ("+84 912 037 468", "0912 037 468", "mobile", False),
        ("(0213) 3876 543", "0213 3876 543", "fixed", False),
        ("0213 3876 543", "0213 3876 543", "fixed", False),
        ("912037468", "0912 037 468", "mobile", True),
        ("2133876543", "0213 3876 543", "fixed", True),
    ],
)
def test_phone_spellings_from_the_issue_normalise(raw, display, kind, restored):
    phone = parse_phone(raw)
    assert phone is not None
    assert (phone.display, phone.kind, phone.restored_zero) == (display, kind, restored)


@pytest.mark.parametrize(
    "raw",
    ["0123", "0912 037", "0213 3876 54", "0912 037 468 / 0913 256 804", "+1 202 555 0100", "không có"],
)
def test_impossible_phone_numbers_are_rejected(raw):
    assert parse_phone(raw) is None


def test_phone_spellings_are_published_normalised():
    result = validated(fixture("so-dien-thoai-nhieu-cach-viet.csv"))
    assert [(p.fixed_phone, p.mobile_phone) for p in result.points] == [
        ("0213 3876 543", "0836 974 222"),
        ("", "0912 037 468"),
        ("", "0912 037 468"),  # "+84 …" is a phone, not a spreadsheet formula
    ]


def test_lost_leading_zero_is_restored_with_a_warning():
    result = validated(fixture("so-dien-thoai-thieu-so-0.csv"))
    assert result.publishable
    assert [(p.fixed_phone, p.mobile_phone) for p in result.points] == [
        ("", "0912 037 468"),
        ("0213 3876 543", ""),
    ]
    assert "đã hiểu là 0912 037 468" in result.findings[0].message


# --- places ------------------------------------------------------------------------------------


def test_legacy_commune_is_converted_to_the_2025_unit():
    result = validated(fixture("xa-cu-duoc-chuyen-doi.csv"))
    assert result.publishable
    assert [p.commune_name for p in result.points] == ["Xã Bình Lư", "Phường Đoàn Kết"]
    assert "đã chuyển thành Xã Bình Lư" in result.findings[0].message


def test_unknown_commune_suggests_a_close_name():
    [finding] = validated(fixture("xa-khong-ton-tai.csv")).findings
    assert "Xã Bình Lư" in finding.message
    assert finding.severity.value == "ERROR"


def test_commune_without_diacritics_is_ambiguous_where_two_names_fold_alike():
    result = validated(fixture("xa-trung-ten-khong-dau.csv"))
    [finding] = result.findings
    assert "Xã Cẩm Giang" in finding.message and "Xã Cẩm Giàng" in finding.message
    # Only the ambiguous row is held; the other rows of the list are published.
    assert [h.row for h in result.held] == [finding.row]
    assert finding.row not in {p.code for p in result.points}
    assert len(result.points) == result.rows - 1


def test_province_column_may_name_the_province_in_any_form():
    result = validated(fixture("tinh-khac-thu-muc.csv"))
    assert [f.value for f in result.findings] == ["Lào Cai"]  # "Tỉnh Lai Châu" on row 2 is fine


# --- coordinates -------------------------------------------------------------------------------


def test_decimal_comma_coordinates_are_read():
    [point] = validated(fixture("toa-do-dau-phay.csv")).points
    assert (point.lat, point.lon, point.approximate) == (22.393, 103.47, False)


def test_far_coordinates_say_how_far():
    [finding] = validated(fixture("toa-do-xa-xa-phuong.csv")).findings
    assert "Xã Sìn Hồ" in finding.message and " km" in finding.message


# --- cells and rows ----------------------------------------------------------------------------


def test_rows_are_numbered_as_the_spreadsheet_shows_them():
    # A quoted address spans two lines of the file but is one row of the spreadsheet.
    [finding] = validated(fixture("dia-chi-nhieu-dong.csv")).findings
    assert (finding.row, finding.line) == (3, 4)


def test_blank_rows_count_as_spreadsheet_rows(tmp_path):
    text = (SUBMISSIONS / "dia-chi-nhieu-dong.csv").read_text(encoding="utf-8")
    head, last = text.rstrip("\n").rsplit("\n", 1)
    path = tmp_path / "dong-trong-giua.csv"
    path.write_text(f"{head}\n\n{last}\n", encoding="utf-8")
    assert findings(path) == {(4, MOBILE, "phone-invalid")}


def test_multiline_cell_keeps_its_line_break():
    first = validated(fixture("dia-chi-nhieu-dong.csv")).loaded.table.records[0]
    assert "Số 2 đường Trần Phú\nTổ 5, phường Tân Phong" in first.cells


def test_unbalanced_quote_names_the_line_it_opens_on():
    [finding] = validated(fixture("ngoac-kep-khong-dong.csv")).findings
    assert (finding.row, finding.line) == (3, 3)
    assert finding.message.startswith("Dòng 3:")


def test_file_outside_the_layout_is_reported_and_not_published(tmp_path):
    path = tmp_path / "diem-thu-lai-chau.csv"
    path.write_bytes((SUBMISSIONS / "hop-le.csv").read_bytes())
    result = validate_file(load_file(path, DATA_ROOT))
    assert {(f.row, f.code) for f in result.findings} == {(None, "path-outside-layout")}
    assert not result.publishable
    assert result.points == ()


def test_rows_seen_before_get_the_same_findings_as_a_fresh_check(tmp_path):
    """A province's months share one RowMemo: a row already checked is not checked again, and
    must still be reported exactly as a fresh check would, at its new file, row and line."""
    reversed_rows = []
    for path in sorted(SUBMISSIONS.glob("*.csv")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        moved = tmp_path / path.name
        moved.write_text("".join(lines[:1] + lines[:0:-1]), encoding="utf-8")
        reversed_rows.append(moved)
    memo = RowMemo()
    for path in [*sorted(SUBMISSIONS.glob("*.csv")), *reversed_rows]:
        province = PROVINCE_OF.get(path.name, "lai-chau")
        loaded = load_file(path, DATA_ROOT, province, MONTH)
        assert validate_file(loaded, memo) == validate_file(loaded), path.name
