"""The hostile corpus: the table of cases (cases.yaml) and the bytes of each case. Shared by
tests/test_hostile.py (one test per case) and tests/test_rules.py (every rule is produced)."""

from __future__ import annotations

import gzip as gzip_module
import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import yaml
from conftest import SUBMISSIONS, valid_text
from legacy_encodings import to_cp1258

HOSTILE = Path(__file__).parent
CASES: list[dict] = yaml.safe_load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))
MB = 1024 * 1024


# --- generated cases: big or binary, built into tmp_path ----------------------------------------


def _header() -> str:
    return valid_text().splitlines()[0]


def over_long_cells() -> bytes:
    text = valid_text()
    text = text.replace("LCU-0001", "LCU-" + "0" * 37, 1)
    text = text.replace("Điểm thu Viettel Bình Lư", "Bình Lư " * 1250, 1)
    text = text.replace("Khu 5", "Khu 5 " * 16_667, 1)
    return text.encode("utf-8")


def commas_in_header() -> bytes:
    return (_header() + "," * 2_000_000 + "\n").encode("utf-8")


def commas_in_row() -> bytes:
    header, first, *rest = valid_text().splitlines()
    return "\n".join([header, first, "LCU-0009" + "," * 1_000_000, *rest]).encode("utf-8") + b"\n"


def commas_in_cell() -> bytes:
    return valid_text().replace("Bản Bình Lư", '"' + "," * 2_000_000 + '"', 1).encode("utf-8")


def million_blank_lines() -> bytes:
    return (_header() + "\n" + "\n" * 500_000 + ",,,,\r\n" * 500_000).encode("utf-8")


def fifty_megabytes() -> bytes:
    header, *rows = valid_text().splitlines()
    body = "\n".join(rows) + "\n"
    return (header + "\n" + body * (50 * MB // len(body.encode("utf-8")) + 1)).encode("utf-8")


def random_bytes() -> bytes:
    return random.Random(9).randbytes(64 * 1024)


def png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(1).randbytes(4096)


def pdf() -> bytes:
    stream = gzip_module.compress(valid_text().encode("utf-8"), mtime=0)
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 99 >>\nstream\n" + stream + b"\nendstream\n"


def gzip() -> bytes:
    return gzip_module.compress(valid_text().encode("utf-8"), mtime=0)


def zip_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("xl/worksheets/sheet1.xml", (2026, 11, 1, 0, 0, 0)), "<x/>")
    return buffer.getvalue()


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    info = zipfile.ZipInfo("xl/sharedStrings.xml", (2026, 11, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w") as archive, archive.open(info, "w") as entry:
        zeros = bytes(MB)
        for _ in range(210):
            entry.write(zeros)
    return buffer.getvalue()


def cut_inside_a_letter() -> bytes:
    data = valid_text().encode("utf-8")
    cut = data.index(b"Khu 5") - len("Sìn Hồ,".encode()) + 2  # inside the "ì" of "Sìn"
    return data[:cut]


GENERATORS: dict[str, Callable[[], bytes]] = {
    f.__name__: f
    for f in (
        over_long_cells,
        commas_in_header,
        commas_in_row,
        commas_in_cell,
        million_blank_lines,
        fifty_megabytes,
        random_bytes,
        png,
        pdf,
        gzip,
        zip_archive,
        cut_inside_a_letter,
        zip_bomb,
    )
}


def case_file(case: dict, tmp_path: Path) -> Path:
    if "file" in case:
        return HOSTILE / "files" / case["file"]
    if "generate" in case:
        data = GENERATORS[case["generate"]]()
    else:
        text = (SUBMISSIONS / "hop-le.csv").read_text(encoding="utf-8")
        for old, new in case["replace"]:
            assert old in text, f"{case['name']}: “{old}” is not in hop-le.csv"
            text = text.replace(old, new, 1)
        encoding = case.get("encoding", "utf-8")
        # Windows-1258 writes most tones as combining marks: encode as Excel does.
        data = to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    path = tmp_path / f"{case['name']}.csv"
    path.write_bytes(data)
    return path
