"""What every cache of the build shares (validation results, merged series, outputs, the
administrative units): the tool's version in every key, the folder, entries written whole then
renamed and read back without the cycle collector. Below every stage: it imports nothing of the
generator but the project's root, so the lowest modules (`units.py`) can keep what they make."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import re
import tempfile
import time
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from generator.contract import PROJECT_ROOT

# What reading an entry written by another version, or damaged, may raise: the entry is made again.
UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError)
# The reference data and parsers whose versions change what a list validates to.
REFERENCE_PACKAGES = ("vietnamadminunits", "phonenumbers", "ftfy", "openpyxl")
# An entry no build used for this long is removed (`prune`): a monthly build adds tens of MB
# (its new lists, pages and national files) and a new version of the tool a whole cache, which
# a CI cache would otherwise restore, grown, every month.
UNUSED_DAYS = 7
_DAY = 24 * 3600
_KEY = re.compile(r"[0-9a-f]{64}")


def cache_folder() -> Path:
    """DANH_BA_CACHE_DIR (a CI cache, a test's own folder), else the project's .cache/."""
    return Path(os.environ.get("DANH_BA_CACHE_DIR") or PROJECT_ROOT / ".cache" / "validation")


@cache
def tool_version() -> str:
    """A digest of every source and data file of the generator and of the contract, and of the
    reference packages' versions: any change of a rule, a message or a table invalidates all."""
    digest = hashlib.sha256()
    sources = [PROJECT_ROOT / "generator", PROJECT_ROOT / "directory_data" / "schema"]
    for root in sources:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(PROJECT_ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    for package in REFERENCE_PACKAGES:
        digest.update(f"{package}={metadata.version(package)}".encode())
    return digest.hexdigest()


def unpickled(handle: IO[bytes]) -> Any:
    """`pickle.load` with the cycle collector off: an entry is thousands of new containers (a
    province's merged series: its points, their tuples), each allocation counting towards a
    collection that finds nothing to free while they are being made. Reading the 34 provinces'
    series took 0.39–0.53 s CPU with it, 0.21–0.22 s without."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(handle)
    finally:
        if enabled:
            gc.enable()


def write_bytes(target: str | os.PathLike[str], data: bytes) -> None:
    """`Path.write_bytes` in three system calls (open, write, close), not six: `open()`'s buffered
    file also asks the file for its size, whether it is a terminal and where it stands, which on
    this overlay file system cost more than the write itself for the build's ten thousand files."""
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """`Path.read_bytes` in four system calls, for the same reason as `write_bytes`: one read of
    one byte more than the file's size; fewer came back, so that was all (a regular file's read
    stops short only at its end, or past a gigabyte, where this reads on until the end)."""
    descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        size = os.fstat(descriptor).st_size
        data = os.read(descriptor, size + 1)
        if len(data) <= size and size < 1 << 30:
            return data
        chunks = [data]
        while chunk := os.read(descriptor, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def temporary_file(folder: Path) -> tuple[int, str]:
    """A new temporary file in `folder`, the folder made only when it is not there yet (a failing
    mkdir per entry otherwise)."""
    try:
        return tempfile.mkstemp(dir=folder, suffix=".tmp")
    except FileNotFoundError:
        folder.mkdir(parents=True, exist_ok=True)
        return tempfile.mkstemp(dir=folder, suffix=".tmp")


def write_whole(entry: Path, write: Callable[[IO[bytes]], object]) -> None:
    """A cache entry written to a temporary file then renamed: a reader never sees half of one.
    A cache that cannot be written only costs time: the build goes on without it. The file is
    unbuffered: its writers hand it whole entries or pickles, which write 64 KiB frames."""
    name = ""
    try:
        descriptor, name = temporary_file(entry.parent)
        with os.fdopen(descriptor, "wb", buffering=0) as handle:
            write(handle)
        os.replace(name, entry)
    except OSError:
        if name:
            Path(name).unlink(missing_ok=True)
    except BaseException:  # the writer's own error (or an interrupt) leaves no temporary file
        if name:
            with contextlib.suppress(OSError):
                Path(name).unlink(missing_ok=True)
        raise


def prune(folder: Path, used: set[str], now: float | None = None) -> int:
    """The entries of `folder` (`<key[:2]>/<key>`) in `used`, those a build just read or wrote,
    are marked as used today (their modification time); the others are removed once no build
    used them for UNUSED_DAYS days. Only entries: a temporary file of a build under way, or any
    other file, stays. Returns how many were removed; an entry that cannot be is left."""
    now = time.time() if now is None else now
    removed = 0
    try:
        shards = [entry.path for entry in os.scandir(folder) if len(entry.name) == 2 and entry.is_dir()]
    except OSError:
        return 0
    for shard in shards:
        with contextlib.suppress(OSError), os.scandir(shard) as entries:
            for entry in entries:
                if not _KEY.fullmatch(entry.name):
                    continue
                with contextlib.suppress(OSError):
                    age = now - entry.stat(follow_symlinks=False).st_mtime
                    if entry.name in used:
                        if age > _DAY:  # one write a day at most, not one per entry per build
                            os.utime(entry.path, (now, now))
                    elif age > UNUSED_DAYS * _DAY:
                        os.unlink(entry.path)
                        removed += 1
    return removed
