"""What validation keeps between the lists of one process (the values of a column already
inspected, the folded codes, the rows and points of a province's earlier months) never changes
what a list validates to: each list gives the same findings and points whether it is checked
alone, after its province's other months, or in another order."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from real_lists import province_submissions

from generator.model import Point
from generator.phones import parse_phone
from generator.pipeline import validate_paths
from generator.units import admin_units
from generator.validate.checks.phones import cache_clear as forget_phones
from generator.validate.memo import forget_seen
from generator.validate.records import _in_months

# Provinces of the real development set with the most varied findings (old units, old area codes,
# numbers without area code, rows held).
PROVINCES = ("an-giang", "ho-chi-minh", "ha-noi", "phu-tho", "lao-cai", "vinh-long")


def forget_everything() -> None:
    parse_phone.cache_clear()
    forget_phones()
    admin_units().resolver.forget()
    forget_seen()


@pytest.fixture(scope="module")
def series(tmp_path_factory) -> Path:
    """Three months per province: the real list; then its rows in reverse order with cells
    changed, and a formula in the hours column (published: an ERROR) that the first month had in
    the district column (never published: nothing to say); then the real list again."""
    root = tmp_path_factory.mktemp("series")
    texts = province_submissions()
    for slug in PROVINCES:
        header, *rows = csv.reader(io.StringIO(texts[slug]))
        district, hours = header.index("Quận/Huyện"), header.index("Giờ làm việc")
        first = [list(row) for row in rows]
        first[0][district] = "=1+1"
        changed = [list(row) for row in reversed(rows)]
        changed[0][hours] = "=1+1"
        changed[1][5] = changed[1][5].replace("Phường", "Xã", 1)
        changed[2][8] = changed[2][8].lstrip("0")
        changed[3][2] = "Bưu điện " + changed[3][2]
        folder = root / "provinces" / slug
        folder.mkdir(parents=True)
        for month, lines in (("2026-09", first), ("2026-10", changed), ("2026-11", rows)):
            out = io.StringIO()
            csv.writer(out, lineterminator="\r\n").writerows([header, *lines])
            (folder / f"{month}.csv").write_text(out.getvalue(), encoding="utf-8")
    return root


def outcome(item) -> tuple:
    return (item.loaded.file, item.findings, item.points, item.held, item.rows)


def test_each_list_validates_alone_as_in_its_series(series):
    forget_everything()
    run = validate_paths([series / "provinces"], series)
    together = {item.loaded.file: outcome(item) for item in run.validated}
    assert sum(len(o[1]) for o in together.values()) > 500  # lists with many findings, not clean ones
    for path in sorted((series / "provinces").rglob("*.csv"), reverse=True):
        forget_everything()
        [alone] = validate_paths([path], series).validated
        assert outcome(alone) == together[alone.loaded.file], alone.loaded.file


def test_a_list_validates_the_same_after_another_province(series):
    """Lists of two provinces one after the other, in both orders, as in one process."""
    first, second = (series / "provinces" / slug / "2026-10.csv" for slug in PROVINCES[:2])
    forget_everything()
    alone = outcome(validate_paths([first], series).validated[0])
    forget_everything()
    validate_paths([second], series)
    assert outcome(validate_paths([first], series).validated[0]) == alone


def test_a_point_moved_to_another_month_is_the_point_with_that_month():
    point = Point(
        *("01", "ha-noi", "HNI-1", "VNPT", "Điểm", "Số 1", "00004", "Phường Ba Đình"),
        *("0243 3823 456", "+842433823456", "", "", "7:30"),
        21.03,
        105.83,
        False,
        "2026-10",
        "buu-dien",
    )
    (moved,) = _in_months([point], "2026-11")
    assert moved == point._replace(month="2026-11")
    assert point.month == "2026-10" and moved is not point
