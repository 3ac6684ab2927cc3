"""The site's own search index: sharded, diacritic-folded, fetched a few files at a time.

Why not mkdocs-material's lunr search or Pagefind: neither folds "đ" and lunr ships one
multi-megabyte index for 30,000 points. Here a phone fetches, for one query, a small manifest,
the token shard of each query word (tokens grouped by their first letters) and the record chunks
of the results it shows.

Layout under `tim-kiem/` (all JSON, keys short because every byte travels to a phone):
- `meta.json`: provinces (slug, name, first point id), the agent kind of every point (one letter
  each, for the filter), the shard keys, the chunk size, a version for cache busting;
- `t/<key>.json`: token → postings. A token's postings are up to three id lists, by where the
  token occurs: 0 = the point's name or commune, 1 = agent, address, province, phone, code, 2 =
  only in a pre-2025 name of its commune (old commune, district or province); each list is its
  provinces' segments (search_parts.py). Under "#", the records of the first screen of the words
  that first fetch the shard (search_cards.py);
- `d/<n>.json`: records of points n·CHUNK … n·CHUNK+CHUNK-1 and the communes they are in, with
  the pre-2025 names of each commune;
- `noi.json`: the places a query can name (generator/render/search_places.py).
The home page preloads `meta.json` and `noi.json` (`preloads`): the first keystroke then waits
for one shard, which carries the records of its first screen, not for more round trips on a
slow link. Each province's part is kept in the build's cache (`memo`), the national files joined
from the parts.
Row layouts are declared once, in `meta.json`'s `layouts`, and read by name in the browser.

Point ids follow the province pages' order (province code, commune, point name), so a province
is one id range and neighbouring results share chunks. The same folding runs in
`site_src/assets/search.js` (NFD, marks stripped, đ → d, lower case).
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping

from generator.merge import Directory
from generator.model import Point
from generator.render.directory import SEARCH_DIR, commune_groups
from generator.render.format import CARD_FIELDS, PHONE_FIELDS, card_cells, commune_slug, phone_cells
from generator.render.memo import Memo, no_memo, state_digest
from generator.render.search_cards import CARDS_KEY, FIRST_SCREEN, SCORES, FirstScreens, shard_cards
from generator.render.search_parts import Postings, part_lines, read_records_part, records_part
from generator.render.search_places import (
    CENTRES_DIR,
    OLD_COMMUNES_DIR,
    commune_centres,
    kind_words,
    old_commune_tables,
    place_table,
)
from generator.render.search_tokens import (
    KEY_LENGTH,
    PAIR,
    clear_caches,
    old_tokens,
    province_postings,
    tokens_and_pairs,
)
from generator.units import LegacyCommune, Province, admin_units

CHUNK = 50
PLACES_FILE = "noi.json"  # fetched on the first query only: the home page stays light
# A token shorter than its KEY_LENGTH lives in this shard and is only ever matched exactly.
SHORT_SHARD = "_"
# A shard larger than this (compressed) is split a character further: a full word fetches less.
SPLIT_ABOVE = 48 * 1024
AGENT_LETTERS = {"buu-dien": "b", "viettel": "v", "ubnd": "u", "khac": "k"}


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


def shard_key(token: str, length: int | None = None) -> str:
    kind = "digit" if token[0].isdigit() else "letter"
    base = KEY_LENGTH[kind]
    if len(token) < base:
        return SHORT_SHARD
    return token[: length or base]


# One encoder for the tens of thousands of records and shards: json.dumps makes one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _dumps(value: object) -> str:
    return _ENCODER.encode(value)


# Input fed to the compressor at a time while it may still fit: a shard that is split (hundreds
# of KB, up to MBs) is known too large after its first pieces, not after compressing it all.
_STEP = 16 * 1024


def _small(text: str) -> bool:
    """Whether `text` gzipped is at most SPLIT_ABOVE; most shards are known to be uncompressed:
    n bytes deflate to at most zlib's compressBound, with gzip's frame under n + n/1000 + 64.
    Otherwise compressed as gzip.compress would (level 6, the same stream), stopping as soon as
    what came out is over the limit: output only grows."""
    data = text.encode("utf-8")
    size = len(data)
    if size + size // 1000 + 64 <= SPLIT_ABOVE:
        return True
    compressor = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    out = 0
    for start in range(0, size, _STEP):
        out += len(compressor.compress(data[start : start + _STEP]))
        if out > SPLIT_ABOVE:
            return False
    return out + len(compressor.flush()) <= SPLIT_ABOVE


def ordered_points(directory: Directory) -> list[tuple[Point, int]]:
    """Every point with the index of its province in `directory.provinces`, in page order."""
    ordered = []
    for index, state in enumerate(directory.provinces):
        groups, _ = commune_groups(state)
        ordered += [(point, index) for group in groups for point in group.points]
    return ordered


def _by_province(
    points: list[tuple[Point, int]], directory: Directory
) -> list[tuple[int, Province, list[Point]]]:
    groups: dict[int, list[Point]] = {}
    for point, index in points:
        groups.setdefault(index, []).append(point)
    return [(index, directory.provinces[index].province, group) for index, group in sorted(groups.items())]


def _province_tokens(
    index: int,
    province: Province,
    points: list[Point],
    legacy: dict[str, list[LegacyCommune]],
    memo: Memo,
    source: bytes,
) -> str:
    """The province's part of the posting lists (search_parts.py), `index` its place in
    meta.json's provinces; `source` what its points are made of."""

    def make() -> bytes:
        words = tokens_and_pairs(province.name) | tokens_and_pairs(province.short_name)
        by_class = province_postings(
            points, words, lambda code: old_tokens(legacy[code]) if code in legacy else frozenset()
        )
        return part_lines(index, by_class).encode("utf-8")

    return memo("search-tokens", b"%d\n%s" % (index, source), make).decode("utf-8")


