"""The monthly pipeline: carry-forward, the removal guard, diffs against planted changes, and a
build that never damages what is published. (Two builds of one dataset are byte-identical:
tests/test_guarantees.py builds twice, in processes with other hash seeds and time zones.)"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from sample_data import sample_root

from generator.cli import main
from generator.merge import merge
from generator.pipeline import month_changes, validate_dataset
from generator.synth import write_synthetic_dataset

SAMPLE = sample_root()  # never the live lists: tests/sample_data.py


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    write_synthetic_dataset(out, points=500, months=3, seed=7, first_month="2026-01", late_share=0.0)
    return out


def _copy_province(tmp_path: Path, slug: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE / "provinces" / slug, data / "provinces" / slug)
    return data


def _published(data: Path, month: str, slug: str) -> str:
    directory = merge(validate_dataset(data).validated, month)
    state = next(s for s in directory.provinces if s.province.slug == slug)
    return json.dumps([p.as_dict() for p in state.points], ensure_ascii=False, sort_keys=True)


def test_removing_the_newest_file_keeps_the_previous_points_byte_for_byte(tmp_path):
    data = _copy_province(tmp_path, "lai-chau")
    before = _published(data, "2026-10", "lai-chau")
    (data / "provinces/lai-chau/2026-11.csv").unlink()
    assert _published(data, "2026-11", "lai-chau") == before


def test_a_file_held_whole_keeps_the_previous_points_byte_for_byte(tmp_path):
    data = _copy_province(tmp_path, "lai-chau")
    before = _published(data, "2026-10", "lai-chau")
    newest = data / "provinces/lai-chau/2026-11.csv"
    header, rest = newest.read_text(encoding="utf-8-sig").split("\n", 1)
    newest.write_text(header.replace("Xã/Phường", "Ghi chú 2") + "\n" + rest, encoding="utf-8")
    assert _published(data, "2026-11", "lai-chau") == before
    state = next(
        s
        for s in merge(validate_dataset(data).validated, "2026-11").provinces
        if s.province.slug == "lai-chau"
    )
    assert state.rejected_months == ("2026-11",)


def test_a_bad_row_is_held_and_the_rest_of_the_list_is_published(tmp_path):
    data = _copy_province(tmp_path, "lai-chau")
    november = _published(data, "2026-11", "lai-chau")
    newest = data / "provinces/lai-chau/2026-11.csv"
    newest.write_text(
        newest.read_text(encoding="utf-8-sig") + "999,<script>x</script>,,,,\n", encoding="utf-8"
    )
    assert _published(data, "2026-11", "lai-chau") == november
    state = next(
        s
        for s in merge(validate_dataset(data).validated, "2026-11").provinces
        if s.province.slug == "lai-chau"
    )
    assert state.rejected_months == () and [h.row for h in state.held] == [len(state.points) + 2]


def test_provinces_without_data_are_listed_and_stale(tmp_path):
    data = _copy_province(tmp_path, "lai-chau")
    directory = merge(validate_dataset(data).validated, "2027-01")
    states = {s.province.slug: s for s in directory.provinces}
    assert len(states) == 34
    assert states["lai-chau"].stale and states["lai-chau"].data_month == "2026-11"
    assert not states["ha-noi"].has_data and states["ha-noi"].stale


def _drop_rows(path: Path, keep: int) -> None:
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    path.write_text("".join(lines[: keep + 1]), encoding="utf-8")


def test_mass_removal_needs_a_recorded_confirmation(tmp_path):
    data = _copy_province(tmp_path, "lai-chau")
    newest = data / "provinces/lai-chau/2026-11.csv"
    _drop_rows(newest, 3)
    run = validate_dataset(data)
    directory = merge(run.validated, "2026-11")
    assert [f.code for f in directory.findings] == ["mass-removal"]
    assert next(s for s in directory.provinces if s.province.slug == "lai-chau").data_month == "2026-10"

    newest.with_suffix(".yaml").write_text(
        "xac_nhan_giam_diem_thu: true\nly_do: Sắp xếp lại mạng lưới điểm thu\n", encoding="utf-8"
    )
    directory = merge(validate_dataset(data).validated, "2026-11")
    assert [f.code for f in directory.findings] == ["mass-removal-confirmed"]
    assert next(s for s in directory.provinces if s.province.slug == "lai-chau").data_month == "2026-11"


def test_diff_finds_exactly_the_planted_changes(synthetic):
    manifest = json.loads((synthetic / "synth-manifest.json").read_text(encoding="utf-8"))
    _, diffs = month_changes(synthetic, "2026-03")
    by_slug = {d.province_slug: d for d in diffs}
    for slug, entry in manifest["provinces"].items():
        planted = next(c for c in entry["changes"] if c["month"] == "2026-03")
        diff = by_slug[slug]
        assert sorted(p.code for p in diff.added) == sorted(planted["added"]), slug
        assert sorted(p.code for p in diff.removed) == sorted(planted["removed"]), slug
        assert sorted(c.after.code for c in diff.moved) == sorted(planted["moved"]), slug
        assert {c.after.code for c in diff.changed} >= set(planted["changed"]), slug


def test_diff_command_formats(synthetic):
    runner = CliRunner()
    result = runner.invoke(main, ["diff", "--data", str(synthetic), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["month"] == "2026-03"
    markdown = runner.invoke(
        main, ["diff", "--data", str(synthetic), "--format", "markdown", "--province", "ha-noi"]
    )
    assert markdown.output.startswith("## Thay đổi tháng 3/2026")


@pytest.mark.slow
def test_failed_build_leaves_the_published_site_untouched(tmp_path, monkeypatch):
    data = _copy_province(tmp_path, "lai-chau")
    out = tmp_path / "site"
    runner = CliRunner()
    assert runner.invoke(main, ["build", "--no-pdf", "--data", str(data), "--out", str(out)]).exit_code == 0
    snapshot = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken_build(config):
        raise RuntimeError("mkdocs đổ vỡ giữa chừng")

    monkeypatch.setattr("mkdocs.commands.build.build", broken_build)
    result = runner.invoke(main, ["build", "--no-pdf", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 3 and "Traceback" not in result.output
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == snapshot
    assert not list(tmp_path.glob(".site-build-*"))


def _edit_rows(path: Path, edit) -> None:
    """Rewrite a list through the csv module, so that quoting stays valid whatever is planted."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    edit(rows)
    fields = list(dict.fromkeys(key for row in rows for key in row))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, restval="", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


