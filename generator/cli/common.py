"""What every command shares: options, exit codes, and how tool failures are reported."""

from __future__ import annotations

import errno
import functools
import os
import sys
from pathlib import Path

import click

from generator.contract import PROJECT_ROOT

DEFAULT_DATA = PROJECT_ROOT / "directory_data"
EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_TOOL = 0, 1, 2, 3

data_option = click.option(
    "--data",
    "data_root",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_DATA,
    show_default="directory_data/",
    help="Thư mục dữ liệu (chứa provinces/<tỉnh>/<YYYY-MM>.csv).",
)
month_option = click.option(
    "--month", metavar="YYYY-MM", help="Tháng cần dựng (mặc định: tháng mới nhất có dữ liệu)."
)


_WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EFBIG})


def tool_failures(command):
    """A bug in the tool is not a problem in the data: say so plainly, exit 3, no traceback
    (set DANH_BA_DEBUG=1 to see it)."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except OSError as exc:
            # A path that cannot be read or written is a usage problem, not a data problem nor a
            # bug; a full or read-only disk is not a file that cannot be read.
            verb = "Không ghi được" if exc.errno in _WRITE_ERRNOS else "Không đọc được"
            click.echo(f"{verb} {exc.filename or ''}: {exc.strerror or exc}", err=True)
            sys.exit(EXIT_USAGE)
        except Exception as exc:
            if os.environ.get("DANH_BA_DEBUG"):
                raise
            click.echo(
                f"Lỗi của công cụ (không phải lỗi dữ liệu): {type(exc).__name__}: {exc}\n"
                "Hãy báo cho nhóm kỹ thuật; chạy lại với DANH_BA_DEBUG=1 để xem chi tiết.",
                err=True,
            )
            sys.exit(EXIT_TOOL)

    return wrapper
