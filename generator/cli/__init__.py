"""Command line: `python -m generator COMMAND`. Every command has help and an example."""

from __future__ import annotations

import click

from generator.cli.datasets import synth
from generator.cli.directory import build, diff, rule_docs, validate
from generator.cli.printing import signage
from generator.cli.review import check_pr, codeowners
from generator.cli.status import status


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
def main() -> None:
    """Danh bạ điểm thu BHXH, BHYT: kiểm tra danh sách của các tỉnh, ghép thành danh bạ toàn
    quốc và dựng trang web tĩnh.

    \b
    Ví dụ:
      python -m generator validate directory_data/provinces/lai-chau/2026-11.csv
      python -m generator build
    """


for command in (validate, build, diff, rule_docs, signage, synth, check_pr, codeowners, status):
    main.add_command(command)
