"""NFC text → a table of cells, with the row numbers a spreadsheet shows (the header is row 1)."""

from __future__ import annotations

import csv
import io
import itertools
import operator
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import add, and_, contains, is_not, not_
from typing import NamedTuple, overload

from generator.columnar import interleaved
from generator.findings import Finding, yields
from generator.limits import HEADER_SEARCH_ROWS, MAX_BYTES, MAX_COLUMNS
from generator.text import fold_compact

_DELIMITERS = (",", ";", "\t")
# Over-long cells become a finding, not a csv.Error: no cell can be larger than the largest file
# read (a quoted cell of millions of commas was reported as an unclosed quote).
csv.field_size_limit(MAX_BYTES)


class Record(NamedTuple):  # one per row of every list: a tuple is built in a fifth of the time
    row: int  # spreadsheet row
    line: int  # first physical line of the record in the file
    cells: tuple[str, ...]


class Records(Sequence[Record]):
    """A table's records kept as their three columns (rows, lines, cells), as the loader reads
    them and the header mapping takes them: a `Record` is made only for the record asked for
    (`table.records[0]`), not one for every row of every list."""

    __slots__ = ("cells", "lines", "rows")

    def __init__(self, rows: list[int], lines: list[int], cells: list[tuple[str, ...]]) -> None:
        self.rows, self.lines, self.cells = rows, lines, cells

    def __len__(self) -> int:
        return len(self.cells)

    @overload
    def __getitem__(self, index: int) -> Record: ...

    @overload
    def __getitem__(self, index: slice) -> Records: ...

    def __getitem__(self, index: int | slice) -> Record | Records:
        if isinstance(index, slice):
            return Records(self.rows[index], self.lines[index], self.cells[index])
        return tuple.__new__(Record, (self.rows[index], self.lines[index], self.cells[index]))

    def __iter__(self) -> Iterator[Record]:
        return map(tuple.__new__, repeat(Record), zip(self.rows, self.lines, self.cells, strict=True))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Records):
            return (self.rows, self.lines, self.cells) == (other.rows, other.lines, other.cells)
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Records({list(self)!r})"


@dataclass(frozen=True)
class Table:
    delimiter: str
    header: tuple[str, ...]
    header_row: int  # blank lines above the header shift it down
    header_line: int
    records: Sequence[Record]  # `Records` when read a line a record (nearly always)


# A row is the header when this many of its cells are the template's headers (or aliases).
MIN_MATCHING_HEADERS = 3
# …or this many when no row has MIN_MATCHING_HEADERS and it is the only row that has them: a list
# keeping two of the template's headers under a title (the rest renamed) is still headed there.
LONE_HEADER_MATCHES = 2


@yields("too-many-columns", "file-unbalanced-quote", "file-empty")
def parse_table(
    text: str, file: str, known_headers: frozenset[str] = frozenset()
) -> tuple[Table | None, list[Finding]]:
    """`known_headers`: the template's headers, folded (`fold_compact`): when given, a title
    above the header ("DANH SÁCH ĐIỂM THU …", the month, a blank line), which lists exported
    from a spreadsheet often carry, is passed over as a workbook's is."""
    delimiter = sniff_delimiter(text)
    read = _single_line_records(text, delimiter, file.rpartition("/")[0])
    rows: Sequence[Record]
    if read is None:
        rows, findings = _records(text, delimiter, file)
        if findings:
            return None, findings
    else:
        rows = read
    if not rows:
        return None, [Finding("file-empty", file)]
    if known_headers:
        rows = rows[_header_index(rows, known_headers) :]
        rows = under_header(rows, known_headers)
    header, records = rows[0], rows[1:]
    width = _last_filled(header.cells)
    kept = records if isinstance(records, Records) else tuple(records)
    return Table(delimiter, header.cells[:width], header.row, header.line, kept), []


