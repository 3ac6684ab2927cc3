"""The numbering plan compiled from phonenumbers' metadata (generator/phone_plan.py) gives what the
library itself gives: type, national format and E.164 of every number of the development sets
(synthetic, sample, real, the phone submissions) and of numbers generated for every four-digit
prefix at every length the shortcut reads."""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

import phonenumbers
import pytest
from conftest import SUBMISSIONS
from phonenumbers import PhoneNumberFormat, PhoneNumberType
from real_lists import real_rows
from sample_data import sample_root

from generator import phone_plan
from generator.phones import Phone, parse_compact
from generator.synth import write_synthetic_dataset

_MOBILE = {PhoneNumberType.MOBILE}
_FIXED = {PhoneNumberType.FIXED_LINE, PhoneNumberType.VOIP}
_SERVICE = {
    PhoneNumberType.TOLL_FREE,
    PhoneNumberType.PREMIUM_RATE,
    PhoneNumberType.SHARED_COST,
    PhoneNumberType.UAN,
}
_DIGITS = re.compile(r"\d+")
_SEPARATORS = re.compile(r"[\s.\-()/']+")


def library(compact: str) -> Phone | None:
    """The number read by phonenumbers alone (parse, number_type, format_number)."""
    try:
        number = phonenumbers.parse(compact, "VN")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 84:
        return None
    kind = phonenumbers.number_type(number)
    if kind != PhoneNumberType.UNKNOWN and not phonenumbers.is_valid_number(number):
        raise AssertionError(f"{compact}: a type for an invalid number")
    kinds = (("mobile", _MOBILE), ("fixed", _FIXED), ("service", _SERVICE))
    found = next((name for name, types in kinds if kind in types), None)
    if found is None:
        return None
    display = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return Phone(display, e164, found, False)


def compacts(cell: str) -> set[str]:
    """The digit strings a phone cell may be read as: the cell without separators, each digit
    group, and each with the trunk 0 a spreadsheet dropped."""
    found = {_SEPARATORS.sub("", cell), *_DIGITS.findall(cell)}
    return {c for d in found if d.isdigit() for c in (d, "0" + d)}


def phone_cells(folder: Path) -> set[str]:
    cells: set[str] = set()
    for path in folder.rglob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                cells.update(v for k, v in row.items() if k and "Điện thoại" in k and v)
    return cells


@pytest.fixture(scope="module")
def development_numbers(tmp_path_factory) -> set[str]:
    synthetic = tmp_path_factory.mktemp("synth")
    write_synthetic_dataset(synthetic, points=1500, months=1, seed=1)
    cells = phone_cells(synthetic) | phone_cells(sample_root() / "provinces") | phone_cells(SUBMISSIONS)
    cells |= {v for row in real_rows() for k, v in row.items() if k and "thoại" in k.lower() and v}
    return {c for cell in cells for c in compacts(cell)}


def test_every_number_of_the_development_sets_reads_as_the_library_reads_it(development_numbers):
    shortcut = [c for c in development_numbers if phone_plan_reads(c)]
    assert len(shortcut) > 3000  # the sets' numbers, not a handful
    for compact in sorted(development_numbers):
        parse_compact.cache_clear()
        assert parse_compact(compact) == library(compact), compact


def test_numbers_of_every_prefix_and_length_read_as_the_library_reads_them():
    rng = random.Random(20)
    checked = valid = 0
    for prefix in range(1000, 10000):
        for length in (9, 10):  # the national significant numbers the shortcut reads
            rest = length - 4
            tails = {"9" * rest, *(str(rng.randrange(10**rest)).zfill(rest) for _ in range(2))}
            for tail in tails:
                compact = f"0{prefix}{tail}"
                parse_compact.cache_clear()
                expected = library(compact)
                assert parse_compact(compact) == expected, compact
                checked += 1
                valid += expected is not None
    assert checked > 50_000 and valid > 5_000  # every kind of number, not only invalid ones


def test_the_plan_is_the_libraries_own_on_its_example_numbers():
    metadata = phonenumbers.PhoneMetadata.metadata_for_region("VN")
    for name in ("fixed_line", "mobile", "toll_free", "premium_rate", "voip", "uan"):
        example = getattr(metadata, name).example_number
        number = phonenumbers.parse(example, "VN")
        assert phone_plan.number_type(example) == phonenumbers.number_type(number), name
        expected = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
        assert phone_plan.format_national(example) == expected, name


def phone_plan_reads(compact: str) -> bool:
    return len(compact) in (10, 11) and compact[0] == "0" and compact[1] != "0" and compact.isdigit()
