"""Shared by the benchmark sections: sizes as a phone on a slow link pays for them."""

from __future__ import annotations

import gzip
from pathlib import Path


def compressed_bytes(*paths: Path) -> int:
    """What the files cost over the wire with gzip (level 6, as static hosts serve them)."""
    return sum(len(gzip.compress(p.read_bytes(), compresslevel=6)) for p in paths)


def kb(size: int) -> str:
    return f"{size / 1024:.0f} KB"


def budget(label: str, value: float, limit: float, unit: str) -> None:
    verdict = "OK" if value <= limit else "MISSES the target"
    print(f"{label}: {value:,.1f} {unit} [target ≤ {limit:,.0f} {unit}] {verdict}")
