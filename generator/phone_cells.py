"""A phone cell read as people type it: several numbers, words around them ("ĐT:", "anh Nam"),
Excel's damage, pre-2008 and pre-2017 plans repaired with what had to be understood to read it.
Each number goes through `phones.parse_compact`, the one place a number is read."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from generator import phone_plan
from generator.phones import Phone, parse_compact

# Invisible characters copied from web pages and chat apps; NBSP and the narrow spaces are spaces.
# What a phone cell's odd characters stand for: invisible ones for nothing, odd spaces for a space,
# the full-width forms an East Asian input method types ("０９１２ ３４５ ６７８") for their ASCII.
_PLAIN = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"), None)
_PLAIN |= dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u3000"), " ")
_PLAIN |= str.maketrans("０１２３４５６７８９＋（）－．", "0123456789+()-.")
_TOKENS = re.compile(r"\+?\d+")
# Between two digit groups of one number: spaces, dots, dashes, brackets, an Excel apostrophe.
_WEAK = re.compile(r"[\s.\-()'’‘]*")
_ONE_NUMBER = re.compile(r"[\s.\-()']+")
_WORDS = re.compile(r"[^\W\d_]+")
# A number Excel showed in scientific notation ("9.12E+08", "8,49E+10") and saved so: its last
# digits are gone, and what is left reads as a short number and a stray letter.
_SCIENTIFIC = re.compile(r"(\d)(?:[.,](\d+))?\s*[eE]\s*\+?\s*(\d{1,2})")
_SCIENTIFIC_HINT = (
    "Excel đã đổi số thành dạng số mũ và làm mất các chữ số cuối; hãy định dạng cột là Văn bản"
    " (Text) rồi gõ lại số đầy đủ, kể cả số 0 đầu"
)
# A number a program kept as a decimal ("912345678.0": pandas, Google Sheets, a float column).
_FLOAT_TAIL = re.compile(r"\+?\d{7,12}\.0+")
_CONJUNCTIONS = {"và", "hoặc", "hoac", "va", "hay", "or", "and"}
# "Fax: 0213…", "… - Fax 0213…", "0213… (fax)": a fax machine's number, not one to call. A label
# shared with the phone ("ĐT/Fax", "Tel/Fax") is one line for both: it stays a phone.
_FAX = re.compile(r"fax", re.IGNORECASE)
_SHARED_LINE = re.compile(
    r"(?:đt|dt|tel|điện thoại|dien thoai|phone)\W{0,3}fax|fax\W{0,3}(?:đt|dt|tel)", re.IGNORECASE
)
_LABELS_NEXT = re.compile(r"[\s:.=\-–]*")  # "Fax: " right before a number
_LABELS_PREVIOUS = re.compile(r"[\s(\[,:\-–]*")  # " (fax" right after one
# Working hours written beside a number ("7h-17h", "7h30 – 11h30", "8 giờ"): never its digits.
_HOURS_IN_CELL = re.compile(
    r"(?<!\d)\d{1,2}\s*(?:h|giờ)\s*\d{0,2}(?:\s*[-–]\s*\d{1,2}\s*(?:h|giờ)\s*\d{0,2})?(?![^\W\d_])",
    re.IGNORECASE,
)
# A segment can be one number only at these lengths (digits, with the trunk 0 when written).
_LENGTHS_WITH_ZERO = (10, 11)
_LENGTHS_WITHOUT_ZERO = (7, 8, 9, 10)


@dataclass(frozen=True)
class Reading:
    """One number read from a cell, and what had to be understood to read it."""

    phone: Phone
    code: str  # the rule of the main repair, "" when written as it is printed
    notes: tuple[str, ...] = ()  # in Vietnamese, for the message: "mã vùng cũ 076 …"


@dataclass(frozen=True)
class CellReading:
    numbers: tuple[Reading, ...] = ()
    unread: tuple[str, ...] = ()  # digit strings that are no number
    hint: str = ""  # for the first unread part: the closest reading, or what is wrong
    candidates: tuple[tuple[Phone, str], ...] = ()  # a local number read in several old provinces
    text: str = ""  # words that are not part of any number ("ĐT:", "anh Nam")
    has_digits: bool = False  # something in the cell was meant as a number
    fax: tuple[str, ...] = ()  # the fax numbers left out, as displayed (or written)


def _old_code(national: str) -> bool:
    from generator.phone_codes import old_area_of

    return old_area_of(national) is not None


def _strict(national: str) -> Phone | None:
    return parse_compact(national) if national.isdigit() else None


def _local(digits: str, areas: tuple) -> Reading | tuple[str, tuple]:
    """A number without area code, read in the old province(s) the row can be in."""
    found: dict[str, tuple[Phone, str]] = {}
    for area in areas:
        if len(digits) == area.subscriber_digits:
            phone = _strict(area.new_code + digits)
            if phone is not None and phone.kind == "fixed":
                found.setdefault(phone.e164, (phone, area.old_province))
    if len(found) == 1:
        phone, province = next(iter(found.values()))
        note = f"thêm mã vùng {phone.display.split()[0]} của {province}"
        return Reading(phone, "phone-area-code-added", (note,))
    if found:
        return "", tuple(found.values())
    if not areas:
        return "số không có mã vùng; hãy ghi đủ mã vùng tỉnh", ()
    lengths = sorted({a.subscriber_digits for a in areas})
    return f"số cố định không mã vùng ở tỉnh này có {' hoặc '.join(map(str, lengths))} chữ số", ()


def _read_national(
    national: str, column: str, areas: tuple, notes: tuple[str, ...], code: str, vnpt: bool = False
):
    from generator.phone_codes import mobile_prefix_of, old_area_of

    today = _strict(national)
    mobile = mobile_prefix_of(national)
    if mobile is not None and today is None:
        converted = _strict(mobile.new + national[4:])
        if converted is not None and converted.kind == "mobile":
            note = f"đầu số di động {mobile.old} đổi thành {mobile.new} từ 15/9/2018"
            return Reading(converted, "phone-old-mobile-prefix", (*notes, note))
    old = old_area_of(national)
    # A 10-digit old number is also a mobile of today when its code is now a mobile prefix
    # (076 → 0296 An Giang, 076 is MobiFone since 2018): in the fixed column of a point in
    # that old province, the old number is what was meant.
    if old is not None and (today is None or (column == "fixed" and today.kind == "mobile" and old in areas)):
        converted = _strict(old.new_code + national[len(old.old_code) :])
        if converted is not None and converted.kind == "fixed":
            note = f"mã vùng cũ {old.old_code} của {old.old_province} đổi thành {old.new_code}"
            note += f" từ {old.since_label}"
            if today is not None:
                note += f"; nếu là số di động {today.display}, hãy ghi vào cột Điện thoại di động"
            return Reading(converted, "phone-old-area-code", (*notes, note))
    if today is not None:
        return Reading(today, code, notes)
    if vnpt and (completed := _vnpt_2008(national, areas, notes)) is not None:
        return completed
    return _hint(national, areas), ()


def _vnpt_2008(national: str, areas: tuple, notes: tuple[str, ...]) -> Reading | None:
    """A VNPT line's number of before 2008 (`phone_operators`), when libphonenumber accepts it."""
    from generator.phone_operators import vnpt_2008_candidates, vnpt_2008_notes

    found: dict[str, tuple] = {}
    for number, code, area in vnpt_2008_candidates(national):
        if (phone := _strict(number)) is not None and phone.kind == "fixed":
            found.setdefault(phone.e164, (phone, code, area))
    if len(found) > 1:  # read under two area codes: the row's province decides
        found = {key: value for key, value in found.items() if value[2] in areas}
    if len(found) != 1:
        return None
    phone, code, area = next(iter(found.values()))
    return Reading(phone, "phone-vnpt-2008", (*notes, *vnpt_2008_notes(national, code, area)))


