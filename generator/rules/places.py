"""Rules on the commune and province columns (validate/checks/places.py): the 2025 units, with
the pre-2025 names and districts people still write read as a person would."""

from __future__ import annotations

from generator.findings import Rule, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES = [
    Rule(
        "commune-not-found",
        E,
        "Không tìm thấy xã/phường",
        "Tên xã/phường không có trong danh mục 3.321 đơn vị từ 01/7/2025 của tỉnh, kể cả tên cũ "
        "trước 01/7/2025 và tên trước các lần sáp nhập 2019–2024.",
        "Sửa tên theo danh mục mới (xem gợi ý), ghi kèm “Xã”/“Phường” nếu cần.",
        "Dòng {row}, cột “{column}”: không tìm thấy xã/phường “{value}” trong tỉnh.{hint}",
        "Xã Tam Đừơng",
    ),
    Rule(
        "commune-ambiguous",
        E,
        "Tên xã/phường chưa rõ",
        "Tên này khớp với nhiều nơi khác nhau trong tỉnh (ví dụ Cẩm Giàng và Cẩm Giang khi bỏ dấu, "
        "hoặc “Phường 3” có ở nhiều quận cũ) và dòng không có gì để chọn: không đoán.",
        "Ghi tên xã/phường mới (từ 01/7/2025), hoặc ghi quận/huyện cũ vào cột “Quận/Huyện” hay vào địa chỉ.",
        "Dòng {row}, cột “{column}”: “{value}” có thể là {candidates}. Hãy ghi rõ tên mới, "
        "hoặc ghi quận/huyện cũ.",
        "cam giang",
    ),
    Rule(
        "commune-legacy-converted",
        W,
        "Tên xã/phường cũ đã được chuyển đổi",
        "Tên xã/phường trước 01/7/2025 (kể cả tên trước các lần sáp nhập 2019–2024, tên không ghi "
        "“Xã”/“Phường”, phường đánh số) được chuyển sang đơn vị mới chứa địa bàn đó, dựa vào quận/"
        "huyện cũ và tỉnh cũ ghi trên dòng. Một xã cũ chia cho nhiều xã mới: theo địa chỉ hoặc toạ "
        "độ, nếu không thì theo đơn vị mặc định của danh mục chuyển đổi.",
        "Ghi tên đơn vị mới ở lần nộp sau.",
        "Dòng {row}, cột “{column}”: “{value}” được hiểu là {legacy}; đã chuyển thành {new}.{hint}",
        "Phường Uyên Hưng",
    ),
    Rule(
        "commune-district-conflict",
        E,
        "Xã/phường không khớp quận/huyện hoặc địa chỉ",
        "Tên xã/phường chỉ có ở một nơi, nhưng quận/huyện hoặc địa chỉ ghi trên cùng dòng chỉ "
        "sang nơi khác: không đoán.",
        "Kiểm tra lại ô Xã/Phường, cột Quận/Huyện và địa chỉ; ghi tên xã/phường mới.",
        "Dòng {row}, cột “{column}”: “{value}” là {legacy}, nhưng {conflict}. Hãy kiểm tra lại.",
        "Xã/Phường “Khuê Trung”, Quận/Huyện “Hòa Vang”",
    ),
    Rule(
        "commune-from-address",
        W,
        "Xã/phường lấy từ địa chỉ",
        "Ô Xã/Phường để trống (hoặc chỉ ghi “Thị trấn”, hoặc ghi một tên không phải xã/phường) "
        "nhưng địa chỉ ghi rõ một xã/phường duy nhất (cùng quận/huyện, tỉnh).",
        "Ghi tên xã/phường mới vào cột Xã/Phường.",
        "Dòng {row}, cột “{column}”: {problem}; xã/phường lấy từ địa chỉ (“{mention}”): {new}.{hint}",
        "Xã/Phường trống, Địa chỉ “12 Lê Lợi - Phường Mỹ Long - TP Long Xuyên”",
    ),
    Rule(
        "province-mismatch",
        E,
        "Tỉnh không khớp thư mục",
        "Cột Tỉnh/Thành phố, nếu có, phải là tỉnh của thư mục chứa file (tên từ 01/7/2025, hoặc "
        "tên một tỉnh cũ nay thuộc tỉnh đó).",
        "Sửa cột tỉnh, hoặc chuyển dòng sang danh sách của tỉnh đúng.",
        "Dòng {row}, cột “{column}”: tỉnh “{value}” không phải {province} (thư mục của file).",
        "Lào Cai (trong thư mục lai-chau)",
    ),
    Rule(
        "province-legacy-name",
        INFO,
        "Tên tỉnh cũ",
        "Cột Tỉnh/Thành phố ghi một tỉnh trước 01/7/2025 nay thuộc tỉnh của thư mục; xã/phường "
        "của dòng được hiểu theo địa giới của tỉnh cũ đó.",
        "Không cần sửa; có thể ghi tên tỉnh mới ở lần nộp sau.",
        "Dòng {row}, cột “{column}”: “{value}” là {old} (trước 01/7/2025), nay thuộc {province}; "
        "xã/phường của dòng được hiểu theo địa giới cũ.",
        "Bắc Giang (trong thư mục bac-ninh)",
    ),
]
