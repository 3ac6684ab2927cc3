"""Pages written outside mkdocs into the frame of a page mkdocs built.

mkdocs and mkdocs-material cost about 3 ms of CPU per page however small it is (Markdown, the
navigation and the theme's templates), and the national site has some 3,300 commune pages. The
render stage gives one Markdown *frame* page with placeholders (`FRAME_*`) and many
`FramedPage`s; the build stage has mkdocs build the frame once, then writes each framed page by
replacing the placeholders in the frame's HTML: the same header, navigation, styles and scripts
as any page of the site, for the cost of a string replacement. The frame page itself is not
published.

A framed page must sit at the same folder depth as its frame, so that the frame's relative
links (stylesheets, navigation) stay right.
"""

from __future__ import annotations

from dataclasses import dataclass

# Letters only: HTML escaping and URL encoding leave them as they are wherever the theme puts them.
FRAME_TITLE = "dbframetitleplaceholder"
FRAME_DESCRIPTION = "dbframedescriptionplaceholder"
FRAME_HEADING = "dbframeheadingplaceholder"
FRAME_BODY = "<!--db-frame-body-->"


@dataclass(frozen=True)
class FramedPage:
    frame: str  # the frame's Markdown source in the docs folder, e.g. "tinh/_khung/xa.md"
    title: str  # plain text: escaped when it is written
    description: str  # plain text
    heading: str  # plain text
    body: str  # HTML, already escaped (an autoescaped template)


def frame_markdown() -> str:
    """The Markdown of a frame page: the theme adds its own <h1> unless the page has one."""
    return (
        "---\n"
        f'title: "{FRAME_TITLE}"\n'
        f'description: "{FRAME_DESCRIPTION}"\n'
        "---\n"
        f"<h1>{FRAME_HEADING}</h1>\n\n"
        f"{FRAME_BODY}\n"
    )
