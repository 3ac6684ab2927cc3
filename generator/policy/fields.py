"""Reading the policy files (`chinh-sach.yaml`, `ho-tro-dia-phuong.yaml`) and checking their fields.

Both files share the YAML reading, the value types (đồng, basis points, text, dates) and the
validity of a dated entry (`tu`, `den`, `nguon`, `can_xac_nhan`, `ghi_chu`). Every problem is
raised as a `PolicyError` whose message is Vietnamese and names the file and the key, so the CLI
can print it as-is instead of a traceback.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

import yaml

from generator.limits import FIRST_YEAR, LAST_YEAR, YAML_MAX_BYTES
from generator.load.safe_read import (
    FileTooLarge,
    NotRegularFile,
    UnsafeYaml,
    read_regular,
    safe_yaml,
)

ParamValue = int | str | tuple[int, ...]

# The keys that date an entry and say where it comes from, in both files.
VALIDITY_KEYS = frozenset({"tu", "den", "nguon", "can_xac_nhan", "ghi_chu"})


class PolicyError(Exception):
    """A problem in a policy file, already phrased for the person who edits it."""


def vn_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def fail(path: str, where: str, problem: str) -> PolicyError:
    return PolicyError(f"{path}: {where}: {problem}")


def read_yaml(path: Path) -> Any:
    """Every YAML file the build reads, province side files included: a regular file of at most
    64 KB, parsed by `safe_yaml` (no aliases, tags or deep nesting)."""
    shown = str(path)
    try:
        text = read_regular(path, YAML_MAX_BYTES).decode("utf-8")
    except FileNotFoundError:
        raise PolicyError(f"{shown}: không tìm thấy tệp") from None
    except NotRegularFile as exc:
        raise PolicyError(f"{shown}: là {exc.kind}, không phải file thường; không được đọc") from None
    except FileTooLarge as exc:
        raise PolicyError(f"{shown}: {exc.size} byte, vượt giới hạn {YAML_MAX_BYTES // 1024} KB") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{shown}: không đọc được tệp ({exc.__class__.__name__})") from None
    try:
        return safe_yaml(text)
    except UnsafeYaml as exc:
        raise PolicyError(f"{shown}: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" ở dòng {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "không phân tích được"
        raise PolicyError(f"{shown}: YAML sai cú pháp{line}: {problem[:200]}") from None


def check_keys(raw: dict, allowed: Iterable[str], path: str, where: str) -> None:
    allowed = set(allowed)
    unknown = sorted(str(k) for k in raw if k not in allowed)
    if unknown:
        raise fail(path, where, f"khóa không được hỗ trợ: {', '.join(unknown)}")


def require(raw: dict, keys: Iterable[str], path: str, where: str) -> None:
    for key in keys:
        if key not in raw:
            raise fail(path, f"{where}.{key}", "thiếu khóa bắt buộc")


TEXT_MAX = 300
# A scheme anywhere in the text: only https links may be written, and only as text.
_SCHEME = re.compile(r"\b([a-z][a-z0-9+.-]{1,20}):(?=//|[^\s\d])", re.IGNORECASE)
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def read_date(raw: Any, path: str, where: str) -> date:
    # YAML reads "2026-01-01 08:00" as a datetime, which is a date subclass that cannot be
    # compared with one: only a plain day is a date here.
    day = None
    if type(raw) is date:
        day = raw
    elif isinstance(raw, str):
        with contextlib.suppress(ValueError):
            day = date.fromisoformat(raw)
    if day is None:
        raise fail(path, where, f"ngày không hợp lệ {str(raw)[:40]!r} (cần dạng YYYY-MM-DD)")
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise fail(path, where, f"ngày {day.isoformat()} nằm ngoài khoảng năm {FIRST_YEAR}–{LAST_YEAR}")
    return day


def read_text(raw: Any, path: str, where: str, limit: int = TEXT_MAX) -> str:
    """One line of plain text: it is shown as text wherever it appears, never as markup."""
    if not isinstance(raw, str) or not raw.strip():
        raise fail(path, where, "cần một đoạn chữ, không được để trống")
    text = raw.strip()
    if len(text) > limit:
        raise fail(path, where, f"dài {len(text)} ký tự, tối đa {limit}")
    if _UNPRINTABLE.search(text):
        raise fail(path, where, "có xuống dòng hoặc ký tự điều khiển; viết trên một dòng")
    for match in _SCHEME.finditer(text):
        if match[1].lower() != "https":
            raise fail(path, where, f"chỉ được ghi liên kết https:, không nhận “{match[1][:20]}:”")
    return text


def read_flag(raw: Any, path: str, where: str) -> bool:
    if not isinstance(raw, bool):
        raise fail(path, where, "chỉ nhận true hoặc false")
    return raw


def read_basis_points(raw: Any, path: str, where: str) -> int:
    """A percentage as basis points (4,5 → 450), so later arithmetic stays in integers."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise fail(path, where, f"tỷ lệ phần trăm không hợp lệ {raw!r}")
    try:
        exact = Decimal(str(raw).replace(",", ".")) * 100
    except InvalidOperation:
        raise fail(path, where, f"tỷ lệ phần trăm không hợp lệ {raw!r}") from None
    if exact != exact.to_integral_value() or exact < 0 or exact > 10000:
        raise fail(path, where, f"tỷ lệ {raw!r}: cần từ 0 đến 100, tối đa hai chữ số thập phân")
    return int(exact)


