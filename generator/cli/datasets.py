"""Synthetic and sample datasets for tests, benchmarks and the bundled sample."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.common import (
    DEFAULT_DATA,
    EXIT_USAGE,
    tool_failures,
)


@click.command()
@click.option(
    "--points", default=30_000, show_default=True, type=click.IntRange(min=1), help="Số điểm thu tháng đầu."
)
@click.option(
    "--months", default=12, show_default=True, type=click.IntRange(min=1), help="Số tháng liên tiếp."
)
@click.option("--seed", default=1, show_default=True, help="Cùng seed, cùng dữ liệu.")
@click.option("--first-month", default="2026-01", show_default=True, metavar="YYYY-MM", help="Tháng đầu.")
@click.option(
    "--late-share",
    default=0.1,
    show_default=True,
    type=click.FloatRange(0, 1),
    help="Tỷ lệ tỉnh nộp chậm (thiếu file của một vài tháng).",
)
@click.option(
    "--sample",
    is_flag=True,
    help="Sinh lại bộ dữ liệu mẫu đi kèm (34 tỉnh, 3 tháng) đúng từng byte; không dùng cùng "
    "--points, --months, --seed, --first-month, --late-share.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Thư mục đích (sẽ chứa provinces/); với --sample mặc định là directory_data/. Không ghi "
    "đè danh sách không được đánh dấu là dữ liệu mẫu.",
)
@tool_failures
def synth(points, months, seed, first_month, late_share, sample, out) -> None:
    """Sinh bộ dữ liệu tổng hợp toàn quốc theo đúng cấu trúc nộp, để đo tốc độ và thử quy mô
    lớn: xã thật từ 2025, số điểm mỗi tỉnh theo Phụ lục 3 (2018), thay đổi hằng tháng. Cùng tham
    số, cùng từng byte. --sample sinh lại dữ liệu mẫu đi kèm trong directory_data/.

    Mã thoát: 0 khi đã ghi, 2 khi gọi sai lệnh hoặc thư mục đích có danh sách thật.

    \b
    Ví dụ:
      python -m generator synth --points 30000 --months 12 --seed 1 --out /tmp/toan-quoc
      python -m generator build --data /tmp/toan-quoc --out /tmp/site-toan-quoc
      python -m generator synth --sample
    """
    from click.core import ParameterSource

    from generator.load.layout import MONTH_FILE, display_path
    from generator.render.format import number
    from generator.synth import SynthError, write_sample_dataset, write_synthetic_dataset

    if sample:
        context = click.get_current_context()
        generation = ("points", "months", "seed", "first_month", "late_share")
        given = [n for n in generation if context.get_parameter_source(n) != ParameterSource.DEFAULT]
        if given:
            options = ", ".join("--" + n.replace("_", "-") for n in given)
            raise click.UsageError(f"--sample sinh lại đúng dữ liệu mẫu, không dùng cùng {options}.")
        out = out or DEFAULT_DATA
    elif out is None:
        raise click.UsageError("cần --out DIR (hoặc --sample để sinh lại dữ liệu mẫu).")
    if not MONTH_FILE.match(f"{first_month}.csv"):
        raise click.BadParameter("cần dạng YYYY-MM, ví dụ 2026-01.", param_hint="--first-month")
    try:
        if sample:
            summary = write_sample_dataset(out)
        else:
            summary = write_synthetic_dataset(out, points, months, seed, first_month, late_share)
    except SynthError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_USAGE)
    rows = sum(sum(p.rows.values()) for p in summary.provinces.values())
    click.echo(
        f"Đã ghi {number(rows)} dòng ({len(summary.files())} file, {len(summary.provinces)} tỉnh, "
        f"{len(summary.months)} tháng) vào {display_path(out)}."
    )
