"""Matching a commune name inside a 2025 province: 2025 names, pre-2025 names, former names,
names written short, with the row's old district and old province deciding between places."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from generator.places.index import ProvincePlaces, district_id
from generator.places.names import (
    COMMUNE_KINDS,
    DISTRICT_KINDS,
    PlaceName,
    folded_key,
    split_kind,
    toned_key,
)
from generator.text import fold, fold_compact

if TYPE_CHECKING:
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
    unnamed: bool = False  # the cell names no commune ("Thị xã", "Đang khảo sát"): read as empty
    elsewhere: str = ""  # nothing found, and the row's district is only another province's
    # No commune named, and the old district named (cell or address) went whole into one 2025
    # commune: that district, "Quận Ngũ Hành Sơn, Thành phố Đà Nẵng".
    by_district: str = ""
    # A cell naming several places ("Di Luân – Quảng Tùng"): the part(s) read as the commune, and
    # the parts taken for villages or hamlets (places/parts.py).
    part: str = ""
    dropped: tuple[str, ...] = ()


EMPTY = Resolution()
_EMPTY_FIELDS = dict(EMPTY.__dict__)


def in_2025_units(commune: Commune, old_province: str | None) -> Resolution:
    """`Resolution(commune=commune, old_province=old_province)`, what most distinct commune cells
    read as, without the frozen dataclass's __init__, which sets its 18 fields one
    `object.__setattr__` at a time: the fields are those of EMPTY, two of them given."""
    found = object.__new__(Resolution)
    object.__setattr__(found, "__dict__", {**_EMPTY_FIELDS, "commune": commune, "old_province": old_province})
    return found


def match(
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
        named = places.old_matches(name)
        # Former names count when the name itself is not an old name (of the row's district).
        needed = not named or (districts and not any(district_id(item) in districts for item in named))
        former = places.former_matches(name) if needed else []
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
    in_district = (
        [item for item in named if district_id(item) in districts]
        or [item for item in former if district_id(item) in districts]
        if districts
        else []
    )
    by_former = not named or (bool(in_district) and in_district[0] not in named)
    if strict and not in_district:
        return EMPTY
    if within_district and districts and not in_district:
        inside = set().union(*(places.district_targets[d] for d in districts))
        new = [c for c in new if c.code in inside]
        if not new:
            return EMPTY
    old = (
        in_district
        or named
        or (_prefer(former, lambda item: item.old_province == old_province) if name.name else [])
    )
    targets = {item.new_codes[0] for item in old}
    new_same_kind = [c for c in new if not name.kind or places.kinds[c.code] == name.kind]
    # "Thị trấn Quảng Uyên" is the old unit even though its 2025 successor has the same name.
    if len(new) == 1 and (not old or (targets == {new[0].code} and new_same_kind)):
        return in_2025_units(new[0], old_province)
    # The row is in old units: an old district that has the name, or (no district) an old
    # province that does.
    old_decides = in_district or (not districts and old_province in {item.old_province for item in old})
    if len(targets) == 1 and (not new or (old_units and old_decides) or (name.kind and not new_same_kind)):
        legacy = old[0]
        commune = units.communes[legacy.new_codes[0]]
        shadowed = next((c for c in new if c.code != commune.code), None)
        others = tuple(units.communes[c] for c in legacy.new_codes[1:])
        understood: str | None = f"{legacy.district}, {legacy.old_province}" if in_district else None
        outside = bool(districts) and not in_district
        return Resolution(
            commune,
            legacy,
            legacy.old_province,
            understood,
            others=others,
            shadowed=shadowed,
            outside_district=outside,
            former=by_former and bool(name.name),
        )
    if len(new) == 1 and not strict:
        return in_2025_units(new[0], old_province)
    if len(targets) > 1 and districts and not in_district and not new:
        # "Phường 16, Phú Nhuận": the district is known and has no such name; the other
        # districts' Phường 16 are not candidates. Suggest what took the district's territory.
        inside = set().union(*(places.district_targets[d] for d in districts))
        return Resolution(suggestions=tuple(sorted(units.communes[c].name for c in inside)))
    if len(targets) > 1 and not strict:
        labels: dict[str, str] = {}
        for item in old:
            target = units.communes[item.new_codes[0]].name
            labels.setdefault(
                item.new_codes[0], f"{item.name} ({item.district}, {item.old_province}; nay là {target})"
            )
        return Resolution(candidates=tuple(sorted(labels.values())))
    if len(new) > 1 and not strict:
        return Resolution(candidates=tuple(c.name for c in new))
    return EMPTY


def _completed(places: ProvincePlaces, name: PlaceName, districts: frozenset[str]) -> list[LegacyCommune]:
    """Names written short, inside the row's district only: "Thị trấn Nông Trường" in Mộc Châu
    (Thị trấn Nông trường Mộc Châu), "Thị trấn N Nhùn" in Nậm Nhùn (a word cut to its initial),
    "TT DMC" in Dương Minh Châu (initials), "Phường Chí Kiên" in Bắc Kạn (Phùng Chí Kiên, the
    first word dropped). Only when exactly one 2025 commune fits."""
    inside = [item for item in places.legacy if district_id(item) in districts]
    found = []
    for item in inside:
        short_district = split_kind(item.district, DISTRICT_KINDS).folded
        keys = {folded_key(split_kind(item.name, COMMUNE_KINDS).name), *item.former_names}
        completed = name.folded + short_district
        same_kind = not name.kind or item.kind == name.kind
        if (
            {completed, folded_key(name.kind or "") + completed} & keys
            or _initials_fit(name.name, item.name)
            or (same_kind and (_acronym_fits(name.name, item.name) or _tail_fits(name.name, item.name)))
        ):
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


def _acronym_fits(written: str, official: str) -> bool:
    # "DMC": one word in capitals, every letter the initial of a word of the name; in a list typed
    # in lower case ("dmc"), a word without a vowel, which no Vietnamese syllable is.
    target = fold(split_kind(official, COMMUNE_KINDS).name).split()
    return (
        len(target) >= 2
        and written.isalpha()
        and (written.isupper() or _VOWELS.isdisjoint(fold(written)))
        and fold(written) == "".join(word[0] for word in target)
    )


_VOWELS = frozenset("aeiouy")


def _tail_fits(written: str, official: str) -> bool:
    # "Chí Kiên" for Phùng Chí Kiên: at least two words, the name's last ones, spelled in full.
    words = toned_key(written)
    target = split_kind(official, COMMUNE_KINDS).name.split()
    return (
        len(written.split()) >= 2
        and len(target) > len(written.split())
        and (toned_key(" ".join(target[-len(written.split()) :])) == words)
    )


def other_old_meaning(places: ProvincePlaces, name: PlaceName, found: Resolution) -> frozenset[str]:
    """A 2025 name that is also the old name of a place now in another commune: the keys of the
    old districts whose mention in the address would show the row is written in old units
    (Phường Mường Thanh of old Điện Biên Phủ)."""
    if found.commune is None or not name.name:
        return frozenset()
    others = [item for item in places.old_matches(name) if item.new_codes[0] != found.commune.code]
    return frozenset(key for item in others for key in item.district_keys if len(key) > 2)


def may_name(address: str, district_keys: frozenset[str] | None) -> bool:
    """Whether the address can matter: always, unless only some old districts could (and it
    names none of them; a cheap test before reading it properly)."""
    if district_keys is None:
        return True
    compact = fold_compact(address)
    return any(key in compact for key in district_keys)


def _prefer(items: list, test) -> list:
    if len(items) < 2:  # nothing to choose between
        return items
    kept = [item for item in items if test(item)]
    return kept or items


def in_province(ids: frozenset[str], old_province: str | None) -> frozenset[str]:
    if old_province is None:
        return ids
    kept = frozenset(i for i in ids if i.startswith(old_province + "|"))
    return kept or ids


def district_label(ids: frozenset[str]) -> str:
    return " hoặc ".join(sorted(", ".join(i.split("|")[::-1]) for i in ids))
