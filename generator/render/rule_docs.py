"""The rule reference, generated from the rule catalogue: an index and one page per rule."""

from __future__ import annotations

from generator.findings import Severity
from generator.render.templating import render
from generator.rules import RULES

RULES_DIR = "quy-tac"


def rules_by_severity() -> dict[Severity, list]:
    grouped: dict[Severity, list] = {s: [] for s in Severity}
    for rule in sorted(RULES.values(), key=lambda r: r.code):
        grouped[rule.severity].append(rule)
    return grouped


def render_rule_index() -> str:
    return render("rule_index.md.j2", grouped=rules_by_severity(), severities=list(Severity))


def render_rule_pages() -> dict[str, str]:
    pages = {f"{RULES_DIR}/index.md": render_rule_index()}
    for rule in RULES.values():
        pages[f"{RULES_DIR}/{rule.code}.md"] = render("rule.md.j2", rule=rule)
    return pages
