"""The rule catalogue: every rule documented, every code used in the code base catalogued, and
every catalogued rule produced by some submission."""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import pkgutil
import re
import shutil
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SUBMISSIONS, format_cases, valid_text, validated
from declared import Audit, audited
from hostile.corpus import CASES as HOSTILE_CASES
from hostile.corpus import case_file
from hostile.folders import FOLDER_CASES, add_case, data_folder
from real_lists import write_submissions
from sample_data import sample_root
from test_books_s13 import every_workbook_rule
from test_imports import module_names
from test_workbook import rows_of_valid_list, workbook

from generator import rules
from generator.contract import PROJECT_ROOT
from generator.findings import Finding, Holds, Rule, Severity, declarations
from generator.load import load_file
from generator.merge import merge
from generator.pipeline import validate_dataset, validate_paths
from generator.rules import RULES
from generator.validate import validate_file

KEBAB = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")
FINDING_FIELDS = {"row", "line", "column", "value"}  # what every Finding carries besides params
GENERATOR = PROJECT_ROOT / "generator"


class _Blank(dict):
    def __missing__(self, key):
        return ""


def template_fields(rule: Rule) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(rule.message) if name}


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_is_documented(code):
    rule = RULES[code]
    assert rule.code == code
    assert KEBAB.match(code), code
    assert isinstance(rule.severity, Severity)
    for field in ("title", "description", "fix", "message", "example"):
        assert getattr(rule, field).strip(), f"{code}: empty {field}"
    message = rule.message.format_map(_Blank())
    assert "{" not in message and "}" not in message


def test_codes_are_unique():
    # Every module of the catalogue, found rather than listed: a new module cannot be left out.
    modules = [
        importlib.import_module(m.name) for m in pkgutil.iter_modules(rules.__path__, "generator.rules.")
    ]
    defined = [r.code for module in modules for r in module.RULES]
    assert len(defined) == len(set(defined)) == len(RULES)


def _all_modules() -> dict[str, Path]:
    """Every module of generator/, imported: each maker of findings registers its declaration."""
    names = {name: path for name, path in module_names().items() if not name.endswith("__main__")}
    for name in names:
        importlib.import_module(name)
    return names


def test_every_rule_is_declared_by_a_check_and_every_declared_code_is_a_rule():
    _all_modules()
    by_maker = {name: codes for name, codes in declarations().values()}
    assert "generator.validate.checks.cells.check_cells" in by_maker  # the registry is read
    declared = set().union(*by_maker.values())
    assert set(RULES) - declared == set(), "rules that no check declares (orphans)"
    assert {m: c - set(RULES) for m, c in by_maker.items() if c - set(RULES)} == {}, "codes of no rule"


def _enclosing_findings(tree: ast.Module) -> Iterator[tuple[str, ast.Call]]:
    """(qualified name of the outermost function, the call) for every `Finding(...)` call."""

    def walk(node: ast.AST, owner: str | None, prefix: str) -> Iterator[tuple[str, ast.Call]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.ClassDef) and owner is None:
                inner = f"{prefix}{child.name}"
                yield from walk(child, inner if isinstance(child, ast.FunctionDef) else None, inner + ".")
                continue
            if (
                isinstance(child, ast.Call)
                and isinstance(child.func, ast.Name)
                and child.func.id == "Finding"
            ):
                yield owner or "<module>", child
            yield from walk(child, owner, prefix)

    yield from walk(tree, None, "")


def test_every_finding_written_in_the_code_is_within_its_makers_declaration():
    """The static half: a literal code in `Finding("…")` lies in a function that declares it (paths
    no scenario reaches included); codes passed in variables are left to the audit below."""
    by_maker = {name: codes for name, codes in declarations().values()}
    literal = 0
    for module, path in _all_modules().items():
        for owner, call in _enclosing_findings(ast.parse(path.read_text(encoding="utf-8"))):
            maker = f"{module}.{owner}"
            assert maker in by_maker, (
                f"{path.name}:{call.lineno}: Finding made where no function declares codes"
            )
            first = call.args[0] if call.args else None
            if isinstance(first, ast.Constant):
                literal += 1
                assert first.value in by_maker[maker], f"{maker} does not declare {first.value}"
    assert literal > 40  # the walk does find them


def test_every_finding_made_is_declared_by_the_check_that_made_it(audit_of_produced):
    """The dynamic half, on every scenario of the suite, the sample and the real development set:
    each finding traced to the function that made it (tests/declared.py)."""
    found, audit = audit_of_produced
    assert len(found) > 1000 and audit.made  # the audit saw them
    assert audit.unowned == []
    assert sorted(set(audit.undeclared)) == []


# --- every rule is produced by a submission ----------------------------------------------------


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _merge_findings(root: Path, confirmation: str | None) -> list[Finding]:
    """October: hop-le.csv plus two points. November drops those two (2 of 5) and gives LCU-0003
    to another point."""
    header, *rows = valid_text().splitlines()
    # Short rows are fine: the cells after the mobile phone are optional.
    extra = [
        "LCU-0004,Bưu điện tỉnh Lai Châu,Bưu điện Bản Bo,Bản Bo,Xã Bản Bo,,,0912 037 468",
        "LCU-0005,Bưu điện tỉnh Lai Châu,Bưu điện Khun Há,Bản Khun Há,Xã Khun Há,,,0913 256 804",
    ]
    reused = "LCU-0003,Viettel Lai Châu,Điểm thu Viettel Nậm Tăm,Bản Nậm Tăm,Xã Nậm Tăm,,,0977 415 360"
    folder = root / "provinces" / "lai-chau"
    october = _write(folder / "2026-10.csv", "\n".join([header, *rows, *extra]) + "\n")
    november = _write(folder / "2026-11.csv", "\n".join([header, *rows[:2], reused]) + "\n")
    if confirmation is not None:
        _write(folder / "2026-11.yaml", confirmation)
    lists = [validate_file(load_file(p, root)) for p in (october, november)]
    assert all(v.publishable for v in lists), [v.findings for v in lists]
    return list(merge(lists, "2026-11").findings)


