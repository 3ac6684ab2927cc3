"""The province pull request check and the CODEOWNERS file it relies on."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.common import (
    EXIT_ERRORS,
    EXIT_OK,
    EXIT_USAGE,
    tool_failures,
)


@click.command("check-pr")
@click.option("--base", metavar="REF", help="Nhánh hoặc commit gốc của pull request (git diff BASE...HEAD).")
@click.option("--head", default="HEAD", show_default=True, metavar="REF", help="Commit của pull request.")
@click.option(
    "--files",
    "file_list",
    type=click.File("r", encoding="utf-8"),
    help="Danh sách file thay đổi thay cho git (mỗi dòng một đường dẫn hoặc “M<TAB>đường dẫn”; - là stdin).",
)
@click.option(
    "--repo",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=".",
    show_default=True,
    help="Thư mục gốc của kho (đã checkout ở commit của pull request).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="text cho người đọc, github cho chú thích trên pull request (tối đa 10 mỗi loại).",
)
@click.option(
    "--summary",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Ghi thêm bản tóm tắt Markdown vào file này (trong GitHub Actions: $GITHUB_STEP_SUMMARY).",
)
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), help="Ghi báo cáo JSON.")
@click.option(
    "--html",
    "html_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Ghi báo cáo HTML tự chứa (các dòng cần sửa, thay đổi cũ → mới, bản đồ nhỏ) để tải về.",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Hôm nay, dạng YYYY-MM-DD (mặc định: ngày hiện tại ở Việt Nam, hoặc DANH_BA_TODAY): "
    "quyết định tháng hiện tại, tháng chờ và tháng quá xa.",
)
@tool_failures
def check_pr(base, head, file_list, repo, output_format, summary, json_out, html_out, today) -> None:
    """Kiểm tra một pull request nộp danh sách: chỉ một thư mục tỉnh, không sửa file khác, không
    xoá danh sách đã nộp; kiểm tra các danh sách thay đổi và tính thay đổi so với danh sách đang
    công bố. Chạy từ thư mục gốc của kho.

    Mã thoát: 0 khi không có LỖI, 1 khi có LỖI, 2 khi gọi sai lệnh hoặc không đọc được git.

    \b
    Ví dụ:
      python -m generator check-pr --base origin/main
      git diff --name-status origin/main... | python -m generator check-pr --files -
      python -m generator check-pr --base "$BASE_SHA" --format github \\
          --summary "$GITHUB_STEP_SUMMARY" --json bao-cao-kiem-tra.json \\
          --html bao-cao-kiem-tra.html
    """
    from generator.clock import vietnam_today
    from generator.review.changed import ChangesError, git_changes, parse_file_list
    from generator.review.check import review
    from generator.review.summary import render_annotations, render_json, render_summary, render_text

    if (base is None) == (file_list is None):
        raise click.UsageError("Cần đúng một trong hai: --base REF hoặc --files FILE.")
    try:
        files = parse_file_list(file_list.read(), repo) if file_list else git_changes(repo, base, head)
    except ChangesError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_USAGE)
    result = review(files, repo, today.date() if today else vietnam_today())
    if summary:
        with summary.open("a", encoding="utf-8") as out:
            out.write(render_summary(result))
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(render_json(result, base, head if base else None), encoding="utf-8")
    if html_out:
        from generator.review.html_report import render_html

        html_out.parent.mkdir(parents=True, exist_ok=True)
        html_out.write_text(render_html(result), encoding="utf-8")
    render = render_annotations if output_format == "github" else render_text
    click.echo(render(result), nl=False)
    sys.exit(EXIT_ERRORS if result.has_errors else EXIT_OK)


@click.command()
@click.option("--check", is_flag=True, help="Chỉ so sánh: mã thoát 1 nếu file đang có đã cũ.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File cần ghi (mặc định: .github/CODEOWNERS của kho).",
)
@tool_failures
def codeowners(check, out) -> None:
    """Sinh .github/CODEOWNERS từ danh sách 34 tỉnh: mỗi thư mục tỉnh thuộc nhóm
    @bhxh-vn/<mã tỉnh>, phần còn lại thuộc nhóm kỹ thuật @bhxh-vn/ky-thuat.

    \b
    Ví dụ:
      python -m generator codeowners
      python -m generator codeowners --check
    """
    from generator.load.layout import display_path
    from generator.review.codeowners import CODEOWNERS_PATH, render_codeowners

    path = out or CODEOWNERS_PATH
    shown = display_path(path)
    text = render_codeowners()
    current = path.read_text(encoding="utf-8") if path.exists() else None
    if check:
        if current != text:
            click.echo(f"{shown} đã cũ; chạy: python -m generator codeowners", err=True)
            sys.exit(EXIT_ERRORS)
        click.echo(f"{shown} khớp với danh sách tỉnh.")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    click.echo(f"Đã ghi {shown} ({text.count('/directory_data/provinces/')} thư mục tỉnh).")
