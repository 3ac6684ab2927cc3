"""Synthetic collection-point lists: realistic, deterministic monthly CSVs for the 34 provinces.

`write_synthetic_dataset` makes a dataset of any size for tests and benchmarks, with a manifest of
every planted change; `write_sample_dataset` regenerates the small sample bundled in
`directory_data/`. Command line: `python -m generator synth --help` (`--sample` regenerates the
bundled sample).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# Each name from its module when first asked for: the build reads the reference quantities
# (synth/reference.py) and must not import the generator of fake data, phonenumbers' geocoder
# with it (a quarter of a second).
_MODULES = {
    "MANIFEST_NAME": "dataset",
    "MonthChanges": "dataset",
    "ProvinceSummary": "dataset",
    "Quirk": "dataset",
    "SynthError": "dataset",
    "SynthSummary": "dataset",
    "write_synthetic_dataset": "dataset",
    "OLD_PROVINCE_ALIASES": "reference",
    "OldProvinceQuantity": "reference",
    "load_quantities": "reference",
    "resolve_old_province": "reference",
    "signs_by_province": "reference",
    "write_sample_dataset": "sample",
}


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"generator.synth.{_MODULES[name]}"), name)


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
