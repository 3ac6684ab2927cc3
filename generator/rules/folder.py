"""Rules on what else a province folder holds: entries that are not plain files, the side files
beside the lists, and columns with data but no heading (load and validate stages)."""

from __future__ import annotations

from generator.findings import Holds, Rule, Severity
from generator.limits import FIRST_YEAR, LAST_YEAR, YAML_MAX_BYTES

E = Severity.ERROR

RULES = [
    Rule(
        code="not-regular-file",
        severity=E,
        title="Không phải file thường",
        description=(
            "Trong directory_data/ chỉ có thư mục và file thường. Liên kết tượng trưng (symlink), "
            "thiết bị, ống dẫn… không bao giờ được đọc hay đi theo, vì chúng có thể trỏ sang dữ liệu "
            "của tỉnh khác hoặc file của máy chạy kiểm tra."
        ),
        fix="Xoá mục này và tải lên chính file danh sách (bản sao thật, không phải liên kết).",
        message="“{value}” là {kind}, không phải file thường; không được đọc.",
        example="lai-chau/2026-12.csv → ../ha-noi/2026-11.csv",
        holds=Holds.FILE,
    ),
    Rule(
        code="side-file-invalid",
        severity=E,
        title="File kèm theo không hợp lệ",
        description=(
            "File kèm theo danh sách (ho-tro-dia-phuong.yaml, <YYYY-MM>.yaml) phải đúng mẫu: đúng các "
            f"khóa, đúng kiểu, chữ một dòng và không quá dài, ngày trong các năm {FIRST_YEAR}–{LAST_YEAR}, "
            "liên kết chỉ https:, không dùng tham chiếu hay thẻ YAML, không quá "
            f"{YAML_MAX_BYTES // 1024} KB. Khi file hỏng, tờ rơi "
            "của tỉnh dùng bản toàn quốc cho đến khi file được sửa."
        ),
        fix="Sửa file theo thông báo (mẫu trong hướng dẫn nộp) rồi tải lên lại.",
        message="{value}: {problem}",
        example="den: 9999-12-31",
        holds=Holds.FILE,
    ),
    Rule(
        code="blank-header-with-data",
        severity=E,
        title="Cột có dữ liệu nhưng không có tiêu đề",
        description=(
            "Một cột có dữ liệu mà ô tiêu đề để trống, nên không biết đó là cột nào; dữ liệu của nó sẽ "
            "bị mất nếu bỏ qua."
        ),
        fix="Ghi tiêu đề cho cột theo mẫu (ví dụ “Giờ làm việc”), hoặc xoá cột nếu không cần.",
        message="Cột thứ {value} không có tiêu đề nhưng có dữ liệu ở {count} dòng (dòng đầu tiên: {first}).",
        example="(ô tiêu đề trống) | 7:00–17:00",
    ),
]
