"""Wall and CPU time of a command and of every process under it, Chromium and Node included.

    python scripts/cputime.py python -m pytest -n 2 --dist loadfile --no-loadscope-reorder

The wrapper makes itself the child subreaper (Linux `prctl(PR_SET_CHILD_SUBREAPER)`): processes
whose parent exits without waiting for them (Playwright's Chromium) are handed to it, reaped and
counted, which `/usr/bin/time` misses. On a shared machine CPU time is the figure to compare.
"""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def main(command: list[str]) -> int:
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    start = time.monotonic()
    code = subprocess.call(command)
    while True:  # the orphans handed to us
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            break
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"wall {time.monotonic() - start:.1f} s, CPU {used.ru_utime + used.ru_stime:.1f} s "
        f"(user {used.ru_utime:.1f}, sys {used.ru_stime:.1f}), load {os.getloadavg()[0]:.1f}",
        file=sys.stderr,
    )
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
