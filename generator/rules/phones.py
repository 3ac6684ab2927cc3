"""Rules on the phone columns (validate/checks/phones.py): numbers read as Vietnamese people write
them, and what still cannot be read."""

from __future__ import annotations

from generator.findings import Rule, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES = [
    Rule(
        code="no-phone",
        severity=W,
        title="Không có số điện thoại",
        description=(
            "Điểm thu vẫn được công bố, nhưng người dân không gọi được và biển hiệu in không có số "
            "(bản in biển hiệu đánh dấu “thiếu số điện thoại”)."
        ),
        fix="Điền số điện thoại cố định của điểm thu hoặc số di động của nhân viên thu.",
        message="Dòng {row}: không có số điện thoại nào; biển hiệu sẽ in không có số.{hint}",
        example="(cả hai ô điện thoại trống)",
    ),
    Rule(
        code="phone-invalid",
        severity=E,
        title="Số điện thoại không đọc được",
        description=(
            "Không đọc được số điện thoại Việt Nam nào trong ô (sai độ dài, sai đầu số), kể cả khi đã "
            "thử mã vùng cũ, đầu số di động cũ và mã vùng của tỉnh. Dòng này giữ bản đã công bố trước đó."
        ),
        fix="Ghi một số đầy đủ, ví dụ 0912 037 468 hoặc 0213 3876 543.",
        message="Dòng {row}, cột “{column}”: “{value}” không phải số điện thoại Việt Nam hợp lệ{hint}.",
        example="0213 3876 54",
    ),
    Rule(
        code="phone-leading-zero-restored",
        severity=W,
        title="Số điện thoại mất số 0 đầu",
        description="Excel coi cột điện thoại là số nên bỏ số 0 ở đầu. Hệ thống đã tự thêm lại.",
        fix="Định dạng cột điện thoại là Text trước khi nhập, rồi gõ lại số có số 0.",
        message="Dòng {row}, cột “{column}”: “{value}” thiếu số 0 đầu, đã hiểu là {display}.",
        example="912037468",
    ),
    Rule(
        code="phone-old-area-code",
        severity=W,
        title="Mã vùng điện thoại cố định cũ",
        description=(
            "Năm 2017, 59 tỉnh đổi mã vùng điện thoại cố định (Quyết định 2036/QĐ-BTTTT), ví dụ 076 → "
            "0296 (An Giang), 04 → 024 (Hà Nội). Số có mã vùng cũ đã được đổi sang mã mới."
        ),
        fix="Ghi số với mã vùng mới (bắt đầu bằng 02).",
        message="Dòng {row}, cột “{column}”: “{value}” đã hiểu là {display} ({notes}).",
        example="0763844160",
    ),
    Rule(
        code="phone-vnpt-2008",
        severity=W,
        title="Số cố định 6 chữ số của VNPT từ trước năm 2008",
        description=(
            "Từ 24/7 đến 5/10/2008, VNPT thêm số 3 vào trước mọi số cố định của mình (số thuê bao từ 6 "
            "lên 7 chữ số, ở Hà Nội và TP Hồ Chí Minh từ 7 lên 8), mã vùng giữ nguyên. Khi tên đại lý "
            "thu hoặc tên điểm thu cho thấy điểm thuộc VNPT hoặc Bưu điện (dùng đường dây VNPT năm 2008), "
            "số thiếu một chữ số được thêm số 3 và công bố nếu là số hợp lệ. Các nhà mạng khác đổi theo "
            "chữ số riêng: số của điểm thu khác vẫn bị giữ lại."
        ),
        fix="Ghi số cố định đầy đủ hiện nay, ví dụ 0232 3862 817.",
        message="Dòng {row}, cột “{column}”: “{value}” đã hiểu là {display} ({notes}).",
        example="0232.862817 (Bưu điện Đồng Hới)",
    ),
    Rule(
        code="phone-old-mobile-prefix",
        severity=W,
        title="Số di động 11 số cũ",
        description=(
            "Từ 15/9/2018 các số di động 11 số đổi sang 10 số (0162 → 032, 0123 → 083, 0186 → 056, "
            "0199 → 059…). Số cũ đã được đổi sang số mới."
        ),
        fix="Ghi số di động 10 số mới.",
        message="Dòng {row}, cột “{column}”: “{value}” đã hiểu là {display} ({notes}).",
        example="01296228666",
    ),
    Rule(
        code="phone-area-code-added",
        severity=W,
        title="Số cố định không có mã vùng",
        description=(
            "Số cố định ghi thiếu mã vùng (7 chữ số, hoặc 8 ở Hà Nội và TP Hồ Chí Minh) được thêm mã "
            "vùng của tỉnh (tỉnh cũ ghi ở cột Tỉnh/Thành phố hoặc của xã/phường cũ)."
        ),
        fix="Ghi đủ mã vùng trước số, ví dụ 0206 3855 771.",
        message="Dòng {row}, cột “{column}”: “{value}” đã hiểu là {display} ({notes}).",
        example="3855771",
    ),
    Rule(
        code="phone-area-code-ambiguous",
        severity=E,
        title="Không biết mã vùng của số cố định",
        description=(
            "Số cố định không có mã vùng, và tỉnh mới gồm nhiều tỉnh cũ có mã vùng khác nhau; dòng "
            "không ghi tỉnh cũ hay xã/phường cũ nên không biết là số "
            "nào. Dòng này giữ bản đã công bố trước đó."
        ),
        fix="Ghi đủ mã vùng trước số, hoặc ghi tỉnh cũ ở cột Tỉnh/Thành phố.",
        message="Dòng {row}, cột “{column}”: “{value}” không có mã vùng; có thể là {candidates}.",
        example="3844160 (tỉnh An Giang mới: 0296 hoặc 0297)",
    ),
    Rule(
        code="phone-several-numbers",
        severity=W,
        title="Nhiều số trong một ô",
        description=(
            "Mỗi ô điện thoại chỉ công bố một số. Khi ô có nhiều số, số đầu tiên hợp với cột được công "
            "bố (số di động sang cột di động nếu cột đó trống)."
        ),
        fix="Chỉ ghi một số mỗi ô: số cố định ở cột cố định, số di động ở cột di động.",
        message="Dòng {row}, cột “{column}”: ô có {count} số ({numbers}); đã công bố {published}{dropped}.",
        example="0753839999/0753822222",
    ),
    Rule(
        code="phone-text-ignored",
        severity=W,
        title="Có chữ trong ô điện thoại",
        description="Ô điện thoại chỉ công bố số; phần chữ (ghi chú, tên người) bị bỏ đi.",
        fix="Chỉ ghi số trong ô điện thoại; ghi chú để ở cột Ghi chú.",
        message="Dòng {row}, cột “{column}”: bỏ phần chữ “{text}”{understood}.",
        example="ĐT: 0912 037 468 (anh Nam)",
    ),
    Rule(
        code="phone-fax-left-out",
        severity=W,
        title="Số fax trong ô điện thoại",
        description=(
            "Số fax là số của máy fax, người dân không gọi được: số ghi kèm chữ “Fax” không được công "
            "bố. Số điện thoại khác trong ô vẫn được công bố; ô chỉ có số fax được coi là không có số."
        ),
        fix="Chỉ ghi số điện thoại gọi được; số fax (nếu cần) để ở cột Ghi chú.",
        message="Dòng {row}, cột “{column}”: không công bố số fax {fax} (không phải số để gọi).",
        example="ĐT 0213 3876 543 - Fax 0213 3876 544",
    ),
    Rule(
        code="phone-mobile-in-fixed-column",
        severity=W,
        title="Số di động trong cột cố định",
        description=(
            "Biển hiệu in số cố định của điểm thu và số di động của nhân viên ở hai chỗ khác nhau. Khi "
            "cột di động trống, số được công bố ở cột di động."
        ),
        fix="Chuyển số sang cột Điện thoại di động, hoặc ghi số cố định của điểm thu.",
        message="Dòng {row}: {display} là số di động nhưng nằm ở cột “{column}”.{action}",
        example="0912 037 468",
    ),
    Rule(
        code="phone-fixed-in-mobile-column",
        severity=W,
        title="Số cố định trong cột di động",
        description=(
            "Cột di động dành cho số của nhân viên thu. Khi cột cố định trống, số được công bố ở cột cố định."
        ),
        fix="Chuyển số sang cột Điện thoại cố định, hoặc ghi số di động của nhân viên thu.",
        message="Dòng {row}: {display} là số cố định nhưng nằm ở cột “{column}”.{action}",
        example="0213 3876 543",
    ),
]