def read_number(raw: Any, unit: str, path: str, where: str) -> int:
    if unit == "phan_tram":
        return read_basis_points(raw, path, where)
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        raise fail(path, where, f"cần một số nguyên không âm, nhận được {raw!r}")
    return raw


def read_value(raw: Any, unit: str, path: str, where: str) -> ParamValue:
    if unit == "van_ban":
        return read_text(raw, path, where)
    if isinstance(raw, list):
        if not raw:
            raise fail(path, where, "danh sách rỗng")
        return tuple(read_number(x, unit, path, f"{where}[{i}]") for i, x in enumerate(raw))
    return read_number(raw, unit, path, where)


# The two halves of an entry's validity are read apart: a parameter's value is checked between
# them, so that of two mistakes in one entry the same one is reported first as it always was.


def read_dates(raw: dict, path: str, where: str) -> tuple[date, date | None]:
    """`tu` and the optional `den` (inclusive); the caller has checked that `tu` is there."""
    start = read_date(raw["tu"], path, f"{where}.tu")
    end = read_date(raw["den"], path, f"{where}.den") if raw.get("den") is not None else None
    if end is not None and end < start:
        raise fail(path, f"{where}.den", "ngày kết thúc trước ngày bắt đầu")
    return start, end


@dataclass(frozen=True)
class Provenance:
    source: str  # the legal basis (`nguon`)
    unconfirmed: bool  # `can_xac_nhan`: shown as "cần xác nhận" wherever the value appears
    note: str | None


def read_provenance(raw: dict, path: str, where: str) -> Provenance:
    return Provenance(
        source=read_text(raw["nguon"], path, f"{where}.nguon"),
        unconfirmed=read_flag(raw.get("can_xac_nhan", False), path, f"{where}.can_xac_nhan"),
        note=read_text(raw["ghi_chu"], path, f"{where}.ghi_chu") if "ghi_chu" in raw else None,
    )


class Dated:
    """An entry in force from `start` to `end`, both inclusive (no `end`: no end date known yet)."""

    start: date
    end: date | None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


DatedT = TypeVar("DatedT", bound=Dated)


def ordered(entries: list[DatedT], path: str, where: str) -> tuple[DatedT, ...]:
    """Sort by start date and refuse overlaps: two values in force on one day is a data error."""
    entries = sorted(entries, key=lambda e: e.start)
    for a, b in pairwise(entries):
        if a.end is None or a.end >= b.start:
            raise fail(path, where, f"hai khoảng hiệu lực chồng lên nhau từ ngày {vn_date(b.start)}")
    return tuple(entries)
