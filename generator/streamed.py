"""A large file whose content is produced piece by piece, for whoever writes it to disk.

The national open data files are hundreds of MB at 300,000 points; rendered as one `bytes` they
were the largest single object of the build. A `StreamedFile` is a page value (like `str`, `bytes`
or `FramedPage`) that the build writes chunk by chunk; `content()` joins it for a caller that
wants the bytes (the tests, a renderer's dict).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class StreamedFile:
    chunks: Callable[[], Iterable[bytes]]  # called once per writing: each call starts over

    def content(self) -> bytes:
        return b"".join(self.chunks())
