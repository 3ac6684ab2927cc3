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


class FirstScreens:
    """The tokens' encoded lists, of which only the first ids are read: a point further down a
    list has FIRST_SCREEN points of the same score before it in the index order, so it is never
    on the first screen."""

    def __init__(self, firsts: list[int]) -> None:
        self.lists: dict[str, list[str]] = {}
        self.firsts = firsts  # each province's first id
        self._sorted: list[str] | None = None
        self._screens: dict[str, list[int]] = {}
        # An encoded list's first ids, by its text: a third of the lists are another token's too
        # (the words of one point's address, name or phone list just that point), and a token is
        # read again for each longer key of a split shard.
        self._firsts: dict[str, list[int]] = {}

    def add(self, token: str, lists: list[str], pair: str) -> None:
        if pair not in token:  # a one-word query never matches a pair
            self.lists[token] = lists

    def ids(self, word: str) -> list[int]:
        """The first screen of `word` typed alone, best first (kept: the split shards of a
        head all carry the head's)."""
        if word in self._screens:
            return self._screens[word]
        if self._sorted is None:
            self._sorted = sorted(self.lists)
        best: dict[int, int] = {}
        tokens = self._sorted
        firsts = self._firsts
        at = bisect_left(tokens, word)
        while at < len(tokens) and tokens[at].startswith(word):
            token = tokens[at]
            kind = SCORES["exact"] if token == word else SCORES["prefix"]
            for cls, text in enumerate(self.lists[token]):
                score = kind + SCORES["class"][cls]
                ids = firsts.get(text)
                if ids is None:
                    ids = firsts[text] = decode(text, self.firsts, FIRST_SCREEN)
                for ident in ids:
                    if best.get(ident, 0) < score:
                        best[ident] = score
            at += 1
        found = self._screens[word] = sorted(best, key=lambda ident: (-best[ident], ident))[:FIRST_SCREEN]
        return found

    def carried(self, key: str, base: int) -> list[int]:
        """The ids a shard of `key` carries: the first screens of `key` and of its prefixes from
        `base` characters on."""
        return sorted({ident for end in range(base, len(key) + 1) for ident in self.ids(key[:end])})


def shard_cards(ids: list[int], records: dict[int, tuple[list, str]], communes: dict[str, list]) -> dict:
    """The records of `ids` as a record chunk holds them: "p", id → record; "c", commune → its
    row. `records` holds each id's record and commune code."""
    codes = sorted({records[ident][1] for ident in ids})
    return {
        "c": {code: communes[code] for code in codes},
        "p": {str(ident): records[ident][0] for ident in ids},
    }
