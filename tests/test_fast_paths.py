"""The shortcuts validation takes give exactly what the general way gives: folding Latin text by
table, finding a file's first line without splitting the whole file, and a row's cells taken by a slice
when its columns are side by side."""

from __future__ import annotations

import random

from generator.load.table import _first_filled_line
from generator.text import _fold_any, fold
from generator.validate.mapping import _cells_at

LATIN = [chr(p) for p in (*range(0x80), *range(0xC0, 0x250), *range(0x1E00, 0x1F00))]


def test_every_latin_character_folds_as_the_general_way_does():
    for char in LATIN:
        fold.cache_clear()
        assert fold(char) == _fold_any(char), repr(char)


def test_latin_text_with_any_spacing_folds_as_the_general_way_does():
    rng = random.Random(7)
    alphabet = [*LATIN, " ", "  ", "\t", "\n", "\x1c", "\x0b"]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        fold.cache_clear()
        assert fold(text) == _fold_any(text), repr(text)


def test_vietnamese_folds_to_lower_case_ascii():
    assert fold("  Điểm thu  BƯU ĐIỆN\tXã Tà Xùa ") == "diem thu buu dien xa ta xua"


def test_text_outside_latin_still_folds():
    # Combining marks written apart, a Greek final sigma, a no-break space.
    assert fold("Đie\u0302\u0323n") == "dien"
    assert fold("ΟΔΟΣ\u00a0A") == _fold_any("ΟΔΟΣ\u00a0A") == "οδος a"


def test_the_first_filled_line_is_the_one_splitlines_gives():
    rng = random.Random(3)
    pieces = ["a", "b", " ", "\n", "\r", "\r\n", "\x0b", "\x1c", "\u2028", "\x85", ",", '"']
    for n in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        if n % 10 == 0:  # blank lines past the first slices, a line break cut between two
            text = rng.choice(["\n", "\r\n", " \r", "\r"]) * rng.randint(1000, 6000) + text
        expected = next((line for line in text.splitlines() if line.strip()), "")
        assert _first_filled_line(text) == expected, repr(text[-60:])


def test_cells_side_by_side_are_taken_as_each_by_its_position():
    rng = random.Random(11)
    for _ in range(2000):
        width = rng.randint(1, 9)
        cells = tuple(f"c{i}" for i in range(width + rng.randint(0, 3)))
        indexes = tuple(sorted(rng.sample(range(width), rng.randint(0, width))))
        assert _cells_at(indexes)(cells) == tuple(cells[i] for i in indexes), indexes
