"""The validation's fast paths give what the plain readings they replace give: points built
without the dataclass's __init__, codes folded together, controls counted in bytes, the column
screens' shared scan, toned keys, legacy-font marks counted in Latin-1 bytes."""

from __future__ import annotations

import itertools
import pickle

import pytest

from generator.model import Point, point_columns, points_from_columns


def test_points_made_from_columns_are_the_named_tuples_own():
    names = Point._fields
    values = {name: f"v{index}" for index, name in enumerate(names)} | {"lat": 1.5, "lon": None}
    # Columns given in another order than the fields': each is put in its own field.
    (fast,) = points_from_columns({name: (values[name],) for name in reversed(names)})
    plain = Point(**values)
    assert type(fast) is Point and fast == plain and hash(fast) == hash(plain)
    assert fast.as_dict() == plain.as_dict() == values
    assert pickle.loads(pickle.dumps(fast)) == plain and type(pickle.loads(pickle.dumps(fast))) is Point
    assert repr(fast) == repr(plain)
    assert points_from_columns(point_columns([fast, plain])) == [plain, plain]
    assert points_from_columns(point_columns([])) == []


def test_points_are_not_made_from_missing_or_unknown_columns():
    columns = {name: ("x",) for name in Point._fields}
    with pytest.raises(AssertionError):
        points_from_columns({name: column for name, column in columns.items() if name != "hours"})
    with pytest.raises(AssertionError):
        points_from_columns(columns | {"staff": ("x",)})


