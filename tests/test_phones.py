"""Phones as Vietnamese people write them (issue 14, item 3): each case with the finding it gives
AND the number published, on the small submissions in tests/fixtures/submissions/dien-thoai/,
then the area-code tables, then the real development set."""

from __future__ import annotations

import csv

import phonenumbers
import pytest
from conftest import SUBMISSIONS, validated
from phonenumbers import geocoder
from real_lists import real_rows, write_submissions

from generator.contract import PROJECT_ROOT
from generator.load import load_file
from generator.model import Point
from generator.phone_cells import read_cell
from generator.phone_codes import all_areas, area_by_name, areas_of_province, old_area_of
from generator.phone_operators import vnpt_operator
from generator.rules import RULES
from generator.signage.plan import Sign
from generator.signage.records import SIGN_COLUMNS, sign_row
from generator.text import fold, fold_compact
from generator.units import admin_units
from generator.validate import validate_file
from generator.validate.checks.phones import CODES, _as_printed, _resolve, resolve_phones

PHONES = SUBMISSIONS / "dien-thoai"
FIXED, MOBILE = "Điện thoại cố định", "Điện thoại di động"


def phone_findings(name: str) -> set[tuple[int | None, str | None, str]]:
    return {(f.row, f.column, f.code) for f in validated(PHONES / name).findings if f.code in CODES}


def published(name: str) -> list[tuple[str, str]]:
    result = validated(PHONES / name)
    assert result.points, [f.message for f in result.findings]
    return [(p.fixed_phone, p.mobile_phone) for p in result.points]


def message(name: str, row: int, code: str) -> str:
    [found] = [f for f in validated(PHONES / name).findings if f.row == row and f.code == code]
    return found.message


# --- one fixture per case: the finding and the published value ---------------------------------


def test_pre_2017_area_codes_are_converted():
    assert phone_findings("ma-vung-cu.csv") == {
        (2, FIXED, "phone-old-area-code"),
        (3, FIXED, "phone-old-area-code"),
        (4, FIXED, "phone-old-area-code"),
    }
    # 076/077 are mobile prefixes since 2018: in the fixed column of an An Giang / Kiên Giang
    # point the old fixed number is what was meant.
    assert published("ma-vung-cu.csv") == [
        ("0296 3844 160", ""),
        ("0297 3862 000", ""),
        ("0297 3862 001", "0912 037 468"),
    ]
    assert "đã hiểu là 0296 3844 160 (mã vùng cũ 076 của An Giang đổi thành 0296" in message(
        "ma-vung-cu.csv", 2, "phone-old-area-code"
    )


def test_number_formatted_cells_with_an_old_area_code():
    assert phone_findings("ma-vung-cu-mat-so-0.csv") == {
        (2, FIXED, "phone-old-area-code"),
        (3, FIXED, "phone-old-area-code"),
    }
    assert published("ma-vung-cu-mat-so-0.csv") == [("0236 3828 432", ""), ("0235 3812 503", "")]
    assert "thiếu số 0 đầu; mã vùng cũ 0511 của Đà Nẵng" in message(
        "ma-vung-cu-mat-so-0.csv", 2, "phone-old-area-code"
    )


def test_hanoi_local_and_old_area_code():
    assert phone_findings("khong-ma-vung.csv") == {
        (2, FIXED, "phone-area-code-added"),
        (3, FIXED, "phone-old-area-code"),
    }
    assert published("khong-ma-vung.csv") == [("024 3833 4489", ""), ("024 3955 9555", "")]


def test_local_number_takes_the_old_province_of_the_row():
    """Row 2 names Kiên Giang; row 3 names the 2025 province but its commune is an old Kiên Giang
    one; row 4 names nothing but its 2025 commune lies wholly in old An Giang."""
    assert phone_findings("khong-ma-vung-tinh-cu.csv") == {
        (2, FIXED, "phone-area-code-added"),
        (3, FIXED, "phone-area-code-added"),
        (4, FIXED, "phone-area-code-added"),
    }
    assert published("khong-ma-vung-tinh-cu.csv") == [
        ("0297 3844 160", ""),
        ("0297 3844 162", ""),
        ("0296 3844 161", ""),
    ]
    assert "(thêm mã vùng 0297 của Kiên Giang)" in message(
        "khong-ma-vung-tinh-cu.csv", 2, "phone-area-code-added"
    )


