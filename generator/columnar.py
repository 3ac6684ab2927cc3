"""A column of texts handled whole, by C loops: what the loader, the phone and coordinate readers
and the checks share. Below every stage: it imports nothing of the generator."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")


def joined_lines(texts: Sequence[str]) -> str | None:
    """The texts joined by line breaks when each is one line of the result, so that one C call
    over it (a translate, a regex, a split) is that call over each; None when a text holds a line
    break of its own, or there is none. "" is a column of one empty text: test for None."""
    joined = "\n".join(texts)
    return joined if texts and joined.count("\n") == len(texts) - 1 else None


def interleaved(choices: Iterable[bool], when_false: Iterable[T], when_true: Iterable[T]) -> list[T]:
    """The next item of `when_true` where a choice is true, of `when_false` where it is false
    (C loops: a bool indexes the pair, then its next)."""
    sources = (iter(when_false), iter(when_true))
    return list(map(next, map(sources.__getitem__, choices)))
