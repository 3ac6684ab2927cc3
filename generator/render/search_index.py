"""The site's own search index: sharded, diacritic-folded, fetched a few files at a time.

Why not mkdocs-material's lunr search or Pagefind: neither folds "đ" and lunr ships one
multi-megabyte index for 30,000 points. Here a phone fetches, for one query, a small manifest,
the token shard of each query word (tokens grouped by their first letters) and the record chunks
of the results it shows.

Layout under `tim-kiem/` (all JSON, keys short because every byte travels to a phone):
- `meta.json`: provinces (slug, name, first point id), the agent kind of every point (one letter
  each, for the filter), the shard keys, the chunk size, a version for cache busting;
- `t/<key>.json`: token → postings. A token's postings are up to three delta-coded id lists, by
  where the token occurs: 0 = the point's name or commune, 1 = agent, address, province, phone,
  code, 2 = only in a pre-2025 name of its commune (old commune, district or province);
- `d/<n>.json`: records of points n·CHUNK … n·CHUNK+CHUNK-1 and the communes they are in, with
  the pre-2025 names of each commune;
- `noi.json`: the places a query can name (generator/render/search_places.py).
The home page preloads `meta.json` and `noi.json` (`preloads`): the first keystroke then waits
for one shard and the records it shows, not for two more round trips on a slow link.
Row layouts are declared once, in `meta.json`'s `layouts`, and read by name in the browser.

Point ids follow the province pages' order (province code, commune, point name), so a province
is one id range and neighbouring results share chunks. The same folding runs in
`site_src/assets/search.js` (NFD, marks stripped, đ → d, lower case).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from functools import cache, lru_cache
from itertools import pairwise

from generator.merge import Directory
from generator.model import Point
from generator.render.directory import SEARCH_DIR, commune_groups
from generator.render.format import CARD_FIELDS, PHONE_FIELDS, card_cells, commune_slug, phone_cells
from generator.render.memo import Memo, no_memo
from generator.render.search_cards import CARDS_KEY, FIRST_SCREEN, SCORES, FirstScreens, shard_cards
from generator.render.search_places import KIND_WORDS, place_table
from generator.text import fold
from generator.units import LegacyCommune, Province, admin_units

CHUNK = 50
PLACES_FILE = "noi.json"  # fetched on the first query only: the home page stays light
# Letters shard by their first two characters, digits (phone numbers) by their first three;
# a shorter token lives in the shard of short tokens and is only ever matched exactly.
KEY_LENGTH = {"letter": 2, "digit": 3}
SHORT_SHARD = "_"
# A shard larger than this (compressed) is split one character further, so a word typed in full
# fetches a fraction of it.
SPLIT_ABOVE = 48 * 1024
AGENT_LETTERS = {"buu-dien": "b", "viettel": "v", "ubnd": "u", "khac": "k"}
WORD = re.compile(r"[a-z0-9]+")
PAIR = "_"  # joins two neighbouring words in one token; never part of a word
# No pair starts with a one-word kind ("xa_tan", "phuong_an"): one comes before every commune's
# name, so these pairs made the shards of "xa" and "ph" ten times larger, the first fetch of most
# commune queries on a slow phone; the place table (noi.json) already puts the commune first.
NO_PAIR_AFTER = frozenset(kind for kind in KIND_WORDS if " " not in kind)
NAME, FIELDS, LEGACY = 0, 1, 2


# Agents, communes, provinces and old names repeat thousands of times: fold each once. Bounded:
# names and addresses are mostly unique, and an unbounded cache kept every point's words for the
# rest of the build (hundreds of MB at 300,000 points).
TOKEN_CACHE = 1 << 14


@lru_cache(maxsize=TOKEN_CACHE)
def tokens(text: str) -> frozenset[str]:
    return frozenset(WORD.findall(fold(text)))


@lru_cache(maxsize=TOKEN_CACHE)
def tokens_and_pairs(text: str) -> frozenset[str]:
    """The words and each pair of neighbouring words ('dien_bien'): a query whose words stand
    side by side in a name ranks that name above one that has them apart ('Bưu điện phường An
    Biên'). A pair lives in the shard of its first word, so it costs no extra fetch."""
    words = WORD.findall(fold(text))
    pairs = {
        f"{a}{PAIR}{b}"
        for a, b in pairwise(words)
        if len(a) >= KEY_LENGTH["letter"] and not a.isdigit() and a not in NO_PAIR_AFTER
    }
    return frozenset(words) | pairs


def phone_tokens(display: str, e164: str) -> set[str]:
    """The national number without its leading 0 ('0912 345 678' → '912345678'), and for a fixed
    line the subscriber number without the area code, which people often type alone."""
    if not e164:
        return set()
    found = {e164.removeprefix("+84")}
    groups = display.split()
    if display.startswith("02") and len(groups) > 1:
        found.add("".join(groups[1:]))
    return found


def legacy_by_commune(province_codes: Iterable[str]) -> dict[str, list[LegacyCommune]]:
    """The pre-2025 communes whose territory each 2025 commune took (a split one counts for all
    the communes it went to)."""
    units = admin_units()
    found: dict[str, list[LegacyCommune]] = defaultdict(list)
    for code in province_codes:
        for legacy in units.legacy_communes_of(code):
            for new_code in legacy.new_codes:
                found[new_code].append(legacy)
    return found


def legacy_label(legacy: LegacyCommune) -> str:
    return ", ".join(dict.fromkeys(n for n in (legacy.name, legacy.district, legacy.old_province) if n))


def point_tokens(point: Point, province_names: tuple[str, str], old: frozenset[str]) -> list[frozenset[str]]:
    """The point's tokens by class; a token counts once, in the best class it occurs in."""
    name = tokens_and_pairs(point.name) | tokens_and_pairs(admin_units().communes[point.commune_code].name)
    fields = (
        tokens_and_pairs(point.agent)
        | tokens(point.address)
        | tokens_and_pairs(province_names[0])
        | tokens_and_pairs(province_names[1])
        | tokens(point.code)
        | phone_tokens(point.fixed_phone, point.fixed_phone_e164)
        | phone_tokens(point.mobile_phone, point.mobile_phone_e164)
    ) - name
    return [name, fields, old - name - fields]


def old_tokens(legacy: list[LegacyCommune]) -> frozenset[str]:
    """The words of a commune's pre-2025 names: old communes, districts, provinces."""
    return frozenset().union(
        *(tokens_and_pairs(part) for item in legacy for part in (item.name, item.district, item.old_province))
    )


def shard_key(token: str, length: int | None = None) -> str:
    kind = "digit" if token[0].isdigit() else "letter"
    base = KEY_LENGTH[kind]
    if len(token) < base:
        return SHORT_SHARD
    return token[: length or base]


def _deltas(ids: Iterable[int]) -> str:
    previous = -1
    out = []
    for number in ids:
        out.append(_base36(number - previous))
        previous = number
    return " ".join(out)


@cache
def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _gz_size(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0))


