"""The policy parameters as read from `chinh-sach.yaml`, and the values in force on a given date:
each parameter is a list of dated periods, a period may say its value is another parameter's
("theo": equal to it on the same day), and changes after a date are derived from the periods."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from generator.policy.fields import Dated, ParamValue, PolicyError, vn_date


@dataclass(frozen=True)
class Period(Dated):
    start: date
    end: date | None  # inclusive; None = no end date known
    source: str
    value: ParamValue | None  # None when `ref` is set
    ref: str | None  # "theo": equal to another parameter on the same day
    unconfirmed: bool
    note: str | None


@dataclass(frozen=True)
class Parameter:
    key: str
    name: str
    unit: str
    periods: tuple[Period, ...]

    def period_on(self, day: date) -> Period | None:
        return next((p for p in self.periods if p.covers(day)), None)


@dataclass(frozen=True)
class Value:
    """One parameter resolved on a day, with where it comes from."""

    key: str
    name: str
    unit: str
    value: ParamValue
    start: date
    end: date | None
    source: str
    unconfirmed: bool
    note: str | None


@dataclass(frozen=True)
class InForce:
    as_of: date
    values: dict[str, Value]

    def __getitem__(self, key: str) -> Any:
        return self.values[key].value

    @property
    def window(self) -> tuple[date, date | None]:
        """The stretch of days on which every value here stays the same."""
        start = max(v.start for v in self.values.values())
        ends = [v.end for v in self.values.values() if v.end is not None]
        return start, (min(ends) if ends else None)

    def unconfirmed(self, keys: tuple[str, ...] | list[str]) -> list[Value]:
        return [self.values[k] for k in keys if self.values[k].unconfirmed]


@dataclass(frozen=True)
class Change:
    """A value that becomes different on `start`: old/new are None where nothing is in force."""

    start: date
    key: str
    name: str
    unit: str
    old: Value | None
    new: Value | None


@dataclass(frozen=True)
class Document:
    """A paper the reader brings for "thủ tục hồ sơ", with where that requirement comes from."""

    name: str
    source: str | None  # None: shown as "(cần xác nhận)"
    unconfirmed: bool


@dataclass(frozen=True)
class Policy:
    path: str  # as shown in messages
    parameters: dict[str, Parameter]
    documents: dict[str, tuple[Document, ...]] = field(default_factory=dict)  # by leaflet: bhxh, bhyt

    def _resolve(self, key: str, day: date, seen: tuple[str, ...] = ()) -> Value | None:
        param = self.parameters[key]
        period = param.period_on(day)
        if period is None:
            return None
        if period.ref is None:
            value, start, end, unconfirmed = period.value, period.start, period.end, False
        else:
            if period.ref in seen:
                raise PolicyError(f"{self.path}: tham_so.{key}: 'theo' tạo thành vòng lặp")
            target = self._resolve(period.ref, day, (*seen, key))
            if target is None:
                return None
            value, unconfirmed = target.value, target.unconfirmed
            start = max(period.start, target.start)
            ends = [e for e in (period.end, target.end) if e is not None]
            end = min(ends) if ends else None
        assert value is not None
        return Value(
            key=key,
            name=param.name,
            unit=param.unit,
            value=value,
            start=start,
            end=end,
            source=period.source,
            unconfirmed=unconfirmed or period.unconfirmed,
            note=period.note,
        )

    def values_in_force(self, as_of: date) -> InForce:
        values: dict[str, Value] = {}
        for key, param in self.parameters.items():
            value = self._resolve(key, as_of)
            if value is None:
                raise PolicyError(
                    f"{self.path}: tham_so.{key}: không có giá trị “{param.name}” "
                    f"áp dụng vào ngày {vn_date(as_of)}"
                )
            values[key] = value
        return InForce(as_of, values)

    def upcoming_changes(self, as_of: date) -> list[Change]:
        """Every known change after `as_of`, by date then in file order (derived values too)."""
        boundaries: set[date] = set()
        for param in self.parameters.values():
            for p in param.periods:
                boundaries.add(p.start)
                if p.end is not None:
                    boundaries.add(p.end + timedelta(days=1))
        changes: list[Change] = []
        for day in sorted(d for d in boundaries if d > as_of):
            before = day - timedelta(days=1)
            for key, param in self.parameters.items():
                old, new = self._resolve(key, before), self._resolve(key, day)
                if (old.value if old else None) != (new.value if new else None):
                    changes.append(Change(day, key, param.name, param.unit, old, new))
        return changes
