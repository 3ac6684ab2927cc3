"""Signage: the signs to print for a month (plan 910/KH-BHXH, Phụ lục 2 and 3).

An output branch beside the site, wired by `pipeline.run`: it reads the published directory of a
month (and of the month assumed printed), never the submissions' unpublished columns. `plan`
chooses the signs and gives the reasons, `records` writes CSV/JSON and the quantities table,
`fit` and `proof` the 90 × 130 cm print proof, `site` the staff page, `job` the command-line
print job (`python -m generator signage`).
"""

from generator.signage.plan import ProvinceTally, Sign, SignPlan, plan_signs

__all__ = ["ProvinceTally", "Sign", "SignPlan", "plan_signs"]
