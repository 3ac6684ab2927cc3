"""Print records: the signs as CSV (for the print shop's spreadsheet) and JSON, and the quantities
table. Only the printed facts of published records go out; nothing else is ever read here."""

from __future__ import annotations

import codecs
import csv
import io
import json

from generator.phones import parse_phone
from generator.render.format import month_label
from generator.signage.plan import Sign, SignPlan
from generator.text import spreadsheet_safe as neutralise

SIGN_COLUMNS = (
    "STT",
    "Tỉnh/Thành phố",
    "Mã điểm thu",
    "Loại biển hiệu",
    "Lý do in",
    "Tên đại lý thu",
    "Tên điểm thu",
    "Địa chỉ giao dịch",
    "Xã/Phường",
    "Điện thoại cố định",
    "Điện thoại di động",
    "Thiếu số điện thoại",
    "Tháng dữ liệu",
)
# Marks the sign of a point published without any phone (a WARNING at validation): the print
# shop and the province see it before a sign goes out with no number to call.
NO_PHONE = "Có"
SUMMARY_COLUMNS = (
    "STT",
    "Tỉnh/Thành phố",
    "Tháng dữ liệu",
    "So với danh sách tháng",
    "Số điểm thu",
    "Biển hiệu mới",
    "Biển hiệu thay thế",
    "Cộng biển hiệu",
    "Điểm thu đã bỏ",
)
TOTAL_LABEL = "TỔNG CỘNG"


def print_phone(display: str, e164: str = "") -> str:
    """A phone as printed on the sign, in national format ("0213 3876 543"): never "+84…",
    which a spreadsheet would read as a formula or a number."""
    if display.lstrip().startswith("+") or (not display and e164):
        parsed = parse_phone(display or e164)
        if parsed is not None:
            return parsed.display
    return display


def sign_row(number: int, sign: Sign) -> tuple[str, ...]:
    point = sign.point
    return (
        str(number),
        sign.province.name,
        point.code,
        sign.kind,
        "; ".join(sign.reasons),
        point.agent,
        point.name,
        sign.printed_address,
        point.commune_name,
        print_phone(point.fixed_phone, point.fixed_phone_e164),
        print_phone(point.mobile_phone, point.mobile_phone_e164),
        NO_PHONE if lacks_phone(sign) else "",
        point.month,
    )


def lacks_phone(sign: Sign) -> bool:
    point = sign.point
    return not (point.fixed_phone or point.fixed_phone_e164 or point.mobile_phone or point.mobile_phone_e164)


def _csv_bytes(header: tuple[str, ...], rows) -> bytes:
    """Excel's "CSV UTF-8": BOM, commas, CRLF; every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def signs_csv(signs: list[Sign] | tuple[Sign, ...]) -> bytes:
    return _csv_bytes(SIGN_COLUMNS, (sign_row(n, s) for n, s in enumerate(signs, start=1)))


def summary_rows(plan: SignPlan) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [
        (
            str(number),
            t.province.name,
            t.data_month or "",
            t.baseline_month or "",
            str(t.points),
            str(t.new),
            str(t.replaced),
            str(t.signs),
            str(t.removed),
        )
        for number, t in enumerate(plan.tallies, start=1)
    ]
    totals = [str(plan.total(a)) for a in ("points", "new", "replaced", "signs", "removed")]
    rows.append(("", TOTAL_LABEL, "", "", *totals))
    return rows


def summary_csv(plan: SignPlan) -> bytes:
    return _csv_bytes(SUMMARY_COLUMNS, summary_rows(plan))


def plan_json(plan: SignPlan) -> str:
    """The same records for programs: raw values (no apostrophes), phones in both forms."""
    data = {
        "thang": plan.month,
        "thang_label": month_label(plan.month),
        "so_voi_thang": plan.since,
        "toan_bo": plan.all_points,
        "tong_hop": [
            {
                "tinh": t.province.slug,
                "ten_tinh": t.province.name,
                "thang_du_lieu": t.data_month,
                "so_voi_thang": t.baseline_month,
                "diem_thu": t.points,
                "bien_hieu_moi": t.new,
                "bien_hieu_thay_the": t.replaced,
                "diem_thu_da_bo": t.removed,
            }
            for t in plan.tallies
        ],
        "bien_hieu": [
            {
                "tinh": s.province.slug,
                "ten_tinh": s.province.name,
                "ma_diem_thu": s.point.code,
                "loai": s.kind,
                "ly_do": list(s.reasons),
                "dai_ly_thu": s.point.agent,
                "ten_diem_thu": s.point.name,
                "dia_chi": s.point.address,
                "dia_chi_in": s.printed_address,
                "xa_phuong": s.point.commune_name,
                "ma_xa_phuong": s.point.commune_code,
                "dien_thoai_co_dinh": print_phone(s.point.fixed_phone, s.point.fixed_phone_e164),
                "dien_thoai_co_dinh_e164": s.point.fixed_phone_e164,
                "dien_thoai_di_dong": print_phone(s.point.mobile_phone, s.point.mobile_phone_e164),
                "dien_thoai_di_dong_e164": s.point.mobile_phone_e164,
                "thieu_so_dien_thoai": lacks_phone(s),
                "thang_du_lieu": s.point.month,
            }
            for s in plan.signs
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
