"""Vietnam's administrative units: the 34 provinces and 3,321 communes of 1 July 2025, and the
pre-2025 names people still use, read from the `vietnamadminunits` package's own data files.

We read the package's SQLite and JSON files directly instead of importing its modules: importing
the package costs half a second and its converter may geocode over the network, which a build must
never do.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from generator.text import collapse_spaces, fold, fold_compact, nfc, slugify

COMMUNE_KINDS = ("Đặc khu", "Phường", "Thị trấn", "Xã")


@dataclass(frozen=True)
class Province:
    code: str
    name: str  # "Tỉnh Lai Châu"
    short_name: str  # "Lai Châu"
    slug: str  # "lai-chau"
    lat: float
    lon: float
    legacy_names: tuple[str, ...] = ()  # pre-2025 provinces merged into this one


@dataclass(frozen=True)
class Commune:
    code: str  # official 5-digit code, unique nationally
    name: str  # "Xã Cẩm Giàng"
    short_name: str  # "Cẩm Giàng"
    kind: str  # "Xã", "Phường", "Đặc khu"
    province_code: str
    lat: float
    lon: float
    area_km2: float


@dataclass(frozen=True)
class LegacyCommune:
    """A pre-2025 commune and the 2025 commune(s) that took its territory."""

    name: str  # "Phường Uyên Hưng"
    district: str  # "Thành phố Tân Uyên"
    old_province: str
    new_codes: tuple[str, ...]  # default first when the old commune was split


@dataclass(frozen=True)
class CommuneMatch:
    """Outcome of reading a commune cell: exactly one of the shapes below."""

    commune: Commune | None = None
    legacy: LegacyCommune | None = None  # set when an old name was converted
    candidates: tuple[Commune, ...] = ()  # ambiguous: more than one commune fits
    suggestions: tuple[str, ...] = ()  # not found: close names in the province


@dataclass
class _ProvinceIndex:
    exact: dict[str, list[Commune]] = field(default_factory=lambda: defaultdict(list))
    folded: dict[str, list[Commune]] = field(default_factory=lambda: defaultdict(list))
    legacy_exact: dict[str, list[LegacyCommune]] = field(default_factory=lambda: defaultdict(list))
    legacy_folded: dict[str, list[LegacyCommune]] = field(default_factory=lambda: defaultdict(list))


def _data_dir() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("Thiếu gói vietnamadminunits: chạy `pip install -e .`")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _exact_key(name: str) -> str:
    return collapse_spaces(nfc(name)).casefold()


def _strip_kind(name: str) -> str:
    lowered = _exact_key(name)
    for kind in COMMUNE_KINDS:
        prefix = kind.casefold() + " "
        if lowered.startswith(prefix):
            return lowered[len(prefix) :]
    return lowered


class AdminUnits:
    """Lookups over the 2025 units; built once per process (see `admin_units()`)."""

    def __init__(self, data_dir: Path) -> None:
        db = sqlite3.connect(f"file:{data_dir / 'dataset.db'}?mode=ro", uri=True)
        rows = db.execute(
            "SELECT provinceCode, province, provinceShort, provinceLat, provinceLon, provinceKey,"
            " wardCode, ward, wardShort, wardType, wardLat, wardLon, wardAreaKm2, wardKey"
            " FROM admin_units ORDER BY provinceCode, wardCode"
        ).fetchall()
        legacy_rows = db.execute(
            "SELECT provinceKey, districtKey, wardKey, province, district, ward FROM admin_units_legacy"
        ).fetchall()
        db.close()
        converter = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))

        self.communes: dict[str, Commune] = {}
        self._by_province: dict[str, list[Commune]] = defaultdict(list)
        provinces: dict[str, dict] = {}
        key_to_commune: dict[tuple[str, str], Commune] = {}
        province_key_to_code: dict[str, str] = {}
        for (
            p_code,
            p_name,
            p_short,
            p_lat,
            p_lon,
            p_key,
            w_code,
            w_name,
            w_short,
            w_kind,
            w_lat,
            w_lon,
            w_area,
            w_key,
        ) in rows:
            provinces.setdefault(
                p_code,
                dict(
                    code=p_code, name=p_name, short_name=p_short, slug=slugify(p_short), lat=p_lat, lon=p_lon
                ),
            )
            province_key_to_code[p_key] = p_code
            commune = Commune(w_code, w_name, w_short, w_kind, p_code, w_lat, w_lon, w_area or 0.0)
            self.communes[w_code] = commune
            self._by_province[p_code].append(commune)
            key_to_commune[(p_key, w_key)] = commune

        legacy_names = {(p, d, w): (pn, dn, wn) for p, d, w, pn, dn, wn in legacy_rows}
        old_province_names: dict[str, set[str]] = defaultdict(set)
        legacy_by_province: dict[str, list[LegacyCommune]] = defaultdict(list)
        new_codes_by_old: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        for p_key, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
            for w_key, old_keys in wards.items():
                for old_key in old_keys:
                    new_codes_by_old[tuple(old_key.split("_", 2))].append(key_to_commune[(p_key, w_key)].code)
        for p_key, old_wards in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
            for old_key, targets in old_wards.items():
                ordered = sorted(targets, key=lambda t: not t["isDefaultNewWard"])
                new_codes_by_old[tuple(old_key.split("_", 2))].extend(
                    key_to_commune[(p_key, t["newWardKey"])].code for t in ordered
                )
        for old_key, codes in new_codes_by_old.items():
            names = legacy_names.get(old_key)
            if names is None or names[2] is None:  # island districts had no communes
                continue
            province_code = self.communes[codes[0]].province_code
            legacy = LegacyCommune(names[2], names[1], names[0], tuple(dict.fromkeys(codes)))
            legacy_by_province[province_code].append(legacy)
            old_province_names[province_code].add(names[0])

        self.provinces: dict[str, Province] = {
            code: Province(**info, legacy_names=tuple(sorted(old_province_names[code])))
            for code, info in sorted(provinces.items())
        }
        self._province_by_slug = {p.slug: p for p in self.provinces.values()}
        self._province_names: dict[str, str] = {}
        for p in self.provinces.values():
            for name in (p.name, p.short_name, *p.legacy_names):
                for form in (fold_compact(name), fold_compact(_strip_province_kind(name))):
                    self._province_names.setdefault(form, p.code)

        self._index: dict[str, _ProvinceIndex] = {}
        for code in self.provinces:
            index = _ProvinceIndex()
            for commune in self._by_province[code]:
                for form in (commune.name, commune.short_name):
                    index.exact[_exact_key(form)].append(commune)
                    index.folded[fold_compact(form)].append(commune)
            for legacy in legacy_by_province[code]:
                for form in (legacy.name, _strip_kind(legacy.name)):
                    index.legacy_exact[_exact_key(form)].append(legacy)
                    index.legacy_folded[fold_compact(form)].append(legacy)
            self._index[code] = index
        self._legacy_by_province = legacy_by_province
        self._match_cache: dict[tuple[str, str], CommuneMatch] = {}

    def province_by_slug(self, slug: str) -> Province | None:
        return self._province_by_slug.get(slug)

    def province_by_name(self, text: str) -> Province | None:
        """Accepts the 2025 name, with or without 'Tỉnh'/'Thành phố', or a merged pre-2025 name."""
        code = self._province_names.get(fold_compact(text)) or self._province_names.get(
            fold_compact(_strip_province_kind(text))
        )
        return self.provinces.get(code) if code else None

    def communes_of(self, province_code: str) -> list[Commune]:
        return list(self._by_province[province_code])

    def legacy_communes_of(self, province_code: str) -> list[LegacyCommune]:
        return list(self._legacy_by_province[province_code])

    def match_commune(self, province_code: str, text: str) -> CommuneMatch:
        # A province's file repeats the same few hundred commune names thousands of times.
        key = (province_code, text)
        if key not in self._match_cache:
            self._match_cache[key] = self._match_commune(province_code, text)
        return self._match_cache[key]

    def _match_commune(self, province_code: str, text: str) -> CommuneMatch:
        index = self._index[province_code]
        exact = _exact_key(text)
        # Diacritics decide first: 8 pairs of communes share a folded name (Cẩm Giàng / Cẩm Giang).
        for table, key in ((index.exact, exact), (index.folded, fold_compact(text))):
            found = _unique(table.get(key, []))
            if found:
                return _single_or_ambiguous(found)
        for legacy_table, key in (
            (index.legacy_exact, exact),
            (index.legacy_folded, fold_compact(text)),
        ):
            found_legacy = legacy_table.get(key, [])
            if found_legacy:
                targets = {legacy.new_codes[0] for legacy in found_legacy}
                if len(targets) == 1:
                    return CommuneMatch(commune=self.communes[targets.pop()], legacy=found_legacy[0])
                return CommuneMatch(candidates=tuple(self.communes[c] for c in sorted(targets)))
        return CommuneMatch(suggestions=self.suggest_communes(province_code, text))

    def suggest_communes(self, province_code: str, text: str, limit: int = 3) -> tuple[str, ...]:
        names = {fold(c.short_name): c.name for c in self._by_province[province_code]}
        close = difflib.get_close_matches(fold(_strip_kind(text)), names, n=limit, cutoff=0.6)
        return tuple(names[key] for key in close)


def _strip_province_kind(name: str) -> str:
    folded = fold(name)
    for prefix in ("thanh pho ", "tinh ", "tp. ", "tp "):
        if folded.startswith(prefix):
            return name[len(prefix) :]
    return name


def _unique(communes: list[Commune]) -> list[Commune]:
    return list({c.code: c for c in communes}.values())


def _single_or_ambiguous(found: list[Commune]) -> CommuneMatch:
    if len(found) == 1:
        return CommuneMatch(commune=found[0])
    return CommuneMatch(candidates=tuple(found))


@cache
def admin_units() -> AdminUnits:
    return AdminUnits(_data_dir())
