"""Pipeline stage 5, render: the published directory → Markdown pages for mkdocs, keyed by their
path inside the docs folder. Renderers return text; the build stage writes it."""

from __future__ import annotations

from generator.framed import FramedPage
from generator.merge import Directory
from generator.render.directory import render_directory_pages
from generator.render.history import render_history_pages
from generator.render.maps import render_map_pages
from generator.render.nearest import render_nearest_pages
from generator.render.open_data import render_open_data
from generator.render.rule_docs import render_rule_pages
from generator.render.search_index import render_search_index
from generator.render.statistics import render_statistics
from generator.render.submission_csv import render_submission_csvs


def render_site(
    directory: Directory,
    leaflet_variants: frozenset[str] = frozenset(),
    series: list[Directory] | None = None,  # every month up to `directory`'s, oldest first
) -> dict[str, str | bytes | FramedPage]:
    pages: dict[str, str | bytes | FramedPage] = {}
    pages.update(render_history_pages(series or [directory], directory))
    pages.update(render_statistics(directory))
    pages.update(render_directory_pages(directory, leaflet_variants))
    pages.update(render_rule_pages())
    pages.update(render_search_index(directory))
    pages.update(render_open_data(directory))
    pages.update(render_nearest_pages(directory))
    pages.update(render_map_pages(directory))
    pages.update(render_submission_csvs(directory))
    return pages
