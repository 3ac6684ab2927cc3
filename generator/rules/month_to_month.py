"""Rules that compare a province's list with the one it replaces (merge stage)."""

from __future__ import annotations

from generator.findings import Holds, Rule, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

# A new list that drops more than this share of the published points needs a recorded
# confirmation (merge stage); the rule's description states it from here.
MASS_REMOVAL_SHARE = 0.20

RULES = [
    Rule(
        "mass-removal",
        E,
        "Bỏ quá nhiều điểm thu so với tháng trước",
        f"Danh sách mới bỏ hơn {MASS_REMOVAL_SHARE:.0%} số điểm thu (hoặc toàn bộ) so với danh sách "
        "đang công bố. Để tránh xoá nhầm, việc này cần một xác nhận ghi lại trong kho dữ liệu.",
        "Nếu đúng là các điểm đã đóng, thêm file <YYYY-MM>.yaml cạnh file CSV với "
        "xac_nhan_giam_diem_thu: true và ly_do: “…”. Nếu không, kiểm tra lại file.",
        "Danh sách bỏ {removed}/{previous} điểm thu ({share}%) so với tháng {previous_month} "
        "mà không có xác nhận.",
        "120 điểm → 40 điểm",
        holds=Holds.FILE,
    ),
    Rule(
        "mass-removal-confirmed",
        INFO,
        "Giảm nhiều điểm thu đã được xác nhận",
        "Danh sách bỏ nhiều điểm thu và có file xác nhận kèm lý do.",
        "Không cần sửa.",
        "Bỏ {removed}/{previous} điểm thu so với tháng {previous_month}; đã xác nhận: {reason}",
        "2026-11.yaml: ly_do: “Sáp nhập điểm thu”",
    ),
    Rule(
        "confirmation-invalid",
        E,
        "File xác nhận không hợp lệ",
        "File <YYYY-MM>.yaml cạnh danh sách phải có xac_nhan_giam_diem_thu: true và ly_do.",
        "Sửa file theo mẫu trong hướng dẫn nộp.",
        "File xác nhận không đọc được hoặc thiếu trường: {value}.",
        "xac_nhan: có",
        holds=Holds.FILE,
    ),
    Rule(
        "code-reused",
        W,
        "Mã điểm thu dùng lại cho điểm khác",
        "Một mã quay lại với tên, địa chỉ và xã/phường đều khác: có thể mã cũ bị dùng cho điểm mới.",
        "Dùng mã mới cho điểm mới; mã của điểm đã đóng không dùng lại.",
        "Mã “{value}” trước đây là “{old}” ({old_commune}), nay là “{new}” ({new_commune}).",
        "LCU-0007",
    ),
]