def _hint(national: str, areas: tuple) -> str:
    """What is wrong with a number no reading accepts: a digit too many or too few."""
    from generator.phone_codes import old_area_of

    if len(national) > _ONE_TOO_MANY:
        # Not one digit too many but numbers written together: reading every digit left out
        # would try each of them again, without end for a long cell.
        return "quá nhiều chữ số: có thể là nhiều số viết liền; hãy ngăn cách các số bằng dấu phẩy"
    if len(national) > 11 or (len(national) == 11 and not national.startswith(("02", "01"))):
        options = {
            reading.phone.display
            for i in range(1, len(national))
            for reading in [_read_digits(national[:i] + national[i + 1 :], "fixed", areas)]
            if isinstance(reading, Reading)
        }
        if len(options) == 1:
            return f"thừa một chữ số; có phải {options.pop()}?"
        if 1 < len(options) <= _MOST_OPTIONS:
            return f"thừa một chữ số; có thể là {' hoặc '.join(sorted(options))}: hãy kiểm tra với điểm thu"
        return f"thừa một chữ số{_what_to_check(national)}"
    if len(national) < 10 or (len(national) == 10 and national.startswith("02")):
        short = "thiếu một chữ số" if len(national) >= 9 else "quá ít chữ số"
        return _six_digit_hint(national) or short + _what_to_check(national)
    if len(national) == 10 and old_area_of(national + "0") is not None:
        return "thiếu một chữ số" + _what_to_check(national)
    return _NO_PREFIX


