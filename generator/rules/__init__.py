"""The catalogue of rules, one module per place where they are checked. The rule documentation
pages are generated from these definitions, so a rule without a title, description, fix and
example fails the tests."""

from __future__ import annotations

from generator.findings import Rule, register
from generator.rules import content, folder, month_to_month, phones, places, submission, table, workbook

RULES: dict[str, Rule] = register(
    rule
    for module in (submission, table, phones, places, month_to_month, content, folder, workbook)
    for rule in module.RULES
)
