"""Danh bạ điểm thu BHXH, BHYT: the pipeline load → validate → merge → enrich → render → build."""