def test_local_number_with_nothing_deciding_the_old_province_holds_the_row():
    result = validated(PHONES / "khong-ma-vung-mo-ho.csv")
    [finding] = [f for f in result.findings if f.code in CODES]
    assert (finding.row, finding.column, finding.code) == (2, FIXED, "phone-area-code-ambiguous")
    assert finding.severity.value == "ERROR"
    assert "0220 3561 100 (Hải Dương cũ) hoặc 0225 3561 100 (Hải Phòng cũ)" in finding.message
    assert result.points == ()


def test_several_numbers_in_one_cell():
    assert phone_findings("nhieu-so-mot-o.csv") == {
        (2, FIXED, "phone-old-area-code"),
        (2, FIXED, "phone-several-numbers"),
        (3, FIXED, "phone-several-numbers"),
        (3, FIXED, "phone-mobile-in-fixed-column"),
        (4, FIXED, "phone-several-numbers"),
        (4, FIXED, "phone-mobile-in-fixed-column"),
        (5, FIXED, "phone-area-code-added"),
        (5, FIXED, "phone-several-numbers"),
    }
    assert published("nhieu-so-mot-o.csv") == [
        ("0275 3839 999", ""),  # the first of two fixed numbers
        ("0275 3822 223", "0913 123 456"),  # a mobile and a fixed: each to its column
        ("", "0913 123 457"),  # two mobiles: the first, as the mobile
        ("0275 3873 888", ""),
    ]
    assert "không công bố 0275 3822 222" in message("nhieu-so-mot-o.csv", 2, "phone-several-numbers")
    several = message("nhieu-so-mot-o.csv", 3, "phone-several-numbers")
    assert f"0275 3822 223 ở cột “{FIXED}” và 0913 123 456 ở cột “{MOBILE}”" in several


def test_number_in_the_other_column_moves_when_that_column_is_empty():
    assert phone_findings("so-sai-cot.csv") == {
        (2, FIXED, "phone-mobile-in-fixed-column"),
        (3, MOBILE, "phone-fixed-in-mobile-column"),
        (4, FIXED, "phone-mobile-in-fixed-column"),
    }
    assert published("so-sai-cot.csv") == [
        ("", "0912 037 468"),
        ("0213 3876 543", ""),
        ("0913 256 804", "0977 415 360"),  # the mobile column is taken: it stays
    ]
    assert message("so-sai-cot.csv", 2, "phone-mobile-in-fixed-column").endswith(
        f"Đã công bố ở cột “{MOBILE}”."
    )
    assert all(f.severity.value == "WARNING" for f in validated(PHONES / "so-sai-cot.csv").findings)


def test_invisible_characters_inside_a_phone_are_read_through():
    assert phone_findings("ky-tu-an.csv") == set()
    [reading] = read_cell("\u200e0213\u00a03876\u200b543", "fixed", areas_of_province("lai-chau")).numbers
    assert (reading.phone.display, reading.code, reading.notes) == ("0213 3876 543", "", ())


def test_no_phone_is_published_with_a_warning_and_flagged_on_the_sign():
    result = validated(PHONES / "khong-co-so.csv")
    assert {(f.row, f.column, f.code) for f in result.findings} == {
        (2, None, "no-phone"),
        (3, None, "no-phone"),
        (3, FIXED, "phone-text-ignored"),
    }
    assert {f.severity.value for f in result.findings} == {"WARNING"}
    assert [(p.fixed_phone, p.mobile_phone) for p in result.points] == [("", ""), ("", "")]
    sign = _sign(result.points[0])
    flag = SIGN_COLUMNS.index("Thiếu số điện thoại")
    assert sign_row(1, sign)[flag] == "Có"
    with_phone = _sign(validated(SUBMISSIONS / "hop-le.csv").points[0])
    assert sign_row(1, with_phone)[flag] == ""


def _sign(point: Point) -> Sign:
    return Sign(point, admin_units().province_by_slug(point.province_slug), True, ())


def test_unreadable_numbers_hold_the_row_and_say_what_is_off():
    assert phone_findings("khong-doc-duoc.csv") == {(2, FIXED, "phone-invalid"), (3, MOBILE, "phone-invalid")}
    # Each says what is off and what to check: the shape the number should have.
    short = message("khong-doc-duoc.csv", 2, "phone-invalid")
    assert "(thiếu một chữ số: sau mã vùng 0213 của Lai Châu cần 7 chữ số, ô ghi 6;" in short
    assert "(thừa một chữ số" in message("khong-doc-duoc.csv", 3, "phone-invalid")
    assert RULES["phone-invalid"].severity.value == "ERROR"


