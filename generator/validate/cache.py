"""Validation results kept between builds, keyed by what they depend on: the file's bytes, where
it is (province, month, the path its findings name), the code of the tool and the versions of the
reference data. A monthly rebuild re-validates only the lists that changed.

The folder is safe to delete at any time (a missing or unreadable entry is recomputed) and is
never committed. Entries are written whole, then renamed, so that two processes building at once
never read half an entry.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import time
from itertools import repeat
from pathlib import Path
from typing import IO

# Re-exported: every cache of the build imports them from here.
from generator.cache_entries import (  # noqa: F401
    REFERENCE_PACKAGES,
    UNREADABLE,
    cache_folder,
    read_bytes,
    tool_version,
    unpickled,
    write_whole,
)
from generator.load.decode import MAX_BYTES
from generator.load.layout import display_path
from generator.model import Point
from generator.validate import ValidatedFile

# DANH_BA_CACHE_DIR moves it (a CI cache, a test's own folder); read once, when imported.
DEFAULT_CACHE_DIR = cache_folder()


# Inside the folder, beside the entries: each list's digest by what `os.lstat` says of it.
DIGESTS = "digests.pickle"
# A digest taken this soon after the file last changed is not kept: a write in the same tick of
# the file system's clock would leave its times as they were.
_SETTLED_NS = 2_000_000_000


class ContentDigests:
    """The digests of the lists' bytes, by the file's device, inode, size and modification and
    change times: a monthly build otherwise reads and digests every list again (100 MB at 30,000
    points × 12 months) to find the one that changed. A file written since has another change
    time, which no tool sets back (`touch` and `os.utime` set the modification time, and change
    the change time doing so)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / DIGESTS
        self._known: dict[str, tuple[tuple[int, ...], bytes]] | None = None
        self._new: dict[str, tuple[tuple[int, ...], bytes]] = {}

    def of(self, real: str, info: os.stat_result, path: Path) -> bytes:
        stamp = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        if self._known is None:
            self._known = self._read()
        kept = self._new.get(real) or self._known.get(real)
        if kept is not None and kept[0] == stamp:
            return kept[1]
        digest = hashlib.sha256(read_bytes(path)).digest()
        if time.time_ns() - info.st_ctime_ns > _SETTLED_NS:
            self._new[real] = (stamp, digest)
        return digest

    def _read(self) -> dict[str, tuple[tuple[int, ...], bytes]]:
        try:
            with self.path.open("rb") as handle:
                known = unpickled(handle)
        except UNREADABLE:
            return {}
        return known if isinstance(known, dict) else {}

    def save(self) -> None:
        """Kept for the next process, with those it did not look up (another folder's lists);
        a stale or missing file only costs reading the lists again."""
        if self._new:
            known = {**(self._known or {}), **self._new}
            write_whole(self.path, lambda handle: pickle.dump(known, handle, pickle.HIGHEST_PROTOCOL))
            self._known, self._new = known, {}


class ValidationCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.digests = ContentDigests(folder)
        # Folder → its real path: resolving walks and stats every component of the path, twice
        # per list, where a province's twelve lists share their folder and the data root.
        self._real: dict[Path, str] = {}

    def _resolved(self, folder: Path) -> str:
        real = self._real.get(folder)
        if real is None:
            real = self._real[folder] = os.path.realpath(folder)
        return real

    def key(self, path: Path, data_root: Path, province: str | None, month: str | None) -> str | None:
        """None for anything but a regular file the loader would read whole (a link, a device or
        an oversized file goes to the loader, which says what is wrong with it)."""
        try:
            info = os.lstat(path)
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        digest = hashlib.sha256(tool_version().encode())
        # Not a link (lstat says a regular file): its real path is its folder's, and its name.
        real = os.path.join(self._resolved(path.parent), path.name)
        where = (
            real,
            self._resolved(data_root),
            display_path(path),
            province or "",
            month or "",
        )
        for part in where:
            digest.update(part.encode() + b"\0")
        digest.update(self.digests.of(real, info, path))
        return digest.hexdigest()

    def get(self, key: str, points: bool = True) -> ValidatedFile | None:
        """Without `points`, the result comes back without its points (`points_deferred`): the
        entry is two pickles, the points last, so they are not even read."""
        try:
            with (self.folder / key[:2] / key).open("rb") as handle:
                loaded, findings, held, rows, count = unpickled(handle)
                if not points:
                    deferred = count > 0
                    return ValidatedFile(loaded, findings, (), held, rows, key, deferred)
                made = tuple(map(tuple.__new__, repeat(Point), unpickled(handle)))
            return ValidatedFile(loaded, findings, made, held, rows, key)
        except UNREADABLE:
            return None

    def put(self, key: str, item: ValidatedFile) -> None:
        def write(handle: IO[bytes]) -> None:
            head = (item.loaded, item.findings, item.held, item.rows, len(item.points))
            pickle.dump(head, handle, protocol=pickle.HIGHEST_PROTOCOL)
            # A point is kept as a plain tuple of its values: a named tuple is pickled through
            # its Python-level `__getnewargs__` and made again through its `__new__`. The tool's
            # version is in every key, so a new layout never reads an old entry.
            points = list(map(tuple, item.points))
            pickle.dump(points, handle, protocol=pickle.HIGHEST_PROTOCOL)

        write_whole(self.folder / key[:2] / key, write)
