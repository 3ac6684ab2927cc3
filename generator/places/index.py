"""Per-province lookup tables over the 2025 communes, the pre-2025 communes and their districts,
built on first use (a build touches a few provinces' tables, a national validation all 34)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.geo import near_bound
from generator.places.names import COMMUNE_KINDS, DISTRICT_KINDS, PlaceName, folded_key, split_kind, toned_key

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

    @classmethod
    def build(cls, units: AdminUnits, code: str) -> ProvincePlaces:
        index = cls(code)
        for commune in units.communes_of(code):
            short = _without_kind(commune.name)
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
        return index

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
