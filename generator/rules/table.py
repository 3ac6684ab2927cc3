"""Rules on a list's table: its header (the columns of the contract) and every cell (validate
stage). Where the file is and whether it can be read are in `submission.py`."""

from __future__ import annotations

from generator.findings import Holds, Rule, Severity
from generator.limits import (
    MOST_ROWS_HELD_MIN,
    MOST_ROWS_HELD_SHARE,
)

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES = [
    # --- header ------------------------------------------------------------------------------
    Rule(
        code="no-data-rows",
        severity=E,
        title="Không có dòng dữ liệu",
        description="File chỉ có dòng tiêu đề. Một tỉnh không thể không có điểm thu nào.",
        fix="Kiểm tra lại file xuất từ bảng tính.",
        message="File chỉ có dòng tiêu đề, không có điểm thu nào.",
        example="Mã điểm thu,Tên đại lý thu,…",
        holds=Holds.FILE,
    ),
    Rule(
        code="most-rows-held",
        severity=E,
        title="Phần lớn các dòng có lỗi",
        description=(
            f"Khi hơn {MOST_ROWS_HELD_SHARE:.0%} số dòng (và ít nhất {MOST_ROWS_HELD_MIN} dòng) có lỗi, "
            "file thường bị lệch cột, nhầm file hoặc xuất sai từ bảng tính; "
            "công bố phần còn lại sẽ làm danh sách của tỉnh thiếu đi phần lớn điểm thu, nên cả file "
            "được giữ lại."
        ),
        fix="Sửa các lỗi theo từng dòng trong báo cáo (thường là một lỗi chung cho cả cột) rồi nộp lại.",
        message=(
            "{value} dòng có lỗi, quá {limit} số dòng của file: cả file được giữ lại, danh sách đã công "
            "bố trước đó của tỉnh giữ nguyên."
        ),
        example="60/100 dòng có lỗi",
        holds=Holds.FILE,
    ),
    Rule(
        code="missing-required-column",
        severity=E,
        title="Thiếu cột bắt buộc",
        description=(
            "Các cột Mã điểm thu, Tên đại lý thu, Tên điểm thu, Địa chỉ, Xã/Phường là bắt buộc, và cần "
            "ít nhất một trong hai cột điện thoại."
        ),
        fix="Thêm cột còn thiếu (dùng file mẫu để có đúng tiêu đề).",
        message="Thiếu cột “{column}”.",
        example="(không có cột Xã/Phường)",
        holds=Holds.FILE,
    ),
    Rule(
        code="duplicate-column",
        severity=E,
        title="Cột bị lặp",
        description="Hai cột có cùng tiêu đề (sau khi bỏ dấu và khoảng trắng), không biết dùng cột nào.",
        fix="Xoá một trong hai cột.",
        message="Cột “{column}” xuất hiện hai lần: “{value}”.",
        example="Địa chỉ | Dia chi",
        holds=Holds.FILE,
    ),
    Rule(
        code="unknown-column",
        severity=W,
        title="Cột không có trong mẫu",
        description="Cột này không thuộc mẫu danh sách nên bị bỏ qua và không bao giờ được công bố.",
        fix="Xoá cột, hoặc đổi tiêu đề cho đúng mẫu nếu gõ sai.",
        message="Cột “{value}” không có trong mẫu nên bị bỏ qua (không công bố).{hint}",
        example="Số CCCD nhân viên",
    ),
    Rule(
        code="footer-row-ignored",
        severity=INFO,
        title="Dòng cuối văn bản không phải điểm thu",
        description=(
            "Dưới điểm thu cuối cùng, những dòng không có mã điểm thu và chỉ có một hai ô (tổng cộng, "
            "người lập biểu, thủ trưởng đơn vị, ngày tháng) là phần cuối của văn bản, không phải điểm "
            "thu: được bỏ qua, không công bố."
        ),
        fix="Không cần sửa. Nếu đó là một điểm thu, hãy điền đủ mã điểm thu và các ô của dòng.",
        message="Dòng {row}: “{value}” là phần cuối văn bản, không phải điểm thu: đã bỏ qua.",
        example="Tổng cộng: 30 điểm thu",
    ),
    Rule(
        code="agent-from-row-above",
        severity=W,
        title="Tên đại lý thu lấy theo dòng trên",
        description=(
            "Ô Tên đại lý thu trống ngay dưới một dòng có tên đại lý: thường là ô gộp (Merge) của bảng "
            "tính, mà khi lưu thành CSV chỉ dòng đầu còn giữ chữ. Dòng được công bố với tên đại lý "
            "của dòng trên."
        ),
        fix=(
            "Nếu đúng là cùng đại lý, không cần sửa; muốn hết cảnh báo thì bỏ gộp ô (Unmerge) và điền "
            "tên cho từng dòng, hoặc nộp thẳng file .xlsx. Nếu không phải, hãy điền tên đại lý của dòng."
        ),
        message="Dòng {row}, cột “{column}”: ô trống, đã lấy theo dòng trên: “{value}”.",
        example="(trống dưới “Bưu điện tỉnh Lai Châu”)",
    ),
    # --- cells -------------------------------------------------------------------------------
    Rule(
        code="phone-in-name-column",
        severity=E,
        title="Số điện thoại trong ô tên hoặc địa danh",
        description=(
            "Ô Tên đại lý thu, Tên điểm thu, Xã/Phường, Quận/Huyện hay Tỉnh/Thành phố chỉ ghi một số "
            "điện thoại: các ô của dòng đã bị lệch cột (thường do thiếu một ô ở trước), nên tên, địa "
            "chỉ và xã/phường của dòng cũng sai chỗ. Dòng không được công bố."
        ),
        fix="Mở bảng tính, đưa mỗi giá trị của dòng về đúng cột (thêm ô trống còn thiếu) rồi nộp lại.",
        message=(
            "Dòng {row}, cột “{column}”: “{value}” là một số điện thoại; các ô của dòng có vẻ bị lệch cột."
        ),
        example="Quận/Huyện: 0296 3844 160",
    ),
    Rule(
        code="cells-shifted",
        severity=E,
        title="Các ô của dòng bị lệch cột",
        description=(
            "Một ô của dòng ghi đúng giá trị của cột bên cạnh (tên tỉnh trong cột điện thoại, giờ làm "
            "việc trong cột điện thoại, số điện thoại trong cột Giờ làm việc, tên tỉnh trong cột "
            "Quận/Huyện) trong khi ô của cột đó không có: dòng đã bị chèn thêm hoặc mất một ô, nên "
            "mọi ô sau đó nằm sai cột. Dòng không được công bố."
        ),
        fix=(
            "Mở bảng tính, đưa mỗi giá trị của dòng về đúng cột (thêm ô còn thiếu hoặc xoá ô thừa) "
            "rồi nộp lại."
        ),
        message=(
            "Dòng {row}, cột “{column}”: “{value}” là {what}, giá trị của cột bên cạnh; các ô của dòng "
            "có vẻ bị lệch một cột."
        ),
        example="Điện thoại cố định: Lai Châu",
    ),
    Rule(
        code="required-cell-empty",
        severity=E,
        title="Ô bắt buộc bị trống",
        description="Mỗi điểm thu cần mã, tên đại lý thu, tên điểm thu, địa chỉ và xã/phường.",
        fix="Điền giá trị vào ô được chỉ ra.",
        message="Dòng {row}: ô “{column}” bị trống.{hint}",
        example="(ô trống)",
    ),
    Rule(
        code="value-too-long",
        severity=E,
        title="Nội dung quá dài",
        description="Nội dung dài bất thường không in được lên biển hiệu và thường là dán nhầm.",
        fix="Rút gọn nội dung ô.",
        message="Dòng {row}, cột “{column}”: dài {length} ký tự, tối đa {limit}.",
        example="(500 ký tự)",
    ),
    Rule(
        code="unsafe-markup",
        severity=E,
        title="Có mã HTML hoặc liên kết nguy hiểm",
        description=(
            "Thẻ HTML, mã script hay liên kết javascript: không bao giờ được đưa lên trang công khai."
        ),
        fix="Xoá phần mã khỏi ô; chỉ ghi chữ thường.",
        message="Dòng {row}, cột “{column}”: có mã không được phép ({what}): “{value}”.",
        example="<script>alert(1)</script>",
    ),
    Rule(
        code="spreadsheet-formula",
        severity=E,
        title="Có công thức bảng tính",
        description="Ô bắt đầu bằng =, +, - hoặc @ sẽ thành công thức khi người khác mở bằng Excel.",
        fix="Xoá ký tự đầu hoặc ghi lại nội dung bằng chữ.",
        message=(
            "Dòng {row}, cột “{column}”: bắt đầu bằng “{char}” nên sẽ bị Excel coi là công thức: “{value}”."
        ),
        example='=HYPERLINK("http://…")',
    ),
    Rule(
        code="control-characters",
        severity=E,
        title="Có ký tự điều khiển",
        description="Ký tự vô hình (điều khiển) làm hỏng hiển thị và in ấn.",
        fix="Gõ lại nội dung ô.",
        message="Dòng {row}, cột “{column}”: có ký tự điều khiển không in được.",
        example="Bưu\\x07điện",
    ),
    Rule(
        code="duplicate-code",
        severity=E,
        title="Mã điểm thu bị trùng",
        description="Mã điểm thu phải duy nhất trong tỉnh để theo dõi điểm thu qua các tháng.",
        fix="Đặt mã khác cho một trong hai điểm, hoặc xoá dòng lặp.",
        message="Dòng {row}: mã “{value}” đã dùng ở dòng {first_row}.",
        example="LCU-0001 (hai lần)",
    ),
    Rule(
        code="duplicate-point",
        severity=W,
        title="Một điểm thu ghi hai lần với hai mã",
        description=(
            "Hai dòng có cùng tên điểm thu, địa chỉ và xã nhưng khác mã: có thể là một điểm bị nhập hai lần."
        ),
        fix="Xoá dòng thừa, hoặc sửa tên/địa chỉ nếu đó là hai điểm khác nhau.",
        message="Dòng {row}: trùng tên, địa chỉ và xã với dòng {first_row} (mã {other_code}).",
        example="LCU-0001 và LCU-0107: Bưu điện xã Bình Lư",
    ),
    Rule(
        code="coordinates-invalid",
        severity=E,
        title="Toạ độ không đọc được",
        description="Vĩ độ và kinh độ là số thập phân (dấu chấm hoặc phẩy), ghi cả hai hoặc bỏ trống cả hai.",
        fix="Ghi lại dạng 22,3964 và 103,4582, hoặc xoá cả hai ô.",
        message="Dòng {row}, cột “{column}”: “{value}” không phải toạ độ.{hint}",
        example="22°23'N",
    ),
    Rule(
        code="coordinates-outside-vietnam",
        severity=E,
        title="Toạ độ ngoài Việt Nam",
        description="Toạ độ nằm ngoài lãnh thổ Việt Nam.",
        fix="Lấy lại toạ độ từ bản đồ (nhấn giữ vị trí trên Google Maps hoặc OpenStreetMap).",
        message="Dòng {row}: toạ độ ({lat}, {lon}) nằm ngoài Việt Nam.",
        example="48,85 ; 2,35",
    ),
    Rule(
        code="coordinates-swapped",
        severity=E,
        title="Vĩ độ và kinh độ bị đảo",
        description="Vĩ độ (khoảng 8–23) và kinh độ (khoảng 102–117) bị ghi ngược cột.",
        fix="Đổi chỗ hai giá trị giữa cột Vĩ độ và Kinh độ.",
        message="Dòng {row}: vĩ độ và kinh độ bị đảo: vĩ độ {lat}, kinh độ {lon}. Hãy đổi chỗ hai ô.",
        example="Vĩ độ 103,4582 ; Kinh độ 22,3964",
    ),
    Rule(
        code="coordinates-far-from-commune",
        severity=W,
        title="Toạ độ xa xã/phường đã ghi",
        description="Toạ độ cách trung tâm xã/phường đã ghi xa hơn nhiều so với kích thước của xã.",
        fix="Kiểm tra lại toạ độ hoặc tên xã/phường.",
        message="Dòng {row}: toạ độ cách trung tâm {commune} {distance} km.",
        example="điểm ở Hà Nội ghi xã của Lai Châu",
    ),
]
