"""Fitting text into the fixed boxes of the sign: the largest font size, between a ceiling and a
floor, at which the text wrapped word by word fills no more lines than the box holds.

Widths are estimated from Liberation Sans (Arial's metrics), the font the proof asks for, a little
on the wide side; the proof page also shrinks any box the browser finds overflowing, so an
estimate that is off never cuts text. The floors are chosen so that the longest values the
contract allows (200 characters of agent name, 300 of address) still fit at the floor.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

SAFETY = 1.06  # widths are over-estimated by this much: kerning and hinting differ by renderer
STEP = 0.96  # each try is 4 % smaller


@dataclass(frozen=True)
class Box:
    width_cm: float
    height_cm: float
    ceiling_cm: float  # font size of a short text
    floor_cm: float  # never smaller: still readable from across the street
    line_height: float
    bold: bool = False
    upper: bool = False


@lru_cache(maxsize=4096)
def char_em(char: str, bold: bool) -> float:
    """Advance width of a character in em, for a proportional sans-serif."""
    if char == " ":
        return 0.278
    base = unicodedata.normalize("NFD", char)[0]
    if base in "ijl.,;:'!|·":
        return 0.30 if bold else 0.28
    if base in "ftrI()[]-/–":
        return 0.39 if bold else 0.35
    if base in "mwMW@%":
        return 0.95 if bold else 0.89
    if base.isdigit():
        return 0.56
    if base.isupper():
        return 0.76 if bold else 0.72
    if base.islower():
        return 0.60 if bold else 0.55
    return 0.65


@lru_cache(maxsize=65536)
def word_em(word: str, bold: bool) -> float:
    """Words repeat across thousands of signs ("Bưu điện", "Thôn", "xã"): measured once."""
    return sum(char_em(c, bold) for c in word) * SAFETY


def _word_widths(text: str, box: Box) -> list[float]:
    shown = text.upper() if box.upper else text
    return [word_em(word, box.bold) for word in shown.split()]


def lines_needed(widths: list[float], size_cm: float, width_cm: float) -> int:
    """Lines a greedy word wrap fills; a word wider than the line breaks anywhere (the proof's
    CSS says `overflow-wrap: anywhere`)."""
    space = 0.278 * size_cm
    lines, used = 1, 0.0
    for em in widths:
        word = em * size_cm
        if used and used + space + word <= width_cm:
            used += space + word
            continue
        if used:
            lines += 1
        while word > width_cm:
            lines += 1
            word -= width_cm
        used = word
    return lines


@lru_cache(maxsize=65536)
def fit(text: str, box: Box, paragraphs: int = 1) -> float:
    """Font size in cm (two decimals) for `text` in `box`; `paragraphs` lines are separate
    blocks (the phones), `text` then holds them joined by newlines."""
    blocks = [_word_widths(part, box) for part in text.split("\n")][: max(paragraphs, 1)]
    # No size above the one at which the text, laid end to end, fills the box exactly can fit:
    # start there rather than at the ceiling.
    area_em = sum(sum(widths) + 0.278 * max(len(widths) - 1, 0) for widths in blocks)
    size = box.ceiling_cm
    if area_em:
        size = min(size, (box.height_cm * box.width_cm / (area_em * box.line_height)) ** 0.5)
    while size > box.floor_cm:
        lines = sum(lines_needed(widths, size, box.width_cm) for widths in blocks)
        if lines * box.line_height * size <= box.height_cm:
            break
        size *= STEP
    return round(max(size, box.floor_cm), 2)
