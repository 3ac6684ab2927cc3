"""`python -m generator.synth --sample directory_data` regenerates the bundled sample;
`python -m generator.synth OUT --points 30000 --months 12 --seed 1` writes a synthetic dataset."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator.synth import SynthError, write_sample_dataset, write_synthetic_dataset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.synth",
        description="Sinh dữ liệu điểm thu tổng hợp (không phải danh sách thật).",
    )
    parser.add_argument("out", type=Path, nargs="?", help="thư mục đích (chứa provinces/)")
    parser.add_argument("--sample", type=Path, metavar="DIR",
                        help="sinh lại bộ dữ liệu mẫu đi kèm vào DIR (thường là directory_data)")  # fmt: skip
    parser.add_argument("--points", type=int, default=30_000, help="số điểm thu tháng đầu")
    parser.add_argument("--months", type=int, default=12, help="số tháng liên tiếp")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--first-month", default="2026-01", help="tháng đầu, dạng YYYY-MM")
    parser.add_argument("--late-share", type=float, default=0.1, help="tỷ lệ tỉnh nộp chậm")
    args = parser.parse_args(argv)
    if (args.out is None) == (args.sample is None):
        parser.error("cần đúng một trong hai: OUT hoặc --sample DIR")

    started = time.perf_counter()
    try:
        if args.sample is not None:
            summary = write_sample_dataset(args.sample)
            target = args.sample
        else:
            summary = write_synthetic_dataset(
                args.out, args.points, args.months, args.seed, args.first_month, args.late_share
            )
            target = args.out
    except SynthError as error:
        print(error, file=sys.stderr)
        return 2
    rows = sum(sum(p.rows.values()) for p in summary.provinces.values())
    print(
        f"Đã ghi {len(summary.files())} file, {rows:,} dòng vào {target}/provinces "
        f"trong {time.perf_counter() - started:.2f} giây",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