_NO_PREFIX = (
    "không phải đầu số nào đang dùng: số cố định bắt đầu bằng 02, số di động bằng 03, 05, 07, 08 hoặc 09"
)


_MOST_OPTIONS = 3
_ONE_TOO_MANY = 12  # 0 and 11 digits: the longest number a digit too many is looked for in


def _what_to_check(national: str) -> str:
    """The shape a number should have, said for the area code it starts with: what the clerk
    checks when no single reading is close (a digit lost or doubled cannot be guessed)."""
    from generator.phone_codes import areas_prefixing

    for area, code in sorted(areas_prefixing(national), key=lambda found: -len(found[0].new_code)):
        if len(code) > 2:
            digits = len(national) - len(code)
            new = f", nay là {area.new_code}," if area.new_code != code else ""
            return (
                f": sau mã vùng {code} của {area.old_province}{new} cần {area.subscriber_digits} chữ số, "
                f"ô ghi {digits}; hãy kiểm tra lại số với điểm thu"
            )
    return ": số điện thoại có 10 chữ số kể cả số 0 đầu; hãy kiểm tra lại số với điểm thu"


def _six_digit_hint(national: str) -> str:
    """An area code (of today or of before 2017) and six digits: a fixed number from before the
    2008 change that gave every subscriber a seventh digit in front, by network (VNPT 3, Viettel
    6, EVN 2…). The network is not in the number, so this is only a suggestion; the row stays
    held. Six digits starting with one of those network digits are left to the plain hint."""
    from generator.phone_codes import areas_prefixing

    for area, code in areas_prefixing(national):
        rest = national[len(code) :]
        # Since 2008 a subscriber number starts with its network's digit: six digits that start
        # with one are more likely a number of today with a digit lost.
        if area.subscriber_digits == 7 and len(rest) == 6 and rest[0] not in "236":
            phone = _strict(area.new_code + "3" + rest)
            example = f", ví dụ số VNPT {phone.display}" if phone else ""
            return (
                "thiếu một chữ số: số cố định 6 chữ số có từ trước năm 2008, khi mỗi số được thêm "
                f"một chữ số đầu theo nhà mạng (VNPT 3, Viettel 6, EVN 2){example}; hãy ghi số đầy đủ"
            )
    return ""


