"""Shared by the benchmark sections: sizes as a phone on a slow link pays for them."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
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


COMPRESSED_TYPES = (".html", ".css", ".js", ".json", ".xml", ".svg", ".csv", ".bin", ".geojson")


class GzipHandler(QuietHandler):
    """Text files gzipped on the way out when the browser accepts it, as a static host does."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        compress = "gzip" in self.headers.get("Accept-Encoding", "") and path.suffix in COMPRESSED_TYPES
        if not compress or not path.is_file():
            return super().send_head()  # folders without their slash are redirected there
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


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
