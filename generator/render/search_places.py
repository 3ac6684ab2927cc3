"""The place table of the search (`tim-kiem/noi.json`): what a query that names a place means.

A citizen types a place more often than a point: a 2025 province or commune, a pre-2025
province or district ("binh duong", "quan 1"), an abbreviation ("tphcm", "brvt"). The browser
fetches this table once, on the first query, and answers a query that names a place with that
place's points first (site_src/assets/search-core.js).

- 2025 provinces are the index's own province ranges (`meta.json`);
- 2025 communes carry the id range of their points (ids follow the province pages' order, so a
  commune is one range);
- a pre-2025 district lists the 2025 communes that took its territory (from the official
  old → new commune mapping of `vietnamadminunits`, read by generator/units.py); a pre-2025
  province is the union of its districts, so it lists only the 2025 province it went to;
- abbreviations and aliases come from the reviewed table generator/data/place-aliases.csv.

The pre-2025 communes (about 10,000: "xa nam son", "phuong 7") are a second table, apart: in
noi.json they would add ~45 KB compressed to what the home page preloads. Each lists the 2025
communes that took its territory and its district (a row of noi.json's `districts`), in shards by
the first letter of its bare name (`xa-cu/<letter>.json`, digits in `0`), which the browser
fetches only for a query that may name one (site_src/assets/places.js, `oldShards`). The centres
of each province's communes (`toa-do/<province>.json`) are fetched only for a query naming a
commune with no point yet: its province's points are shown nearest to it first.

Rows are positional to keep the file small; their field names are declared in `layouts` and
read by name in the browser.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

from generator.merge import Directory
from generator.model import Point
from generator.text import fold, fold_compact
from generator.units import admin_units

ALIASES_CSV = Path(__file__).resolve().parent.parent / "data" / "place-aliases.csv"
# The words that name a unit's kind, as written in the official names; longest first so that
# "thi xa" is stripped before "xa".
KIND_WORDS = ("thanh pho", "thi tran", "dac khu", "thi xa", "phuong", "huyen", "quan", "tinh", "xa")
LAYOUTS = {
    "commune": ["name", "province", "first", "count"],
    "old": ["name", "province", "same"],
    "district": ["name", "old", "communes"],
}
OLD_COMMUNES_DIR = "xa-cu"
CENTRES_DIR = "toa-do"
OLD_COMMUNE_LAYOUT = ["name", "district", "communes"]
# A reference to a place in `aliases`: kind letter + index in its list (provinces: meta.json).
PROVINCE, OLD, DISTRICT, COMMUNE = "P", "O", "D", "C"


class AliasError(ValueError):
    """A row of the alias table names no known place or kind: the table must be fixed."""


def bare_key(name: str) -> str:
    """The folded name without its kind, spaces and punctuation: 'Tỉnh Bà Rịa - Vũng Tàu' →
    'bariavungtau', 'Quận 1' → '1'."""
    folded = fold(name)
    for kind in KIND_WORDS:
        if folded.startswith(kind + " "):
            return fold_compact(folded[len(kind) :])
    return fold_compact(folded)


def kind_words() -> list[str]:
    """The words that write a unit's kind, in full or abbreviated ("quan", "q", "tp"): a number
    typed after one names a unit ("quan 1"), not a point's "thôn 9" (search `meta.json`)."""
    one_word = {kind for kind in KIND_WORDS if " " not in kind}  # "khu pho 15" is a point's
    return sorted(one_word | {fold_compact(row["alias"]) for row in read_aliases() if row["kind"] == "kind"})


def read_aliases(path: Path | None = None) -> list[dict[str, str]]:
    with (path or ALIASES_CSV).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def place_table(directory: Directory, points: list[tuple[Point, int]]) -> dict:
    """The table for `points` in search-id order (as `search_index.ordered_points` gives them)."""
    units = admin_units()
    codes = [point.commune_code for point, _ in points]
    commune_index = _commune_index(directory)
    counts = Counter(codes)
    # Each commune's first id: the last one a reversed walk meets (no Python step per point).
    firsts = dict(zip(reversed(codes), range(len(codes) - 1, -1, -1), strict=True))
    ranges = {code: (firsts[code], count) for code, count in counts.items()}
    communes: list[list] = []
    province_index = {state.province.code: i for i, state in enumerate(directory.provinces)}
    for state in directory.provinces:
        for commune in units.communes_of(state.province.code):
            first, count = ranges.get(commune.code, (0, 0))
            communes.append([commune.name, province_index[state.province.code], first, count])

    district_communes: dict[tuple[str, str], set[int]] = defaultdict(set)
    old_province_of: dict[str, str] = {}
    for state in directory.provinces:
        for legacy in units.legacy_communes_of(state.province.code):
            district_communes[(legacy.old_province, legacy.district)].update(
                commune_index[code] for code in legacy.new_codes
            )
            old_province_of[legacy.old_province] = state.province.code
    old: list[list] = []
    old_index: dict[str, int] = {}
    for name, code in sorted(old_province_of.items(), key=lambda item: bare_key(item[0])):
        old_index[name] = len(old)
        # Kept for the districts' labels, but not matched: the 2025 province of that name answers.
        same = bare_key(name) == bare_key(units.provinces[code].name)
        old.append([name, province_index[code], 1 if same else 0])
    districts = [
        [district, old_index[old_name], sorted(found)]
        for (old_name, district), found in sorted(district_communes.items(), key=lambda item: item[0][::-1])
    ]
    return {
        "layouts": LAYOUTS,
        "kinds": list(KIND_WORDS),
        **_aliases(directory, old, districts, communes),
        "old": old,
        "districts": districts,
        "communes": communes,
    }


