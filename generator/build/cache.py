"""Outputs kept between builds, keyed by a digest of everything they are made from: a monthly
build after one province's new list makes again only what depends on it.

The render stage never knows about the cache: a renderer that has costly outputs takes a
`Memo` (generator/render/memo.py) and this class is one. The entries live beside the
validation results (`.cache/`, DANH_BA_CACHE_DIR) in `render/`, are safe to delete, and are
written whole then renamed, so that two builds at once never read half an entry. The digest
covers the generator's code and reference data versions too (`tool_version`), so a change of a
template or a renderer invalidates everything.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from generator.cache_entries import read_bytes, temporary_file
from generator.framed import FramedPage
from generator.render.memo import Files
from generator.validate.cache import tool_version, unpickled, write_whole

FOLDER = "render"


def _dumped(item: object, handle: BinaryIO) -> bool:
    try:
        pickle.dump(item, handle, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        return False
    return True


class OutputCache:
    def __init__(self, cache_dir: Path) -> None:
        self.folder = cache_dir / FOLDER
        self.hits = 0
        self.misses = 0
        self.used: set[str] = set()  # every key looked up or written: what the build keeps

    def __call__(self, namespace: str, source: bytes, make: Callable[[], bytes]) -> bytes:
        key = self.key(namespace, source)
        data = self.get(key)
        if data is None:
            data = make()
            self.put(key, data)
        return data

    def files(
        self, namespace: str, source: bytes, make: Callable[[], Files]
    ) -> Iterator[tuple[str, str | bytes | FramedPage]]:
        """A `FilesMemo` (render/memo.py): the files kept as a sequence of pickles in one entry,
        read back and written one file at a time, then the keys of the entries they were made
        from (`used`, for `cache_entries.prune`)."""
        entry = self._entry(self.key(namespace, source))
        try:
            handle = entry.open("rb")
        except OSError:
            self.misses += 1
        else:
            self.hits += 1
            with handle:
                # Written whole then renamed: an entry that is there is complete.
                while (item := unpickled(handle)) is not None:
                    yield item
                # The entries its files were made from are this build's too: the next build
                # that changes a province makes the national files from the others' parts.
                self.used.update(unpickled(handle))
            return
        before = set(self.used)  # a renderer may make its files before returning them
        yield from self._making(entry, make(), before)

    def _making(
        self, entry: Path, files: Files, before: set[str]
    ) -> Iterator[tuple[str, str | bytes | FramedPage]]:
        """Yields `files`, writing each to `entry` as it goes; the entry is put in place only when
        the last was written (a build stopped half-way leaves none). An entry that cannot be
        written only costs time; an error of the renderer itself goes to the build. The keys
        used since `before` are what the files were made from: the entry ends with them."""
        try:
            descriptor, name = temporary_file(entry.parent)
        except OSError:
            yield from files
            return
        handle = os.fdopen(descriptor, "wb", buffering=1 << 16)  # sized: no terminal check
        writing = True
        try:
            for item in files:  # outside any `except OSError`: the renderer's errors are its own
                writing = writing and _dumped(item, handle)
                yield item
            writing = writing and _dumped(None, handle) and _dumped(sorted(self.used - before), handle)
            with contextlib.suppress(OSError):
                handle.close()
                if writing:
                    os.replace(name, entry)
        finally:
            with contextlib.suppress(OSError):
                handle.close()
            Path(name).unlink(missing_ok=True)

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def key(self, namespace: str, *parts: bytes) -> str:
        digest = hashlib.sha256(f"{tool_version()}\0{namespace}\0".encode())
        for part in parts:
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
        key = digest.hexdigest()
        self.used.add(key)
        return key

    def get(self, key: str) -> bytes | None:
        try:
            data = read_bytes(self.folder / key[:2] / key)
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def put(self, key: str, data: bytes) -> None:
        write_whole(self.folder / key[:2] / key, lambda handle: handle.write(data))
