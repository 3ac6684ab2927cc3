"""Reading a row's place as a person would: pre-2025 provinces and communes, old districts from
their column or the address, numbered wards, former names, split communes, communes read from
the address; and never a guess between two places.

Fixtures are in tests/fixtures/submissions/ (their findings are in test_validate.EXPECTED); here,
what is published for each row, and the resolver on cases the fixtures do not cover."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import SUBMISSIONS, validated
from real_lists import province_submissions, write_submissions

from generator.findings import Severity
from generator.load import load_file
from generator.places import hints as hints_module
from generator.places.names import not_a_commune_name, toned_key
from generator.places.resolve import PlaceResolver
from generator.units import admin_units
from generator.validate import validate_file
from generator.validate.mapping import map_columns
from generator.validate.records import build_point

UNITS = admin_units()


def resolve(slug: str, **values: str):
    return UNITS.resolve_place(UNITS.province_by_slug(slug).code, values)


def published(name: str) -> dict[str, tuple[str, str]]:
    """Mã điểm thu → (commune code, commune name) of every row not held by an ERROR. Built
    through the validator's own builder, whether the file's other rows were held or not."""
    result = validated(SUBMISSIONS / name)
    if result.points:
        return {p.code: (p.commune_code, p.commune_name) for p in result.points}
    held = {f.row for f in result.findings if f.severity is Severity.ERROR}
    table, _ = map_columns(result.loaded.table, result.loaded.file)
    province = UNITS.province_by_slug(result.loaded.province_slug)
    points = [
        build_point(row.values, province, "2026-11", UNITS) for row in table.rows if row.row not in held
    ]
    return {p.code: (p.commune_code, p.commune_name) for p in points}


def messages(name: str, row: int) -> str:
    return " ".join(f.message for f in validated(SUBMISSIONS / name).findings if f.row == row)


# --- the province cell ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "slug", "old_only"),
    [
        ("Thừa Thiên Huế", "hue", True),
        ("Thừa Thiên - Huế", "hue", True),
        ("Bà Rịa Vũng Tàu", "ho-chi-minh", True),
        ("Bà Rịa-Vũng Tàu", "ho-chi-minh", True),
        ("Hồ Chí Minh (TP)", "ho-chi-minh", False),
        ("Tp. Hồ Chí Minh", "ho-chi-minh", False),
        ("TP HCM", "ho-chi-minh", False),
        ("Đắk Lăk", "dak-lak", False),
        ("Đăk Lăk", "dak-lak", False),
        ("Nghệ AN", "nghe-an", False),
        ("HÒA BÌNH", "phu-tho", True),
        ("Khánh Hoà", "khanh-hoa", False),
        ("Khánh Hòa", "khanh-hoa", False),
        ("Hải Phòng (TP)", "hai-phong", False),
        ("Tỉnh Bắc Giang", "bac-ninh", True),
    ],
)
def test_every_spelling_of_a_province_is_read(written, slug, old_only):
    cell = UNITS.resolver.province_cell(written)
    assert cell.new_code == UNITS.province_by_slug(slug).code
    assert cell.old_only is old_only


def test_old_province_in_its_new_province_is_information_another_province_an_error():
    found = {
        (f.row, f.code, f.severity) for f in validated(SUBMISSIONS / "tinh-cu-trong-tinh-moi.csv").findings
    }
    assert found == {
        (5, "province-legacy-name", Severity.INFO),
        (6, "province-legacy-name", Severity.INFO),
        (7, "province-mismatch", Severity.ERROR),
    }
    assert "Tỉnh Bình Dương" in messages("tinh-cu-trong-tinh-moi.csv", 6)
    assert published("tinh-cu-trong-tinh-moi.csv")["HCM-0005"] == ("25747", "Phường Thủ Dầu Một")
    assert "HCM-0006" not in published("tinh-cu-trong-tinh-moi.csv")


@pytest.mark.parametrize(
    ("old", "new"), [("Hoà", "Hòa"), ("Thuỳ", "Thùy"), ("Khoá", "Khóa"), ("Đăk Long", "Đăklong")]
)
def test_tone_mark_placement_and_spacing_compare_equal(old, new):
    assert toned_key(old) == toned_key(new)


def test_different_tones_stay_different_names():
    assert toned_key("Cẩm Giàng") != toned_key("Cẩm Giang")


def test_old_tone_placement_finds_the_same_commune():
    assert (
        resolve("da-nang", commune="Phường Hoà Khánh Bắc").commune
        == resolve("da-nang", commune="Phường Hòa Khánh Bắc").commune
    )


# --- old communes and their districts ---------------------------------------------------------------


def test_numbered_wards_are_read_with_their_district_from_the_column_or_the_address():
    assert published("phuong-danh-so-theo-quan.csv") == {
        "HCM-0001": ("27154", "Phường Bàn Cờ"),  # Phường 3, column Quận 3
        "HCM-0002": ("27190", "Phường Vườn Lài"),  # P.3, Q.10 in the address: merged into Phường 2 in 2023
        "HCM-0003": ("27169", "Phường Diên Hồng"),  # "8", column Quận 10
        "HCM-0005": ("27343", "Phường Chợ Lớn"),  # Phường 14, "P.14 Q.5" in the address
        "HCM-0006": ("27154", "Phường Bàn Cờ"),  # "Phường 1, Quận 3, TP HCM" in the cell
    }
    # The cell's district and the column's disagree: held, naming both.
    held = messages("phuong-danh-so-theo-quan.csv", 8)
    assert "Phường 1, Quận 3" in held and "cột Quận/Huyện ghi “Quận 10”" in held
    assert "Phường 3, Quận 3" in messages("phuong-danh-so-theo-quan.csv", 2)


def test_a_name_that_fits_two_old_communes_is_held_and_both_are_named():
    text = messages("phuong-danh-so-theo-quan.csv", 5)
    assert "Quận 3" in text and "Quận 11" in text and "Phường Bàn Cờ" in text and "Phường Bình Thới" in text


def test_a_bare_thi_tran_is_the_districts_only_town_and_an_empty_cell_is_read_from_the_address():
    assert published("thi-tran-va-dia-chi.csv") == {
        "CMU-0001": ("32191", "Xã Năm Căn"),  # "Thị Trấn", column Năm Căn
        "CMU-0002": ("32191", "Xã Năm Căn"),  # "TT Năm Căn"
        "CMU-0003": ("32191", "Xã Năm Căn"),  # empty cell, "TT Năm Căn" in the address
        "CMU-0005": ("31972", "Xã Gành Hào"),  # old province Bạc Liêu
    }
    assert "lấy từ địa chỉ" in messages("thi-tran-va-dia-chi.csv", 4)
    assert "Xã Đất Mới" in messages("thi-tran-va-dia-chi.csv", 2)  # the split is said


def test_a_cell_that_names_no_commune_is_read_from_the_address_and_said_so():
    assert published("o-xa-khong-phai-ten-xa.csv") == {
        "TNH-0001": ("25552", "Xã Dương Minh Châu"),  # "Trị Trấn DMC", H.Dương Minh Châu
        "TNH-0002": ("25666", "Xã Truông Mít"),  # "Thị xã"; address "Ấp 2, Xã Truông Mít"
        "TNH-0004": ("25552", "Xã Dương Minh Châu"),  # "F"; address "Số 5, Thị trấn Dương Minh Châu"
    }
    assert "“Thị xã” không phải tên một xã/phường" in messages("o-xa-khong-phai-ten-xa.csv", 3)
    assert "Thị trấn Dương Minh Châu" in messages("o-xa-khong-phai-ten-xa.csv", 2)
    held = messages("o-xa-khong-phai-ten-xa.csv", 4)
    assert "không ghi tên một xã/phường" in held and "Đang khảo sát" in held


def test_a_row_whose_district_is_another_provinces_is_held_saying_where_that_district_is():
    found = resolve("can-tho", commune="TTr. Bến Quan", district="Vĩnh Linh", province="Sóc Trăng")
    assert found.commune is None and found.elsewhere == "Tỉnh Quảng Trị"
    assert "“Vĩnh Linh” ghi trên dòng không thuộc tỉnh này mà thuộc Tỉnh Quảng Trị" in messages(
        "o-xa-khong-phai-ten-xa.csv", 6
    )
    # A known commune whose district is another province's: the message says to move the row.
    moved = resolve("can-tho", commune="Vĩnh Tân", district="Vĩnh Linh", province="Sóc Trăng")
    assert moved.commune is None and moved.conflict and moved.elsewhere == "Tỉnh Quảng Trị"
    # A district the province has is not "elsewhere", even if other provinces have one too.
    assert not resolve("vinh-long", commune="Xã Không Có", district="Châu Thành").elsewhere


def test_an_empty_cell_whose_address_names_no_commune_is_held():
    result = validated(SUBMISSIONS / "thi-tran-va-dia-chi.csv")
    [finding] = [f for f in result.findings if f.row == 5]
    assert (finding.code, finding.severity) == ("required-cell-empty", Severity.ERROR)


def test_the_old_meaning_wins_when_the_row_is_written_in_old_units():
    assert published("xa-cu-trung-ten-xa-moi.csv") == {
        "DBN-0001": ("03127", "Phường Điện Biên Phủ"),  # old district in its column
        "DBN-0002": ("03127", "Phường Điện Biên Phủ"),  # old district in the address
        "DBN-0003": ("03334", "Phường Mường Thanh"),  # nothing old on the row: the 2025 name
    }
    assert "không hiểu là Phường Mường Thanh" in messages("xa-cu-trung-ten-xa-moi.csv", 2)


def test_an_old_province_on_the_row_is_enough_for_the_old_meaning_to_win():
    # Xã Thanh Sơn of old Hòa Bình (Lương Sơn) is now in Xã Cao Dương; today's Xã Thanh Sơn is
    # another place of old Phú Thọ.
    old = resolve("phu-tho", commune="Xã Thanh Sơn", province="Hòa Bình")
    assert (old.commune.code, old.shadowed.code) == ("05047", "08542")
    assert resolve("phu-tho", commune="Xã Thanh Sơn", province="Phú Thọ").commune.code == "08542"
    assert resolve("phu-tho", commune="Xã Thanh Sơn").commune.code == "08542"


def test_names_from_before_the_2019_2024_mergers_come_from_the_package():
    assert published("xa-doi-ten-truoc-2024.csv") == {
        "BNH-0001": ("07288", "Xã Yên Thế"),  # Thị trấn Cầu Gồ → Phồn Xương (2020)
        "BNH-0002": ("09187", "Phường Kinh Bắc"),  # Phường Tiền An → Tiền Ninh Vệ
    }
    assert "Thị trấn Phồn Xương" in messages("xa-doi-ten-truoc-2024.csv", 2)


def test_a_split_commune_goes_where_the_address_or_coordinates_say_else_to_the_default():
    assert published("xa-cu-chia-nhieu-xa.csv") == {
        "HNI-0001": ("00082", "Phường Cửa Nam"),  # default; "Quận Hoàn Kiếm" is the old district
        "HNI-0002": ("00070", "Phường Hoàn Kiếm"),  # "Phường Hoàn Kiếm" in the address
        "HNI-0003": ("00070", "Phường Hoàn Kiếm"),  # coordinates
    }
    assert "Phường Hoàn Kiếm" in messages("xa-cu-chia-nhieu-xa.csv", 2)


def test_a_cell_contradicted_by_its_district_and_address_is_held():
    result = validated(SUBMISSIONS / "xa-mau-thuan-quan-huyen.csv")
    [conflict] = [f for f in result.findings if f.row == 2]
    assert conflict.severity is Severity.ERROR and "Xã Hòa Phước" in conflict.message
    assert "ghi tên xã/phường mới (từ 01/7/2025) của đúng nơi" in conflict.message  # what to do
    assert published("xa-mau-thuan-quan-huyen.csv") == {"DNG-0002": ("20285", "Phường Ngũ Hành Sơn")}


def test_spacing_and_case_do_not_matter_and_the_district_decides_an_old_homonym():
    assert published("xa-viet-sai-khoang-trang.csv") == {
        "QNI-0001": ("23368", "Xã Đăk Long"),
        "QNI-0002": ("23368", "Xã Đăk Long"),
        # Kon Plông's Đăk Long became Thị trấn Măng Đen in 2020, not today's Xã Đăk Long.
        "QNI-0003": ("23473", "Xã Măng Đen"),
    }


@pytest.mark.parametrize(
    ("slug", "values", "code"),
    [
        ("an-giang", {"commune": "Mỹ Phước", "address": "Số 9 Trần Hưng Đạo, Thành Phố Long Xuyên"}, "30307"),
        ("an-giang", {"commune": "Xã An Hòa", "address": "Ấp 1, H. Châu Thành, An Giang"}, "30607"),
        ("an-giang", {"commune": "Phuong My Phuoc", "district": "TP Long Xuyen"}, "30307"),
        ("ho-chi-minh", {"commune": "Phường 15", "address": "249 Lý Thường Kiệt, Q.10"}, "27163"),
        ("lao-cai", {"commune": "Tân An", "address": "Tổ 1, TX Nghĩa Lộ"}, "04288"),
        ("dong-thap", {"commune": "Mỹ Hội", "address": "Ấp 2, huyện Cao Lãnh"}, "30076"),
        ("dong-thap", {"commune": "Phường 1", "address": "54A Lý Thường Kiệt, TP Cao Lãnh"}, "29869"),
        ("dong-thap", {"commune": "", "address": "90 Hùng Vương - Khóm 4 - Phướng 1 - Tp Sa Đéc"}, "29905"),
        ("bac-ninh", {"commune": "", "address": "Số 1 Ngô Gia Tự, Phường Tiền An, TP Bắc Ninh"}, "09187"),
        ("quang-ngai", {"commune": "Xã An Vĩnh", "district": "Lý Sơn"}, "21548"),  # island district
        ("lai-chau", {"commune": "Thị trấn N Nhùn (Nghèo 6.3%)", "district": "Nậm Nhùn"}, "03434"),
    ],
)
def test_the_district_in_the_address_or_column_decides(slug, values, code):
    found = resolve(slug, **values)
    assert found.commune is not None and found.commune.code == code


@pytest.mark.parametrize(
    ("slug", "values"),
    [
        ("an-giang", {"commune": "Mỹ Phước", "address": "Số 9 Trần Hưng Đạo"}),
        ("ho-chi-minh", {"commune": "Phường 3"}),
        ("vinh-long", {"commune": "Thị Trấn", "district": "Châu Thành", "province": "Bến Tre"}),
    ],
)
def test_nothing_on_the_row_decides_so_no_commune_is_guessed(slug, values):
    found = resolve(slug, **values)
    assert found.commune is None and len(found.candidates) >= 2


def test_an_address_naming_a_commune_outside_the_rows_district_gives_nothing():
    # Thị trấn Chi Nê was in Lạc Thủy, not Kỳ Sơn: the empty cell is not filled by a guess.
    assert resolve("phu-tho", commune="", district="Kỳ Sơn", address="Thị TrấnChi Nê").commune is None
    assert resolve("phu-tho", commune="", district="Lạc Thủy", address="Thị TrấnChi Nê").commune is not None


def test_a_district_of_another_province_is_named_and_the_row_held():
    found = resolve("can-tho", commune="Vĩnh Tân", district="Vĩnh Linh")
    assert found.commune is None and "Tỉnh Quảng Trị" in found.conflict


def test_a_name_not_found_suggests_the_closest_2025_names():
    found = resolve("lam-dong", commune="Xã Quảng Khuê")
    assert "Xã Quảng Khê" in found.suggestions


def test_a_ward_that_never_was_in_a_known_district_suggests_that_districts_2025_communes():
    # Phú Nhuận had no Phường 16; the Phường 16 of Quận 8, 11, Gò Vấp … are not candidates.
    found = resolve("ho-chi-minh", commune="Phường 16", district="Phú Nhuận")
    assert found.commune is None and not found.candidates
    assert "Phường Phú Nhuận" in found.suggestions and "Phường Hòa Hưng" not in found.suggestions


def test_an_old_commune_whose_kind_the_data_gets_wrong_is_read_by_its_name():
    # The package lists Phường 15, Quận Phú Nhuận with kind "Xã"; the name says Phường.
    found = resolve(
        "ho-chi-minh", commune="Phường 15", district="Phú Nhuận", address="249 Phan Đình Phùng P.15"
    )
    assert found.legacy.name == "Phường 15" and found.legacy.district == "Quận Phú Nhuận"
    assert found.commune.name == "Phường Phú Nhuận"
    assert [c.name for c in found.others] == ["Phường Cầu Kiệu"]  # split: named in the WARNING


def test_a_commune_name_cut_at_a_hamlet_word_is_read_whole_from_the_address():
    # "Bản" usually opens a hamlet ("Bản Mường"), but here it ends the name Vụ Bản.
    found = resolve("phu-tho", commune="", district="Lạc Sơn", province="Hòa Bình", address="Thị Trấn Vụ Bản")
    assert found.commune.name == "Xã Lạc Sơn" and found.legacy.name == "Thị trấn Vụ Bản"
    assert found.from_address == "Thị trấn Vụ Bản"
    found = resolve("an-giang", commune="", address="Số 5, Thị trấn Chợ Mới, Huyện Chợ Mới")
    assert found.legacy.name == "Thị trấn Chợ Mới" and found.legacy.district == "Huyện Chợ Mới"


def test_a_mistyped_kind_and_a_name_written_as_its_initials_inside_the_district():
    found = resolve("tay-ninh", commune="Trị Trấn DMC", district="H.Dương Minh Châu", province="Tây Ninh")
    assert found.legacy.name == "Thị trấn Dương Minh Châu" and found.commune.name == "Xã Dương Minh Châu"
    # Without the district, initials are not trusted.
    assert resolve("tay-ninh", commune="Trị Trấn DMC", province="Tây Ninh").commune is None


def test_a_name_written_without_its_first_word_inside_the_district():
    found = resolve("thai-nguyen", commune="Phường Chí Kiên", district="TP Bắc Kạn", province="Bắc Kạn")
    assert found.legacy.name == "Phường Phùng Chí Kiên" and found.commune.name == "Phường Bắc Kạn"
    # One word is too little to stand for a name.
    assert (
        resolve("thai-nguyen", commune="Phường Kiên", district="TP Bắc Kạn", province="Bắc Kạn").commune
        is None
    )


@pytest.mark.parametrize("cell", ["Thị xã", "Thị Xã", "TX", "Đang khảo sát", "Trung tâm Huyện", "F"])
def test_a_cell_that_is_not_a_commune_name_is_read_like_an_empty_one(cell):
    found = resolve("tay-ninh", commune=cell, district="Dương Minh Châu", address="Thị trấn Dương Minh Châu")
    assert found.unnamed and found.commune.name == "Xã Dương Minh Châu"
    assert found.from_address == "Thị trấn Dương Minh Châu"
    found = resolve("tay-ninh", commune=cell, district="Dương Minh Châu", address="Số 383 Nguyễn Chí Thanh")
    assert found.unnamed and found.commune is None


@pytest.mark.parametrize("cell", ["Phường I", "Phường Trung Tâm", "Thị trấn", "Tân Lập"])
def test_names_that_look_like_placeholders_are_still_names(cell):
    assert not not_a_commune_name(cell)


def test_the_old_province_a_row_was_understood_in_is_exposed():
    assert (
        resolve("bac-ninh", commune="Thị trấn Cầu Gồ", province="Bắc Giang").old_province == "Tỉnh Bắc Giang"
    )
    assert UNITS.match_commune(
        UNITS.province_by_slug("bac-ninh").code, "Thị trấn Vôi"
    ).legacy.old_province == ("Tỉnh Bắc Giang")


# --- the district column ---------------------------------------------------------------------------


@pytest.mark.parametrize("header", ["Quận/Huyện", "Quận/Huyện (cũ)", "Huyện", "QUAN/HUYEN"])
def test_the_old_district_column_is_read_and_never_published(tmp_path, header):
    path = tmp_path / "danh-sach.csv"
    path.write_text(
        f"Mã điểm thu,Tên đại lý thu,Tên điểm thu,Địa chỉ,Xã/Phường,{header},Điện thoại di động\n"
        "HCM-0001,Bưu điện,Điểm thu,121 Pasteur,Phường 3,Quận 3,0912 037 468\n",
        encoding="utf-8",
    )
    result = validated(path, "ho-chi-minh")
    assert not [f for f in result.findings if f.code == "unknown-column"]
    point = build_point(
        map_columns(result.loaded.table, result.loaded.file)[0].rows[0].values,
        UNITS.province_by_slug("ho-chi-minh"),
        "2026-11",
        UNITS,
    )
    assert point.commune_code == "27154"  # the column decided which Phường 3
    assert "Quận 3" not in " ".join(str(v) for v in point.as_dict().values())


# --- speed: the address is read only when the cells are not enough, and once per input ---------------


def test_rows_whose_cells_suffice_never_read_the_address(monkeypatch):
    def boom(address):
        raise AssertionError(f"address read: {address}")

    monkeypatch.setattr(hints_module, "mentions", boom)
    resolver = PlaceResolver(UNITS)
    code = UNITS.province_by_slug("lai-chau").code
    for commune in ("Xã Bình Lư", "Phường Tân Phong", "Thị trấn Tam Đường"):
        assert resolver.resolve(code, {"commune": commune, "address": f"Số {commune}"}).commune is not None


def test_the_same_input_is_resolved_once():
    resolver = PlaceResolver(UNITS)
    code = UNITS.province_by_slug("ho-chi-minh").code
    values = {"commune": "Phường 3", "district": "Quận 3", "address": "121 Pasteur"}
    assert resolver.resolve(code, values) is resolver.resolve(code, dict(values, address="99 Pasteur"))


# --- the real development set ------------------------------------------------------------------------

KEYS = ("stt", "code", "agent", "name", "address", "commune", "district", "province", "fixed_phone")


def real_rows() -> dict[str, dict[str, str]]:
    rows = {}
    for slug, text in province_submissions().items():
        for number, cells in enumerate(list(csv.reader(io.StringIO(text)))[1:], start=2):
            rows[f"{slug}:{number}"] = dict(zip(KEYS, cells, strict=False))
    return rows


def test_the_development_set_has_a_commune_for_at_least_95_percent_of_rows():
    rows = real_rows()
    resolved = sum(
        1 for key, values in rows.items() if resolve(key.split(":")[0], **values).commune is not None
    )
    assert len(rows) == 992
    assert resolved / len(rows) >= 0.95, resolved  # 948 of 992 when this was written


def test_the_development_set_publishes_at_least_948_of_its_992_rows(tmp_path):
    # 931 before cells that name no commune, names cut at a hamlet word, initials, names without
    # their first word and numbered wards the data mislabels were read; 935 before an old district
    # that went whole into one commune (Ngũ Hành Sơn ×2), a village before its commune ("Nhân Hòa
    # – Quảng Hòa") and a note in a phone cell. Of the 53 still held, 13 are held for a phone that
    # cannot be read without guessing (six digits of before 2008, a digit lost or doubled); 29 name
    # no commune and their old district, if any, is now split (street only, "Đang khảo sát", "Thị
    # xã"); 5 are Quảng Trị rows sent as Sóc Trăng; 6 name two places, a name neither the data nor
    # the row's district knows (La Phù, Formusa), or nothing at all. Issue 14 asks for 943. 948
    # since VNPT's 2008 digit completes the six-digit numbers of VNPT points (9 of those 13 rows).
    published = total = 0
    for path in write_submissions(tmp_path).values():
        result = validate_file(load_file(path, tmp_path))
        total += len(result.loaded.table.records)
        published += len(result.points)
    assert total == 992
    assert published >= 948, published


# Checked by hand against the address and the old district of each row: (old commune, old
# district) understood, and the 2025 commune published.
HAND_CHECKED = {
    "ho-chi-minh:44": ("Phường 14", "Quận 5", "27343"),  # "1 Châu Văn Liêm P.14 Q.5"
    "ho-chi-minh:41": ("Phường Võ Thị Sáu", "Quận 3", "27139"),  # "121 Pasteur P.6 Q.3"; P.6 merged 2020
    "an-giang:4": ("Phường Châu Phú A", "Thành phố Châu Đốc", "30316"),
    "vinh-long:42": ("Xã Hựu Thành", "Huyện Trà Ôn", "29845"),
    "ninh-binh:5": ("Phường Quang Trung", "Thành phố Phủ Lý", "13366"),
    "hue:5": ("Thị trấn Khe Tre", "Huyện Phú Lộc", "20161"),  # Nam Đông joined Phú Lộc in 2025
    "bac-ninh:5": ("Phường Bích Động", "Thị Xã Việt Yên", "07777"),
    "da-nang:29": ("Thị trấn Hương An", "Huyện Quế Sơn", "20650"),
    "an-giang:14": ("Phường Vĩnh Quang", "Thành phố Rạch Giá", "30742"),
    "ha-noi:13": ("Phường Nguyễn Du", "Quận Hai Bà Trưng", "00256"),  # Bùi Thị Xuân merged into Nguyễn Du
    "an-giang:29": ("Phường Dương Đông", "Thành phố Phú Quốc", "31078"),
    "thai-nguyen:7": ("Thị trấn Vân Tùng", "Huyện Ngân Sơn", "01954"),
    "ninh-binh:8": ("Phường Đồng Văn", "Thị xã Duy Tiên", "13348"),
    "bac-ninh:3": ("Phường Trần Phú", "Thành phố Bắc Giang", "07210"),
    "bac-ninh:22": ("Phường Tiền Ninh Vệ", "Thành phố Bắc Ninh", "09187"),  # "Phường Tiền An"
    "an-giang:20": ("Xã Thạnh Đông A", "Huyện Tân Hiệp", "30874"),
    "bac-ninh:20": ("Phường Hồ", "Thị xã Thuận Thành", "09400"),
    "phu-tho:8": ("Thị trấn Lương Sơn", "Huyện Lương Sơn", "04924"),  # empty cell, "Thị Trần Lương sơn"
    "lao-cai:29": ("Xã Tân Thịnh", "Huyện Văn Chấn", "04699"),  # "… - Văn Chấn - Yên Bái"
    "dien-bien:3": ("Phường Mường Thanh", "Thành phố Điện Biên Phủ", "03127"),  # the example
    "dong-thap:2": ("Phường 1", "Thành phố Cao Lãnh", "29869"),  # "54A Lý Thường Kiệt, P1, TP Cao Lãnh"
    "quang-ngai:7": ("Thị trấn Măng Đen", "Huyện Kon Plông", "23473"),  # "Xã Đăklong-Huyện KonPlông"
    # P.15 of Phú Nhuận, listed with kind "Xã" in the package; split, official default Phú Nhuận.
    "ho-chi-minh:59": ("Phường 15", "Quận Phú Nhuận", "27073"),
    "phu-tho:20": ("Thị trấn Vụ Bản", "Huyện Lạc Sơn", "05266"),  # empty cell, "Thị Trấn Vụ Bản"
    "tay-ninh:6": ("Thị trấn Dương Minh Châu", "Huyện Dương Minh Châu", "25552"),  # "Trị Trấn DMC"
    "thai-nguyen:9": ("Phường Phùng Chí Kiên", "Thành Phố Bắc Kạn", "01843"),  # "Phường Chí Kiên"
}


@pytest.mark.parametrize("key", sorted(HAND_CHECKED))
def test_hand_checked_rows_land_in_the_right_district_and_commune(key):
    values = real_rows()[key]
    found = resolve(key.split(":")[0], **values)
    legacy_name, district, code = HAND_CHECKED[key]
    assert (found.legacy.name, found.legacy.district) == (legacy_name, district)
    assert found.commune.code == code


# --- rows that name no commune, and cells that name several ----------------------------------------


def test_an_old_district_that_went_whole_into_one_commune_decides_a_row_naming_no_commune():
    # Quận Ngũ Hành Sơn is all of Phường Ngũ Hành Sơn: an empty cell or "Đang khảo sát" is no guess.
    assert published("xa-trong-doc-quan-cu.csv") == {
        "DNG-0001": ("20285", "Phường Ngũ Hành Sơn"),
        "DNG-0002": ("20285", "Phường Ngũ Hành Sơn"),
    }
    result = validated(SUBMISSIONS / "xa-trong-doc-quan-cu.csv")
    decided = [(f.row, f.code, f.severity) for f in result.findings if f.code == "commune-from-district"]
    assert decided == [
        (2, "commune-from-district", Severity.WARNING),
        (3, "commune-from-district", Severity.WARNING),
    ]
    assert "Quận Ngũ Hành Sơn" in messages("xa-trong-doc-quan-cu.csv", 2)
    assert "“Đang khảo sát” không phải tên một xã/phường" in messages("xa-trong-doc-quan-cu.csv", 3)


def test_a_row_naming_no_commune_in_a_district_now_split_is_held_listing_the_districts_communes():
    held = messages("xa-trong-doc-quan-cu.csv", 4)  # Quận Hải Châu → Hải Châu, Hòa Cường
    assert "Phường Hải Châu" in held and "Phường Hòa Cường" in held and "Quận Hải Châu" in held
    # The district read from the address ("Lô đất Hòa Vang") lists its communes too.
    assert "Huyện Hòa Vang" in messages("xa-trong-doc-quan-cu.csv", 5)


def test_an_address_commune_outside_the_rows_district_is_named_in_the_held_message():
    found = resolve("phu-tho", commune="", district="Kim Bôi", province="Hòa Bình", address="Xã Cao Thắng")
    assert found.commune is None
    assert (
        "Xã Cao Thắng" in found.conflict
        and "Huyện Lương Sơn" in found.conflict
        and "Kim Bôi" in found.conflict
    )


def test_a_cell_naming_a_village_then_its_commune_is_read_as_the_commune():
    assert published("xa-ghi-nhieu-ten.csv") == {
        "QTR-0001": ("19033", "Xã Hòa Trạch"),  # "Di Luân – Quảng Tùng": a village, then its commune
        "QTR-0002": ("19033", "Xã Hòa Trạch"),  # "Quảng Châu, Quảng Tùng": two old communes, one new
    }
    first = messages("xa-ghi-nhieu-ten.csv", 2)
    assert "đã đọc “Quảng Tùng”" in first and "“Di Luân” không phải tên xã/phường" in first


def test_a_cell_naming_communes_now_in_different_places_is_held_naming_each():
    result = validated(SUBMISSIONS / "xa-ghi-nhieu-ten.csv")
    held = {f.row: f for f in result.findings if f.severity is Severity.ERROR}
    assert held[4].code == "commune-ambiguous"
    assert "Xã Phú Trạch" in held[4].message and "Xã Hòa Trạch" in held[4].message
    # A commune followed by an unknown name is not the usual order: held, saying what was read.
    assert held[5].code == "commune-not-found" and "Xã Hòa Trạch (theo “Quảng Tùng”)" in held[5].message


def test_a_district_followed_by_its_province_without_a_separator_is_still_the_district():
    # "TP Yên Bái Yên Bái": the held row can list what took Thành phố Yên Bái.
    address = "15 Đinh Tiên Hoàng TP Yên Bái Yên Bái"
    found = resolve("lao-cai", commune="", province="Yên Bái", address=address)
    assert found.commune is None and found.district == "Thành phố Yên Bái, Tỉnh Yên Bái"
    assert "Phường Yên Bái" in found.suggestions and "Phường Âu Lâu" in found.suggestions


def test_a_cell_ending_with_its_district_and_province_is_read_as_its_commune():
    cell = "Hòa Phước, Hòa Vang, Đà Nẵng"
    found = resolve("da-nang", commune=cell, district="Hòa Vang", province="Đà Nẵng")
    alone = resolve("da-nang", commune="Hòa Phước", district="Hòa Vang", province="Đà Nẵng")
    assert found.commune == alone.commune and found.commune is not None and found.part == "Hòa Phước"
    # Only the district and its province: no commune, held with the district's 2025 communes.
    held = resolve("da-nang", commune="Hòa Vang - Đà Nẵng", district="Hòa Vang", province="Đà Nẵng")
    assert held.commune is None and "Xã Hòa Tiến" in held.suggestions
