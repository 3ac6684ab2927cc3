"""Bytes → NFC text, for the files real clerks' spreadsheets produce.

UTF-8 with or without BOM, UTF-16 (Excel "Unicode text") and Windows-1258 are read; an Excel
workbook renamed .csv, binary data and text typed in the legacy TCVN3/VNI fonts are refused with
one finding that says what to do.
"""

from __future__ import annotations

import codecs
import itertools
import operator
import re
from dataclasses import dataclass

from generator.findings import Finding, yields
from generator.limits import MAX_BYTES, megabytes
from generator.text import count_lost_letters, lost_letter, nfc

# Workbooks (.xlsx, a zip) are read by load/workbook.py before decoding; the binary format of
# Excel 97–2003 is not.
_MAGIC = {b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "Excel 97–2003 .xls"}
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream of an encrypted .xlsx
# What makes a file "not text" (counted by `_controls`).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
# Letters that Vietnamese never uses but that TCVN3 (ABC) and VNI text turns into when read as
# Unicode: "Hµ Néi" (TCVN3), "Haø Noäi" (VNI).
_TCVN3_MARKS = set("µ¸¶·¹¨©®¬ª«¢£¤¥¦§»¼½¾¿ÆÇÐÑ×ØÞßæçðñ÷øþÿ¡")
_VNI_MARKS = set("øùúûüõöïäåæëìîñ")
_TCVN3_BYTES = "".join(sorted(_TCVN3_MARKS)).encode("latin-1")
_VNI_BYTES = "".join(sorted(_VNI_MARKS)).encode("latin-1")
_WORDS = re.compile(r"[\s,;\"]+")
_VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u0300-\u036f\u1ea0-\u1ef9]")


@dataclass(frozen=True)
class Decoded:
    text: str | None
    encoding: str | None
    findings: tuple[Finding, ...] = ()


