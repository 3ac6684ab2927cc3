"""phone_shapes.py: the leading digits that decide a pattern's answer, and the plan read once per
shape (length and those digits) giving each number what the plan gives it alone."""

from __future__ import annotations

import random
import re

from generator import phone_plan
from generator.phone_shapes import deciding_digits


def test_deciding_digits_is_the_last_position_that_is_not_any_digit():
    assert deciding_digits([r"(\d{3})(\d{4,5})"]) == 0
    assert deciding_digits([r"2(?:0[3-9]|1[0-689])\d{7}"]) == 3
    assert deciding_digits([r"121[0-3]\d{5}|9\d{8}"]) == 4
    assert deciding_digits([r"1[26]|6", r"[17]99\d{4}"]) == 3


def test_a_construct_not_read_as_digit_sets_leaves_the_plan_number_by_number():
    for pattern in (r"9\d+", r"[^0]\d{8}", r"9.\d{7}", r"(9)\1\d{7}", r"(?=9)\d{9}", r"9\d{8}$"):
        assert deciding_digits([pattern]) is None, pattern


def _one_by_one(nsn: str) -> tuple[int, str]:
    return phone_plan.number_type(nsn), phone_plan.format_national(nsn)


def test_numbers_sharing_a_shape_read_as_each_reads_alone():
    """Every 4-digit start at every length the plan knows, three numbers each: the first reads
    the shape, the others take it, and all agree with the plan applied to each alone."""
    assert phone_plan._deciding() == 4  # the figure this test's prefixes are sized for
    rng = random.Random(7)
    phone_plan.forget_shapes()
    for prefix in range(1000, 10000):
        for length in (7, 8, 9, 10):
            for _ in range(3):
                nsn = f"{prefix}{rng.randrange(10 ** (length - 4)):0{length - 4}d}"
                assert phone_plan.read(nsn) == _one_by_one(nsn), nsn


def test_short_and_odd_numbers_are_read_alone():
    for nsn in ("", "9", "912", "٩١٢٣٤٥٦٧٨", "91234567890123"):
        if nsn and re.fullmatch(r"\d+", nsn):
            assert phone_plan.read(nsn) == _one_by_one(nsn), nsn