def old_commune_shard(name: str) -> str:
    """The shard of a pre-2025 commune: the first letter of its bare name, "0" for a number
    ("Phường 12"); places.js computes the same from what is typed."""
    key = bare_key(name)
    return "0" if key[:1].isdigit() else key[:1]


def old_commune_tables(directory: Directory, table: dict) -> dict[str, dict]:
    """The pre-2025 communes of the directory's provinces, by shard: each row its name, its
    district (an index in `table["districts"]`, which names its old province) and the 2025
    communes that took it (indexes in `table["communes"]`), as `place_table` made `table`."""
    units = admin_units()
    commune_index = _commune_index(directory)
    old_names = [row[0] for row in table["old"]]
    district_index = {(old_names[row[1]], row[0]): i for i, row in enumerate(table["districts"])}
    shards: dict[str, list[list]] = defaultdict(list)
    for state in directory.provinces:
        for legacy in units.legacy_communes_of(state.province.code):
            district = district_index[(legacy.old_province, legacy.district)]
            communes = [commune_index[code] for code in legacy.new_codes]
            shards[old_commune_shard(legacy.name)].append([legacy.name, district, communes])
    return {
        key: {
            "layouts": {"commune": OLD_COMMUNE_LAYOUT},
            "rows": sorted(rows, key=lambda row: bare_key(row[0])),
        }
        for key, rows in sorted(shards.items())
    }


def commune_centres(directory: Directory) -> list[dict]:
    """Each province's communes' centres, in the table's order (`first`: the table's row of its
    first commune), by the province's index: fetched only when a query names a commune with no
    point yet, whose province's points are then shown nearest first (places.js, `unserved`)."""
    units = admin_units()
    tables, first = [], 0
    for state in directory.provinces:
        communes = units.communes_of(state.province.code)
        tables.append({"first": first, "at": [[round(c.lat, 3), round(c.lon, 3)] for c in communes]})
        first += len(communes)
    return tables


def _commune_index(directory: Directory) -> dict[str, int]:
    # A 2025 commune's row in the table: the provinces' order, then the units' own.
    units = admin_units()
    codes = [c.code for state in directory.provinces for c in units.communes_of(state.province.code)]
    return {code: i for i, code in enumerate(codes)}


def _aliases(directory: Directory, old: list, districts: list, communes: list) -> dict:
    by_name: dict[str, list[str]] = defaultdict(list)
    for kind, rows in (
        (PROVINCE, [[s.province.name] for s in directory.provinces]),
        (OLD, old),
        (DISTRICT, districts),
        (COMMUNE, communes),
    ):
        for index, row in enumerate(rows):
            if kind == OLD and row[2]:
                continue
            by_name[fold(row[0])].append(f"{kind}{index}")
    kind_aliases: dict[str, str] = {}
    place_aliases: dict[str, list[str]] = {}
    for row in read_aliases():
        alias = fold_compact(row["alias"])
        if row["kind"] == "kind":
            if fold(row["target"]) not in KIND_WORDS:
                raise AliasError(f"{ALIASES_CSV.name}: {row['alias']!r} → {row['target']!r} is no unit kind")
            kind_aliases[alias] = fold(row["target"])
            continue
        refs = by_name.get(fold(row["target"]))
        if row["kind"] != "place" or not refs:
            raise AliasError(f"{ALIASES_CSV.name}: {row['alias']!r} → {row['target']!r} names no known place")
        # The 2025 unit first, as listed above; an alias of several rows ("dn": Đà Nẵng, Đồng
        # Nai) is offered as a choice of places.
        place_aliases.setdefault(alias, []).append(refs[0])
    return {"abbreviations": kind_aliases, "aliases": place_aliases}
