"""Rendered pages kept on disk from the moment they are rendered, not in memory until mkdocs runs.

At national scale the rendered site is over a gigabyte of text (300,000 points: commune pages,
open data, search index, signage lists); held in one dict until the build stage writes it, it
made the build's memory grow with the data instead of staying bounded. A `PageSpool` is the same
mapping (path in the docs folder → Markdown text, file content or `FramedPage`), but each value
is written to a file as it is set (a `StreamedFile` chunk by chunk) and read back only when
asked for (a streamed file as bytes); the build stage moves the
files into the docs folder without reading them. Only the framed pages' short texts (title,
description, heading) stay in memory.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import BinaryIO

from generator.cache_entries import read_bytes, write_bytes
from generator.framed import FramedPage
from generator.streamed import StreamedFile

_TEXT, _BYTES = "t", "b"
# Inside the spool's folder: the pages at their paths, the framed bodies in one file.
PAGES, BODIES = "pages", "framed-bodies"


class PageSpool(MutableMapping[str, "str | bytes | FramedPage | StreamedFile"]):
    """`folder` must not exist yet or be empty; it belongs to the spool (`close()` removes it)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        # path → _TEXT, _BYTES, or the framed page with an empty body (its body is on disk).
        self._kinds: dict[str, str | FramedPage] = {}
        # The framed bodies (thousands of commune pages) one after the other in one file: no
        # file, let alone a folder, made, opened again and removed per page.
        self._bodies: dict[str, tuple[int, int]] = {}  # path → (offset, length) in BODIES
        self._appending: BinaryIO | None = None
        self._reading: BinaryIO | None = None
        self._pages = os.path.join(os.fspath(folder), PAGES)
        self._folders: set[str] = set()

    def file(self, path: str) -> Path:
        """Where the value of `path` is kept, its text in UTF-8 or its bytes (not a framed page's:
        the bodies are in one file of the spool)."""
        return self.folder / PAGES / path

    def _target(self, path: str) -> str:
        """Where a new value of `path` goes, its folder made (strings, not Path objects: thousands
        of files each build)."""
        target = os.path.join(self._pages, path)
        folder = os.path.dirname(target)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        return target

    def _append(self, path: str, body: bytes) -> None:
        if self._appending is None:
            self._appending = (self.folder / BODIES).open("ab")
        self._bodies[path] = (self._appending.tell(), len(body))
        self._appending.write(body)

    def framed_body(self, path: str) -> bytes:
        """A framed page's body as it was set, in UTF-8."""
        offset, length = self._bodies[path]
        if self._appending is not None:
            self._appending.flush()
        if self._reading is None:
            self._reading = (self.folder / BODIES).open("rb")
        self._reading.seek(offset)
        return self._reading.read(length)

    def is_framed(self, path: str) -> bool:
        return isinstance(self._kinds[path], FramedPage)

    def is_text(self, path: str) -> bool:
        return self._kinds[path] == _TEXT

    def framed_paths(self) -> list[str]:
        return [path for path, kind in self._kinds.items() if isinstance(kind, FramedPage)]

    def framed_page(self, path: str) -> FramedPage:
        """Its frame and texts without the body: grouping pages by frame reads no file."""
        kind = self._kinds[path]
        if not isinstance(kind, FramedPage):
            raise KeyError(path)
        return kind

    def __setitem__(self, path: str, content: str | bytes | FramedPage | StreamedFile) -> None:
        if path in self._kinds:
            del self[path]
        if isinstance(content, FramedPage):
            self._append(path, content.body.encode("utf-8"))
            self._kinds[path] = FramedPage(
                content.frame, content.title, content.description, content.heading, ""
            )
            return
        target = self._target(path)
        if isinstance(content, StreamedFile):
            # A sized buffer: `open()` asks a file whether it is a terminal only to choose one.
            with open(target, "wb", buffering=1 << 16) as handle:
                for chunk in content.chunks():
                    handle.write(chunk)
            self._kinds[path] = _BYTES
        elif isinstance(content, str):
            write_bytes(target, content.encode("utf-8"))
            self._kinds[path] = _TEXT
        else:
            write_bytes(target, content)
            self._kinds[path] = _BYTES

    def __getitem__(self, path: str) -> str | bytes | FramedPage:
        kind = self._kinds[path]
        if isinstance(kind, FramedPage):
            body = self.framed_body(path).decode("utf-8")
            return FramedPage(kind.frame, kind.title, kind.description, kind.heading, body)
        data = read_bytes(os.path.join(self._pages, path))
        return data.decode("utf-8") if kind == _TEXT else data

    def __delitem__(self, path: str) -> None:
        del self._kinds[path]
        if self._bodies.pop(path, None) is None:  # a body's bytes stay, unread, until close()
            self.file(path).unlink(missing_ok=True)

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)

    def move(self, path: str, target: Path | str) -> None:
        """Put the value's file at `target` (same file system: a rename, nothing is copied) and
        forget it. Not for a framed page, whose body is read (`spool[path]`)."""
        if path in self._bodies:
            raise KeyError(f"{path}: a framed page is read, not moved")
        os.replace(os.path.join(self._pages, path), target)
        del self._kinds[path]

    def close(self) -> None:
        self._kinds.clear()
        self._bodies.clear()
        for handle in (self._appending, self._reading):
            if handle is not None:
                handle.close()
        self._appending = self._reading = None
        shutil.rmtree(self.folder, ignore_errors=True)
