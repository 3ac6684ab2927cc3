"""How many leading digits decide what Vietnam's numbering plan says of a number.

Each pattern of the plan (`phone_plan`) is read with the regex parser into the strings it can
match, as sequences of digit sets. Past some position K every set of every pattern is "any digit"
(`\\d`): the regex engine then runs the same steps on two numbers of one length that share their
first K digits (every test past K passes for both), so it gives both the same answer, the same
groups at the same places. The plan's answer for one number is then the answer for every number
of its length and first K digits: `phone_plan` computes it once per such shape, with the
library's own patterns, and cuts each number's national format at the same places.

Most numbers are decided by fewer digits than K: once a number's first digits rule out every
pattern's strings that still test a particular digit further on, the rest are "any digit" for every
string that can still match (`deciding_starts`: "90" decides every mobile 090…, where K = 4 would
make a hundred shapes of it), so the plan is read once per such start and length.

A pattern this reading does not know (anything but digits, classes, groups, alternation and
bounded counts) leaves the plan number by number: nothing is assumed that was not shown.
"""

from __future__ import annotations

from collections.abc import Iterable

try:  # the parser `re` itself uses (3.11+); private, so its absence only costs speed
    import re._parser as _sre  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    _sre = None

_ANY = frozenset("0123456789")
_MOST_PATHS = 4096  # the strings' shapes a pattern may stand for before the reading gives up


class Unreadable(Exception):
    """A pattern with a construct whose effect on a number is not a plain digit set."""


def deciding_digits(patterns: Iterable[str]) -> int | None:
    """K: how many leading digits decide whether each of `patterns` matches a number of digits
    (fullmatch or match, with the same groups), whatever its length; None when a pattern cannot
    be read so."""
    starts = deciding_starts(patterns)
    return None if starts is None else max(map(len, starts))


def deciding_starts(patterns: Iterable[str]) -> frozenset[str] | None:
    """The shortest starts that decide `patterns` as K digits do (see the module's text): each
    number of K digits or more begins with exactly one of them. None when a pattern cannot be read.

    Two numbers of one length beginning with such a start pass or fail every test the engine
    makes alike: a test of a digit inside the start sees the same digit, and one past it belongs
    to a string still compatible with the start, all of whose later digits are "any digit"."""
    if _sre is None:
        return None
    try:
        paths = {path for pattern in patterns for path in _paths(_sre.parse(pattern).data)}
    except Unreadable:
        return None
    starts: set[str] = set()
    _descend("", list(paths), starts)
    return frozenset(starts)


def _descend(start: str, paths: list[Path], starts: set[str]) -> None:
    """`paths`: the strings' shapes that begin compatibly with `start` (or end within it)."""
    at = len(start)
    if all(digits == _ANY for path in paths for digits in path[at:]):
        starts.add(start)
        return
    for digit in sorted(_ANY):
        _descend(start + digit, [path for path in paths if len(path) <= at or digit in path[at]], starts)


Path = tuple[frozenset[str], ...]  # the digits each position of a matched string may be


def _paths(items: list) -> list[Path]:
    paths: list[Path] = [()]
    for op, arg in items:
        alternatives: list[Path]
        if op is _sre.LITERAL:
            alternatives = [(_ANY & {chr(arg)},)]
        elif op is _sre.IN:
            alternatives = [(_digit_set(arg),)]
        elif op is _sre.SUBPATTERN:
            if arg[1] or arg[2]:  # inline flags
                raise Unreadable
            alternatives = _paths(arg[3].data)
        elif op is _sre.BRANCH:
            alternatives = [path for branch in arg[1] for path in _paths(branch.data)]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            low, high, sub = arg
            if high is _sre.MAXREPEAT or high > 32:
                raise Unreadable
            alternatives = []
            inner = _paths(sub.data)
            for count in range(low, high + 1):
                repeated: list[Path] = [()]
                for _ in range(count):
                    repeated = [a + b for a in repeated for b in inner]
                    _bounded(repeated)
                alternatives += repeated
        else:
            raise Unreadable
        paths = [path + alternative for path in paths for alternative in alternatives]
        _bounded(paths)
    return paths


def _bounded(paths: list) -> None:
    if len(paths) > _MOST_PATHS:
        raise Unreadable


def _digit_set(items: list) -> frozenset[str]:
    found: set[str] = set()
    for op, arg in items:
        if op is _sre.LITERAL:
            found.add(chr(arg))
        elif op is _sre.RANGE:
            found.update(chr(code) for code in range(arg[0], arg[1] + 1) if chr(code) in _ANY)
        elif op is _sre.CATEGORY and arg is _sre.CATEGORY_DIGIT:
            found |= _ANY
        else:  # NEGATE, other categories: not read
            raise Unreadable
    return frozenset(found) & _ANY
