"""The synthetic-data generator: the 2018 quantities and their 63 → 34 mapping, determinism, the
realism promises (real communes, valid phones, coordinates inside communes, private columns
filled), the manifest agreeing with the files, and the bundled sample."""

from __future__ import annotations

import codecs
import csv
import json
import math
import re
from pathlib import Path

import pytest
import yaml

from generator.phones import parse_phone
from generator.synth import (
    MANIFEST_NAME,
    OLD_PROVINCE_ALIASES,
    load_quantities,
    signs_by_province,
    write_sample_dataset,
    write_synthetic_dataset,
)
from generator.synth.dataset import HEADER, SynthError, allocate, month_range
from generator.synth.points import EXCLUDED_COMMUNES
from generator.synth.reference import old_province_key
from generator.synth.sample import SAMPLE_MONTHS, SAMPLE_SKIPPED
from generator.synth.telephone import area_codes, format_phone
from generator.units import admin_units

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "directory_data"
CODE = re.compile(r"^[A-Z]{3}-\d{4,}$")
# Schema keys of the published columns, in file order after STT and the code.
PUBLISHED = ("agent", "name", "address", "commune", "province", "fixed_phone", "mobile_phone",
             "hours", "lat", "lon")  # fmt: skip


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def published(row: dict[str, str]) -> dict[str, str]:
    return dict(zip(PUBLISHED, (row[h] for h in HEADER[2:12]), strict=True))


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("synth")
    summary = write_synthetic_dataset(out, 800, 5, seed=7, first_month="2026-05", late_share=0.25)
    return out, summary


# -- Phụ lục 3 (2018) and the 63 → 34 mapping ---------------------------------------------------


def test_all_63_old_provinces_map_to_a_2025_province():
    rows = load_quantities()
    provinces = admin_units().provinces
    assert len(rows) == 63
    assert len({r.old_name for r in rows}) == 63
    assert all(r.province_code in provinces for r in rows)
    assert sum(r.signs for r in rows) == 30_119
    assert sum(r.leaflets_bhxh for r in rows) == 23_300_000
    assert sum(r.leaflets_bhyt for r in rows) == 12_642_000
    by_name = {r.old_name: provinces[r.province_code].short_name for r in rows}
    assert by_name["Kom Tum"] == "Quảng Ngãi"
    assert by_name["TT Huế"] == "Huế"
    assert by_name["BR Vũng Tàu"] == "Hồ Chí Minh"
    assert by_name["TP HCM"] == "Hồ Chí Minh"
    assert by_name["Đăk Nông"] == "Lâm Đồng"
    assert by_name["Đăk Lăk"] == "Đắk Lắk"
    assert by_name["Hà Giang"] == "Tuyên Quang"


def test_alias_table_only_covers_what_the_admin_data_cannot_resolve():
    units = admin_units()
    for row in load_quantities():
        assert (units.province_by_name(row.old_name) is None) == (row.old_name in OLD_PROVINCE_ALIASES)


def test_every_2025_province_gets_the_signs_of_its_old_provinces():
    signs = signs_by_province()
    assert sorted(signs) == sorted(admin_units().provinces)
    assert sum(signs.values()) == 30_119
    assert signs["79"] == 507 + 159 + 216  # TP HCM + BR Vũng Tàu + Bình Dương
    assert signs["12"] == 41  # Lai Châu, not merged


def test_every_old_province_has_its_area_code():
    codes = area_codes()
    for province in admin_units().provinces.values():
        for name in province.legacy_names:
            assert old_province_key(name) in codes, name
    assert codes[old_province_key("Tỉnh Lai Châu")] == "213"
    assert codes[old_province_key("Thành phố Hà Nội")] == "24"
    assert codes[old_province_key("Thành phố Huế")] == "234"


# -- shape of the dataset -----------------------------------------------------------------------


def test_header_is_the_schema_order_with_stt_first():
    schema = json.loads((DATA / "schema" / "diem-thu.schema.json").read_text(encoding="utf-8"))
    # The old-district column is for lists written in pre-2025 units; synthetic lists are 2025.
    names = tuple(f["name"] for f in schema["fields"] if f["key"] != "district")
    assert HEADER[1:] == names
    assert HEADER[0] == "STT"


