"""A province's merged series kept between builds (generator/merge/cache.py) and the renderers'
files kept whole (OutputCache.files): reused while everything they are made from is unchanged,
made again when a list or a removal confirmation changes, the same as made without any cache, and
safe to delete at any moment (the whole-site comparisons are in test_validation_cache.py)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from sample_data import sample_root

from generator.build.cache import OutputCache
from generator.enrich import enrich
from generator.merge import merge_series, replay_province, summarised
from generator.merge.cache import MergeCache
from generator.render.history import render_history_pages
from generator.render.monthly import month_changes
from generator.validate.dataset import validate_dataset, with_points

CONFIRMATION = "xac_nhan_giam_diem_thu: true\nly_do: Sắp xếp lại mạng lưới điểm thu\n"


def _lai_chau(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(sample_root() / "provinces" / "lai-chau", data / "provinces" / "lai-chau")
    return data


def _drop_rows(path: Path, keep: int) -> None:
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    path.write_text("".join(lines[: keep + 1]), encoding="utf-8")


def _merged(data: Path, cache_dir: Path | None, month: str = "2026-11"):
    """The series as the build merges it: the lists' points left in the validation cache, each
    province's series from the merge cache (a new MergeCache: what another build would read)."""
    run = validate_dataset(data, cache_dir, defer_points=cache_dir is not None)
    if cache_dir is None:
        return merge_series(run.validated, month, replay=summarised), None
    replay = MergeCache(cache_dir, lambda item: with_points(item, data, cache_dir))
    return merge_series(run.validated, month, replay=replay), replay


def _state(directory, slug: str = "lai-chau"):
    return next(s for s in directory.provinces if s.province.slug == slug)


def test_a_provinces_series_is_merged_again_only_when_its_lists_change(tmp_path):
    data, cache = _lai_chau(tmp_path), tmp_path / "cache"
    first, replay = _merged(data, cache)
    assert replay.hits == 0
    again, replay = _merged(data, cache)
    assert replay.hits == 34  # every province, those without lists too
    assert _state(again[-1]).points == _state(first[-1]).points
    assert all(_state(d).source for d in again)  # what the renderers may key their files by
    newest = data / "provinces" / "lai-chau" / "2026-11.csv"
    newest.write_text(newest.read_text(encoding="utf-8-sig").replace("Bưu điện", "Bưu Điện", 1), "utf-8")
    changed, replay = _merged(data, cache)
    assert replay.hits == 33
    assert _state(changed[-1]).source != _state(first[-1]).source
    assert _state(changed[-1]).points == _state(_merged(data, None)[0][-1]).points


def test_a_removal_confirmation_is_part_of_what_the_series_is_made_from(tmp_path):
    data, cache = _lai_chau(tmp_path), tmp_path / "cache"
    newest = data / "provinces" / "lai-chau" / "2026-11.csv"
    _drop_rows(newest, 3)
    held, _ = _merged(data, cache)
    assert [f.code for f in held[-1].findings] == ["mass-removal"]
    assert _state(held[-1]).data_month == "2026-10"
    newest.with_suffix(".yaml").write_text(CONFIRMATION, encoding="utf-8")
    confirmed, replay = _merged(data, cache)
    assert replay.hits == 33
    assert [f.code for f in confirmed[-1].findings] == ["mass-removal-confirmed"]
    assert _state(confirmed[-1]).data_month == "2026-11"


def test_the_cached_series_is_the_uncached_one_even_after_the_validation_cache_is_deleted(tmp_path):
    data, cache = _lai_chau(tmp_path), tmp_path / "cache"
    validate_dataset(data, cache)  # the lists' results kept, not yet their merge
    deferred = validate_dataset(data, cache, defer_points=True).validated
    assert all(item.points_deferred and not item.points for item in deferred)
    for entry in (p for p in cache.rglob("*") if p.is_file()):
        entry.unlink()  # between validation and merge: the points are validated again
    cached, _ = _merged(data, cache)
    plain = merge_series(validate_dataset(data).validated, "2026-11")
    assert _state(cached[-1]).points == _state(plain[-1]).points
    assert _state(cached[-1]).previous_points == _state(plain[-1]).previous_points
    for summary, whole in zip(cached, plain, strict=True):
        told = [[(p.status, p.diff, p.counts) for p in month_changes(d).provinces] for d in (summary, whole)]
        assert told[0] == told[1]
        assert [s.point_count for s in summary.provinces] == [len(s.points) for s in whole.provinces]
    # The months before the built one are summaries: their points are not kept in memory.
    assert not _state(cached[0]).points and _state(cached[0]).point_count
    assert _state(cached[-1]).source and cached[-1].month == "2026-11"


