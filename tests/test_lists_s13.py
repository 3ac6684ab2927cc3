"""Lists as provinces send them, session 13: the cases still read wrong after session 12, each
found on the real development list or in the shapes clerks give their lists."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import real_lists

from generator.load import load_file
from generator.validate import validate_file

HEADER = real_lists.HEADER[1:-1]


def validated(tmp_path: Path, slug: str, rows: list[dict[str, str]], header: list[str] = HEADER):
    path = tmp_path / "provinces" / slug / "2026-11.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for number, cells in enumerate(rows, start=1):
        writer.writerow([cells.get(h, "") if h != "Mã điểm thu" else f"P-{number}" for h in header])
    path.write_bytes(out.getvalue().encode("utf-8-sig"))
    return validate_file(load_file(path, tmp_path))


def codes_of(result, row: int) -> set[str]:
    return {f.code for f in result.findings if f.row == row}


def point(address: str, commune: str = "", district: str = "", province: str = "Vĩnh Phúc") -> dict[str, str]:
    return {
        "Tên đại lý thu": "Bưu điện tỉnh",
        "Tên điểm thu": "Điểm giao dịch",
        "Địa chỉ": address,
        "Xã/Phường": commune,
        "Quận/Huyện": district,
        "Tỉnh/Thành phố": province,
        "Điện thoại cố định": "0211 3862 999",
    }


# -- 1. the commune written bare after the street ----------------------------------------------


def test_a_commune_written_bare_after_the_street_is_read_with_a_warning(tmp_path):
    rows = [
        point("Đường Nguyễn Tất Thành Khai Quang Vĩnh Yên"),  # the district from the address
        point("Gần Bưu điện Đồng Tâm", district="Vĩnh Yên"),
        point("Số 206 Khối Tân Thành Hoà Hiếu TX Thái Hoà", "Thị xã", "Thái Hòa", "Nghệ An"),
    ]
    result = validated(tmp_path, "phu-tho", rows[:2])
    assert [p.commune_code for p in result.points] == ["08716", "08707"]  # Vĩnh Phúc, Vĩnh Yên
    assert "commune-from-address" in codes_of(result, 2) and "commune-from-address" in codes_of(result, 3)
    assert "“Khai Quang”" in next(f.message for f in result.findings if f.code == "commune-from-address")
    result = validated(tmp_path, "nghe-an", rows[2:])
    assert [p.commune_code for p in result.points] == ["16939"]  # Phường Thái Hòa (old Hòa Hiếu)


def test_a_street_named_as_a_ward_is_not_read_as_the_ward(tmp_path):
    # Ngô Quyền is a street of Vĩnh Yên and one of its old wards; Nguyễn Thị Minh Khai is a
    # person, not Phường Minh Khai: a person reading these rows would not know the ward.
    rows = [
        point("Số 2 Ngô Quyền Vĩnh Yên"),
        point("Số 5 Nguyễn Thị Minh Khai", district="Hai Bà Trưng", province="Hà Nội"),
    ]
    result = validated(tmp_path, "phu-tho", rows[:1])
    assert result.points == () and "required-cell-empty" in codes_of(result, 2)
    result = validated(tmp_path, "ha-noi", rows[1:])
    assert result.points == () and "required-cell-empty" in codes_of(result, 2)


# -- 2. fax numbers --------------------------------------------------------------------------------


def lai_chau(fixed: str, mobile: str = "") -> dict[str, str]:
    cells = point(
        "Số 2 đường Trần Phú, Phường Tân Phong", "Phường Tân Phong", "Thành phố Lai Châu", "Lai Châu"
    )
    return {**cells, "Điện thoại cố định": fixed, "Điện thoại di động": mobile}


def test_a_fax_is_not_published_and_the_other_number_of_the_cell_is(tmp_path):
    cells = [
        "ĐT 0213 3876 543 - Fax 0213 3876 544",
        "0213 3876543, 0213 3876544 (fax)",
        "Fax: 0213.3876544; điện thoại 0213 3876 543",
    ]
    result = validated(tmp_path, "lai-chau", [lai_chau(cell) for cell in cells])
    assert [p.fixed_phone for p in result.points] == ["0213 3876 543"] * 3
    for row in (2, 3, 4):
        assert "phone-fax-left-out" in codes_of(result, row)
        assert not codes_of(result, row) & {"phone-invalid", "phone-several-numbers"}
    assert all("0213 3876 544" in f.message for f in result.findings if f.code == "phone-fax-left-out")


def test_a_cell_with_only_a_fax_reads_as_no_phone(tmp_path):
    rows = [
        lai_chau("Fax: 02133876544"),
        lai_chau("0213.3876544 (fax)"),
        lai_chau("Fax 0213 3876 544", "0912 345 678"),
    ]
    result = validated(tmp_path, "lai-chau", rows)
    assert len(result.points) == 3
    assert [(p.fixed_phone, p.mobile_phone) for p in result.points][:2] == [("", ""), ("", "")]
    assert result.points[2].mobile_phone == "0912 345 678" and result.points[2].fixed_phone == ""
    assert {"phone-fax-left-out", "no-phone"} <= codes_of(result, 2) & codes_of(result, 3)
    assert "no-phone" not in codes_of(result, 4)


def test_a_line_shared_by_phone_and_fax_is_published(tmp_path):
    result = validated(
        tmp_path, "lai-chau", [lai_chau("ĐT/Fax: 0213 3876 543"), lai_chau("Tel/fax 0213 3876 543")]
    )
    assert [p.fixed_phone for p in result.points] == ["0213 3876 543"] * 2
    assert not any(f.code == "phone-fax-left-out" for f in result.findings)


def test_the_fax_fixture_publishes_the_phone_and_reads_a_lone_fax_as_no_phone():
    from conftest import SUBMISSIONS
    from conftest import validated as validated_fixture

    result = validated_fixture(SUBMISSIONS / "dien-thoai" / "so-fax.csv")
    assert {(f.row, f.code) for f in result.findings} == {
        (2, "phone-fax-left-out"),
        (2, "phone-text-ignored"),
        (3, "phone-fax-left-out"),
        (3, "no-phone"),
    }
    assert [p.fixed_phone for p in result.points] == ["0213 3876 543", ""]


# -- 6. a kind typed in capitals glued to the name -------------------------------------------------


def test_a_kind_glued_to_the_name_in_capitals_or_lower_case_is_read_in_the_cell_and_address(tmp_path):
    spaced = point("KHU 2, THỊ TRẤN CHI NÊ", "THỊ TRẤN CHI NÊ", "HUYỆN LẠC THỦY", "HÒA BÌNH")
    rows = [
        spaced,
        {**spaced, "Xã/Phường": "THỊ TRẤNCHI NÊ", "Địa chỉ": "KHU 2"},
        {**spaced, "Xã/Phường": "", "Địa chỉ": "KHU 2, THỊ TRẤNCHI NÊ, HUYỆNLẠC THỦY", "Quận/Huyện": ""},
        {**spaced, "Xã/Phường": "XÃKHOAN DỤ", "Địa chỉ": "THÔN 3"},
        {**spaced, "Xã/Phường": "thị trấnchi nê", "Địa chỉ": "khu 2"},  # a list typed in lower case
        {**spaced, "Xã/Phường": "", "Địa chỉ": "khu 2, thị trấnchi nê", "Quận/Huyện": "lạc thủy"},
    ]
    for number, cells in enumerate(rows):
        cells["Tên điểm thu"] = f"Điểm {number}"
    result = validated(tmp_path, "phu-tho", rows)
    assert len(result.points) == 6
    codes = [p.commune_code for p in result.points]
    assert codes[0] == codes[1] == codes[2] == codes[4] == codes[5]
    assert not any(f.code in ("commune-not-found", "required-cell-empty") for f in result.findings)


# -- 5. validate of a side file alone --------------------------------------------------------------


def test_validate_of_a_lone_side_file_counts_and_names_it(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main
    from generator.contract import PROJECT_ROOT

    folder = tmp_path / "provinces" / "ha-noi"
    folder.mkdir(parents=True)
    side = folder / "ho-tro-dia-phuong.yaml"
    side.write_bytes((PROJECT_ROOT / "directory_data/provinces/ha-noi/ho-tro-dia-phuong.yaml").read_bytes())
    runner = CliRunner()
    result = runner.invoke(main, ["validate", "--data", str(tmp_path), str(side)])
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("0 file danh sách, 1 file kèm theo (") and "ho-tro-dia-phuong.yaml" in last
    result = runner.invoke(main, ["validate", "--data", str(tmp_path), "--format", "markdown", str(tmp_path)])
    assert "1 file kèm theo" in result.stdout
    result = runner.invoke(main, ["validate", "--data", str(tmp_path), "--format", "report-json", str(side)])
    assert '"side_files": [' in result.stdout and "ho-tro-dia-phuong.yaml" in result.stdout


# -- 4. a header of only two template headers under a title -----------------------------------------


def test_a_header_with_only_two_template_headers_under_a_title_is_the_header(tmp_path):
    title = ["DANH SÁCH ĐIỂM THU BHXH, BHYT THÁNG 11/2026", "", "", "", ""]
    header = ["Mã điểm thu", "Tên điểm thu", "Nơi đặt điểm", "Đơn vị hành chính", "Liên hệ"]
    data = ["LCU-1", "Bưu cục Tân Phong", "Số 2 Trần Phú", "Phường Tân Phong", "0213 3876 543"]
    path = tmp_path / "provinces" / "lai-chau" / "2026-11.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes(("\r\n".join(",".join(r) for r in (title, header, data)) + "\r\n").encode("utf-8-sig"))
    result = validate_file(load_file(path, tmp_path))
    missing = " ".join(f.message for f in result.findings if f.code == "missing-required-column")
    assert missing, "the columns the list lacks are still reported"
    assert "Mã điểm thu" not in missing and "Tên điểm thu" not in missing
    assert "Địa chỉ" in missing


def test_two_rows_with_two_template_headers_leave_the_first_row_as_the_header(tmp_path):
    # Two rows that could each be the header: nothing says which, so nothing is guessed.
    rows = [["DANH SÁCH", "", ""], ["Mã điểm thu", "Tên điểm thu", ""], ["Địa chỉ", "Ghi chú", ""]]
    path = tmp_path / "provinces" / "lai-chau" / "2026-11.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\r\n".join(",".join(r) for r in rows) + "\r\n").encode("utf-8-sig"))
    loaded = load_file(path, tmp_path)
    assert loaded.table is not None and loaded.table.header[0] == "DANH SÁCH"


def test_a_workbook_whose_only_header_row_has_two_template_headers_is_read_there(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    rows = [
        ["DANH SÁCH ĐIỂM THU BHXH, BHYT THÁNG 11/2026"],
        ["Mã điểm thu", "Tên điểm thu", "Nơi đặt điểm", "Đơn vị hành chính"],
        ["LCU-1", "Bưu cục Tân Phong", "Số 2 Trần Phú", "Phường Tân Phong"],
    ]
    for cells in rows:
        book.active.append(cells)
    path = tmp_path / "provinces" / "lai-chau" / "2026-11.xlsx"
    path.parent.mkdir(parents=True)
    book.save(path)
    result = validate_file(load_file(path, tmp_path))
    codes = {f.code for f in result.findings}
    assert "workbook-no-list-sheet" not in codes and "missing-required-column" in codes
    missing = " ".join(f.message for f in result.findings if f.code == "missing-required-column")
    assert "Mã điểm thu" not in missing and "Địa chỉ" in missing


# -- 3. rows shifted by one cell without a phone --------------------------------------------------

WITH_HOURS = real_lists.HEADER[1:]  # … "Điện thoại di động", "Giờ làm việc"


def lai_chau_row(**changes: str) -> dict[str, str]:
    cells = point("Số 2 đường Trần Phú", "Phường Tân Phong", "Thành phố Lai Châu", "Lai Châu")
    return {**cells, "Điện thoại cố định": "", "Giờ làm việc": "7h30 - 17h00", **changes}


def shifted(cells: dict[str, str], at: str, insert: bool) -> dict[str, str]:
    """The row with an empty cell inserted before column `at`, or that column's cell deleted."""
    values = [cells.get(h, "") for h in WITH_HOURS[1:]]
    i = WITH_HOURS[1:].index(at)
    values = [*values[:i], "", *values[i:-1]] if insert else [*values[:i], *values[i + 1 :], ""]
    return dict(zip(WITH_HOURS[1:], values, strict=True))


