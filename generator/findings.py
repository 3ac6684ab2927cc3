"""What a check reports: a Finding of a Rule, with a Severity whose meaning is written down.

Shared by the load and validate stages (a file that cannot be read is a finding too) and by every
report format. Rules are data: code, severity, Vietnamese title, description, fix and a message
template filled from the finding's structured fields.

A finding names its rule by code. The catalogue (`generator/rules/`) registers its rules here when
it is imported, which the `generator` package does first, so this module imports no rule and the
rules can import it without a cycle.

Every function that makes findings declares the codes it yields (`@yields(...)`), as
frictionless-py's checks declare their errors: the catalogue's tests prove that no rule is left
without a check and that a check makes no finding it did not declare (tests/declared.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from types import CodeType
from typing import TypeVar


class Severity(Enum):
    ERROR = "ERROR"
    WARNING = "WARNING"
    INFO = "INFO"

    @property
    def label(self) -> str:
        return _SEVERITY_LABELS[self][0]

    @property
    def meaning(self) -> str:
        return _SEVERITY_LABELS[self][1]

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


_SEVERITY_LABELS = {
    Severity.ERROR: (
        "LỖI",
        "Không được công bố. Lỗi của một dòng giữ lại dòng đó: điểm thu giữ nguyên phiên bản đã "
        "công bố trước đó (điểm mới chờ đến khi sửa), các dòng khác vẫn được công bố. Lỗi của cả "
        "file giữ lại cả file: danh sách đã công bố trước đó của tỉnh giữ nguyên.",
    ),
    Severity.WARNING: (
        "CẢNH BÁO",
        "File vẫn được công bố, nhưng tỉnh cần xem lại và sửa ở lần nộp sau.",
    ),
    Severity.INFO: ("THÔNG TIN", "Ghi nhận để tỉnh biết; không cần sửa."),
}


class Holds(Enum):
    """What an ERROR of a rule keeps off the site: its row only, or the whole file (a file that
    cannot be read, is in the wrong place, lacks a required column or was damaged as a whole)."""

    ROW = "row"
    FILE = "file"


@dataclass(frozen=True, kw_only=True)
class Rule:
    code: str  # stable, kebab-case; never renamed once published
    severity: Severity
    title: str
    description: str
    fix: str
    message: str  # str.format template over Finding fields and params
    example: str = ""  # a bad cell or file, shown in the rule's documentation
    holds: Holds = Holds.ROW  # meaningful for ERROR rules only


_CATALOGUE: dict[str, Rule] = {}


def register(rules: Iterable[Rule]) -> dict[str, Rule]:
    """Add rules to the catalogue findings read; returns the whole catalogue. A code is never
    given to two rules."""
    for rule in rules:
        if _CATALOGUE.setdefault(rule.code, rule) != rule:
            raise ValueError(f"two rules share the code {rule.code!r}")
    return _CATALOGUE


_Maker = TypeVar("_Maker", bound=Callable)
# The functions that make findings, by their code object (what a stack frame carries), with the
# codes each declares.
_DECLARED: dict[CodeType, tuple[str, frozenset[str]]] = {}


def yields(*codes: str) -> Callable[[_Maker], _Maker]:
    """Declare the rule codes a check (or any function of a stage that makes findings) yields.
    The function is returned as it is: the declaration costs nothing at run time."""

    def declare(maker: _Maker) -> _Maker:
        name = f"{maker.__module__}.{maker.__qualname__}"
        _DECLARED[maker.__code__] = (name, frozenset(codes))
        return maker

    return declare


def declarations() -> dict[CodeType, tuple[str, frozenset[str]]]:
    """Every declared maker of findings: its code object → (qualified name, codes)."""
    return dict(_DECLARED)


@dataclass(frozen=True)
class Finding:
    code: str
    file: str
    row: int | None = None  # as the spreadsheet shows it: the header is row 1
    column: str | None = None
    value: str | None = None
    line: int | None = None  # physical line in the file, for annotations
    params: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def rule(self) -> Rule:
        return _CATALOGUE[self.code]

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    @property
    def message(self) -> str:
        fields = _Blank(
            self.params, row=self.row, line=self.line, column=self.column, value=_shorten(self.value)
        )
        return self.rule.message.format_map(fields)

    @property
    def holds_file(self) -> bool:
        """An ERROR that keeps the whole file off the site; an ERROR without a row always does."""
        return self.severity is Severity.ERROR and (self.rule.holds is Holds.FILE or self.row is None)

    @property
    def holds_row(self) -> bool:
        return self.severity is Severity.ERROR and not self.holds_file

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


class _Blank(dict):
    """Optional template fields (a hint, a suggestion) read as empty when a check leaves them out."""

    def __missing__(self, key: str) -> str:
        return ""


def _shorten(value: str | None, limit: int = 80) -> str:
    if value is None:
        return ""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def held_rows(findings: list[Finding]) -> set[int]:
    return {f.row for f in findings if f.row is not None and f.holds_row}
