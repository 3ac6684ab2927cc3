"""What the address adds: the old district it names, the communes it names, a split old commune
placed by the address or the coordinates, and the closest names when nothing fits."""

from __future__ import annotations

import difflib
from dataclasses import replace
from typing import TYPE_CHECKING

from generator.geo import haversine_km, read_coordinates
from generator.places.address import Mention, mentions
from generator.places.index import ProvincePlaces, district_id
from generator.places.match import Resolution, in_province, match
from generator.places.names import COMMUNE_KINDS, PlaceName, folded_key, split_kind, toned_key
from generator.text import fold

if TYPE_CHECKING:
    from generator.units import AdminUnits


def address_hints(
    places: ProvincePlaces, address: str, old_province: str | None, provinces: frozenset[str]
) -> tuple:
    """(districts the address names, communes it names as (kind, words, as written), bare names
    ending a street or hamlet part, tried only when nothing else names the commune)."""
    found = mentions(address) if address else ()
    districts: frozenset[str] = frozenset()
    for mention in found:
        if mention.level == "district":
            for words in (*_longest_first(mention), *_without_province(mention.words, provinces)):
                named = places.district_ids(f"{mention.kind} {' '.join(words)}")
                districts = in_province(named, old_province)
                if districts:
                    break
            if districts:
                break
    if not districts:
        districts = _unmarked_district(places, found, old_province, provinces)
    communes = tuple(
        (m.kind, m.words + m.tail)
        for m in found
        if m.level == "commune" or (m.level == "" and m.words and not m.words[0].isdigit())
    )
    return districts, communes, _after_street(places, found)


# Family names open a person's name, the usual street name ("Nguyễn Thị Minh Khai"): the two
# words after them are the person's, not a commune's.
_FAMILY_NAMES = frozenset(
    folded_key(name)
    for name in (
        *("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"),
        *("Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lương", "Trương", "Mai", "Cao", "Đào"),
        *("Đoàn", "Lâm", "Tôn", "Hà", "Chu", "Tạ", "Kim", "Trịnh", "Phùng", "Tô", "Lưu", "La"),
    )
)


def _after_street(places: ProvincePlaces, found: tuple[Mention, ...]) -> tuple[tuple[str, ...], ...]:
    # "Đường Nguyễn Tất Thành Khai Quang Vĩnh Yên", "Khối Tân Thành Hoà Hiếu TX Thái Hoà", "Gần
    # Bưu điện Đồng Tâm": the commune written bare after the street or hamlet, before the
    # district if any. Only a name that leaves a whole street before it counts: "Số 2 Ngô Quyền"
    # is the street Ngô Quyền, not the ward.
    names: list[tuple[str, ...]] = []
    for mention in found:
        if mention.level != "street" or len(mention.words) < 4:
            continue
        words = mention.words
        ends = [len(words)]
        for size in range(1, min(4, len(words) - 3) + 1):
            if folded_key(" ".join(words[-size:])) in places.districts:
                ends.append(len(words) - size)
        for end in ends:
            for size in (3, 2):
                before = words[: end - size]
                if len(before) >= 3 or (len(before) == 2 and folded_key(before[0]) not in _FAMILY_NAMES):
                    names.append(words[end - size : end])
    return tuple(names)


def _without_province(words: tuple[str, ...], provinces: frozenset[str]) -> tuple[tuple[str, ...], ...]:
    # "TP Yên Bái Yên Bái": the province written after its district with no separator.
    return tuple(
        words[:size]
        for size in range(len(words) - 1, 0, -1)
        if folded_key(" ".join(words[size:])) in provinces
    )


def _longest_first(mention: Mention) -> tuple[tuple[str, ...], ...]:
    return (mention.words + mention.tail, mention.words) if mention.tail else (mention.words,)


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
                return in_province(frozenset(ids), old_province)
    return frozenset()


