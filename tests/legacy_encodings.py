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


# TCVN3 (ABC, the .VnTime fonts): one byte per letter. Rows: the letter without tone, then with
# grave, acute, hook, tilde, dot below (the order of _TONE_ORDER).
_TONE_ORDER = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_TCVN3_ROWS = {
    "a": "a\xb5\xb8\xb6\xb7\xb9",
    "ă": "\xa8\xbb\xbe\xbc\xbd\xc6",
    "â": "\xa9\xc7\xca\xc8\xc9\xcb",
    "e": "e\xcc\xd0\xce\xcf\xd1",
    "ê": "\xaa\xd2\xd5\xd3\xd4\xd6",
    "i": "i\xd7\xdd\xd8\xdc\xde",
    "o": "o\xdf\xe3\xe1\xe2\xe4",
    "ô": "\xab\xe5\xe8\xe6\xe7\xe9",
    "ơ": "\xac\xea\xed\xeb\xec\xee",
    "u": "u\xef\xf3\xf1\xf2\xf4",
    "ư": "\xad\xf5\xf8\xf6\xf7\xf9",
    "y": "y\xfa\xfd\xfb\xfc\xfe",
}
_TCVN3_SINGLE = {"đ": "\xae", "Ă": "\xa1", "Â": "\xa2", "Đ": "\xa7", "Ê": "\xa3", "Ô": "\xa4",
                 "Ơ": "\xa5", "Ư": "\xa6"}  # fmt: skip

# VNI Windows: the base letter followed by one byte for the vowel mark and tone together.
_VNI_TONES = {"": "", "\u0300": "\xf8", "\u0301": "\xf9", "\u0309": "\xfb", "\u0303": "\xf5",
              "\u0323": "\xef"}  # fmt: skip
_VNI_CIRCUMFLEX = {"": "\xe2", "\u0300": "\xe0", "\u0301": "\xe1", "\u0309": "\xe5",
                   "\u0303": "\xe3", "\u0323": "\xe4"}  # fmt: skip
_VNI_BREVE = {"": "\xea", "\u0300": "\xe8", "\u0301": "\xe9", "\u0309": "\xfa", "\u0303": "\xfc",
              "\u0323": "\xeb"}  # fmt: skip
_VNI_I = {"\u0300": "\xec", "\u0301": "\xed", "\u0309": "\xe6", "\u0303": "\xf3", "\u0323": "\xf2"}


def _split(ch: str) -> tuple[str, str]:
    """'ệ' → ('ê', dot below): the letter with its vowel mark, and its tone mark."""
    marks = unicodedata.normalize("NFD", ch)
    base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in _TONES))
    tone = "".join(m for m in marks if m in _TONES)
    return base, tone


def to_tcvn3(text: str) -> bytes:
    """Text typed with the TCVN3 (ABC) fonts, as an old spreadsheet saves it. Lower-case letters
    only carry tones (capitals lived in separate .VnTimeH fonts)."""
    out = []
    for ch in text:
        base, tone = _split(ch)
        if ch in _TCVN3_SINGLE:
            out.append(_TCVN3_SINGLE[ch])
        elif base in _TCVN3_ROWS:
            out.append(_TCVN3_ROWS[base][_TONE_ORDER.index(tone)])
        else:
            out.append(ch)
    return "".join(out).encode("cp1252")


def to_vni(text: str) -> bytes:
    """Text typed with the VNI fonts: 'Hà Nội' → 'Haø Noäi'."""
    out = []
    for ch in text:
        base, tone = _split(ch)
        lower = base.lower()
        if lower == "đ":
            out.append("\xf1" if base == "đ" else "\xd1")
        elif lower == "i" and tone:
            out.append(_VNI_I[tone])
        elif lower in ("â", "ê", "ô"):
            out.append(base.translate({ord("â"): "a", ord("ê"): "e", ord("ô"): "o",
                                       ord("Â"): "A", ord("Ê"): "E", ord("Ô"): "O"}))  # fmt: skip
            out.append(_VNI_CIRCUMFLEX[tone])
        elif lower == "ă":
            out.append("a" if base == "ă" else "A")
            out.append(_VNI_BREVE[tone])
        elif lower in ("ơ", "ư"):
            out.append({"ơ": "\xf4", "ư": "\xf6", "Ơ": "\xd4", "Ư": "\xd6"}[base])
            out.append(_VNI_TONES[tone])
        elif tone:
            out.append(base + _VNI_TONES[tone])
        else:
            out.append(ch)
    return "".join(out).encode("cp1252")