@lru_cache(maxsize=65536)
def _read_digits(digits: str, column: str, areas: tuple, vnpt: bool = False):
    """One number written as digits (maybe "+84…"): a Reading, or (hint, candidates)."""
    if digits.startswith("+"):
        if not digits.startswith("+84"):
            return "số nước ngoài", ()
        # Written for dialling from abroad: a number of today, never a pre-2017 one.
        return _read_national("0" + digits[3:], "international", areas, (), "")
    if digits.startswith("0084"):
        return _read_national("0" + digits[4:], "international", areas, (), "")
    if digits.startswith("84") and len(digits) in (11, 12):
        return _read_national("0" + digits[2:], "international", areas, (), "")
    if digits.startswith("0"):
        return _read_national(digits, column, areas, (), "", vnpt)
    if digits.startswith(("1800", "1900")):
        phone = _strict(digits)
        return Reading(phone, "") if phone else ("số dịch vụ 1800/1900 sai độ dài", ())
    if len(digits) in (7, 8):
        return _local(digits, areas)
    if len(digits) in (9, 10):
        # A spreadsheet that treats the column as a number drops the leading 0.
        zero = ("thiếu số 0 đầu",)
        return _read_national("0" + digits, column, areas, zero, "phone-leading-zero-restored", vnpt)
    return _hint("0" + digits if len(digits) > 10 else digits, areas), ()


_LONGEST = 13  # "+84" and 10 digits: the longest a plausible number is written


def _plausible(digits: str) -> bool:
    if digits.startswith("+"):
        return 11 <= len(digits) <= 13
    if digits.startswith("0"):
        return len(digits) in _LENGTHS_WITH_ZERO
    return len(digits) in _LENGTHS_WITHOUT_ZERO


def _split(groups: list[str], column: str, areas: tuple, vnpt: bool = False) -> list[str]:
    """Digit groups joined into numbers: the partition with the most readable numbers, then the
    fewest numbers ("0238.3615999 0238.3861275" is two numbers, "0912 037 468" one)."""
    n = len(groups)
    best: list[tuple[int, int, list[str]] | None] = [None] * (n + 1)
    best[0] = (0, 0, [])
    first = 0  # the first group a number ending at `end` can start with: no number is longer
    for end in range(1, n + 1):
        while sum(map(len, groups[first:end])) > _LONGEST:
            first += 1
        for start in range(first, end):
            previous = best[start]
            if previous is None:
                continue
            joined = "".join(groups[start:end])
            if not _plausible(joined):
                continue
            ok = isinstance(_read_digits(joined, column, areas, vnpt), Reading)
            score = (previous[0] + ok, previous[1] - 1, [*previous[2], joined])
            current = best[end]
            if current is None or score[:2] > current[:2]:
                best[end] = score
    final = best[n]
    return final[2] if final is not None else ["".join(groups)]


