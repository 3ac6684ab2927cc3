"""The directory as open data under `du-lieu/`: CSV (UTF-8 with BOM, so Excel shows the
diacritics), JSON, GeoJSON, and a Frictionless `datapackage.json` describing them.

Publishing is an allow-list twice over: every column is either copied from a source column the
contract marks `publish` (checked at import, so a schema change cannot leak a private column), or
derived by the pipeline (province, 2025 commune code, position flag, agent kind, data month, link).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from generator.contract import published_keys
from generator.enrich import AGENT_TYPES
from generator.merge import Directory
from generator.model import Point
from generator.render.format import month_label, point_path
from generator.render.memo import Memo, no_memo, state_digest
from generator.render.search_index import ordered_points
from generator.render.templating import render
from generator.streamed import StreamedFile
from generator.text import spreadsheet_safe as neutralise
from generator.units import admin_units, data_source

DATA_DIR = "du-lieu"
STEM = "diem-thu"
LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)",
    "path": "https://creativecommons.org/licenses/by/4.0/deed.vi",
}
ATTRIBUTION = "Danh bạ điểm thu BHXH, BHYT"
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
YES, NO = "có", "không"


@dataclass(frozen=True)
class OutputColumn:
    name: str  # ASCII, the same in the CSV header, the JSON keys and the GeoJSON properties
    title: str
    type: str  # Table Schema type
    description: str
    value: Callable[[Point], object]
    source: str | None = None  # the contract column it is copied from; None when derived


def _province(point: Point) -> str:
    return admin_units().provinces[point.province_code].name


COLUMNS = (
    OutputColumn(
        "ma_tinh", "Mã tỉnh", "string", "Mã tỉnh, thành phố (từ 01/7/2025).", lambda p: p.province_code
    ),
    OutputColumn("tinh", "Tỉnh/Thành phố", "string", "Tên tỉnh, thành phố (từ 01/7/2025).", _province),
    OutputColumn(
        "ma_diem_thu",
        "Mã điểm thu",
        "string",
        "Mã của điểm thu, duy nhất trong tỉnh.",
        lambda p: p.code,
        "code",
    ),
    OutputColumn(
        "ten_dai_ly_thu", "Tên đại lý thu", "string", "Tổ chức làm đại lý thu.", lambda p: p.agent, "agent"
    ),
    OutputColumn("ten_diem_thu", "Tên điểm thu", "string", "Tên của điểm thu.", lambda p: p.name, "name"),
    OutputColumn(
        "dia_chi", "Địa chỉ", "string", "Số nhà, đường, thôn/bản/tổ dân phố.", lambda p: p.address, "address"
    ),
    OutputColumn(
        "ma_xa",
        "Mã xã/phường",
        "string",
        "Mã xã, phường, đặc khu (từ 01/7/2025), theo danh mục của Quyết định 19/2025/QĐ-TTg "
        "(nguồn: mục sources).",
        lambda p: p.commune_code,
    ),
    OutputColumn(
        "xa_phuong",
        "Xã/Phường",
        "string",
        "Tên xã, phường, đặc khu (từ 01/7/2025).",
        lambda p: p.commune_name,
        "commune",
    ),
    OutputColumn(
        "dien_thoai_co_dinh",
        "Điện thoại cố định",
        "string",
        "Số cố định, viết theo cách Việt Nam (0213 3876 543); trống nếu không có.",
        lambda p: p.fixed_phone,
        "fixed_phone",
    ),
    OutputColumn(
        "dien_thoai_di_dong",
        "Điện thoại di động",
        "string",
        "Số di động (0912 345 678); trống nếu không có.",
        lambda p: p.mobile_phone,
        "mobile_phone",
    ),
    OutputColumn(
        "gio_lam_viec", "Giờ làm việc", "string", "Giờ mở cửa, ghi tự do.", lambda p: p.hours, "hours"
    ),
    OutputColumn("vi_do", "Vĩ độ", "number", "Vĩ độ WGS84.", lambda p: _coordinate(p.lat), "lat"),
    OutputColumn("kinh_do", "Kinh độ", "number", "Kinh độ WGS84.", lambda p: _coordinate(p.lon), "lon"),
    OutputColumn(
        "vi_tri_gan_dung",
        "Vị trí gần đúng",
        "boolean",
        "“có” khi tỉnh chưa gửi toạ độ và vị trí là trung tâm xã, phường.",
        lambda p: p.approximate,
    ),
    OutputColumn(
        "loai_dai_ly",
        "Loại đại lý",
        "string",
        "Loại đại lý: " + ", ".join(f"{k} ({v})" for k, v in AGENT_TYPES.items()) + ".",
        lambda p: p.agent_type,
    ),
    OutputColumn(
        "thang_du_lieu",
        "Tháng dữ liệu",
        "yearmonth",
        "Tháng của danh sách mà tỉnh đã gửi.",
        lambda p: p.month,
    ),
    OutputColumn(
        "lien_ket",
        "Liên kết",
        "string",
        "Đường dẫn đến thẻ của điểm thu trên trang, tính từ gốc trang.",
        lambda p: point_path(p.province_slug, p.commune_code, p.code),
    ),
)


def _check_published() -> None:
    private = [c.source for c in COLUMNS if c.source and c.source not in published_keys()]
    if private:
        raise RuntimeError(f"Cột không được công bố nằm trong dữ liệu mở: {', '.join(private)}")


_check_published()


def _coordinate(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


NAMES = tuple(c.name for c in COLUMNS)


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


def _csv_lines(lines: Iterable[list[str]]) -> str:
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


def _json_parts(rows: list[list[object]], kinds: Iterable[str]) -> dict[str, str]:
    """The JSON's items and the GeoJSON's features of `rows` (each a row's values in NAMES'
    order), as `_ENCODER` writes the arrays without their brackets. Each cell is encoded once for
    both files and the objects written around the encoded cells: encoding the row dicts, then the
    features made from them, took three times as long (a twentieth of a cold build's rendering)."""
    kinds = set(kinds)
    items: list[str] = []
    features: list[str] = []
    keys = _KEYS
    for row in rows:
        cells = [_STRING(v) if type(v) is str else _ENCODER.encode(v) for v in row]
        if "json" in kinds:
            items.append("{" + ",".join([key + cell for key, cell in zip(keys, cells, strict=True)]) + "}")
        if "geojson" in kinds and row[_LAT] is not None:
            features.append(
                '{"type":"Feature","id":'
                + _STRING(f"{row[_PROVINCE]}-{row[_CODE]}")
                + ',"geometry":{"type":"Point","coordinates":['
                + cells[_LON]
                + ","
                + cells[_LAT]
                + ']},"properties":{'
                + ",".join([keys[i] + cells[i] for i in _PROPERTIES])
                + "}}"
            )
    return {kind: ",".join(items if kind == "json" else features) for kind in kinds}


def _csv_part(rows: list[list[object]]) -> str:
    return _csv_lines([_csv_cell(value) for value in row] for row in rows)


KINDS = ("csv", "geojson", "json")


def _parts(points: list[Point], kinds: Iterable[str]) -> dict[str, bytes]:
    """A province's parts of the `kinds` files in UTF-8: the CSV's lines, the JSON's items, the
    GeoJSON's features (the last two without their array's brackets). Each point's values are
    taken once for all of them."""
    rows = [[c.value(point) for c in COLUMNS] for point in points]
    kinds = set(kinds)
    made = _json_parts(rows, kinds & {"json", "geojson"})
    if "csv" in kinds:
        made["csv"] = _csv_part(rows)
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