def test_the_changes_pages_are_the_same_made_from_summaries(tmp_path):
    """A month whose list held a row: its page says whether the row's point shows its previous
    version, which the summary of that month still knows."""
    data = _lai_chau(tmp_path)
    october = data / "provinces" / "lai-chau" / "2026-10.csv"
    rows = list(csv.reader(october.read_text(encoding="utf-8-sig").splitlines()))
    rows[2][rows[0].index("Xã/Phường")] = "Xã Không Tồn Tại"  # a point published in September
    with october.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    validated = validate_dataset(data).validated
    assert [len(item.held) for item in validated] == [0, 1, 0]
    pages = []
    for replay in (replay_province, summarised):
        series = merge_series(validated, "2026-11", replay=replay)
        current = enrich(series[-1])
        pages.append(render_history_pages([*series[:-1], current], current))
    assert "Đang hiển thị thông tin đã công bố trước đó" in pages[0]["thay-doi/2026-10.md"]
    assert pages[1] == pages[0]


def test_a_summary_keeps_what_the_changes_pages_read(tmp_path):
    validated = validate_dataset(_lai_chau(tmp_path)).validated
    whole = merge_series(validated, "2026-11", replay=replay_province)
    summaries = merge_series(validated, "2026-11", replay=summarised)
    assert _state(summaries[-1]).points == _state(whole[-1]).points
    for summary, state in ((_state(a), _state(b)) for a, b in zip(summaries[:-1], whole[:-1], strict=True)):
        assert summary.point_count == len(state.points) > 0
        # Only its held rows' points stay (shown in their previous version, the page says).
        published = {p.code for p in state.points}
        assert {p.code for p in summary.points} == {h.code for h in state.held} & published
        marks = ("data_month", "previous_month", "stale", "rejected_months", "held")
        assert [getattr(summary, m) for m in marks] == [getattr(state, m) for m in marks]
        if state.diff is not None:  # a list replacing another: its diff was made while merging
            assert summary.changes() == state.changes()
        else:  # a first list: every point added, which only the points themselves say
            with pytest.raises(ValueError, match="summary"):
                summary.changes()


def test_a_renderers_files_are_kept_whole_and_read_back_one_at_a_time(tmp_path):
    cache = OutputCache(tmp_path / "cache")
    made: list[str] = []

    def make():
        for name in ("a.md", "b.bin"):
            made.append(name)
            yield name, (b"\x00\xff" if name.endswith(".bin") else "# Trang ư\n")

    first = list(cache.files("x", b"source", make))
    assert first == [("a.md", "# Trang ư\n"), ("b.bin", b"\x00\xff")]
    assert list(cache.files("x", b"source", make)) == first
    assert made == ["a.md", "b.bin"]
    assert list(cache.files("x", b"other", make)) == first and len(made) == 4


def test_files_given_half_way_leave_no_entry_and_a_renderers_error_is_not_swallowed(tmp_path):
    cache = OutputCache(tmp_path / "cache")

    def make():
        yield "a.md", "một"
        yield "b.md", "hai"

    files = cache.files("x", b"source", make)
    assert next(iter(files)) == ("a.md", "một")
    files.close()  # the build stopped after the first file
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]

    def broken():
        yield "a.md", "một"
        raise OSError("the renderer's own error")

    with pytest.raises(OSError, match="renderer's own"):
        list(cache.files("y", b"source", broken))
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert list(cache.files("x", b"source", make)) == [("a.md", "một"), ("b.md", "hai")]