def under_header(rows: Sequence[Record], known_headers: frozenset[str]) -> Sequence[Record]:
    """The rows with what a spreadsheet's header often has under it read into the header: a row
    of sub-headings under merged cells ("Điện thoại" over "Cố định" and "Di động"), each joined
    to the heading above or left of it, when every one of them then names a template column; a
    row numbering the columns ("(1)", "(2)" … as official forms do), dropped."""
    if len(rows) < 2:
        return rows
    header, below = rows[0], rows[1]
    filled = [(index, cell) for index, cell in enumerate(below.cells[:MAX_COLUMNS]) if cell]
    if _numbers_columns([cell for _, cell in filled]):
        return [header, *rows[2:]]
    if not filled:
        return rows
    cells = list(header.cells) + [""] * max(0, len(below.cells) - len(header.cells))
    joined = list(cells)
    for index, cell in filled:
        above = next((cells[at] for at in range(index, -1, -1) if cells[at]), "")
        if fold_compact(above + cell) in known_headers:
            joined[index] = f"{above} {cell}"
        elif not cells[index] and fold_compact(cell) in known_headers:
            joined[index] = cell
        else:
            return rows  # a data row, or sub-headings that name no column
    return [tuple.__new__(Record, (header.row, header.line, tuple(joined))), *rows[2:]]


def _numbers_columns(cells: list[str]) -> bool:
    """'(1)', '(2)', '(3)' …, or 1, 2, 3 …: at least three, consecutive."""
    numbers = [cell.strip("()[]. ") for cell in cells]
    if len(numbers) < 3 or not all(n.isdigit() and n.isascii() for n in numbers):
        return False
    return [int(n) for n in numbers] == list(range(int(numbers[0]), int(numbers[0]) + len(numbers)))


def _header_index(rows: Sequence[Record], known_headers: frozenset[str]) -> int:
    """The first row that heads more template columns than the first row does, among the first
    HEADER_SEARCH_ROWS, when the first row heads fewer than MIN_MATCHING_HEADERS; else the only
    row heading LONE_HEADER_MATCHES when the first heads fewer; else 0."""
    first = _headers_in(rows[0].cells, known_headers)
    if first >= MIN_MATCHING_HEADERS:
        return 0
    lone: list[int] = []
    for index, record in enumerate(rows[1:HEADER_SEARCH_ROWS], start=1):
        found = _headers_in(record.cells, known_headers)
        if found >= MIN_MATCHING_HEADERS and found > first:
            return index
        if found >= LONE_HEADER_MATCHES:
            lone.append(index)
    return lone[0] if len(lone) == 1 and first < LONE_HEADER_MATCHES else 0


def _headers_in(cells: tuple[str, ...], known_headers: frozenset[str]) -> int:
    return sum(fold_compact(cell) in known_headers for cell in cells[:MAX_COLUMNS] if cell)


# Rows read at a time on the single-line path: a file of too many columns is refused after at
# most this many rows, as the record-by-record reading refuses it at the first one.
CHUNK_ROWS = 4096