def _province_records(
    points: list[Point], legacy: dict[str, list[LegacyCommune]], memo: Memo, source: bytes
) -> tuple[dict, list[str]]:
    """The province's records, one JSON line each, with a header: "c" its communes' rows, "k"
    each point's commune, "y" each point's agent letter."""

    def make() -> bytes:
        codes = [p.commune_code for p in points]
        header = {
            "c": {code: _commune_row(code, legacy) for code in sorted(set(codes))},
            "k": codes,
            "y": "".join(AGENT_LETTERS.get(p.agent_type, "k") for p in points),
        }
        return records_part(header, [_dumps(_record(p)) for p in points])

    return read_records_part(memo("search-records", source, make))


def _shards(postings: Postings, screens: FirstScreens) -> dict[str, str]:
    """The JSON of each shard's token → encoded lists, as its size was checked; `screens` keeps
    the lists for the first screens."""
    pending: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for token, texts in postings.encoded():
        screens.add(token, texts, PAIR)
        pending[shard_key(token)][token] = texts
    done: dict[str, str] = {}
    while pending:
        key, shard = pending.popitem()
        text = _dumps(shard)
        if key == SHORT_SHARD or _small(text) or len({len(t) for t in shard}) == 1:
            done[key] = text
            continue
        # Tokens exactly as long as the key keep it; longer ones move one character further.
        for token, value in shard.items():
            pending[token[: len(key) + 1]][token] = value
    return done


def _with_cards(shard: str, cards: str) -> str:
    """`shard` (its JSON) with the first screens' records (`cards`, their JSON) under CARDS_KEY,
    as _dumps would write them together: the key sorts before every token ([a-z0-9_])."""
    rest = shard.removeprefix("{")
    return '{"' + CARDS_KEY + '":' + cards + ("," if rest != "}" else "") + rest


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


