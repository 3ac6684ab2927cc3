"""The build's page spool (generator/build/spool.py): pages kept on disk as they are rendered
come back exactly as they were given, are moved into the docs folder without being read, and a
build's own spool is never taken for a killed build's leftover."""

from __future__ import annotations

import os
from pathlib import Path

from generator.build import SPOOL_PREFIX, recover
from generator.build.spool import PageSpool
from generator.framed import FramedPage
from generator.streamed import StreamedFile


def test_every_kind_of_page_comes_back_as_it_was_given(tmp_path: Path) -> None:
    spool = PageSpool(tmp_path / "spool")
    framed = FramedPage("tinh/_khung/xa.md", "Tiêu đề", "Mô tả", "Xã Bản Hon", "<p>Điểm thu — ạ</p>")
    spool["a.md"] = "# Trang chủ ư\n"
    spool["b/c.bin"] = b"\x00\xff"
    spool["t/x/index.html"] = framed
    spool["d.csv"] = StreamedFile(lambda: iter([b"\xef\xbb\xbfma,", "tên\r\n".encode()]))
    assert spool["a.md"] == "# Trang chủ ư\n"
    assert spool["b/c.bin"] == b"\x00\xff"
    assert spool["t/x/index.html"] == framed
    assert spool["d.csv"] == "\ufeffma,tên\r\n".encode()
    assert spool.framed_paths() == ["t/x/index.html"]
    assert spool.framed_page("t/x/index.html").frame == framed.frame
    assert sorted(spool) == ["a.md", "b/c.bin", "d.csv", "t/x/index.html"]
    spool.close()
    assert not (tmp_path / "spool").exists()


def test_framed_pages_set_again_or_deleted_come_back_as_last_given(tmp_path: Path) -> None:
    spool = PageSpool(tmp_path / "spool")
    pages = {f"t/x{i}/index.html": FramedPage("f.md", f"T{i}", "M", "H", f"<p>{i} ư</p>") for i in range(3)}
    spool.update(pages)
    spool["t/x1/index.html"] = FramedPage("f.md", "T", "M", "H", "<p>mới</p>")
    del spool["t/x0/index.html"]
    assert spool["t/x1/index.html"].body == "<p>mới</p>"
    assert spool["t/x2/index.html"] == pages["t/x2/index.html"]
    assert spool.framed_paths() == ["t/x2/index.html", "t/x1/index.html"]
    # One file holds the bodies: no folder per page in the spool.
    assert not (tmp_path / "spool" / "pages" / "t").exists()
    spool.close()
    assert not (tmp_path / "spool").exists()


def test_a_moved_page_is_the_file_that_was_written(tmp_path: Path) -> None:
    spool = PageSpool(tmp_path / "spool")
    spool["du-lieu/x.json"] = '{"a":"ư"}'
    written = spool.file("du-lieu/x.json").stat().st_ino
    spool.move("du-lieu/x.json", tmp_path / "x.json")
    assert (tmp_path / "x.json").read_text(encoding="utf-8") == '{"a":"ư"}'
    assert (tmp_path / "x.json").stat().st_ino == written
    assert "du-lieu/x.json" not in spool


def test_recovery_keeps_the_running_builds_spool_and_removes_a_dead_ones(tmp_path: Path) -> None:
    own = tmp_path / f"{SPOOL_PREFIX}{os.getpid()}-abc"
    dead = tmp_path / f"{SPOOL_PREFIX}999999999-abc"  # above any pid the kernel hands out
    own.mkdir()
    dead.mkdir()
    recover(tmp_path / "site")
    assert own.is_dir()
    assert not dead.exists()
