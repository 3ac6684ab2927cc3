"""Vietnamese text helpers shared by every stage: NFC, diacritic folding, slugs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# "đ" is a letter of its own, not "d" plus a mark, so NFD does not strip it.
_LETTER_FOLDS = str.maketrans({"đ": "d", "Đ": "D"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")
_COMBINING = re.compile(r"[\u0300-\u036f]")


# A "?" with a letter beside it: what Excel's "CSV (Comma delimited)" writes for each letter that
# its Windows code page lacks ("Bưu Điện" → "Bu?u ?i?n").
LOST_LETTER = re.compile(r"(?<=[^\W\d_])\?|\?(?=[^\W\d_])")
# A link's query string ("?id=7") is not a lost letter.
_LINK = re.compile(r"\S*(?:://|\?\w+=)\S*")


def lost_letter(text: str) -> re.Match[str] | None:
    """The first "?" standing for a lost letter, in the text with its links taken out."""
    return LOST_LETTER.search(_LINK.sub("", text)) if "?" in text else None


def count_lost_letters(text: str) -> int:
    return len(LOST_LETTER.findall(_LINK.sub("", text))) if "?" in text else 0


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=1 << 17)  # pages fold the same names and communes over and over (~10× per text)
def fold(text: str) -> str:
    """Lower-case ASCII form used for matching: 'Điện Biên' → 'dien bien'."""
    if _OUTSIDE_LATIN.search(text) is None:
        # One table lookup per character: the same result (tests/test_text.py), a third of the time.
        return " ".join(text.translate(_LATIN_FOLDS).split())
    return _fold_any(text)


def _fold_any(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTER_FOLDS))
    return _SPACES.sub(" ", _COMBINING.sub("", decomposed).lower()).strip()


# ASCII and the precomposed Latin letters (Vietnamese among them). Each decomposes to a base
# character and marks, so folding such text character by character is folding it whole: no
# combining mark is reordered across two characters, and no lower-casing depends on context (only
# the Greek final sigma does). Anything else goes the general way. `str.split()` and `\s` agree
# on what a space is.
_OUTSIDE_LATIN = re.compile("[^\x00-\x7f\u00c0-\u024f\u1e00-\u1eff]")
_LATIN_FOLDS = {
    point: _COMBINING.sub("", unicodedata.normalize("NFD", chr(point).translate(_LETTER_FOLDS))).lower()
    for point in (*range(0x80), *range(0xC0, 0x250), *range(0x1E00, 0x1F00))
}


_CODE_TOKEN = re.compile(r"[a-z0-9]+|[^\W_]")


def code_tokens(code: str) -> list[str]:
    """A point code as what identifies it: runs of ASCII letters and digits, and each other
    letter or digit (CJK, say) alone; case, diacritics and punctuation do not count, so
    'LCU-0001', 'LCU 0001' and 'lcu_0001' are one code."""
    return _CODE_TOKEN.findall(fold(code).casefold())


def code_key(code: str) -> str:
    return "".join(code_tokens(code))


def code_slug(code: str) -> str:
    """A URL fragment for a code, never empty and distinct for codes of distinct `code_key`:
    ASCII runs joined by "-" (the slug of every ASCII code, as published before), any other
    letter as "_" and its hex code point (an underscore no ASCII run contains)."""
    parts = [t if t.isascii() else f"_{ord(t):x}" for t in code_tokens(code)]
    return "-".join(parts) or "_" + "-".join(f"{ord(c):x}" for c in code)


def fold_compact(text: str) -> str:
    """Folded with every non-alphanumeric removed: 'Mã điểm thu' → 'madiemthu'."""
    if _OUTSIDE_LATIN.search(text) is None:
        # Latin text by bulk string operations, a sixth of the time (an address is folded once,
        # so `fold`'s cache does not help): its ASCII letters and digits are what is left of each
        # character once decomposed, its marks and any other letter dropped; what is kept and
        # what is dropped is that of `fold` then the removal, character by character
        # (tests/test_place_shortcuts.py), and no character's reading depends on another's.
        decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
        return decomposed.encode("ascii", "ignore").lower().translate(None, _NOT_ALNUM_ASCII).decode("ascii")
    return _NON_ALNUM.sub("", fold(text))


_NOT_ALNUM_ASCII = bytes(b for b in range(128) if not (48 <= b <= 57 or 97 <= b <= 122))  # not 0-9 a-z


def slugify(text: str, separator: str = "-") -> str:
    """URL slug: 'Hồ Chí Minh' → 'ho-chi-minh'. Also mkdocs' heading anchors (mkdocs.yml), as
    Python-Markdown's own slugify drops 'đ' ('Điểm' → 'iem')."""
    return _NON_ALNUM.sub(separator, fold(text)).strip(separator)


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


# OWASP "CSV injection": a cell starting with one of these is a formula to Excel or LibreOffice,
# also after leading spaces; tab and carriage return start one too. Full-width forms are typed by
# Vietnamese IMEs and some spreadsheets fold them.
_FORMULA_START = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
_INVISIBLE_START = ("\t", "\r", "\n")


def spreadsheet_safe(cell: str) -> str:
    """The cell as text a spreadsheet shows and never evaluates: prefixed with an apostrophe
    when it could start a formula. Every CSV the project writes for people goes through it."""
    if cell.startswith(_INVISIBLE_START) or cell.lstrip().startswith(_FORMULA_START):
        return "'" + cell
    return cell
