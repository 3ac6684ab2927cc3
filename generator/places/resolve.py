"""One resolver for a row's place, used by the check that reports it and by the builder that
publishes it, so that what is published is exactly what the report said.

Resolution is cached per distinct input: first per (province, commune cell, district cell,
province cell); the address is read only when that is not enough (empty commune, a name that fits
two places, an old name that is also a 2025 name, a split commune), and then cached per the
hints read from it. A file repeats the same few hundred communes thousands of times.
"""

from __future__ import annotations

import operator
from dataclasses import replace
from typing import TYPE_CHECKING

from generator.places.hints import (
    address_hints,
    commune_from_address,
    commune_from_street,
    decide_split,
    suggest,
)
from generator.places.index import ProvincePlaces
from generator.places.match import (
    EMPTY,
    ProvinceCell,
    Resolution,
    district_label,
    in_2025_units,
    in_province,
    match,
    may_name,
    other_old_meaning,
)
from generator.places.names import (
    COMMUNE_KINDS,
    DISTRICT_KINDS,
    OLD_PROVINCE_SPELLINGS,
    folded_key,
    not_a_commune_name,
    province_key,
    split_kind,
    written_province_key,
)
from generator.places.parts import cell_parts, read_parts
from generator.places.rows import RowsResolving

if TYPE_CHECKING:
    from generator.units import AdminUnits

__all__ = ["PlaceResolver", "ProvinceCell", "Resolution"]