def test_eleven_digit_mobiles_take_their_2018_prefix():
    assert phone_findings("di-dong-11-so.csv") == {
        (2, MOBILE, "phone-old-mobile-prefix"),
        (3, MOBILE, "phone-old-mobile-prefix"),
    }
    assert published("di-dong-11-so.csv") == [("", "0826 228 666"), ("", "0386 228 666")]


def test_words_in_a_phone_cell_are_dropped_with_a_warning():
    assert phone_findings("chu-trong-o.csv") == {(2, MOBILE, "phone-text-ignored")}
    assert published("chu-trong-o.csv") == [("", "0912 037 468")]


def test_a_long_note_in_a_phone_cell_is_dropped_not_held():
    # Only numbers read from a phone cell are published: its length limit counts digits, so a note
    # longer than the limit means "no phone" (the sign is flagged), not a held row.
    assert phone_findings("ghi-chu-dai.csv") == {(2, FIXED, "phone-text-ignored"), (2, None, "no-phone")}
    assert "value-too-long" not in {f.code for f in validated(PHONES / "ghi-chu-dai.csv").findings}
    assert published("ghi-chu-dai.csv") == [("", "")]


def test_a_vnpt_or_post_office_number_from_before_2008_takes_the_3_vnpt_added():
    """VNPT put a 3 in front of each of its fixed numbers in 2008; a post office had VNPT lines
    then. Row 4's agent names no network: held, the VNPT reading only suggested."""
    assert phone_findings("so-cu-6-chu-so.csv") == {
        (2, FIXED, "phone-vnpt-2008"),
        (3, FIXED, "phone-vnpt-2008"),
        (4, FIXED, "phone-invalid"),
        (6, FIXED, "phone-vnpt-2008"),
    }
    assert RULES["phone-vnpt-2008"].severity.value == "WARNING"
    # Row 5, a number of today at a VNPT point, is published as written.
    assert published("so-cu-6-chu-so.csv") == [
        ("0232 3862 817", ""),
        ("0232 3596 011", ""),
        ("0232 3862 819", ""),
        ("0232 3836 111", ""),
    ]
    vnpt = message("so-cu-6-chu-so.csv", 2, "phone-vnpt-2008")
    assert "đã hiểu là 0232 3862 817" in vnpt and "VNPT thêm số 3" in vnpt and "thuộc VNPT" in vnpt
    post = message("so-cu-6-chu-so.csv", 3, "phone-vnpt-2008")
    assert "thiếu số 0 đầu" in post and "thuộc Bưu điện" in post
    assert "mã vùng cũ 052 của Quảng Bình" in message("so-cu-6-chu-so.csv", 6, "phone-vnpt-2008")
    other = message("so-cu-6-chu-so.csv", 4, "phone-invalid")
    assert "ví dụ số VNPT 0232 3862 818" in other
    assert "QTR-0003" not in {p.code for p in validated(PHONES / "so-cu-6-chu-so.csv").points}


def test_a_vnpt_number_of_hanoi_from_before_2008_gets_its_eighth_digit():
    assert phone_findings("so-cu-7-chu-so-ha-noi.csv") == {
        (2, FIXED, "phone-vnpt-2008"),
        (3, FIXED, "phone-vnpt-2008"),
    }
    assert published("so-cu-7-chu-so-ha-noi.csv") == [("024 3825 5555", ""), ("024 3825 5556", "")]
    assert "mã vùng cũ 04 của Hà Nội đổi thành 024" in message(
        "so-cu-7-chu-so-ha-noi.csv", 2, "phone-vnpt-2008"
    )


@pytest.mark.parametrize(
    ("name", "operator"),
    [
        ("VNPT An Giang", "VNPT"),
        ("Bưu điện tỉnh Lai Châu", "Bưu điện"),
        ("BĐ Long Xuyên", "Bưu điện"),
        ("Điểm BĐVHX Tân Hòa", "Bưu điện"),
        ("Bưu Điện Văn Hóa Xã Tân An", "Bưu điện"),
        ("VNPost Hà Nội", "Bưu điện"),
        ("Bưu cục Cầu Giấy", "Bưu điện"),
        ("Viettel An Giang", ""),
        ("Công ty BĐS Hòa Bình", ""),  # "BĐ" only as a word
    ],
)
def test_the_names_that_say_a_point_is_vnpts(name, operator):
    assert vnpt_operator(name) == operator


