"""The search's place table (tim-kiem/noi.json) and the finder's country mask, checked against
facts known without the code: the 1 July 2025 mergers (Nghị quyết 202/2025/QH15 for provinces,
Nghị quyết 1685/NQ-UBTVQH15 for Hồ Chí Minh City's wards) and places inside and outside Việt Nam.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from sample_data import sample_validation

from generator.enrich import enrich
from generator.merge import Directory, latest_month, merge
from generator.render import search_places
from generator.render.nearest import land_mask
from generator.render.search_index import ordered_points
from generator.render.search_places import (
    AliasError,
    bare_key,
    commune_centres,
    old_commune_tables,
    place_table,
)
from generator.units import admin_units


@pytest.fixture(scope="module")
def directory() -> Directory:
    validation = sample_validation()
    return enrich(merge(validation.validated, latest_month(validation.validated)))


@pytest.fixture(scope="module")
def table(directory: Directory) -> dict:
    return place_table(directory, ordered_points(directory))


def rows(table: dict, kind: str) -> list[dict]:
    return [
        dict(zip(table["layouts"][kind], row, strict=True))
        for row in table[kind + "s" if kind != "old" else kind]
    ]


def province_name(directory: Directory, index: int) -> str:
    return directory.provinces[index].province.name


def test_bare_key_drops_the_kind_and_punctuation() -> None:
    assert bare_key("Tỉnh Bà Rịa - Vũng Tàu") == "bariavungtau"
    assert bare_key("Quận 1") == "1"
    assert bare_key("Thị Xã Buôn Hồ") == "buonho"
    assert bare_key("Xã Điện Biên") == "dienbien"


@pytest.mark.parametrize(
    ("old", "now"),
    [
        ("Tỉnh Bình Dương", "Thành phố Hồ Chí Minh"),
        ("Tỉnh Bà Rịa - Vũng Tàu", "Thành phố Hồ Chí Minh"),
        ("Tỉnh Quảng Bình", "Tỉnh Quảng Trị"),
        ("Tỉnh Bình Định", "Tỉnh Gia Lai"),
        ("Tỉnh Hà Giang", "Tỉnh Tuyên Quang"),
        ("Tỉnh Đắk Nông", "Tỉnh Lâm Đồng"),
    ],
)
def test_old_provinces_point_at_the_province_they_joined(
    table: dict, directory: Directory, old: str, now: str
) -> None:
    found = {row["name"]: row for row in rows(table, "old")}
    assert province_name(directory, found[old]["province"]) == now
    assert found[old]["same"] == 0


def test_an_old_province_of_the_same_name_is_left_to_the_2025_province(table: dict) -> None:
    found = {row["name"]: row for row in rows(table, "old")}
    assert found["Tỉnh Đắk Lắk"]["same"] == 1
    assert found["Thành phố Hà Nội"]["same"] == 1


def test_quan_1_is_the_four_wards_that_took_it(table: dict) -> None:
    communes = rows(table, "commune")
    districts = [row for row in rows(table, "district") if row["name"] == "Quận 1"]
    assert len(districts) == 1
    names = {communes[n]["name"] for n in districts[0]["communes"]}
    assert names == {"Phường Sài Gòn", "Phường Bến Thành", "Phường Tân Định", "Phường Cầu Ông Lãnh"}


def test_commune_ranges_hold_exactly_their_points(table: dict, directory: Directory) -> None:
    units = admin_units()
    points = ordered_points(directory)
    communes = rows(table, "commune")
    assert len(communes) == sum(len(units.communes_of(s.province.code)) for s in directory.provinces)
    total = 0
    for row in communes:
        inside = [points[i][0] for i in range(row["first"], row["first"] + row["count"])]
        assert all(p.commune_name == row["name"] for p in inside)
        total += row["count"]
    assert total == len(directory.points)


def test_every_alias_names_a_known_place(table: dict, directory: Directory) -> None:
    assert table["abbreviations"]["q"] == "quan" and table["abbreviations"]["tp"] == "thanh pho"
    assert table["aliases"]["tphcm"] == [f"P{_index_of(directory, 'ho-chi-minh')}"]
    assert table["aliases"]["hn"] == [f"P{_index_of(directory, 'ha-noi')}"]
    old = rows(table, "old")
    brvt = table["aliases"]["brvt"][0]
    assert brvt[0] == "O" and old[int(brvt[1:])]["name"] == "Tỉnh Bà Rịa - Vũng Tàu"


def test_an_alias_of_several_rows_names_each_place_in_the_tables_order(
    directory: Directory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    two = tmp_path / "place-aliases.csv"
    two.write_text(
        "alias,target,kind,source,notes\ndn,Thành phố Đà Nẵng,place,test,\ndn,Tỉnh Đồng Nai,place,test,\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(search_places, "ALIASES_CSV", two)
    table = place_table(directory, ordered_points(directory))
    expected = [f"P{_index_of(directory, slug)}" for slug in ("da-nang", "dong-nai")]
    assert table["aliases"]["dn"] == expected


def test_an_alias_to_no_known_place_stops_the_build(
    directory: Directory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "place-aliases.csv"
    bad.write_text("alias,target,kind,source,notes\nxyz,Tỉnh Không Có,place,test,\n", encoding="utf-8")
    monkeypatch.setattr(search_places, "ALIASES_CSV", bad)
    with pytest.raises(AliasError, match="Không Có"):
        place_table(directory, ordered_points(directory))


def test_the_table_is_small_json(table: dict) -> None:
    text = json.dumps(table, ensure_ascii=False, separators=(",", ":"))
    assert len(text.encode()) < 200_000  # gzip brings it near 40 KB, fetched once, on the first query


def test_each_old_commune_is_in_the_shard_of_its_first_letter_once(table: dict, directory: Directory) -> None:
    units = admin_units()
    shards = old_commune_tables(directory, table)
    legacy = [x for state in directory.provinces for x in units.legacy_communes_of(state.province.code)]
    found = [(key, row) for key, shard in shards.items() for row in shard["rows"]]
    assert len(found) == len(legacy) > 9_000  # about 10,000 communes before 1 July 2025
    for key, row in found:
        bare = bare_key(row[0])
        assert key == ("0" if bare[0].isdigit() else bare[0]), row
    assert sorted(shards) == sorted({key for key, _ in found})


def test_an_old_commune_names_its_district_and_the_2025_communes_that_took_it(
    table: dict, directory: Directory
) -> None:
    # Nghị quyết 1685/NQ-UBTVQH15: Phường Bến Nghé (Quận 1) is now part of Phường Sài Gòn.
    shards = old_commune_tables(directory, table)
    layout = shards["b"]["layouts"]["commune"]
    found = [dict(zip(layout, row, strict=True)) for row in shards["b"]["rows"]]
    ben_nghe = [row for row in found if row["name"] == "Phường Bến Nghé"]
    assert len(ben_nghe) == 1
    district = rows(table, "district")[ben_nghe[0]["district"]]
    assert district["name"] == "Quận 1"
    assert rows(table, "old")[district["old"]]["name"] == "Thành phố Hồ Chí Minh"
    assert [rows(table, "commune")[n]["name"] for n in ben_nghe[0]["communes"]] == ["Phường Sài Gòn"]
    # "phuong 12" is many wards: each its own row, in its own district.
    twelve = [row for row in shards["0"]["rows"] if row[0] == "Phường 12"]
    assert len(twelve) > 5 and len({row[1] for row in twelve}) == len(twelve)


def test_old_commune_shards_are_small(table: dict, directory: Directory) -> None:
    for key, shard in old_commune_tables(directory, table).items():
        text = json.dumps(shard, ensure_ascii=False, separators=(",", ":"))
        assert len(text.encode()) < 80_000, key  # gzip brings the largest near 15 KB


def test_each_provinces_centres_are_its_communes_in_table_order(table: dict, directory: Directory) -> None:
    units = admin_units()
    communes = rows(table, "commune")
    centres = commune_centres(directory)
    assert len(centres) == len(directory.provinces)
    for index, (state, file) in enumerate(zip(directory.provinces, centres, strict=True)):
        mine = communes[file["first"] : file["first"] + len(file["at"])]
        assert {row["province"] for row in mine} == {index}
        assert len(mine) == sum(row["province"] == index for row in communes)
        own = units.communes_of(state.province.code)
        assert [row["name"] for row in mine] == [c.name for c in own]
        assert file["at"] == [[round(c.lat, 3), round(c.lon, 3)] for c in own]


def _index_of(directory: Directory, slug: str) -> int:
    return next(i for i, s in enumerate(directory.provinces) if s.province.slug == slug)


def _in_mask(mask: dict, lat: float, lon: float) -> bool:
    row = math.floor((lat - mask["lat0"]) / mask["step"])
    col = math.floor((lon - mask["lon0"]) / mask["step"])
    if not (0 <= row < mask["rows"] and 0 <= col < mask["cols"]):
        return False
    bit = row * mask["cols"] + col
    value = mask["alphabet"].index(mask["bits"][bit // 6])
    return bool(value >> (5 - bit % 6) & 1)


@pytest.mark.parametrize(
    ("place", "lat", "lon"),
    [("Bangkok", 13.7563, 100.5018), ("Vientiane", 17.9757, 102.6331), ("Manila", 14.5995, 120.9842)],
)
def test_the_country_mask_leaves_out_neighbouring_capitals(place: str, lat: float, lon: float) -> None:
    assert not _in_mask(land_mask(), lat, lon), place


@pytest.mark.parametrize(
    ("place", "lat", "lon"),
    [("Hà Nội", 21.0285, 105.8542), ("Côn Đảo", 8.6833, 106.6), ("Phú Quốc", 10.2899, 103.984)],
)
def test_the_country_mask_covers_vietnam(place: str, lat: float, lon: float) -> None:
    assert _in_mask(land_mask(), lat, lon), place
    mask = land_mask()
    assert all(_in_mask(mask, c.lat, c.lon) for c in admin_units().communes.values())
