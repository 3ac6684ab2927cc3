"""A row's place is read the same whatever rows of the province were read before it: the
validation cache, the row memo and a national run in one process rely on it."""

from __future__ import annotations

from generator.places.resolve import PlaceResolver
from generator.units import admin_units

# Old Phường Cái Vồn (thị xã Bình Minh, Vĩnh Long) went to two 2025 wards, one of them a new
# Phường Cái Vồn; this row, written in old units, is placed by its address.
OLD_UNITS_ROW = {
    "commune": "Phường Cái Vồn",
    "district": "Thị xã Bình Minh",
    "province": "Vĩnh Long",
    "address": "Số 127/15 - K1, P.Cái Vồn - TXBM",
}
# The 2025 ward of that name, as the sample list writes it.
NEW_UNITS_ROW = {"commune": "Phường Cái Vồn", "province": "Tỉnh Vĩnh Long", "address": "80 Lê Thánh Tông"}


def test_a_row_reads_the_same_after_another_row_with_the_same_commune_name():
    units = admin_units()
    code = units.province_by_slug("vinh-long").code
    alone = PlaceResolver(units).resolve(code, OLD_UNITS_ROW)
    resolver = PlaceResolver(units)
    resolver.resolve(code, NEW_UNITS_ROW)
    after = resolver.resolve(code, OLD_UNITS_ROW)
    assert after == alone
    assert (after.commune.name, after.decided_by) == ("Phường Cái Vồn", "địa chỉ")
