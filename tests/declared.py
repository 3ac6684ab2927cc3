"""Every finding checked against the declaration of the function that made it (`@yields`).

While `audited()` is active, each Finding made is traced to the nearest function on the stack that
declares its codes: a code it did not declare, or a finding made where no function declares any,
is recorded with the place it was made. A finding copied with `dataclasses.replace` (a row's
findings replayed for an unchanged row, see validate/memo.py) was checked when it was first made.
Validation must run in this process (workers would check nothing): `audited()` keeps it there.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest

from generator.findings import Finding, declarations

# Where a copy is made: `replace` itself, or the helper it calls in newer Pythons.
_REPLACE = {getattr(dataclasses, n).__code__ for n in ("replace", "_replace") if hasattr(dataclasses, n)}


@dataclass
class Audit:
    made: dict[str, set[str]] = field(default_factory=dict)  # maker → the codes it made
    undeclared: list[str] = field(default_factory=list)  # "maker: code" outside its declaration
    unowned: list[str] = field(default_factory=list)  # "file:line code": no declared maker


@contextmanager
def audited() -> Iterator[Audit]:
    audit = Audit()
    declared = declarations()
    original = Finding.__init__

    def checked_init(self, code, *args, **kwargs):
        original(self, code, *args, **kwargs)
        frame = sys._getframe(1)
        if frame.f_code in _REPLACE:
            return
        place = f"{frame.f_code.co_filename}:{frame.f_lineno}"
        while frame is not None and frame.f_code not in declared:
            frame = frame.f_back
        if frame is None:
            audit.unowned.append(f"{place} {code}")
            return
        maker, codes = declared[frame.f_code]
        audit.made.setdefault(maker, set()).add(code)
        if code not in codes:
            audit.undeclared.append(f"{maker}: {code}")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Finding, "__init__", checked_init)
        yield audit
