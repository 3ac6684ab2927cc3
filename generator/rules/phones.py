"""Rules on the phone columns (validate/checks/phones.py): numbers read as Vietnamese people write
them, and what still cannot be read."""

from __future__ import annotations

from generator.findings import Rule, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES = [
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
        "phone-vnpt-2008",
        W,
        "Số cố định 6 chữ số của VNPT từ trước năm 2008",
        "Từ 24/7 đến 5/10/2008, VNPT thêm số 3 vào trước mọi số cố định của mình (số thuê bao từ 6 "
        "lên 7 chữ số, ở Hà Nội và TP Hồ Chí Minh từ 7 lên 8), mã vùng giữ nguyên. Khi tên đại lý "
        "thu hoặc tên điểm thu cho thấy điểm thuộc VNPT hoặc Bưu điện (dùng đường dây VNPT năm 2008), "
        "số thiếu một chữ số được thêm số 3 và công bố nếu là số hợp lệ. Các nhà mạng khác đổi theo "
        "chữ số riêng: số của điểm thu khác vẫn bị giữ lại.",
        "Ghi số cố định đầy đủ hiện nay, ví dụ 0232 3862 817.",
        "Dòng {row}, cột “{column}”: “{value}” đã hiểu là {display} ({notes}).",
        "0232.862817 (Bưu điện Đồng Hới)",
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
]