def test_a_row_shifted_by_one_cell_without_a_phone_is_held(tmp_path):
    # Enough good rows that the list is not held whole (most-rows-held): each shifted row is held.
    goods = [
        lai_chau_row(**{"Tên điểm thu": f"Bưu cục {i}", "Địa chỉ": f"Số {i} Trần Phú"}) for i in range(24)
    ]
    good = goods[0]
    rows = list(goods)
    for at in ("Tên đại lý thu", "Địa chỉ", "Xã/Phường", "Quận/Huyện", "Tỉnh/Thành phố"):
        rows += [shifted(good, at, insert=True), shifted(good, at, insert=False)]
    rows.append(shifted(lai_chau_row(**{"Điện thoại di động": "0912 345 678"}), "Điện thoại di động", True))
    result = validated(tmp_path, "lai-chau", rows, WITH_HOURS)
    assert [p.code for p in result.points] == [f"P-{i}" for i in range(1, 25)]
    for row in range(len(goods) + 2, len(rows) + 2):
        assert "cells-shifted" in codes_of(result, row) or "phone-in-name-column" in codes_of(result, row), (
            row
        )
    message = next(f.message for f in result.findings if f.code == "cells-shifted")
    assert "lệch một cột" in message


def test_a_row_shifted_left_in_a_list_without_hours_is_held_by_its_places(tmp_path):
    good = lai_chau_row(**{"Xã/Phường": "Tân Phong", "Quận/Huyện": "Tam Đường", "Giờ làm việc": ""})
    rows = [good, shifted(good, "Tên điểm thu", insert=False), shifted(good, "Địa chỉ", insert=False)]
    result = validated(tmp_path, "lai-chau", rows, WITH_HOURS[:-1])
    assert "cells-shifted" in codes_of(result, 3) and "cells-shifted" in codes_of(result, 4)
    assert {f.value for f in result.findings if f.code == "cells-shifted"} == {"Lai Châu"}


