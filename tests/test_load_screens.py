"""The legacy-font screen's shortcut (the Latin-1 letters â, ê, ô counted with the marks, the
text's other letters looked for only when those do not outnumber the marks) finds what counting
every mark and every letter of the text finds."""

from __future__ import annotations

import importlib
import random

# generator.load re-exports the function decode(), which hides the module of the same name.
decode_module = importlib.import_module("generator.load.decode")

PIECES = ["â", "ê", "Ô", "ù", "õ", "µ", "¸", "Hµ Néi", "Haø Noäi", "đường", "Ấp", "a", " ", ",", "\n"]


def counted_in_full(text: str) -> tuple[int, str, str] | None:
    tcvn3 = sum(char in decode_module._TCVN3_MARKS for char in text)
    vni = sum(char in decode_module._VNI_MARKS for char in text)
    suspicious = max(tcvn3, vni)
    if suspicious < 3 or len(decode_module._VIETNAMESE.findall(text)) > suspicious:
        return None
    marks = decode_module._TCVN3_MARKS if tcvn3 >= vni else decode_module._VNI_MARKS
    name = "TCVN3 (ABC)" if tcvn3 >= vni else "VNI"
    for number, line in enumerate(text.splitlines(), start=1):
        for word in decode_module._WORDS.split(line):
            if any(char in marks for char in word):
                return number, word[:40], name
    return None


def test_the_legacy_font_screen_finds_what_counting_everything_finds():
    rng = random.Random(13)
    outcomes = {"legacy": 0, "not legacy": 0}
    for _ in range(5_000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40)))
        found = decode_module._legacy_font_line(text)
        assert found == counted_in_full(text), repr(text)
        outcomes["legacy" if found else "not legacy"] += 1
    assert outcomes["legacy"] > 500 and outcomes["not legacy"] > 500
