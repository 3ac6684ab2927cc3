"""The words a point is found by, and a province's posting lists (generator/render/search_index.py).

A token counts once for a point, in the best class it occurs in: 0 = the point's name or its
commune's, 1 = agent, address, province, code, phone, 2 = only in a pre-2025 name of its commune.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from itertools import pairwise, repeat
from operator import attrgetter

from generator.columnar import joined_apart
from generator.model import Point
from generator.render.search_parts import add_run
from generator.render.search_places import KIND_WORDS
from generator.text import fold
from generator.units import LegacyCommune, admin_units

# Letters shard by their first two characters, digits (phone numbers) by their first three;
# a shorter token lives in the shard of short tokens and is only ever matched exactly.
KEY_LENGTH = {"letter": 2, "digit": 3}
WORD = re.compile(r"[a-z0-9]+")
PAIR = "_"  # joins two neighbouring words in one token; never part of a word
# No pair starts with a one-word kind ("xa_tan", "phuong_an"): one comes before every commune's
# name, so these pairs made the shards of "xa" and "ph" ten times larger, the first fetch of most
# commune queries on a slow phone; the place table (noi.json) already puts the commune first.
NO_PAIR_AFTER = frozenset(kind for kind in KIND_WORDS if " " not in kind)

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
    return _with_pairs(WORD.findall(fold(text)))


def _with_pairs(words: list[str]) -> frozenset[str]:
    pairs = {
        f"{a}{PAIR}{b}"
        for a, b in pairwise(words)
        if len(a) >= KEY_LENGTH["letter"] and not a.isdigit() and a not in NO_PAIR_AFTER
    }
    return frozenset(words) | pairs


# Between the texts of a column folded at once: kept by folding, never a space nor part of a word.
_APART = "\0"


def column_words(texts: Sequence[str]) -> Iterator[list[str]]:
    """The words of each text, as `tokens` finds them, the whole column folded in one call (the
    points' names, addresses and codes are nearly all distinct: a cache of each text's words
    only costs them). Folding maps each character on its own (generator/text.py), so the folded
    column is the folded texts joined; a column whose texts hold the separator is read text by
    text."""
    joined = joined_apart(texts, _APART)
    if joined is None:
        return (WORD.findall(fold(text)) for text in texts)
    return map(WORD.findall, fold.__wrapped__(joined).split(_APART))


def clear_caches() -> None:
    """The points' words are not needed after the index: their memory goes to the next renderers."""
    tokens.cache_clear()
    tokens_and_pairs.cache_clear()


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


def old_tokens(legacy: list[LegacyCommune]) -> frozenset[str]:
    """The words of a commune's pre-2025 names: old communes, districts, provinces."""
    return frozenset().union(
        *(tokens_and_pairs(part) for item in legacy for part in (item.name, item.district, item.old_province))
    )


Found = defaultdict[str, list[int]]
Column = list[frozenset[str]]


def province_postings(
    points: Sequence[Point], province_words: frozenset[str], old_of: Callable[[str], frozenset[str]]
) -> tuple[Found, Found, Found]:
    """Each class's token → ids (ascending, from 0 in the province) of `points`, in page order.
    `province_words`: its province's names' tokens and pairs; `old_of`: a commune code's old
    names' tokens. A token counts once for a point, in the best class it occurs in: its name or
    its commune's (0), its agent, address, code, phones or province (1), its commune's old names.

    A commune's points are one id range, and its name, its province's and its old names are the
    words of every one of them: these are listed once per commune, and each point's own words set
    against them column by column (each `map` a loop in C, not a Python step per point)."""
    codes = [point.commune_code for point in points]
    communes = {code: tokens_and_pairs(admin_units().communes[code].name) for code in dict.fromkeys(codes)}
    names: Column = list(
        map(
            frozenset.difference,
            map(_with_pairs, column_words(_column(points, "name"))),
            map(communes.__getitem__, codes),
        )
    )
    fields: Column = list(
        map(
            frozenset.union,
            map(tokens_and_pairs, _column(points, "agent")),
            column_words(_column(points, "address")),
            column_words(_column(points, "code")),
            map(phone_tokens, _column(points, "fixed_phone"), _column(points, "fixed_phone_e164")),
            map(phone_tokens, _column(points, "mobile_phone"), _column(points, "mobile_phone_e164")),
        )
    )
    by_class: tuple[Found, Found, Found] = (defaultdict(list), defaultdict(list), defaultdict(list))
    start = 0
    while start < len(points):  # a commune's points, one id range
        code = codes[start]
        end = start + 1
        while end < len(points) and codes[end] == code:
            end += 1
        commune = communes[code]
        ids = range(start, end)
        run_names, run_fields = names[start:end], fields[start:end]
        _add_range(by_class[0], commune, ids)
        add_run(by_class[0], run_names, start)
        wide = province_words - commune
        own = list(map(frozenset.difference, run_fields, repeat(commune | province_words), run_names))
        _add_shared(by_class[1], wide, list(map(wide.intersection, run_names)), own, ids)
        old = old_of(code) - commune - province_words
        if old:
            better = map(frozenset.union, map(old.intersection, run_names), map(old.intersection, run_fields))
            _add_shared(by_class[2], old, list(better), None, ids)
        start = end
    return by_class


def _add_range(found: Found, tokens_of_all: frozenset[str], ids: range) -> None:
    for token in tokens_of_all:
        found[token] += ids


def _add_shared(found: Found, shared: frozenset[str], lost: Column, own: Column | None, ids: range) -> None:
    """`shared`, the tokens of every point of `ids` but those each point's `lost` holds (they
    are in a better class of its), and each point's `own`. The sets a step per point makes
    are small: `lost` is mostly empty."""
    taken = frozenset().union(*lost)
    _add_range(found, shared - taken if taken else shared, ids)
    if taken:
        missing = [taken - mine for mine in lost]
        own = missing if own is None else list(map(frozenset.union, own, missing))
    if own:
        add_run(found, own, ids.start)


def _column(points: Sequence[Point], field: str) -> list[str]:
    return list(map(attrgetter(field), points))