def _single_line_records(text: str, delimiter: str, folder: str = "") -> Records | None:
    """The records when each is one line of the file (no line break inside a quoted cell, the
    usual case), read without a Python statement per row; None when that is not so, or the file
    is refused, and `_records` must read it.

    The reader is given the text's lines split at LF: a CR left at a line's end ends the record
    as it does in the file, and a record that runs over a line shows as the reader counting more
    lines than records. A lone CR ends a line in the file but not here, so such a text is left to
    `_records`. Row and line are then both the record's number.

    `folder`: a line whose cells after the first were read in the last file of the same folder
    (the province's previous month, see `_Earlier`) takes them from there."""
    lines = text.split("\n")
    if "\r" in text and not _all_crlf(text, lines):
        return None
    if not lines[-1]:  # the file's last line break ends a line, it does not start one
        lines.pop()
    if not lines:
        return Records([], [], [])
    earlier = _EARLIER.lines(folder, delimiter, text)
    split: _Split | None = None
    known: list[bool] = []
    if earlier:
        split = firsts, rests, plain = _split_first(lines, delimiter)
        tails = list(map(earlier.get, compress(rests, plain)))
        known = interleaved(plain, repeat(False), map(is_not, tails, repeat(None)))
    # A folder's first file (a month checked alone) is read whole, as it is: split only if a next
    # file asks, and no copy of its lines without the known ones.
    some_known = any(known)
    read = _read_lines(list(compress(lines, map(not_, known))) if some_known else lines, delimiter)
    if read is None:
        return None
    if some_known:
        taken = map(add, zip(map(str.strip, compress(firsts, known))), filter(None, tails))
        cells = interleaved(known, read, taken)
    else:
        cells = read
    _EARLIER.keep(folder, delimiter, lines, cells, split)
    # Excel pads rows with empty trailing cells; a row of nothing but blanks is not data.
    filled = list(map(any, cells))
    numbers = list(compress(range(1, len(cells) + 1), filled))  # each record's row and line
    return Records(numbers, numbers, list(compress(cells, filled)))


def _read_lines(lines: list[str], delimiter: str) -> list[tuple[str, ...]] | None:
    """Each line's cells, stripped; None when a record runs over a line, or a line has too many
    cells."""
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    rows: list[tuple[str, ...]] = []
    try:
        while chunk := list(itertools.islice(reader, CHUNK_ROWS)):
            widths = list(map(len, chunk))
            if reader.line_num != len(rows) + len(chunk) or max(widths) > MAX_COLUMNS:
                return None
            rows += _stripped(chunk, widths)
    except csv.Error:
        return None
    return rows


_Split = tuple[tuple[str, ...], tuple[str, ...], list[bool]]  # first cells, the rest, plain


def _split_first(lines: list[str], delimiter: str) -> _Split:
    """Each line's first cell and the text after it, and whether that cell is read as written:
    neither quoted nor holding a quote, and followed by a delimiter (a line without one is read
    whole)."""
    firsts, seps, rests = zip(*map(str.partition, lines, repeat(delimiter)), strict=True)
    return firsts, rests, list(map(and_, map(bool, seps), map(not_, map(contains, firsts, repeat('"')))))


class _Earlier:
    """The cells after the first of each line of the last file read, by the line's text after its
    first cell: a province sends its whole list every month, and most lines come back the same but
    for their row counter (STT). Their cells are then the same strings, which the row memo
    (validate/memo.py) compares at once. Only the last file is kept, and only for the next file
    of its folder; its table is made when that file asks."""

    def __init__(self) -> None:
        self._folder: tuple[str, str] | None = None
        self._kept: tuple[list[str], list[tuple[str, ...]], _Split | None] | None = None
        self._tails: dict[str, tuple[str, ...]] = {}

    def lines(self, folder: str, delimiter: str, text: str) -> dict[str, tuple[str, ...]]:
        if not folder or self._folder != (folder, delimiter) or "\x00" in text:
            return {}
        if self._kept is not None:
            lines, cells, split = self._kept
            _, rests, plain = split or _split_first(lines, self._folder[1])
            self._tails = dict(zip(compress(rests, plain), map(_TAIL, compress(cells, plain)), strict=True))
            self._kept = None
        return self._tails

    def keep(
        self,
        folder: str,
        delimiter: str,
        lines: list[str],
        cells: list[tuple[str, ...]],
        split: _Split | None,
    ) -> None:
        self._folder = (folder, delimiter) if folder else None
        self._kept = (lines, cells, split) if folder else None
        self._tails = {}

    def forget(self) -> None:
        self._folder, self._kept, self._tails = None, None, {}


_EARLIER = _Earlier()
_TAIL = operator.itemgetter(slice(1, None))


