"""One resolver for a row's place, used by the check that reports it and by the builder that
publishes it, so that what is published is exactly what the report said.

Resolution is cached per distinct input: first per (province, commune cell, district cell,
province cell); the address is read only when that is not enough (empty commune, a name that fits
two places, an old name that is also a 2025 name, a split commune), and then cached per the
hints read from it. A file repeats the same few hundred communes thousands of times.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace

from generator.geo import haversine_km, read_coordinates
from generator.places.address import Mention, mentions
from generator.places.index import ProvincePlaces, commune_kind, district_id
from generator.places.names import (
    COMMUNE_KINDS,
    DISTRICT_KINDS,
    OLD_PROVINCE_SPELLINGS,
    PlaceName,
    folded_key,
    province_key,
    split_kind,
    toned_key,
    written_province_key,
)
from generator.text import fold, fold_compact
from generator.units import AdminUnits, Commune, LegacyCommune


@dataclass(frozen=True)
class ProvinceCell:
    new_code: str | None  # the 2025 province the cell names; None if no province fits
    old_name: str | None  # the pre-2025 province it names, when it names one
    old_only: bool  # a pre-2025 name that is not a 2025 province's ("Bắc Giang", "Thừa Thiên Huế")
    label: str = ""  # the pre-2025 province as it was named, for messages


@dataclass(frozen=True)
class Resolution:
    commune: Commune | None = None
    legacy: LegacyCommune | None = None  # the pre-2025 commune the cell was read as
    old_province: str | None = None  # the pre-2025 province the row was understood in
    district: str | None = None  # the old district that decided, as "Huyện X, Tỉnh Y"
    candidates: tuple[str, ...] = ()  # the places it could be, when nothing decides
    suggestions: tuple[str, ...] = ()  # closest 2025 names, when nothing fits
    from_address: str = ""  # the part of the address the commune was read from
    others: tuple[Commune, ...] = ()  # a split old commune: the other 2025 communes
    decided_by: str = ""  # a split old commune: "địa chỉ", "toạ độ" or "" (official default)
    shadowed: Commune | None = None  # the 2025 commune of the same name not taken (old units)
    outside_district: bool = False  # an old name found only outside the district the row names
    former: bool = False  # read through a name the old commune had before a 2019–2024 merger
    conflict: str = ""  # what else on the row names another place: the row is held


_EMPTY = Resolution()


class PlaceResolver:
    def __init__(self, units: AdminUnits) -> None:
        self.units = units
        self._places: dict[str, ProvincePlaces] = {}
        self._provinces: dict[str, ProvinceCell] = {}
        self._first: dict[tuple, tuple[Resolution, bool]] = {}
        self._second: dict[tuple, Resolution] = {}
        # The cells as written → a resolution they decide alone: most rows, one lookup.
        self._by_cells: dict[tuple[str, str, str, str], Resolution] = {}
        self._by_row: dict[tuple[str, ...], Resolution] = {}
        self._old_meaning_districts: dict[tuple[str, str], frozenset[str]] = {}
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
        for cache in (*caches, self._old_meaning_districts):
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
                code = new.code if new is not None else old[1]
                found = ProvinceCell(code, old[0] if old else None, old_only, old[0] if old else "")
            self._provinces[text] = found
        return self._provinces[text]

    def resolve(self, province_code: str, values: dict[str, str]) -> Resolution:
        get = values.get
        cells = (province_code, get("commune", ""), get("district", ""), get("province", ""))
        found = self._by_cells.get(cells)
        if found is None:
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

    def _resolve(self, province_code: str, values: dict[str, str]) -> tuple[Resolution, bool]:
        """The resolution, and whether the cells alone decided it (no address, no coordinates)."""
        commune_text = values.get("commune", "").strip()
        district_text = values.get("district", "").strip()
        cell = self.province_cell(values.get("province", "").strip())
        old_province = cell.old_name if cell.new_code == province_code else None
        old_only = cell.old_only and cell.new_code == province_code
        key = (province_code, commune_text, district_text, old_province, old_only)
        if key not in self._first:
            self._first[key] = self._resolve_cells(
                province_code, commune_text, district_text, old_province, old_only
            )
        found, final = self._first[key]
        if not final and not _may_name(values.get("address", ""), self._old_meaning_districts.get(key[:2])):
            return found, False  # the address names none of the old meaning's districts
        if not final:
            places = self.places(province_code)
            hints = _address_hints(places, values.get("address", ""), old_province, self._province_keys)
            second = (*key, hints)
            if second not in self._second:
                self._second[second] = self._resolve_with_address(places, key, hints) or found
            found = self._second[second]
        if found.others and not found.decided_by:
            found = _decide_split(found, values, self.units)
        return found, final and not found.others

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
            _in_province(places.district_ids(district_text), old_province) if district_text else frozenset()
        )
        if not commune_text:
            return _EMPTY, False
        name = split_kind(commune_text, COMMUNE_KINDS)
        old_units = bool(districts) or old_only
        found = _match(places, name, districts, old_province, old_units, self.units)
        if found.district is None and districts:
            found = replace(found, district=_district_label(districts))
        # The address can still decide a name that fits two places, tell an old name from a new
        # one, or place a split commune; otherwise the cells were enough.
        if district_text and not districts and found.legacy is not None:
            elsewhere = self._district_elsewhere(district_text, code)
            if elsewhere:
                conflict = f"quận/huyện “{district_text}” ghi trên dòng thuộc {elsewhere}"
                return replace(found, commune=None, conflict=conflict), True
        needs_address = bool(found.candidates) or (found.commune is None) or bool(found.others)
        needs_address |= found.outside_district
        if not needs_address and not districts and found.legacy is None:
            other_districts = _other_old_meaning(places, name, found)
            if other_districts:
                self._old_meaning_districts[(code, commune_text)] = other_districts
                needs_address = True
        if found.commune is None and not found.candidates and not found.suggestions:
            found = replace(found, suggestions=_suggest(places, name, districts, self.units))
        return found, not needs_address

    def _resolve_with_address(self, places: ProvincePlaces, key: tuple, hints: tuple) -> Resolution | None:
        _, commune_text, district_text, old_province, old_only = key
        address_districts, commune_mentions = hints
        districts = (
            _in_province(places.district_ids(district_text), old_province) if district_text else frozenset()
        ) or address_districts
        old_units = bool(districts) or old_only
        name = split_kind(commune_text, COMMUNE_KINDS) if commune_text else None
        found = _EMPTY
        if name is not None:
            found = _match(places, name, districts, old_province, old_units, self.units)
            if found.outside_district:
                other = self._from_address(places, commune_mentions, districts, old_province, old_units, None)
                if other is not None and other.commune != found.commune:
                    conflict = f"địa chỉ ghi “{other.from_address}” ({_district_label(districts)})"
                    return replace(found, commune=None, conflict=conflict)
            if found.commune is not None and not found.candidates:
                return found
        # An empty cell, a bare "Thị trấn", a name that fits two places or none: the address
        # may name the commune, with its district to decide.
        kind = name.kind if name is not None and not name.name else None
        from_address = self._from_address(places, commune_mentions, districts, old_province, old_units, kind)
        if from_address is not None:
            return from_address
        if name is not None and found.commune is None and not found.candidates and not found.suggestions:
            found = replace(found, suggestions=_suggest(places, name, districts, self.units))
        return found if name is not None else None

    def _from_address(
        self,
        places: ProvincePlaces,
        commune_mentions: tuple,
        districts: frozenset[str],
        old_province: str | None,
        old_units: bool,
        kind: str | None,
    ) -> Resolution | None:
        results: dict[str, Resolution] = {}
        for mention_kind, words in commune_mentions:
            if (mention_kind is None and not districts) or (kind and mention_kind != kind):
                continue  # a bare name in an address is only trusted inside a known district
            if mention_kind is None and places.districts.get(folded_key(" ".join(words)), set()) & districts:
                continue  # "…, Nông Cống": the district itself, not its town
            for size in range(len(words), 0, -1):
                name = PlaceName(mention_kind, " ".join(words[:size]))
                strict = mention_kind is None
                found = _match(
                    places, name, districts, old_province, old_units, self.units, strict, within_district=True
                )
                if found.commune is not None:
                    shown = " ".join((mention_kind or "", *words[:size])).strip()
                    results.setdefault(found.commune.code, replace(found, from_address=shown))
                    break
            if results and mention_kind is not None:
                break  # the first unit written with its kind is the commune
        return next(iter(results.values())) if len(results) == 1 else None


def _match(
    places: ProvincePlaces,
    name: PlaceName,
    districts: frozenset[str],
    old_province: str | None,
    old_units: bool,
    units: AdminUnits,
    strict: bool = False,
    within_district: bool = False,
) -> Resolution:
    """`strict`: only an old name inside the district counts (a bare name read from an address);
    `within_district`: when the district is known, only a unit inside it counts."""
    new = places.new_matches(name) if name.name else []
    islands = [places.islands[d] for d in districts if d in places.islands]
    if islands and len(islands) == len(districts) and name.name and not strict:
        # Any commune of an island district (Lý Sơn, Côn Đảo …) is now its đặc khu.
        island = islands[0]
        legacy = replace(island, name=f"{name.kind or 'Xã'} {name.name}")
        district = f"{island.district}, {island.old_province}"
        return Resolution(units.communes[island.new_codes[0]], legacy, island.old_province, district)
    if name.name:
        named, former = places.old_matches(name), places.former_matches(name)
    else:  # a bare "Thị trấn": the district's only one (or the only one that was one)
        named = [item for item in places.legacy if item.kind == name.kind and district_id(item) in districts]
        prefix = folded_key(name.kind or "")
        former = [
            item
            for item in places.legacy
            if district_id(item) in districts and any(f.startswith(prefix) for f in item.former_names)
        ]
    if name.name and districts and not named and not former and not new:
        named = _completed(places, name, districts)
    named = _prefer(named, lambda item: item.old_province == old_province)
    in_district = [item for item in named if district_id(item) in districts] or [
        item for item in former if district_id(item) in districts
    ]
    by_former = not named or (bool(in_district) and in_district[0] not in named)
    if strict and not in_district:
        return _EMPTY
    if within_district and districts and not in_district:
        inside = set().union(*(places.district_targets[d] for d in districts))
        new = [c for c in new if c.code in inside]
        if not new:
            return _EMPTY
    old = (
        in_district
        or named
        or (_prefer(former, lambda item: item.old_province == old_province) if name.name else [])
    )
    targets = {item.new_codes[0] for item in old}
    new_same_kind = [c for c in new if not name.kind or commune_kind(c) == name.kind]
    # "Thị trấn Quảng Uyên" is the old unit even though its 2025 successor has the same name.
    if len(new) == 1 and (not old or (targets == {new[0].code} and new_same_kind)):
        return Resolution(commune=new[0], old_province=old_province)
    if len(targets) == 1 and (not new or (old_units and in_district) or (name.kind and not new_same_kind)):
        legacy = old[0]
        commune = units.communes[legacy.new_codes[0]]
        shadowed = next((c for c in new if c.code != commune.code), None)
        others = tuple(units.communes[c] for c in legacy.new_codes[1:])
        district = f"{legacy.district}, {legacy.old_province}" if in_district else None
        outside = bool(districts) and not in_district
        return Resolution(
            commune,
            legacy,
            legacy.old_province,
            district,
            others=others,
            shadowed=shadowed,
            outside_district=outside,
            former=by_former and bool(name.name),
        )
    if len(new) == 1 and not strict:
        return Resolution(commune=new[0], old_province=old_province)
    if len(targets) > 1 and districts and not in_district and not new:
        # "Phường 15, Phú Nhuận": the district is known and has no such name any more; the other
        # districts' Phường 15 are not candidates. Suggest what took the district's territory.
        inside = set().union(*(places.district_targets[d] for d in districts))
        return Resolution(suggestions=tuple(sorted(units.communes[c].name for c in inside)))
    if len(targets) > 1 and not strict:
        labels = {}
        for item in old:
            target = units.communes[item.new_codes[0]].name
            labels.setdefault(
                item.new_codes[0], f"{item.name} ({item.district}, {item.old_province}; nay là {target})"
            )
        return Resolution(candidates=tuple(sorted(labels.values())))
    if len(new) > 1 and not strict:
        return Resolution(candidates=tuple(c.name for c in new))
    return _EMPTY


def _completed(places: ProvincePlaces, name: PlaceName, districts: frozenset[str]) -> list[LegacyCommune]:
    """Names written short, inside the row's district only: "Thị trấn Nông Trường" in Mộc Châu
    (Thị trấn Nông trường Mộc Châu), "Thị trấn N Nhùn" in Nậm Nhùn (a word cut to its initial)."""
    inside = [item for item in places.legacy if district_id(item) in districts]
    found = []
    for item in inside:
        short_district = split_kind(item.district, DISTRICT_KINDS).folded
        keys = {folded_key(split_kind(item.name, COMMUNE_KINDS).name), *item.former_names}
        completed = name.folded + short_district
        if {completed, folded_key(name.kind or "") + completed} & keys or _initials_fit(name.name, item.name):
            found.append(item)
    return found if len({item.new_codes[0] for item in found}) == 1 else []


def _initials_fit(written: str, official: str) -> bool:
    words = fold(written).replace(".", " ").split()
    target = fold(split_kind(official, COMMUNE_KINDS).name).split()
    return (
        len(words) == len(target)
        and any(len(w) == 1 for w in words)
        and all(w == t or (len(w) == 1 and t.startswith(w)) for w, t in zip(words, target, strict=True))
    )


def _other_old_meaning(places: ProvincePlaces, name: PlaceName, found: Resolution) -> frozenset[str]:
    """A 2025 name that is also the old name of a place now in another commune: the keys of the
    old districts whose mention in the address would show the row is written in old units
    (Phường Mường Thanh of old Điện Biên Phủ)."""
    if found.commune is None or not name.name:
        return frozenset()
    others = [item for item in places.old_matches(name) if item.new_codes[0] != found.commune.code]
    return frozenset(key for item in others for key in item.district_keys if len(key) > 2)


def _may_name(address: str, district_keys: frozenset[str] | None) -> bool:
    """Whether the address can matter: always, unless only some old districts could (and it
    names none of them; a cheap test before reading it properly)."""
    if district_keys is None:
        return True
    compact = fold_compact(address)
    return any(key in compact for key in district_keys)


def _prefer(items: list, test) -> list:
    kept = [item for item in items if test(item)]
    return kept or items


def _in_province(ids: frozenset[str], old_province: str | None) -> frozenset[str]:
    if old_province is None:
        return ids
    kept = frozenset(i for i in ids if i.startswith(old_province + "|"))
    return kept or ids


def _district_label(ids: frozenset[str]) -> str:
    return " hoặc ".join(sorted(", ".join(i.split("|")[::-1]) for i in ids))


def _address_hints(
    places: ProvincePlaces, address: str, old_province: str | None, provinces: frozenset[str]
) -> tuple:
    """(districts the address names, communes it names as (kind, words, as written))."""
    found = mentions(address) if address else ()
    districts: frozenset[str] = frozenset()
    for mention in found:
        if mention.level == "district":
            districts = _in_province(
                places.district_ids(f"{mention.kind} {' '.join(mention.words)}"), old_province
            )
            if districts:
                break
    if not districts:
        districts = _unmarked_district(places, found, old_province, provinces)
    communes = tuple(
        (m.kind, m.words)
        for m in found
        if m.level == "commune" or (m.level == "" and m.words and not m.words[0].isdigit())
    )
    return districts, communes


def _unmarked_district(
    places: ProvincePlaces, found: tuple[Mention, ...], old_province: str | None, provinces: frozenset[str]
) -> frozenset[str]:
    # "Thị trấn Hương Canh Bình Xuyên", "Số 2 Ngô Quyền Vĩnh Yên", "…, Hàm Tân": a district
    # written without its kind, at the end of a part; "…, Yên Bái" at the very end is the province.
    for mention in reversed(found):
        if mention.level in ("district", "province"):
            continue
        words = mention.words
        longest = len(words) - 1 if mention.level == "commune" else len(words)
        for size in range(min(longest, 4), 0, -1):
            key = folded_key(" ".join(words[-size:]))
            ids = places.districts.get(key)
            if ids and (size > 1 or len(words) == 1) and not (size == len(words) and key in provinces):
                return _in_province(frozenset(ids), old_province)
    return frozenset()


def _decide_split(found: Resolution, values: dict[str, str], units: AdminUnits) -> Resolution:
    """An old commune split between several 2025 communes: the address, then the coordinates."""
    options = tuple(c for c in (found.commune, *found.others) if c is not None)
    # Only a commune written with its kind counts: "Quận Hoàn Kiếm" in an old address is the
    # district, not the 2025 Phường Hoàn Kiếm.
    written = {
        (m.kind, toned_key(" ".join(m.words)))
        for m in mentions(values.get("address", ""))
        if m.level == "commune"
    }
    named = [c for c in options if (c.kind, toned_key(c.short_name)) in written]
    if len(named) == 1:
        chosen = named[0]
        others = tuple(c for c in options if c is not chosen)
        return replace(found, commune=chosen, others=others, decided_by="địa chỉ")
    reading = read_coordinates(values.get("lat", ""), values.get("lon", ""))
    if reading.ok and reading.lat is not None:
        chosen = min(options, key=lambda c: haversine_km(reading.lat, reading.lon, c.lat, c.lon))
        return replace(
            found, commune=chosen, others=tuple(c for c in options if c is not chosen), decided_by="toạ độ"
        )
    return found


def _suggest(
    places: ProvincePlaces, name: PlaceName, districts: frozenset[str], units: AdminUnits
) -> tuple[str, ...]:
    """The closest 2025 names: by the name itself, and through close old names of the district."""
    if not name.name:
        return ()
    target = fold(name.name)
    new_names = {fold(c.short_name): c.name for items in places.new_toned.values() for c in items}
    close = [new_names[k] for k in difflib.get_close_matches(target, new_names, n=3, cutoff=0.75)]
    old_names = {
        fold(split_kind(item.name, COMMUNE_KINDS).name): item
        for item in places.legacy
        if not districts or district_id(item) in districts
    }
    for key in difflib.get_close_matches(target, old_names, n=2, cutoff=0.75):
        item = old_names[key]
        close.append(f"{units.communes[item.new_codes[0]].name} (tên cũ {item.name}, {item.district})")
    return tuple(dict.fromkeys(close))[:4]
