"""A column of texts handled whole, by C loops: what the loader, the phone and coordinate readers
and the checks share. Below every stage: it imports nothing of the generator."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")


def joined_apart(texts: Sequence[str], separator: str) -> str | None:
    """The texts joined by `separator` when none holds it, so that one C call over the result (a
    translate, a regex, an escape, a split) is that call over each; None when one does, or there
    is no text. "" is a column of one empty text: test for None."""
    joined = separator.join(texts)
    return joined if texts and joined.count(separator) == len(texts) - 1 else None


def joined_lines(texts: Sequence[str]) -> str | None:
    """`joined_apart` by line breaks: each text one line of the result."""
    return joined_apart(texts, "\n")


def interleaved(choices: Iterable[bool], when_false: Iterable[T], when_true: Iterable[T]) -> list[T]:
    """The next item of `when_true` where a choice is true, of `when_false` where it is false
    (C loops: a bool indexes the pair, then its next)."""
    sources = (iter(when_false), iter(when_true))
    return list(map(next, map(sources.__getitem__, choices)))
