"""A commune cell that names several places: "Di Luân – Quảng Tùng" (a village, then its commune),
"Nhân Hòa, Quảng Hòa", "Hòa Phước - Hòa Châu" (two communes). Read as Vietnamese addresses are
written, from the smallest unit to the largest: the last part that names a commune is the commune,
parts before it that name none are villages or hamlets. Every part that names a commune must land
in the same 2025 commune; otherwise the row is held naming each (no guessing between places)."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.places.match import Resolution

# En and em dashes anywhere, a hyphen with a space on a side ("Bà Rịa-Vũng Tàu" style names keep
# theirs), commas, semicolons, slashes, "+".
_SEPARATORS = re.compile(r"\s*[–—,;/+]\s*|\s+-\s*|\s*-\s+")
_MOST_PARTS = 4


def cell_parts(text: str) -> tuple[str, ...]:
    """The parts of a commune cell, or () when it is one name."""
    if not _SEPARATORS.search(text):
        return ()
    parts = tuple(part for part in (p.strip() for p in _SEPARATORS.split(text)) if part)
    return parts if 1 < len(parts) <= _MOST_PARTS else ()


def _names_commune(found: Resolution) -> bool:
    # A commune read from the address or the district does not make the part a commune name.
    return found.commune is not None and not (found.unnamed or found.from_address or found.by_district)


def read_parts(parts: tuple[str, ...], found: list[Resolution]) -> Resolution | None:
    """The commune the parts name together, a Resolution with candidates when they name different
    2025 communes, or None when they do not read as "villages, then a commune"."""
    if any(f.candidates or f.conflict for f in found):
        return None
    named = [i for i, f in enumerate(found) if _names_commune(f)]
    if not named:
        return None
    named_communes = [(i, commune) for i in named if (commune := found[i].commune) is not None]
    if len({commune.code for _, commune in named_communes}) > 1:
        return Resolution(candidates=tuple(f"“{parts[i]}” ({commune.name})" for i, commune in named_communes))
    last = named[-1]
    if last != len(parts) - 1 and not all(_names_commune(f) for f in found[last + 1 :]):
        # Something unknown after the commune: not the usual order, so held, with what was read.
        commune = found[last].commune
        return Resolution(suggestions=(f"{commune.name} (theo “{parts[last]}”)",)) if commune else None
    dropped = tuple(parts[i] for i in range(len(parts)) if i not in named)
    return replace(found[last], part=" – ".join(parts[i] for i in named), dropped=dropped)
