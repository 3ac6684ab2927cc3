"""Rules that compare a province's list with the one it replaces (merge stage)."""

from __future__ import annotations

from generator.findings import Holds, Rule, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

# A new list that drops more than this share of the published points needs a recorded
# confirmation (merge stage); the rule's description states it from here.
MASS_REMOVAL_SHARE = 0.20

RULES = [
    Rule(
        code="mass-removal",
        severity=E,
        title="Bỏ quá nhiều điểm thu so với tháng trước",
        description=(
            f"Danh sách mới bỏ hơn {MASS_REMOVAL_SHARE:.0%} số điểm thu (hoặc toàn bộ) so với danh sách "
            "đang công bố. Để tránh xoá nhầm, việc này cần một xác nhận ghi lại trong kho dữ liệu."
        ),
        fix=(
            "Nếu đúng là các điểm đã đóng, thêm file <YYYY-MM>.yaml cạnh file CSV với "
            "xac_nhan_giam_diem_thu: true và ly_do: “…”. Nếu không, kiểm tra lại file."
        ),
        message=(
            "Danh sách bỏ {removed}/{previous} điểm thu ({share}%) so với tháng {previous_month} "
            "mà không có xác nhận."
        ),
        example="120 điểm → 40 điểm",
        holds=Holds.FILE,
    ),
    Rule(
        code="mass-removal-confirmed",
        severity=INFO,
        title="Giảm nhiều điểm thu đã được xác nhận",
        description="Danh sách bỏ nhiều điểm thu và có file xác nhận kèm lý do.",
        fix="Không cần sửa.",
        message="Bỏ {removed}/{previous} điểm thu so với tháng {previous_month}; đã xác nhận: {reason}",
        example="2026-11.yaml: ly_do: “Sáp nhập điểm thu”",
    ),
    Rule(
        code="confirmation-invalid",
        severity=E,
        title="File xác nhận không hợp lệ",
        description="File <YYYY-MM>.yaml cạnh danh sách phải có xac_nhan_giam_diem_thu: true và ly_do.",
        fix="Sửa file theo mẫu trong hướng dẫn nộp.",
        message="File xác nhận không đọc được hoặc thiếu trường: {value}.",
        example="xac_nhan: có",
        holds=Holds.FILE,
    ),
    Rule(
        code="code-reused",
        severity=W,
        title="Mã điểm thu dùng lại cho điểm khác",
        description=(
            "Một mã quay lại với tên, địa chỉ và xã/phường đều khác: có thể mã cũ bị dùng cho điểm mới."
        ),
        fix="Dùng mã mới cho điểm mới; mã của điểm đã đóng không dùng lại.",
        message="Mã “{value}” trước đây là “{old}” ({old_commune}), nay là “{new}” ({new_commune}).",
        example="LCU-0007",
    ),
]
