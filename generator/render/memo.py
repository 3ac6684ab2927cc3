"""How a renderer reuses an output it made before: `memo(namespace, source, make)` returns
`make()`, or what `make()` returned in an earlier build for the same namespace and the same
`source` bytes (everything the output is made from). The build stage passes one backed by its
cache folder (generator/build/cache.py); without it everything is made again."""

from __future__ import annotations

from collections.abc import Callable

Memo = Callable[[str, bytes, Callable[[], bytes]], bytes]


def no_memo(namespace: str, source: bytes, make: Callable[[], bytes]) -> bytes:
    return make()