@pytest.fixture(scope="module")
def audit_of_produced(tmp_path_factory) -> tuple[list[Finding], Audit]:
    """Findings of every fixture and scenario of the test suite, in one place, each checked
    against the declaration of the function that made it."""
    with audited() as audit:
        found = _produce(tmp_path_factory.mktemp("rules"))
    return found, audit


@pytest.fixture(scope="module")
def produced(audit_of_produced) -> list[Finding]:
    return audit_of_produced[0]


def _produce(tmp: Path) -> list[Finding]:
    found: list[Finding] = []
    for path in sorted(SUBMISSIONS.rglob("*.csv")):
        found += validated(path).findings
    for name, data in format_cases().items():
        (tmp / name).write_bytes(data)
        found += validated(tmp / name).findings
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(importlib.import_module("generator.load.decode"), "MAX_BYTES", 100)
        found += validated(SUBMISSIONS / "hop-le.csv").findings
    # The whole hostile corpus (tests/hostile/): committed, rewritten and generated cases (the
    # big ones deleted once read).
    for case in HOSTILE_CASES:
        path = case_file(case, tmp)
        found += validated(path).findings
        if "generate" in case:
            path.unlink()
    # The hostile province folders (tests/hostile/folders.yaml): side files, links, pipes.
    for case in FOLDER_CASES:
        root = data_folder(tmp / "folders" / case["name"])
        add_case(case, root)
        found += validate_paths([root], root).findings
    # Excel workbooks: read, with cell types; broken; without the list; two lists for one month.
    rows = rows_of_valid_list()
    rows[1][8], rows[2][0] = dt.datetime(2026, 7, 11), 123456789012345678
    found += validated(workbook(rows, tmp / "2026-11.xlsx")).findings
    found += validated(workbook([["Họ tên"], ["A"]], tmp / "khac.xlsx")).findings
    (tmp / "hong.xlsx").write_bytes(b"PK\x03\x04" + bytes(100))
    found += validated(tmp / "hong.xlsx").findings
    twice = tmp / "hai-file" / "provinces" / "lai-chau"
    _write(twice / "2026-11.csv", valid_text())
    workbook(rows_of_valid_list(), twice / "2026-11.xlsx")
    found += validate_paths([twice.parent], twice.parent.parent).findings
    found += every_workbook_rule(tmp / "so-tinh")  # sheets, hidden rows, formulas (session 13)
    # Where the file sits.
    root = tmp / "layout"
    _write(root / "provinces" / "unknown-slug" / "2026-11.csv", valid_text())
    _write(root / "provinces" / "lai-chau" / "thang-11.csv", valid_text())
    _write(root / "provinces" / "lai-chau" / "notes.txt", "ghi chú\n")
    _write(root / "provinces" / "lai-chau" / "ho-tro-dia-phuong.yaml", "ho_tro: []\n")
    (root / "provinces" / "lai-chau" / "2026-12.csv").symlink_to("2026-11.csv")
    shutil.copy(SUBMISSIONS / "hop-le.csv", tmp / "diem-thu-lai-chau.csv")
    found += validate_paths([root / "provinces", tmp / "diem-thu-lai-chau.csv"], root).findings
    # Month to month.
    found += _merge_findings(tmp / "khong-xac-nhan", None)
    found += _merge_findings(tmp / "co-xac-nhan", "xac_nhan_giam_diem_thu: true\nly_do: Sáp nhập điểm thu\n")
    found += _merge_findings(tmp / "xac-nhan-sai", "xac_nhan_giam_diem_thu: có\n")
    # The sample as the site is built from it, and the real development set (tests/real_lists.py).
    found += validate_dataset(sample_root()).findings
    write_submissions(tmp / "real")
    found += validate_dataset(tmp / "real").findings
    return found


def test_every_rule_is_produced_by_some_submission(produced):
    assert set(RULES) - {f.code for f in produced} == set()


def test_produced_messages_have_every_field_they_name(produced):
    for finding in produced:
        rule = finding.rule
        missing = template_fields(rule) - FINDING_FIELDS - set(finding.params)
        assert not missing, f"{finding.code}: template names {missing}, the finding does not carry them"
        for name in ("row", "line", "column"):
            if name in template_fields(rule):
                assert getattr(finding, name) is not None, f"{finding.code}: {{{name}}} is None"
        assert finding.message.strip()


def test_a_rule_that_holds_a_row_is_reported_with_its_row(produced):
    """The rule pages say what an ERROR holds back: a rule declared to hold its row must name it,
    or the file is held and its page would say otherwise."""
    rowless = {
        f.code
        for f in produced
        if f.row is None and f.rule.severity is Severity.ERROR and f.rule.holds is Holds.ROW
    }
    assert rowless == set()
