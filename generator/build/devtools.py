"""One headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`,
standard library only): it prints every document of a build, where starting a browser for each
PDF cost about 1.5 s of CPU apiece (five leaflets: most of the PDFs' cost).

Messages are JSON objects ended by a NUL byte; Chromium reads them from its file descriptor 3 and
writes to its descriptor 4. One page (target) loads each document in turn, printed with the
settings `--print-to-pdf --no-pdf-header-footer` uses.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import signal
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

# What headless Chromium's own --print-to-pdf asks for (its command handler), header and footer
# off as --no-pdf-header-footer says: the same document prints to the same bytes either way.
PRINT_PARAMS = {
    "displayHeaderFooter": False,
    "generateTaggedPDF": True,
    "printBackground": True,
    "preferCSSPageSize": True,
}
# Chromium takes the protocol on descriptors 3 and 4; subprocess can only place 0–2, so a shell
# moves them there and execs the browser (no preexec_fn: the PDFs print in a thread).
_PLACE_PIPES = 'exec "$@" 3<&0 4>&1 </dev/null >/dev/null'


class BrowserFailed(Exception):
    """The browser ended, or answered with an error: `code` is its exit status when it ended."""

    def __init__(self, detail: str, code: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.code = code


class BrowserTimeout(Exception):
    """No answer within the time given for the document."""


class Browser:
    def __init__(self, chromium: Path, flags: Sequence[str], profile: Path, log: IO[bytes]) -> None:
        commands, self._to_browser = os.pipe()
        self._from_browser, answers = os.pipe()
        try:
            self._process = subprocess.Popen(
                [
                    "/bin/sh",
                    "-c",
                    _PLACE_PIPES,
                    "sh",
                    str(chromium),
                    *flags,
                    "--remote-debugging-pipe",
                    f"--user-data-dir={profile}",
                ],
                stdin=commands,
                stdout=answers,
                stderr=log,
                start_new_session=True,  # its renderers and helpers end with it
            )
        except OSError:
            for fd in (self._to_browser, self._from_browser):
                os.close(fd)
            raise
        finally:
            os.close(commands)
            os.close(answers)
        self._log = log
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []
        self._session: str | None = None

    def print_pdf(self, url: str, timeout: float) -> bytes:
        deadline = time.monotonic() + timeout
        if self._session is None:
            # One page for every document: a page each cost a renderer's start (0.1 s of CPU).
            target = self._call("Target.createTarget", {"url": "about:blank"}, deadline)["targetId"]
            attach = {"targetId": target, "flatten": True}
            self._session = self._call("Target.attachToTarget", attach, deadline)["sessionId"]
            self._call("Page.enable", {}, deadline, self._session)
        self._events.clear()
        self._call("Page.navigate", {"url": url}, deadline, self._session)
        self._wait_event("Page.loadEventFired", self._session, deadline)
        # Fonts are inside the document; a face still decoding at the load event waits for it.
        fonts = {"expression": "document.fonts.ready.then(() => true)", "awaitPromise": True}
        self._call("Runtime.evaluate", fonts, deadline, self._session)
        return base64.b64decode(self._call("Page.printToPDF", PRINT_PARAMS, deadline, self._session)["data"])

    def close(self, timeout: float = 10) -> None:
        if self._process.poll() is None:
            with contextlib.suppress(BrowserFailed, BrowserTimeout, OSError):
                self._call("Browser.close", {}, time.monotonic() + timeout)
            try:
                self._process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        for fd in (self._to_browser, self._from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            os.killpg(self._process.pid, signal.SIGKILL)
        self._process.wait()

    def _call(self, method: str, params: dict, deadline: float, session: str | None = None) -> dict:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        try:
            os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        except OSError as exc:  # the browser is gone (a broken pipe)
            raise self._ended() from exc
        while True:
            answer = self._receive(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise BrowserFailed(f"{method}: {answer['error'].get('message', answer['error'])}")
                return answer.get("result", {})
            if "method" in answer:
                self._events.append(answer)

    def _wait_event(self, method: str, session: str, deadline: float) -> None:
        while True:
            for event in self._events:
                if event["method"] == method and event.get("sessionId") == session:
                    return
            self._events.clear()
            answer = self._receive(deadline)
            if "method" in answer:
                self._events.append(answer)

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise BrowserTimeout
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise self._ended()
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def _ended(self) -> BrowserFailed:
        try:
            code = self._process.wait(10)
        except subprocess.TimeoutExpired:
            self.kill()
            code = self._process.returncode
        self._log.flush()
        self._log.seek(0)
        lines = self._log.read().decode("utf-8", "replace").strip().splitlines()
        return BrowserFailed(lines[-1] if lines else "", code)
