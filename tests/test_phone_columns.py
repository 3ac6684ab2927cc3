"""A list's phone columns read at once (validation speed, issue 20) give what each cell and row
gives read alone: `parse_phones` is `parse_phone` of every cell, `phone_plan.read_written` is
`read_digits` of every written number, and the rows `check_phones` reads by C loops carry what
`resolve_phones` reads of them."""

from __future__ import annotations

import random

import pytest
from conftest import DATA_ROOT, MONTH, PROVINCE_OF, SUBMISSIONS
from real_lists import real_rows
from test_phone_plan import phone_cells

from generator import phone_plan
from generator.load import load_file
from generator.phone_shapes import deciding_starts
from generator.phones import misplaced, parse_phone, parse_phones, read_column
from generator.units import admin_units
from generator.validate.checks import Context
from generator.validate.checks.phones import cache_clear, check_phones, resolve_phones
from generator.validate.clean import clean_cells
from generator.validate.mapping import map_columns


def test_deciding_starts_are_the_shortest_that_decide_every_pattern():
    assert deciding_starts([r"\d{3}"]) == {""}
    # "9[0-8]" is decided by two digits, "99" needs the third; other first digits match nothing.
    expected = {*"012345678", *(f"9{d}" for d in "012345678"), *(f"99{d}" for d in "0123456789")}
    assert deciding_starts([r"9[0-8]\d|99[1-3]"]) == expected
    assert deciding_starts([r"(9)\1\d{7}"]) is None


def test_the_plan_deciding_starts_cover_every_number_once():
    starts = phone_plan._starts()
    assert starts is not None
    for number in (str(n).zfill(4) for n in range(10_000)):  # every start of K = 4 digits has one
        assert sum(number[:length] in starts for length in range(5)) == 1, number


def _written_numbers(seed: int) -> list[str]:
    """Numbers written with the trunk 0 at both lengths read together, three for every start of
    three digits, and texts that only look like them."""
    rng = random.Random(seed)
    numbers = []
    for start in range(100, 1000):
        for length in (10, 11):
            rest = length - 4
            tails = {"0" * rest, "9" * rest, str(rng.randrange(10**rest)).zfill(rest)}
            numbers += [f"0{start}{tail}" for tail in tails]
    return [*numbers, "00912345678", "0912-345678", "０９１２３４５６７８", "091234567", "091234567890", "0"]


def test_written_numbers_read_together_as_each_reads_alone():
    """Each number's type and national format, the numbers of one answer formatted together."""
    phone_plan.forget_shapes()
    numbers = _written_numbers(3)
    read = phone_plan.read_written(numbers)
    by_form: dict[phone_plan.Written, list[str]] = {}
    for number, found in zip(numbers, read, strict=True):
        if found is not None:  # else left to the one-number path
            by_form.setdefault(found, []).append(number)
    together = 0
    for form, group in by_form.items():
        together += len(group)
        formatted = phone_plan.national_formats(group, form)
        alone = [phone_plan.read_digits(number[1:]) for number in group]
        assert [(form[0], display) for display in formatted] == alone
        assert phone_plan.national_formats(group[:1], form) == formatted[:1]  # alone as together
    assert together > 4000  # nearly every one is read together
    assert 1 < len(by_form) < 20  # numbers formatted alike share one answer
    assert read[-6:] == [None] * 6  # the international prefix, a dash, wide digits, lengths, the trunk alone


@pytest.fixture(scope="module")
def development_cells() -> set[str]:
    cells = phone_cells(SUBMISSIONS)
    cells |= {v for row in real_rows() for k, v in row.items() if k and "thoại" in k.lower() and v}
    rng = random.Random(5)
    for number in _written_numbers(4):  # the ways clerks group digits, and some they should not
        at = rng.randrange(1, max(2, len(number)))
        cells |= {
            number,
            f"{number[:4]} {number[4:7]} {number[7:]}",
            f"{number[:4]}.{number[4:8]}.{number[8:]}",
            f"{number[:at]} {number[at:]}",
            f"{number[1:]}",
            f"{number[:4]}-{number[4:]}",
            f"{number} ",
        }
    # A cell with a line break makes the column's texts be compacted one by one.
    return cells | {"", " ", ".", "0.", "ĐT: 0912 037 468", "0912.037.468\n0243 825 1234"}


def test_a_column_reads_as_each_cell_reads_alone(development_cells):
    cache_clear()
    parse_phone.cache_clear()
    together = parse_phones(development_cells)
    parse_phone.cache_clear()
    phone_plan.forget_shapes()
    assert together == {cell: parse_phone(cell) for cell in development_cells}
    assert sum(phone is not None for phone in together.values()) > 5_000


def test_a_column_finds_the_cells_to_read_in_full_as_each_cell_says(development_cells):
    """`read_column`: `parse_phone` of each cell in order, and the cells that are not a number of
    today in their own column, told by kind for all the numbers of a format (one kind, mixed) as
    `misplaced` tells them cell by cell."""
    mobiles = {cell for cell in development_cells if not misplaced(parse_phone(cell), mobile=True)}
    for cells in (sorted(development_cells), sorted(mobiles), [*mobiles, "", *mobiles]):
        for mobile in (False, True):
            column = read_column(cells, mobile)
            assert column.phones == list(map(parse_phone, cells))
            assert column.unprinted == {c for c in cells if c and misplaced(parse_phone(c), mobile)}
            assert column.empty == ("" in cells)
    assert len(mobiles) > 1_000
    assert read_column([*mobiles, ""], mobile=True).unprinted == set()
    assert read_column(list(mobiles), mobile=False).unprinted == mobiles


def _tables():
    for path in sorted([*SUBMISSIONS.glob("*.csv"), *(SUBMISSIONS / "dien-thoai").glob("*.csv")]):
        loaded = load_file(path, DATA_ROOT, PROVINCE_OF.get(path.name, "lai-chau"), MONTH)
        if loaded.table is not None:
            table, _ = map_columns(loaded.table, loaded.file)
            yield path.name, loaded.province_slug, clean_cells(table)[0]


def test_every_row_read_by_the_check_carries_what_the_full_reading_gives():
    """The rows read by C loops (numbers of today, each in its column) and the others alike."""
    units = admin_units()
    rows = 0
    for name, slug, table in _tables():
        province = units.province_by_slug(slug) if slug else None
        context = Context(province, units)
        list(check_phones(table, context))
        read = context.readings.get("phones", {})
        for row in table.rows if read else ():
            rows += 1
            assert read[row.row] == resolve_phones(row.values, province, units), (name, row.row)
    assert rows > 100
