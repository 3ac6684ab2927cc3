"""One place for each fact: thresholds the code decides are stated from their constants in rules,
pages and the guide, and the rule catalogue gives each code one rule."""

from __future__ import annotations

import pytest

from generator.contract import PROJECT_ROOT
from generator.findings import Rule, Severity, register
from generator.merge import STALE_AFTER_MONTHS, merge
from generator.pipeline import validate_dataset
from generator.render.statistics import render_statistics
from generator.render.templating import TEMPLATES, environment
from generator.rules import RULES
from generator.rules.month_to_month import MASS_REMOVAL_SHARE


def test_the_mass_removal_share_is_stated_from_its_constant():
    share = f"{MASS_REMOVAL_SHARE:.0%}"
    assert f"bỏ hơn {share} số điểm thu" in RULES["mass-removal"].description
    # The guide is static Markdown: it cannot read the constant, so it is checked against it.
    guide = (PROJECT_ROOT / "site_src" / "huong-dan-nop.md").read_text(encoding="utf-8")
    assert f"bỏ hơn {share} số điểm thu" in guide


def test_pages_state_the_staleness_from_its_constant(monkeypatch):
    validated = validate_dataset(PROJECT_ROOT / "directory_data").validated
    directory = merge(validated, "2027-06")  # every province's list is old by then
    monkeypatch.setitem(environment().globals, "stale_after_months", 7)
    page = render_statistics(directory)["thong-ke.md"]
    assert "từ 7 tháng trở lên" in page and f"từ {STALE_AFTER_MONTHS} tháng" not in page
    for template in TEMPLATES.rglob("*.j2"):
        text = template.read_text(encoding="utf-8")
        assert f"{STALE_AFTER_MONTHS} tháng trở lên chưa" not in text, template.name


def test_a_rule_code_is_never_given_twice():
    rule = next(iter(RULES.values()))
    assert register([rule]) is register([])  # the same rule again changes nothing
    twin = Rule(code=rule.code, severity=Severity.INFO, title="x", description="x", fix="x", message="x")
    with pytest.raises(ValueError, match=rule.code):
        register([twin])