@lru_cache(maxsize=65536)
def read_cell(raw: str, column: str, areas: tuple = (), vnpt: bool = False) -> CellReading:
    """Every number in a phone cell as a person would read it. `column` is "fixed" or "mobile";
    `areas`: the old provinces (`phone_codes.Area`) the point can be in, for numbers written
    without area code or with a pre-2017 one; `vnpt`: the point's line is VNPT's (`_vnpt_2008`)."""
    if _FLOAT_TAIL.fullmatch(raw.strip()):  # before the dots are read as spacing
        raw = raw.strip().partition(".")[0]
    compact = _ONE_NUMBER.sub("", raw)
    if compact.lstrip("+").isdigit() and compact.isascii() and _plausible(compact):
        # The cell as almost every list writes it: one number of today, spaced or dotted, read
        # once by parse_phone. A mobile in the fixed column may be an old fixed number: below.
        phone = parse_compact(compact) if compact[0] == "0" else None
        if phone is not None and (phone.kind != "mobile" or column != "fixed" or not _old_code(compact)):
            return CellReading((Reading(phone, ""),), has_digits=True)
        reading = _read_digits(compact, column, areas, vnpt)
        if isinstance(reading, Reading):
            return CellReading((reading,), has_digits=True)
    if scientific := _SCIENTIFIC.fullmatch(raw.strip()):
        first, rest, power = scientific.groups()
        if len(rest or "") != int(power):  # digits lost (or a fraction): nothing to read
            return CellReading(unread=(raw.strip(),), hint=_SCIENTIFIC_HINT, has_digits=True)
        raw = first + (rest or "")  # every digit is written: "9.12037468E+08" is 912037468
    text = raw.translate(_PLAIN)
    hours: list[str] = []
    if "h" in text or "H" in text or "giờ" in text:
        # "0912 345 678 (7h-17h)": the hours are words of the note, not digits of the number.
        hours = [m.group().strip() for m in _HOURS_IN_CELL.finditer(text)]
        text = _HOURS_IN_CELL.sub(" ; ", text)
    tokens = list(_TOKENS.finditer(text))
    words = [*(w for w in _WORDS.findall(text) if w.casefold() not in _CONJUNCTIONS), *hours]
    if not tokens:
        return CellReading(text=" ".join(words))
    pieces: list[list[str]] = [[tokens[0].group()]]
    spans = [[tokens[0].start(), tokens[0].end()]]
    for before, token in itertools.pairwise(tokens):
        between = text[before.end() : token.start()]
        if _WEAK.fullmatch(between) and not token.group().startswith("+"):
            pieces[-1].append(token.group())
            spans[-1][1] = token.end()
        else:
            pieces.append([token.group()])
            spans.append([token.start(), token.end()])
    faxes = _fax_pieces(text, spans) if _FAX.search(text) else {}
    if faxes:
        words = [w for w in words if w.casefold() != "fax"]
    numbers: list[Reading] = []
    unread: list[str] = []
    fax: list[str] = []
    hint = ""
    candidates: tuple = ()
    for at, groups in enumerate(pieces):
        joined = "".join(groups)
        whole = len(groups) == 1 or (
            _plausible(joined) and isinstance(_read_digits(joined, column, areas, vnpt), Reading)
        )
        split = [joined] if whole else _split(groups, column, areas, vnpt)
        for index, digits in enumerate(split):
            reading = _read_digits(digits, column, areas, vnpt)
            if faxes.get(at) == (index == 0, index == len(split) - 1) or (at in faxes and len(split) == 1):
                fax.append(reading.phone.display if isinstance(reading, Reading) else digits)
            elif isinstance(reading, Reading):
                numbers.append(reading)
            else:
                unread.append(digits)
                if not hint and not candidates:
                    hint, candidates = reading
    words_text = " ".join(words)
    if not numbers and not candidates and not unread:  # only a fax: no number to call
        return CellReading(text=words_text, fax=tuple(fax))
    if not numbers and not candidates and words and max(len(u) for u in unread) < 6:
        return CellReading(text=words_text, fax=tuple(fax))  # "… cho 100% thời gian": words, no number
    return CellReading(tuple(numbers), tuple(unread), hint, candidates, words_text, True, tuple(fax))


def _fax_pieces(text: str, spans: list[list[int]]) -> dict[int, tuple[bool, bool]]:
    """The pieces (digit groups between separators) a "fax" labels: piece → (its first number,
    its last number), as the label comes before ("Fax: 0213…") or after ("0213… (fax)")."""
    bounds = [0, *(edge for span in spans for edge in span), len(text)]
    found: dict[int, tuple[bool, bool]] = {}
    for gap in range(len(spans) + 1):
        between = text[bounds[2 * gap] : bounds[2 * gap + 1]]
        if _SHARED_LINE.search(between):
            continue
        for label in _FAX.finditer(between):
            if gap < len(spans) and _LABELS_NEXT.fullmatch(between[label.end() :]):
                found[gap] = (True, False)
            elif gap > 0 and _LABELS_PREVIOUS.fullmatch(between[: label.start()]):
                found[gap - 1] = (False, True)
    return found


def clear_reading_caches() -> None:
    phone_plan.forget_shapes()
    parse_compact.cache_clear()
    read_cell.cache_clear()
    _read_digits.cache_clear()
