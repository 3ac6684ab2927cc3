"""The real development set as the 34 provinces would send it: one submission per 2025 province.

A clerk copies the old list into the template: a code per row, the agent, the point's name and
address, the commune and district as written, the province as written, and the one phone column
into "Điện thoại cố định". Nothing is cleaned: the validator must cope with what people typed.

The old → new province table is written out here, independently of the product's own tables
(Nghị quyết 202/2025/QH15), so a mistake in the product's mapping cannot hide itself.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

REAL_LIST = Path(__file__).parent / "fixtures" / "real" / "vnpt-diem-giao-dich-2018.csv"
HEADER = [
    "STT",
    "Mã điểm thu",
    "Tên đại lý thu",
    "Tên điểm thu",
    "Địa chỉ",
    "Xã/Phường",
    "Quận/Huyện",
    "Tỉnh/Thành phố",
    "Điện thoại cố định",
    "Điện thoại di động",
    "Giờ làm việc",
]
# 2025 province slug → the pre-2025 provinces it took in (folded, without "tỉnh"/"thành phố").
NEW_PROVINCES = {
    "ha-noi": ["ha noi"],
    "hue": ["thua thien hue"],
    "lai-chau": ["lai chau"],
    "dien-bien": ["dien bien"],
    "son-la": ["son la"],
    "lang-son": ["lang son"],
    "quang-ninh": ["quang ninh"],
    "thanh-hoa": ["thanh hoa"],
    "nghe-an": ["nghe an"],
    "ha-tinh": ["ha tinh"],
    "cao-bang": ["cao bang"],
    "tuyen-quang": ["tuyen quang", "ha giang"],
    "lao-cai": ["lao cai", "yen bai"],
    "thai-nguyen": ["thai nguyen", "bac kan"],
    "phu-tho": ["phu tho", "vinh phuc", "hoa binh"],
    "bac-ninh": ["bac ninh", "bac giang"],
    "hung-yen": ["hung yen", "thai binh"],
    "hai-phong": ["hai phong", "hai duong"],
    "ninh-binh": ["ninh binh", "ha nam", "nam dinh"],
    "quang-tri": ["quang tri", "quang binh"],
    "da-nang": ["da nang", "quang nam"],
    "quang-ngai": ["quang ngai", "kon tum"],
    "gia-lai": ["gia lai", "binh dinh"],
    "khanh-hoa": ["khanh hoa", "ninh thuan"],
    "lam-dong": ["lam dong", "dak nong", "binh thuan"],
    "dak-lak": ["dak lak", "phu yen"],
    "ho-chi-minh": ["ho chi minh", "binh duong", "ba ria vung tau"],
    "dong-nai": ["dong nai", "binh phuoc"],
    "tay-ninh": ["tay ninh", "long an"],
    "can-tho": ["can tho", "soc trang", "hau giang"],
    "vinh-long": ["vinh long", "ben tre", "tra vinh"],
    "dong-thap": ["dong thap", "tien giang"],
    "ca-mau": ["ca mau", "bac lieu"],
    "an-giang": ["an giang", "kien giang"],
}
_OLD_TO_NEW = {old: new for new, olds in NEW_PROVINCES.items() for old in olds}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D")).lower()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"\(tp\)|^tp\.? |^thanh pho |^tinh ", " ", text.strip())
    return " ".join(re.sub(r"[^a-z]+", " ", text).split())


def new_province(old_name: str) -> str:
    return _OLD_TO_NEW[_fold(old_name)]


def real_rows() -> list[dict[str, str]]:
    with REAL_LIST.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def province_submissions() -> dict[str, str]:
    """slug → the CSV text the province would send for its points in the real list."""
    by_province: dict[str, list[dict[str, str]]] = {}
    for row in real_rows():
        by_province.setdefault(new_province(row["Tỉnh (cũ)"]), []).append(row)
    files = {}
    for slug, rows in by_province.items():
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(HEADER)
        prefix = slug.replace("-", "")[:3].upper()
        for number, row in enumerate(rows, start=1):
            writer.writerow(
                [
                    number,
                    f"{prefix}-{number:04d}",
                    "VNPT " + row["Tỉnh (cũ)"],
                    row["Tên điểm giao dịch"],
                    row["Địa chỉ"],
                    row["Xã/Phường (cũ)"],
                    row["Quận/Huyện (cũ)"],
                    row["Tỉnh (cũ)"],
                    row["Điện thoại"],
                    "",
                    "",
                ]
            )
        files[slug] = out.getvalue()
    return files


def write_submissions(data_root: Path, month: str = "2026-11") -> dict[str, Path]:
    """The province files in the submission layout under `data_root/provinces/`."""
    paths = {}
    for slug, text in province_submissions().items():
        path = data_root / "provinces" / slug / f"{month}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8-sig"))
        paths[slug] = path
    return paths
