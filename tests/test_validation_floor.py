"""The shortcuts that keep validation close to the read floor give what the long way gives."""

from __future__ import annotations

import itertools

from generator import phone_plan
from generator.validate.clean import _MOJIBAKE_HINT, _may_be_mojibake


def test_mojibake_screen_passes_every_text_the_hint_matches() -> None:
    seconds = [chr(c) for c in (*range(0x80, 0xC0), *range(0x2013, 0x203B))] + list("ŒœŠšŸŽž")
    firsts = ["Ã", "Ä", "Å", "Æ", "á", "â", "a", "ơ"]
    for first, second in itertools.product(firsts, [*seconds, "º", "»", "€", "x"]):
        text = f"Số {first}{second} nhà"
        if _MOJIBAKE_HINT.search(text):
            assert _may_be_mojibake(text), repr(text)
    assert not _may_be_mojibake("Bưu điện xã Ấm Hạ, Điện Biên")


def test_phone_plan_template_cuts_the_number_as_the_slices_did() -> None:
    # A literal "%" in a format would be read as a placeholder if it were not escaped.
    template, pieces = phone_plan._template(("0", (0, 3), " 100% ", (3, 6), "-", (6, 9)))
    assert pieces is not None
    assert template % pieces("912037468") == "0912 100% 037-468"
    template, pieces = phone_plan._template(((0, 9),))
    assert pieces is not None and template % pieces("912037468") == "912037468"
    assert phone_plan._template(None) == ("", None)


def test_markup_column_screen_passes_every_cell_the_markup_pattern_matches() -> None:
    from generator.validate.checks.cells import _COLUMN_TRIGGERS, _MARKUP, _SCHEME_COLON

    cells = [
        "javascript:alert(1)",
        "JavaScript :x",
        "vbscript\t:x",
        "data : text/html,<b>",
        "DATA:text/html",
        "[a](javascript:x)",
        "[a]( http:x)",
        "<img src=x>",
        "onload=x",
        "{{ x }}",
        "${x}",
        "Kiểm tra ngày 21/8: hoạt động",
    ]
    for cell in cells:
        if _MARKUP.search(cell):
            screened = any(t in cell for t in _COLUMN_TRIGGERS) or _SCHEME_COLON.search(cell) is not None
            assert screened, cell
    assert _SCHEME_COLON.search("Kiểm tra ngày 21/8: hoạt động") is None