def forget_earlier_lines() -> None:
    """Forget the last file's lines: the benchmark measures a fresh process."""
    _EARLIER.forget()


def _stripped(rows: list[list[str]], widths: list[int]) -> list[tuple[str, ...]]:
    """Each row's cells stripped, as a tuple. Rows of one width (a list's usual shape) are cut
    from one stream of all their cells, stripped by a single map: no map made per row."""
    width = widths[0]
    if width and min(widths) == width == max(widths):
        cells = map(str.strip, itertools.chain.from_iterable(rows))
        return list(zip(*[cells] * width, strict=True))
    return list(map(tuple, map(map, itertools.repeat(str.strip), rows)))


def _all_crlf(text: str, lines: list[str]) -> bool:
    """Every CR of the text is followed by LF: as many as there are line breaks, and each split
    line but the last ends with one."""
    return text.count("\r") == len(lines) - 1 and all(
        map(str.endswith, itertools.islice(lines, len(lines) - 1), itertools.repeat("\r"))
    )


@yields("too-many-columns", "file-unbalanced-quote")
def _records(text: str, delimiter: str, file: str) -> tuple[list[Record], list[Finding]]:
    """The records read one by one: any file, with the line each starts on and the finding that
    stops the reading."""
    # A line break inside a quoted cell keeps the file's line ending: CRLF (Windows, git autocrlf)
    # would leave a control character \r in the cell. Every line ending is made \n before parsing:
    # the reader ends a line (and counts it) at \r\n, \r and \n alike, so records and line
    # numbers are those of the file, and the cells read as if each were mended alone.
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:  # an old Mac line ending, or a lone CR: rare, so looked for first
            text = text.replace("\r", "\n")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[Record] = []
    row = 0
    line = 1
    record = tuple.__new__  # Record(row, line, cells) without its Python-level __new__
    try:
        for cells in reader:
            row += 1
            if len(cells) > MAX_COLUMNS:
                return rows, [
                    Finding(
                        "too-many-columns",
                        file,
                        row=row,
                        line=line,
                        value=str(len(cells)),
                        params={"limit": str(MAX_COLUMNS)},
                    )
                ]
            stripped = tuple(map(str.strip, cells))
            if any(stripped):  # a row of nothing but blanks is not data
                rows.append(record(Record, (row, line, stripped)))
            line = reader.line_num + 1
    except csv.Error:
        return rows, [Finding("file-unbalanced-quote", file, row=row + 1, line=line)]
    return rows, []


def sniff_delimiter(text: str) -> str:
    """The separator that splits the header line the most, ignoring quoted parts."""
    for line in _first_filled_lines(text):
        outside_quotes = "".join(part for i, part in enumerate(line.split('"')) if i % 2 == 0)
        if any(map(outside_quotes.count, _DELIMITERS)):
            return max(_DELIMITERS, key=outside_quotes.count)
    return _DELIMITERS[0]  # one column: no separator to tell


def _first_filled_lines(text: str) -> Iterator[str]:
    """The first filled line, then (for a title above the header, written without separators)
    the next ones, up to HEADER_SEARCH_ROWS."""
    first = _first_filled_line(text)
    yield first
    start = text.find(first) + len(first)
    yield from itertools.islice(
        filter(str.strip, text[start : start + 64 * 1024].splitlines()[1:]), HEADER_SEARCH_ROWS - 1
    )


def _first_filled_line(text: str) -> str:
    """The first line with something on it, as `text.splitlines()` would give it, without
    splitting the whole file: growing slices of its start, where only the slice's last line may
    be cut short."""
    size = 4096
    while True:
        whole = size >= len(text)
        lines = text[:size].splitlines()
        for line in lines if whole else lines[:-1]:
            if line.strip():
                return line
        if whole:
            return ""
        size *= 8


def _last_filled(cells: tuple[str, ...]) -> int:
    width = len(cells)
    while width and not cells[width - 1]:
        width -= 1
    return width