def test_rows_in_their_columns_raise_no_shift(tmp_path):
    rows = [
        lai_chau_row(),
        lai_chau_row(**{"Điện thoại cố định": "Giờ hành chính", "Giờ làm việc": "Sáng 7h-11h"}),
        lai_chau_row(**{"Tỉnh/Thành phố": "", "Quận/Huyện": "Lai Châu"}),  # the city, the province left out
        lai_chau_row(**{"Điện thoại di động": "0912 345 678 (7h-17h)", "Giờ làm việc": ""}),
        lai_chau_row(**{"Giờ làm việc": "7h30 - 17h00, gọi 0912 345 678"}),
        lai_chau_row(**{"Điện thoại di động": "chỉ nghe máy buổi sáng", "Giờ làm việc": ""}),
    ]
    for number, cells in enumerate(rows):
        cells["Tên điểm thu"] = f"Bưu cục {number}"
    result = validated(tmp_path, "lai-chau", rows, WITH_HOURS)
    assert not any(f.code == "cells-shifted" for f in result.findings)
    assert len(result.points) == len(rows)


def test_the_shifted_rows_fixture_holds_both_rows_without_a_phone():
    from conftest import SUBMISSIONS
    from conftest import validated as validated_fixture

    result = validated_fixture(SUBMISSIONS / "nhu-tinh-gui" / "dong-lech-cot-khong-so.csv")
    shifted_rows = {(f.row, f.column, f.value) for f in result.findings if f.code == "cells-shifted"}
    assert shifted_rows == {(3, "Điện thoại cố định", "Lai Châu"), (4, "Điện thoại di động", "7h30 - 17h00")}
    assert [p.code for p in result.points] == ["LCU-0001"]


# -- found while hunting: a list typed in lower case -----------------------------------------------


def test_initials_typed_in_lower_case_name_the_town_as_in_capitals(tmp_path):
    row = point("Số 383 Đường Nguyễn Chí Thanh KP1", "Trị Trấn DMC", "H.Dương Minh Châu", "Tây Ninh")
    lower = {key: value.lower() for key, value in row.items()}
    lower["Tên điểm thu"] = "Điểm khác"
    result = validated(tmp_path, "tay-ninh", [row, lower])
    assert len(result.points) == 2
    assert result.points[0].commune_code == result.points[1].commune_code
    # A word with a vowel is a syllable, not initials: "an" is not read as A… N….
    from generator.places.match import _acronym_fits

    assert not _acronym_fits("an", "Thị trấn An Nhơn")


def test_hours_written_beside_a_number_are_not_its_digits():
    from generator.phone_cells import read_cell

    for cell in ("0912 345 678 (7h-17h)", "0912345678 7h30 - 17h", "0912.345.678 (8 giờ - 17 giờ)"):
        reading = read_cell(cell, "mobile")
        assert [r.phone.display for r in reading.numbers] == ["0912 345 678"], cell
        assert not reading.unread and reading.text, cell
