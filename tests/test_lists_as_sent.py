"""Lists as provinces really send them: cells people leave "empty" with a dash, and phone cells
that would once hang or crash the check. Each case was found by reshaping the real development
list the way clerks do (session 12)."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import real_lists

from generator.load import load_file
from generator.phone_cells import read_cell
from generator.validate import validate_file

# The development set's columns without its row counter and hours: a list as provinces send it.
HEADER = real_lists.HEADER[1:-1]


def row(code: str, **cells: str) -> list[str]:
    values = {
        "Mã điểm thu": code,
        "Tên đại lý thu": "Bưu điện tỉnh Lai Châu",
        "Tên điểm thu": f"Bưu cục {code}",
        "Địa chỉ": "Số 2 đường Trần Phú, Phường Tân Phong",
        "Xã/Phường": "Phường Tân Phong",
        "Quận/Huyện": "Thành phố Lai Châu",
        "Tỉnh/Thành phố": "Lai Châu",
        "Điện thoại cố định": "0213 3876 543",
        "Điện thoại di động": "",
    }
    values.update({HEADER[i]: v for i, v in ((int(k[1:]), v) for k, v in cells.items())})
    return [values[h] for h in HEADER]


def validated(tmp_path: Path, rows: list[list[str]], header: list[str] = HEADER):
    path = tmp_path / "provinces" / "lai-chau" / "2026-11.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header, *rows])
    path.write_bytes(out.getvalue().encode("utf-8-sig"))
    return validate_file(load_file(path, tmp_path))


def by_row(result) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for finding in result.findings:
        found.setdefault(finding.row, set()).add(finding.code)
    return found


COMMUNE, DISTRICT, PROVINCE, FIXED = "c4", "c5", "c6", "c7"


def test_a_commune_cell_of_punctuation_only_is_read_like_an_empty_cell_from_the_address(tmp_path):
    # "-" once raised ValueError in places/names.py (exit 3 for the whole list); "(6)", the
    # column number of a numbered header row, was matched to some commune of the district.
    cells = ["-", ".", "…", "(6)", "()", "?"]
    result = validated(tmp_path, [row(f"LCU-{i}", **{COMMUNE: c}) for i, c in enumerate(cells)])
    assert len(result.points) == len(cells)
    assert {p.commune_code for p in result.points} == {"03408"}  # Phường Tân Phong, from the address
    assert all("commune-from-address" in codes for codes in by_row(result).values() if codes)


def test_a_commune_cell_of_punctuation_without_an_address_commune_is_held_not_guessed(tmp_path):
    result = validated(tmp_path, [row("LCU-1", **{COMMUNE: "(6)", "c3": "Tổ 12"})])
    assert result.points == ()
    assert "commune-not-found" in by_row(result)[2]


def test_a_province_cell_left_with_a_dash_is_not_another_province(tmp_path):
    result = validated(tmp_path, [row("LCU-1", **{PROVINCE: "-"}), row("LCU-2", **{PROVINCE: "…"})])
    assert len(result.points) == 2
    assert not any(f.code == "province-mismatch" for f in result.findings)


def test_numbers_written_together_are_held_with_a_hint_instead_of_hanging(tmp_path):
    # 21 digits (two numbers run together) made the "one digit too many" search try every digit
    # left out, recursively: the check never ended. 100,000 digits raised RecursionError.
    glued = "845935388880593532000"
    result = validated(tmp_path, [row("LCU-1", **{FIXED: glued}), row("LCU-2", **{FIXED: "9" * 100_000})])
    assert result.points == ()
    messages = [f.message for f in result.findings if f.code == "phone-invalid"]
    assert len(messages) == 2 and all("nhiều số viết liền" in m for m in messages)


def test_a_cell_of_thousands_of_digit_groups_is_read_group_by_group():
    # Each group could start a number: joining groups is bounded by the longest number written.
    reading = read_cell("0912 345 678 " * 2000, "mobile")
    assert len(reading.numbers) == 2000 and not reading.unread
    assert reading.numbers[0].phone.display == "0912 345 678"


def test_a_phone_excel_wrote_in_scientific_notation_is_held_saying_digits_were_lost(tmp_path):
    # "9.12E+08" read as a short number and a stray letter: the row was published without phone.
    result = validated(tmp_path, [row("LCU-1", **{FIXED: "9.12E+08"}), row("LCU-2", **{FIXED: "2,13E+09"})])
    assert result.points == ()
    messages = [f.message for f in result.findings if f.code == "phone-invalid"]
    assert len(messages) == 2 and all("dạng số mũ" in m for m in messages)
    assert not any(f.code in ("phone-text-ignored", "no-phone") for f in result.findings)


def test_a_phone_in_scientific_notation_with_every_digit_is_read():
    reading = read_cell("9.12037468E+08", "mobile")
    assert [r.phone.display for r in reading.numbers] == ["0912 037 468"]
    assert reading.numbers[0].code == "phone-leading-zero-restored"


def test_headers_as_provinces_write_them_map_to_the_template_columns(tmp_path):
    # The real VNPT list heads its columns "Tên điểm giao dịch", "Xã/Phường (cũ)", "Tỉnh (cũ)",
    # "Điện thoại": every such list was held whole for "missing" columns.
    header = [
        "Mã điểm",
        "Đại lý thu",
        "Tên điểm giao dịch",
        "Địa chỉ điểm thu",
        "Xã/Phường (cũ)",
        "Huyện",
        "Tỉnh (cũ)",
        "Điện thoại",
        "Di động",
    ]
    result = validated(tmp_path, [row("LCU-1", c8="0912 037 468")], header)
    assert len(result.points) == 1
    point = result.points[0]
    read = (point.commune_code, point.fixed_phone, point.mobile_phone)
    assert read == ("03408", "0213 3876 543", "0912 037 468")
    assert not any(f.code in ("unknown-column", "missing-required-column") for f in result.findings)


def test_a_header_as_the_template_writes_it_wins_over_an_alias_of_the_same_column(tmp_path):
    # An extra "Điện thoại" (a staff number, say) beside the template's phone columns is ignored,
    # as before aliases were read, not a duplicate column that holds the file.
    header = [*HEADER, "Điện thoại"]
    result = validated(tmp_path, [[*row("LCU-1"), "0912 037 468"]], header)
    assert len(result.points) == 1 and result.points[0].mobile_phone == ""
    codes = {f.code for f in result.findings}
    assert "unknown-column" in codes and "duplicate-column" not in codes


def write_text(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "provinces" / "lai-chau" / "2026-11.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8-sig"))
    return path


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def test_a_title_above_the_header_is_passed_over_and_rows_keep_their_spreadsheet_numbers(tmp_path):
    # Excel's export of a sheet titled as official lists are: the list was held whole for
    # "missing" columns that stood on row 4.
    width = len(HEADER)
    title = [["DANH SÁCH ĐIỂM THU BHXH, BHYT", *[""] * (width - 1)], [""] * width, ["Tháng 11/2026"]]
    rows = [row("LCU-1"), row("LCU-2", **{FIXED: "0213 387"})]
    path = write_text(tmp_path, csv_text([*title, HEADER, *rows]))
    result = validate_file(load_file(path, tmp_path))
    assert result.loaded.table.header_row == 4
    assert [p.code for p in result.points] == ["LCU-1"]
    assert {(f.row, f.code) for f in result.findings if f.severity.name == "ERROR"} == {(6, "phone-invalid")}


def test_a_title_without_separators_above_a_semicolon_header_is_passed_over(tmp_path):
    text = "DANH SÁCH ĐIỂM THU\r\n" + csv_text([HEADER, row("LCU-1"), row("LCU-2")], ";")
    result = validate_file(load_file(write_text(tmp_path, text), tmp_path))
    assert result.loaded.table.delimiter == ";"
    assert [p.code for p in result.points] == ["LCU-1", "LCU-2"]


def test_a_first_row_that_names_no_template_column_is_still_the_header_when_none_below_does(tmp_path):
    # Nothing below looks like a header: the first row stays the header and its columns are
    # reported missing, as before.
    path = write_text(tmp_path, csv_text([["a", "b", "c"], ["1", "2", "3"]]))
    result = validate_file(load_file(path, tmp_path))
    assert result.loaded.table.header == ("a", "b", "c")
    assert "missing-required-column" in {f.code for f in result.findings}


def two_row_header() -> list[list[str]]:
    # "Điện thoại" merged over its two columns, the sub-headings below; other headings merged
    # down over both rows (their second cell blank).
    top = [h if not h.startswith("Điện thoại") else "" for h in HEADER]
    top[HEADER.index("Điện thoại cố định")] = "Điện thoại"
    sub = [{"Điện thoại cố định": "Cố định", "Điện thoại di động": "Di động"}.get(h, "") for h in HEADER]
    return [top, sub]


def test_sub_headings_under_a_merged_heading_are_read_into_the_header(tmp_path):
    rows = [row("LCU-1", c8="0912 037 468"), row("LCU-2")]
    result = validate_file(load_file(write_text(tmp_path, csv_text([*two_row_header(), *rows])), tmp_path))
    assert result.loaded.table.header[7:9] == ("Điện thoại Cố định", "Điện thoại Di động")
    assert [(p.code, p.mobile_phone) for p in result.points] == [("LCU-1", "0912 037 468"), ("LCU-2", "")]
    assert not {f.code for f in result.findings} & {"blank-header-with-data", "required-cell-empty"}


def test_sub_headings_in_a_workbook_are_read_into_the_header(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    for cells in [["DANH SÁCH ĐIỂM THU"], *two_row_header(), row("LCU-1", c8="0912 037 468")]:
        book.active.append([cell or None for cell in cells])
    book.active.merge_cells("A2:A3")  # "Mã điểm thu" over both header rows
    book.active.merge_cells("H2:I2")  # "Điện thoại" over its two columns
    path = tmp_path / "provinces" / "lai-chau" / "2026-11.xlsx"
    path.parent.mkdir(parents=True)
    book.save(path)
    result = validate_file(load_file(path, tmp_path))
    assert [(p.code, p.fixed_phone, p.mobile_phone) for p in result.points] == [
        ("LCU-1", "0213 3876 543", "0912 037 468")
    ]


def test_a_row_numbering_the_columns_under_the_header_is_not_a_point(tmp_path):
    numbers = [f"({i})" for i in range(1, len(HEADER) + 1)]
    result = validate_file(
        load_file(write_text(tmp_path, csv_text([HEADER, numbers, row("LCU-1")])), tmp_path)
    )
    assert [p.code for p in result.points] == ["LCU-1"]
    assert not any(f.row == 2 for f in result.findings)


def test_an_address_typed_without_capitals_names_its_commune_by_abbreviation(tmp_path):
    # "tt mỹ an": an abbreviation followed by a name counted only before a capital; a list
    # typed in lower case lost 25 of the development set's rows.
    from generator.places.address import mentions

    found = mentions("32/d nguyễn văn cừ, khóm 4, tt mỹ an, huyện tháp mười, tỉnh đồng tháp")
    assert [(m.kind, " ".join(m.words)) for m in found if m.kind] == [
        ("Thị trấn", "mỹ an"),
        ("Huyện", "tháp mười"),
        ("Tỉnh", "đồng tháp"),
    ]
    # With capitals somewhere, case still tells: "tt" before a lower-case word is not a kind.
    assert not [m for m in mentions("Khóm 4, tt mỹ an") if m.kind]


def test_a_phone_a_program_kept_as_a_decimal_is_read_without_its_point_zero():
    # "912345678.0" (pandas, a float column) was held for "a digit too many".
    assert [r.phone.display for r in read_cell("912345678.0", "mobile").numbers] == ["0912 345 678"]
    assert [r.phone.display for r in read_cell("02133876543.0", "fixed").numbers] == ["0213 3876 543"]
    # Seven digits and ".0" are a local number of seven digits, not eight digits read as a mobile.
    assert not read_cell("3876543.0", "fixed").numbers


def test_a_phone_typed_in_full_width_digits_is_read_as_its_digits():
    """An East Asian input method types full-width forms; the number is the same one."""
    mobile = read_cell("０９１２ ３４５ ６７８", "mobile").numbers
    fixed = read_cell("（０２４）３８２３　４５６７", "fixed").numbers
    assert [r.phone.display for r in mobile] == ["0912 345 678"]
    assert [r.phone.display for r in fixed] == ["024 3823 4567"]


def test_a_no_break_space_inside_a_place_name_is_a_space(tmp_path):
    # "Thị xã Gò Công" with no-break spaces (copied from Word or a web page) named no district,
    # and "Phường 2" of that district was held as ambiguous.
    from generator.places.names import DISTRICT_KINDS, split_kind

    nbsp = "\u00a0"
    written = split_kind(f"Thị{nbsp}xã{nbsp}Gò{nbsp}Công ", DISTRICT_KINDS)
    assert written == split_kind("Thị xã Gò Công", DISTRICT_KINDS)
    district = f"Thành{nbsp}phố{nbsp}Lai{nbsp}Châu"
    cells = {COMMUNE: f"Phường{nbsp}Tân{nbsp}Phong", DISTRICT: district, "c3": "Tổ 12"}
    result = validated(tmp_path, [row("LCU-1", **cells)])
    assert [p.commune_code for p in result.points] == ["03408"]


FIXTURE = Path(__file__).parent / "fixtures" / "submissions" / "nhu-tinh-gui" / "tieu-de-va-phan-ky-ten.csv"


def test_a_list_with_a_title_and_a_signature_block_is_green_with_the_block_reported(tmp_path):
    # A total, the signatures and the date below the last point were three held rows, and the
    # pull request check went red on a correct list.
    path = tmp_path / "provinces" / "lai-chau" / "2026-11.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes(FIXTURE.read_bytes())
    result = validate_file(load_file(path, tmp_path))
    assert [p.code for p in result.points] == ["LCU-0001", "LCU-0002", "LCU-0003"]
    assert not [f for f in result.findings if f.severity.name == "ERROR"]
    footer = [(f.row, f.value) for f in result.findings if f.code == "footer-row-ignored"]
    assert footer == [
        (7, "Tổng cộng: 3 điểm thu"),
        (8, "Người lập biểu | Giám đốc"),
        (9, "Lai Châu, ngày 20 tháng 11 năm 2026"),
    ]


def test_a_last_row_without_code_but_with_a_point_s_cells_is_held_not_ignored(tmp_path):
    result = validated(tmp_path, [row("LCU-1"), row("")])
    assert [p.code for p in result.points] == ["LCU-1"]
    assert "required-cell-empty" in by_row(result)[3]
    assert not any(f.code == "footer-row-ignored" for f in result.findings)


def test_a_row_whose_cells_moved_by_one_is_held_by_the_phone_in_its_district(tmp_path):
    # The agent's cell missing: the name held the address, the address the commune, the commune
    # the district, and the row was published (commune read from the "address", no phone).
    path = tmp_path / "provinces" / "lai-chau" / "2026-11.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes((FIXTURE.parent / "dong-lech-cot.csv").read_bytes())
    result = validate_file(load_file(path, tmp_path))
    assert [p.code for p in result.points] == ["LCU-0001"]
    shifted = [(f.row, f.column, f.value) for f in result.findings if f.code == "phone-in-name-column"]
    assert shifted == [(3, "Quận/Huyện", "0213 3875 111")]


def test_names_with_numbers_are_not_phones(tmp_path):
    cells = {"c2": "Bưu cục 100", COMMUNE: "Phường Tân Phong", "c1": "Đại lý 0213"}
    result = validated(tmp_path, [row("LCU-1", **cells)])
    assert len(result.points) == 1


def test_the_name_columns_screen_misses_no_phone_only_cell():
    """The screen of a column's joined values (`_may_find`) says True whenever a value of it is a
    phone number alone (`_cell_findings`), wherever the value stands in the column."""
    from generator.validate.checks.cells import _cell_findings, _may_find

    phones = ["0733 654999", "(0213) 3876.543", "+84 912 345 678", "0912-345-678", "0733\u00a0654999"]
    others = ["Bưu cục 100", "Đại lý 0213", "Số 12 đường 3/2", "0912 345", "Thôn 5, xã A 0912345678"]
    for phone in phones:
        for at in range(len(others) + 1):
            values = [*others[:at], phone, *others[at:]]
            assert any(code == "phone-in-name-column" for code, _ in _cell_findings("name", phone))
            assert _may_find("name", set(values), "\n".join(values)), (phone, at)
    assert not any(code == "phone-in-name-column" for v in others for code, _ in _cell_findings("name", v))


def test_a_cell_merged_down_a_workbook_s_column_names_every_row_it_spans(tmp_path):
    # "Bưu điện tỉnh Lai Châu" merged over its points' rows: Excel stores it in the first row only,
    # and every other row was held for an empty agent.
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for number in range(1, 5):
        sheet.append([cell or None for cell in row(f"LCU-{number}")])
    for number in range(3, 6):
        sheet.cell(number, 2).value = None
    sheet.merge_cells("B2:B5")
    path = tmp_path / "provinces" / "lai-chau" / "2026-11.xlsx"
    path.parent.mkdir(parents=True)
    book.save(path)
    result = validate_file(load_file(path, tmp_path))
    assert [(p.code, p.agent) for p in result.points] == [
        (f"LCU-{n}", "Bưu điện tỉnh Lai Châu") for n in range(1, 5)
    ]
    assert not [f for f in result.findings if f.severity.name == "ERROR"]


def test_an_agent_merged_down_a_column_and_saved_as_csv_is_read_from_the_row_above(tmp_path):
    # Saved as CSV, a merged cell keeps its text in its first row only: the other rows were held
    # for an empty agent (most of a list laid out by agent).
    path = tmp_path / "provinces" / "lai-chau" / "2026-11.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes((FIXTURE.parent / "dai-ly-o-gop.csv").read_bytes())
    result = validate_file(load_file(path, tmp_path))
    agents = [(p.code, p.agent) for p in result.points]
    lai_chau = "Bưu điện tỉnh Lai Châu"
    assert agents == [
        ("LCU-0001", lai_chau),
        ("LCU-0002", lai_chau),
        ("LCU-0003", lai_chau),
        ("LCU-0004", "Viettel Lai Châu"),
    ]
    filled = [(f.row, f.severity.name, f.value) for f in result.findings if f.code == "agent-from-row-above"]
    assert filled == [(3, "WARNING", lai_chau), (4, "WARNING", lai_chau)]


def test_a_utf8_list_with_a_byte_of_another_encoding_names_the_line(tmp_path):
    # "File không đọc được như văn bản CSV" named no line: the clerk could not find the place.
    text = csv_text([HEADER, row("LCU-1"), row("LCU-2", c2="Bưu cục Bình Lư")])
    data = codecs.BOM_UTF8 + text.encode("utf-8").replace("Bình Lư".encode(), "Bình L".encode() + b"\xfd")
    path = tmp_path / "provinces" / "lai-chau" / "2026-11.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    result = validate_file(load_file(path, tmp_path))
    assert [(f.code, f.row) for f in result.findings] == [("file-damaged-utf8", 3)]
    assert result.findings[0].value.endswith("Bưu cục Bình L")
    assert result.points == ()


def test_binary_data_is_still_not_text(tmp_path):
    path = tmp_path / "provinces" / "lai-chau" / "2026-11.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes(bytes(range(128, 256)) * 50)
    assert [f.code for f in validate_file(load_file(path, tmp_path)).findings] == ["file-not-text"]
