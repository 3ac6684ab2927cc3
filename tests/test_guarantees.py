"""The guarantees of a public directory fed by many hands, proved on a site built from hostile data:

- nothing from the data executes or becomes markup on any page (every HTML file of the site,
  search results, the nearest finder, map popups, changes pages…), in a real browser
  (tests/test_guarantees_browser.py);
- a list with an ERROR publishes nothing of itself: the province's previous list stays online;
- columns outside the publish allow-list (staff names, internal notes, a province's own column)
  appear in no output file: the whole site, the open data, the signage outputs;
- two builds of the same data and date are byte-identical across the whole tree, even in
  processes with different hash seeds, time zones and working directories.

The dataset is the bundled sample's lists of four provinces, two of them made hostile (see
`make_hostile_dataset` in tests/hostile_site.py); every page type of the site is there, each built
from that data.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_site import (
    MARKERS,
    REFUSED_TOKEN,
    build,
    files_of,
    first_difference,
    occurrences,
    read,
    read_points,
    signage_outputs,
)

from generator.render.format import point_anchor


@pytest.fixture(scope="module")
def site(hostile_site: Path) -> Path:
    return hostile_site


@pytest.fixture(scope="module")
def signage(hostile_signage: Path) -> Path:
    return hostile_signage


# --- the dataset is what it claims --------------------------------------------------------------


def test_the_hostile_lists_are_published_or_refused_as_intended(hostile_data):
    from generator.pipeline import validate_dataset

    by_file = {
        v.loaded.path.relative_to(hostile_data).as_posix(): v
        for v in validate_dataset(hostile_data).validated
    }
    published = by_file["provinces/lai-chau/2026-11.csv"]
    assert published.publishable, [f.message for f in published.findings]
    assert {f.code for f in published.findings} >= {"html-entity", "unknown-column"}
    # Script in four rows of Cao Bằng's list: those rows are held (each point keeps its October
    # version), the rest of the list is published.
    refused = by_file["provinces/cao-bang/2026-11.csv"]
    assert refused.publishable
    assert [h.row for h in refused.held] == [2, 3, 4, 5]
    assert {f.code for h in refused.held for f in h.findings} >= {"unsafe-markup"}


# --- reproducible (first: its second build is made while another worker builds `site`) -------


@pytest.fixture(scope="module")
def second_build(hostile_data, tmp_path_factory) -> Path:
    """Without any cache: the second build makes every page and PDF itself, so that the comparison
    is between two makings, not between a making and the copy the first one kept. Another hash
    seed, time zone, working directory and output folder name than `site`'s."""
    root = tmp_path_factory.mktemp("hostile-second")
    second = root / "b" / "other-name"
    build(hostile_data, second, seed="4242", tz="Asia/Ho_Chi_Minh", cwd=root, cache=False)
    return second


@pytest.mark.slow
def test_two_builds_are_byte_identical_across_the_whole_tree(second_build, site):
    # `second_build` first: it is made here while another worker may be building `site`.
    first, second = site, second_build
    assert len(files_of(first)) > 100
    assert first_difference(first, second) is None


# --- nothing lost, nothing of a held row published ----------------------------------------------


@pytest.mark.slow
def test_held_rows_publish_nothing_of_themselves(site, hostile_data):
    assert occurrences(site, [REFUSED_TOKEN, MARKERS["rejected"]]) == []
    page = (site / "tinh" / "cao-bang" / "index.html").read_text(encoding="utf-8")
    # Each held point keeps its card: the version published in October.
    previous = {row["Mã điểm thu"] for row in read(hostile_data / "provinces" / "cao-bang" / "2026-10.csv")}
    held = [row["Mã điểm thu"] for row in read(hostile_data / "provinces" / "cao-bang" / "2026-11.csv")[:4]]
    cards = set(read_points(site, "cao-bang"))
    assert all(point_anchor(code) in cards for code in held if code in previous)
    assert "4 dòng chưa được công bố" in page


@pytest.mark.slow
def test_no_output_file_is_named_after_data(site):
    # A code like "../../db-inj-path" is text: it never becomes a path.
    assert [p for p in files_of(site.parent) if "db-inj" in p.as_posix()] == []


# --- privacy --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_private_columns_appear_in_no_file_of_the_site(site):
    assert (site / "tinh" / "lai-chau" / "index.html").is_file()
    assert occurrences(site, list(MARKERS.values())) == []


@pytest.mark.slow
def test_private_columns_appear_in_no_open_data_file(site):
    open_data = site / "du-lieu"
    assert (open_data / "diem-thu.csv").is_file() and (open_data / "tinh" / "lai-chau.csv").is_file()
    assert occurrences(open_data, list(MARKERS.values())) == []
    # The published province list does carry the published hostile text, as text.
    joined = b"".join(p.read_bytes() for p in files_of(open_data))
    assert b"db-inj-em" in joined


@pytest.mark.slow
@pytest.mark.browser
def test_private_columns_appear_in_no_signage_output(signage):
    assert any(p.suffix == ".pdf" for p in files_of(signage))
    assert occurrences(signage, list(MARKERS.values())) == []
    assert occurrences(signage, [REFUSED_TOKEN]) == []
    # The hostile points are there, as text.
    assert occurrences(signage, ["db-inj-em"])


# --- reproducible, signage ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
def test_signage_outputs_are_byte_identical(signage, hostile_data, tmp_path):
    assert first_difference(signage, signage_outputs(hostile_data, tmp_path)) is None
