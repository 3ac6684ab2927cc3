"""The column-wide ways the places and coordinates checks take give exactly what reading each
row alone gives."""

from __future__ import annotations

import csv
import io
import math
import random

from real_lists import province_submissions

from generator.geo import (
    EARTH_RADIUS_KM,
    _read,
    haversine_km,
    plausible_radius_km,
    read_coordinates,
    read_pairs,
)
from generator.places.names import COMMUNE_KINDS, PlaceName, split_kind
from generator.places.resolve import PlaceResolver, Resolution
from generator.text import _NON_ALNUM, _fold_any, fold_compact
from generator.units import admin_units
from generator.validate.checks import Context
from generator.validate.checks.coordinates import check_coordinates
from generator.validate.mapping import MappedTable, Row

UNITS = admin_units()

CELLS = ["", " ", "abc", "10", "10.5", "10,5", " 10.5 ", "1 0.5", "0012.5", ".5", "12.", "-10.5", "1.2.3"]
CELLS += ["21.0\n22.0", "105.8\n", "\n21.0"]  # a line break inside a cell of plain numbers


def _cell(rng: random.Random) -> str:
    if rng.random() < 0.6:  # a plain number, inside Vietnam, swapped or outside
        return f"{rng.uniform(-5, 130):.{rng.randint(0, 7)}f}"
    return rng.choice(CELLS)


def test_a_column_of_pairs_reads_as_each_pair_alone():
    rng = random.Random(11)
    for _ in range(300):
        size = rng.randint(1, 40)
        lats = [_cell(rng) for _ in range(size)]
        lons = [_cell(rng) for _ in range(size)]
        if rng.random() < 0.5:  # a list whose every pair is plain and inside Vietnam
            lats = [f"{rng.uniform(6, 23.5):.6f}" for _ in range(size)]
            lons = [f"{rng.uniform(102, 117.9):.6f}" for _ in range(size)]
        readings = read_pairs(lats, lons)
        assert readings == [_read(lat, lon) for lat, lon in zip(lats, lons, strict=True)]
        assert [read_coordinates(lat, lon) for lat, lon in zip(lats, lons, strict=True)] == readings
        # Read again, some pairs with others not read before.
        again = [rng.randrange(size) for _ in range(size)]
        more = [(lats[i], lons[i]) if rng.random() < 0.7 else (_cell(rng), _cell(rng)) for i in again]
        lats, lons = [lat for lat, _ in more], [lon for _, lon in more]
        assert read_pairs(lats, lons) == [_read(lat, lon) for lat, lon in more]


def test_a_plain_pair_inside_vietnam_reads_as_its_numbers():
    (reading,) = read_pairs(["21.0285"], ["105.8542"])
    assert reading.ok and (reading.lat, reading.lon) == (21.0285, 105.8542)


def test_a_lists_rows_resolve_as_each_row_alone():
    # The development set's rows (old names, districts, addresses, cells naming no commune or
    # several places), each province's together, and again with every row's commune cell given
    # to rows whose address differs: what `resolve_rows` gives for each row is what `resolve`
    # gives for that row, the rows read one at a time in the other order.
    by_province: dict[str, list[dict[str, str]]] = {}
    for key, values in _real_rows().items():
        rows = by_province.setdefault(key.split(":")[0], [])
        rows += [values, {**values, "address": "Số 1 đường Điện Biên Phủ"}, {**values, "address": ""}]
    together = PlaceResolver(UNITS)
    for slug, rows in by_province.items():
        code = UNITS.province_by_slug(slug).code
        found = together.resolve_rows(code, rows, _columns(rows))
        alone = PlaceResolver(UNITS)  # one row at a time, last row first
        assert found == [alone.resolve(code, values) for values in reversed(rows)][::-1], slug


def _columns(rows: list[dict[str, str]]):
    return lambda key: [values.get(key, "") for values in rows]


def test_a_2025_name_that_was_an_old_name_elsewhere_is_read_row_by_row_from_the_address():
    code = UNITS.province_by_slug("dien-bien").code
    rows = [
        {"commune": "Phường Mường Thanh", "province": "Điện Biên", "address": address}
        for address in ("Số 5 Tổ 1", "Tổ 2, Thành phố Điện Biên Phủ", "Số 9 Tổ 3", "Huyện Điện Biên")
    ]
    expected = [PlaceResolver(UNITS).resolve(code, values) for values in rows]
    # The 2025 ward, unless the address names the old district: then the old ward, now elsewhere.
    assert expected[0].commune == expected[2].commune != expected[1].commune
    assert PlaceResolver(UNITS).resolve_rows(code, rows, _columns(rows)) == expected
    quiet = [rows[0], rows[2]]  # addresses tested together, naming no old district
    assert PlaceResolver(UNITS).resolve_rows(code, quiet, _columns(quiet)) == [expected[0], expected[2]]
    resolver = PlaceResolver(UNITS)  # and one row at a time, in any order
    assert [resolver.resolve(code, values) for values in reversed(rows)] == expected[::-1]


