"""Raw HTML blocks that mkdocs need not read.

Python-Markdown runs every raw HTML block through its (pure Python) HTML parser twice (once for
md_in_html, once for mkdocs' anchor validation) only to copy the block unchanged into the page.
At national scale the point cards are ~440,000 tags: that parsing was most of the build time.
Before mkdocs runs, each top-level `<article>` (or `<nav>`) block is replaced by a comment placeholder, which
Markdown passes through verbatim like any raw block; afterwards the placeholder is replaced by
the block. The built pages are byte-identical to what mkdocs would have written.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

# A block starts at the beginning of a line and ends with its closing tag alone on a line.
# Provinces' data is HTML-escaped by the templates, so it cannot close the block early.
# The province pages' lists of communes (`<nav>`, ~150 links each) are such blocks too.
_BLOCK = re.compile(r"^<(article|nav)\b(?![^>]*\bmarkdown=)[^>]*>\n.*?^</\1>$", re.MULTILINE | re.DOTALL)
_PLACEHOLDER = "<!--db-stash:{}-->"
_PLACEHOLDER_RE = re.compile(rb"<!--db-stash:(\d+)-->")


class StashError(RuntimeError):
    """A placeholder did not come back out of mkdocs as it went in."""


def stash_blocks(text: str) -> tuple[str, list[str]]:
    """The page with its blocks replaced by placeholders, and the blocks in order."""
    blocks: list[str] = []

    def keep(match: re.Match) -> str:
        blocks.append(match.group(0))
        return _PLACEHOLDER.format(len(blocks) - 1)

    return _BLOCK.sub(keep, text), blocks


def built_page(source: str) -> PurePosixPath:
    """Where mkdocs (use_directory_urls: true) writes the page of a Markdown source."""
    path = PurePosixPath(source).with_suffix("")
    if path.name == "index":
        return path.parent / "index.html"
    return path / "index.html"


def restore_blocks(site: Path, stashed: dict[str, list[str]]) -> None:
    for source, blocks in stashed.items():
        page = site / built_page(source)
        html = page.read_bytes()
        found = len(_PLACEHOLDER_RE.findall(html))
        if found != len(blocks):
            raise StashError(f"{page}: {found} chỗ giữ chỗ cho {len(blocks)} khối HTML")
        encoded = [block.encode("utf-8") for block in blocks]
        page.write_bytes(_PLACEHOLDER_RE.sub(lambda m, encoded=encoded: encoded[int(m.group(1))], html))  # type: ignore[misc]
