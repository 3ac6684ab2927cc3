"""Danh bạ điểm thu BHXH, BHYT: the pipeline load → validate → merge → enrich → render → build."""

# The rule catalogue first: every Finding reads its rule from it (see generator/findings.py).
from generator import rules as rules
