"""Every page of the site from the published directory of a month, its history, and the leaflet
inputs: the directory pages, history, statistics, rules, search, open data, finder, maps,
submission CSVs, the staff's signage page and the two leaflets with their print documents."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from datetime import date
from importlib import metadata

from generator.framed import FramedPage
from generator.merge import Directory
from generator.policy import LocalSupport, Policy
from generator.render.directory import directory_pages
from generator.render.history import render_history_pages
from generator.render.leaflets import HOME_DIR, SHOP_DIR, render_leaflets
from generator.render.maps import render_map_pages
from generator.render.memo import Files, FilesMemo, Memo, directory_source, no_files_memo, no_memo
from generator.render.nearest import render_nearest_pages
from generator.render.open_data import open_data_files
from generator.render.rule_docs import render_rule_pages
from generator.render.search_index import preloads, search_index_files
from generator.render.statistics import render_statistics
from generator.render.submission_csv import render_submission_csvs
from generator.signage.site import render_signage_pages
from generator.streamed import StreamedFile
from generator.units import admin_units

# Inside to-roi/. The PDFs are printed after mkdocs ran, so mkdocs cannot resolve links to them:
# the leaflet pages link them by their final URL (to-roi/<stem>/ → ../pdf/<stem>.pdf).
LEAFLET_PDF_DIR = "pdf"
# Where the print documents are, and their PDFs go inside LEAFLET_PDF_DIR (the shop's below it).
PRINT_DIRS = (HOME_DIR, SHOP_DIR)


@dataclass(frozen=True)
class LeafletInputs:
    """What the leaflets need besides the directory: the national policy, the provinces' own
    support, the day their figures are for, and the address printed on paper."""

    policy: Policy
    as_of: date
    local_supports: dict[str, LocalSupport] = field(default_factory=dict)
    site_url: str | None = None
    quantities: list | None = None  # Phụ lục 3 rows per 2025 province, for the print specification
    crop_marks: bool = False  # the print shop's PDFs with crop and fold marks


def render_site(
    directory: Directory,
    series: list[Directory] | None = None,  # every month up to `directory`'s, oldest first
    *,
    leaflets: LeafletInputs | None = None,
    memo: Memo = no_memo,
    files_memo: FilesMemo = no_files_memo,
    into: MutableMapping[str, str | bytes | FramedPage | StreamedFile] | None = None,
) -> MutableMapping[str, str | bytes | FramedPage | StreamedFile]:
    """`memo` reuses costly outputs made before from the same inputs (see render/memo.py), and
    `files_memo` a renderer's whole set of files when the directory is known unchanged
    (`directory_source`: every province's merged series as before).
    `into`: where the pages go as each is rendered (the build keeps them on disk, so that
    the whole site is never in memory at once); a new dict by default. The largest files are
    `StreamedFile`s, written chunk by chunk."""
    variants = frozenset(leaflets.local_supports) if leaflets else frozenset()
    pages: MutableMapping[str, str | bytes | FramedPage | StreamedFile] = {} if into is None else into
    source = directory_source(directory)

    def kept(namespace: str, make: Callable[[], Files], *inputs: str) -> Files:
        """The files of a renderer made from the directory alone (and `inputs`)."""
        if source is None:
            return make()
        return files_memo(namespace, "\0".join([source.decode(), *inputs]).encode(), make)

    # The series' months are in every province's source.
    pages.update(
        kept("history", lambda: render_history_pages(series or [directory], directory, memo).items())
    )
    pages.update(kept("statistics", lambda: render_statistics(directory).items()))
    # The search index first: the home page preloads its manifest, whose version is its hash.
    pages.update(kept("search-index", lambda: search_index_files(directory, memo)))
    search = preloads(pages)
    # Not kept whole: each province's pages are, by its series (directory.py), and the whole would
    # be the same 80 MB again in the cache at 30,000 points.
    pages.update(directory_pages(directory, variants, search_preloads=search, memo=memo))
    pages.update(render_rule_pages())
    pages.update(open_data_files(directory, memo))
    pages.update(kept("nearest", lambda: render_nearest_pages(directory, memo).items()))
    # The maps are folium's documents: its version and branca's are what they are made with too.
    folium = ",".join(f"{package}={metadata.version(package)}" for package in ("folium", "branca"))
    pages.update(kept("maps", lambda: render_map_pages(directory, memo).items(), folium))
    pages.update(kept("submission", lambda: render_submission_csvs(directory, memo).items()))
    pages.update(kept("signage", lambda: render_signage_pages(directory).items()))
    if leaflets is not None:
        pages.update(render_leaflet_pages(leaflets))
    return pages


def render_leaflet_pages(leaflets: LeafletInputs) -> dict[str, str]:
    provinces = [(p.slug, p.short_name) for p in admin_units().provinces.values()]
    return render_leaflets(
        leaflets.policy,
        leaflets.as_of,
        provinces,
        leaflets.local_supports,
        pdf_link=f"../{LEAFLET_PDF_DIR}/{{stem}}.pdf",
        site_url=leaflets.site_url,
        quantities=leaflets.quantities,
        crop_marks=leaflets.crop_marks,
    )