def _split_at_turns(text: str) -> str:
    """A space at each lower → upper turn, character by character: how `split_kind` finds a kind
    glued to the name ("PhườngThuận An")."""
    pairs = zip(text, text[1:] + " ", strict=True)
    return "".join(ch + " " if ch.islower() and nxt.isupper() else ch for ch, nxt in pairs)


def test_text_in_lower_case_title_case_or_capitals_has_no_lower_to_upper_turn():
    # `split_kind` skips its character-by-character search on such text.
    rng = random.Random(5)
    letters = ["a", "B", "ư", "Đ", "ǅ", "ª", "ß", "ﬁ", "Σ", "ς", " ", ".", "1", "-", "\u0301"]
    for _ in range(20000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(1, 8)))
        if text.islower() or text.istitle() or text.isupper():
            assert _split_at_turns(text) == text, repr(text)


def test_a_kind_glued_to_the_name_is_still_split():
    assert split_kind("PhườngThuận An", COMMUNE_KINDS) == PlaceName("Phường", "Thuận An")
    assert split_kind("Thị TrấnChi Nê", COMMUNE_KINDS) == PlaceName("Thị trấn", "Chi Nê")
    assert split_kind("Bình Đức", COMMUNE_KINDS) == PlaceName(None, "Bình Đức")


def _real_rows() -> dict[str, dict[str, str]]:
    keys = ("stt", "code", "agent", "name", "address", "commune", "district", "province", "fixed_phone")
    rows = {}
    for slug, text in province_submissions().items():
        for number, cells in enumerate(list(csv.reader(io.StringIO(text)))[1:], start=2):
            rows[f"{slug}:{number}"] = dict(zip(keys, cells, strict=False))
    return rows


def test_a_point_is_far_from_its_commune_exactly_when_its_distance_says_so():
    # Points around communes, many close to the plausible radius on either side: the bound the
    # check clears most points with never clears one that `haversine_km` puts beyond it.
    province = UNITS.province_by_slug("lam-dong")
    communes = UNITS.communes_of(province.code)[:40]
    rng = random.Random(9)
    rows, expected = [], set()
    for number, commune in enumerate(communes * 10, start=2):
        radius = plausible_radius_km(commune.area_km2)
        distance = radius * rng.choice([rng.uniform(0.2, 1.6), 1 - 1e-7, 1 + 1e-7, 1.0])
        bearing = rng.uniform(0, 2 * math.pi)
        lat = commune.lat + math.degrees(distance / EARTH_RADIUS_KM) * math.cos(bearing)
        lon = commune.lon + math.degrees(distance / EARTH_RADIUS_KM) * math.sin(bearing) / math.cos(
            math.radians(commune.lat)
        )
        lat_text, lon_text = f"{lat:.9f}", f"{lon:.9f}"
        if haversine_km(float(lat_text), float(lon_text), commune.lat, commune.lon) > radius:
            expected.add(number)
        values = {"commune": commune.name, "province": province.name, "lat": lat_text, "lon": lon_text}
        rows.append(Row(number, number, values))
    table = MappedTable("lam-dong/2026-01.csv", {key: key for key in rows[0].values}, tuple(rows))
    findings = list(check_coordinates(table, Context(province, UNITS)))
    assert {f.row for f in findings} == expected
    assert {f.code for f in findings} == {"coordinates-far-from-commune"}
    assert 0 < len(expected) < len(rows)


LATIN = [chr(p) for p in (*range(0x80), *range(0xC0, 0x250), *range(0x1E00, 0x1F00))]


def _compact_the_general_way(text: str) -> str:
    return _NON_ALNUM.sub("", _fold_any(text))


def test_every_latin_character_folds_compact_as_the_general_way_does():
    for char in LATIN:
        assert fold_compact(char) == _compact_the_general_way(char), repr(char)


