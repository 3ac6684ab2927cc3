"""The date in Việt Nam, which decides the site's month: a list for December waits until
1 December in Hà Nội, whatever the time zone of the machine that builds (GitHub's runners are UTC,
seven hours behind on the night of the 1st).

`DANH_BA_TODAY=YYYY-MM-DD` pins the date for tests and for rebuilding a past month by hand.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY_ENV = "DANH_BA_TODAY"


def vietnam_today() -> date:
    pinned = os.environ.get(TODAY_ENV, "").strip()
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            raise ValueError(f"{TODAY_ENV}={pinned!r} không phải ngày dạng YYYY-MM-DD.") from None
    return datetime.now(VIETNAM).date()


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def current_month(today: date | None = None) -> str:
    """The month the site shows: the current month in Việt Nam."""
    return month_of(today or vietnam_today())


def months_after(month: str, today: date) -> int:
    """How many months `month` lies after the current one (negative: in the past)."""
    year, number = map(int, month.split("-"))
    return (year - today.year) * 12 + (number - today.month)
