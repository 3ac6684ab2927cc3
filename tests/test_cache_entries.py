"""The build's small file helpers (generator/cache_entries.py): the same bytes as pathlib's."""

from __future__ import annotations

from generator.cache_entries import read_bytes, write_bytes, write_whole


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