def test_text_folds_compact_as_the_general_way_does():
    rng = random.Random(13)
    alphabet = [*LATIN, " ", "\t", "\n", "\u00a0", "\u0301", "ſ", "İ", "Σ", "ﬁ", "０"]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        assert fold_compact(text) == _compact_the_general_way(text), repr(text)
    assert fold_compact("Số 12 đường Nguyễn Văn Cừ, Phường Bình Đức") == "so12duongnguyenvancuphuongbinhduc"


def test_texts_joined_by_line_breaks_fold_compact_as_their_folds_end_to_end():
    # What lets `resolve_rows` test the addresses of many rows by one `may_name`.
    rng = random.Random(17)
    alphabet = [*LATIN, " ", "\t", "\u00a0", "\u0301", "ſ", "İ", "Σ", "ﬁ", "０", "中"]
    for _ in range(2000):
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(3)]
        assert fold_compact("\n".join(texts)) == "".join(map(fold_compact, texts)), repr(texts)


def test_a_point_read_with_a_commune_of_another_province_is_measured_from_that_commune():
    # What the places check read of a row is what the distance is measured from, even a commune
    # the province's tables do not hold.
    province = UNITS.province_by_slug("lam-dong")
    elsewhere = UNITS.communes_of(UNITS.province_by_slug("ha-noi").code)[0]
    far = f"{elsewhere.lat + 1:.6f}", f"{elsewhere.lon:.6f}"  # inside Vietnam, 111 km north
    near = f"{elsewhere.lat:.6f}", f"{elsewhere.lon:.6f}"
    cells = ((2, far), (3, near), (4, far))
    rows = tuple(Row(n, n, {"commune": "x", "lat": lat, "lon": lon}) for n, (lat, lon) in cells)
    context = Context(province, UNITS)  # row 4's commune was not read: no distance to measure
    context.reading("places").update({2: Resolution(commune=elsewhere), 3: Resolution(commune=elsewhere)})
    context.reading("places")[4] = Resolution()
    table = MappedTable("lam-dong/2026-01.csv", {"commune": "Xã", "lat": "Vĩ độ", "lon": "Kinh độ"}, rows)
    findings = list(check_coordinates(table, context))
    assert [(f.row, f.code) for f in findings] == [(2, "coordinates-far-from-commune")]
    assert elsewhere.name in findings[0].message


def test_a_settled_commune_cell_reads_as_the_whole_resolver_reads_it():
    # Every cell of the place tables' `settled` and `unless_named` (a 2025 name as people write
    # it, read as that commune without the resolver), with no district, every province cell that
    # gives a different old province (or an old province's own name, or none), and an address
    # that names an old district of the name or none: the row reads exactly as with the tables
    # left empty.
    fast, slow = PlaceResolver(UNITS), PlaceResolver(UNITS)
    codes = list(UNITS.provinces)
    for index, code in enumerate(codes):
        slow.places(code).settled.clear()
        slow.places(code).unless_named.clear()
        province = UNITS.provinces[code]
        elsewhere = UNITS.provinces[codes[index - 1]].name
        cells = ("", province.name, province.short_name, *province.legacy_names, elsewhere)
        places = fast.places(code)
        assert places.settled, code
        readings = [(text, commune, ("",)) for text, commune in places.settled.items()]
        for text, (commune, _) in places.unless_named.items():
            # Every district of every old place of the name, each named alone in the address.
            old = places.old_matches(split_kind(text, COMMUNE_KINDS))
            readings.append((text, commune, ("", *sorted({k for item in old for k in item.district_keys}))))
        for text, commune, addresses in readings:
            for cell, address in ((cell, address) for cell in cells for address in addresses):
                values = {"commune": text, "province": cell, "address": "Số 1 " + address}
                found = fast.resolve(code, values)
                assert found == slow.resolve(code, values), (text, cell, address)
                if not address and cell in (province.name, ""):
                    assert found.commune is commune


def test_a_cell_read_otherwise_is_not_settled():
    places = PlaceResolver(UNITS).places(UNITS.province_by_slug("dien-bien").code)
    assert places.settled["Xã Xa Dung"].name == "Xã Xa Dung"
    assert places.settled["xã Xa Dung"].name == "Xã Xa Dung"
    assert "Xa Dung" not in places.settled  # read as "Xã Dung", found nowhere: held
    assert "Mường Thanh" not in places.settled  # also the old Phường Mường Thanh: the address decides
    commune, districts = places.unless_named["Phường Mường Thanh"]
    assert commune.name == "Phường Mường Thanh" and "dienbienphu" in districts