def test_the_vnpt_names_are_data_with_their_sources():
    with (PROJECT_ROOT / "generator/data/vnpt_2008_operators.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {"vnpt", "buu dien", "bd", "vnpost", "buu cuc", "bdvhx"} <= {row["name"] for row in rows}
    assert all(row["source"].strip() and row["label"] in {"VNPT", "Bưu điện"} for row in rows)


def test_a_vnpt_reading_is_only_what_libphonenumber_accepts():
    # A subscriber starting with 3 may be today's number with a digit lost; 0 and 1 start none.
    for raw in ("0213 3876 54", "0232.062817", "0283874025"):
        assert read_cell(raw, "fixed", (), True).numbers == ()
    [reading] = read_cell("0240.678.988", "fixed", areas_of_province("bac-ninh"), True).numbers
    assert reading.phone.display == "0204 3678 988"


# --- the reader on the shapes of the issue ------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "slug", "expected"),
    [
        ("0733 831211", "dong-thap", "0273 3831 211"),
        ("0240.3855.771", "bac-ninh", "0204 3855 771"),
        ("0643.593.777", "ho-chi-minh", "0254 3593 777"),
        ("07813821026", "ca-mau", "0291 3821 026"),
        ("6513.863999", "dong-nai", "0271 3863 999"),
        ("(0711) 3872345", "can-tho", "0293 3872 345"),
        ("(02303)823456", "dien-bien", "0215 3823 456"),
        ("0203 863116", "lao-cai", "0214 3863 116"),  # old Lào Cai 020, not today's 0203
        ("02813 876000", "thai-nguyen", "0209 3876 000"),
        ("0218 3826 968", "phu-tho", "0218 3826 968"),  # Hòa Bình kept its code
        ("08 3833 4489", "ho-chi-minh", "028 3833 4489"),
        ("1234518686", "ho-chi-minh", "0834 518 686"),
        ("+84393570004", "ha-tinh", "0393 570 004"),  # +84 is today's number, never an old one
    ],
)
def test_shapes_from_real_lists(raw, slug, expected):
    [reading] = read_cell(raw, "fixed", areas_of_province(slug)).numbers
    assert reading.phone.display == expected


def test_an_old_code_of_another_province_leaves_todays_mobile_alone():
    """0763 844 160 is a MobiFone number today; only An Giang's old 076 makes it a fixed line."""
    [reading] = read_cell("0763844160", "fixed", areas_of_province("ha-noi")).numbers
    assert (reading.phone.display, reading.phone.kind) == ("0763 844 160", "mobile")
    [in_mobile_column] = read_cell("0763844160", "mobile", areas_of_province("an-giang")).numbers
    assert in_mobile_column.phone.kind == "mobile"


def test_build_point_publishes_what_the_check_reported():
    units = admin_units()
    province = units.province_by_slug("an-giang")
    values = {
        "fixed_phone": "0763844160",
        "mobile_phone": "",
        "province": "An Giang",
        "commune": "Phường Long Xuyên",
    }
    phones = resolve_phones(values, province, units)
    [issue] = phones.issues
    assert issue.params["display"] == phones.fixed.display == "0296 3844 160"


# --- the tables ---------------------------------------------------------------------------------


def test_area_code_table_covers_the_63_old_provinces():
    areas = all_areas()
    assert len(areas) == 63
    assert len({a.new_code for a in areas}) == len({a.old_code for a in areas}) == 63
    assert sum(a.old_code != a.new_code for a in areas) == 59  # QĐ 2036/QĐ-BTTTT
    assert {a.since for a in areas} == {"", "2017-02-11", "2017-04-15", "2017-06-17"}
    with (PROJECT_ROOT / "generator/data/phone_area_codes_2017.csv").open(encoding="utf-8") as handle:
        assert all(row["source"].strip() for row in csv.DictReader(handle))


# How libphonenumber's geocoder spells three of them.
_GEOCODER_SPELLING = {"Bắc Kạn": "Bac Can", "Vĩnh Long": "Ving Long", "Hà Nội": "Hanoi"}


