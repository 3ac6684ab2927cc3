"""The directory as open data under `du-lieu/`: CSV (UTF-8 with BOM, so Excel shows the
diacritics), JSON, GeoJSON, and a Frictionless `datapackage.json` describing them. Their
columns, an allow-list, are generator/render/open_columns.py's.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import compress

from generator.merge import Directory
from generator.model import Point
from generator.render.format import month_label
from generator.render.memo import Memo, no_memo, state_digest
from generator.render.open_columns import COLUMNS, NAMES, NO, YES
from generator.render.search_index import ordered_points
from generator.render.templating import render
from generator.streamed import StreamedFile
from generator.text import spreadsheet_safe as neutralise
from generator.units import data_source

DATA_DIR = "du-lieu"
STEM = "diem-thu"
LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)",
    "path": "https://creativecommons.org/licenses/by/4.0/deed.vi",
}
ATTRIBUTION = "Danh bạ điểm thu BHXH, BHYT"


def _csv_cell(value: object) -> str:
    if type(value) is str:  # most cells: the test first
        return neutralise(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return neutralise(str(value))


def _csv_lines(lines: Iterable[Iterable[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(lines)
    return buffer.getvalue()


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
# What that encoder writes a string with (the C function when there is one).
_STRING = json.encoder.encode_basestring


def _json(value: object) -> str:
    return _ENCODER.encode(value) + "\n"


_KEYS = [_STRING(name) + ":" for name in NAMES]
_PROPERTIES = [i for i, name in enumerate(NAMES) if name not in ("vi_do", "kinh_do")]
_LAT, _LON, _PROVINCE, _CODE = (NAMES.index(n) for n in ("vi_do", "kinh_do", "ma_tinh", "ma_diem_thu"))
# A JSON item from its encoded cells; a GeoJSON feature from its encoded id, longitude, latitude
# and properties (the keys have no braces to double).
_ITEM = ("{{" + ",".join(key + "{}" for key in _KEYS) + "}}").format
_FEATURE = (
    '{{"type":"Feature","id":{},"geometry":{{"type":"Point","coordinates":[{},{}]}},"properties":{{'
    + ",".join(_KEYS[i] + "{}" for i in _PROPERTIES)
    + "}}}}"
).format


def _encoded(value: object) -> str:
    """`value` as `_ENCODER` writes it, without asking the encoder for each coordinate and flag."""
    if type(value) is float and math.isfinite(value):
        return float.__repr__(value)  # what the encoder writes a finite float with
    if value is None or type(value) is bool:
        return {None: "null", True: "true", False: "false"}[value]
    return _ENCODER.encode(value)


def _encoded_column(values: list[object]) -> list[str]:
    try:
        return list(map(_STRING, values))  # type: ignore[arg-type]  # text, most columns
    except TypeError:  # numbers, flags, empty positions
        return [_STRING(v) if isinstance(v, str) else _encoded(v) for v in values]


def _json_parts(columns: list[list[object]], kinds: Iterable[str]) -> dict[str, str]:
    """The JSON's items and the GeoJSON's features of the points whose values are `columns` (in
    NAMES' order), as `_ENCODER` writes the arrays without their brackets. Each cell is encoded
    once for both files and the objects written around the encoded cells, a column at a time
    (the encoder asked for each row took three times as long; a Python loop over the rows, cell
    by cell, took the three files' parts from 0.57 to 0.85 s CPU at 30,000 points)."""
    cells = list(map(_encoded_column, columns))
    made: dict[str, str] = {}
    if "json" in kinds:
        made["json"] = ",".join(map(_ITEM, *cells))
    if "geojson" in kinds:
        ids = map(_STRING, map("{}-{}".format, columns[_PROVINCE], columns[_CODE]))
        features = map(_FEATURE, ids, cells[_LON], cells[_LAT], *[cells[i] for i in _PROPERTIES])
        made["geojson"] = ",".join(compress(features, [lat is not None for lat in columns[_LAT]]))
    return made


# Where a cell of a column joined with NULs (and one in front) could start a formula (`neutralise`
# would change it): a whitespace or a formula's first character after a NUL.
_MAY_NEUTRALISE = re.compile(r"\0[\s=+\-@＝＋－＠]")


def _csv_column(values: list[object]) -> list:
    """`_csv_cell` of each value. A column of text is tested once, not one call a cell (500,000 a
    national build): one where a cell might start a formula (or a NUL in a cell looks so) is
    written cell by cell."""
    try:
        joined = "\0".join(values)  # type: ignore[arg-type]
    except TypeError:  # numbers, flags, empty positions
        return list(map(_csv_cell, values))
    return list(map(_csv_cell, values)) if _MAY_NEUTRALISE.search("\0" + joined) else values


def _csv_part(columns: list[list[object]]) -> str:
    return _csv_lines(zip(*map(_csv_column, columns), strict=True))


KINDS = ("csv", "geojson", "json")


def _parts(points: list[Point], kinds: Iterable[str]) -> dict[str, bytes]:
    """A province's parts of the `kinds` files in UTF-8: the CSV's lines, the JSON's items, the
    GeoJSON's features (the last two without their array's brackets). Each point's values are
    taken once for all of them, a column at a time."""
    columns = [list(map(c.value, points)) for c in COLUMNS]
    kinds = set(kinds)
    made = _json_parts(columns, kinds & {"json", "geojson"})
    if "csv" in kinds:
        made["csv"] = _csv_part(columns)
    return {kind: text.encode("utf-8") for kind, text in made.items()}


class _Provinces:
    """The published points province by province, each with a digest of its points: a province's
    part of a file is made from its points alone, so `memo` keeps it while they do not change
    (one entry per file, so that each file is written from its own parts, one province at a time:
    the national files are never whole in memory)."""

    def __init__(self, directory: Directory, memo: Memo) -> None:
        by_province: dict[int, list[Point]] = {}
        for point, index in ordered_points(directory):
            by_province.setdefault(index, []).append(point)
        ordered = sorted(by_province.items())
        self.points = [points for _, points in ordered]
        # A province's points in page order are a function of its state's: keyed by those, whose
        # digest the other renderers share.
        self.sources = [state_digest(directory.provinces[index]) for index, _ in ordered]
        self.memo = memo

    def parts(self, kind: str) -> Iterator[bytes]:
        """Each province's part of the `kind` file in UTF-8, empty ones left out. A province's
        part of one file is made with its parts of the other files, kept in `memo` for when their
        file is written (a point's values were taken three times, its cells encoded twice);
        without a memo that keeps them, each file makes only its own."""
        keeps = self.memo is not no_memo
        for points, source in zip(self.points, self.sources, strict=True):
            made: dict[str, bytes] = {}

            def make(points: list[Point] = points, made: dict[str, bytes] = made) -> bytes:
                made.update(_parts(points, KINDS if keeps else (kind,)))
                return made[kind]

            part = self.memo(f"open-data-{kind}", source, make)
            for other in sorted(made.keys() - {kind}):
                self.memo(f"open-data-{other}", source, partial(made.__getitem__, other))
            if part:
                yield part


def _csv_chunks(provinces: _Provinces) -> Iterator[bytes]:
    yield ("\ufeff" + _csv_lines([list(NAMES)])).encode("utf-8")
    yield from provinces.parts("csv")


def _with_list(head: dict, key: str, parts: Iterable[bytes]) -> Iterator[bytes]:
    """`_json({**head, key: [...]})` in UTF-8, the array's items given as parts (each some items
    joined by commas): at 300,000 points the file as one Python string (two bytes a letter) and
    its encoding were gigabytes."""
    opening = _json({**head, key: []})
    yield (opening[: -len("[]}\n")] + "[").encode("utf-8")
    for number, part in enumerate(parts):
        yield b"," + part if number else part
    yield b"]}\n"


def _json_chunks(provinces: _Provinces, month: str) -> Iterator[bytes]:
    head = {"thang": month, "giay_phep": LICENSE["name"], "nguon": ATTRIBUTION}
    return _with_list(head, "diem_thu", provinces.parts("json"))


def _geojson_chunks(provinces: _Provinces, month: str) -> Iterator[bytes]:
    head = {"type": "FeatureCollection", "thang": month, "giay_phep": LICENSE["name"]}
    return _with_list(head, "features", provinces.parts("geojson"))


def table_schema() -> dict:
    fields = []
    for c in COLUMNS:
        field: dict[str, object] = {"name": c.name, "title": c.title, "type": c.type}
        field["description"] = c.description
        if c.type == "boolean":
            field |= {"trueValues": [YES], "falseValues": [NO]}
        if c.name in ("ma_tinh", "ma_diem_thu", "ten_dai_ly_thu", "ten_diem_thu", "ma_xa", "thang_du_lieu"):
            field["constraints"] = {"required": True}
        fields.append(field)
    return {"fields": fields, "primaryKey": ["ma_tinh", "ma_diem_thu"], "missingValues": [""]}


def datapackage(month: str) -> dict:
    return {
        "profile": "data-package",
        "name": "danh-ba-diem-thu-bhxh-bhyt",
        "title": "Danh bạ điểm thu BHXH, BHYT",
        "description": (
            f"Các điểm thu, đại lý thu BHXH, BHYT trên cả nước, dữ liệu {month_label(month)}: "
            "danh sách mới nhất không có lỗi của mỗi tỉnh, thành phố."
        ),
        "version": month,
        "thang": month,
        "licenses": [LICENSE],
        # Which list the commune and province codes follow: sources differ on 123 of them.
        "sources": [{k: v for k, v in data_source().items() if k != "version"}],
        "keywords": ["BHXH", "BHYT", "điểm thu", "đại lý thu", "Việt Nam"],
        "resources": [
            {
                "name": STEM,
                "path": f"{STEM}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": "Danh bạ điểm thu (CSV, UTF-8 có BOM)",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
                "schema": table_schema(),
            },
            {
                "name": f"{STEM}-json",
                "path": f"{STEM}.json",
                "profile": "data-resource",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "title": "Danh bạ điểm thu (JSON): cùng các cột, trong mảng diem_thu",
            },
            {
                "name": f"{STEM}-geojson",
                "path": f"{STEM}.geojson",
                "profile": "data-resource",
                "format": "geojson",
                "mediatype": "application/geo+json",
                "encoding": "utf-8",
                "title": "Danh bạ điểm thu (GeoJSON): mỗi điểm thu một Feature kiểu Point",
            },
        ],
    }


def render_open_data(directory: Directory, memo: Memo = no_memo) -> dict[str, str | bytes]:
    return {
        path: content.content() if isinstance(content, StreamedFile) else content
        for path, content in open_data_files(directory, memo)
    }


def open_data_files(
    directory: Directory, memo: Memo = no_memo
) -> Iterator[tuple[str, str | bytes | StreamedFile]]:
    """The national files in one pass over the published points, province by province. The three
    large files are streamed: the build writes them chunk by chunk, and never holds one whole."""
    provinces = _Provinces(directory, memo)
    month = directory.month
    yield f"{DATA_DIR}/{STEM}.csv", StreamedFile(lambda: _csv_chunks(provinces))
    yield f"{DATA_DIR}/{STEM}.json", StreamedFile(lambda: _json_chunks(provinces, month))
    yield f"{DATA_DIR}/{STEM}.geojson", StreamedFile(lambda: _geojson_chunks(provinces, month))
    yield f"{DATA_DIR}/datapackage.json", _json(datapackage(month))
    yield (
        f"{DATA_DIR}/index.md",
        render(
            "open_data.md.j2",
            month=month,
            total=sum(len(points) for points in provinces.points),
            columns=COLUMNS,
            license=LICENSE,
            stem=STEM,
            provinces=[s for s in directory.provinces if s.has_data],
        ),
    )
