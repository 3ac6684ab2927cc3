"""How people write Vietnamese place names, reduced to keys that compare equal when a person
would read them as the same name.

Two keys per name: a *toned* key, which keeps every diacritic but ignores where the tone mark sits
("Khánh Hoà" = "Khánh Hòa", "Thuỳ" = "Thùy"), case, spacing and punctuation ("Đăk Long" =
"Đăklong"); and the *folded* key (no diacritics), tried second because it merges distinct names
(Cẩm Giàng / Cẩm Giang).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from generator.text import fold_compact

# The five tone marks; the vowel-shape marks (circumflex, breve, horn) belong to the letter.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_TONE = re.compile(f"[{''.join(sorted(_TONES))}]")
_WITHOUT_TONES = dict.fromkeys(map(ord, _TONES))
_NOT_LETTER = re.compile(r"[^\w]+")
_NUMBER = re.compile(r"\d+")
# "Thị trấn Nậm Nhùn (Nghèo 6.3%)", "P.Tân Bình_0105": a note or an internal code after the name.
_PARENTHESES = re.compile(r"\([^)]*\)?")
_TRAILING_CODE = re.compile(r"[_#]\s*\d+\s*$")

# Abbreviations and kinds, in folded, compact form: longest first so "thixa" wins over "thi".
COMMUNE_KINDS = {
    "thitran": "Thị trấn",
    "tritran": "Thị trấn",  # "Trị Trấn": a slip of the keyboard, never a name
    "phuong": "Phường",
    "dackhu": "Đặc khu",
    "xa": "Xã",
    "tt": "Thị trấn",
    "ttr": "Thị trấn",
    "p": "Phường",
    "x": "Xã",
}
DISTRICT_KINDS = {
    "thanhpho": "Thành phố",
    "thixa": "Thị xã",
    "quan": "Quận",
    "huyen": "Huyện",
    "tp": "Thành phố",
    "tx": "Thị xã",
    "q": "Quận",
    "h": "Huyện",
}
# A kind is recognised at the start of a cell when written out, or abbreviated and followed by a
# dot, a space or a digit ("P.3", "TT Năm Căn", "Q10"); never glued to letters ("Phường" ≠ "P" +
# "hường").
_KIND_WORDS = r"thành phố|thị xã|thị trấn|trị trấn|phường|quận|huyện|xã|đặc khu"
_KIND_ABBR = r"ttr|tp|tx|tt|p|q|h|x"
KIND_PREFIX = re.compile(
    rf"^\s*(?:(?P<word>{_KIND_WORDS})(?![\w])|(?P<abbr>{_KIND_ABBR})(?:\s*\.\s*|\s+|(?=\d)))\s*",
    re.IGNORECASE,
)
# Typed without diacritics ("Phuong My Phuoc"): only when the whole cell is, since "Quan" with
# accents elsewhere is a name (Quan Hóa).
_ASCII_KIND_PREFIX = re.compile(
    r"^\s*(?P<word>thanh pho|thi xa|thi tran|phuong|quan|huyen|xa|dac khu)(?![\w])\s*", re.IGNORECASE
)


@lru_cache(maxsize=1 << 16)
def toned_key(text: str) -> str:
    """'Khánh Hoà' and 'khánh hòa' → the same key; 'Cẩm Giàng' and 'Cẩm Giang' stay apart."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    tones = "".join(_TONE.findall(decomposed))
    letters = decomposed.translate(_WITHOUT_TONES)
    base = _NOT_LETTER.sub("", unicodedata.normalize("NFC", letters)).replace("_", "")
    return _strip_zeros(base) + "|" + tones


@lru_cache(maxsize=1 << 16)
def folded_key(text: str) -> str:
    return _strip_zeros(fold_compact(text))


def _strip_zeros(key: str) -> str:
    # "Phường 03" is "Phường 3".
    return _NUMBER.sub(lambda m: m.group().lstrip("0") or "0", key)


@dataclass(frozen=True)
class PlaceName:
    """A cell or address part split into its kind (if written) and its name."""

    kind: str | None  # "Phường", "Huyện" … or None
    name: str  # as written, without the kind; "" for a bare "Thị trấn"

    @property
    def toned(self) -> str:
        return toned_key(self.name)

    @property
    def folded(self) -> str:
        return folded_key(self.name)


# A kind written out with its marks, glued to the name in one case ("THỊ TRẤNCHI NÊ", "thị
# trấnchi nê"): no Vietnamese syllable continues "xã", "trấn", "phường", "quận" or "huyện" with a
# letter, so the glue is sure whatever the case ("phố" and "khu" go on: "phối", "khuê").
GLUED_KIND = re.compile(r"(?:thị trấn|thị xã|phường|xã|quận|huyện)(?=[^\W\d_])", re.IGNORECASE)


def split_kind(text: str, kinds: dict[str, str]) -> PlaceName:
    """'P.3' → (Phường, '3'); 'TT Năm Căn' → (Thị trấn, 'Năm Căn'); 'Tràng Tiền' → (None, …)."""
    return _split_kind(text, kinds is DISTRICT_KINDS)


