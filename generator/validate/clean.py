"""Before any check: repair the characters of published cells whose meaning is clear, and mark
the rows whose characters cannot be published.

What a person reading the cell would not notice is repaired with a WARNING that shows what was
removed: invisible characters (a left-to-right mark before a phone number, a soft hyphen inside a
word), tabs and line separators, UTF-8 text that was read once as Windows-1252 ("Äiá»ƒm" is
"Điểm"). What has no meaning in published text holds the row: private-use, unassigned and
surrogate code points, noncharacters and C1 controls, and letters that a lossy save turned into
"?". Bidirectional overrides stay an ERROR of the content check: they change what the text shows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import replace

import ftfy

from generator.contract import columns
from generator.findings import Finding, yields
from generator.text import lost_letter
from generator.validate.columns import distinct_cells, outside_plain
from generator.validate.mapping import MappedTable, Row

# Zero-width and invisible marks that carry no meaning in Vietnamese text: removing them leaves
# exactly what the clerk sees.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u2060-\u2064\ufeff]")
# Spacing that a cell should not hold: tab, the Unicode line separators and NEL, no-break and
# other wide spaces. Newlines stay: an address may take two lines.
_ODD_SPACE = re.compile("[\t\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_SPACES = re.compile("[ ]{2,}")
# Everything outside the scripts a Vietnamese list uses is looked at one character at a time;
# the rest of the text is skipped by this one scan.
_UNUSUAL = re.compile("[^\n\x20-\x7e\u00a1-\u024f\u0300-\u036f\u1e00-\u1eff\u2010-\u2027\u2030-\u205e]")
_UNPUBLISHABLE_CATEGORIES = {"Co", "Cn", "Cs", "Cc"}
# Mojibake of UTF-8 read as Windows-1252/1258: a lead byte shown as Ã, Ä, Å, Æ, á» or áº, then
# a continuation byte shown as a symbol or a Latin-1 letter. Only such cells go to ftfy.
_MOJIBAKE_HINT = re.compile(
    "[ÃÄÅÆ][\u0080-\u00bf\u2013-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e]|á[º»]|â€"
)


# Columns of words, where a "?" beside a letter can only be a lost letter (a code or a phone may
# hold a "?" of its own, and is checked by its own rules).
_WORD_COLUMNS = frozenset({"agent", "name", "address", "commune", "province", "hours"})


@yields(
    "mojibake-repaired",
    "invisible-characters-removed",
    "odd-spacing-replaced",
    "unpublishable-character",
    "letters-replaced-by-question-mark",
)
def clean_cells(table: MappedTable) -> tuple[MappedTable, list[Finding]]:
    published = [c.key for c in columns() if c.publish]
    findings: list[Finding] = []
    changed: dict[int, dict[str, str]] = {}  # the cleaned values of the rows that changed, by row
    for row, key, value, (cleaned, cell_findings) in distinct_cells(table, published, _cleaned, _may_clean):
        for code, shown, params in cell_findings:
            findings.append(
                Finding(code, table.file, row.row, table.title(key), shown, row.line, params=dict(params))
            )
        if cleaned != value:
            changed.setdefault(id(row), dict(row.values))[key] = cleaned
    if not changed:
        return table, findings
    rows = tuple(
        Row(row.row, row.line, values, tuple(values.values())) if (values := changed.get(id(row))) else row
        for row in table.rows
    )
    return replace(table, rows=rows), findings


def _may_clean(key: str, values: Collection[str], joined: str) -> bool:
    """Whether any value of a column may need cleaning or a finding (see `_clean_cell`): one scan
    of the column for each thing looked for; line breaks, which join the values, are none of them."""
    if joined.isascii() and "\t" not in joined and "?" not in joined:
        return False
    return (
        "?" in joined
        or (_may_be_mojibake(joined) and _MOJIBAKE_HINT.search(joined) is not None)
        or (
            outside_plain(joined)
            and (
                _INVISIBLE.search(joined) is not None
                or _ODD_SPACE.search(joined) is not None
                or _UNUSUAL.search(joined) is not None
            )
        )
    )


def _may_be_mojibake(text: str) -> bool:
    """Whether `_MOJIBAKE_HINT` may match: each of its first characters, or pairs of them, by a
    substring search (the regex alone walks a column's text at a third of the speed, since "á"
    and "â" begin half the words of a Vietnamese list)."""
    return (
        "Ã" in text
        or "Ä" in text
        or "Å" in text
        or "Æ" in text
        # The second character first: "á" and "â" are common, "»", "º" and "€" are not.
        or ("»" in text and "á»" in text)
        or ("º" in text and "áº" in text)
        or ("€" in text and "â€" in text)
    )


def _cleaned(key: str, value: str) -> tuple[str, list[tuple[str, str, dict[str, str]]]] | None:
    """The cell cleaned and what was found, once per distinct value of a column; None when there is
    nothing to say about it."""
    if not value or (value.isascii() and "\t" not in value and "?" not in value):
        return None
    cleaned, found = _clean_cell(value, key in _WORD_COLUMNS)
    return (cleaned, found) if cleaned != value or found else None


def _clean_cell(value: str, words: bool) -> tuple[str, list[tuple[str, str, dict[str, str]]]]:
    found: list[tuple[str, str, dict[str, str]]] = []
    if _MOJIBAKE_HINT.search(value):
        fixed = unicodedata.normalize("NFC", ftfy.fix_encoding(value))
        if fixed != value:
            found.append(("mojibake-repaired", value, {"fixed": fixed}))
            value = fixed
    invisible = _INVISIBLE.findall(value)
    if invisible:
        shown = _INVISIBLE.sub(lambda m: f"[U+{ord(m.group()):04X}]", value)
        value = _INVISIBLE.sub("", value)
        found.append(("invisible-characters-removed", shown, {"chars": _names(invisible)}))
    odd = _ODD_SPACE.findall(value)
    if odd:
        shown = _ODD_SPACE.sub(lambda m: f"[U+{ord(m.group()):04X}]", value)
        value = _SPACES.sub(" ", _ODD_SPACE.sub(" ", value)).strip()
        found.append(("odd-spacing-replaced", shown, {"chars": _names(odd)}))
    unpublishable = [ch for ch in _UNUSUAL.findall(value) if _unpublishable(ch)]
    if unpublishable:
        shown = "".join(f"[U+{ord(c):04X}]" if _unpublishable(c) else c for c in value)
        found.append(("unpublishable-character", shown, {"chars": _names(unpublishable)}))
    if words and lost_letter(value):
        found.append(("letters-replaced-by-question-mark", value, {}))
    return value, found


def _unpublishable(char: str) -> bool:
    """C0 controls are the cell check's (control-characters); the rest is here."""
    point = ord(char)
    if point < 0x80:
        return False
    noncharacter = 0xFDD0 <= point <= 0xFDEF or (point & 0xFFFE) == 0xFFFE
    return noncharacter or unicodedata.category(char) in _UNPUBLISHABLE_CATEGORIES


def _names(chars: list[str]) -> str:
    return ", ".join(
        f"U+{ord(c):04X} {unicodedata.name(c, 'không tên').lower()}" for c in dict.fromkeys(chars)
    )
