"""What an address says about its place: the communes and districts it names.

Addresses are written freely: "68 Hai Bà Trưng - Phường Mỹ Long - Thành Phố Long Xuyên",
"54A Lý Thường Kiệt, P1, TP Cao Lãnh", "Thị TrấnChi Nê", "TT Mù Cang Chải - H Mù Cang Chải",
"Thị trấn Hương Canh Bình Xuyên". The address is cut into words; a kind ("Phường", "P.", "TT",
"Huyện", "H.", "TP", "Q.10" …) opens a mention that runs to the next kind or separator. Mentions
are only candidates: the resolver keeps those that name a real unit of the province.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

# Words split at separators, between letters and digits ("P1") and at a lower→upper change
# ("TrấnChi", "ĐăkTô"), which is how glued words look.
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_SEPARATORS = frozenset(",;-–—()|/\n\t")

# Kinds written out, by their lower-case words; the tone of "trấn" is often mistyped.
_WORD_KINDS: tuple[tuple[tuple[frozenset[str], ...], str, str], ...] = (
    ((frozenset({"thành", "thanh"}), frozenset({"phố", "pho"})), "Thành phố", "district"),
    ((frozenset({"thị", "thi"}), frozenset({"xã", "xa"})), "Thị xã", "district"),
    ((frozenset({"thị", "thi", "trị"}), frozenset({"trấn", "trần", "tran", "trân"})), "Thị trấn", "commune"),
    ((frozenset({"đặc", "dac"}), frozenset({"khu"})), "Đặc khu", "commune"),
    # "Phương" without the grave accent is a name (Phương Lâm), so it is not a kind.
    ((frozenset({"phường", "phướng", "phuong"}),), "Phường", "commune"),
    ((frozenset({"quận", "quan"}),), "Quận", "district"),
    ((frozenset({"huyện", "huyen"}),), "Huyện", "district"),
    ((frozenset({"xã", "xa"}),), "Xã", "commune"),
    ((frozenset({"tỉnh", "tinh"}),), "Tỉnh", "province"),
)
# Abbreviations count only when followed by a dot, a space and a capital, or a number.
_ABBR_KINDS = {
    "tp": ("Thành phố", "district"),
    "tx": ("Thị xã", "district"),
    "tt": ("Thị trấn", "commune"),
    "p": ("Phường", "commune"),
    "q": ("Quận", "district"),
    "h": ("Huyện", "district"),
    "x": ("Xã", "commune"),
}
# Words that start a street or hamlet, so what follows them is not a unit's name.
_STOPS = frozenset(
    {
        *("số", "đường", "phố", "ngõ", "ngách", "hẻm", "kiệt", "thôn", "ấp", "khóm", "khu", "tổ"),
        *("xóm", "bản", "buôn", "làng", "kp", "km", "ql", "tl", "lô", "gần", "cạnh", "chợ", "ngã"),
    }
)


@dataclass(frozen=True)
class Mention:
    kind: str | None  # "Phường", "Huyện" …; None for a part written without a kind
    level: str  # "commune", "district", "province", "" (no kind), "street" (after "Số", "Thôn" …)
    words: tuple[str, ...]  # the name, word by word, as written
    # A kind's name cut at a word that usually opens a hamlet or a street ("Thị Trấn Vụ Bản",
    # "Xã Bản Lầu"): the words from that one to the next separator, to try before the cut.
    tail: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int


@lru_cache(maxsize=1 << 14)
def mentions(address: str) -> tuple[Mention, ...]:
    text = unicodedata.normalize("NFC", address)
    tokens = [piece for m in _TOKEN.finditer(text) for piece in _unglue(m.group(), m.start())]
    found: list[Mention] = []
    kind: str | None = None
    level = ""
    words: list[str] = []
    street = False
    cut: int | None = None  # the kind's mention that a stop word cut, still open as a street
    tail: list[str] = []
    # An address typed without capitals tells no name from a word by its case: an abbreviation
    # followed by a word is then a kind ("tt mỹ an, huyện tháp mười").
    uncased = text == text.lower()

    def close() -> None:
        nonlocal cut
        if cut is not None:
            found[cut] = replace(found[cut], tail=tuple(tail))
            cut = None
        if words:
            found.append(Mention(kind, "street" if street else level, tuple(words)))

    i = 0
    while i < len(tokens):
        token = tokens[i]
        gap = text[tokens[i - 1].end : token.start] if i else ""
        if i and not _SEPARATORS.isdisjoint(gap):
            close()
            kind, level, words, street = None, "", [], False
        opened = _kind_at(text, tokens, i, uncased)
        if opened is not None:
            close()
            kind, level, size = opened
            words, street = [], False
            i += size
            continue
        lower = token.text.lower()
        # Right after a kind, a stop word is the name's first word ("Huyện Chợ Mới").
        if (lower in _STOPS and not (kind is not None and not words and not street)) or (
            not words and token.text.isdigit() and kind is None
        ):
            was_kind = kind is not None and bool(words) and not street
            close()
            if was_kind:
                cut, tail = len(found) - 1, [token.text]
            kind, level, words, street = None, "", [], True
        else:
            words.append(token.text)
            if cut is not None:
                tail.append(token.text)
        i += 1
    close()
    return tuple(found)


# A kind's word glued to the name in one case ("THỊ TRẤNCHI NÊ", "xãtân lập"), which no case
# turn shows: no Vietnamese syllable continues one of these with a letter.
_GLUED_KIND = re.compile(r"(?:trấn|xã|phường|quận|huyện)(?=[^\W\d_])", re.IGNORECASE)


def _unglue(word: str, start: int) -> list[_Token]:
    cuts = [0] + [k for k in range(1, len(word)) if word[k].isupper() and word[k - 1].islower()]
    if (glued := _GLUED_KIND.match(word)) is not None and glued.end() not in cuts:
        cuts.insert(1, glued.end())
    cuts.append(len(word))
    return [_Token(word[a:b], start + a, start + b) for a, b in itertools.pairwise(cuts)]


def _kind_at(text: str, tokens: list[_Token], i: int, uncased: bool = False) -> tuple[str, str, int] | None:
    lower = tokens[i].text.lower()
    for parts, kind, level in _WORD_KINDS:
        if i + len(parts) > len(tokens):
            continue
        if all(tokens[i + k].text.lower() in part for k, part in enumerate(parts)):
            return kind, level, len(parts)
    if lower in _ABBR_KINDS and i + 1 < len(tokens):
        after = text[tokens[i].end : tokens[i + 1].start]
        following = tokens[i + 1].text
        if (
            "." in after
            or (following.isdigit() and after.strip() == "")
            or (after.strip() == "" and after and following[:1].isupper() and tokens[i].text[:1].isupper())
            or (uncased and after == " " and not following.isdigit())
        ):
            kind, level = _ABBR_KINDS[lower]
            return kind, level, 1
    return None
