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
        "Dòng {row}: ô “{column}” bị trống.",
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
        "no-phone",
        W,
        "Không có số điện thoại",
        "Điểm thu vẫn được công bố, nhưng người dân không gọi được và biển hiệu in không có số "
        "(bản in biển hiệu đánh dấu “thiếu số điện thoại”).",
        "Điền số điện thoại cố định của điểm thu hoặc số di động của nhân viên thu.",
        "Dòng {row}: không có số điện thoại nào; biển hiệu sẽ in không có số.{hint}",
        "(cả hai ô điện thoại trống)",
    ),
    Rule(
        "phone-invalid",
        E,
        "Số điện thoại không đọc được",
        "Không đọc được số điện thoại Việt Nam nào trong ô (sai độ dài, sai đầu số), kể cả khi đã "
        "thử mã vùng cũ, đầu số di động cũ và mã vùng của tỉnh. Dòng này giữ bản đã công bố trước đó.",
        "Ghi một số đầy đủ, ví dụ 0912 037 468 hoặc 0213 3876 543.",
        "Dòng {row}, cột “{column}”: “{value}” không phải số điện thoại Việt Nam hợp lệ{hint}.",
        "0213 3876 54",
    ),
    Rule(
        "phone-leading-zero-restored",
        W,
        "Số điện thoại mất số 0 đầu",
        "Excel coi cột điện thoại là số nên bỏ số 0 ở đầu. Hệ thống đã tự thêm lại.",
        "Định dạng cột điện thoại là Text trước khi nhập, rồi gõ lại số có số 0.",
        "Dòng {row}, cột “{column}”: “{value}” thiếu số 0 đầu, đã hiểu là {display}.",
        "912037468",
    ),
    Rule(
        "phone-old-area-code",
        W,
        "Mã vùng điện thoại cố định cũ",
        "Năm 2017, 59 tỉnh đổi mã vùng điện thoại cố định (Quyết định 2036/QĐ-BTTTT), ví dụ 076 → "
        "0296 (An Giang), 04 → 024 (Hà Nội). Số có mã vùng cũ đã được đổi sang mã mới.",
        "Ghi số với mã vùng mới (bắt đầu bằng 02).",
        "Dòng {row}, cột “{column}”: “{value}” đã hiểu là {display} ({notes}).",
        "0763844160",
    ),
    Rule(
        "phone-old-mobile-prefix",
        W,
        "Số di động 11 số cũ",
        "Từ 15/9/2018 các số di động 11 số đổi sang 10 số (0162 → 032, 0123 → 083, 0186 → 056, "
        "0199 → 059…). Số cũ đã được đổi sang số mới.",
        "Ghi số di động 10 số mới.",
        "Dòng {row}, cột “{column}”: “{value}” đã hiểu là {display} ({notes}).",
        "01296228666",
    ),
    Rule(
        "phone-area-code-added",
        W,
        "Số cố định không có mã vùng",
        "Số cố định ghi thiếu mã vùng (7 chữ số, hoặc 8 ở Hà Nội và TP Hồ Chí Minh) được thêm mã "
        "vùng của tỉnh (tỉnh cũ ghi ở cột Tỉnh/Thành phố hoặc của xã/phường cũ).",
        "Ghi đủ mã vùng trước số, ví dụ 0206 3855 771.",
        "Dòng {row}, cột “{column}”: “{value}” đã hiểu là {display} ({notes}).",
        "3855771",
    ),
    Rule(
        "phone-area-code-ambiguous",
        E,
        "Không biết mã vùng của số cố định",
        "Số cố định không có mã vùng, và tỉnh mới gồm nhiều tỉnh cũ có mã vùng khác nhau; dòng "
        "không ghi tỉnh cũ hay xã/phường cũ nên không biết là số nào. Dòng này giữ bản đã công bố trước đó.",
        "Ghi đủ mã vùng trước số, hoặc ghi tỉnh cũ ở cột Tỉnh/Thành phố.",
        "Dòng {row}, cột “{column}”: “{value}” không có mã vùng; có thể là {candidates}.",
        "3844160 (tỉnh An Giang mới: 0296 hoặc 0297)",
    ),
    Rule(
        "phone-several-numbers",
        W,
        "Nhiều số trong một ô",
        "Mỗi ô điện thoại chỉ công bố một số. Khi ô có nhiều số, số đầu tiên hợp với cột được công "
        "bố (số di động sang cột di động nếu cột đó trống).",
        "Chỉ ghi một số mỗi ô: số cố định ở cột cố định, số di động ở cột di động.",
        "Dòng {row}, cột “{column}”: ô có {count} số ({numbers}); đã công bố {published}{dropped}.",
        "0753839999/0753822222",
    ),
    Rule(
        "phone-text-ignored",
        W,
        "Có chữ trong ô điện thoại",
        "Ô điện thoại chỉ công bố số; phần chữ (ghi chú, tên người) bị bỏ đi.",
        "Chỉ ghi số trong ô điện thoại; ghi chú để ở cột Ghi chú.",
        "Dòng {row}, cột “{column}”: bỏ phần chữ “{text}”{understood}.",
        "ĐT: 0912 037 468 (anh Nam)",
    ),
    Rule(
        "phone-mobile-in-fixed-column",
        W,
        "Số di động trong cột cố định",
        "Biển hiệu in số cố định của điểm thu và số di động của nhân viên ở hai chỗ khác nhau. Khi "
        "cột di động trống, số được công bố ở cột di động.",
        "Chuyển số sang cột Điện thoại di động, hoặc ghi số cố định của điểm thu.",
        "Dòng {row}: {display} là số di động nhưng nằm ở cột “{column}”.{action}",
        "0912 037 468",
    ),
    Rule(
        "phone-fixed-in-mobile-column",
        W,
        "Số cố định trong cột di động",
        "Cột di động dành cho số của nhân viên thu. Khi cột cố định trống, số được công bố ở cột cố định.",
        "Chuyển số sang cột Điện thoại cố định, hoặc ghi số di động của nhân viên thu.",
        "Dòng {row}: {display} là số cố định nhưng nằm ở cột “{column}”.{action}",
        "0213 3876 543",
    ),
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
