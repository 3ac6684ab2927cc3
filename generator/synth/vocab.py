"""Word lists for synthetic collection points: people's names, streets, hamlets, opening hours and
internal notes. Combinations are random, so no row describes a real person or a real address."""

from __future__ import annotations

# Family names with rough frequencies; Lò, Lường, Quàng, Vi, Nông are common in the north-west.
FAMILY_NAMES: dict[str, int] = {
    "Nguyễn": 38, "Trần": 11, "Lê": 9, "Phạm": 7, "Hoàng": 5, "Huỳnh": 3, "Phan": 3, "Vũ": 3,
    "Võ": 3, "Đặng": 2, "Bùi": 2, "Đỗ": 2, "Hồ": 1, "Ngô": 1, "Dương": 1, "Lý": 1, "Đinh": 1,
    "Hà": 1, "Lò": 1, "Lường": 1, "Vi": 1, "Nông": 1, "Tạ": 1, "Đoàn": 1, "Lương": 1, "Mai": 1,
}  # fmt: skip
FEMALE_MIDDLE = ("Thị", "Thị", "Thị", "Thị Thu", "Thị Ngọc", "Thị Thanh", "Thị Kim", "Thu",
                 "Ngọc", "Hồng", "Thanh", "Minh", "Thị Hồng", "Thị Bích", "Thúy")  # fmt: skip
MALE_MIDDLE = ("Văn", "Văn", "Văn", "Minh", "Đức", "Quốc", "Thanh", "Hữu", "Xuân", "Công")
FEMALE_GIVEN = ("Lan", "Hoa", "Hương", "Thảo", "Trang", "Ngọc", "Yến", "Nhung", "Liên", "Hồng",
                "Mai", "Loan", "Phương", "Hà", "Thủy", "Oanh", "Huyền", "Dung", "Hạnh", "Linh",
                "Ngân", "Vân", "Hiền", "Lệ", "Tuyết", "Nga", "Duyên", "Quyên", "Ánh", "Tâm")  # fmt: skip
MALE_GIVEN = ("Hùng", "Dũng", "Tuấn", "Minh", "Nam", "Cường", "Thắng", "Hải", "Quang", "Long",
              "Sơn", "Chiến", "Thế", "Bình", "Toàn", "Khánh", "Phong", "Trung", "Việt", "Lâm")  # fmt: skip

# Street names found in most Vietnamese towns.
STREETS = ("Trần Hưng Đạo", "Lê Lợi", "Nguyễn Huệ", "Hùng Vương", "Lê Duẩn", "Nguyễn Trãi",
           "Quang Trung", "Hai Bà Trưng", "Lý Thường Kiệt", "Phan Đình Phùng", "Nguyễn Văn Cừ",
           "Võ Thị Sáu", "Trần Phú", "Lê Hồng Phong", "Điện Biên Phủ", "30 Tháng 4",
           "Nguyễn Du", "Ngô Quyền", "Bà Triệu", "Lý Tự Trọng", "Phan Chu Trinh", "Lê Quý Đôn",
           "Nguyễn Thị Minh Khai", "Hoàng Văn Thụ", "Trường Chinh", "Võ Nguyên Giáp",
           "Tô Hiệu", "Nguyễn Chí Thanh", "Chu Văn An", "Lê Thánh Tông")  # fmt: skip
HIGHWAYS = ("Quốc lộ 1A", "Quốc lộ 2", "Quốc lộ 3", "Quốc lộ 4D", "Quốc lộ 6", "Quốc lộ 12",
            "Quốc lộ 14", "Quốc lộ 15", "Quốc lộ 20", "Quốc lộ 27", "Quốc lộ 32", "Quốc lộ 279",
            "Tỉnh lộ 8", "Tỉnh lộ 129", "Đường tỉnh 392", "Đường huyện 21")  # fmt: skip
HAMLET_NAMES = ("Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Tân Lập", "Tân Thành",
                "Trung Tâm", "Hòa Bình", "Thống Nhất", "Đoàn Kết", "Quyết Tiến", "Phú Lợi",
                "An Thạnh", "Mỹ Hòa", "Tiền Phong", "Bình Minh", "Hợp Thành", "Đồng Tâm",
                "Tân Hòa", "Phú Mỹ", "Vĩnh Lợi", "Long Hưng", "Thành Công", "Tân Tiến")  # fmt: skip
# Syllables of Tày, Thái and Mông place names, for "bản" in the northern mountains.
BAN_FIRST = ("Nà", "Pá", "Nậm", "Huổi", "Phiêng", "Co", "Khuổi", "Lũng", "Bó", "Tà", "Sin", "Mường")
BAN_SECOND = ("Luông", "Cang", "Mu", "Hừ", "Lếch", "Sản", "Pục", "Chang", "Giàng", "Bon", "Khoang",
              "Ngòa", "Lào", "Hỏm", "Phăng", "Chải", "Pho", "Nọi")  # fmt: skip
# Ê Đê and Gia Rai village names for "buôn" / "plei" in the Central Highlands.
BUON_NAMES = ("Ea Bông", "Kô Sir", "Cuôr Đăng", "Ea Ktur", "Ky", "Tơng Jú", "Ea Tam", "Ja", "Phung",
              "Ma Rin", "Hluk", "Đrao")  # fmt: skip

HOURS = (
    "7h30–11h30, 13h30–17h00 (Thứ 2 – Thứ 6)",
    "7h00–11h30, 13h30–17h00 (Thứ 2 – Thứ 7)",
    "7h00–11h00, 13h00–17h00 (Thứ 2 – Thứ 6)",
    "Sáng 7h30–11h30, chiều 13h30–17h00 (T2–T6)",
    "7h00–19h00 hằng ngày",
    "7h30–17h00 các ngày trong tuần",
    "Giờ hành chính (Thứ 2 – Thứ 6)",
    "7h–11h30, 14h–17h30 (Thứ 2 – Chủ nhật)",
    "Sáng 7h00–11h00 (Thứ 2 – Thứ 7), chiều 13h30–16h30 (Thứ 2 – Thứ 6)",
)
HOURS_MARKET_DAY = "7h00–11h00 các ngày chợ phiên"

NOTES = (
    "Đã cấp biển hiệu năm {year}",
    "Biển hiệu cũ, đề nghị cấp lại",
    "Chưa có biển hiệu",
    "Hợp đồng đại lý số {n}/HĐ-BHXH",
    "Nhân viên thu kiêm nhiệm",
    "Thu lưu động tại nhà văn hóa các thôn",
    "NV thu đã qua tập huấn nghiệp vụ {year}",
    "Số di động là số cá nhân của NV thu, chỉ in biển hiệu",
    "Kiểm tra ngày {day}/{month}/{year}: hoạt động bình thường",
    "Đối chiếu danh sách với tổ chức dịch vụ thu",
)
