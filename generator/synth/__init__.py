"""Synthetic collection-point lists: realistic, deterministic monthly CSVs for the 34 provinces.

`write_synthetic_dataset` makes a dataset of any size for tests and benchmarks, with a manifest of
every planted change; `write_sample_dataset` regenerates the small sample bundled in
`directory_data/`. Command line: `python -m generator synth --help` (`--sample` regenerates the
bundled sample).
"""

from generator.synth.dataset import (
    MANIFEST_NAME,
    MonthChanges,
    ProvinceSummary,
    Quirk,
    SynthError,
    SynthSummary,
    write_synthetic_dataset,
)
from generator.synth.reference import (
    OLD_PROVINCE_ALIASES,
    OldProvinceQuantity,
    load_quantities,
    resolve_old_province,
    signs_by_province,
)
from generator.synth.sample import write_sample_dataset

__all__ = [
    "MANIFEST_NAME",
    "OLD_PROVINCE_ALIASES",
    "MonthChanges",
    "OldProvinceQuantity",
    "ProvinceSummary",
    "Quirk",
    "SynthError",
    "SynthSummary",
    "load_quantities",
    "resolve_old_province",
    "signs_by_province",
    "write_sample_dataset",
    "write_synthetic_dataset",
]
