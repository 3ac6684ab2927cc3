"""`status`: for the current month in Việt Nam, which provinces sent their list, which lists
were held, and which provinces have not sent one."""

from __future__ import annotations

import json

import click

from generator.cli.common import data_option, tool_failures


@click.command()
@data_option
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Hôm nay, dạng YYYY-MM-DD (mặc định: ngày hiện tại ở Việt Nam, hoặc DANH_BA_TODAY).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="Dạng báo cáo.",
)
@tool_failures
def status(data_root, today, output_format) -> None:
    """Tình hình nộp danh sách của tháng hiện tại (giờ Việt Nam): tỉnh đã gửi, tỉnh có danh
    sách bị giữ lại vì có lỗi, tỉnh chưa gửi; kèm danh sách tháng sau đang chờ.

    \b
    Ví dụ:
      python -m generator status
      python -m generator status --today 2026-12-05 --format markdown
    """
    from generator.clock import current_month, vietnam_today
    from generator.merge import merge
    from generator.merge.status import Sent, month_status
    from generator.pipeline import validate_dataset
    from generator.render.format import month_label

    month = current_month(today.date() if today else vietnam_today())
    validated = validate_dataset(data_root).validated
    waiting: dict[str, list[str]] = {}
    for item in validated:
        loaded = item.loaded
        if loaded.province_slug and loaded.month and loaded.month > month:
            waiting.setdefault(loaded.province_slug, []).append(loaded.month)
    rows = month_status(merge(validated, month))
    if output_format == "json":
        data = {
            "month": month,
            "provinces": [
                {
                    "province": r.state.province.slug,
                    "status": r.sent.value,
                    "published_month": r.state.data_month,
                    "stale": r.state.stale,
                    "waiting": sorted(waiting.get(r.state.province.slug, [])),
                }
                for r in rows
            ],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    bullet = "- " if output_format == "markdown" else "  "
    lines = [f"{'## ' if output_format == 'markdown' else ''}Danh sách {month_label(month)}", ""]
    for kind in Sent:
        group = [r for r in rows if r.sent is kind]
        lines.append(f"{kind.label.capitalize()}: {len(group)}/{len(rows)}")
        for r in group:
            note = []
            if kind is not Sent.SENT:
                shown = month_label(r.state.data_month) if r.state.data_month else "chưa có danh sách nào"
                note.append(f"đang công bố: {shown}" + (" (cũ)" if r.state.stale else ""))
            if waiting.get(r.state.province.slug):
                later = ", ".join(month_label(m) for m in sorted(waiting[r.state.province.slug]))
                note.append(f"đã gửi {later}, chờ đến đầu tháng")
            lines.append(f"{bullet}{r.state.province.name}" + (f" ({'; '.join(note)})" if note else ""))
        lines.append("")
    click.echo("\n".join(lines).rstrip() + "\n", nl=False)
