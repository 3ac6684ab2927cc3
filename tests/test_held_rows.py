"""Row-level publication: an ERROR in a row holds that row only. The point keeps its previous
published version whole, a new point waits, the rest of the list is published; problems of the
file, or too many bad rows, hold the whole list."""

from __future__ import annotations

from conftest import valid_text

from generator.load import load_file
from generator.merge import merge
from generator.validate import MOST_ROWS_HELD_MIN, validate_file

HEADER, *ROWS = valid_text().splitlines()  # LCU-0001..0003, all valid


def _month(root, month: str, rows: list[str]):
    path = root / "provinces" / "lai-chau" / f"{month}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return validate_file(load_file(path, root))


def test_a_bad_row_keeps_its_published_version_and_the_rest_is_published(tmp_path):
    october = _month(tmp_path, "2026-10", ROWS)
    renamed = ROWS[0].replace("Bưu điện Trung tâm Lai Châu", "Bưu điện Lai Châu (mới)")
    broken = ROWS[1].replace("0836 974 222", "0836 974").replace("Bản Bình Lư", "Bản Bình Lư 2")
    new_bad = "LCU-0009,Viettel Lai Châu,Điểm thu mới,Bản Mới,Xã Không Có,Lai Châu,,0836 974 223,,,,,"
    november = _month(tmp_path, "2026-11", [renamed, broken, ROWS[2], new_bad])

    assert november.publishable
    assert [(h.row, h.code) for h in november.held] == [(3, "LCU-0002"), (5, "LCU-0009")]
    state = next(s for s in merge([october, november], "2026-11").provinces if s.province.slug == "lai-chau")
    published = {p.code: p for p in state.points}
    assert sorted(published) == ["LCU-0001", "LCU-0002", "LCU-0003"]  # the new bad row waits
    assert published["LCU-0001"].name == "Bưu điện Lai Châu (mới)"  # good rows are updated
    before = next(p for p in october.points if p.code == "LCU-0002")
    assert published["LCU-0002"] == before  # whole, never half-updated
    assert [h.code for h in state.held] == ["LCU-0002", "LCU-0009"]
    assert not [c for c in state.changes().changed if c.after.code == "LCU-0002"]


def test_a_held_row_of_a_first_list_waits(tmp_path):
    broken = ROWS[1].replace("0836 974 222", "0836 974")
    first = _month(tmp_path, "2026-11", [ROWS[0], broken, ROWS[2]])
    assert first.publishable
    assert sorted(p.code for p in first.points) == ["LCU-0001", "LCU-0003"]


def test_most_rows_bad_holds_the_whole_list(tmp_path):
    october = _month(tmp_path, "2026-10", ROWS)
    bad = [
        f"LCU-{i:04d},Viettel Lai Châu,Điểm {i},Bản {i},Xã Không Có,Lai Châu,,0836 974 222,,,,,"
        for i in range(10, 10 + MOST_ROWS_HELD_MIN)
    ]
    november = _month(tmp_path, "2026-11", [*ROWS, *bad])
    assert not november.publishable
    assert "most-rows-held" in {f.code for f in november.findings}
    state = next(s for s in merge([october, november], "2026-11").provinces if s.province.slug == "lai-chau")
    assert state.data_month == "2026-10" and state.points == october.points


def test_a_file_problem_holds_the_whole_list(tmp_path):
    october = _month(tmp_path, "2026-10", ROWS)
    path = tmp_path / "provinces" / "lai-chau" / "2026-11.csv"
    path.write_text(valid_text().replace("Xã/Phường,", ""), encoding="utf-8")  # a required column gone
    november = validate_file(load_file(path, tmp_path))
    assert not november.publishable and november.points == ()
    state = next(s for s in merge([october, november], "2026-11").provinces if s.province.slug == "lai-chau")
    assert state.points == october.points
