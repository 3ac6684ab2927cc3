"""Published text that would not read as the clerk typed it: characters that cannot be seen or
that reverse the text around them, characters lost in a conversion, and HTML character codes.

Only published columns are checked: these rules are about what a citizen reads on the site, the
open data and the printed sign, while the staff and note columns stay with the province.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterator

from generator.contract import column
from generator.findings import Finding, yields
from generator.validate.checks import Context
from generator.validate.columns import distinct_cells, outside_plain
from generator.validate.mapping import MappedTable

# Unicode "format" characters (category Cf): bidirectional overrides, embeddings and isolates,
# zero-width spaces and joiners, the byte order mark, soft hyphens, invisible operators, tags.
# None of them is needed to write Vietnamese. Written out rather than computed from unicodedata at
# import (0.2 s per run); tests/test_hostile.py checks the list against the Unicode tables.
FORMAT_CHARACTERS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_INVISIBLE = re.compile(f"[{FORMAT_CHARACTERS}]")
_REPLACEMENT = "\ufffd"
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.IGNORECASE)


@yields("invisible-characters", "replacement-character", "html-entity")
def check_content(table: MappedTable, context: Context) -> Iterator[Finding]:
    published = [key for key in table.headers if column(key).publish]
    for row, key, _, found in distinct_cells(table, published, _content_findings, _may_find):
        for code, shown, params in found:
            yield Finding(code, table.file, row.row, table.title(key), shown, row.line, params=dict(params))


def _may_find(key: str, values: Collection[str], joined: str) -> bool:
    """Whether any value of a column may hold what is looked for: one scan of the column."""
    if joined.isascii():
        return "&" in joined
    return (
        "&" in joined
        or _REPLACEMENT in joined
        or (outside_plain(joined) and _INVISIBLE.search(joined) is not None)
    )


def _content_findings(key: str, value: str) -> tuple[tuple[str, str, dict[str, str]], ...]:
    """(code, value shown, params) for one cell: a column's distinct values are looked at once."""
    # Plain ASCII (most codes, phones, coordinates) can hold none of the characters looked for
    # except "&": skip the scans for it.
    if not value:
        return ()
    found: list[tuple[str, str, dict[str, str]]] = []
    ascii_only = value.isascii()
    invisible = None if ascii_only else _INVISIBLE.search(value)
    if invisible:
        char = invisible.group()
        params = {"char": f"U+{ord(char):04X}", "name": unicodedata.name(char, "?").lower()}
        found.append(("invisible-characters", _visible(value), params))
    if not ascii_only and _REPLACEMENT in value:
        found.append(("replacement-character", value, {}))
    entity = _ENTITY.search(value) if "&" in value else None
    if entity:
        found.append(("html-entity", value, {"entity": entity.group()}))
    return tuple(found)


def _visible(value: str) -> str:
    """The value with each invisible character written as its code, so the report shows where it
    is (printed as it is, a bidi override would reverse the report line itself)."""
    return _INVISIBLE.sub(lambda m: f"[U+{ord(m.group()):04X}]", value)
