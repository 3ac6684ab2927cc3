"""One place for each fact: thresholds the code decides are stated from their constants in rules,
pages and the guide, and the rule catalogue gives each code one rule."""

from __future__ import annotations

import importlib
import re

import pytest
from sample_data import sample_root

from generator import limits
from generator.contract import PROJECT_ROOT
from generator.findings import Rule, Severity, register
from generator.merge import STALE_AFTER_MONTHS, merge
from generator.pipeline import validate_dataset
from generator.render.statistics import render_statistics
from generator.render.templating import TEMPLATES, environment, render
from generator.rules import RULES
from generator.rules.month_to_month import MASS_REMOVAL_SHARE
from generator.signage.fit import STEP
from generator.signage.proof import HEIGHT_CM, WIDTH_CM

GUIDE = PROJECT_ROOT / "site_src" / "huong-dan-nop.md"


def test_the_mass_removal_share_is_stated_from_its_constant():
    share = f"{MASS_REMOVAL_SHARE:.0%}"
    assert f"bỏ hơn {share} số điểm thu" in RULES["mass-removal"].description
    # The guide is static Markdown: it cannot read the constant, so it is checked against it.
    guide = GUIDE.read_text(encoding="utf-8")
    assert f"bỏ hơn {share} số điểm thu" in guide


def test_the_guide_states_when_most_rows_held_hold_the_file():
    guide = " ".join(GUIDE.read_text(encoding="utf-8").split())
    assert f"hơn {limits.MOST_ROWS_HELD_SHARE:.0%} số dòng có lỗi" in guide
    assert f"từ {limits.MOST_ROWS_HELD_MIN} dòng lỗi trở lên" in guide


def test_rules_state_the_limits_from_their_constants(monkeypatch):
    """Each limit changed, the catalogue read again: every rule that states it follows."""
    changed = {
        "HEADER_SEARCH_ROWS": 7,
        "EXACT_DIGITS": 9,
        "MAX_COLUMNS": 33,
        "MOST_ROWS_HELD_SHARE": 0.4,
        "MOST_ROWS_HELD_MIN": 12,
        "YAML_MAX_BYTES": 8 * 1024,
        "FIRST_YEAR": 1990,
        "LAST_YEAR": 2090,
    }
    names = ("submission", "table", "folder")
    modules = [importlib.import_module(f"generator.rules.{name}") for name in names]
    for name, value in changed.items():
        monkeypatch.setattr(limits, name, value)
    try:
        rules = {rule.code: rule for module in map(importlib.reload, modules) for rule in module.RULES}
    finally:
        monkeypatch.undo()
        for module in modules:
            importlib.reload(module)
    assert "trong 7 dòng đầu" in rules["workbook-no-list-sheet"].description
    assert "hơn 9 chữ số. Excel chỉ giữ 9 chữ số" in rules["workbook-number-lost-digits"].description
    assert "hơn 33 cột" in rules["too-many-columns"].description
    assert "hơn 40% số dòng (và ít nhất 12 dòng)" in rules["most-rows-held"].description
    assert "1990–2090" in rules["side-file-invalid"].description
    assert "không quá 8 KB" in rules["side-file-invalid"].description


def test_the_finder_states_how_many_points_it_lists():
    page = render("nearest.md.j2", results=7, total=1000, approximate=0, month="2026-11", provinces=[])
    assert "tìm 7 điểm thu gần bạn nhất" in page and '"7 điểm thu' in page


def test_pages_state_the_staleness_from_its_constant(monkeypatch):
    validated = validate_dataset(sample_root()).validated
    directory = merge(validated, "2027-06")  # every province's list is old by then
    monkeypatch.setitem(environment().globals, "stale_after_months", 7)
    page = render_statistics(directory)["thong-ke.md"]
    assert "từ 7 tháng trở lên" in page and f"từ {STALE_AFTER_MONTHS} tháng" not in page
    # No template types the number: "từ 2 tháng trở lên" anywhere, in any phrasing.
    typed = re.compile(r"(?<![\w}])\d+ tháng trở lên")
    for template in TEMPLATES.rglob("*.j2"):
        assert not typed.search(template.read_text(encoding="utf-8")), template.name


def test_templates_state_the_sign_size_and_the_shrink_step_from_their_constants():
    typed = {
        f"{WIDTH_CM} × {HEIGHT_CM}",  # the sign, stated on the staff page and in the proof
        f"size * {round(STEP * 100)})",  # the proof's safety net shrinks as the fitting does
    }
    for template in TEMPLATES.rglob("*.j2"):
        text = template.read_text(encoding="utf-8").split("#}", 1)[-1]  # the comment may explain
        assert not {t for t in typed if t in text}, template.name


def test_a_rule_code_is_never_given_twice():
    rule = next(iter(RULES.values()))
    assert register([rule]) is register([])  # the same rule again changes nothing
    twin = Rule(code=rule.code, severity=Severity.INFO, title="x", description="x", fix="x", message="x")
    with pytest.raises(ValueError, match=rule.code):
        register([twin])
