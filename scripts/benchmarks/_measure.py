"""Shared by the benchmark sections: sizes as a phone on a slow link pays for them."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path


def compressed_bytes(*paths: Path) -> int:
    """What the files cost over the wire with gzip (level 6, as static hosts serve them)."""
    return sum(len(gzip.compress(p.read_bytes(), compresslevel=6)) for p in paths)


def kb(size: int) -> str:
    return f"{size / 1024:.0f} KB"


def budget(label: str, value: float, limit: float, unit: str) -> None:
    verdict = "OK" if value <= limit else "MISSES the target"
    print(f"{label}: {value:,.1f} {unit} [target ≤ {limit:,.0f} {unit}] {verdict}")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(root: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """`root` over HTTP on loopback, for the browser and Lighthouse; the base URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(root))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
