"""The search index joined from its provinces' parts (generator/render/search_index.py).

A province's part is made from its points alone, with ids from 0 in the province, and kept by
the build's cache (render/memo.py): a warm build after one province's new list makes that part
again and joins all of them, which is string concatenation. A posting list is the segments of
the provinces that list the token, joined by ",": a segment is the province's index in
meta.json's provinces, ":", then its ids as base-36 gaps from the province's first id − 1,
separated by spaces ("3:6 1,7:1 2" lists the 6th and 7th points of province 3 and the 1st and
3rd of province 7). The records are already JSON, one line each, and a record chunk is their
lines joined.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Iterator, Sequence
from functools import cache
from itertools import chain

SEGMENTS, PROVINCE = ",", ":"


@cache
def base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def _gaps(ids: list[int]) -> str:
    """A province's ids (from 0 in the province, ascending) as a segment's gaps."""
    if len(ids) == 1:  # most lists of a province: a word of one point's address, code or phone
        return base36(ids[0] + 1)
    return " ".join(map(base36, map(operator.sub, ids, chain((-1,), ids))))


def decode(text: str, firsts: list[int], count: int | None = None) -> list[int]:
    """The national ids of an encoded list (the first `count` of them); `firsts` holds each
    province's first id."""
    if SEGMENTS not in text and " " not in text:  # one id at most: most lists, a point's own words
        province, _, gap = text.partition(PROVINCE)
        return [firsts[int(province, 36)] - 1 + int(gap, 36)] if text else []
    found: list[int] = []
    # Each segment lists an id at least: the first `count` ids need no more than `count`
    # segments, nor gaps of one segment (a list may be a whole province long).
    most = -1 if count is None else count
    for part in text.split(SEGMENTS, most) if text else ():
        province, _, gaps = part.partition(PROVINCE)
        ident = firsts[int(province, 36)] - 1
        for gap in gaps.split(" ", most):
            ident += int(gap, 36)
            found.append(ident)
            if count is not None and len(found) == count:
                return found
    return found


def add_run(found: dict[str, list[int]], run: list[frozenset[str]], first: int) -> None:
    """Add the tokens of points `first`, `first + 1`, … (one commune's, in id order) to `found`.
    The tokens every one of them has (its commune's and province's names, the old names) are
    added as one range each: a third of the tokens, without a step per point."""
    common = frozenset.intersection(*run) if len(run) > 1 else frozenset()
    if common:
        ids = range(first, first + len(run))
        for token in common:
            listed = found.get(token)
            if listed is None:
                found[token] = list(ids)
            else:
                listed.extend(ids)
    for ident, tokens_of_point in enumerate(run, first):
        for token in tokens_of_point - common if common else tokens_of_point:
            listed = found.get(token)
            if listed is None:
                found[token] = [ident]
            else:
                listed.append(ident)


def part_lines(province: int, by_class: Sequence[dict[str, list[int]]]) -> str:
    """A province's part of the posting lists: a line "token TAB class TAB segment" for each
    token and class that lists some of its points (`by_class[class][token]`: the ids), by token
    then class. Sorting the lines sorts them so: a tab sorts before any character of a token."""
    start = base36(province) + PROVINCE
    lines = [
        f"{token}\t{cls}\t{start}{_gaps(ids)}"
        for cls, found in enumerate(by_class)
        for token, ids in found.items()
        if ids
    ]
    lines.sort()
    return "\n".join(lines)


class Postings:
    """The national posting lists, joined part by part in the provinces' order."""

    def __init__(self) -> None:
        # "token TAB class" → its segment, or its segments when several provinces list it: nine
        # in ten are listed by one province (a point's own words), and a string is no container
        # for the cycle collector to walk, nor a list to join.
        self._joined: dict[str, str | list[str]] = {}

    def add(self, part: str) -> None:
        joined = self._joined
        for line in part.split("\n") if part else ():
            key, _, piece = line.rpartition("\t")
            pieces = joined.get(key)
            if pieces is None:
                joined[key] = piece
            elif isinstance(pieces, str):
                joined[key] = [pieces, piece]
            else:
                pieces.append(piece)

    def encoded(self) -> Iterator[tuple[str, list[str]]]:
        """Each token's lists by class, without trailing empty classes; empties the join as it
        goes (the pieces and the joined text are not both kept)."""
        by_token: dict[str, list[str]] = {}
        while self._joined:
            key, pieces = self._joined.popitem()
            token, _, cls = key.partition("\t")
            lists = by_token.setdefault(token, ["", "", ""])
            lists[int(cls)] = pieces if isinstance(pieces, str) else SEGMENTS.join(pieces)
        while by_token:
            token, lists = by_token.popitem()
            while lists and not lists[-1]:
                lists.pop()
            yield token, lists


def records_part(header: dict, lines: list[str]) -> bytes:
    """A province's records: a JSON header line, then one JSON record per line (JSON escapes
    every line break inside a string, so a record is always one line)."""
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return "\n".join([head, *lines]).encode("utf-8")


def read_records_part(data: bytes) -> tuple[dict, list[str]]:
    head, *lines = data.decode("utf-8").split("\n")
    return json.loads(head), lines
