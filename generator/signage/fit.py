"""Fitting text into the fixed boxes of the sign: the largest font size, between a ceiling and a
floor, at which the text wrapped word by word fills no more lines than the box holds.

Widths are estimated from Noto Sans, the one typeface the proof embeds (generator/render/fonts.py),
a little on the wide side; the proof page also shrinks any box the browser finds overflowing, so an
estimate that is off never cuts text. The floors are chosen so that the longest values the
contract allows (200 characters of agent name, 300 of address) still fit at the floor.

A place name of two or three syllables ("Nậm Tăm", "Lai Châu") is kept on one line: its spaces
become no-break spaces, unless the name alone is wider than the line at the size found, where
breaking inside it is the only break there is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

NBSP = "\u00a0"
# Words that name the kind of place before its name ("Xã Nậm Tăm"): they end a run, never join it.
UNIT_WORDS = frozenset(
    [
        "xã",
        "phường",
        "thị",
        "trấn",
        "đặc",
        "khu",
        "tỉnh",
        "thành",
        "phố",
        "thôn",
        "bản",
        "ấp",
        "xóm",
        "tổ",
        "làng",
        "buôn",
        "sóc",
        "số",
    ]
)

SAFETY = 1.06  # widths are over-estimated by this much: kerning and hinting differ by renderer
STEP = 0.96  # each try is 4 % smaller
# Vietnamese letters come from the typeface's second subset file (generator/render/fonts.py),
# whose vertical metrics differ: a line mixing both is up to about 3 % taller than line-height.
LINE_SAFETY = 1.04


@dataclass(frozen=True)
class Box:
    width_cm: float
    height_cm: float
    ceiling_cm: float  # font size of a short text
    floor_cm: float  # never smaller: still readable from across the street
    line_height: float
    bold: bool = False
    upper: bool = False


# Advance widths in em of Noto Sans 5.3.0 (regular, bold), measured in Chromium from the embedded
# woff2 files (a 100 px span per character). Letters with a tone mark or circumflex take their base
# letter's width; the horn letters ư ơ are wider and listed themselves.
_MEASURED = "abcdefghijklmnopqrstuvwxyzđABCDEFGHIJKLMNOPQRSTUVWXYZĐ0123456789.,;:()-/ươƯƠ"
_REGULAR = (
    0.561,
    0.615,
    0.48,
    0.615,
    0.564,
    0.344,
    0.615,
    0.618,
    0.258,
    0.258,
    0.534,
    0.258,
    0.935,
    0.618,
    0.605,
    0.615,
    0.615,
    0.413,
    0.479,
    0.361,
    0.618,
    0.508,
    0.786,
    0.529,
    0.51,
    0.47,
    0.617,
    0.639,
    0.65,
    0.632,
    0.73,
    0.556,
    0.519,
    0.728,
    0.741,
    0.339,
    0.273,
    0.619,
    0.524,
    0.907,
    0.76,
    0.781,
    0.605,
    0.781,
    0.622,
    0.549,
    0.556,
    0.731,
    0.6,
    0.93,
    0.586,
    0.566,
    0.572,
    0.73,
    0.572,
    0.572,
    0.572,
    0.572,
    0.572,
    0.572,
    0.572,
    0.572,
    0.572,
    0.572,
    0.268,
    0.268,
    0.268,
    0.268,
    0.3,
    0.3,
    0.322,
    0.372,
    0.674,
    0.616,
    0.78,
    0.784,
)
_BOLD = (
    0.599,
    0.632,
    0.516,
    0.632,
    0.597,
    0.387,
    0.632,
    0.65,
    0.299,
    0.298,
    0.62,
    0.298,
    0.975,
    0.65,
    0.625,
    0.632,
    0.632,
    0.447,
    0.502,
    0.434,
    0.65,
    0.571,
    0.856,
    0.578,
    0.571,
    0.493,
    0.645,
    0.692,
    0.665,
    0.642,
    0.732,
    0.56,
    0.549,
    0.724,
    0.765,
    0.389,
    0.331,
    0.664,
    0.559,
    0.943,
    0.813,
    0.791,
    0.621,
    0.791,
    0.656,
    0.551,
    0.577,
    0.756,
    0.65,
    0.967,
    0.67,
    0.626,
    0.579,
    0.732,
    0.572,
    0.572,
    0.572,
    0.572,
    0.572,
    0.572,
    0.572,
    0.572,
    0.572,
    0.572,
    0.281,
    0.285,
    0.285,
    0.281,
    0.339,
    0.339,
    0.32,
    0.415,
    0.757,
    0.681,
    0.885,
    0.821,
)
_WIDTHS = {False: dict(zip(_MEASURED, _REGULAR, strict=True)), True: dict(zip(_MEASURED, _BOLD, strict=True))}
_HORN = "\u031b"


@lru_cache(maxsize=4096)
def char_em(char: str, bold: bool) -> float:
    """Advance width of a character in em, in Noto Sans."""
    if char in " \u00a0":
        return 0.26
    decomposed = unicodedata.normalize("NFD", char)
    base = decomposed[0]
    if _HORN in decomposed:
        base = unicodedata.normalize("NFC", base + _HORN)
    known = _WIDTHS[bold].get(base)
    if known is not None:
        return known
    return 0.8 if bold else 0.75  # anything else: on the wide side


@lru_cache(maxsize=65536)
def word_em(word: str, bold: bool) -> float:
    """Words repeat across thousands of signs ("Bưu điện", "Thôn", "xã"): measured once."""
    return sum(char_em(c, bold) for c in word) * SAFETY


def _word_widths(text: str, box: Box) -> list[float]:
    """Widths of the pieces a line may break between: no-break spaces hold a name together."""
    shown = text.upper() if box.upper else text
    return [word_em(word, box.bold) for word in re.split(r"[ \t\n]+", shown.strip()) if word]


def _is_capitalised(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and letters[0].isupper()


def name_runs(text: str) -> list[tuple[int, int]]:
    """(first, last) word indexes of each run of 2–3 capitalised words after the first word: the
    proper names ("xã Nậm Tăm"). Longer runs, and text in capitals, say nothing about names."""
    words = text.split(" ")
    if text.upper() == text:
        return []
    runs, start = [], None
    for i, word in enumerate([*words, ""]):
        keyword = word.lower().strip(",.;:") in UNIT_WORDS
        if 0 < i < len(words) and _is_capitalised(word) and not keyword:
            start = i if start is None else start
            continue
        if start is not None and 2 <= i - start <= 3:
            runs.append((start, i - 1))
        start = None
    return runs


def glue_names(text: str, runs: list[tuple[int, int]] | None = None) -> str:
    """`text` with the spaces inside each name run made no-break spaces."""
    words = text.split(" ")
    glue = {i for first, last in (name_runs(text) if runs is None else runs) for i in range(first, last)}
    return "".join(w + (NBSP if i in glue else " ") for i, w in enumerate(words))[:-1] if words else text


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


def fitted(text: str, box: Box) -> tuple[str, float]:
    """The text as printed (names glued where a line can hold them) and its font size."""
    runs = name_runs(text)
    if not runs:
        return text, fit(text, box)
    glued = glue_names(text, runs)
    size = fit(glued, box)
    shown = glued.upper() if box.upper else glued
    too_wide = any(word_em(w, box.bold) * size > box.width_cm for w in shown.split(" ") if NBSP in w)
    return (text, fit(text, box)) if too_wide else (glued, size)


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
        if lines * box.line_height * LINE_SAFETY * size <= box.height_cm:
            break
        size *= STEP
    return round(max(size, box.floor_cm), 2)
