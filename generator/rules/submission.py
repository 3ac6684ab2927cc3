"""Rules on a submitted file: where it is and whether it can be read (load stage). Its header
and cells are in `table.py`."""

from __future__ import annotations

from generator.contract import columns
from generator.findings import Holds, Rule, Severity
from generator.limits import (
    EXACT_DIGITS,
    HEADER_SEARCH_ROWS,
    MAX_COLUMNS,
)

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES = [
    # --- where the file is -------------------------------------------------------------------
    Rule(
        code="path-outside-layout",
        severity=E,
        title="File nằm sai chỗ",
        description=(
            "Mỗi danh sách phải nằm ở directory_data/provinces/<tỉnh>/<YYYY-MM>.csv; tỉnh và tháng "
            "được đọc từ đường dẫn."
        ),
        fix=(
            "Chuyển file vào thư mục của tỉnh và đặt tên theo tháng, ví dụ "
            "directory_data/provinces/lai-chau/2026-11.csv."
        ),
        message=(
            "File nằm ngoài thư mục quy định: {value}. Cần đặt tại "
            "directory_data/provinces/<tỉnh>/<YYYY-MM>.csv."
        ),
        example="directory_data/diem-thu-lai-chau.csv",
        holds=Holds.FILE,
    ),
    Rule(
        code="unknown-province-folder",
        severity=E,
        title="Thư mục tỉnh không đúng",
        description=(
            "Tên thư mục tỉnh phải là một trong 34 mã tỉnh từ 01/7/2025 "
            "(ví dụ lai-chau, ho-chi-minh, dak-lak)."
        ),
        fix="Đổi tên thư mục theo danh sách tỉnh trong hướng dẫn nộp.",
        message="Thư mục “{value}” không phải tỉnh nào trong 34 tỉnh, thành phố.{hint}",
        example="directory_data/provinces/binh-duong/2026-11.csv",
        holds=Holds.FILE,
    ),
    Rule(
        code="bad-month-file-name",
        severity=E,
        title="Tên file không phải tháng hợp lệ",
        description="Tên file là tháng của danh sách theo dạng YYYY-MM, đuôi .csv (.xlsx cho sổ tính Excel).",
        fix="Đặt lại tên file, ví dụ 2026-11.csv (hoặc 2026-11.xlsx) cho tháng 11/2026.",
        message="Tên file “{value}” không phải dạng <YYYY-MM>.csv hoặc <YYYY-MM>.xlsx (ví dụ 2026-11.csv).",
        example="thang-11.csv",
        holds=Holds.FILE,
    ),
    # --- reading the file --------------------------------------------------------------------
    Rule(
        code="two-lists-one-month",
        severity=E,
        title="Hai danh sách cho cùng một tháng",
        description=(
            "Thư mục của tỉnh có hai file cho cùng một tháng (ví dụ 2026-11.csv và 2026-11.xlsx); không "
            "biết file nào là danh sách tỉnh muốn nộp, nên cả hai chưa được công bố."
        ),
        fix=(
            "Xoá file không dùng: trên GitHub mở file đó, bấm “…” (góc phải) → “Delete file”, rồi "
            "“Commit changes”."
        ),
        message="“{value}” và “{other}” là hai danh sách của cùng một tháng; hãy xoá một file.",
        example="2026-11.csv + 2026-11.xlsx",
        holds=Holds.FILE,
    ),
    Rule(
        code="file-empty",
        severity=E,
        title="File rỗng",
        description="File không có nội dung nào.",
        fix="Mở lại bảng tính và lưu bằng “CSV UTF-8 (Comma delimited)”.",
        message="File rỗng: không có dòng tiêu đề và không có dữ liệu.",
        example="(0 byte)",
        holds=Holds.FILE,
    ),
    Rule(
        code="file-is-excel-workbook",
        severity=E,
        title="Sổ tính Excel 97–2003 (.xls)",
        description=(
            "File là sổ tính dạng cũ của Excel 97–2003 (.xls). Hệ thống đọc được sổ tính .xlsx và file "
            "CSV, nhưng không đọc dạng .xls."
        ),
        fix=(
            "Mở file trong Excel, chọn File → Save As → “Excel Workbook (*.xlsx)” (đặt tên "
            "<YYYY-MM>.xlsx) hoặc “CSV UTF-8 (Comma delimited) (*.csv)”, rồi nộp file mới."
        ),
        message=(
            "Đây là sổ tính {value}. Hãy lưu lại thành .xlsx (Excel Workbook) hoặc “CSV UTF-8 (Comma "
            "delimited)” rồi nộp lại."
        ),
        example="\\xd0\\xcf\\x11\\xe0… (xls)",
        holds=Holds.FILE,
    ),
    Rule(
        code="workbook-read",
        severity=INFO,
        title="Đọc từ sổ tính Excel",
        description=(
            "Danh sách được nộp dưới dạng sổ tính Excel (.xlsx) và được đọc thẳng từ trang tính có dòng "
            "tiêu đề khớp mẫu; kiểu của từng ô (số, ngày) được dùng khi kiểm tra."
        ),
        fix="Không cần sửa.",
        message="Đã đọc trang tính “{value}” của sổ tính.",
        example="2026-11.xlsx",
    ),
    Rule(
        code="workbook-unreadable",
        severity=E,
        title="Không mở được sổ tính Excel",
        description=(
            "File có dạng sổ tính .xlsx (một file nén) nhưng không mở được: file bị hỏng, chưa tải lên "
            "hết, có mật khẩu, hoặc không phải sổ tính Excel."
        ),
        fix=(
            "Mở file trong Excel để kiểm tra, bỏ mật khẩu nếu có, lưu lại (File → Save As → Excel "
            "Workbook) rồi nộp lại."
        ),
        message="Không mở được sổ tính ({value}). Hãy mở trong Excel, lưu lại thành .xlsx rồi nộp lại.",
        example="PK\\x03\\x04… (hỏng)",
        holds=Holds.FILE,
    ),
    Rule(
        code="workbook-no-list-sheet",
        severity=E,
        title="Sổ tính không có trang danh sách điểm thu",
        description=(
            "Không trang tính nào có dòng tiêu đề giống mẫu (Mã điểm thu, Tên điểm thu, Địa chỉ, "
            f"Xã/Phường…) trong {HEADER_SEARCH_ROWS} dòng đầu."
        ),
        fix=(
            "Chép danh sách vào mẫu (directory_data/schema/mau-diem-thu.csv) giữ nguyên dòng tiêu đề, "
            "hoặc sửa dòng tiêu đề cho đúng tên cột của mẫu."
        ),
        message="Không tìm thấy dòng tiêu đề của danh sách điểm thu trong các trang tính: {value}.",
        example="Sheet1 (không có tiêu đề)",
        holds=Holds.FILE,
    ),
    Rule(
        code="workbook-number-lost-digits",
        severity=E,
        title="Số quá dài đã mất chữ số",
        description=(
            f"Ô là một số có hơn {EXACT_DIGITS} chữ số. Excel chỉ giữ {EXACT_DIGITS} chữ số nên các chữ "
            "số cuối đã thành 0 "
            "(thường hiện dạng 1,23457E+17); giá trị gốc không còn trong file."
        ),
        fix="Định dạng ô là Text (Format Cells → Text), gõ lại giá trị đầy đủ rồi lưu.",
        message="Dòng {row}, cột “{column}”: số quá dài, Excel đã làm mất các chữ số cuối: “{value}”.",
        example="123456789012345678 → 1,23457E+17",
    ),
    Rule(
        code="workbook-date-in-text",
        severity=E,
        title="Excel đã đổi nội dung ô thành ngày tháng",
        description=(
            "Ô của một cột văn bản (tên, địa chỉ, giờ làm việc…) có giá trị kiểu ngày: Excel tự đổi "
            "những gì giống ngày tháng (ví dụ “7-11”, “1/5”) thành ngày, và nội dung gõ ban đầu đã mất."
        ),
        fix="Định dạng cột là Text (Format Cells → Text) rồi gõ lại nội dung ô.",
        message=(
            "Dòng {row}, cột “{column}”: Excel đã đổi nội dung thành ngày “{value}”; hãy gõ lại ô dưới "
            "dạng văn bản."
        ),
        example="7-11 → 07/11/2026",
    ),
    Rule(
        code="file-not-text",
        severity=E,
        title="File không phải văn bản",
        description="File chứa dữ liệu nhị phân (ảnh, PDF, file hỏng…), không phải bảng CSV.",
        fix="Xuất lại danh sách từ bảng tính bằng “CSV UTF-8”.",
        message=(
            "File không đọc được như văn bản CSV (không phải UTF-8, UTF-16 hay Windows-1258; {value} ký tự "
            "điều khiển/nhị phân)."
        ),
        example="%PDF-1.7…",
        holds=Holds.FILE,
    ),
    Rule(
        code="file-damaged-utf8",
        severity=E,
        title="File UTF-8 bị hỏng",
        description=(
            "File là văn bản UTF-8 nhưng có chỗ không đọc được: file bị cắt ngang giữa một chữ (tải "
            "lên chưa xong), hoặc có đoạn dán từ nguồn dùng bảng mã khác. Chữ ở chỗ đó đã mất."
        ),
        fix="Lưu lại danh sách từ bảng tính gốc bằng “CSV UTF-8 (Comma delimited)”, hoặc nộp file .xlsx.",
        message="Dòng {line}: file hỏng (không phải UTF-8) ngay sau “{value}”.",
        example="… Sìn H\\xe1",
        holds=Holds.FILE,
    ),
    Rule(
        code="file-legacy-vietnamese-encoding",
        severity=E,
        title="Bảng mã tiếng Việt cũ (TCVN3/VNI)",
        description=(
            "Chữ Việt được gõ bằng bảng mã cũ TCVN3 (ABC) hoặc VNI nên hiện ra thành ký tự lạ "
            "(“Hµ Néi”, “Haø Noäi”)."
        ),
        fix=(
            "Chuyển bảng mã sang Unicode (Unikey: Công cụ chuyển mã, nguồn TCVN3 hoặc VNI, đích "
            "Unicode), rồi lưu “CSV UTF-8”."
        ),
        message=(
            "Dòng {row}: văn bản có vẻ gõ bằng bảng mã {encoding}: “{value}”. Hãy chuyển sang "
            "Unicode rồi lưu lại bằng “CSV UTF-8”."
        ),
        example="Hµ Néi",
        holds=Holds.FILE,
    ),
    Rule(
        code="file-unbalanced-quote",
        severity=E,
        title="Dấu ngoặc kép không đóng",
        description='Một ô mở dấu ngoặc kép (") mà không đóng, nên phần còn lại của file bị đọc lẫn.',
        fix="Mở file, tìm dòng được chỉ ra và xoá hoặc đóng dấu ngoặc kép.",
        message="Dòng {line}: dấu ngoặc kép mở ở đây không được đóng đến hết file.",
        example='"Bưu điện xã Tam Đường,0912…',
        holds=Holds.FILE,
    ),
    Rule(
        code="file-too-large",
        severity=E,
        title="File quá lớn",
        description="Một tỉnh có vài nghìn điểm thu; file lớn hơn giới hạn là file hỏng hoặc nhầm file.",
        fix="Kiểm tra lại file; chỉ để một bảng danh sách điểm thu, không có dòng/cột thừa.",
        message="File nặng {value}, vượt giới hạn {limit}.",
        example="50 MB",
        holds=Holds.FILE,
    ),
    Rule(
        code="too-many-columns",
        severity=E,
        title="Quá nhiều cột",
        description=(
            f"Mẫu danh sách có {len(columns())} cột; hơn {MAX_COLUMNS} cột là dấu hiệu file hỏng hoặc "
            "dấu phân cách sai."
        ),
        fix="Xoá các cột thừa và lưu lại bằng “CSV UTF-8”.",
        message="Dòng {row} có {value} cột, vượt giới hạn {limit} cột.",
        example=",,,,,,,,,,,,,,,,,,,,",
        holds=Holds.FILE,
    ),
    Rule(
        code="file-encoding-detected",
        severity=INFO,
        title="Đã tự nhận dạng bảng mã",
        description="File không phải UTF-8 nhưng đọc được (UTF-16 hoặc Windows-1258).",
        fix="Không cần sửa; lần sau nên lưu “CSV UTF-8” để chắc chắn.",
        message="File được đọc với bảng mã {value}.",
        example="Windows-1258",
    ),
]
