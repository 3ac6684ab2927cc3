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
import pickle
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cache_entries import UNREADABLE, cache_folder, tool_version, unpickled, write_whole
from generator.places.names import district_keys, province_key
from generator.text import collapse_spaces, fold, fold_compact, nfc, slugify

if TYPE_CHECKING:
    from generator.places.resolve import PlaceResolver, Resolution

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
    kind: str = ""  # "Phường", "Xã", "Thị trấn"
    # Folded keys of its district (names, former names, the district it was split from) and the
    # folded former names of the commune itself (merged or renamed 2019–2024), from the package.
    district_keys: frozenset[str] = frozenset()
    former_names: tuple[str, ...] = ()


UNITS_PACKAGE = "vietnamadminunits"
# Inside the build cache (DANH_BA_CACHE_DIR): the lookups below, pickled (`admin_units()`).
UNITS_FOLDER = "units"


def data_source() -> dict[str, str]:
    """Where the codes and names come from, with the installed version (pinned in pyproject.toml;
    why this package and not `vietnam-provinces`: README, "Commune codes")."""
    from importlib.metadata import version

    release = version(UNITS_PACKAGE)
    return {
        "title": (
            f"Mã và tên tỉnh, xã từ 01/7/2025: gói {UNITS_PACKAGE} {release}, khớp danh mục mã số "
            "đơn vị hành chính của Quyết định 19/2025/QĐ-TTg"
        ),
        "path": f"https://pypi.org/project/{UNITS_PACKAGE}/{release}/",
        "version": release,
    }


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
            "SELECT provinceKey, districtKey, wardKey, province, district, ward, wardType,"
            " districtKeywords, districtAlias, wardAlias FROM admin_units_legacy"
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

        legacy_names = {(row[0], row[1], row[2]): row[3:] for row in legacy_rows}
        divided = json.loads((data_dir / "parser_legacy.json").read_text(encoding="utf-8"))[
            "DICT_PROVINCE_DISTRICT_DIVIDED"
        ]
        old_province_names: dict[str, set[str]] = defaultdict(set)
        legacy_by_province: dict[str, list[LegacyCommune]] = defaultdict(list)
        # Island districts had no communes before 2025; all of each became one đặc khu.
        self.island_districts: dict[str, list[LegacyCommune]] = defaultdict(list)
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
            province_code = self.communes[codes[0]].province_code
            if not old_key[2]:  # an island district without communes (Lý Sơn, Côn Đảo …)
                names = legacy_names[(old_key[0], old_key[1], None)]
                keys = district_keys(names[1], names[4], names[5], [])
                island = LegacyCommune("", names[1], names[0], (codes[0],), district_keys=keys)
                self.island_districts[province_code].append(island)
                continue
            names = legacy_names.get(old_key)
            if names is None:
                continue
            legacy = LegacyCommune(
                names[2],
                names[1],
                names[0],
                tuple(dict.fromkeys(codes)),
                kind=_named_kind(names[2]) or names[3] or "",
                district_keys=district_keys(names[1], names[4], names[5], _divided_keys(divided, old_key)),
                former_names=tuple(json.loads(names[6] or "[]")),
            )
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
                for form in (fold_compact(name), province_key(name)):
                    self._province_names.setdefault(form, p.code)

        self._legacy_by_province = legacy_by_province
        self._resolver: PlaceResolver | None = None

    def province_by_slug(self, slug: str) -> Province | None:
        return self._province_by_slug.get(slug)

    def province_by_name(self, text: str) -> Province | None:
        """The 2025 name or a merged pre-2025 one, as people write them: with or without
        'Tỉnh'/'Thành phố'/'TP', '(TP)' after it, any case, spacing and tone-mark placement."""
        code = self._province_names.get(fold_compact(text)) or self._province_names.get(province_key(text))
        return self.provinces.get(code) if code else None

    def communes_of(self, province_code: str) -> list[Commune]:
        return list(self._by_province[province_code])

    def legacy_communes_of(self, province_code: str) -> list[LegacyCommune]:
        return list(self._legacy_by_province[province_code])

    @property
    def resolver(self) -> PlaceResolver:
        """Reads a row's place as a person would (old names, districts, the address); cached."""
        if self._resolver is None:
            from generator.places.resolve import PlaceResolver

            self._resolver = PlaceResolver(self)
        return self._resolver

    def resolve_place(self, province_code: str, values: dict[str, str]) -> Resolution:
        """The commune of a row (keys as in the contract: commune, district, province, address,
        lat, lon), with the old province and district it was understood in."""
        resolve = self.resolver.resolve
        # Called for every row three times (check, coordinates, builder): later calls go straight
        # to the resolver's cache.
        self.resolve_place = resolve  # type: ignore[method-assign]
        return resolve(province_code, values)

    def match_commune(self, province_code: str, text: str) -> Resolution:
        """A commune cell alone; `.commune`, `.legacy` (`.legacy.old_province`), `.old_province`."""
        return self.resolver.resolve(province_code, {"commune": text})

    def suggest_communes(self, province_code: str, text: str, limit: int = 3) -> tuple[str, ...]:
        names = {fold(c.short_name): c.name for c in self._by_province[province_code]}
        close = difflib.get_close_matches(fold(_strip_kind(text)), names, n=limit, cutoff=0.6)
        return tuple(names[key] for key in close)


def _named_kind(name: str) -> str:
    # The name wins over the kind column: a few rows disagree (Phường 15, Quận Phú Nhuận has kind
    # "Xã"), and a clerk copies the name.
    lowered = name.casefold()
    return next((kind for kind in COMMUNE_KINDS if lowered.startswith(kind.casefold() + " ")), "")


def _divided_keys(divided: dict, old_key: tuple[str, ...]) -> list[str]:
    """Keywords of a district that no longer existed in 2025 because it was split into this one
    and others (old "Thành phố Huế" → Phú Xuân, Thuận Hóa). A district that only lost a few
    communes to a neighbour still exists under its own name and adds nothing."""
    province_key, district_key, _ = old_key
    return [
        keyword
        for old_district, entry in divided.get(province_key, {}).items()
        if district_key in entry["districts"] and old_district not in entry["districts"]
        for keyword in entry["dividedDistrictKeywords"]
    ]


@cache
def admin_units() -> AdminUnits:
    """Read from the build cache when this version of the tool and of the package made them
    before: building the lookups from the package's files is ~0.25 s CPU of every process (a
    monthly build, each test worker); unpickling them a sixth of that. The tables depend only on
    the package (its version is in `tool_version`) and this code, so the entry is keyed by the
    tool's version alone; a missing or unreadable one is built again."""
    entry = cache_folder() / UNITS_FOLDER / f"{tool_version()}.pickle"
    try:
        with entry.open("rb") as handle:
            units = unpickled(handle)
        if isinstance(units, AdminUnits):
            return units
    except UNREADABLE:
        pass
    units = AdminUnits(_data_dir())
    write_whole(entry, lambda handle: pickle.dump(units, handle, protocol=pickle.HIGHEST_PROTOCOL))
    return units