class PlaceResolver(RowsResolving):
    def __init__(self, units: AdminUnits) -> None:
        self.units = units
        self._places: dict[str, ProvincePlaces] = {}
        self._provinces: dict[str, ProvinceCell] = {}
        self._first: dict[tuple, tuple[Resolution, bool]] = {}
        self._second: dict[tuple, Resolution] = {}
        # The cells as written → a resolution they decide alone: most rows, one lookup.
        self._by_cells: dict[tuple[str, str, str, str], Resolution] = {}
        self._by_row: dict[tuple[str, ...], Resolution] = {}
        # The cells as written → the resolution they decide unless the address names one of
        # these old districts (a 2025 name that was also an old name elsewhere): one test a row.
        self._unless_named: dict[tuple[str, str, str, str], tuple[Resolution, frozenset[str]]] = {}
        self._old_meaning_districts: dict[tuple, frozenset[str]] = {}
        self._old_provinces: dict[str, tuple[str, str]] = {}
        self._districts_nationwide: dict[str, set[str]] | None = None
        self._province_keys = frozenset(
            folded_key(name)
            for province in units.provinces.values()
            for name in (province.short_name, *(province_key(old) for old in province.legacy_names))
        ) | frozenset(self._old_provinces)
        for province in units.provinces.values():
            for old in province.legacy_names:
                self._old_provinces[province_key(old)] = (old, province.code)

    def forget(self) -> None:
        """Drop every resolution, keep the lookup tables: a fresh process's first file (benchmark)."""
        caches = (self._provinces, self._first, self._second, self._by_cells, self._by_row)
        for cache in (*caches, self._unless_named, self._old_meaning_districts):
            cache.clear()

    def places(self, code: str) -> ProvincePlaces:
        if code not in self._places:
            self._places[code] = ProvincePlaces.build(self.units, code)
        return self._places[code]

    def province_cell(self, text: str) -> ProvinceCell:
        if text not in self._provinces:
            key = province_key(text)
            old = self._old_provinces.get(key)
            new = self.units.province_by_name(text)
            spelled_old = OLD_PROVINCE_SPELLINGS.get(written_province_key(text))
            if new is None and old is None:
                found = ProvinceCell(None, None, False)
            elif spelled_old is not None and old is not None:
                found = ProvinceCell(old[1], old[0], True, spelled_old[1])
            else:
                old_only = old is not None and (new is None or province_key(new.short_name) != key)
                code = new.code if new is not None else old[1] if old is not None else None
                found = ProvinceCell(code, old[0] if old else None, old_only, old[0] if old else "")
            self._provinces[text] = found
        return self._provinces[text]

    def _old_province(self, code: str, text: str) -> str | None:
        """The pre-2025 province a province cell names, when it is one of this 2025 province's."""
        cell = self.province_cell(text.strip())
        return cell.old_name if cell.new_code == code else None

    def resolve(self, province_code: str, values: dict[str, str]) -> Resolution:
        get = values.get
        return self._resolved(
            (province_code, get("commune", ""), get("district", ""), get("province", "")), values
        )

    def _resolved(self, cells: tuple[str, str, str, str], values: dict[str, str]) -> Resolution:
        """`resolve` of a row whose (province code, commune, district, province) cells are given."""
        found = self._by_cells.get(cells)
        if found is not None:
            return found
        province_code = cells[0]
        if not cells[2] and cells not in self._unless_named:
            self._read_settled(province_code, [cells])
            found = self._by_cells.get(cells)
            if found is not None:
                return found
        unless = self._unless_named.get(cells)
        get = values.get
        if unless is not None and not may_name(get("address", ""), unless[1]):
            return unless[0]
        # A row whose address or coordinates count is resolved once, though three stages ask.
        row = (*cells, get("address", ""), get("lat", ""), get("lon", ""))
        found = self._by_row.get(row)
        if found is None:
            found, by_cells_alone = self._resolve(province_code, values)
            if by_cells_alone:
                self._by_cells[cells] = found
            else:
                self._by_row[row] = found
        return found

    def _read_settled(self, code: str, cells: list[tuple[str, str, str, str]]) -> None:
        """The common cells, a 2025 name as people write it and no district, read all at once:
        the place tables know the commune (`ProvincePlaces.settled`), the province cell only adds
        the old province the row was written in."""
        places = self.places(code)
        settled, unless = places.settled, places.unless_named
        named = [key for key in cells if not key[2] and key[1] in settled]
        if named:
            olds = {text: self._old_province(code, text) for text in set(map(operator.itemgetter(3), named))}
            communes = map(settled.__getitem__, map(operator.itemgetter(1), named))
            provinces = map(olds.__getitem__, map(operator.itemgetter(3), named))
            self._by_cells.update(zip(named, map(in_2025_units, communes, provinces), strict=True))
        for key in [key for key in cells if not key[2] and key[1] in unless]:
            # In 2025 units unless the address names an old district: tested row by row.
            cell = self.province_cell(key[3].strip())
            if not (cell.old_only and cell.new_code == code):
                commune, districts = unless[key[1]]
                self._unless_named[key] = (
                    in_2025_units(commune, self._old_province(code, key[3])),
                    districts,
                )

    def _resolve(self, province_code: str, values: dict[str, str]) -> tuple[Resolution, bool]:
        """The resolution, and whether the cells alone decided it (no address, no coordinates)."""
        found, by_cells_alone = self._resolve_one(province_code, values)
        if found.commune is None and not (found.candidates or found.conflict):
            parts, district = self._larger_units(province_code, cell_parts(values.get("commune", "")))
            if parts:
                together = self._several(province_code, values, parts, district, found)
                if together is not None:
                    return together, False
        return found, by_cells_alone

    def _several(
        self, code: str, values: dict[str, str], parts: tuple[str, ...], district: str, found: Resolution
    ) -> Resolution | None:
        """A cell naming several places (places/parts.py), with the district it names, if any."""
        row_district = values.get("district", "").strip()
        if district and row_district:
            places = self.places(code)
            if not places.district_ids(district) & places.district_ids(row_district):
                return replace(found, conflict=f"cột Quận/Huyện ghi “{row_district}”")
        elif district:
            values = {**values, "district": district}  # "Phường 1, Quận 3"
        return read_parts(parts, [self.resolve(code, {**values, "commune": part}) for part in parts])

    def _larger_units(self, code: str, parts: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
        """Trailing parts written without a commune kind that name a district or a province of the
        list are the larger units, not communes ("Xã Hòa Phước – Hòa Vang", "Phường 1, Quận 3, TP
        HCM"): the parts left, and the district named."""
        places = self.places(code)
        district = ""
        while len(parts) > 1:  # () stays (): a cell of one name
            last = parts[-1]
            if split_kind(last, COMMUNE_KINDS).kind:
                break
            if places.district_ids(last):
                district = district or last
            elif not (folded_key(last) in self._province_keys or self.province_cell(last).new_code == code):
                break
            parts = parts[:-1]
            only = parts[0]
            if len(parts) == 1 and not split_kind(only, COMMUNE_KINDS).kind and places.district_ids(only):
                return (), ""  # "Hòa Vang - Đà Nẵng": a district and its province, no commune
        return parts, district

    def _resolve_one(self, province_code: str, values: dict[str, str]) -> tuple[Resolution, bool]:
        commune_text = values.get("commune", "").strip()
        if commune_text and not_a_commune_name(commune_text):
            found, by_cells_alone = self._resolve(province_code, {**values, "commune": ""})
            return replace(found, unnamed=True), by_cells_alone
        district_text = values.get("district", "").strip()
        cell = self.province_cell(values.get("province", "").strip())
        old_province = self._old_province(province_code, values.get("province", ""))
        old_only = cell.old_only and cell.new_code == province_code
        key = (province_code, commune_text, district_text, old_province, old_only)
        if key not in self._first:
            self._first[key] = self._resolve_cells(
                province_code, commune_text, district_text, old_province, old_only
            )
        found, final = self._first[key]
        old_meaning = self._old_meaning_districts.get(key)
        if not final and not may_name(values.get("address", ""), old_meaning):
            # The address names none of the old meaning's districts; nor will that of another row
            # with the same cells that names none (`resolve` tests that first).
            get = values.get
            cells = (province_code, get("commune", ""), get("district", ""), get("province", ""))
            if old_meaning is not None:
                self._unless_named[cells] = (found, old_meaning)
            return found, False
        if not final:
            places = self.places(province_code)
            hints = address_hints(places, values.get("address", ""), old_province, self._province_keys)
            second = (*key, hints)
            if second not in self._second:
                self._second[second] = self._resolve_with_address(places, key, hints) or found
            found = self._second[second]
        if found.others and not found.decided_by:
            found = decide_split(found, values, self.units)
        if found.commune is None and district_text and not (found.conflict or found.candidates):
            found = self._from_elsewhere(found, province_code, district_text)
        return found, final and not found.others

    def _from_elsewhere(self, found: Resolution, code: str, district_text: str) -> Resolution:
        # "Vĩnh Linh" on a row of Cần Thơ's list: a Quảng Trị point sent in the wrong list.
        if self.places(code).district_ids(district_text):
            return found
        elsewhere = self._district_elsewhere(district_text, code)
        return replace(found, elsewhere=elsewhere) if elsewhere else found

    def _district_elsewhere(self, text: str, code: str) -> str:
        """The other provinces where a district of this name was (for a row from another list)."""
        if self._districts_nationwide is None:
            nationwide: dict[str, set[str]] = {}
            for province in self.units.provinces.values():
                for legacy in self.units.legacy_communes_of(province.code):
                    for key in legacy.district_keys:
                        nationwide.setdefault(key, set()).add(f"{legacy.old_province}|{province.code}")
            self._districts_nationwide = nationwide
        name = split_kind(text, DISTRICT_KINDS)
        found = self._districts_nationwide.get(name.folded, set())
        names = sorted(entry.split("|")[0] for entry in found if not entry.endswith("|" + code))
        return ", ".join(names)

    # -- the cells alone --------------------------------------------------------------------------

    def _resolve_cells(
        self, code: str, commune_text: str, district_text: str, old_province: str | None, old_only: bool
    ) -> tuple[Resolution, bool]:
        places = self.places(code)
        districts = (
            in_province(places.district_ids(district_text), old_province) if district_text else frozenset()
        )
        if not commune_text:
            return EMPTY, False
        name = split_kind(commune_text, COMMUNE_KINDS)
        old_units = bool(districts) or old_only
        found = match(places, name, districts, old_province, old_units, self.units)
        if found.district is None and districts:
            found = replace(found, district=district_label(districts))
        # The address can still decide a name that fits two places, tell an old name from a new
        # one, or place a split commune; otherwise the cells were enough.
        if district_text and not districts and found.legacy is not None:
            elsewhere = self._district_elsewhere(district_text, code)
            if elsewhere:
                conflict = f"quận/huyện “{district_text}” ghi trên dòng thuộc {elsewhere}"
                return replace(found, commune=None, conflict=conflict, elsewhere=elsewhere), True
        needs_address = bool(found.candidates) or (found.commune is None) or bool(found.others)
        needs_address |= found.outside_district
        if not needs_address and not districts and found.legacy is None:
            other_districts = other_old_meaning(places, name, found)
            if other_districts:
                # By every cell that decided it (not the commune alone): a row read earlier with
                # another district must not change how this one is read.
                key = (code, commune_text, district_text, old_province, old_only)
                self._old_meaning_districts[key] = other_districts
                needs_address = True
        if found.commune is None and not found.candidates and not found.suggestions:
            found = replace(found, suggestions=suggest(places, name, districts, self.units))
        return found, not needs_address

    def _resolve_with_address(self, places: ProvincePlaces, key: tuple, hints: tuple) -> Resolution | None:
        _, commune_text, district_text, old_province, old_only = key
        address_districts, commune_mentions, street_names = hints
        districts = (
            in_province(places.district_ids(district_text), old_province) if district_text else frozenset()
        ) or address_districts
        old_units = bool(districts) or old_only
        name = split_kind(commune_text, COMMUNE_KINDS) if commune_text else None
        found = EMPTY
        if name is not None:
            found = match(places, name, districts, old_province, old_units, self.units)
            if found.outside_district:
                other = commune_from_address(
                    self.units, places, commune_mentions, districts, old_province, old_units, None
                )
                if other is not None and other.commune != found.commune:
                    conflict = f"địa chỉ ghi “{other.from_address}” ({district_label(districts)})"
                    return replace(found, commune=None, conflict=conflict)
            if found.commune is not None and not found.candidates:
                return found
        # An empty cell, a bare "Thị trấn", a name that fits two places or none: the address
        # may name the commune, with its district to decide.
        kind = name.kind if name is not None and not name.name else None
        from_address = commune_from_address(
            self.units, places, commune_mentions, districts, old_province, old_units, kind
        )
        if from_address is not None:
            return from_address
        if name is None and districts:
            # "Xã Cao Thắng" in the address, the row's district Kim Bôi, the only Cao Thắng of the
            # old province in Lương Sơn: not filled (two places disagree), but the held row says so.
            marked = tuple(mention for mention in commune_mentions if mention[0] is not None)
            outside = commune_from_address(
                self.units, places, marked, frozenset(), old_province, old_units, None
            )
            if outside is not None and outside.commune is not None:
                legacy = outside.legacy
                where = f"{legacy.name}, {legacy.district}; nay là " if legacy else ""
                conflict = (
                    f"địa chỉ ghi “{outside.from_address}” ({where}{outside.commune.name}), không thuộc "
                    f"{district_label(districts)} ghi trên dòng"
                )
                return replace(found, conflict=conflict, district=district_label(districts))
        if name is None or not name.name:
            # No name at all (or a bare "Thị trấn" the district does not decide): a bare name
            # after the street, else the district.
            if kind is None and not found.candidates:
                after_street = commune_from_street(self.units, places, street_names, districts, old_province)
                if after_street is not None:
                    return after_street
            return self._from_district(places, districts, found) if not found.candidates else found
        if found.commune is None and not found.candidates and not found.suggestions:
            found = replace(found, suggestions=suggest(places, name, districts, self.units))
        return found

    def _from_district(
        self, places: ProvincePlaces, districts: frozenset[str], found: Resolution
    ) -> Resolution:
        """An old district that went whole into one 2025 commune decides a row that names no
        commune (Quận Ngũ Hành Sơn → Phường Ngũ Hành Sơn); otherwise its 2025 communes are the
        suggestions of the held row."""
        if not districts:
            return found
        targets = set().union(*(places.district_targets[d] for d in districts))
        label = district_label(districts)
        old_province = next(iter(districts)).split("|")[0] if len(districts) == 1 else found.old_province
        if len(targets) == 1:
            commune = self.units.communes[targets.pop()]
            return replace(
                found, commune=commune, old_province=old_province, district=label, by_district=label
            )
        names = tuple(sorted(self.units.communes[c].name for c in targets))
        return replace(found, district=label, suggestions=names)
