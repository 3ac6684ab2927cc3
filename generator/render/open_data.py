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
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.contract import published_keys
from generator.enrich import AGENT_TYPES
from generator.merge import Directory
from generator.model import Point
from generator.render.format import month_label, point_path
from generator.render.memo import Memo, no_memo
from generator.render.search_index import ordered_points
from generator.render.templating import render
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


def _record(point: Point) -> dict:
    return {c.name: c.value(point) for c in COLUMNS}


def _csv_cell(value: object) -> str:
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


def _csv_rows(rows: list[dict]) -> str:
    return _csv_lines([_csv_cell(row[c.name]) for c in COLUMNS] for row in rows)


def _csv_header() -> str:
    return _csv_lines([[c.name for c in COLUMNS]])


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def _items(values: list) -> str:
    """The inside of a JSON array of `values`, as `_json` writes it."""
    return ",".join(json.dumps(v, ensure_ascii=False, separators=(",", ":")) for v in values)


# Stands for an array's items in an outer object, so that items made (or kept) per province are
# put in with no second serialisation of the whole country.
_ITEMS = "\u2063items\u2063"


def _with_items(outer: dict, items: str) -> str:
    text = _json(outer)
    slot = json.dumps(_ITEMS, ensure_ascii=False)
    assert text.count(slot) == 1
    return text.replace(slot, f"[{items}]")


def _json_file(items: str, month: str) -> str:
    outer = {"thang": month, "giay_phep": LICENSE["name"], "nguon": ATTRIBUTION, "diem_thu": _ITEMS}
    return _with_items(outer, items)


def _features(rows: list[dict]) -> list[dict]:
    return [
        {
            "type": "Feature",
            "id": f"{row['ma_tinh']}-{row['ma_diem_thu']}",
            "geometry": {"type": "Point", "coordinates": [row["kinh_do"], row["vi_do"]]},
            "properties": {k: v for k, v in row.items() if k not in ("vi_do", "kinh_do")},
        }
        for row in rows
        if row["vi_do"] is not None
    ]


def _geojson_file(features: str, month: str) -> str:
    outer = {"type": "FeatureCollection", "thang": month, "giay_phep": LICENSE["name"], "features": _ITEMS}
    return _with_items(outer, features)


def _province_parts(points: list[Point], memo: Memo) -> tuple[str, str, str]:
    """A province's CSV rows, JSON items and GeoJSON features: made from its points alone, so
    kept in `memo` while they do not change."""

    def make() -> bytes:
        rows = [_record(point) for point in points]
        parts = [_csv_rows(rows), _items(rows), _items(_features(rows))]
        return json.dumps(parts, ensure_ascii=False).encode("utf-8")

    csv_rows, items, features = json.loads(memo("open-data", repr(points).encode("utf-8"), make))
    return csv_rows, items, features


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
    """The national files in one pass over the published points, province by province."""
    by_province: dict[int, list[Point]] = {}
    for point, index in ordered_points(directory):
        by_province.setdefault(index, []).append(point)
    parts = [_province_parts(points, memo) for _, points in sorted(by_province.items())]
    month = directory.month
    total = sum(len(points) for points in by_province.values())
    return {
        f"{DATA_DIR}/{STEM}.csv": ("\ufeff" + _csv_header() + "".join(p[0] for p in parts)).encode("utf-8"),
        f"{DATA_DIR}/{STEM}.json": _json_file(",".join(p[1] for p in parts if p[1]), month),
        f"{DATA_DIR}/{STEM}.geojson": _geojson_file(",".join(p[2] for p in parts if p[2]), month),
        f"{DATA_DIR}/datapackage.json": _json(datapackage(month)),
        f"{DATA_DIR}/index.md": render(
            "open_data.md.j2",
            month=month,
            total=total,
            columns=COLUMNS,
            license=LICENSE,
            stem=STEM,
            provinces=[s for s in directory.provinces if s.has_data],
        ),
    }