def ordered_points(directory: Directory) -> list[tuple[Point, int]]:
    """Every point with the index of its province in `directory.provinces`, in page order."""
    ordered = []
    for index, state in enumerate(directory.provinces):
        groups, _ = commune_groups(state)
        ordered += [(point, index) for group in groups for point in group.points]
    return ordered


def _postings(
    points: list[tuple[Point, int]],
    directory: Directory,
    legacy: dict[str, list[LegacyCommune]],
    memo: Memo = no_memo,
) -> dict[str, list[array[int]]]:
    """Each province's postings (ids from 0 in the province) are made from its points alone and
    kept in `memo`; the national ids are the province's offset plus its own. Machine integers: a
    list would keep a pointer per posting (millions at 300,000 points)."""
    by_province: dict[int, list[Point]] = {}
    for point, index in points:
        by_province.setdefault(index, []).append(point)
    postings: dict[str, list[array[int]]] = defaultdict(lambda: [array("i"), array("i"), array("i")])
    offset = 0
    for index, group in sorted(by_province.items()):
        province = directory.provinces[index].province
        for token, lists in _province_postings(province, group, legacy, memo).items():
            target = postings[token]
            for cls, ids in enumerate(lists):
                target[cls].extend([offset + ident for ident in ids])
        offset += len(group)
    return postings


