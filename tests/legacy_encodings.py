"""Encoders for test fixtures in the legacy encodings real spreadsheets still produce."""

import unicodedata

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: precomposed where the code page has the
    letter, otherwise the letter with its vowel mark (â, ơ, ă) plus a combining tone mark."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            marks = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in _TONES))
            tones = "".join(m for m in marks if m in _TONES)
            out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)
