"""Characters a person would not notice are repaired before the checks, with a WARNING, and the
published value is the repaired one; characters with no meaning in published text hold the row."""

from __future__ import annotations

import ftfy  # noqa: F401  (registers the sloppy-windows-1252 codec)
import pytest
from conftest import valid_text

from generator.load import load_file
from generator.validate import validate_file


def published(tmp_path, old: str, new: str):
    text = valid_text()
    assert old in text
    path = tmp_path / "2026-11.csv"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = validate_file(load_file(path, tmp_path, "lai-chau", "2026-11"))
    return result, {p.code: p for p in result.points}


@pytest.mark.parametrize(
    ("old", "new", "code", "field", "expected"),
    [
        # A left-to-right mark pasted before a number (seen in real lists).
        ("0213 3876 543", "\u200e0213 3876 543", "invisible-characters-removed", "fixed_phone",
         "0213 3876 543"),
        # A soft hyphen inside a word (Word's optional hyphen).
        ("Bưu điện Trung tâm Lai Châu", "Bưu điện Trung\u00adtâm Lai Châu", "invisible-characters-removed",
         "name", "Bưu điện Trungtâm Lai Châu"),
        ("Số 2 đường Trần Phú", "Số 2\tđường Trần Phú", "odd-spacing-replaced", "address",
         "Số 2 đường Trần Phú"),
        ("Số 2 đường Trần Phú", "Số 2\u00a0đường\u2028Trần Phú", "odd-spacing-replaced", "address",
         "Số 2 đường Trần Phú"),
        ("Bưu điện Trung tâm Lai Châu", "Bưu điện Trung tâm Lai Châu".encode().decode("sloppy-windows-1252"),
         "mojibake-repaired", "name", "Bưu điện Trung tâm Lai Châu"),
    ],
)  # fmt: skip
def test_repaired_with_a_warning_and_published_repaired(tmp_path, old, new, code, field, expected):
    result, points = published(tmp_path, old, new)
    assert [(f.row, f.code, f.severity.value) for f in result.findings] == [(2, code, "WARNING")]
    assert getattr(points["LCU-0001"], field) == expected


@pytest.mark.parametrize(
    "bad",
    ["\ue000", "\U0010ffff", "\ufffe", "\ufdd0", "\x9b", "\U000e0100\u0378"],
    ids=["private-use", "nonchar-10ffff", "nonchar-fffe", "nonchar-fdd0", "c1-csi", "unassigned"],
)
def test_unpublishable_characters_hold_the_row(tmp_path, bad):
    result, points = published(tmp_path, "Bưu điện Trung tâm Lai Châu", f"Bưu điện{bad} Trung tâm")
    assert (2, "unpublishable-character") in {(f.row, f.code) for f in result.findings}
    assert "LCU-0001" not in points and len(points) == 2


def test_a_question_mark_inside_words_holds_the_row_and_a_lossy_file_holds_the_file(tmp_path):
    result, points = published(tmp_path, "Bưu điện Trung tâm Lai Châu", "Bu?u ?i?n Trung tâm")
    assert {(f.row, f.code) for f in result.findings} == {(2, "letters-replaced-by-question-mark")}
    assert sorted(points) == ["LCU-0002", "LCU-0003"]
    path = tmp_path / "2026-11.csv"
    path.write_bytes(valid_text().encode("cp1252", errors="replace"))
    lossy = validate_file(load_file(path, tmp_path, "lai-chau", "2026-11"))
    assert [f.code for f in lossy.findings] == ["file-lossy-save"] and not lossy.publishable
    assert "CSV (Comma delimited)" in lossy.findings[0].message


def test_the_question_mark_of_a_link_is_not_a_lost_letter(tmp_path):
    hours = "7h30–17h00 (lịch nghỉ lễ: https://bhxh.gov.vn/lich?thang=11)"
    result, points = published(tmp_path, "7h30–17h00 từ thứ Hai đến thứ Sáu", hours)
    assert result.findings == () and points["LCU-0001"].hours == hours