@yields(
    "file-empty",
    "file-too-large",
    "file-is-excel-workbook",
    "workbook-password",
    "file-not-text",
    "file-damaged-utf8",
    "file-legacy-vietnamese-encoding",
    "file-encoding-detected",
)
def decode(data: bytes, file: str) -> Decoded:
    if not data or data.isspace():  # `not data.strip()` without copying the file
        return Decoded(None, None, (Finding("file-empty", file),))
    if len(data) > MAX_BYTES:
        size = f"{len(data) / 1024 / 1024:.1f} MB"
        return Decoded(
            None, None, (Finding("file-too-large", file, value=size, params={"limit": megabytes(MAX_BYTES)}),)
        )
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            # A workbook with a password to open is kept in the same container as an .xls.
            code = "workbook-password" if _ENCRYPTED in data else "file-is-excel-workbook"
            return Decoded(None, None, (Finding(code, file, value=kind),))

    text, encoding = _decode_bytes(data)
    if text is None:
        damaged = _damaged_utf8(data, file)
        return Decoded(None, None, (damaged or Finding("file-not-text", file, value=str(data.count(0))),))
    # NFC neither makes nor takes away a control character: the screens share one look at the
    # normalised text.
    length, text = len(text), nfc(text)
    screened = _screened(text)
    controls = _controls(screened, text)
    if controls > max(3, length // 200):
        return Decoded(None, None, (Finding("file-not-text", file, value=str(controls)),))
    legacy = _legacy_font_line(text, screened)
    if legacy is not None:
        line_no, sample, name = legacy
        return Decoded(
            None,
            None,
            (
                Finding(
                    "file-legacy-vietnamese-encoding",
                    file,
                    row=line_no,
                    line=line_no,
                    value=sample,
                    params={"encoding": name},
                ),
            ),
        )
    lossy = _lossy_save(text, file)
    if lossy is not None:
        return Decoded(None, None, (lossy,))
    findings: tuple[Finding, ...] = ()
    if encoding not in ("UTF-8", "UTF-8 (BOM)"):
        findings = (Finding("file-encoding-detected", file, value=encoding),)
    return Decoded(text, encoding, findings)


# Lost letters on one line only (not the header) are a cell typed with "?", reported on its row;
# a lossy save damages the header and every line with Vietnamese in it.
LOSSY_SAVE_MIN_LINES = 2


@yields("file-lossy-save")
def _lossy_save(text: str, file: str) -> Finding | None:
    """A file whose letters a lossy save turned into "?": nothing in it can be trusted, so the
    finding is about the file, at the first line where it shows."""
    if "?" not in text:
        return None
    lines = text.splitlines()
    damaged = [(number, line) for number, line in enumerate(lines, start=1) if lost_letter(line)]
    header = next((n for n, line in enumerate(lines, start=1) if line.strip()), 0)
    if not damaged or (len(damaged) < LOSSY_SAVE_MIN_LINES and damaged[0][0] != header):
        return None
    number, line = damaged[0]
    position = line.index("?")
    sample = line[max(0, position - 20) : position + 30].strip()
    count = sum(count_lost_letters(line) for _, line in damaged)
    return Finding(
        "file-lossy-save", file, row=number, line=number, value=sample, params={"count": str(count)}
    )


# A UTF-8 file with at most this many byte sequences that are not UTF-8 is damaged UTF-8 (cut
# off inside a letter, or a part pasted in another encoding), not a file of another kind.
_FEW_BAD_SEQUENCES = 3


@yields("file-damaged-utf8")
def _damaged_utf8(data: bytes, file: str) -> Finding | None:
    """Where a UTF-8 file stops being UTF-8, when it does only in a few places: the clerk is
    told the line and the text before it, not only that the file is not text."""
    body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    if b"\x00" in body:
        return None
    try:
        str(body, "utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
    else:
        return None
    if str(body, "utf-8", "replace").count("\ufffd") > _FEW_BAD_SEQUENCES:
        return None
    line = body.count(b"\n", 0, start) + 1
    before = str(body[body.rfind(b"\n", 0, start) + 1 : start], "utf-8", "replace")
    return Finding("file-damaged-utf8", file, row=line, line=line, value=before[-40:].strip())


def _decode_bytes(data: bytes) -> tuple[str | None, str]:
    if data.startswith(codecs.BOM_UTF8):
        return _try(memoryview(data)[3:], "utf-8"), "UTF-8 (BOM)"  # the bytes after it, uncopied
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _try(data, "utf-16"), "UTF-16"
    if b"\x00" in data:
        # UTF-16 without BOM: every other byte of ASCII text is zero.
        zeros_odd = data[1::2].count(0)
        if zeros_odd > len(data) // 4:
            return _try(data, "utf-16-le"), "UTF-16"
        zeros_even = data[0::2].count(0)
        if zeros_even > len(data) // 4:
            return _try(data, "utf-16-be"), "UTF-16"
        return None, "binary"
    text = _try(data, "utf-8")
    if text is not None:
        return text, "UTF-8"
    return _try(data, "cp1258"), "Windows-1258"


# What the screens count is Latin-1 but U+FFFD: _CONTROL's other characters, the legacy fonts'
# marks and the Vietnamese letters of Latin-1 (â, ê, ô). The text's Latin-1 characters are kept
# as bytes (one C pass), and of them only these (a second pass over that part, leaving a few).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_VIETNAMESE_BYTES = bytes(code for code in range(256) if _VIETNAMESE.match(chr(code)))
_NOT_SCREENED = bytes(
    sorted(set(range(256)) - {*_CONTROL_BYTES, *_TCVN3_BYTES, *_VNI_BYTES, *_VIETNAMESE_BYTES})
)


def _screened(text: str) -> bytes:
    """The text's control characters, legacy-font marks and Latin-1 Vietnamese letters, in
    Latin-1."""
    return text.encode("latin-1", "ignore").translate(None, _NOT_SCREENED)


def _controls(screened: bytes, text: str) -> int:
    """`len(_CONTROL.findall(text))`, by C loops: the controls among `_screened(text)` and U+FFFD
    in the text."""
    # Looked for before counted: absent from nearly every file, and `in` is the faster search.
    replaced = text.count("\ufffd") if "\ufffd" in text else 0
    return len(screened) - len(screened.translate(None, _CONTROL_BYTES)) + replaced


def _try(data: bytes | memoryview, encoding: str) -> str | None:
    try:
        return str(data, encoding)
    except UnicodeDecodeError:
        return None


def _legacy_font_line(text: str, screened: bytes | None = None) -> tuple[int, str, str] | None:
    """The first line that reads like TCVN3/VNI, when the file as a whole does. `screened`:
    `_screened(text)`, when already made."""
    # Each set of marks is counted by deleting it from the few screened characters. Vietnamese
    # letters are counted only until they outnumber the marks (a Vietnamese file has hundreds of
    # thousands), by C loops too (each match is true).
    if screened is None:
        screened = _screened(text)
    tcvn3 = len(screened) - len(screened.translate(None, _TCVN3_BYTES))
    vni = len(screened) - len(screened.translate(None, _VNI_BYTES))
    suspicious = max(tcvn3, vni)
    if suspicious < 3:
        return None
    # The screened letters (â, ê, ô) are a part of the letters: in a Vietnamese file they alone
    # outnumber the marks, and no letter need be looked for in the text.
    if len(screened) - len(screened.translate(None, _VIETNAMESE_BYTES)) > suspicious:
        return None
    letters = itertools.islice(_VIETNAMESE.finditer(text), suspicious + 1)
    if operator.countOf(map(bool, letters), True) > suspicious:
        return None
    marks = _TCVN3_MARKS if tcvn3 >= vni else _VNI_MARKS
    name = "TCVN3 (ABC)" if tcvn3 >= vni else "VNI"
    for number, line in enumerate(text.splitlines(), start=1):
        for word in _WORDS.split(line):
            if any(ch in marks for ch in word):
                return number, word[:40], name
    return None