PRIVATE_MARKERS = {
    "Số CCCD": "MARKER-CCCD-7731",
    "Ghi chú": "MARKER-GHI-CHU-5510",
    "Nhân viên thu": "MARKER-NV-3381",
}
PUBLISHED_MARKER = "Điểm thu MARKER-CONG-BO-2290"


@pytest.mark.slow
def test_build_publishes_only_allow_listed_columns_and_marks_sample(tmp_path):
    data = _copy_province(tmp_path, "lai-chau")
    (data / "dataset.yaml").write_text("sample: true\n", encoding="utf-8")

    def plant(rows: list[dict[str, str]]) -> None:
        rows[0].update(PRIVATE_MARKERS)
        rows[0]["Tên điểm thu"] = PUBLISHED_MARKER  # the same row's published cell: the control

    _edit_rows(data / "provinces/lai-chau/2026-11.csv", plant)
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", "--no-pdf", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    # The November list with the markers is the one published, not October's.
    assert "tháng 11/2026" in result.output and "0 file bị giữ lại cả file" in result.output, result.output
    # The row's card, on its commune's page.
    cards = "".join(p.read_text(encoding="utf-8") for p in (out / "tinh/lai-chau").glob("*/index.html"))
    assert PUBLISHED_MARKER in cards
    everything = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert everything.count(PUBLISHED_MARKER.encode()) > 1  # the page, the open data, the search
    for marker in PRIVATE_MARKERS.values():
        assert marker.encode() not in everything, marker
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Dữ liệu mẫu" in home
    assert (out / "quy-tac/mass-removal/index.html").exists()
