"""Per-province lookup tables over the 2025 communes, the pre-2025 communes and their districts,
built on first use (a build touches a few provinces' tables, a national validation all 34)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.geo import near_bound
from generator.places.names import (
    COMMUNE_KINDS,
    DISTRICT_KINDS,
    PlaceName,
    folded_key,
    not_a_commune_name,
    split_kind,
    toned_key,
)

if TYPE_CHECKING:
    from generator.units import AdminUnits, Commune, LegacyCommune


@dataclass
class ProvincePlaces:
    code: str
    new_toned: dict[str, list[Commune]] = field(default_factory=lambda: defaultdict(list))
    new_folded: dict[str, list[Commune]] = field(default_factory=lambda: defaultdict(list))
    old_toned: dict[str, list[LegacyCommune]] = field(default_factory=lambda: defaultdict(list))
    old_folded: dict[str, list[LegacyCommune]] = field(default_factory=lambda: defaultdict(list))
    old_former: dict[str, list[LegacyCommune]] = field(default_factory=lambda: defaultdict(list))
    # folded district key → the districts ("old province|district") known by it
    districts: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    legacy: list[LegacyCommune] = field(default_factory=list)
    # district → the 2025 communes that took its territory
    district_targets: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    islands: dict[str, LegacyCommune] = field(default_factory=dict)  # district → its đặc khu
    kinds: dict[str, str] = field(default_factory=dict)  # 2025 commune code → `commune_kind`
    # 2025 commune code → its `near_bound`, what the coordinates check compares points with
    bounds: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    # A commune cell as people write a 2025 name ("Xã Bản Hon", "xã Bản Hon", "Bản Hon") → the
    # commune it names whatever the province cell says, when the row names no district: no other
    # 2025 commune and no old or former name of another place answers to it (`_settles`).
    settled: dict[str, Commune] = field(default_factory=dict)
    # The same for a 2025 name that is also the old name of a place now in another commune
    # (Phường Mường Thanh): the commune, unless the address names one of these old districts
    # or the province cell is an old province's own name; a row is then read in old units.
    unless_named: dict[str, tuple[Commune, frozenset[str]]] = field(default_factory=dict)

    @classmethod
    def build(cls, units: AdminUnits, code: str) -> ProvincePlaces:
        index = cls(code)
        shorts = []
        for commune in units.communes_of(code):
            short = _without_kind(commune.name)
            shorts.append((commune, short))
            index.new_toned[toned_key(short)].append(commune)
            index.new_folded[folded_key(short)].append(commune)
            index.kinds[commune.code] = commune_kind(commune)
            index.bounds[commune.code] = near_bound(commune.lat, commune.lon, commune.area_km2)
        index.legacy = units.legacy_communes_of(code)
        for legacy in index.legacy:
            short = _without_kind(legacy.name)
            index.old_toned[toned_key(short)].append(legacy)
            index.old_folded[folded_key(short)].append(legacy)
            for former in legacy.former_names:
                index.old_former[former].append(legacy)
            for key in legacy.district_keys:
                index.districts[key].add(district_id(legacy))
            index.district_targets[district_id(legacy)].update(legacy.new_codes)
        for island in units.island_districts.get(code, ()):
            for key in island.district_keys:
                index.districts[key].add(district_id(island))
            index.islands[district_id(island)] = island
            index.district_targets[district_id(island)].update(island.new_codes)
        for commune, short in shorts:
            index._settle(commune, short)
        return index

    def _settle(self, commune: Commune, short: str) -> None:
        """Enter the cells that name this 2025 commune whatever the province cell says, when the
        row names no district: what `match` reads as it in 2025 units for any old province (the
        equivalence is tested key by key against the whole resolver)."""
        # The official name has its kind spelled out first, so it is never a note that names no
        # commune; the kind is read in any case: "xã Bản Hon" is the same cell.
        kind = commune.name[: len(commune.name) - len(short)]
        self._enter(
            (commune.name, kind.lower() + short),
            self._settles(split_kind(commune.name, COMMUNE_KINDS), commune),
            commune,
        )
        if not not_a_commune_name(short):
            self._enter((short,), self._settles(split_kind(short, COMMUNE_KINDS), commune), commune)

    def _enter(self, cells: tuple[str, ...], unless: frozenset[str] | None, commune: Commune) -> None:
        for cell in cells if unless is not None else ():
            if unless:
                self.unless_named[cell] = (commune, unless)
            else:
                self.settled[cell] = commune

    def _settles(self, name: PlaceName, commune: Commune) -> frozenset[str] | None:
        """None when the name is not read as this commune whatever the province cell says; else
        the keys of the old districts whose mention in the address reads the old unit instead
        (`match.other_old_meaning`), none for most names."""
        # The only 2025 commune of the name, and every old (or former) name it matches went to
        # it; a kind that is not its own would read an old unit of that kind.
        new = self.new_matches(name) if name.name else []
        if len(new) != 1 or new[0] is not commune:
            return None
        old = self.old_matches(name) or self.former_matches(name)
        if old and name.kind and self.kinds[commune.code] != name.kind:
            return None
        if all(item.new_codes[0] == commune.code for item in old):
            return frozenset()
        # Also an old name elsewhere (not a former name only): with no district, and the
        # province cell not an old province's own name, the row is in 2025 units.
        named = self.old_matches(name)
        others = [item for item in named if item.new_codes[0] != commune.code]
        return frozenset(key for item in others for key in item.district_keys if len(key) > 2) or None

    def new_matches(self, name: PlaceName) -> list[Commune]:
        found = _first(name, self.new_toned, self.new_folded)
        if name.kind and found:
            same = [c for c in found if self.kinds[c.code] == name.kind]
            return same or found
        return found

    def old_matches(self, name: PlaceName) -> list[LegacyCommune]:
        return _preferring_kind(_first(name, self.old_toned, self.old_folded), name.kind)

    def former_matches(self, name: PlaceName) -> list[LegacyCommune]:
        """Former names, merged or renamed 2019–2024: "Thị trấn Cầu Gồ" (now Phồn Xương),
        "Phường Tiền An" (Tiền Ninh Vệ), "Phường 6, Quận 3" (Võ Thị Sáu)."""
        keys = [folded_key(name.kind) + name.folded] if name.kind else []
        keys.append(name.folded)
        return next((self.old_former[k] for k in keys if self.old_former.get(k)), [])

    def district_ids(self, text: str) -> frozenset[str]:
        """'TP Bắc Ninh', 'H. Châu Thành', 'Q.10', 'YÊN THẾ' → the districts it can mean."""
        name = split_kind(text, DISTRICT_KINDS)
        if not name.name:
            return frozenset()
        if name.kind:
            with_kind = self.districts.get(folded_key(name.kind) + name.folded)
            if with_kind:
                return frozenset(with_kind)
        return frozenset(self.districts.get(name.folded, ()))


def commune_kind(commune: Commune) -> str:
    """The kind its name says: a few 2025 names and kinds disagree in the data (Phường Việt Hòa,
    kind Xã); a clerk copies the name."""
    return split_kind(commune.name, COMMUNE_KINDS).kind or commune.kind


def district_id(legacy: LegacyCommune) -> str:
    return f"{legacy.old_province}|{legacy.district}"


def _without_kind(official: str) -> str:
    # Official names always start with their kind, spelled out: no need for split_kind's regex.
    lowered = official.casefold()
    for kind in _OFFICIAL_KINDS:
        if lowered.startswith(kind):
            return official[len(kind) :]
    return official


_OFFICIAL_KINDS = tuple(k.casefold() + " " for k in ("Thị trấn", "Phường", "Đặc khu", "Xã"))


def _first(name: PlaceName, toned: dict, folded: dict) -> list:
    # Diacritics decide first: 8 pairs of communes share a folded name (Cẩm Giàng / Cẩm Giang).
    if not name.name:
        return []
    return list(toned.get(name.toned) or folded.get(name.folded) or [])


def _preferring_kind(found: list, kind: str | None) -> list:
    if kind and found:
        same = [item for item in found if item.kind == kind]
        return same or found
    return found
