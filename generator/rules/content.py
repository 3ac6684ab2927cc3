"""Rules on text that would not read as typed (validate/checks/content.py; published columns only)."""

from __future__ import annotations

from generator.findings import Rule, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

# --- text that would not read as typed (validate/checks/content.py; published columns only) ----
# Severity: ERROR when what a citizen would see differs from what the clerk can see in the
# spreadsheet (hidden or reversed text, lost letters); WARNING when the text is only shown oddly.
RULES = [
    Rule(
        "invisible-characters",
        E,
        "Có ký tự vô hình hoặc ký tự đảo chiều chữ",
        "Ô có ký tự không nhìn thấy được: ký tự đảo chiều chữ (bidi, ví dụ U+202E), khoảng trắng "
        "độ rộng 0 (U+200B), dấu BOM giữa ô, gạch nối mềm. Chúng làm chữ hiện khác với nội dung "
        "thật (số điện thoại, địa chỉ bị đảo ngược), làm tìm kiếm và nút gọi không hoạt động, và "
        "không thể thấy để sửa. Tiếng Việt không cần ký tự nào trong số này.",
        "Xoá ô và gõ lại nội dung (không dán từ trang web hay tin nhắn).",
        "Dòng {row}, cột “{column}”: có ký tự vô hình {char} ({name}): “{value}”.",
        "Bưu điện\\u200b xã Bình Lư",
    ),
    Rule(
        "replacement-character",
        E,
        "Có ký tự bị hỏng (�)",
        "Ô có ký tự thay thế “�”: một chữ đã bị mất khi file được chuyển đổi bảng mã trước đó, "
        "nên tên hoặc địa chỉ sẽ bị in sai.",
        "Mở file gốc, gõ lại chữ bị hỏng rồi lưu bằng “CSV UTF-8”.",
        "Dòng {row}, cột “{column}”: có ký tự bị hỏng “�”: “{value}”.",
        "Bưu đi�n xã Bình Lư",
    ),
    Rule(
        "html-entity",
        W,
        "Có mã ký tự HTML",
        "Ô có mã ký tự HTML như &amp; hay &lt; (thường do sao chép từ trang web). Trang công bố "
        "luôn hiện nguyên văn nội dung ô, nên người dân sẽ thấy “&amp;” thay vì “&”.",
        "Thay mã bằng ký tự thật: &amp; → &, &lt; → <, &nbsp; → dấu cách.",
        "Dòng {row}, cột “{column}”: có mã ký tự HTML “{entity}”, trang sẽ hiện nguyên văn: “{value}”.",
        "Bưu điện &amp; Viễn thông",
    ),
]
