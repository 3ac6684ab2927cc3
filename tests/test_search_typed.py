"""Queries as citizens type them on a phone, by class, on the national synthetic site: each class
made from the reference data (every kind of place, its name folded, in Telex with the keyboard
off, with đ typed as "dd", with a one-letter typo, with the province it lies in; a pre-2025
commune with its kind; points by their names), run as the page runs them (tests/js/run_queries.js:
search-core.js and places.js under Node), and judged by the share of queries whose first result is right.

Expected answers come from the administrative units and the site's published open data
(du-lieu/diem-thu.json), never from the page's own code. The floors are below the measured rates
(the report of session 12 has the table), so that a change that breaks a class fails, not one
that moves a query or two."""

from __future__ import annotations

import json
import random
import re
import subprocess
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
from browser import open_data_points, require

from generator.text import fold
from generator.units import admin_units

pytestmark = [pytest.mark.node, pytest.mark.slow]
ROOT = Path(__file__).resolve().parent.parent
PER_CLASS = 40
KINDS = ("Thành phố", "Thị trấn", "Đặc khu", "Thị xã", "Phường", "Huyện", "Quận", "Tỉnh", "Xã")
ABBREVIATIONS = {"Thành phố": "tp", "Thị xã": "tx", "Huyện": "h.", "Quận": "q.", "Phường": "p.", "Xã": "x."}
TELEX_VOWELS = {"ă": "aw", "â": "aa", "ê": "ee", "ô": "oo", "ơ": "ow", "ư": "uw", "đ": "dd"}
TELEX_TONES = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
# The keys around each letter on a QWERTY phone keyboard.
NEIGHBOURS = {
    "a": "qsz", "b": "vnh", "c": "xdv", "d": "serfcx", "e": "wrd", "f": "drgvc", "g": "ftybv",
    "h": "gyjnb", "i": "ujko", "j": "hukmn", "k": "jilm", "l": "kop", "m": "njk", "n": "bhjm",
    "o": "ikl", "p": "ol", "q": "wa", "r": "edft", "s": "awedxz", "t": "rgy", "u": "yhji",
    "v": "cfgb", "w": "qeas", "x": "zsdc", "y": "tugh", "z": "asx",
}  # fmt: skip
# Class → the least share of its queries whose first result must be right.
FLOORS = {
    "name folded": 0.97,
    "name with its kind abbreviated": 0.95,
    "name joined": 0.95,
    "Telex, keyboard off": 0.95,
    "đ typed as dd": 0.95,
    "typo: a letter doubled": 0.85,
    "typo: two letters swapped": 0.85,
    "typo: a neighbouring key": 0.75,
    "typo: a letter dropped": 0.5,
    "commune, province": 0.95,
    "old commune, with its kind": 0.95,
    "old commune of a shared name, its district": 0.85,
    "point name": 0.9,
}


def split_kind(name: str) -> tuple[str, str]:
    for kind in KINDS:
        if name.startswith(kind + " "):
            return kind, name[len(kind) + 1 :]
    return "", name


def plain(name: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(name)))


def telex(name: str) -> str:
    typed = []
    for word in name.lower().split():
        letters = unicodedata.normalize("NFD", word)
        tone = "".join(TELEX_TONES.get(c, "") for c in letters)
        base = unicodedata.normalize("NFC", "".join(c for c in letters if c not in TELEX_TONES))
        typed.append("".join(TELEX_VOWELS.get(c, c) for c in base) + tone)
    return " ".join(typed)


def typo(text: str, kind: str, rng: random.Random) -> str | None:
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not long:
        return None
    i = rng.choice(long)
    w, j = words[i], rng.randrange(1, len(words[i]) - 1)
    words[i] = {
        "typo: a letter doubled": w[:j] + w[j] + w[j:],
        "typo: two letters swapped": w[:j] + w[j + 1] + w[j] + w[j + 2 :],
        "typo: a neighbouring key": w[:j] + rng.choice(NEIGHBOURS[w[j]]) + w[j + 1 :],
        "typo: a letter dropped": w[:j] + w[j + 1 :],
    }[kind]
    return " ".join(words)


