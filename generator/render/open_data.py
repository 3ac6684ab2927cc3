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

from generator.contract import published_keys
from generator.enrich import AGENT_TYPES
from generator.merge import Directory
from generator.model import Point
from generator.render.format import month_label, point_path
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


def _rows(directory: Directory) -> list[tuple]:
    """One tuple per point in NAMES' order: a dict per point would be several times larger, and
    the three files are written one after the other from the same rows."""
    return [tuple(c.value(point) for c in COLUMNS) for point, _ in ordered_points(directory)]


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return neutralise(str(value))


# Rows per chunk of a streamed file: large enough that writing costs nothing, small enough that
# a chunk is a few hundred KB.
CHUNK_ROWS = 1000


def to_csv(rows: list[tuple]) -> bytes:
    return b"".join(_csv_chunks(rows))


def _csv_chunks(rows: list[tuple]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(NAMES)
    for start in range(0, len(rows), CHUNK_ROWS):
        for row in rows[start : start + CHUNK_ROWS]:
            writer.writerow([_csv_cell(value) for value in row])
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
    if not rows:
        yield buffer.getvalue().encode("utf-8")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def _json_with_list(head: dict, key: str, items: Iterable[object]) -> Iterator[bytes]:
    """`_json({**head, key: list(items)})` in UTF-8, in chunks of CHUNK_ROWS items: at 300,000
    points the file as one Python string (two bytes a letter) and its encoding were gigabytes."""
    opening = _json({**head, key: []})
    pieces = [opening[: -len("[]}\n")] + "["]
    for number, item in enumerate(items):
        if number:
            pieces.append(",")
        pieces.append(json.dumps(item, ensure_ascii=False, separators=(",", ":")))
        if len(pieces) >= 2 * CHUNK_ROWS:
            yield "".join(pieces).encode("utf-8")
            pieces = []
    pieces.append("]}\n")
    yield "".join(pieces).encode("utf-8")


def to_json(rows: list[tuple], month: str) -> bytes:
    return b"".join(_json_chunks(rows, month))


def _json_chunks(rows: list[tuple], month: str) -> Iterator[bytes]:
    head = {"thang": month, "giay_phep": LICENSE["name"], "nguon": ATTRIBUTION}
    return _json_with_list(head, "diem_thu", (dict(zip(NAMES, row, strict=True)) for row in rows))


def to_geojson(rows: list[tuple], month: str) -> bytes:
    return b"".join(_geojson_chunks(rows, month))


def _geojson_chunks(rows: list[tuple], month: str) -> Iterator[bytes]:
    features = (
        {
            "type": "Feature",
            "id": f"{row['ma_tinh']}-{row['ma_diem_thu']}",
            "geometry": {"type": "Point", "coordinates": [row["kinh_do"], row["vi_do"]]},
            "properties": {k: v for k, v in row.items() if k not in ("vi_do", "kinh_do")},
        }
        for row in (dict(zip(NAMES, values, strict=True)) for values in rows)
        if row["vi_do"] is not None
    )
    head = {"type": "FeatureCollection", "thang": month, "giay_phep": LICENSE["name"]}
    return _json_with_list(head, "features", features)


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


def render_open_data(directory: Directory) -> dict[str, str | bytes]:
    return {
        path: content.content() if isinstance(content, StreamedFile) else content
        for path, content in open_data_files(directory)
    }


def open_data_files(directory: Directory) -> Iterator[tuple[str, str | bytes | StreamedFile]]:
    """The three large files are streamed: the build writes them chunk by chunk, and never holds
    one whole."""
    rows = _rows(directory)
    month = directory.month
    yield f"{DATA_DIR}/{STEM}.csv", StreamedFile(lambda: _csv_chunks(rows))
    yield f"{DATA_DIR}/{STEM}.json", StreamedFile(lambda: _json_chunks(rows, month))
    yield f"{DATA_DIR}/{STEM}.geojson", StreamedFile(lambda: _geojson_chunks(rows, month))
    yield f"{DATA_DIR}/datapackage.json", _json(datapackage(month))
    yield (
        f"{DATA_DIR}/index.md",
        render(
            "open_data.md.j2",
            month=month,
            total=len(rows),
            columns=COLUMNS,
            license=LICENSE,
            stem=STEM,
            provinces=[s for s in directory.provinces if s.has_data],
        ),
    )
