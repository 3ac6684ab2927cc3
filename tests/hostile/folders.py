"""The hostile province folders (folders.yaml): each case's files, written into a fresh data
folder. Shared by tests/test_hostile_folders.py."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import yaml
from conftest import SUBMISSIONS
from sample_data import sample_root

HOSTILE = Path(__file__).parent
FOLDER_CASES: list[dict] = yaml.safe_load((HOSTILE / "folders.yaml").read_text(encoding="utf-8"))
SUPPORT = "ho-tro-dia-phuong.yaml"
CONFIRMATION = "2026-11.yaml"
SECRET = "bi-mat-cua-may-chay-kiem-tra"  # planted where a symlink points; must never be read
VALID_RULE = "  - {nhom: ngheo, phan_tram: 30, tu: 2026-01-01, nguon: NQ 1/2026}\n"


def _laughs(key: str) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join(f"*{previous}" for _ in range(9)) + "]")
    return "\n".join(lines) + f"\n{key}: *i\n"


def billion_laughs_support() -> tuple[str, bytes]:
    return SUPPORT, ("ho_tro:\n" + VALID_RULE + _laughs("ten_chinh_sach")).encode()


def billion_laughs_confirmation() -> tuple[str, bytes]:
    return CONFIRMATION, ("xac_nhan_giam_diem_thu: true\n" + _laughs("ly_do")).encode()


def deep_support() -> tuple[str, bytes]:
    return SUPPORT, ("ho_tro:\n" + VALID_RULE + "ghi_chu: " + "[" * 10_000 + "]" * 10_000 + "\n").encode()


def big_support() -> tuple[str, bytes]:
    padding = "".join(f"# dòng chú thích {i}\n" for i in range(4_000))
    return SUPPORT, (padding + "ho_tro:\n" + VALID_RULE).encode()


def cp1258_support() -> tuple[str, bytes]:
    return SUPPORT, ("ten_chinh_sach: Hà Nội\nho_tro:\n" + VALID_RULE).encode("cp1258", errors="replace")


def long_reason() -> tuple[str, bytes]:
    return CONFIRMATION, ("xac_nhan_giam_diem_thu: true\nly_do: " + "Sáp nhập " * 1_200 + "\n").encode()


GENERATORS: dict[str, Callable[[], tuple[str, bytes]]] = {
    f.__name__: f
    for f in (
        billion_laughs_support,
        billion_laughs_confirmation,
        deep_support,
        big_support,
        cp1258_support,
        long_reason,
    )
}


def data_folder(tmp_path: Path) -> Path:
    """Lai Châu's list and Hà Nội's (with its example support: a sample dataset), and a
    repository's .git/config above them with a secret."""
    root = tmp_path / "kho" / "directory_data"
    lai_chau = root / "provinces" / "lai-chau"
    ha_noi = root / "provinces" / "ha-noi"
    lai_chau.mkdir(parents=True)
    ha_noi.mkdir(parents=True)
    shutil.copy(SUBMISSIONS / "hop-le.csv", lai_chau / "2026-11.csv")
    shutil.copy(sample_root() / "provinces" / "ha-noi" / "2026-11.csv", ha_noi / "2026-11.csv")
    shutil.copy(sample_root() / "provinces" / "ha-noi" / SUPPORT, ha_noi / SUPPORT)
    (root / "dataset.yaml").write_text("sample: true\n", encoding="utf-8")
    (tmp_path / "kho" / ".git").mkdir()
    (tmp_path / "kho" / ".git" / "config").write_text(f"[core]\n\t{SECRET} = 1\n", encoding="utf-8")
    return root


def add_case(case: dict, root: Path) -> Path:
    """Write the case into lai-chau/ and return the entry it added."""
    folder = root / "provinces" / "lai-chau"
    if "support" in case:
        name, data = SUPPORT, case["support"].encode()
    elif "confirmation" in case:
        name, data = CONFIRMATION, case["confirmation"].encode()
    elif "generate" in case:
        name, data = GENERATORS[case["generate"]]()
    elif "link" in case:
        name, target = case["link"]
        (folder / name).symlink_to(target)
        return folder / name
    else:
        os.mkfifo(folder / case["fifo"])
        return folder / case["fifo"]
    (folder / name).write_bytes(data)
    return folder / name
