"""The open data's columns (generator/render/open_data.py writes them in CSV, JSON and GeoJSON).

Publishing is an allow-list twice over: every column is either copied from a source column the
contract marks `publish` (checked at import, so a schema change cannot leak a private column), or
derived by the pipeline (province, 2025 commune code, position flag, agent kind, data month, link).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from generator.contract import published_keys
from generator.enrich import AGENT_TYPES
from generator.model import Point
from generator.render.format import point_path
from generator.units import admin_units

YES, NO = "có", "không"  # a boolean cell


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
        "ma_tinh", "Mã tỉnh", "string", "Mã tỉnh, thành phố (từ 01/7/2025).", attrgetter("province_code")
    ),
    OutputColumn("tinh", "Tỉnh/Thành phố", "string", "Tên tỉnh, thành phố (từ 01/7/2025).", _province),
    OutputColumn(
        "ma_diem_thu",
        "Mã điểm thu",
        "string",
        "Mã của điểm thu, duy nhất trong tỉnh.",
        attrgetter("code"),
        "code",
    ),
    OutputColumn(
        "ten_dai_ly_thu", "Tên đại lý thu", "string", "Tổ chức làm đại lý thu.", attrgetter("agent"), "agent"
    ),
    OutputColumn("ten_diem_thu", "Tên điểm thu", "string", "Tên của điểm thu.", attrgetter("name"), "name"),
    OutputColumn(
        "dia_chi",
        "Địa chỉ",
        "string",
        "Số nhà, đường, thôn/bản/tổ dân phố.",
        attrgetter("address"),
        "address",
    ),
    OutputColumn(
        "ma_xa",
        "Mã xã/phường",
        "string",
        "Mã xã, phường, đặc khu (từ 01/7/2025), theo danh mục của Quyết định 19/2025/QĐ-TTg "
        "(nguồn: mục sources).",
        attrgetter("commune_code"),
    ),
    OutputColumn(
        "xa_phuong",
        "Xã/Phường",
        "string",
        "Tên xã, phường, đặc khu (từ 01/7/2025).",
        attrgetter("commune_name"),
        "commune",
    ),
    OutputColumn(
        "dien_thoai_co_dinh",
        "Điện thoại cố định",
        "string",
        "Số cố định, viết theo cách Việt Nam (0213 3876 543); trống nếu không có.",
        attrgetter("fixed_phone"),
        "fixed_phone",
    ),
    OutputColumn(
        "dien_thoai_di_dong",
        "Điện thoại di động",
        "string",
        "Số di động (0912 345 678); trống nếu không có.",
        attrgetter("mobile_phone"),
        "mobile_phone",
    ),
    OutputColumn(
        "gio_lam_viec", "Giờ làm việc", "string", "Giờ mở cửa, ghi tự do.", attrgetter("hours"), "hours"
    ),
    OutputColumn("vi_do", "Vĩ độ", "number", "Vĩ độ WGS84.", lambda p: _coordinate(p.lat), "lat"),
    OutputColumn("kinh_do", "Kinh độ", "number", "Kinh độ WGS84.", lambda p: _coordinate(p.lon), "lon"),
    OutputColumn(
        "vi_tri_gan_dung",
        "Vị trí gần đúng",
        "boolean",
        "“có” khi tỉnh chưa gửi toạ độ và vị trí là trung tâm xã, phường.",
        attrgetter("approximate"),
    ),
    OutputColumn(
        "loai_dai_ly",
        "Loại đại lý",
        "string",
        "Loại đại lý: " + ", ".join(f"{k} ({v})" for k, v in AGENT_TYPES.items()) + ".",
        attrgetter("agent_type"),
    ),
    OutputColumn(
        "thang_du_lieu",
        "Tháng dữ liệu",
        "yearmonth",
        "Tháng của danh sách mà tỉnh đã gửi.",
        attrgetter("month"),
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