def test_allocation_follows_the_weights():
    assert allocate(12, {"a": 1, "b": 1, "c": 2}) == {"a": 3, "b": 3, "c": 6}
    assert allocate(2, {"a": 1, "b": 1, "c": 2}) == {"a": 1, "b": 0, "c": 1}  # too few for 1 each
    assert sum(allocate(30_000, signs_by_province()).values()) == 30_000
    assert month_range("2026-11", 3) == ("2026-11", "2026-12", "2027-01")


def test_files_are_excel_csv_utf8_with_stable_codes(dataset):
    out, summary = dataset
    files = sorted(out.glob("provinces/*/*.csv"))
    assert [str(f.relative_to(out)) for f in files] == sorted(summary.files())
    for path in files:
        raw = path.read_bytes()
        assert raw.startswith(codecs.BOM_UTF8)
        assert raw.count(b"\r\n") >= 1 and raw.count(b"\n") == raw.count(b"\r\n")
        rows = read_rows(path)
        assert list(rows[0]) == list(HEADER)
        assert [r["STT"] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
        codes = [r["Mã điểm thu"] for r in rows]
        assert len(set(codes)) == len(codes)
        assert all(CODE.match(c) for c in codes)
        province = summary.provinces[path.parent.name]
        assert province.rows[path.stem] == len(rows)
    dataset_yaml = yaml.safe_load((out / "dataset.yaml").read_text(encoding="utf-8"))
    assert dataset_yaml["sample"] is True


def test_same_seed_same_bytes(tmp_path: Path):
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    write_synthetic_dataset(first, 150, 3, seed=11)
    write_synthetic_dataset(second, 150, 3, seed=11)
    write_synthetic_dataset(other, 150, 3, seed=12)
    assert tree_bytes(first) == tree_bytes(second)
    assert tree_bytes(first) != tree_bytes(other)


def test_regenerating_removes_stale_month_files(tmp_path: Path):
    write_synthetic_dataset(tmp_path, 100, 3, seed=1, first_month="2026-01")
    write_synthetic_dataset(tmp_path, 100, 2, seed=1, first_month="2026-01")
    assert not list(tmp_path.glob("provinces/*/2026-03.csv"))


def test_never_overwrites_lists_not_marked_as_sample(tmp_path: Path):
    real = tmp_path / "provinces" / "lai-chau" / "2026-01.csv"
    real.parent.mkdir(parents=True)
    real.write_text("STT,Mã điểm thu\n", encoding="utf-8")
    with pytest.raises(SynthError):
        write_synthetic_dataset(tmp_path, 50, 1, seed=1)
    assert real.exists()


def test_points_per_province_follow_the_2018_sign_quantities(tmp_path: Path):
    total = 3_000
    summary = write_synthetic_dataset(tmp_path, total, 1, seed=3)
    signs = signs_by_province()
    units = admin_units()
    for slug, province in summary.provinces.items():
        code = units.province_by_slug(slug).code
        expected = total * signs[code] / sum(signs.values())
        assert abs(province.rows["2026-01"] - expected) <= 2, slug
    assert sum(p.rows["2026-01"] for p in summary.provinces.values()) == total


# -- realism ------------------------------------------------------------------------------------


def test_communes_are_real_and_coordinates_inside_them(dataset):
    out, summary = dataset
    units = admin_units()
    located = total = 0
    unused_somewhere = False
    for slug in summary.provinces:
        province = units.province_by_slug(slug)
        used = set()
        for path in sorted((out / "provinces" / slug).glob("*.csv")):
            for row in read_rows(path):
                total += 1
                match = units.match_commune(province.code, row["Xã/Phường"])
                assert match.commune is not None and match.legacy is None, row["Xã/Phường"]
                commune = match.commune
                assert commune.code not in EXCLUDED_COMMUNES
                used.add(commune.code)
                if row["Vĩ độ"]:
                    located += 1
                    lat, lon = float(row["Vĩ độ"]), float(row["Kinh độ"])
                    north = (lat - commune.lat) * 111.32
                    east = (lon - commune.lon) * 111.32 * math.cos(math.radians(commune.lat))
                    radius = max(math.sqrt(commune.area_km2 / math.pi), 0.5)
                    assert math.hypot(north, east) <= radius, row["Mã điểm thu"]
                else:
                    assert not row["Kinh độ"]
        unused_somewhere |= len(used) < len(units.communes_of(province.code))
    assert unused_somewhere
    assert 0.45 < located / total < 0.75


def test_every_phone_is_valid_and_on_the_right_area_code(dataset):
    out, summary = dataset
    units = admin_units()
    codes = area_codes()
    for slug in summary.provinces:
        province = units.province_by_slug(slug)
        areas = {codes[old_province_key(name)] for name in province.legacy_names}
        for path in sorted((out / "provinces" / slug).glob("*.csv")):
            for row in read_rows(path):
                fixed, mobile = row["Điện thoại cố định"], row["Điện thoại di động"]
                assert fixed or mobile
                if fixed:
                    phone = parse_phone(fixed)
                    assert phone is not None and phone.kind == "fixed", fixed
                    assert not phone.restored_zero
                    assert any(phone.e164.startswith(f"+84{a}") for a in areas), fixed
                if mobile:
                    phone = parse_phone(mobile)
                    assert phone is not None and phone.kind == "mobile", mobile
                    assert not phone.restored_zero


def test_grouped_phone_format_is_the_national_display():
    for number in ("0912037468", "02133876543", "02437654321", "02838123456"):
        assert format_phone(number, "grouped") == parse_phone(number).display
        assert parse_phone(format_phone(number, "dotted")).display == parse_phone(number).display


def test_private_columns_are_filled_and_not_repeated_in_public_ones(dataset):
    out, _ = dataset
    rows = [row for path in sorted(out.glob("provinces/*/*.csv")) for row in read_rows(path)]
    assert all(row["Nhân viên thu"] for row in rows)
    assert all(row["Ghi chú"] for row in rows)
    for row in rows:
        assert not any(row["Nhân viên thu"] in value for value in published(row).values())
    agents = {row["Tên đại lý thu"].split()[0] for row in rows}
    assert {"Bưu", "Viettel", "UBND", "Đại", "Hội"} <= agents | {"Chi"}


# -- the manifest -------------------------------------------------------------------------------


def test_manifest_matches_the_files(dataset):
    out, summary = dataset
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest == summary.to_dict()
    units = admin_units()
    kinds = {"added": 0, "removed": 0, "moved": 0, "changed": 0}
    for slug, province in summary.provinces.items():
        code = units.province_by_slug(slug).code
        months = list(province.rows)
        assert months[0] == summary.months[0]  # every province has a baseline
        assert set(months) | set(province.skipped) == set(summary.months)
        assert province.late == bool(province.skipped)
        files = {
            m: {r["Mã điểm thu"]: r for r in read_rows(out / "provinces" / slug / f"{m}.csv")} for m in months
        }
        assert [c.month for c in province.changes] == months[1:]
        for change in province.changes:
            before, after = files[change.previous], files[change.month]
            assert months.index(change.month) == months.index(change.previous) + 1
            assert set(change.added) == after.keys() - before.keys()
            assert set(change.removed) == before.keys() - after.keys()
            for point, (old, new) in change.moved.items():
                assert units.match_commune(code, before[point]["Xã/Phường"]).commune.code == old
                assert units.match_commune(code, after[point]["Xã/Phường"]).commune.code == new
            for point in before.keys() & after.keys():
                old, new = published(before[point]), published(after[point])
                if point in change.moved:
                    assert old["commune"] != new["commune"]
                    continue
                differing = tuple(k for k in PUBLISHED if old[k] != new[k])
                assert differing == change.changed.get(point, ()), point
            for kind in kinds:
                kinds[kind] += len(getattr(change, kind))
    assert all(kinds.values()), kinds  # every kind of change was planted somewhere
    assert any(p.late for p in summary.provinces.values())


def test_churn_rates_are_about_what_was_asked(tmp_path: Path):
    summary = write_synthetic_dataset(tmp_path, 6_000, 4, seed=5, late_share=0)
    changes = [c for p in summary.provinces.values() for c in p.changes]
    base = sum(p.rows[c.previous] for p in summary.provinces.values() for c in p.changes)
    share = {
        "added": sum(len(c.added) for c in changes) / base,
        "removed": sum(len(c.removed) for c in changes) / base,
        "moved": sum(len(c.moved) for c in changes) / base,
        "phone": sum(
            1 for c in changes for f in c.changed.values() if "phone" in " ".join(f)
        ) / base,
    }  # fmt: skip
    assert 0.009 < share["added"] < 0.022, share
    assert 0.009 < share["removed"] < 0.022, share
    assert 0.001 < share["moved"] < 0.008, share
    assert 0.012 < share["phone"] < 0.03, share


# -- the bundled sample -------------------------------------------------------------------------


def test_bundled_sample_is_what_the_generator_writes(tmp_path: Path):
    """Guards against hand edits and a stale sample: regenerate with
    `python -m generator synth --sample`."""
    write_sample_dataset(tmp_path)
    generated = tree_bytes(tmp_path)
    # The sample's months only: a list a province sends later (December) is its data, not the sample's.
    bundled = {path: data for path, data in tree_bytes(DATA).items() if path in generated}
    assert bundled == generated


def test_bundled_sample_covers_every_province_with_late_ones():
    units = admin_units()
    manifest = json.loads((DATA / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["sample"] is True
    dataset_yaml = yaml.safe_load((DATA / "dataset.yaml").read_text(encoding="utf-8"))
    assert dataset_yaml["sample"] is True
    assert dataset_yaml["description"] == "Dữ liệu mẫu, không phải danh sách thật"
    latest: dict[str, str] = {}
    for province in units.provinces.values():
        folder = DATA / "provinces" / province.slug
        months = sorted(p.stem for p in folder.glob("*.csv") if p.stem in SAMPLE_MONTHS)
        assert months and months[0] == SAMPLE_MONTHS[0], province.slug
        assert 20 <= len(read_rows(DATA / "provinces" / province.slug / f"{months[0]}.csv")) <= 40
        latest[province.slug] = months[-1]
    late = {slug for slug, month in latest.items() if month != SAMPLE_MONTHS[-1]}
    assert late == set(SAMPLE_SKIPPED)
    assert 2 <= len(late) <= 3
    assert {latest[slug] for slug in late} == {"2026-09", "2026-10"}


def test_bundled_sample_is_valid_with_only_the_planted_imperfections():
    units = admin_units()
    manifest = json.loads((DATA / MANIFEST_NAME).read_text(encoding="utf-8"))
    quirks = {(q["province"], q["code"], q["field"]): q for q in manifest["quirks"]}
    assert {q["kind"] for q in quirks.values()} == {
        "legacy_commune", "mobile_without_zero", "phone_spacing", "decimal_comma"
    }  # fmt: skip
    assert len({q["province"] for q in quirks.values()}) <= 3
    seen = set()
    for path in sorted(p for p in DATA.glob("provinces/*/*.csv") if p.stem in SAMPLE_MONTHS):
        slug = path.parent.name
        province = units.province_by_slug(slug)
        for row in read_rows(path):
            code = row["Mã điểm thu"]
            for key, header in (("mobile_phone", "Điện thoại di động"),
                                ("fixed_phone", "Điện thoại cố định")):  # fmt: skip
                if row[header]:
                    phone = parse_phone(row[header])
                    assert phone is not None, row[header]
                    planted = (slug, code, key) in quirks
                    assert phone.restored_zero == (
                        planted and quirks[slug, code, key]["kind"] == "mobile_without_zero"
                    )
                    if planted:
                        seen.add((slug, code, key))
            match = units.match_commune(province.code, row["Xã/Phường"])
            assert match.commune is not None
            if (slug, code, "commune") in quirks:
                assert match.legacy is not None and row["Xã/Phường"] == match.legacy.name
                seen.add((slug, code, "commune"))
            else:
                assert match.legacy is None
            for key, header in (("lat", "Vĩ độ"), ("lon", "Kinh độ")):
                if (slug, code, key) in quirks:
                    assert "," in row[header]
                    seen.add((slug, code, key))
                elif row[header]:
                    float(row[header])
            assert all(row[h] for h in HEADER[1:6] if h != "Tỉnh/Thành phố")
    assert seen == set(quirks)