def test_new_codes_are_the_provinces_of_libphonenumber():
    """An independent check: libphonenumber's geocoder names the province of each new code."""
    for area in all_areas():
        number = phonenumbers.parse(area.new_code + "3" + "0" * (area.subscriber_digits - 1), "VN")
        assert phonenumbers.is_valid_number(number), area
        place = fold_compact(geocoder.description_for_number(number, "en"))
        assert fold_compact(_GEOCODER_SPELLING.get(area.old_province, area.old_province)) in place, area


def test_every_2025_province_has_the_area_codes_of_the_old_ones_it_took_in():
    units = admin_units()
    for province in units.provinces.values():
        olds = {fold(name.removeprefix("Tỉnh ").removeprefix("Thành phố ")) for name in province.legacy_names}
        names = {fold(a.old_province) for a in areas_of_province(province.slug)}
        assert len(names) == len(olds), (province.slug, names, olds)
        for name in province.legacy_names:
            area = area_by_name(name)
            assert area is not None and area.province_2025 == province.slug, name


def test_old_codes_need_their_exact_subscriber_length():
    assert old_area_of("0763844160").new_code == "0296"
    assert old_area_of("07638441600") is None
    assert old_area_of("0438334489").new_code == "024"
    assert old_area_of("02963844160") is None  # already a new number


# --- the real development set -------------------------------------------------------------------

# The phone cells of the 992 real points that no reading accepts, each off by a digit: a person
# cannot tell the number either (028 with 7 digits starting with 3, 054 with 8 …). Nothing else
# may be refused. The six-digit numbers of before 2008 on these VNPT points are read (VNPT_2008).
UNREADABLE = {
    "0283874025",
    "32413760999",
    "050003639000",
    "054 33878080",
}
VNPT_2008 = {
    "0232.515555",
    "0232.866019",
    "232.596011",
    "0232.862817",
    "0232.684800",
    "0232.837999",
    "0232.832833",
    "025.861460",
    "0240.678.988",
}


@pytest.fixture(scope="module")
def real_findings(tmp_path_factory):
    root = tmp_path_factory.mktemp("real")
    found = []
    for path in sorted(write_submissions(root).values()):
        found += validate_file(load_file(path, root)).findings
    return found


def test_real_list_phones_are_read_except_a_few_held_rows(real_findings):
    held = [f for f in real_findings if f.code in CODES and f.severity.value == "ERROR"]
    assert {f.value for f in held} == UNREADABLE
    assert len({(f.file, f.row) for f in held}) <= 0.02 * len(real_rows())
    assert all("chữ số" in f.message for f in held)  # each says which way the count is off


def test_real_list_repairs_say_what_was_understood(real_findings):
    repairs = [f for f in real_findings if f.code in CODES and f.severity.value == "WARNING"]
    codes = {f.code for f in repairs}
    assert {f.value for f in repairs if f.code == "phone-vnpt-2008"} == VNPT_2008
    assert {"phone-old-area-code", "phone-area-code-added", "phone-several-numbers"} <= codes
    for finding in repairs:
        if finding.code in {
            "phone-old-area-code",
            "phone-area-code-added",
            "phone-old-mobile-prefix",
            "phone-vnpt-2008",
        }:
            assert "đã hiểu là" in finding.message, finding.message


@pytest.mark.parametrize(
    ("fixed", "mobile"),
    [
        ("0213 3876 543", "0912 037 468"),
        ("", "+84 912 037 468"),
        ("(0213) 3876 543", ""),
        ("1900 561 234", ""),
    ],
)
def test_the_fast_path_reads_as_the_full_reading(fixed, mobile):
    """Rows of numbers written as printed skip the full reading (speed); both must agree."""
    fast = _as_printed(fixed, mobile)
    assert fast is not None
    assert fast == _resolve(fixed, mobile, areas_of_province("lai-chau"))


def test_a_six_digit_subscriber_from_before_2008_is_held_with_the_vnpt_reading_suggested():
    # Quảng Bình's list of 2018: the 2017 area code in front of a number that lost its 2008 digit.
    from generator.phone_cells import read_cell

    cell = read_cell("0232.862817", "fixed", ())
    assert cell.numbers == () and "0232 3862 817" in cell.hint and "2008" in cell.hint
    assert "0205 3861 460" in read_cell("025.861460", "fixed", ()).hint  # a pre-2017 code too
    assert "VNPT" not in read_cell("0283874025", "fixed", ()).hint  # no such area code + 6 digits
    # A number of today with its last digit lost starts with its network's digit: no suggestion.
    assert "VNPT" not in read_cell("0213 3876 54", "fixed", ()).hint
