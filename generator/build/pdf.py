"""Print the leaflets' print documents to PDF with headless Debian Chromium.

Chromium is optional on a workstation: when it is missing or fails, the step reports Vietnamese
warnings naming the PDFs it skipped and the build carries on; it never raises.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from generator.build.cache import OutputCache
from generator.build.devtools import PRINT_PARAMS, Browser, BrowserFailed, BrowserTimeout

DEFAULT_CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_SECONDS = 90

# Flags that keep Chromium off the network and away from any profile (the tests use them too).
HEADLESS_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
# --no-pdf-header-footer drops the date and URL Chromium would otherwise print on every page.
_FLAGS = (*HEADLESS_FLAGS, "--no-pdf-header-footer")
# In a PDF's cache key: how it was printed.
_OPTIONS = " ".join(_FLAGS).encode() + json.dumps(PRINT_PARAMS, sort_keys=True).encode()

# Skia writes the print time into the document info; everything else in its output depends only
# on the input, so pinning these two dates makes the PDF byte-identical from run to run. The
# replacement has the same length, which keeps the cross-reference offsets valid.
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}([^)]{0,8})\)")


def _pinned_date(epoch: int | None) -> bytes:
    """`epoch`, else SOURCE_DATE_EPOCH, else 2000-01-01: never the time of printing."""
    if epoch is None:
        text = os.environ.get("SOURCE_DATE_EPOCH", "")
        epoch = int(text) if text.isdigit() else 946684800
    return time.strftime("%Y%m%d%H%M%S", time.gmtime(epoch)).encode()


# The structure elements of a tagged PDF are named after Chromium's DOM node ids, which shift
# with how many nodes existed before the page (one more in one run of two, seen on a province
# leaflet), and even change their relative order under load (a table's header cells, seen on the
# print specification). Numbered again from 1 in the order they appear in the file, which is the
# structure tree's own order, in the same width, two prints are byte-identical.
_NODE_ID = re.compile(rb"\(node(\d{8})\)")


def normalise_pdf(data: bytes, epoch: int | None = None) -> bytes:
    stamp = _pinned_date(epoch)
    data = _PDF_DATE.sub(lambda m: b"/" + m[1] + b" (D:" + stamp + m[2] + b")", data)
    order: dict[bytes, int] = {}
    for node in _NODE_ID.findall(data):
        order.setdefault(node, len(order) + 1)
    data = _NODE_ID.sub(lambda m: b"(node%08d)" % order[m[1]], data)
    return _ID_TREE.sub(_sorted_id_tree, data)


# The name tree of those ids is sorted by name: after renaming, sorted again. The same pairs in
# another order, and the same bounds, take the same bytes: the offsets stay valid.
_ID_TREE = re.compile(rb"/Limits \[\(node\d{8}\) \(node\d{8}\)\]\n/Names \[((?:\(node\d{8}\) \d+ 0 R ?)+)\]")
_ID_PAIR = re.compile(rb"\((node\d{8})\) (\d+ 0 R)")


def _sorted_id_tree(match: re.Match[bytes]) -> bytes:
    pairs = sorted(_ID_PAIR.findall(match[1]))
    names = b" ".join(b"(%s) %s" % pair for pair in pairs)
    trailing = b" " if match[1].endswith(b" ") else b""
    limits = b"/Limits [(%s) (%s)]" % (pairs[0][0], pairs[-1][0])
    return limits + b"\n/Names [" + names + trailing + b"]"


def print_pdfs(
    html_files: list[Path],
    out_dir: Path,
    *,
    chromium: Path = DEFAULT_CHROMIUM,
    timeout: float = TIMEOUT_SECONDS,
    date_epoch: int | None = None,
    cache: OutputCache | None = None,
) -> list[str]:
    """Write out_dir/<stem>.pdf for each HTML file, dated `date_epoch` (see `_pinned_date`);
    return warnings (empty when all went well). `timeout` is each document's. With `cache`, a
    PDF printed before from the same document (self-contained: fonts and QR code inside) by the
    same Chromium is reused."""
    return print_pdf_sets(
        [(html_files, out_dir)], chromium=chromium, timeout=timeout, date_epoch=date_epoch, cache=cache
    )


def print_pdf_sets(
    sets: Sequence[tuple[list[Path], Path]],
    *,
    chromium: Path = DEFAULT_CHROMIUM,
    timeout: float = TIMEOUT_SECONDS,
    date_epoch: int | None = None,
    cache: OutputCache | None = None,
) -> list[str]:
    """`print_pdfs` for several (documents, folder) sets, all printed by one browser
    (`devtools.py`): a browser's start costs about as much as a leaflet's print."""
    warnings: list[str] = []
    pending: list[tuple[Path, Path, str | None]] = []  # document, PDF, cache key
    printer = _version(chromium, cache) if cache and any(files for files, _ in sets) else b""
    for html_files, out_dir in sets:
        files = sorted(html_files)
        if not files:
            continue
        if not (chromium.is_file() and os.access(chromium, os.X_OK)):
            names = ", ".join(f"{f.stem}.pdf" for f in files)
            warnings.append(f"Không tìm thấy Chromium ở {chromium}: bỏ qua bản PDF của tờ rơi ({names}).")
            continue
        out_dir.mkdir(parents=True, exist_ok=True)
        for html in files:
            target = out_dir / f"{html.stem}.pdf"
            key = None
            if cache and printer:
                key = cache.key("pdf", printer, _OPTIONS, _pinned_date(date_epoch), html.read_bytes())
                kept = cache.get(key)
                if kept is not None:
                    target.write_bytes(kept)
                    continue
            pending.append((html, target, key))
    if pending:
        warnings += _print(pending, chromium, timeout, date_epoch, cache)
    return warnings


def _print(
    pending: list[tuple[Path, Path, str | None]],
    chromium: Path,
    timeout: float,
    date_epoch: int | None,
    cache: OutputCache | None,
) -> list[str]:
    warnings: list[str] = []
    with tempfile.TemporaryDirectory(prefix="to-roi-chromium-") as tmp:
        browser: Browser | None = None
        log = open(Path(tmp) / "chromium.log", "w+b")  # noqa: SIM115 (closed below, after the browser)
        try:
            for html, target, key in pending:
                try:
                    if browser is None:
                        browser = Browser(chromium, HEADLESS_FLAGS, Path(tmp) / "profile", log)
                    raw = browser.print_pdf(html.resolve().as_uri(), timeout)
                except (BrowserTimeout, BrowserFailed, OSError) as exc:
                    warnings.append(_failure(exc, html, target, timeout))
                    if browser is not None:  # not trusted with the next document: a new one starts
                        browser.kill()
                        browser.close()
                        browser = None
                    continue
                data = normalise_pdf(raw, date_epoch)
                target.write_bytes(data)
                if key and cache:
                    cache.put(key, data)
        finally:
            if browser is not None:
                browser.close()
            log.close()
    return warnings


def _failure(exc: Exception, html: Path, target: Path, timeout: float) -> str:
    if isinstance(exc, BrowserTimeout):
        return f"Chromium quá {timeout:g} giây khi in {html.name}: bỏ qua {target.name}."
    if isinstance(exc, BrowserFailed):
        code = f" (mã {exc.code})" if exc.code is not None else ""
        why = f": {exc.detail}" if exc.detail else ""
        return f"Chromium không in được {html.name}{code}{why}: bỏ qua {target.name}."
    return f"Không chạy được Chromium ({exc}): bỏ qua {target.name}."


def _version(chromium: Path, cache: OutputCache) -> bytes:
    """Chromium's version line, b"" when it cannot say (then nothing is reused). Kept in `cache`
    under the executable's identity: starting Chromium to ask costs a monthly build 0.1-0.6 s of
    CPU, and an update (a package's or a hand-copied build) writes a new file, with another inode
    or change time, so the version is asked again."""
    try:
        info = os.stat(chromium)
    except OSError:
        return b""
    identity = f"{os.path.realpath(chromium)}\0{info.st_dev}:{info.st_ino}:{info.st_size}"
    identity += f":{info.st_mtime_ns}:{info.st_ctime_ns}"
    key = cache.key("chromium-version", identity.encode())
    kept = cache.get(key)
    if kept:
        return kept
    version = _asked_version(chromium)
    if version:
        cache.put(key, version)
    return version


def _asked_version(chromium: Path) -> bytes:
    try:
        done = subprocess.run([str(chromium), "--version"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return b""
    return done.stdout.strip() if done.returncode == 0 else b""
