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

from array import array
from bisect import bisect_left
from collections.abc import Callable

# The ranking's scores, read by name in the browser from meta.json's "scores".
SCORES = {"exact": 6, "prefix": 3, "class": [2, 1, 0]}  # class: name or commune, other fields, old name
FIRST_SCREEN = 5  # results a phone shows without scrolling, with room to spare
CARDS_KEY = "#"  # the shard's entry that carries them: never a token ([a-z0-9_])


class FirstScreens:
    """Each token's first ids by class: a point further down a list has FIRST_SCREEN points of
    the same score before it in the index order, so it is never on the first screen."""

    def __init__(self) -> None:
        self.firsts: dict[str, list[list[int]]] = {}
        self._sorted: list[str] | None = None

    def add(self, token: str, lists: list[array[int]], pair: str) -> None:
        if pair not in token:  # a one-word query never matches a pair
            self.firsts[token] = [list(ids[:FIRST_SCREEN]) for ids in lists]

    def ids(self, word: str) -> list[int]:
        """The first screen of `word` typed alone, best first."""
        if self._sorted is None:
            self._sorted = sorted(self.firsts)
        best: dict[int, int] = {}
        tokens = self._sorted
        at = bisect_left(tokens, word)
        while at < len(tokens) and tokens[at].startswith(word):
            token = tokens[at]
            kind = SCORES["exact"] if token == word else SCORES["prefix"]
            for cls, ids in enumerate(self.firsts[token]):
                score = kind + SCORES["class"][cls]
                for ident in ids:
                    if best.get(ident, 0) < score:
                        best[ident] = score
            at += 1
        return sorted(best, key=lambda ident: (-best[ident], ident))[:FIRST_SCREEN]


def shard_cards(
    key: str,
    base: int,
    screens: FirstScreens,
    record: Callable[[int], list],
    commune_of: Callable[[int], str],
    commune_row: Callable[[str], list],
) -> dict:
    """The records of the first screens of `key` and of its prefixes from `base` characters on,
    as a record chunk holds them ("p": id → record, "c": commune → its row)."""
    ids = sorted({ident for end in range(base, len(key) + 1) for ident in screens.ids(key[:end])})
    codes = sorted({commune_of(ident) for ident in ids})
    return {
        "c": {code: commune_row(code) for code in codes},
        "p": {str(ident): record(ident) for ident in ids},
    }
