"""Who has sent this month's list: for the month of a directory, each province has sent it
(published), had it held (the list has an ERROR, the previous one stays online), or not sent it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from generator.merge import Directory, ProvinceState


class Sent(Enum):
    SENT = "da-gui"
    HELD = "bi-giu-lai"
    MISSING = "chua-gui"

    @property
    def label(self) -> str:
        return {
            Sent.SENT: "đã gửi, đã công bố",
            Sent.HELD: "đã gửi nhưng bị giữ lại (có lỗi)",
            Sent.MISSING: "chưa gửi",
        }[self]


@dataclass(frozen=True)
class ProvinceMonth:
    state: ProvinceState
    sent: Sent


def month_status(directory: Directory) -> list[ProvinceMonth]:
    """All 34 provinces, in official order."""
    result = []
    for state in directory.provinces:
        if state.data_month == directory.month:
            sent = Sent.SENT
        elif directory.month in state.rejected_months:
            sent = Sent.HELD
        else:
            sent = Sent.MISSING
        result.append(ProvinceMonth(state, sent))
    return result