def _province_postings(
    province: Province, points: list[Point], legacy: dict[str, list[LegacyCommune]], memo: Memo
) -> dict[str, list[list[int]]]:
    def make() -> bytes:
        found: dict[str, list[list[int]]] = defaultdict(lambda: [[], [], []])
        old: dict[str, frozenset[str]] = {}
        names = (province.name, province.short_name)
        for ident, point in enumerate(points):
            code = point.commune_code
            if code not in old:
                old[code] = old_tokens(legacy[code]) if code in legacy else frozenset()
            for cls, tokens_of_class in enumerate(point_tokens(point, names, old[code])):
                for token in tokens_of_class:
                    found[token][cls].append(ident)
        return json.dumps(found, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")

    return json.loads(memo("search-postings", repr((province, points)).encode("utf-8"), make))


def _shards(postings: dict[str, list[array[int]]], screens: FirstScreens) -> dict[str, dict[str, list[str]]]:
    """Empties `postings` as it encodes them: the id lists and their encoding are not both kept
    (a shard's JSON sorts its keys, so the order tokens are taken in does not matter); `screens`
    keeps each token's first ids."""
    entries = {}
    while postings:
        token, lists = postings.popitem()
        screens.add(token, lists, PAIR)
        encoded = [_deltas(ids) for ids in lists]
        while encoded and not encoded[-1]:
            encoded.pop()
        entries[token] = encoded
    pending: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for token, value in entries.items():
        pending[shard_key(token)][token] = value
    done: dict[str, dict[str, list[str]]] = {}
    while pending:
        key, shard = pending.popitem()
        if key == SHORT_SHARD or _gz_size(_dumps(shard)) <= SPLIT_ABOVE or len({len(t) for t in shard}) == 1:
            done[key] = shard
            continue
        # Tokens exactly as long as the key keep it; longer ones move one character further.
        for token, value in shard.items():
            pending[token[: len(key) + 1]][token] = value
    return done


# The positional layouts of the index's rows, written into meta.json and read by name in the
# browser (site_src/assets/common.js `fields`): the one place each layout is declared.
POINT_LAYOUT = (
    "code",
    *CARD_FIELDS,
    "commune",
    *PHONE_FIELDS,
    "lat",  # for the distance from the reader, when the finder has their position
    "lon",
    "approximate",
    "page",  # the folder of the point's commune page under its province: the card's own page
)
PROVINCE_LAYOUT = ("slug", "name", "first", "count")
COMMUNE_LAYOUT = ("name", "legacy")


def _record(point: Point) -> list:
    # In POINT_LAYOUT's order.
    return [
        point.code,
        *card_cells(point),
        point.commune_code,
        *phone_cells(point),
        None if point.lat is None else round(point.lat, 5),  # 1 m: plenty for a distance in km
        None if point.lon is None else round(point.lon, 5),
        1 if point.approximate else 0,
        commune_slug(point.commune_code),
    ]


def _commune_row(code: str, legacy: dict[str, list[LegacyCommune]]) -> list:
    # In COMMUNE_LAYOUT's order.
    return [admin_units().communes[code].name, sorted({legacy_label(x) for x in legacy[code]})]


def _chunk(points: list[tuple[Point, int]], legacy: dict[str, list[LegacyCommune]], number: int) -> dict:
    part = [point for point, _ in points[number * CHUNK : (number + 1) * CHUNK]]
    codes = sorted({p.commune_code for p in part})
    return {"c": {code: _commune_row(code, legacy) for code in codes}, "p": [_record(p) for p in part]}


def _with_cards(
    key: str, shard: dict, screens: FirstScreens, points: list[tuple[Point, int]], legacy: dict
) -> dict:
    """The shard with the records of the first screens of the words that first fetch it."""
    if key == SHORT_SHARD:
        return shard
    base = KEY_LENGTH["digit" if key[0].isdigit() else "letter"]
    shard[CARDS_KEY] = shard_cards(
        key,
        base,
        screens,
        lambda ident: _record(points[ident][0]),
        lambda ident: points[ident][0].commune_code,
        lambda code: _commune_row(code, legacy),
    )
    return shard


def preloads(files: Mapping[str, object]) -> list[str]:
    """The URLs, from the site's root, of what the first keystroke needs whatever is typed: the
    manifest and the place table, as search.js asks for them (the table with the version).
    `files` holds the index's meta.json, as written (the build's page spool reads it back)."""
    meta = files[f"{SEARCH_DIR}/meta.json"]
    assert isinstance(meta, str | bytes)
    version = json.loads(meta)["v"]
    return [f"{SEARCH_DIR}/meta.json", f"{SEARCH_DIR}/{PLACES_FILE}?v={version}"]


def render_search_index(directory: Directory, memo: Memo = no_memo) -> dict[str, str]:
    """The files of the index, keyed by their path inside the docs folder."""
    return dict(search_index_files(directory, memo))


def search_index_files(directory: Directory, memo: Memo = no_memo) -> Iterator[tuple[str, str]]:
    """The files one at a time, in the order of their paths (the version in meta.json, last, is
    the hash of all of them in that order): at 300,000 points the index is over 100 MB of text,
    which whoever takes the files (the build keeps them on disk) need not hold at once."""
    points = ordered_points(directory)
    legacy = legacy_by_commune(state.province.code for state in directory.provinces)
    screens = FirstScreens()
    shards = _shards(_postings(points, directory, legacy, memo), screens)
    shard_keys = sorted(shards)
    digest = hashlib.sha256()

    def hashed(path: str, text: str) -> tuple[str, str]:
        digest.update(f"{path}\n{text}".encode())
        return path, text

    numbers = range((len(points) + CHUNK - 1) // CHUNK)
    for number in sorted(numbers, key=str):  # d/0, d/1, d/10 …: the paths' order
        yield hashed(f"{SEARCH_DIR}/d/{number}.json", _dumps(_chunk(points, legacy, number)))
    yield hashed(f"{SEARCH_DIR}/{PLACES_FILE}", _dumps(place_table(directory, points)))
    for key in shard_keys:
        yield hashed(
            f"{SEARCH_DIR}/t/{key}.json", _dumps(_with_cards(key, shards.pop(key), screens, points, legacy))
        )
    starts, first = [], 0
    for state in directory.provinces:
        starts.append([state.province.slug, state.province.name, first, len(state.points)])
        first += len(state.points)
    version = digest.hexdigest()
    meta = {
        "v": version[:12],
        "n": len(points),
        "month": directory.month,
        "chunk": CHUNK,
        "keys": {
            "letter": KEY_LENGTH["letter"],
            "digit": KEY_LENGTH["digit"],
            "short": SHORT_SHARD,
            "pair": PAIR,
            "cards": CARDS_KEY,
        },
        "scores": SCORES,
        "first": FIRST_SCREEN,
        "shards": shard_keys,
        "places": PLACES_FILE,
        "layouts": {"point": POINT_LAYOUT, "province": PROVINCE_LAYOUT, "commune": COMMUNE_LAYOUT},
        "provinces": starts,
        "agent": AGENT_LETTERS,
        "types": "".join(AGENT_LETTERS.get(point.agent_type, "k") for point, _ in points),
    }
    yield f"{SEARCH_DIR}/meta.json", _dumps(meta)
    # The points' words are not needed after the index: their memory goes to the next renderers.
    tokens.cache_clear()
    tokens_and_pairs.cache_clear()