@lru_cache(maxsize=1 << 15)
def _split_kind(text: str, district: bool) -> PlaceName:
    kinds = DISTRICT_KINDS if district else COMMUNE_KINDS
    # Any spacing is a space: a no-break space between "Thị" and "xã" (copied from a web page or
    # Word) hid the kind, and the district with it.
    text = " ".join(unicodedata.normalize("NFC", text).split())
    text = _TRAILING_CODE.sub("", _PARENTHESES.sub(" ", text))
    text = text.strip(" \t.,;-")
    match = KIND_PREFIX.match(text) or (_ASCII_KIND_PREFIX.match(text) if text.isascii() else None)
    # An empty rest ("-", "(6)", "…": punctuation only) has no turn to find.
    if match is None and text and not (text.islower() or text.istitle() or text.isupper()):
        # "PhườngThuận An", "Thị TrấnChi Nê": a kind glued to the name, seen at a lower → upper turn
        # (which no text in lower case, in title case or in capitals has).
        text = "".join(
            ch + " " if ch.islower() and nxt.isupper() else ch
            for ch, nxt in zip(text, text[1:] + " ", strict=True)
        )
        match = KIND_PREFIX.match(text)
    if match is None and (glued := GLUED_KIND.match(text)):
        # "THỊ TRẤNCHI NÊ", "thị trấnchi nê", "XÃTÂN LẬP": no case turn shows the glue (above).
        text = f"{glued.group()} {text[glued.end() :]}"
        match = KIND_PREFIX.match(text)
    if match:
        kind = kinds.get(fold_compact(match.group("word") or match.groupdict().get("abbr") or ""))
        if kind is not None:
            return PlaceName(kind, text[match.end() :].strip(" .,;-"))
    return PlaceName(None, text)


# A commune cell that names no commune: a district's kind alone ("Thị xã", "TX"), the centre of a
# unit ("Trung tâm Huyện"; "Phường Trung Tâm" is a name, so only with a kind after it), a note
# that the place is not known yet ("Đang khảo sát", "Chưa có"), one letter that is not a Roman
# numeral ("Phường I", "Phường V" are names). Read like an empty cell.
_NOT_A_NAME = re.compile(
    r"^(?:thành phố|thị xã|quận|huyện|tp|tx|q|h"
    r"|trung tâm\s+(?:thị xã|thị trấn|thành phố|huyện|quận|xã|phường|tỉnh)"
    r"|(?:đang|chưa|không)(?:\s+\w+)*"
    r"|[^\W\d_ivxIVX])\W*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1 << 12)
def not_a_commune_name(text: str) -> bool:
    """'Thị xã', 'Đang khảo sát', 'Trung tâm Huyện', 'F', '-', '(6)' → True; 'Thị trấn', 'Phường I'
    → False."""
    written = split_kind(text, COMMUNE_KINDS)
    if written.kind is None and not written.name:
        # Nothing left once punctuation and parentheses go ("-", "…", "(6)" from a numbered
        # header row): an empty name would match some commune, never the row's.
        return True
    return bool(_NOT_A_NAME.match(" ".join(unicodedata.normalize("NFC", text).split())))


def province_key(text: str) -> str:
    """'Hồ Chí Minh (TP)', 'Tp. Hồ Chí Minh', 'TP HCM', 'Tỉnh Đắk Lăk' → a lookup key."""
    key = written_province_key(text)
    return PROVINCE_ALIASES.get(key) or OLD_PROVINCE_SPELLINGS.get(key, (key, ""))[0]


def written_province_key(text: str) -> str:
    """The key of the name as written, before abbreviations and old names are mapped."""
    key = fold_compact(text)
    for prefix in ("thanhpho", "tinh", "tp"):
        if key.startswith(prefix) and len(key) > len(prefix) + 1:
            key = key[len(prefix) :]
            break
    if key.endswith("tp") and len(key) > 4:
        key = key[:-2]
    return key


# Abbreviations of province names (folded, compact).
PROVINCE_ALIASES = {
    "tphcm": "hochiminh",
    "hcm": "hochiminh",
    "hcmc": "hochiminh",
    "saigon": "hochiminh",
    "brvt": "bariavungtau",
}
# Pre-2025 names the package's data no longer carries: Huế became a city in January 2025.
OLD_PROVINCE_SPELLINGS = {"thuathienhue": ("hue", "Tỉnh Thừa Thiên Huế")}


def district_keys(
    name: str, keywords_json: str | None, alias_json: str | None, extra: list[str]
) -> frozenset[str]:
    """Every folded key a district is known by: 'Quận 10' → quan10, q10, 10 …; former names."""
    keys = {folded_key(name)}
    short = split_kind(name, DISTRICT_KINDS)
    keys.add(short.folded)
    for blob in (keywords_json, alias_json):
        if blob:
            keys.update(_strip_zeros(k) for k in json.loads(blob))
    keys.update(extra)
    keys.discard("")
    return frozenset(keys)
