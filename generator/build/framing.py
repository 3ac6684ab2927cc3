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
    offer `frame_of(path)`, which says a page's frame without reading its body."""
    frame_of: Callable[[str], str] = getattr(framed, "frame_of", lambda path: framed[path].frame)
    by_frame: dict[str, list[str]] = defaultdict(list)
    root = os.fspath(site)
    for path in framed:
        by_frame[frame_of(path)].append(path)
    for frame, paths in sorted(by_frame.items()):
        built = built_page(frame)
        html = (site / built).read_text(encoding="utf-8")
        for placeholder in (FRAME_TITLE, FRAME_DESCRIPTION, FRAME_HEADING, FRAME_BODY):
            if placeholder not in html:
                raise FramingError(f"{built}: thiếu chỗ giữ chỗ {placeholder}")
        # Split once; each page is then a join, not four searches through the frame.
        parts = _split(html)
        for path in paths:
            page = framed[path]
            if len(PurePosixPath(path).parts) != len(built.parts):
                raise FramingError(f"{path}: không cùng độ sâu thư mục với khung {built}")
            values = {
                FRAME_TITLE: str(escape(page.title)),
                FRAME_DESCRIPTION: str(escape(page.description)),
                FRAME_HEADING: str(escape(page.heading)),
                FRAME_BODY: page.body,
            }
            html = "".join(values.get(part, part) for part in parts)
            _write(os.path.join(root, path), html.encode("utf-8"))
        _remove_page(site, built)


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
    for placeholder in (FRAME_TITLE, FRAME_DESCRIPTION, FRAME_HEADING, FRAME_BODY):
        split: list[str] = []
        for part in parts:
            if part in (FRAME_TITLE, FRAME_DESCRIPTION, FRAME_HEADING, FRAME_BODY):
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
