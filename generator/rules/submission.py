"""Rules on a submitted file: where it is, whether it can be read, its columns and every cell
(validate stage)."""

from __future__ import annotations

from generator.findings import Holds, Rule, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES = [
    # --- where the file is -------------------------------------------------------------------
    Rule(
        "path-outside-layout",
        E,
        "File nằm sai chỗ",
        "Mỗi danh sách phải nằm ở directory_data/provinces/<tỉnh>/<YYYY-MM>.csv; tỉnh và tháng "
        "được đọc từ đường dẫn.",
        "Chuyển file vào thư mục của tỉnh và đặt tên theo tháng, ví dụ "
        "directory_data/provinces/lai-chau/2026-11.csv.",
        "File nằm ngoài thư mục quy định: {value}. Cần đặt tại "
        "directory_data/provinces/<tỉnh>/<YYYY-MM>.csv.",
        "directory_data/diem-thu-lai-chau.csv",
        holds=Holds.FILE,
    ),
    Rule(
        "unknown-province-folder",
        E,
        "Thư mục tỉnh không đúng",
        "Tên thư mục tỉnh phải là một trong 34 mã tỉnh từ 01/7/2025 (ví dụ lai-chau, ho-chi-minh, dak-lak).",
        "Đổi tên thư mục theo danh sách tỉnh trong hướng dẫn nộp.",
        "Thư mục “{value}” không phải tỉnh nào trong 34 tỉnh, thành phố.{hint}",
        "directory_data/provinces/binh-duong/2026-11.csv",
        holds=Holds.FILE,
    ),
    Rule(
        "bad-month-file-name",
        E,
        "Tên file không phải tháng hợp lệ",
        "Tên file là tháng của danh sách theo dạng YYYY-MM, đuôi .csv.",
        "Đặt lại tên file, ví dụ 2026-11.csv cho tháng 11/2026.",
        "Tên file “{value}” không phải dạng <YYYY-MM>.csv (ví dụ 2026-11.csv).",
        "thang-11.csv",
        holds=Holds.FILE,
    ),
    # --- reading the file --------------------------------------------------------------------
    Rule(
        "two-lists-one-month",
        E,
        "Hai danh sách cho cùng một tháng",
        "Thư mục của tỉnh có hai file cho cùng một tháng (ví dụ 2026-11.csv và 2026-11.xlsx); không "
        "biết file nào là danh sách tỉnh muốn nộp, nên cả hai chưa được công bố.",
        "Xoá file không dùng: trên GitHub mở file đó, bấm “…” (góc phải) → “Delete file”, rồi "
        "“Commit changes”.",
        "“{value}” và “{other}” là hai danh sách của cùng một tháng; hãy xoá một file.",
        "2026-11.csv + 2026-11.xlsx",
        holds=Holds.FILE,
    ),
    Rule(
        "file-empty",
        E,
        "File rỗng",
        "File không có nội dung nào.",
        "Mở lại bảng tính và lưu bằng “CSV UTF-8 (Comma delimited)”.",
        "File rỗng: không có dòng tiêu đề và không có dữ liệu.",
        "(0 byte)",
        holds=Holds.FILE,
    ),
    Rule(
        "file-is-excel-workbook",
        E,
        "Sổ tính Excel 97–2003 (.xls)",
        "File là sổ tính dạng cũ của Excel 97–2003 (.xls). Hệ thống đọc được sổ tính .xlsx và file "
        "CSV, nhưng không đọc dạng .xls.",
        "Mở file trong Excel, chọn File → Save As → “Excel Workbook (*.xlsx)” (đặt tên "
        "<YYYY-MM>.xlsx) hoặc “CSV UTF-8 (Comma delimited) (*.csv)”, rồi nộp file mới.",
        "Đây là sổ tính {value}. Hãy lưu lại thành .xlsx (Excel Workbook) hoặc “CSV UTF-8 (Comma "
        "delimited)” rồi nộp lại.",
        "\\xd0\\xcf\\x11\\xe0… (xls)",
        holds=Holds.FILE,
    ),
    Rule(
        "workbook-read",
        INFO,
        "Đọc từ sổ tính Excel",
        "Danh sách được nộp dưới dạng sổ tính Excel (.xlsx) và được đọc thẳng từ trang tính có dòng "
        "tiêu đề khớp mẫu; kiểu của từng ô (số, ngày) được dùng khi kiểm tra.",
        "Không cần sửa.",
        "Đã đọc trang tính “{value}” của sổ tính.",
        "2026-11.xlsx",
    ),
    Rule(
        "workbook-unreadable",
        E,
        "Không mở được sổ tính Excel",
        "File có dạng sổ tính .xlsx (một file nén) nhưng không mở được: file bị hỏng, chưa tải lên "
        "hết, có mật khẩu, hoặc không phải sổ tính Excel.",
        "Mở file trong Excel để kiểm tra, bỏ mật khẩu nếu có, lưu lại (File → Save As → Excel "
        "Workbook) rồi nộp lại.",
        "Không mở được sổ tính ({value}). Hãy mở trong Excel, lưu lại thành .xlsx rồi nộp lại.",
        "PK\\x03\\x04… (hỏng)",
        holds=Holds.FILE,
    ),
    Rule(
        "workbook-no-list-sheet",
        E,
        "Sổ tính không có trang danh sách điểm thu",
        "Không trang tính nào có dòng tiêu đề giống mẫu (Mã điểm thu, Tên điểm thu, Địa chỉ, "
        "Xã/Phường…) trong 20 dòng đầu.",
        "Chép danh sách vào mẫu (directory_data/schema/mau-diem-thu.csv) giữ nguyên dòng tiêu đề, "
        "hoặc sửa dòng tiêu đề cho đúng tên cột của mẫu.",
        "Không tìm thấy dòng tiêu đề của danh sách điểm thu trong các trang tính: {value}.",
        "Sheet1 (không có tiêu đề)",
        holds=Holds.FILE,
    ),
    Rule(
        "workbook-number-lost-digits",
        E,
        "Số quá dài đã mất chữ số",
        "Ô là một số có hơn 15 chữ số. Excel chỉ giữ 15 chữ số nên các chữ số cuối đã thành 0 "
        "(thường hiện dạng 1,23457E+17); giá trị gốc không còn trong file.",
        "Định dạng ô là Text (Format Cells → Text), gõ lại giá trị đầy đủ rồi lưu.",
        "Dòng {row}, cột “{column}”: số quá dài, Excel đã làm mất các chữ số cuối: “{value}”.",
        "123456789012345678 → 1,23457E+17",
    ),
    Rule(
        "workbook-date-in-text",
        E,
        "Excel đã đổi nội dung ô thành ngày tháng",
        "Ô của một cột văn bản (tên, địa chỉ, giờ làm việc…) có giá trị kiểu ngày: Excel tự đổi "
        "những gì giống ngày tháng (ví dụ “7-11”, “1/5”) thành ngày, và nội dung gõ ban đầu đã mất.",
        "Định dạng cột là Text (Format Cells → Text) rồi gõ lại nội dung ô.",
        "Dòng {row}, cột “{column}”: Excel đã đổi nội dung thành ngày “{value}”; hãy gõ lại ô dưới "
        "dạng văn bản.",
        "7-11 → 07/11/2026",
    ),
    Rule(
        "file-not-text",
        E,
        "File không phải văn bản",
        "File chứa dữ liệu nhị phân (ảnh, PDF, file hỏng…), không phải bảng CSV.",
        "Xuất lại danh sách từ bảng tính bằng “CSV UTF-8”.",
        "File không đọc được như văn bản CSV (không phải UTF-8, UTF-16 hay Windows-1258; {value} ký tự "
        "điều khiển/nhị phân).",
        "%PDF-1.7…",
        holds=Holds.FILE,
    ),
    Rule(
        "file-legacy-vietnamese-encoding",
        E,
        "Bảng mã tiếng Việt cũ (TCVN3/VNI)",
        "Chữ Việt được gõ bằng bảng mã cũ TCVN3 (ABC) hoặc VNI nên hiện ra thành ký tự lạ "
        "(“Hµ Néi”, “Haø Noäi”).",
        "Chuyển bảng mã sang Unicode (Unikey: Công cụ chuyển mã, nguồn TCVN3 hoặc VNI, đích "
        "Unicode), rồi lưu “CSV UTF-8”.",
        "Dòng {row}: văn bản có vẻ gõ bằng bảng mã {encoding}: “{value}”. Hãy chuyển sang "
        "Unicode rồi lưu lại bằng “CSV UTF-8”.",
        "Hµ Néi",
        holds=Holds.FILE,
    ),
    Rule(
        "file-unbalanced-quote",
        E,
        "Dấu ngoặc kép không đóng",
        'Một ô mở dấu ngoặc kép (") mà không đóng, nên phần còn lại của file bị đọc lẫn.',
        "Mở file, tìm dòng được chỉ ra và xoá hoặc đóng dấu ngoặc kép.",
        "Dòng {line}: dấu ngoặc kép mở ở đây không được đóng đến hết file.",
        '"Bưu điện xã Tam Đường,0912…',
        holds=Holds.FILE,
    ),
    Rule(
        "file-too-large",
        E,
        "File quá lớn",
        "Một tỉnh có vài nghìn điểm thu; file lớn hơn giới hạn là file hỏng hoặc nhầm file.",
        "Kiểm tra lại file; chỉ để một bảng danh sách điểm thu, không có dòng/cột thừa.",
        "File nặng {value}, vượt giới hạn {limit}.",
        "50 MB",
        holds=Holds.FILE,
    ),
    Rule(
        "too-many-columns",
        E,
        "Quá nhiều cột",
        "Danh sách có 13 cột; hàng trăm cột là dấu hiệu file hỏng hoặc dấu phân cách sai.",
        "Xoá các cột thừa và lưu lại bằng “CSV UTF-8”.",
        "Dòng {row} có {value} cột, vượt giới hạn {limit} cột.",
        ",,,,,,,,,,,,,,,,,,,,",
        holds=Holds.FILE,
    ),
    Rule(
        "file-encoding-detected",
        INFO,
        "Đã tự nhận dạng bảng mã",
        "File không phải UTF-8 nhưng đọc được (UTF-16 hoặc Windows-1258).",
        "Không cần sửa; lần sau nên lưu “CSV UTF-8” để chắc chắn.",
        "File được đọc với bảng mã {value}.",
        "Windows-1258",
    ),
    # --- header ------------------------------------------------------------------------------
    Rule(
        "no-data-rows",
        E,
        "Không có dòng dữ liệu",
        "File chỉ có dòng tiêu đề. Một tỉnh không thể không có điểm thu nào.",
        "Kiểm tra lại file xuất từ bảng tính.",
        "File chỉ có dòng tiêu đề, không có điểm thu nào.",
        "Mã điểm thu,Tên đại lý thu,…",
        holds=Holds.FILE,
    ),
    Rule(
        "most-rows-held",
        E,
        "Phần lớn các dòng có lỗi",
        "Khi quá nửa số dòng có lỗi, file thường bị lệch cột, nhầm file hoặc xuất sai từ bảng tính; "
        "công bố phần còn lại sẽ làm danh sách của tỉnh thiếu đi phần lớn điểm thu, nên cả file "
        "được giữ lại.",
        "Sửa các lỗi theo từng dòng trong báo cáo (thường là một lỗi chung cho cả cột) rồi nộp lại.",
        "{value} dòng có lỗi, quá {limit} số dòng của file: cả file được giữ lại, danh sách đã công "
        "bố trước đó của tỉnh giữ nguyên.",
        "60/100 dòng có lỗi",
        holds=Holds.FILE,
    ),
    Rule(
        "missing-required-column",
        E,
        "Thiếu cột bắt buộc",
        "Các cột Mã điểm thu, Tên đại lý thu, Tên điểm thu, Địa chỉ, Xã/Phường là bắt buộc, và cần "
        "ít nhất một trong hai cột điện thoại.",
        "Thêm cột còn thiếu (dùng file mẫu để có đúng tiêu đề).",
        "Thiếu cột “{column}”.",
        "(không có cột Xã/Phường)",
        holds=Holds.FILE,
    ),
    Rule(
        "duplicate-column",
        E,
        "Cột bị lặp",
        "Hai cột có cùng tiêu đề (sau khi bỏ dấu và khoảng trắng), không biết dùng cột nào.",
        "Xoá một trong hai cột.",
        "Cột “{column}” xuất hiện hai lần: “{value}”.",
        "Địa chỉ | Dia chi",
        holds=Holds.FILE,
    ),
    Rule(
        "unknown-column",
        W,
        "Cột không có trong mẫu",
        "Cột này không thuộc mẫu danh sách nên bị bỏ qua và không bao giờ được công bố.",
        "Xoá cột, hoặc đổi tiêu đề cho đúng mẫu nếu gõ sai.",
        "Cột “{value}” không có trong mẫu nên bị bỏ qua (không công bố).{hint}",
        "Số CCCD nhân viên",
    ),
    # --- cells -------------------------------------------------------------------------------
    Rule(
        "required-cell-empty",
        E,
        "Ô bắt buộc bị trống",
        "Mỗi điểm thu cần mã, tên đại lý thu, tên điểm thu, địa chỉ và xã/phường.",
        "Điền giá trị vào ô được chỉ ra.",
        "Dòng {row}: ô “{column}” bị trống.{hint}",
        "(ô trống)",
    ),
    Rule(
        "value-too-long",
        E,
        "Nội dung quá dài",
        "Nội dung dài bất thường không in được lên biển hiệu và thường là dán nhầm.",
        "Rút gọn nội dung ô.",
        "Dòng {row}, cột “{column}”: dài {length} ký tự, tối đa {limit}.",
        "(500 ký tự)",
    ),
    Rule(
        "unsafe-markup",
        E,
        "Có mã HTML hoặc liên kết nguy hiểm",
        "Thẻ HTML, mã script hay liên kết javascript: không bao giờ được đưa lên trang công khai.",
        "Xoá phần mã khỏi ô; chỉ ghi chữ thường.",
        "Dòng {row}, cột “{column}”: có mã không được phép ({what}): “{value}”.",
        "<script>alert(1)</script>",
    ),
    Rule(
        "spreadsheet-formula",
        E,
        "Có công thức bảng tính",
        "Ô bắt đầu bằng =, +, - hoặc @ sẽ thành công thức khi người khác mở bằng Excel.",
        "Xoá ký tự đầu hoặc ghi lại nội dung bằng chữ.",
        "Dòng {row}, cột “{column}”: bắt đầu bằng “{char}” nên sẽ bị Excel coi là công thức: “{value}”.",
        '=HYPERLINK("http://…")',
    ),
    Rule(
        "control-characters",
        E,
        "Có ký tự điều khiển",
        "Ký tự vô hình (điều khiển) làm hỏng hiển thị và in ấn.",
        "Gõ lại nội dung ô.",
        "Dòng {row}, cột “{column}”: có ký tự điều khiển không in được.",
        "Bưu\\x07điện",
    ),
    Rule(
        "duplicate-code",
        E,
        "Mã điểm thu bị trùng",
        "Mã điểm thu phải duy nhất trong tỉnh để theo dõi điểm thu qua các tháng.",
        "Đặt mã khác cho một trong hai điểm, hoặc xoá dòng lặp.",
        "Dòng {row}: mã “{value}” đã dùng ở dòng {first_row}.",
        "LCU-0001 (hai lần)",
    ),
    Rule(
        "duplicate-point",
        W,
        "Một điểm thu ghi hai lần với hai mã",
        "Hai dòng có cùng tên điểm thu, địa chỉ và xã nhưng khác mã: có thể là một điểm bị nhập hai lần.",
        "Xoá dòng thừa, hoặc sửa tên/địa chỉ nếu đó là hai điểm khác nhau.",
        "Dòng {row}: trùng tên, địa chỉ và xã với dòng {first_row} (mã {other_code}).",
        "LCU-0001 và LCU-0107: Bưu điện xã Bình Lư",
    ),
    Rule(
        "coordinates-invalid",
        E,
        "Toạ độ không đọc được",
        "Vĩ độ và kinh độ là số thập phân (dấu chấm hoặc phẩy), ghi cả hai hoặc bỏ trống cả hai.",
        "Ghi lại dạng 22,3964 và 103,4582, hoặc xoá cả hai ô.",
        "Dòng {row}, cột “{column}”: “{value}” không phải toạ độ.{hint}",
        "22°23'N",
    ),
    Rule(
        "coordinates-outside-vietnam",
        E,
        "Toạ độ ngoài Việt Nam",
        "Toạ độ nằm ngoài lãnh thổ Việt Nam.",
        "Lấy lại toạ độ từ bản đồ (nhấn giữ vị trí trên Google Maps hoặc OpenStreetMap).",
        "Dòng {row}: toạ độ ({lat}, {lon}) nằm ngoài Việt Nam.",
        "48,85 ; 2,35",
    ),
    Rule(
        "coordinates-swapped",
        E,
        "Vĩ độ và kinh độ bị đảo",
        "Vĩ độ (khoảng 8–23) và kinh độ (khoảng 102–117) bị ghi ngược cột.",
        "Đổi chỗ hai giá trị giữa cột Vĩ độ và Kinh độ.",
        "Dòng {row}: vĩ độ và kinh độ bị đảo: vĩ độ {lat}, kinh độ {lon}. Hãy đổi chỗ hai ô.",
        "Vĩ độ 103,4582 ; Kinh độ 22,3964",
    ),
    Rule(
        "coordinates-far-from-commune",
        W,
        "Toạ độ xa xã/phường đã ghi",
        "Toạ độ cách trung tâm xã/phường đã ghi xa hơn nhiều so với kích thước của xã.",
        "Kiểm tra lại toạ độ hoặc tên xã/phường.",
        "Dòng {row}: toạ độ cách trung tâm {commune} {distance} km.",
        "điểm ở Hà Nội ghi xã của Lai Châu",
    ),
]
