"""Writes the framed pages (generator/framed.py) into the built site from their frames' HTML."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath

from markupsafe import escape

from generator.build.stash import built_page
from generator.cache_entries import write_bytes
from generator.framed import FRAME_BODY, FRAME_DESCRIPTION, FRAME_HEADING, FRAME_TITLE, FramedPage


class FramingError(RuntimeError):
    """A frame did not come out of mkdocs with its placeholders, or a page is at another depth."""


def write_framed(site: Path, framed: Mapping[str, FramedPage]) -> None:
    """`framed` maps a page's path in the site ('tinh/lai-chau/xa-ban-hon/index.html') to the page.
    The frames' own pages are removed afterwards. Each page is taken from `framed` when it is
    written, so pages kept on disk (build/spool.py) are read one at a time; such a mapping may
    offer `head_of(path)`, the page without its body (grouping pages by frame then reads no
    file), and `body_of(path)`, the body in UTF-8 (written as it was stored, never decoded)."""
    head_of: Callable[[str], FramedPage] = getattr(framed, "head_of", framed.__getitem__)
    body_of: Callable[[str], bytes] = getattr(framed, "body_of", lambda path: framed[path].body.encode())
    by_frame: dict[str, list[str]] = defaultdict(list)
    root = os.fspath(site)
    for path in framed:
        by_frame[head_of(path).frame].append(path)
    for frame, paths in sorted(by_frame.items()):
        built = built_page(frame)
        html = (site / built).read_text(encoding="utf-8")
        for placeholder in _PLACEHOLDERS:
            if placeholder not in html:
                raise FramingError(f"{built}: thiếu chỗ giữ chỗ {placeholder}")
        # Split once, the frame's text in UTF-8: each page is then a join of bytes, not four
        # searches through the frame, and its body is never decoded nor encoded again.
        parts: list[str | bytes] = [p if p in _PLACEHOLDERS else p.encode("utf-8") for p in _split(html)]
        slashes = len(built.parts) - 1
        for path in paths:
            if path.count("/") != slashes:
                raise FramingError(f"{path}: không cùng độ sâu thư mục với khung {built}")
            head = head_of(path)
            values = {
                FRAME_TITLE: _escaped(head.title),
                FRAME_DESCRIPTION: _escaped(head.description),
                FRAME_HEADING: _escaped(head.heading),
                FRAME_BODY: body_of(path),
            }
            page = [part if isinstance(part, bytes) else values[part] for part in parts]
            _write(os.path.join(root, path), b"".join(page))
        _remove_page(site, built)


_PLACEHOLDERS = (FRAME_TITLE, FRAME_DESCRIPTION, FRAME_HEADING, FRAME_BODY)


def _escaped(text: str) -> bytes:
    return str(escape(text)).encode("utf-8")


def _write(target: str, data: bytes) -> None:
    """Thousands of pages, each in a folder of its own: the folder made with one call where its
    parent is there, and the bytes written as bytes (no Path objects, no text layer)."""
    folder = os.path.dirname(target)
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    write_bytes(target, data)


def _split(html: str) -> list[str]:
    """The frame as text pieces and placeholders, in order."""
    parts = [html]
    for placeholder in _PLACEHOLDERS:
        split: list[str] = []
        for part in parts:
            if part in _PLACEHOLDERS:
                split.append(part)
                continue
            pieces = part.split(placeholder)
            for i, piece in enumerate(pieces):
                if i:
                    split.append(placeholder)
                split.append(piece)
        parts = split
    return parts


def _remove_page(site: Path, built: PurePosixPath) -> None:
    page = site / built
    page.unlink()
    folder = page.parent
    while folder != site and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
