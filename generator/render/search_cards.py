"""The first screen of results carried inside the token shards.

On a slow phone every request is a round trip (400 ms and more): a query first fetches its words'
shard, and the records of the results it shows only once the shard has said which they are. The
query that first fetches a shard is its word typed up to the shard's key ("bi" for t/bi.json,
then "bin", "binh" for a split t/binh.json), so each shard carries the records of the first
screen of each of those words: typed key by key, the first results are painted as soon as the
shard arrives, and the record chunks of the rest follow. Whatever the first screen needs and the
shard does not carry (several words, a place, a filter) the browser fetches as before.

The ranking of one word is the browser's (site_src/assets/search-core.js), from the scores
declared here and written into meta.json: every point the word's tokens list scores the best of
exact or prefix match plus its class's bonus; higher scores first, then the index order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from itertools import chain, zip_longest
from typing import Any

from generator.render.search_parts import decode

# The ranking's scores, read by name in the browser from meta.json's "scores".
SCORES: dict[str, Any] = {
    "exact": 6,
    "prefix": 3,
    "class": [2, 1, 0],  # name or commune, other fields, old name
}
FIRST_SCREEN = 5  # results a phone shows without scrolling, with room to spare
CARDS_KEY = "#"  # the shard's entry that carries them: never a token ([a-z0-9_])
# Sorts after any character a token may hold: word + it bounds the tokens that begin with word.
_AFTER_ALL = chr(0x10FFFF)


class FirstScreens:
    """The tokens' encoded lists, of which only the first ids are read: a point further down a
    list has FIRST_SCREEN points of the same score before it in the index order, so it is never
    on the first screen. For the same reason, of all the lists of the tokens a word is the
    beginning of, in one class (the same score), only the FIRST_SCREEN smallest ids count."""

    def __init__(self, firsts: list[int]) -> None:
        self.lists: dict[str, list[str]] = {}
        self.firsts = firsts  # each province's first id
        self._sorted: list[str] = []
        # Per class, the first ids of each token's list, in the order of `_sorted`.
        self._heads: tuple[list[list[int]], ...] = ([], [], [])
        self._screens: dict[str, list[int]] = {}

    def add(self, token: str, lists: list[str], pair: str) -> None:
        if pair not in token:  # a one-word query never matches a pair
            self.lists[token] = lists

    def _read(self) -> None:
        """Each token's first ids, read once: a third of the lists are another token's too (the
        words of one point's address, name or phone list just that point)."""
        self._sorted = sorted(self.lists)
        # Each class's lists in token order, "" where a token's lists end before it.
        by_class = list(zip_longest(*map(self.lists.__getitem__, self._sorted), fillvalue=""))
        by_class += [("",) * len(self._sorted)] * (len(self._heads) - len(by_class))
        decoded = _Decoded(self.firsts)
        self._heads = tuple(list(map(decoded.__getitem__, texts)) for texts in by_class)

    def ids(self, word: str) -> list[int]:
        """The first screen of `word` typed alone, best first (kept: the split shards of a
        head all carry the head's)."""
        if word in self._screens:
            return self._screens[word]
        if not self._sorted:
            self._read()
        tokens = self._sorted
        at = bisect_left(tokens, word)
        end = bisect_left(tokens, word + _AFTER_ALL, at)
        best: dict[int, int] = {}
        if at < end and tokens[at] == word:
            for cls, heads in enumerate(self._heads):
                score = SCORES["exact"] + SCORES["class"][cls]
                for ident in heads[at]:
                    best[ident] = max(best.get(ident, 0), score)
            at += 1
        for cls, heads in enumerate(self._heads):
            score = SCORES["prefix"] + SCORES["class"][cls]
            for ident in sorted(set(chain.from_iterable(heads[at:end])))[:FIRST_SCREEN]:
                best[ident] = max(best.get(ident, 0), score)
        found = self._screens[word] = sorted(best, key=lambda ident: (-best[ident], ident))[:FIRST_SCREEN]
        return found

    def carried(self, key: str, base: int) -> list[int]:
        """The ids a shard of `key` carries: the first screens of `key` and of its prefixes from
        `base` characters on."""
        return sorted({ident for end in range(base, len(key) + 1) for ident in self.ids(key[:end])})


class _Decoded(dict[str, list[int]]):
    """An encoded list → its first FIRST_SCREEN ids, each text decoded once."""

    def __init__(self, firsts: list[int]) -> None:
        super().__init__()
        self.firsts = firsts

    def __missing__(self, text: str) -> list[int]:
        ids = self[text] = decode(text, self.firsts, FIRST_SCREEN)
        return ids


def shard_cards(
    ids: list[int],
    records: dict[int, tuple[str, str]],
    communes: dict[str, list],
    dumps: Callable[[object], str],
) -> str:
    """The JSON of the records of `ids` as a record chunk holds them: "c", commune → its row
    (written by `dumps`); "p", id → record. `records` holds each id's record, as the JSON line
    the index keeps, and commune code: the lines are joined as `dumps` would have written them
    again (keys in their order as text), not read and written again."""
    codes = sorted({records[ident][1] for ident in ids})
    rows = dumps({code: communes[code] for code in codes})
    cards = ",".join(f'"{ident}":{records[ident][0]}' for ident in sorted(ids, key=str))
    return '{"c":' + rows + ',"p":{' + cards + "}}"
