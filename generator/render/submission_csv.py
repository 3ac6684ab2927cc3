"""Each province's published list in the submission format (`du-lieu/tinh/<slug>.csv`, and the
same as an Excel workbook `.xlsx`), and the blank template (`du-lieu/mau-diem-thu.csv`).

The file is what the province would submit: the template's headers, only the published columns,
UTF-8 with a BOM so Excel shows the diacritics. A clerk downloads it, edits it and uploads it as
next month's list; re-submitted unchanged it validates and changes nothing.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable

from generator.contract import SCHEMA_PATH, columns
from generator.merge import Directory
from generator.model import Point
from generator.render.memo import Memo, no_memo, state_digest
from generator.text import fold_compact
from generator.units import admin_units
from generator.xlsx import text_workbook

TEMPLATE_PATH = SCHEMA_PATH.parent / "mau-diem-thu.csv"
TEMPLATE_URL = "du-lieu/mau-diem-thu.csv"
ROW_NUMBER = "STT"


def province_csv_path(slug: str) -> str:
    return f"du-lieu/tinh/{slug}.csv"


def submission_header() -> list[str]:
    """The template's headers, in its order, keeping the row number and the published columns:
    the staff name and internal notes are never published, so they are not in the download."""
    template = TEMPLATE_PATH.read_text(encoding="utf-8-sig").splitlines()[0]
    published = {fold_compact(c.title) for c in columns() if c.publish}
    return [h for h in next(csv.reader([template])) if h == ROW_NUMBER or fold_compact(h) in published]


def _rows(points: Iterable[Point]) -> Iterable[list[str]]:
    """Rows in the province's own order, numbered, under the template's header."""
    header = submission_header()
    units = admin_units()
    yield header
    # Each heading's contract key, folded once for the list rather than for every cell.
    keys = {fold_compact(c.title): c.key for c in columns() if c.publish}
    number_key = fold_compact(ROW_NUMBER)
    order = [None if fold_compact(h) == number_key else keys[fold_compact(h)] for h in header]
    for number, point in enumerate(points, start=1):
        province = units.provinces[point.province_code]
        by_key = point.submission_cells(province.short_name)
        yield [str(number) if key is None else by_key[key] for key in order]


def submission_csv(points: Iterable[Point]) -> bytes:
    """CRLF line ends as Excel writes them; a BOM so Excel shows the diacritics."""
    return _csv_bytes(_rows(points))


def _csv_bytes(rows: Iterable[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def submission_xlsx(points: Iterable[Point], memo: Memo = no_memo) -> bytes:
    """The same list as a workbook whose cells are all text (`memo` keeps openpyxl's parts)."""
    return text_workbook(_rows(points), keep=memo)


def render_submission_csvs(directory: Directory, memo: Memo = no_memo) -> dict[str, str | bytes]:
    """A province's files are made from its points alone; the workbook from exactly the CSV's
    rows, so the CSV's bytes key it in `memo` (writing it is the costly part: openpyxl)."""
    files: dict[str, str | bytes] = {TEMPLATE_URL: TEMPLATE_PATH.read_bytes()}
    for state in directory.provinces:
        if state.has_data:
            csv_path = province_csv_path(state.province.slug)
            data, xlsx = _province_files(state.points, state_digest(state), memo)
            files[csv_path] = data
            files[csv_path.removesuffix(".csv") + ".xlsx"] = xlsx
    return files


def _province_files(points: tuple[Point, ...], source: bytes, memo: Memo) -> tuple[bytes, bytes]:
    rows: list[list[str]] = []

    def made_rows() -> list[list[str]]:
        """The rows once for both files, when either is made."""
        if not rows:
            rows.extend(_rows(points))
        return rows

    data = memo("submission-csv", source, lambda: _csv_bytes(made_rows()))
    return data, memo("submission-xlsx", data, lambda: text_workbook(made_rows(), keep=memo))
