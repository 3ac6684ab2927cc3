"""Rules on the commune and province columns (validate/checks/places.py): the 2025 units, with
the pre-2025 names and districts people still write read as a person would."""

from __future__ import annotations

from generator.findings import Rule, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES = [
    Rule(
        code="commune-not-found",
        severity=E,
        title="Không tìm thấy xã/phường",
        description=(
            "Tên xã/phường không có trong danh mục 3.321 đơn vị từ 01/7/2025 của tỉnh, kể cả tên cũ "
            "trước 01/7/2025 và tên trước các lần sáp nhập 2019–2024."
        ),
        fix="Sửa tên theo danh mục mới (xem gợi ý), ghi kèm “Xã”/“Phường” nếu cần.",
        message="Dòng {row}, cột “{column}”: không tìm thấy xã/phường “{value}” trong tỉnh.{hint}",
        example="Xã Tam Đừơng",
    ),
    Rule(
        code="commune-ambiguous",
        severity=E,
        title="Tên xã/phường chưa rõ",
        description=(
            "Tên này khớp với nhiều nơi khác nhau trong tỉnh (ví dụ Cẩm Giàng và Cẩm Giang khi bỏ dấu, "
            "hoặc “Phường 3” có ở nhiều quận cũ) và dòng không có gì để chọn: không đoán."
        ),
        fix=(
            "Ghi tên xã/phường mới (từ 01/7/2025), hoặc ghi quận/huyện "
            "cũ vào cột “Quận/Huyện” hay vào địa chỉ."
        ),
        message=(
            "Dòng {row}, cột “{column}”: “{value}” có thể là {candidates}. Hãy ghi rõ tên mới, "
            "hoặc ghi quận/huyện cũ."
        ),
        example="cam giang",
    ),
    Rule(
        code="commune-legacy-converted",
        severity=W,
        title="Tên xã/phường cũ đã được chuyển đổi",
        description=(
            "Tên xã/phường trước 01/7/2025 (kể cả tên trước các lần sáp nhập 2019–2024, tên không ghi "
            "“Xã”/“Phường”, phường đánh số) được chuyển sang đơn vị mới chứa địa bàn đó, dựa vào quận/"
            "huyện cũ và tỉnh cũ ghi trên dòng. Một xã cũ chia cho nhiều xã mới: theo địa chỉ hoặc toạ "
            "độ, nếu không thì theo đơn vị mặc định của danh mục chuyển đổi."
        ),
        fix="Ghi tên đơn vị mới ở lần nộp sau.",
        message="Dòng {row}, cột “{column}”: “{value}” được hiểu là {legacy}; đã chuyển thành {new}.{hint}",
        example="Phường Uyên Hưng",
    ),
    Rule(
        code="commune-district-conflict",
        severity=E,
        title="Xã/phường không khớp quận/huyện hoặc địa chỉ",
        description=(
            "Tên xã/phường chỉ có ở một nơi, nhưng quận/huyện hoặc địa chỉ ghi trên cùng dòng chỉ "
            "sang nơi khác: không đoán."
        ),
        fix="Kiểm tra lại ô Xã/Phường, cột Quận/Huyện và địa chỉ; ghi tên xã/phường mới.",
        message="Dòng {row}, cột “{column}”: “{value}” là {legacy}, nhưng {conflict}.{hint}",
        example="Xã/Phường “Khuê Trung”, Quận/Huyện “Hòa Vang”",
    ),
    Rule(
        code="commune-from-address",
        severity=W,
        title="Xã/phường lấy từ địa chỉ",
        description=(
            "Ô Xã/Phường để trống (hoặc chỉ ghi “Thị trấn”, hoặc ghi một tên không phải xã/phường) "
            "nhưng địa chỉ ghi rõ một xã/phường duy nhất (cùng quận/huyện, tỉnh)."
        ),
        fix="Ghi tên xã/phường mới vào cột Xã/Phường.",
        message="Dòng {row}, cột “{column}”: {problem}; xã/phường lấy từ địa chỉ (“{mention}”): {new}.{hint}",
        example="Xã/Phường trống, Địa chỉ “12 Lê Lợi - Phường Mỹ Long - TP Long Xuyên”",
    ),
    Rule(
        code="commune-from-district",
        severity=W,
        title="Xã/phường lấy từ quận/huyện cũ",
        description=(
            "Ô Xã/Phường để trống (hoặc ghi một tên không phải xã/phường) và địa chỉ không ghi xã/phường, "
            "nhưng toàn bộ quận/huyện cũ ghi trên dòng (ở cột Quận/Huyện hoặc trong địa chỉ) nay thuộc "
            "một xã/phường mới duy nhất, nên không có gì phải đoán."
        ),
        fix="Ghi tên xã/phường mới vào cột Xã/Phường.",
        message=(
            "Dòng {row}, cột “{column}”: {problem}; toàn bộ {district} (trước 01/7/2025) nay thuộc {new}, "
            "nên đã lấy xã/phường này."
        ),
        example="Xã/Phường trống, Quận/Huyện “Ngũ Hành Sơn” (Đà Nẵng)",
    ),
    Rule(
        code="commune-part-read",
        severity=W,
        title="Ô Xã/Phường ghi nhiều tên",
        description=(
            "Ô ghi nhiều tên nối bằng dấu gạch, dấu phẩy hoặc “/” (thường là thôn rồi đến xã: “Di Luân – "
            "Quảng Tùng”). Đọc như địa chỉ, từ đơn vị nhỏ đến lớn: tên cuối cùng là tên xã/phường được "
            "dùng; các tên không phải xã/phường được coi là thôn/xóm. Nếu các tên chỉ sang những xã/"
            "phường mới khác nhau thì dòng bị giữ lại, không đoán."
        ),
        fix="Chỉ ghi một tên xã/phường mới vào cột Xã/Phường; thôn/xóm ghi vào địa chỉ.",
        message=(
            "Dòng {row}, cột “{column}”: ô ghi nhiều tên (“{value}”); đã đọc “{part}”{understood} là "
            "xã/phường: {new}{dropped}."
        ),
        example="Di Luân – Quảng Tùng",
    ),
    Rule(
        code="province-mismatch",
        severity=E,
        title="Tỉnh không khớp thư mục",
        description=(
            "Cột Tỉnh/Thành phố, nếu có, phải là tỉnh của thư mục chứa file (tên từ 01/7/2025, hoặc "
            "tên một tỉnh cũ nay thuộc tỉnh đó)."
        ),
        fix="Sửa cột tỉnh, hoặc chuyển dòng sang danh sách của tỉnh đúng.",
        message="Dòng {row}, cột “{column}”: tỉnh “{value}” không phải {province} (thư mục của file).",
        example="Lào Cai (trong thư mục lai-chau)",
    ),
    Rule(
        code="province-legacy-name",
        severity=INFO,
        title="Tên tỉnh cũ",
        description=(
            "Cột Tỉnh/Thành phố ghi một tỉnh trước 01/7/2025 nay thuộc tỉnh của thư mục; xã/phường "
            "của dòng được hiểu theo địa giới của tỉnh cũ đó."
        ),
        fix="Không cần sửa; có thể ghi tên tỉnh mới ở lần nộp sau.",
        message=(
            "Dòng {row}, cột “{column}”: “{value}” là {old} (trước 01/7/2025), nay thuộc {province}; "
            "xã/phường của dòng được hiểu theo địa giới cũ."
        ),
        example="Bắc Giang (trong thư mục bac-ninh)",
    ),
]