def _chunk_text(lines: list[str], codes: list[str], communes: dict[str, list]) -> str:
    """A record chunk, as _dumps would write {"c": its communes' rows, "p": its records}."""
    rows = {code: communes[code] for code in sorted(set(codes))}
    return '{"c":' + _dumps(rows) + ',"p":[' + ",".join(lines) + "]}"


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
    """The files one at a time (the version in meta.json, last, is the hash of all of them in the
    order given): at 300,000 points the index is over 100 MB of text, which whoever takes the
    files (the build keeps them on disk) need not hold at once. Made from the provinces' parts
    (search_parts.py), each kept in `memo` while its points do not change."""
    points = ordered_points(directory)
    legacy = legacy_by_commune(state.province.code for state in directory.provinces)
    # A province's parts are made of its series (state_digest); legacy names are reference data.
    groups = [
        (i, p, group, repr(p).encode("utf-8") + b"\0" + state_digest(directory.provinces[i]))
        for i, p, group in _by_province(points, directory)
    ]
    postings = Postings()
    for index, province, group, source in groups:
        postings.add(_province_tokens(index, province, group, legacy, memo, source))
    firsts, first = [], 0  # each province's first id
    for state in directory.provinces:
        firsts.append(first)
        first += len(state.points)
    starts = [
        [state.province.slug, state.province.name, begin, len(state.points)]
        for state, begin in zip(directory.provinces, firsts, strict=True)
    ]
    screens = FirstScreens(firsts)
    shards = _shards(postings, screens)
    shard_keys = sorted(shards)
    carried = {
        key: screens.carried(key, KEY_LENGTH["digit" if key[0].isdigit() else "letter"])
        for key in shard_keys
        if key != SHORT_SHARD
    }
    wanted = {ident for ids in carried.values() for ident in ids}
    digest = hashlib.sha256()

    def hashed(path: str, text: str) -> tuple[str, str]:
        digest.update(f"{path}\n".encode())  # then the text: the same bytes, not one more copy of it
        digest.update(text.encode())
        return path, text

    # The record chunks, in number order, province part after province part.
    cards: dict[int, tuple[str, str]] = {}
    communes: dict[str, list] = {}
    types: list[str] = []
    lines: list[str] = []
    codes: list[str] = []
    offset = number = 0
    for _, _, group, source in groups:
        header, records = _province_records(group, legacy, memo, source)
        communes.update(header["c"])
        types.append(header["y"])
        for ident in range(offset, offset + len(records)):
            if ident in wanted:
                cards[ident] = (records[ident - offset], header["k"][ident - offset])
        offset += len(records)
        lines += records
        codes += header["k"]
        while len(lines) >= CHUNK or (lines and offset == len(points)):
            text = _chunk_text(lines[:CHUNK], codes[:CHUNK], communes)
            yield hashed(f"{SEARCH_DIR}/d/{number}.json", text)
            del lines[:CHUNK], codes[:CHUNK]
            number += 1
    places = place_table(directory, points)
    yield hashed(f"{SEARCH_DIR}/{PLACES_FILE}", _dumps(places))
    old_communes = old_commune_tables(directory, places)
    for key, old_table in old_communes.items():
        yield hashed(f"{SEARCH_DIR}/{OLD_COMMUNES_DIR}/{key}.json", _dumps(old_table))
    for index, centres in enumerate(commune_centres(directory)):
        yield hashed(f"{SEARCH_DIR}/{CENTRES_DIR}/{index}.json", _dumps(centres))
    for key in shard_keys:
        shard = shards.pop(key)
        if key in carried:
            shard = _with_cards(shard, shard_cards(carried[key], cards, communes, _dumps))
        yield hashed(f"{SEARCH_DIR}/t/{key}.json", shard)
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
        "kinds": kind_words(),
        "first": FIRST_SCREEN,
        "shards": shard_keys,
        "places": PLACES_FILE,
        # Pre-2025 communes, fetched by shard only for a query that may name one (places.js).
        "oldCommunes": {"dir": f"{OLD_COMMUNES_DIR}/", "shards": sorted(old_communes)},
        # Each province's communes' centres, fetched for a commune with no point yet (places.js).
        "centres": f"{CENTRES_DIR}/",
        "layouts": {"point": POINT_LAYOUT, "province": PROVINCE_LAYOUT, "commune": COMMUNE_LAYOUT},
        "provinces": starts,
        "agent": AGENT_LETTERS,
        "types": "".join(types),
    }
    yield f"{SEARCH_DIR}/meta.json", _dumps(meta)
    # The points' words are not needed after the index: their memory goes to the next renderers.
    clear_caches()
