"""How a renderer reuses an output it made before: `memo(namespace, source, make)` returns
`make()`, or what `make()` returned in an earlier build for the same namespace and the same
`source` bytes (everything the output is made from). The build stage passes one backed by its
cache folder (generator/build/cache.py); without it everything is made again."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from generator.framed import FramedPage
from generator.merge import Directory, ProvinceState
from generator.model import Point

Memo = Callable[[str, bytes, Callable[[], bytes]], bytes]
# A renderer's files, one (path, content) at a time.
Files = Iterable[tuple[str, str | bytes | FramedPage]]
# The same for a whole renderer's files: `files_memo(namespace, source, make)` yields what
# `make()` yields, or what it yielded in an earlier build for the same `source`, one file at a
# time (never the whole set in memory).
FilesMemo = Callable[[str, bytes, Callable[[], Files]], Files]


def no_memo(namespace: str, source: bytes, make: Callable[[], bytes]) -> bytes:
    return make()


def no_files_memo(namespace: str, source: bytes, make: Callable[[], Files]) -> Files:
    return make()


def directory_source(directory: Directory) -> bytes | None:
    """What everything made from the directory alone depends on, when each province's state comes
    from its merged series kept by the merge cache (`ProvinceState.source`, a digest of all its
    lists, marks and the tool): then an unchanged country is known without reading a point. None
    when a province's series was not keyed."""
    sources = [state.source for state in directory.provinces]
    if not all(sources):
        return None
    return "\0".join([directory.month, *sources]).encode()


def state_digest(state: ProvinceState) -> bytes:
    """What an output made from a province's state (its published points and marks) depends on:
    its merged series' key when the merge cache gave one (`ProvinceState.source`: no point is
    read), else its points' digest."""
    return b"series\0" + state.source.encode() if state.source else points_digest(state.points)


def points_digest(points: Iterable[Point]) -> bytes:
    """What a renderer's output made from these points depends on: their fields, in order. The
    values written by `repr` of plain tuples (C), not of the points (a Python `__repr__` per point,
    which was a tenth of the CPU of a warm build when several renderers each wrote it). A
    province's tuple of points is digested once for the five renderers that key on it."""
    if isinstance(points, tuple):
        kept = _RECENT.get(id(points))
        if kept is not None and kept[0] is points:
            return kept[1]
    digest = hashlib.sha256(repr(list(map(tuple, points))).encode("utf-8")).digest()
    if isinstance(points, tuple):
        if len(_RECENT) >= _KEEP:
            _RECENT.clear()
        _RECENT[id(points)] = (points, digest)  # the tuple itself kept: its id is not reused
    return digest


# The digests of the last tuples: a build's provinces (34), bounded for a process that builds
# again and again (the tests).
_KEEP = 128
_RECENT: dict[int, tuple[tuple[Point, ...], bytes]] = {}
