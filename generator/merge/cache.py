"""A province's merged series kept between builds: a monthly build after one province's new list
replays only that province. The others' series come back whole from one entry each (the built
month's points, the earlier months as summaries), so their lists' points (eleven months of them)
are never read from the validation cache at all.

An entry is keyed by everything the replay reads: the validation results of the province's lists
(their digests: each list's bytes, place and the tool's version, `validate/cache.py`), their
months, every removal confirmation beside them (its bytes, or that there is none), the months of
the series and the tool's version. It lives in `.cache/merge/`, is safe to delete, and is written
whole then renamed, as every entry of the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from generator.findings import Finding
from generator.merge import ProvinceState, summarised
from generator.units import Province
from generator.validate import ValidatedFile
from generator.validate.cache import tool_version, unpickled, write_whole

FOLDER = "merge"
_UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError)

Replayed = list[tuple[ProvinceState, list[Finding]]]


class MergeCache:
    """A `merge.Replay` (`summarised`, through the cache). `with_points` gives a list its points
    when the validation left them in its cache (`validate_paths(defer_points=True)`): only a
    province whose entry is missing needs them."""

    def __init__(self, cache_dir: Path, with_points: Callable[[ValidatedFile], ValidatedFile]) -> None:
        self.folder = cache_dir / FOLDER
        self.with_points = with_points
        self.hits = 0
        self.used: set[str] = set()  # every key looked up or written: what the build keeps

    def __call__(self, province: Province, history: list[ValidatedFile], months: tuple[str, ...]) -> Replayed:
        key = self.key(province, history, months)
        if key is None:
            return summarised(province, [self.with_points(item) for item in history], months)
        replayed = self.get(key)
        if replayed is None:
            replayed = summarised(province, [self.with_points(item) for item in history], months)
            self.put(key, replayed)
        else:
            self.hits += 1
        return [(replace(state, source=key), findings) for state, findings in replayed]

    def key(self, province: Province, history: list[ValidatedFile], months: tuple[str, ...]) -> str | None:
        """None when a list has no digest (not kept in the validation cache: nothing says its
        result is the same as before)."""
        digest = hashlib.sha256(f"{tool_version()}\0{province.slug}\0{','.join(months)}\0".encode())
        for item in history:
            if not item.digest:
                return None
            digest.update(f"{item.digest}\0{item.loaded.month}\0".encode())
            digest.update(_confirmation(item.loaded.path.with_suffix(".yaml")))
        key = digest.hexdigest()
        self.used.add(key)
        return key

    def get(self, key: str) -> Replayed | None:
        try:
            with (self.folder / key[:2] / key).open("rb") as handle:
                return unpickled(handle)
        except _UNREADABLE:
            return None

    def put(self, key: str, replayed: Replayed) -> None:
        write_whole(
            self.folder / key[:2] / key,
            lambda handle: pickle.dump(replayed, handle, protocol=pickle.HIGHEST_PROTOCOL),
        )


def _confirmation(path: Path) -> bytes:
    """What the removal guard could read of a list's confirmation (`<YYYY-MM>.yaml`): its bytes,
    the kind of entry it is, or that there is none."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return b"absent\0"
    except OSError as exc:
        return f"unreadable {exc.errno}\0".encode()
    if not stat.S_ISREG(info.st_mode):
        return f"mode {info.st_mode}\0".encode()
    try:
        data = path.read_bytes()
    except OSError as exc:
        return f"unreadable {exc.errno}\0".encode()
    return hashlib.sha256(data).digest() + len(data).to_bytes(8, "big")
