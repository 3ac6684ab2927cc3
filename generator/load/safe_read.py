"""Reading what a province put in its folder without trusting it: only regular files are opened
(a symlink, a device or a FIFO is never followed or read), the size is checked on the open file
before anything is read, and YAML is parsed without aliases, tags or deep nesting.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml

YAML_MAX_DEPTH = 20


class NotRegularFile(OSError):
    """A symlink, folder, device, FIFO or socket where a file was expected."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path}: {kind}")
        self.kind = kind


class FileTooLarge(OSError):
    def __init__(self, path: Path, size: int) -> None:
        super().__init__(f"{path}: {size} byte")
        self.size = size


def entry_kind(mode: int) -> str:
    """What a non-regular entry is, in Vietnamese, for the finding."""
    if stat.S_ISLNK(mode):
        return "liên kết tượng trưng (symlink)"
    if stat.S_ISDIR(mode):
        return "thư mục"
    if stat.S_ISFIFO(mode):
        return "ống dẫn (FIFO)"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "thiết bị"
    return "không phải file thường"


def is_regular(path: Path) -> bool:
    """Without following a symlink."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def linked_component(path: Path, root: Path) -> Path | None:
    """The first symlink on the way from `root` down to `path` (the path itself included), so a
    province folder that links to another province's is refused like a linked file."""
    path, root = Path(os.path.abspath(path)), Path(os.path.abspath(root))
    if not path.is_relative_to(root):
        return None
    current = root
    for part in path.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. O_NOFOLLOW refuses a final symlink
    and O_NONBLOCK keeps a FIFO from blocking; fstat on the open descriptor decides, so the size
    is known before a byte is read, and the read itself stops at the limit whatever the file
    grows to."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        if path.is_symlink():
            raise NotRegularFile(path, entry_kind(stat.S_IFLNK)) from None
        raise
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path, entry_kind(info.st_mode))
        if info.st_size > limit:
            raise FileTooLarge(path, info.st_size)
        # As many bytes as fstat says, and on to the limit only if the file grew meanwhile: a
        # buffer of the limit's size for every file cost more than the reading itself.
        data = handle.read(info.st_size + 1)
        if len(data) > info.st_size:
            data += handle.read(limit + 1 - len(data))
    if len(data) > limit:
        raise FileTooLarge(path, len(data))
    return data


class UnsafeYaml(ValueError):
    """YAML that a side file has no need for: an alias or anchor, a tag, nesting deeper than
    YAML_MAX_DEPTH. Phrased in Vietnamese, with the line."""


def safe_yaml(text: str) -> Any:
    """Parse with every construct a side file never needs refused before anything is built:
    aliases (the "billion laughs" expansion), tags (objects), and deep nesting (a recursion
    error in the composer). The events are streamed, so refusing costs no memory."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise UnsafeYaml(f"dòng {line}: không dùng tham chiếu YAML (& hoặc *)")
        tag = getattr(event, "tag", None)
        if tag not in (None, "!") and not isinstance(event, yaml.DocumentStartEvent):
            raise UnsafeYaml(f"dòng {line}: không dùng thẻ kiểu YAML ({str(tag)[:40]})")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > YAML_MAX_DEPTH:
                raise UnsafeYaml(f"dòng {line}: lồng sâu quá {YAML_MAX_DEPTH} cấp")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return yaml.safe_load(text)
