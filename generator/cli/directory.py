"""Commands on the directory itself: check lists, build the site, show a month's changes, print
the rule reference."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.common import (
    EXIT_ERRORS,
    EXIT_OK,
    EXIT_USAGE,
    data_option,
    month_option,
    tool_failures,
)
from generator.contract import PROJECT_ROOT


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@data_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "report-json", "github", "markdown"]),
    default="text",
    show_default=True,
    help="Dạng báo cáo: text cho người đọc, json cho máy (danh sách phát hiện), report-json cho "
    "máy (nhóm theo mức độ rồi mã quy tắc, có tổng số và tối đa --sample dòng ví dụ mỗi mã), "
    "github cho chú thích trên pull request, markdown cho bản tóm tắt của job.",
)
@click.option("--province", metavar="SLUG", help="Tỉnh của file khi file chưa nằm đúng thư mục.")
@click.option("--month", metavar="YYYY-MM", help="Tháng của file khi file chưa nằm đúng thư mục.")
@click.option("--sample", default=10, show_default=True, help="Số dòng ví dụ tối đa cho mỗi loại.")
@click.option(
    "--fix",
    "fix_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Ghi lại danh sách (một file) với mọi chỗ đã tự sửa và cột “Kết quả kiểm tra” cho từng "
    "dòng, cùng dạng với file gửi (CSV hoặc .xlsx), để sửa tiếp rồi nộp lại.",
)
@tool_failures
def validate(paths, data_root, output_format, province, month, sample, fix_out) -> None:
    """Kiểm tra các file danh sách điểm thu (file hoặc thư mục; mặc định: cả thư mục dữ liệu).

    Mã thoát: 0 khi không có LỖI, 1 khi có LỖI, 2 khi gọi sai lệnh hoặc không đọc được đường
    dẫn, 3 khi công cụ gặp sự cố.

    \b
    Ví dụ:
      python -m generator validate directory_data/provinces/lai-chau/2026-11.csv
      python -m generator validate --province lai-chau --month 2026-11 ~/Downloads/ds.csv
      python -m generator validate --format json directory_data/ > bao-cao.json
      python -m generator validate --fix da-sua.xlsx directory_data/provinces/hue/2026-11.xlsx
      python -m generator validate --format report-json --sample 3 directory_data/
    """
    from generator.validate import report
    from generator.validate.dataset import validate_paths

    if province is not None:
        _check_province_option(province, month)
    if fix_out is not None:
        _write_fix(paths, data_root, province, month, fix_out)
    result = validate_paths(list(paths) or [data_root], data_root, province, month)
    findings = result.findings
    side = _side_files(list(paths) or [data_root], data_root)
    if output_format == "json":
        click.echo(report.render_json(findings), nl=False)
    elif output_format == "report-json":
        click.echo(report.render_report_json(findings, result.files, sample, side), nl=False)
    elif output_format == "github":
        click.echo(report.render_github(findings), nl=False)
    elif output_format == "markdown":
        click.echo(report.render_markdown(findings, result.files, sample, side), nl=False)
    else:
        click.echo(report.render_text(findings, result.files, sample, side), nl=False)
    sys.exit(EXIT_ERRORS if result.has_errors else EXIT_OK)


def _side_files(paths: list[Path], data_root: Path) -> list[str]:
    """The side files the run checked (named, or in the provinces/ of a folder), as shown."""
    from generator.load.layout import PROVINCES_DIR, display_path, is_side_file, lexical_path

    provinces = lexical_path(data_root / PROVINCES_DIR)
    found: set[Path] = set()
    for path in paths:
        if path.is_file() and not path.is_symlink():
            found.update([path] if is_side_file(path) else [])
        elif path.is_dir() and not path.is_symlink():
            found.update(
                file
                for file in path.rglob("*.yaml")
                if is_side_file(file)
                and file.is_file()
                and not file.is_symlink()
                and lexical_path(file).is_relative_to(provinces)
            )
    return sorted(display_path(file) for file in found)


def _write_fix(paths, data_root: Path, province, month, out: Path) -> None:
    from generator.load import load_file
    from generator.validate import validate_file
    from generator.validate.fix import corrected_table, write_corrected

    if len(paths) != 1 or not Path(paths[0]).is_file():
        raise click.BadParameter("--fix cần đúng một file danh sách.", param_hint="PATHS")
    loaded = load_file(Path(paths[0]), data_root, province, month)
    if loaded.table is None:
        click.echo("Không ghi được file đã sửa: file gửi không đọc được thành bảng (xem báo cáo).", err=True)
        return
    header, rows = corrected_table(loaded, validate_file(loaded))
    try:
        write_corrected(out, header, rows, as_workbook=loaded.encoding == "xlsx")
    except OSError as exc:
        raise click.FileError(str(out), f"Không ghi được: {exc.strerror}") from exc
    click.echo(f"Đã ghi danh sách đã sửa vào {out} (cột “Kết quả kiểm tra” cho từng dòng).", err=True)


def _check_slug(province: str) -> None:
    from generator.units import admin_units

    if admin_units().province_by_slug(province) is None:
        raise click.BadParameter(
            f"“{province}” không phải mã tỉnh (ví dụ lai-chau).", param_hint="--province"
        )


def _check_province_option(province: str, month: str | None) -> None:
    from generator.load.layout import MONTH_FILE

    _check_slug(province)
    if month is None or not MONTH_FILE.match(f"{month}.csv"):
        raise click.BadParameter("cần dạng YYYY-MM, ví dụ 2026-11.", param_hint="--month")


@click.command()
@data_option
@click.option(
    "--month",
    metavar="YYYY-MM",
    help="Tháng cần dựng (mặc định: tháng hiện tại ở Việt Nam; danh sách của tháng sau chờ đến "
    "ngày 1 của tháng đó). DANH_BA_TODAY=YYYY-MM-DD đặt ngày hôm nay.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    show_default="site/, hoặc site-xem-truoc/<tỉnh>/ với --province",
    help="Thư mục trang web đầu ra; chỉ được thay khi dựng thành công.",
)
@click.option(
    "--province",
    metavar="SLUG",
    help="Xem trước một tỉnh (ví dụ lai-chau): chỉ đọc thư mục của tỉnh đó, dựng trang của tỉnh, "
    "các xã, thay đổi, file tải về và bản đồ như sau khi pull request được ghép; không in PDF.",
)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Ngày áp dụng chính sách cho tờ rơi (mặc định: hôm nay), dạng YYYY-MM-DD.",
)
@click.option(
    "--cache/--no-cache",
    default=True,
    show_default=True,
    help="Dùng lại kết quả kiểm tra của các danh sách không đổi (thư mục .cache/, xoá được bất cứ lúc nào).",
)
@click.option(
    "--crop-marks",
    is_flag=True,
    help="Bản PDF cho nhà in (to-roi/pdf/nha-in/) có thêm dấu cắt và dấu gấp ngoài phần tràn lề 3 mm.",
)
@click.option(
    "--pdf/--no-pdf",
    default=True,
    show_default=True,
    help="In tờ rơi ra PDF bằng Chromium; --no-pdf dựng nhanh hơn để xem trước (không có file PDF).",
)
@tool_failures
def build(data_root, month, out, province, as_of, cache, crop_marks, pdf) -> None:
    """Kiểm tra dữ liệu, ghép danh bạ của tháng và dựng trang web tĩnh vào site/.

    Trang cũ chỉ bị thay khi bản dựng mới hoàn tất; file có LỖI không được công bố và danh
    sách đã công bố trước đó của tỉnh được giữ nguyên.

    \b
    Ví dụ:
      python -m generator build
      python -m generator build --month 2026-10 --out /tmp/site-thang-10
      python -m generator build --as-of 2027-01-01
      python -m generator build --crop-marks
      python -m generator build --no-pdf --out /tmp/xem-truoc
      python -m generator build --province lai-chau
    """
    from generator.build import BuildError
    from generator.pipeline import run
    from generator.validate.cache import DEFAULT_CACHE_DIR

    if province is not None:
        _check_slug(province)
    if out is None:
        out = PROJECT_ROOT / ("site" if province is None else f"site-xem-truoc/{province}")
    try:
        summary = run(
            data_root=data_root,
            month=month,
            out=out,
            province=province,
            as_of=as_of.date() if as_of else None,
            cache_dir=DEFAULT_CACHE_DIR if cache else None,
            crop_marks=crop_marks,
            pdf=pdf and province is None,
        )
    except BuildError as exc:
        click.echo(f"Không dựng được trang (trang đã công bố giữ nguyên): {exc}", err=True)
        sys.exit(EXIT_ERRORS)
    click.echo(summary)


@click.command("rule-docs")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Ghi ra file thay vì in ra màn hình.",
)
@tool_failures
def rule_docs(out) -> None:
    """In tài liệu các quy tắc kiểm tra (sinh từ định nghĩa quy tắc trong mã nguồn).

    \b
    Ví dụ:
      python -m generator rule-docs --out /tmp/quy-tac.md
    """
    from generator.render.rule_docs import render_rule_index

    text = render_rule_index()
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@click.command()
@data_option
@month_option
@click.option("--province", metavar="SLUG", help="Chỉ một tỉnh.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="Dạng báo cáo.",
)
@tool_failures
def diff(data_root, month, province, output_format) -> None:
    """Những thay đổi của một tháng so với danh sách công bố trước đó: điểm thêm, bỏ, sửa
    (trường nào), chuyển xã/phường.

    \b
    Ví dụ:
      python -m generator diff
      python -m generator diff --month 2026-10 --province lai-chau --format markdown
    """
    from generator.build import BuildError
    from generator.pipeline import month_changes
    from generator.render import changes

    try:
        month, diffs = month_changes(data_root, month, province)
    except BuildError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_USAGE)
    render = {
        "text": changes.render_changes_text,
        "markdown": changes.render_changes_markdown,
        "json": changes.render_changes_json,
    }[output_format]
    click.echo(render(diffs, month), nl=False)
