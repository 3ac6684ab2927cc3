"""Whether a point's own names say it is VNPT's or a post office's (a VNPT network until 2013):
such a point's fixed line is a VNPT one, whose six-digit numbers of before 2008 took a "3" in
front. The names are data: `generator/data/vnpt_2008_operators.csv`, with their sources."""

from __future__ import annotations

import csv
import re
from functools import cache, lru_cache
from pathlib import Path

from generator.phone_codes import Area, areas_prefixing
from generator.text import fold

_DATA = Path(__file__).parent / "data" / "vnpt_2008_operators.csv"
_WORD = re.compile(r"[a-z0-9]+")
# The columns that name the point's network: "Tên đại lý thu" and "Tên điểm thu".
NAME_KEYS = ("agent", "name")


@cache
def _names() -> tuple[tuple[tuple[str, ...], str], ...]:
    with _DATA.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # Longest first, so the message names "Bưu điện văn hóa xã" rather than a part of it.
    found = sorted(
        ((tuple(_WORD.findall(fold(r["name"]))), r["label"]) for r in rows), key=lambda n: -len(n[0])
    )
    return tuple(found)


@lru_cache(maxsize=4096)
def vnpt_operator(text: str) -> str:
    """The network a name says ("VNPT", "Bưu điện"), matched as whole words with case and
    diacritics folded ("BĐ Long Xuyên", "Điểm BĐVHX Tân Hòa"); "" when it says none."""
    words = _WORD.findall(fold(text))
    for name, label in _names():
        size = len(name)
        if any(tuple(words[i : i + size]) == name for i in range(len(words) - size + 1)):
            return label
    return ""


def row_operator(values: dict[str, str]) -> str:
    """The first of the row's names that says VNPT or a post office, as "VNPT" or "Bưu điện"."""
    for key in NAME_KEYS:
        if label := vnpt_operator(values.get(key, "")):
            return label
    return ""


def vnpt_2008_candidates(national: str) -> tuple[tuple[str, str, Area], ...]:
    """What a VNPT number of before 2008 is today (the row's names say the line is VNPT's): its six
    digits, seven in Hà Nội and TP HCM, with the 3 VNPT put in front of every one of its numbers,
    area codes unchanged; each as (number, area code as written, area), for `phonenumbers` to
    judge. A subscriber starting with 3 may as well be a number of today with a digit lost, and
    none starts with 0 or 1: not read."""
    found = []
    for area, code in areas_prefixing(national):
        rest = national[len(code) :]
        if len(rest) == area.subscriber_digits - 1 and rest[0] not in "013":
            found.append((area.new_code + "3" + rest, code, area))
    return tuple(found)


def vnpt_2008_notes(national: str, code: str, area: Area) -> tuple[str, ...]:
    """What was understood, in Vietnamese, for the message."""
    notes = []
    if code != area.new_code:
        notes.append(
            f"mã vùng cũ {code} của {area.old_province} đổi thành {area.new_code} từ {area.since_label}"
        )
    digits = len(national) - len(code)
    notes.append(
        f"số thuê bao {digits} chữ số có từ trước năm 2008: từ 24/7 đến 5/10/2008 VNPT thêm số 3 vào trước"
        " mọi số cố định của mình"
    )
    return tuple(notes)
