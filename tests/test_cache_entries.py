"""The build's small file helpers (generator/cache_entries.py): the same bytes as pathlib's, and
the pruning of entries no build uses."""

from __future__ import annotations

import os

from generator.cache_entries import UNUSED_DAYS, prune, read_bytes, write_bytes, write_whole


def test_write_bytes_replaces_a_longer_file_with_exactly_the_new_bytes(tmp_path):
    target = tmp_path / "trang.html"
    target.write_bytes(b"x" * 100_000)
    write_bytes(target, "Điểm thu".encode())
    assert target.read_bytes() == "Điểm thu".encode()


def test_read_bytes_gives_the_whole_file_empty_or_large(tmp_path):
    empty, large = tmp_path / "rong.bin", tmp_path / "lon.bin"
    empty.write_bytes(b"")
    large.write_bytes(bytes(range(256)) * 40_000)
    assert read_bytes(empty) == b""
    assert read_bytes(large) == large.read_bytes()


def test_a_cache_entry_is_written_whole_into_a_folder_made_for_it(tmp_path):
    entry = tmp_path / "cache" / "ab" / "abcdef"
    write_whole(entry, lambda handle: handle.write(b"noi dung"))
    assert entry.read_bytes() == b"noi dung"
    assert [path.name for path in entry.parent.iterdir()] == ["abcdef"]  # no temporary file left


def test_an_entry_no_build_used_for_a_week_is_pruned_and_a_used_one_is_kept(tmp_path):
    now = 1_800_000_000.0
    old = now - (UNUSED_DAYS + 1) * 86_400
    keys = {name: name * 64 for name in "abcd"}
    for key in keys.values():
        (tmp_path / key[:2]).mkdir()
        (tmp_path / key[:2] / key).write_bytes(b"x")
    building = tmp_path / keys["a"][:2] / "tmpab12cd.tmp"  # another build's entry, being written
    building.write_bytes(b"")
    for path in [*(tmp_path / key[:2] / key for key in keys.values()), building]:
        os.utime(path, (old, old))
    fresh = tmp_path / keys["d"][:2] / keys["d"]
    os.utime(fresh, (now, now))
    assert prune(tmp_path, {keys["a"]}, now=now) == 2  # b and c: old, and not used by this build
    left = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    assert left == sorted([keys["a"], keys["d"], building.name])
    # Used today: kept for another week from now, whatever its age was.
    assert (tmp_path / keys["a"][:2] / keys["a"]).stat().st_mtime == now


def test_pruning_a_missing_folder_does_nothing(tmp_path):
    assert prune(tmp_path / "khong-co", set()) == 0
