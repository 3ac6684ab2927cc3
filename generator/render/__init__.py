"""Pipeline stage 5, render: the published directory → Markdown pages for mkdocs, keyed by their
path inside the docs folder. Renderers return text; the build stage writes it."""

from __future__ import annotations

from generator.merge import Directory
from generator.render.directory import render_directory_pages
from generator.render.rule_docs import render_rule_pages


def render_site(
    directory: Directory, leaflet_variants: frozenset[str] = frozenset()
) -> dict[str, str | bytes]:
    pages: dict[str, str | bytes] = {}
    pages.update(render_directory_pages(directory, leaflet_variants))
    pages.update(render_rule_pages())
    return pages
