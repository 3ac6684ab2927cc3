"""How a renderer reuses an output it made before: `memo(namespace, source, make)` returns
`make()`, or what `make()` returned in an earlier build for the same namespace and the same
`source` bytes (everything the output is made from). The build stage passes one backed by its
cache folder (generator/build/cache.py); without it everything is made again."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import fields
from operator import attrgetter

from generator.model import Point

Memo = Callable[[str, bytes, Callable[[], bytes]], bytes]


def no_memo(namespace: str, source: bytes, make: Callable[[], bytes]) -> bytes:
    return make()


_VALUES = attrgetter(*(f.name for f in fields(Point)))


def points_digest(points: Iterable[Point]) -> bytes:
    """What a renderer's output made from these points depends on: their fields, in order. The
    values written by `repr` of plain tuples (C), not of the points (a Python `__repr__` per point,
    which was a tenth of the CPU of a warm build when several renderers each wrote it). A
    province's tuple of points is digested once for the five renderers that key on it."""
    if isinstance(points, tuple):
        kept = _RECENT.get(id(points))
        if kept is not None and kept[0] is points:
            return kept[1]
    digest = hashlib.sha256(repr([_VALUES(point) for point in points]).encode("utf-8")).digest()
    if isinstance(points, tuple):
        if len(_RECENT) >= _KEEP:
            _RECENT.clear()
        _RECENT[id(points)] = (points, digest)  # the tuple itself kept: its id is not reused
    return digest


# The digests of the last tuples: a build's provinces (34), bounded for a process that builds
# again and again (the tests).
_KEEP = 128
_RECENT: dict[int, tuple[tuple[Point, ...], bytes]] = {}
