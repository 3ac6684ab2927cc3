"""Vietnamese text helpers shared by every stage: NFC, diacritic folding, slugs."""

from __future__ import annotations

import re
import unicodedata

# "đ" is a letter of its own, not "d" plus a mark, so NFD does not strip it.
_LETTER_FOLDS = str.maketrans({"đ": "d", "Đ": "D"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")
_COMBINING = re.compile(r"[\u0300-\u036f]")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case ASCII form used for matching: 'Điện Biên' → 'dien bien'."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTER_FOLDS))
    return _SPACES.sub(" ", _COMBINING.sub("", decomposed).lower()).strip()


def fold_compact(text: str) -> str:
    """Folded with every non-alphanumeric removed: 'Mã điểm thu' → 'madiemthu'."""
    return _NON_ALNUM.sub("", fold(text))


def slugify(text: str) -> str:
    """URL slug: 'Hồ Chí Minh' → 'ho-chi-minh'."""
    return _NON_ALNUM.sub("-", fold(text)).strip("-")


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
