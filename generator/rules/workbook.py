"""Rules of Excel workbooks as clerks keep them: several sheets, hidden sheets and rows, formulas
(session 13, tests/test_books_s13.py). Checked in generator/load/workbook.py; an Excel error saved
in a CSV in generator/load/excel_errors.py."""

from __future__ import annotations

from generator.findings import Holds, Rule, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES = [
    Rule(
        code="workbook-several-lists",
        severity=E,
        title="Sổ tính có nhiều trang danh sách khác nhau",
        description=(
            "Nhiều trang tính (không ẩn) của sổ tính đều có dòng tiêu đề của danh sách điểm thu, với "
            "nội dung khác nhau, và tên trang không cho biết trang nào là danh sách của tháng nộp: "
            "hệ thống không đoán trang nào cần công bố."
        ),
        fix=(
            "Để lại trong sổ tính một trang danh sách (xoá hoặc ẩn các trang khác: chuột phải vào tên "
            "trang → Delete hoặc Hide), hoặc đặt tên trang của tháng nộp theo tháng, ví dụ “Tháng 11”; "
            "lưu rồi tải lên lại cùng tên."
        ),
        message=(
            "Các trang tính {value} đều là danh sách điểm thu và khác nhau; chưa biết trang nào là danh "
            "sách của tháng. Hãy để lại một trang, hoặc đặt tên trang cần nộp là “{month}”."
        ),
        example="“Tháng 10”, “Sheet2”",
        holds=Holds.FILE,
    ),
    Rule(
        code="workbook-hidden-sheet-ignored",
        severity=INFO,
        title="Trang tính ẩn không được đọc",
        description=(
            "Sổ tính có trang tính bị ẩn cũng mang dòng tiêu đề của danh sách (thường là danh sách "
            "tháng trước hoặc bản sao để riêng). Chỉ trang đang hiện được đọc."
        ),
        fix=(
            "Không cần sửa. Nếu danh sách cần nộp nằm ở trang bị ẩn, bỏ ẩn (chuột phải → Unhide) và "
            "ẩn trang kia."
        ),
        message="Trang tính ẩn “{value}” không được đọc; danh sách được đọc từ trang đang hiện.",
        example="“Tháng 10” (ẩn)",
    ),
    Rule(
        code="workbook-hidden-row",
        severity=W,
        title="Dòng bị ẩn trong Excel vẫn được công bố",
        description=(
            "Dòng bị ẩn (Hide) hoặc bị bộ lọc (Filter) che trong Excel vẫn là một dòng của danh sách và "
            "được công bố như các dòng khác. Người nộp có thể không thấy dòng này khi xem lại."
        ),
        fix=(
            "Bỏ lọc (Data → Clear) và bỏ ẩn mọi dòng (chọn cả trang, chuột phải → Unhide) để xem lại; "
            "nếu điểm thu đã ngừng, xoá hẳn dòng (chuột phải → Delete)."
        ),
        message=(
            "Dòng {row} đang bị ẩn hoặc bị lọc trong Excel nhưng vẫn được đọc và công bố; nếu điểm thu "
            "này đã ngừng, hãy xoá hẳn dòng."
        ),
        example="Dòng 7 (ẩn)",
    ),
    Rule(
        code="excel-formula-error",
        severity=E,
        title="Ô là công thức báo lỗi",
        description=(
            "Ô chứa công thức mà Excel tính ra lỗi (#REF!, #N/A, #VALUE!…), thường vì dòng, cột hoặc "
            "trang tính mà công thức dùng đã bị xoá. Nội dung thật của ô không còn trong file (khi lưu "
            "thành CSV, Excel ghi chữ báo lỗi thay cho nội dung)."
        ),
        fix=(
            "Sửa công thức, hoặc gõ lại nội dung ô; để bỏ công thức, chép ô rồi dán giá trị (Paste "
            "Special → Values)."
        ),
        message="Dòng {row}, cột “{column}”: ô là công thức báo lỗi “{value}”, không phải nội dung.",
        example="=VLOOKUP(A2;Sheet2!A:C;3;0) → #REF!",
    ),
    Rule(
        code="workbook-formula-not-calculated",
        severity=E,
        title="Công thức chưa được tính",
        description=(
            "Ô chứa công thức nhưng file không lưu kết quả của nó: file được tạo bằng một chương trình "
            "không tính công thức (Excel, LibreOffice và Google Sheets đều lưu kết quả). Ô được đọc là "
            "ô trống."
        ),
        fix="Mở file trong Excel (hoặc LibreOffice), lưu lại (File → Save) rồi tải lên lại cùng tên.",
        message=(
            "Dòng {row}, cột “{column}”: ô là công thức “{value}” nhưng file không lưu kết quả; hãy mở "
            "file trong Excel và lưu lại."
        ),
        example='="LCU-"&TEXT(ROW();"0000") (không có kết quả)',
    ),
    Rule(
        code="workbook-password",
        severity=E,
        title="Sổ tính có mật khẩu",
        description=(
            "Sổ tính được đặt mật khẩu để mở (File → Info → Protect Workbook → Encrypt with Password): "
            "nội dung được mã hoá và không ai đọc được nếu không có mật khẩu. Khoá trang tính (Protect "
            "Sheet) thì không sao."
        ),
        fix=(
            "Mở file trong Excel, chọn File → Info → Protect Workbook → Encrypt with Password, xoá "
            "mật khẩu, bấm OK, lưu lại rồi tải lên lại cùng tên."
        ),
        message="Sổ tính có mật khẩu để mở nên không đọc được; hãy bỏ mật khẩu, lưu lại rồi nộp lại.",
        example="\\xd0\\xcf\\x11\\xe0… EncryptedPackage",
        holds=Holds.FILE,
    ),
]