def place_queries(published: list[dict], rng: random.Random) -> dict[str, list[tuple[str, set[str]]]]:
    """Each class's (query, the communes any of whose points is a right first result)."""
    units = admin_units()
    with_points = {p["ma_xa"] for p in published}
    places: list[tuple[str, set[str], str]] = []  # name, its 2025 communes, province short name
    for province in units.provinces.values():
        places.append((province.name, {c.code for c in units.communes_of(province.code)}, ""))
        old: dict[str, set[str]] = defaultdict(set)
        for legacy in units.legacy_communes_of(province.code):
            old[legacy.old_province].update(legacy.new_codes)
            old[legacy.district].update(legacy.new_codes)
        places += [(name, codes, "") for name, codes in old.items()]
        places += [(c.name, {c.code}, province.short_name) for c in units.communes_of(province.code)]
    # A name is right for every place of that name: "tan uyen" is a district and a commune.
    same_name: dict[str, set[str]] = defaultdict(set)
    for name, codes, _ in places:
        same_name[plain(split_kind(name)[1])] |= codes
    classes: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
    for name, codes, province in places:
        kind, bare = split_kind(name)
        if not codes & with_points or bare[0].isdigit():
            continue
        right = same_name[plain(bare)]
        classes["name folded"].append((plain(bare), right))
        if kind in ABBREVIATIONS:
            classes["name with its kind abbreviated"].append((f"{ABBREVIATIONS[kind]} {plain(bare)}", right))
        classes["name joined"].append((plain(bare).replace(" ", ""), right))
        classes["Telex, keyboard off"].append((telex(bare), right))
        if "đ" in bare.lower():
            classes["đ typed as dd"].append((plain(bare.replace("đ", "dd").replace("Đ", "Dd")), right))
        for kind_of_typo in [c for c in FLOORS if c.startswith("typo")]:
            typed = typo(plain(bare), kind_of_typo, rng)
            if typed:
                classes[kind_of_typo].append((typed, right))
        if province:
            classes["commune, province"].append((f"{plain(name)}, {plain(province)}", codes))
    # A pre-2025 commune typed with its kind ("xa nam son", "thi tran cu chi") whose name is no
    # other commune's, old or 2025 (there were nine "Phường 12": any could be meant).
    named: dict[str, list[set[str]]] = defaultdict(list)
    for province in units.provinces.values():
        for legacy in units.legacy_communes_of(province.code):
            named[plain(legacy.name)].append(set(legacy.new_codes))
    for commune in units.communes.values():
        named[plain(commune.name)].append({commune.code})
    for name, [codes, *others] in named.items():
        if not others and codes & with_points:
            classes["old commune, with its kind"].append((name, codes))
    # One of several of that name, told apart by its district ("phuong 12 go vap"; the district's
    # kind left out, but not from a number: "xa tan an quan 8").
    for province in units.provinces.values():
        for legacy in units.legacy_communes_of(province.code):
            if len(named[plain(legacy.name)]) > 1 and set(legacy.new_codes) & with_points:
                district = split_kind(legacy.district)[1]
                district = legacy.district if district.isdigit() else district
                query = f"{plain(legacy.name)} {plain(district)}"
                classes["old commune of a shared name, its district"].append((query, set(legacy.new_codes)))
    return classes


@pytest.fixture(scope="module")
def published(national_site: Path) -> list[dict]:
    return open_data_points(national_site)


def run_queries(site: Path, queries: list[str], tmp_path: Path) -> list[dict]:
    if not (ROOT / "node_modules").is_dir():
        require("không có node_modules (chạy npm ci)")
    file = tmp_path / "queries.json"
    file.write_text(json.dumps(queries), encoding="utf-8")
    script = ROOT / "tests" / "js" / "run_queries.js"
    done = subprocess.run(["node", str(script), str(site), str(file)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_each_class_of_typed_query_finds_its_place_or_point_first(
    national_site: Path, published: list[dict], tmp_path: Path
) -> None:
    rng = random.Random(12)
    classes = place_queries(published, rng)
    commune_of = {p["ma_diem_thu"]: p["ma_xa"] for p in published}
    name_of = {p["ma_diem_thu"]: plain(p["ten_diem_thu"]) for p in published}
    # Points by their names: right if the first result has that name (two points may share one).
    classes["point name"] = [(plain(p["ten_diem_thu"]), set()) for p in rng.sample(published, PER_CLASS)]
    asked = {name: rng.sample(cases, min(PER_CLASS, len(cases))) for name, cases in classes.items()}
    queries = [query for cases in asked.values() for query, _ in cases]
    answers = iter(run_queries(national_site, queries, tmp_path))
    rates, misses = {}, {}
    for name, cases in asked.items():
        right = []
        for query, communes in cases:
            first = next(answers)["codes"][:1]
            if name == "point name":
                right.append(bool(first) and name_of[first[0]] == query)
            else:
                right.append(bool(first) and commune_of[first[0]] in communes)
        rates[name] = sum(right) / len(right)
        misses[name] = [query for (query, _), ok in zip(cases, right, strict=True) if not ok][:5]
    assert set(rates) == set(FLOORS)
    low = {name: (f"{rates[name]:.0%}", misses[name]) for name in FLOORS if rates[name] < FLOORS[name]}
    assert not low, f"classes under their floor: {low}; all: { {k: f'{v:.0%}' for k, v in rates.items()} }"