def test_validated_points_are_the_points_of_their_fields():
    """The validation cache (validate/cache.py) pickles the points as plain tuples and makes them
    again by `tuple.__new__`: those built by records.build_points carry every field in the
    class's order, as Point(**fields) does."""
    from sample_data import sample_validation

    points = [point for item in sample_validation().validated for point in item.points]
    assert len(points) > 1000
    for point in points[:: len(points) // 50]:
        plain = Point(**point._asdict())
        assert type(point) is Point and point == plain
        assert pickle.dumps(point) == pickle.dumps(plain)


def test_codes_folded_together_are_each_folded_alone():
    from generator.validate.checks.identity import _code_key, _code_keys

    codes = {
        "LCU-0001",
        "lcu_0001",
        "LCU 0001",
        " lcu.0001 ",
        "A\tB\x01C",
        "ĐBN-01",
        "Bưu điện 5",
        "点-7",
        "X\u200bY",
        "",
        "___",
        "a\nb",
        "Z" * 200,
    }
    assert _code_keys(codes) == {code: _code_key(code) for code in codes}
    assert _code_keys(set()) == {}
    assert _code_keys({"ABC-1", "abc_1", "X"}) == {"ABC-1": "abc1", "abc_1": "abc1", "X": "x"}


def test_codes_compared_tell_rows_apart_as_their_keys_do():
    """However `_compared` takes a list's codes (each once in ASCII, keys alike, other scripts,
    punctuation alone), two rows' codes compare equal when their keys (or, for a key left empty,
    the codes as written) are equal, and those found more than once are those."""
    from collections import Counter

    from generator.validate.checks.identity import _code_key, _compared

    lists = [
        ("LCU-0001", "LCU-0002", "X-1"),
        ("LCU-0001", "lcu_0001", "X-1"),
        ("LCU-0001", "LCU-0001", "X-1"),
        ("---", "LCU-0001", "..."),
        ("---", "---", ""),
        ("ĐBN-01", "dbn 01", "A"),
        ("a\nb", "AB", "c"),
        ("", "", "A"),
        (),
    ]
    for codes in lists:
        expected = [_code_key(code) or code for code in codes]
        compared, repeated = _compared(codes)
        assert len(compared) == len(codes)
        for first, second in itertools.product(range(len(codes)), repeat=2):
            assert (compared[first] == compared[second]) == (expected[first] == expected[second]), codes
        assert repeated == {key for key, count in Counter(compared).items() if count > 1}, codes


def test_folding_keeps_a_texts_digits_so_addresses_of_other_digits_are_not_folded():
    """check_identity folds only the addresses whose digits come back: `fold` neither drops an
    ASCII digit nor makes one, whatever the character (each is folded alone, and a text is
    folded character by character but for spaces and combining marks, which are no digits)."""
    from generator.text import fold
    from generator.validate.checks.identity import _digits

    def digits(text: str) -> str:
        return "".join(char for char in text if "0" <= char <= "9")

    for point in range(0x30000):
        if not 0xD800 <= point <= 0xDFFF:
            char = chr(point)
            assert digits(fold(f"a{char}1{char}")) == digits(f"a{char}1{char}"), hex(point)
    cells = ("Số 12, Ấp 3", "số 12 ấp 3", "Ấp\n7", "", "Thôn Đông", "Số 12, Ấp 3", "x\ud800 9")
    assert [found.decode() for found in _digits(cells)] == [digits(cell) for cell in cells]
    assert [found.decode() for found in _digits(cells[:2])] == ["123", "123"]


def test_control_characters_counted_among_the_screened_are_those_of_the_text():
    from generator.load.decode import _CONTROL, _controls, _screened

    texts = ("", "a,b\r\n", "\x00\x01\t\n\x0b\x1f\x7f\x80\u0085", "Đ\ufffdx\ufffd", "\ufeffé\x1b[0m")
    texts += ("µ\x1cø\x0c", "Hµ Néi\x7f")
    for text in texts:
        assert _controls(_screened(text), text) == len(_CONTROL.findall(text)), repr(text)


def test_what_the_cell_screens_look_for_lies_outside_the_plain_characters():
    """A column without a character outside `_OUTSIDE_PLAIN`'s set skips these patterns' scans:
    none of them may match a plain character."""
    import sys

    from generator.validate import clean
    from generator.validate.checks import cells, content
    from generator.validate.columns import _OUTSIDE_PLAIN, outside_plain

    everything = "".join(map(chr, range(sys.maxunicode + 1))).encode("utf-8", "surrogatepass")
    text = everything.decode("utf-8", "surrogatepass")
    plain = _OUTSIDE_PLAIN.sub("", text)
    assert "\n" in plain and "a" in plain and "ệ" in plain and "\t" not in plain and "\u00ad" not in plain
    for pattern in (clean._INVISIBLE, clean._ODD_SPACE, clean._UNUSUAL, cells._CONTROL, content._INVISIBLE):
        assert pattern.search(plain) is None, pattern.pattern
    assert content._REPLACEMENT not in plain
    assert not outside_plain(plain) and outside_plain(plain + "\t")


def test_an_ascii_columns_screen_finds_the_characters_the_regex_finds():
    """`outside_plain` reads an ASCII text by bytes, not by `_OUTSIDE_PLAIN`: the same answer for
    every ASCII character, wherever it stands."""
    from generator.validate.columns import _OUTSIDE_PLAIN, forget_columns, outside_plain

    for char in map(chr, range(128)):
        for text in (char, f"ab\n{char}", f"{char}\ncd", f"a{char}b"):
            assert outside_plain(text) == (_OUTSIDE_PLAIN.search(text) is not None), repr(text)
    forget_columns()


def test_a_columns_screen_beyond_ascii_finds_the_characters_the_search_finds():
    """`outside_plain` reads a text beyond ASCII as one run of plain characters
    (`_PLAIN_RUN.fullmatch`), not by searching `_OUTSIDE_PLAIN`: the same answer for every
    character of the Basic Multilingual Plane (and a sample beyond), wherever it stands."""
    from generator.validate.columns import _OUTSIDE_PLAIN, forget_columns, outside_plain

    points = [*range(0x10000), *range(0x10000, 0x110000, 101)]
    for char in map(chr, points):
        for text in (f"Đ{char}", f"{char}ệ", f"Số 1\n{char}\nấp"):
            assert outside_plain(text) == (_OUTSIDE_PLAIN.search(text) is not None), repr(text)
    forget_columns()


def test_the_scheme_screen_read_backwards_finds_what_the_scheme_pattern_finds():
    from generator.validate.checks.cells import _COLON_SCHEME, _SCHEME_COLON

    texts = ["javascript:", "data :", "ta\u00a0:", "Kiểm tra ngày 21/8: x", "t\n:", "a:\nT :", ":t", "x"]
    texts.append("a\t\t:")
    texts += [f"{a}{space}:" for a in "tTaAbé:" for space in ("", " ", "\u2003", "\n", "x ")]
    for text in texts:
        assert (_COLON_SCHEME.search(text[::-1]) is None) == (_SCHEME_COLON.search(text) is None), repr(text)


def test_plain_coordinates_lines_read_possessively_as_the_pattern_with_backtracking():
    import itertools
    import re

    from generator.geo import _PLAIN_LINES

    backtracking = re.compile(r"-?[0-9]{1,3}(?:\.[0-9]+)?(?:\n-?[0-9]{1,3}(?:\.[0-9]+)?)*")
    for size in range(1, 7):
        for text in map("".join, itertools.product("19-.\nx", repeat=size)):
            fast, slow = _PLAIN_LINES.fullmatch(text), backtracking.fullmatch(text)
            assert (fast is None) == (slow is None), repr(text)


def test_a_formula_screen_finds_what_a_look_at_each_line_finds():
    from generator.validate.checks.cells import _FORMULA_START, _starts_formula

    for text in ("", "a", "=1", "a\n+1", "a-b\nc", "a\n-", "x@y", "@a", "a\nb\n@c", "a=b\nc+d", "–1"):
        assert _starts_formula(text) == any(line.startswith(_FORMULA_START) for line in text.split("\n"))


def test_a_columns_distinct_values_are_its_cells_and_an_empty_one_without_the_column():
    from generator.validate.columns import column_values, forget_columns
    from generator.validate.mapping import MappedTable, Row

    rows = tuple(Row(n, n, {"province": p}, (p,)) for n, p in enumerate(["A", "B", "A", ""], start=2))
    table = MappedTable("p/2026-01.csv", {"province": "Tỉnh"}, rows)
    assert column_values(table, "province") == {"A", "B", ""}
    assert column_values(table, "commune") == {""}
    assert column_values(MappedTable("p/2026-01.csv", {}, ()), "commune") == set()
    forget_columns()


def test_toned_keys_are_those_of_the_character_by_character_reading():
    import unicodedata

    from generator.places import names
    from generator.units import admin_units

    def by_characters(text: str) -> str:
        decomposed = unicodedata.normalize("NFD", text.casefold())
        tones = "".join(ch for ch in decomposed if ch in names._TONES)
        letters = "".join(ch for ch in decomposed if ch not in names._TONES)
        base = names._NOT_LETTER.sub("", unicodedata.normalize("NFC", letters)).replace("_", "")
        return names._strip_zeros(base) + "|" + tones

    units = admin_units()
    texts = {c.name for p in units.provinces.values() for c in units.communes_of(p.code)}
    texts |= {c.name for p in units.provinces.values() for c in units.legacy_communes_of(p.code)}
    texts |= {"Khánh Hoà", "  Đăk-Long 03 ", "Thuỳ_x", "A\u0301\u0323b", "ẞ ß İ", "", "Phường 007"}
    assert len(texts) > 3000
    for text in texts:
        assert names.toned_key(text) == by_characters(text), text


def test_legacy_font_marks_counted_in_latin_1_bytes_are_those_of_the_text():
    """decode._legacy_font_line counts each set of marks by deleting it from the text's Latin-1
    characters: the files of both legacy fonts are still found, on the same line, and Vietnamese
    text with the letters the marks share (ù, ú, õ, ì) is not."""
    from generator.load.decode import _legacy_font_line

    assert _legacy_font_line("STT,Ten\n1,Hµ Néi, Trung t©m\n2,B¸o c¸o\n") == (2, "Hµ", "TCVN3 (ABC)")
    assert _legacy_font_line("STT,Ten\n1,Haø Noäi, Trung taâm\n2,Baùo caùo\n") == (2, "Haø", "VNI")
    vietnamese = "Mã,Tên\nPhú Lộc, Hà Nội, Thủ Đức, Điện Biên Phủ, Thụy Khuê, Đồng Tháp, Củ Chi\n"
    assert _legacy_font_line(vietnamese) is None
    assert _legacy_font_line("\ud800 a lone surrogate, µ¸¶ and no Vietnamese") is not None


def test_a_columns_length_screen_finds_what_each_value_s_length_finds():
    """check_cells screens a column's lengths from line break to line break; a value of two lines
    or the first one must not slip through."""
    from generator.validate.checks.cells import _longer_than

    cases = [
        set(),
        {""},
        {"a" * 5},
        {"a" * 6},
        {"ab", "a" * 6, ""},
        {"a" * 6, "b"},
        {"aaa\naaa", "b"},
        {"aaaaa\n", "b"},
        {"aaaaaa\n"},
        {"x", "y", "z" * 5},
    ]
    for values in cases:
        for joined in ("\n".join(values), "\n".join(sorted(values)), "\n".join(sorted(values, reverse=True))):
            expected = max(map(len, values), default=0) > 5
            assert _longer_than(5, values, joined) == expected, (values, joined)


def test_a_column_of_distinct_cells_is_screened_by_its_cells_and_finds_what_its_values_find():
    """A first list's column whose cells nearly all differ is screened by its cells joined (no
    set of them); one whose cells repeat, by its distinct values. Either way the cells found, and
    those of the same folder's next list, are those a look at each cell finds."""
    from generator.validate.columns import distinct_cells, forget_columns, forget_values
    from generator.validate.mapping import MappedTable, Row

    def table(file: str, names: list[str]) -> MappedTable:
        rows = tuple(
            Row(index + 2, index + 2, {"name": name, "hours": hours}, (name, hours))
            for index, (name, hours) in enumerate(zip(names, ["7h", "=8h", "7h"] * 100, strict=False))
        )
        return MappedTable(file, {"name": "Tên", "hours": "Giờ"}, rows)

    given: dict[str, list[type]] = {}

    def screen(key: str, values, joined: str) -> bool:
        given.setdefault(key, []).append(type(values))
        assert joined.count("\n") == len(values) - 1
        return "=" in joined

    def inspect(key: str, value: str) -> str | None:
        return "formula" if value.startswith("=") else None

    first = [f"Điểm {index}" for index in range(300)]
    first[250] = "=HYPERLINK()"  # beyond the first cells that tell the column's kind
    later = [*first[:100], "=1+1", *(f"Mới {index}" for index in range(199))]
    forget_values()
    for file, names in (("p/2026-01.csv", first), ("p/2026-02.csv", later)):
        found = [
            (row.row, key, value)
            for row, key, value, _ in distinct_cells(table(file, names), ["name", "hours"], inspect, screen)
        ]
        expected = [
            (row.row, key, value)
            for row in table(file, names).rows
            for key, value in row.values.items()
            if inspect(key, value)
        ]
        assert found == expected and found
        forget_columns()
    forget_values()
    # The first list's names by their cells, its hours by their values; the later list's new names
    # by theirs (its hours are no new values).
    assert given == {"name": [tuple, set], "hours": [set]}


def test_the_positions_of_repeated_places_are_those_of_the_items_found_twice():
    import random
    from collections import Counter

    from generator.validate.checks.identity import _repeated_at

    rng = random.Random(5)
    for size in (0, 1, 2, 5, 40, 300):
        items = [(str(rng.randint(0, size)).encode(), rng.choice("ab")) for _ in range(size)]
        counts = Counter(items)
        assert _repeated_at(items) == [index for index, item in enumerate(items) if counts[item] > 1]
    assert _repeated_at([(b"1", "a"), (b"2", "a")]) == []


def test_points_of_rows_writing_the_same_agent_and_hours_share_their_strings():
    """Equal cells of a repeating column are separate strings as read; a list's points keep one."""
    from sample_data import sample_validation

    # Each province's first list: a later one takes its unchanged rows' points from the earlier.
    first: dict[str, tuple] = {}
    for item in sorted(sample_validation().validated, key=lambda item: str(item.loaded.month)):
        if item.points:
            first.setdefault(str(item.loaded.province_slug), item.points)
    lists = list(first.values())
    for field in ("agent", "hours"):
        repeating = 0
        for points in lists:
            strings: dict[str, set[int]] = {}
            for point in points:
                strings.setdefault(getattr(point, field), set()).add(id(getattr(point, field)))
            assert all(len(ids) == 1 for ids in strings.values()), field
            repeating += len(strings) < len(points)
        assert repeating, field  # some list writes a value twice