def decide_split(found: Resolution, values: dict[str, str], units: AdminUnits) -> Resolution:
    """An old commune split between several 2025 communes: the address, then the coordinates."""
    options = tuple(c for c in (found.commune, *found.others) if c is not None)
    # Only a commune written with its kind counts: "Quận Hoàn Kiếm" in an old address is the
    # district, not the 2025 Phường Hoàn Kiếm.
    written = {
        (m.kind, toned_key(" ".join(words)))
        for m in mentions(values.get("address", ""))
        if m.level == "commune"
        for words in _longest_first(m)
    }
    named = [c for c in options if (c.kind, toned_key(c.short_name)) in written]
    if len(named) == 1:
        chosen = named[0]
        others = tuple(c for c in options if c is not chosen)
        return replace(found, commune=chosen, others=others, decided_by="địa chỉ")
    reading = read_coordinates(values.get("lat", ""), values.get("lon", ""))
    lat, lon = reading.lat, reading.lon
    if reading.ok and lat is not None and lon is not None:
        chosen = min(options, key=lambda c: haversine_km(lat, lon, c.lat, c.lon))
        return replace(
            found, commune=chosen, others=tuple(c for c in options if c is not chosen), decided_by="toạ độ"
        )
    return found


def suggest(
    places: ProvincePlaces, name: PlaceName, districts: frozenset[str], units: AdminUnits
) -> tuple[str, ...]:
    """The closest 2025 names: by the name itself, and through close old names of the district."""
    if not name.name:
        return ()
    target = fold(name.name)
    inside = set().union(*(places.district_targets[d] for d in districts)) if districts else set()
    new_names = {
        fold(c.short_name): c.name
        for items in places.new_toned.values()
        for c in items
        if not inside or c.code in inside
    }
    close = [new_names[k] for k in difflib.get_close_matches(target, new_names, n=3, cutoff=0.75)]
    old_names = {
        fold(split_kind(item.name, COMMUNE_KINDS).name): item
        for item in places.legacy
        if not districts or district_id(item) in districts
    }
    for key in difflib.get_close_matches(target, old_names, n=2, cutoff=0.75):
        item = old_names[key]
        close.append(f"{units.communes[item.new_codes[0]].name} (tên cũ {item.name}, {item.district})")
    if not close and inside:
        # Nothing close ("Formusa", a pre-2019 name the data lacks): what took the old district.
        return tuple(sorted(units.communes[code].name for code in inside))[:_DISTRICT_SUGGESTIONS]
    return tuple(dict.fromkeys(close))[:4]


_DISTRICT_SUGGESTIONS = 10


def commune_from_street(
    units: AdminUnits,
    places: ProvincePlaces,
    names: tuple[tuple[str, ...], ...],
    districts: frozenset[str],
    old_province: str | None,
) -> Resolution | None:
    """The one commune of the row's district named bare after a street (`_after_street`)."""
    if not districts:
        return None
    results: dict[str, Resolution] = {}
    for words in names:
        name = PlaceName(None, " ".join(words))
        found = match(places, name, districts, old_province, True, units, True, within_district=True)
        if found.commune is not None and not found.candidates and not found.others:
            results.setdefault(found.commune.code, replace(found, from_address=name.name))
    return next(iter(results.values())) if len(results) == 1 else None


def commune_from_address(
    units: AdminUnits,
    places: ProvincePlaces,
    commune_mentions: tuple,
    districts: frozenset[str],
    old_province: str | None,
    old_units: bool,
    kind: str | None,
) -> Resolution | None:
    """The one commune the address names (a bare name only inside the row's district), if one."""
    results: dict[str, Resolution] = {}
    for mention_kind, words in commune_mentions:
        if (mention_kind is None and not districts) or (kind and mention_kind != kind):
            continue  # a bare name in an address is only trusted inside a known district
        if mention_kind is None and places.districts.get(folded_key(" ".join(words)), set()) & districts:
            continue  # "…, Nông Cống": the district itself, not its town
        for size in range(len(words), 0, -1):
            name = PlaceName(mention_kind, " ".join(words[:size]))
            strict = mention_kind is None
            found = match(
                places, name, districts, old_province, old_units, units, strict, within_district=True
            )
            if found.commune is not None:
                shown = " ".join((mention_kind or "", *words[:size])).strip()
                results.setdefault(found.commune.code, replace(found, from_address=shown))
                break
        if results and mention_kind is not None:
            break  # the first unit written with its kind is the commune
    return next(iter(results.values())) if len(results) == 1 else None
