"""The whole-column helpers (generator/columnar.py) against their plain meaning."""

from __future__ import annotations

from generator.columnar import interleaved, joined_apart, joined_lines


def test_joined_lines_only_when_each_text_is_one_line() -> None:
    assert joined_lines(["0912 037 468", "", "Bản Hon"]) == "0912 037 468\n\nBản Hon"
    assert joined_lines([""]) == ""  # one empty text: a line, not "no column"
    assert joined_lines([]) is None
    assert joined_lines(["Số 1\nĐường 2", "x"]) is None


def test_joined_apart_by_any_separator_no_text_holds() -> None:
    assert joined_apart(["Bưu điện", "<b>"], "\0") == "Bưu điện\0<b>"
    assert joined_apart(["a\0b", "c"], "\0") is None


def test_interleaved_takes_each_side_in_turn_by_the_choices() -> None:
    assert interleaved([True, False, False, True], "ab", "XY") == ["X", "a", "b", "Y"]
    assert interleaved([], "", "") == []
