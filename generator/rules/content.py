"""Rules on text that would not read as typed (validate/checks/content.py; published columns only)."""

from __future__ import annotations

from generator.findings import Holds, Rule, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

# --- text that would not read as typed (validate/checks/content.py; published columns only) ----
# Severity: ERROR when what a citizen would see differs from what the clerk can see in the
# spreadsheet (hidden or reversed text, lost letters); WARNING when the text is only shown oddly.
RULES = [
    Rule(
        code="invisible-characters",
        severity=E,
        title="Có ký tự vô hình hoặc ký tự đảo chiều chữ",
        description=(
            "Ô có ký tự không nhìn thấy được: ký tự đảo chiều chữ (bidi, ví dụ U+202E), khoảng trắng "
            "độ rộng 0 (U+200B), dấu BOM giữa ô, gạch nối mềm. Chúng làm chữ hiện khác với nội dung "
            "thật (số điện thoại, địa chỉ bị đảo ngược), làm tìm kiếm và nút gọi không hoạt động, và "
            "không thể thấy để sửa. Tiếng Việt không cần ký tự nào trong số này."
        ),
        fix="Xoá ô và gõ lại nội dung (không dán từ trang web hay tin nhắn).",
        message="Dòng {row}, cột “{column}”: có ký tự vô hình {char} ({name}): “{value}”.",
        example="Bưu điện\\u202e xã Bình Lư",
    ),
    Rule(
        code="replacement-character",
        severity=E,
        title="Có ký tự bị hỏng (�)",
        description=(
            "Ô có ký tự thay thế “�”: một chữ đã bị mất khi file được chuyển đổi bảng mã trước đó, "
            "nên tên hoặc địa chỉ sẽ bị in sai."
        ),
        fix="Mở file gốc, gõ lại chữ bị hỏng rồi lưu bằng “CSV UTF-8”.",
        message="Dòng {row}, cột “{column}”: có ký tự bị hỏng “�”: “{value}”.",
        example="Bưu đi�n xã Bình Lư",
    ),
    Rule(
        code="html-entity",
        severity=W,
        title="Có mã ký tự HTML",
        description=(
            "Ô có mã ký tự HTML như &amp; hay &lt; (thường do sao chép từ trang web). Trang công bố "
            "luôn hiện nguyên văn nội dung ô, nên người dân sẽ thấy “&amp;” thay vì “&”."
        ),
        fix="Thay mã bằng ký tự thật: &amp; → &, &lt; → <, &nbsp; → dấu cách.",
        message=(
            "Dòng {row}, cột “{column}”: có mã ký tự HTML “{entity}”, trang sẽ hiện nguyên văn: “{value}”."
        ),
        example="Bưu điện &amp; Viễn thông",
    ),
    # --- repaired or held before the checks (validate/clean.py) ---------------------------------
    Rule(
        code="invisible-characters-removed",
        severity=W,
        title="Đã xoá ký tự vô hình",
        description=(
            "Ô có ký tự không nhìn thấy (dấu định hướng U+200E trước số điện thoại, khoảng trắng độ "
            "rộng 0, gạch nối mềm giữa từ, BOM), thường do dán từ trang web, Word hay tin nhắn. Chúng "
            "không mang nghĩa gì nên đã được xoá; nội dung công bố là phần còn lại."
        ),
        fix="Không bắt buộc sửa. Lần sau hãy gõ lại ô thay vì dán, hoặc dán bằng “Chỉ giữ văn bản”.",
        message="Dòng {row}, cột “{column}”: đã xoá ký tự vô hình ({chars}): “{value}”.",
        example="[U+200E]0213 3876 543",
    ),
    Rule(
        code="odd-spacing-replaced",
        severity=W,
        title="Đã thay dấu tab hoặc khoảng trắng lạ",
        description=(
            "Ô có dấu tab, ký tự xuống dòng Unicode (U+2028, U+0085) hoặc khoảng trắng đặc biệt; "
            "chúng được thay bằng một dấu cách."
        ),
        fix="Không bắt buộc sửa; lần sau xoá dấu tab hoặc khoảng trắng thừa trong ô.",
        message="Dòng {row}, cột “{column}”: đã thay {chars} bằng dấu cách: “{value}”.",
        example="TT Năm Căn[U+0009]",
    ),
    Rule(
        code="mojibake-repaired",
        severity=W,
        title="Đã sửa chữ bị lỗi bảng mã",
        description=(
            "Chữ trong ô là văn bản UTF-8 từng bị mở nhầm bằng bảng mã Windows-1252 rồi lưu lại "
            "(“Äiá»ƒm” thay vì “Điểm”). Nội dung gốc khôi phục được chắc chắn nên đã được sửa (thư "
            "viện ftfy)."
        ),
        fix=(
            "Kiểm tra chữ đã sửa trong báo cáo; lần sau mở file CSV bằng Data → From Text/CSV, "
            "chọn “65001: Unicode (UTF-8)”."
        ),
        message="Dòng {row}, cột “{column}”: chữ bị lỗi bảng mã “{value}” đã được sửa thành “{fixed}”.",
        example="Äiá»ƒm thu xÃ£ BÃ¬nh LÆ°",
    ),
    Rule(
        code="unpublishable-character",
        severity=E,
        title="Có ký tự không thể công bố",
        description=(
            "Ô có ký tự không phải chữ viết: ký tự dùng riêng (private use), mã chưa được Unicode gán, "
            "nửa cặp surrogate, “noncharacter” (U+FFFE, U+10FFFF) hoặc ký tự điều khiển C1. Chúng hiện "
            "thành ô vuông hoặc làm hỏng trang, file dữ liệu mở và bảng in."
        ),
        fix="Xoá ô và gõ lại nội dung bằng bộ gõ tiếng Việt (Unikey, bảng mã Unicode).",
        message="Dòng {row}, cột “{column}”: có ký tự không thể công bố ({chars}): “{value}”.",
        example="Bưu điện[U+E000] Bình Lư",
    ),
    Rule(
        code="letters-replaced-by-question-mark",
        severity=E,
        title="Chữ bị thay bằng dấu “?”",
        description=(
            "Trong ô có dấu “?” đứng liền chữ cái (“Bu?u ?i?n”): chữ tiếng Việt đã bị mất khi file "
            "được lưu bằng một bảng mã không có chữ đó, ví dụ “CSV (Comma delimited)” của Excel. "
            "Không thể khôi phục từ file này."
        ),
        fix=(
            "Gõ lại ô trong bảng tính gốc (.xlsx) rồi lưu bằng “CSV UTF-8 (Comma delimited)”, hoặc "
            "nộp thẳng file .xlsx."
        ),
        message="Dòng {row}, cột “{column}”: chữ bị thay bằng “?”: “{value}”.",
        example="Bu?u ?i?n xã Bình Lư",
    ),
    Rule(
        code="file-lossy-save",
        severity=E,
        title="File đã mất chữ tiếng Việt khi lưu (dấu “?”)",
        description=(
            "Nhiều chữ tiếng Việt trong file đã thành dấu “?” (“Bu?u ?i?n”, “M? ?i?m thu”). Đó là "
            "việc Excel làm khi lưu bằng “CSV (Comma delimited)”: bảng mã Windows của máy không có "
            "các chữ đó nên Excel thay bằng “?”, và chữ gốc không còn trong file. Sửa tiêu đề hay từng "
            "ô cũng không khôi phục được, nên cả file được giữ lại."
        ),
        fix=(
            "Mở lại bảng tính gốc (.xlsx) trong Excel và chọn File → Save As → “CSV UTF-8 (Comma "
            "delimited) (*.csv)” (Excel 2016 trở lên); với Excel 2010/2013 hãy nộp thẳng file .xlsx "
            "(đặt tên <YYYY-MM>.xlsx). Không mở rồi lưu lại file .csv hỏng này."
        ),
        message=(
            "Dòng {row}: chữ tiếng Việt đã thành “?” ({count} chỗ trong file), ví dụ “{value}”. File "
            "được lưu bằng “CSV (Comma delimited)” của Excel; hãy lưu lại từ file .xlsx gốc bằng "
            "“CSV UTF-8” hoặc nộp file .xlsx."
        ),
        example="M? ?i?m thu,T?n ??i l? thu,…",
        holds=Holds.FILE,
    ),
]
