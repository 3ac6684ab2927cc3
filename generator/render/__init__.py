"""Pipeline stage 5, render: the published directory → Markdown pages for mkdocs, keyed by their
path inside the docs folder. Renderers return text; the build stage writes it."""

from __future__ import annotations

from generator.merge import Directory
from generator.render.directory import render_directory_pages
from generator.render.rule_docs import render_rule_pages


def render_site(directory: Directory) -> dict[str, str]:
    pages: dict[str, str] = {}
    pages.update(render_directory_pages(directory))
    pages.update(render_rule_pages())
    return pages
