"""The monthly print job of collection-point signs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.common import (
    EXIT_USAGE,
    data_option,
    tool_failures,
)


@click.command()
@data_option
@click.option("--month", metavar="YYYY-MM", help="Tháng của đợt in (mặc định: tháng mới nhất có dữ liệu).")
@click.option("--province", metavar="SLUG", help="Chỉ một tỉnh (ví dụ lai-chau).")
@click.option(
    "--all", "all_points", is_flag=True, help="Toàn bộ biển hiệu của các điểm thu (trang bị lại đồng loạt)."
)
@click.option(
    "--since",
    metavar="YYYY-MM",
    help="So với danh sách đang công bố ở tháng đã in này (mặc định: danh sách trước đó của mỗi "
    "tỉnh được coi là đã in).",
)
@click.option(
    "--pdf/--no-pdf",
    default=None,
    help="In bản PDF bằng Chromium (mặc định: có cho phần thay đổi, không cho --all).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Thư mục đầu ra (mặc định: bien-hieu-<YYYY-MM> trong thư mục hiện tại).",
)
@tool_failures
def signage(data_root, month, province, all_points, since, pdf, out) -> None:
    """Biển hiệu đại lý thu cần in trong tháng (Kế hoạch 910/KH-BHXH, Phụ lục 2 và 3): điểm thu
    mới và điểm thu đổi nội dung in trên biển (tên đại lý thu, tên điểm thu, địa chỉ, xã/phường,
    điện thoại cố định, di động), mỗi biển kèm lý do.

    Danh sách trước đó của mỗi tỉnh được coi là đã in; --since YYYY-MM so với danh sách đang công
    bố ở tháng đó. Ghi vào thư mục đầu ra: bien-hieu-<M>.csv (UTF-8 có BOM, cho Excel) và .json,
    tong-hop-<M>.csv (số lượng theo tỉnh, tổng cộng), ban-in-thu/<M>-<tỉnh>.html (mỗi trang một
    biển 90 × 130 cm) và pdf/<M>-<tỉnh>.pdf.

    Mã thoát: 0 khi đã ghi, 2 khi gọi sai lệnh hoặc không có dữ liệu, 3 khi công cụ gặp sự cố.

    \b
    Ví dụ:
      python -m generator signage --month 2026-11
      python -m generator signage --month 2026-11 --province lai-chau --all --pdf --out /tmp/lai-chau
      python -m generator signage --month 2026-11 --since 2026-08 --no-pdf
    """
    from generator.signage.job import SignageError, describe, run_signage

    try:
        result = run_signage(data_root, month, out, province, since, all_points, pdf)
    except SignageError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_USAGE)
    for warning in result.warnings:
        click.echo(warning, err=True)
    click.echo(describe(result))
