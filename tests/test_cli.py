"""`python -m generator validate`: exit codes, the four report formats, the data layout, and help
with an example for every command."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner
from conftest import SUBMISSIONS, format_cases, valid_text

import generator.validate.dataset
from generator.cli import main
from generator.load.layout import display_path

FORMATS = ("text", "json", "github", "markdown")
HEADER = "Mã điểm thu,Tên đại lý thu,Tên điểm thu,Địa chỉ,Xã/Phường,Điện thoại cố định,Điện thoại di động"


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def check(path, *options, province="lai-chau"):
    """Check a file before it is put in place, as the submission guide tells clerks to."""
    return invoke("validate", "--province", province, "--month", "2026-11", *options, path)


def codes(result) -> list[str]:
    return [item["code"] for item in json.loads(result.stdout)]


@pytest.fixture
def noisy(tmp_path):
    """13 rows with an unreadable phone (ERROR) and 12 with a lost leading zero (WARNING), among
    30: few enough bad rows that each is held on its own, not the whole file."""
    rows = [HEADER]
    for i in range(1, 14):
        rows.append(f"LCU-{i:04d},Bưu điện tỉnh Lai Châu,Điểm thu số {i},Bản {i},Xã Bình Lư,,0123")
    for i in range(14, 26):
        rows.append(f"LCU-{i:04d},Bưu điện tỉnh Lai Châu,Điểm thu số {i},Bản {i},Xã Bình Lư,,912037468")
    for i in range(26, 31):
        rows.append(f"LCU-{i:04d},Bưu điện tỉnh Lai Châu,Điểm thu số {i},Bản {i},Xã Bình Lư,,0912037468")
    path = tmp_path / "nhieu-loi.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


# --- exit codes --------------------------------------------------------------------------------


def test_valid_file_exits_0():
    result = check(SUBMISSIONS / "hop-le.csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("1 file: 0 lỗi, 0 cảnh báo, 0 thông tin.\n")


def test_warnings_only_exit_0():
    result = check(SUBMISSIONS / "so-dien-thoai-thieu-so-0.csv")
    assert result.exit_code == 0
    assert "phone-leading-zero-restored" in result.stdout


def test_errors_exit_1():
    result = check(SUBMISSIONS / "so-khong-hop-le.csv")
    assert result.exit_code == 1
    assert "[phone-invalid]" in result.stdout


def test_nonexistent_path_exits_2(tmp_path):
    result = check(tmp_path / "khong-co.csv")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "options",
    [
        ["--province", "binh-duong", "--month", "2026-11"],  # merged into another province in 2025
        ["--province", "lai-chau"],  # a province needs a month
        ["--province", "lai-chau", "--month", "11-2026"],
        ["--format", "xml"],
    ],
)
def test_bad_options_exit_2(options):
    result = invoke("validate", *options, SUBMISSIONS / "hop-le.csv")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_bad_province_says_what_a_province_is():
    result = invoke("validate", "--province", "binh-duong", "--month", "2026-11", SUBMISSIONS / "hop-le.csv")
    assert "không phải mã tỉnh" in result.output


def test_tool_failure_exits_3_without_traceback(monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("commune")

    monkeypatch.delenv("DANH_BA_DEBUG", raising=False)
    monkeypatch.setattr(generator.validate.dataset, "validate_paths", broken)
    result = check(SUBMISSIONS / "hop-le.csv")
    assert result.exit_code == 3
    assert "Lỗi của công cụ" in result.output
    assert "Traceback" not in result.output


def test_no_fixture_produces_a_traceback(tmp_path):
    paths = sorted(SUBMISSIONS.glob("*.csv"))
    for name, data in format_cases().items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    for path in paths:
        province = "hai-phong" if path.name == "xa-trung-ten-khong-dau.csv" else "lai-chau"
        for output in FORMATS:
            result = check(path, "--format", output, province=province)
            assert result.exit_code in (0, 1), (path.name, output, result.output)
            assert "Traceback" not in result.output, (path.name, output)


# --- report formats ----------------------------------------------------------------------------


def test_json_is_a_list_of_findings():
    result = check(SUBMISSIONS / "so-di-dong-o-cot-co-dinh.csv", "--format", "json")
    items = json.loads(result.stdout)
    assert isinstance(items, list) and len(items) == 2
    for item in items:
        assert set(item) == {"code", "severity", "file", "row", "column", "value", "message"}
    assert items[0] == {
        "code": "phone-mobile-in-fixed-column",
        "severity": "WARNING",
        "file": items[0]["file"],
        "row": 2,
        "column": "Điện thoại cố định",
        "value": "0912 037 468",
        "message": "Dòng 2: 0912 037 468 là số di động nhưng nằm ở cột “Điện thoại cố định”. "
        "Đã công bố ở cột “Điện thoại di động”.",
    }
    assert items[0]["file"].endswith("tests/fixtures/submissions/so-di-dong-o-cot-co-dinh.csv")


def test_json_of_a_valid_file_is_an_empty_list():
    assert json.loads(check(SUBMISSIONS / "hop-le.csv", "--format", "json").stdout) == []


def test_github_annotations_are_capped_per_severity(noisy):
    result = check(noisy, "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    errors = [ln for ln in lines if ln.startswith("::error ")]
    warnings = [ln for ln in lines if ln.startswith("::warning ")]
    # GitHub shows 10 of each type: 9 findings and, in the 10th slot, how many more there are.
    assert len(errors) == 10 and len(warnings) == 10
    annotation = re.compile(r"^::(error|warning) file=[^,:]+,line=(\d+),title=[^:]+::\S.*$")
    for line in errors[:9] + warnings[:9]:
        assert annotation.match(line), line
    assert errors[0] == (
        f"::error file={display_path(noisy)},line=2,title=phone-invalid%3A Số điện thoại không đọc được::"
        "Dòng 2, cột “Điện thoại di động”: “0123” không phải số điện thoại Việt Nam hợp lệ (quá ít chữ số: "
        "số điện thoại có 10 chữ số kể cả số 0 đầu; hãy kiểm tra lại số với điểm thu)."
    )
    assert errors[9].startswith("::error title=LỖI::Còn 4 lỗi khác")
    assert warnings[9].startswith("::warning title=CẢNH BÁO::Còn 3 cảnh báo khác")
    assert len(lines) == 20


def test_github_file_level_finding_has_no_line(tmp_path):
    path = tmp_path / "rong.csv"
    path.write_bytes(b"")
    result = check(path, "--format", "github")
    assert result.stdout.startswith(f"::error file={display_path(path)},title=file-empty%3A File rỗng::")


def test_markdown_has_grouped_tables(noisy):
    result = check(noisy, "--format", "markdown", "--sample", "5")
    out = result.stdout
    assert out.startswith("## Kết quả kiểm tra danh sách điểm thu\n")
    assert "❌ Có lỗi: 13 dòng chưa được công bố; các dòng khác được công bố." in out
    assert "| LỖI | 13 |" in out and "| CẢNH BÁO | 12 |" in out
    assert "### LỖI" in out and "### CẢNH BÁO" in out
    assert out.index("### LỖI") < out.index("### CẢNH BÁO")
    assert "#### `phone-invalid` — Số điện thoại không đọc được (13)" in out
    assert out.count("| File | Dòng | Cột | Giá trị | Thông báo |") == 2
    assert out.count("Dòng 2, cột “Điện thoại di động”: “0123” không phải") == 1
    assert "… và 8 chỗ khác cùng loại." in out and "… và 7 chỗ khác cùng loại." in out
    assert "**Cách sửa:**" in out


def test_markdown_of_a_valid_file():
    out = check(SUBMISSIONS / "hop-le.csv", "--format", "markdown").stdout
    assert "✅ Không có lỗi." in out


def test_text_report_caps_samples_per_code(noisy):
    out = check(noisy, "--sample", "3").stdout
    assert "[phone-invalid] Số điện thoại không đọc được: 13" in out
    assert out.count("không phải số điện thoại Việt Nam hợp lệ") == 3
    assert "… và 10 chỗ khác cùng loại." in out
    assert "… và 9 chỗ khác cùng loại." in out
    assert out.rstrip().endswith(
        "1 file: 13 lỗi, 12 cảnh báo, 0 thông tin. Bị giữ lại: 0 file, 13 dòng (chưa được công bố)."
    )


# --- the data layout ---------------------------------------------------------------------------


@pytest.fixture
def data_root(tmp_path):
    (tmp_path / "provinces" / "lai-chau").mkdir(parents=True)
    return tmp_path


def place(data_root, relative: str, text: str | None = None):
    path = data_root / "provinces" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(valid_text() if text is None else text, encoding="utf-8")
    return path


def layout_codes(data_root, *paths) -> list[str]:
    return codes(invoke("validate", "--data", data_root, "--format", "json", *paths))


def test_file_in_place_needs_no_options(data_root):
    path = place(data_root, "lai-chau/2026-11.csv")
    result = invoke("validate", "--data", data_root, path)
    assert result.exit_code == 0, result.output


def test_unknown_province_folder(data_root):
    path = place(data_root, "unknown-slug/2026-11.csv")
    assert layout_codes(data_root, path) == ["unknown-province-folder"]


def test_old_province_folder_suggests_the_new_one(data_root):
    path = place(data_root, "binh-duong/2026-11.csv")
    [item] = json.loads(invoke("validate", "--data", data_root, "--format", "json", path).stdout)
    assert item["code"] == "unknown-province-folder"
    assert "ho-chi-minh" in item["message"]


def test_bad_month_file_name(data_root):
    path = place(data_root, "lai-chau/thang-11.csv")
    assert layout_codes(data_root, path) == ["bad-month-file-name"]


def test_stray_file_in_a_province_folder(data_root):
    place(data_root, "lai-chau/2026-11.csv")
    place(data_root, "lai-chau/2026-11.yaml", "xac_nhan_giam_diem_thu: true\nly_do: Sáp nhập\n")
    # Side files are read with the build's loader: valid ones are no finding.
    support = "ho_tro:\n  - {nhom: ngheo, phan_tram: 30, tu: 2026-01-01, nguon: NQ 1/2026}\n"
    place(data_root, "lai-chau/ho-tro-dia-phuong.yaml", support)
    place(data_root, "lai-chau/notes.txt", "ghi chú\n")
    result = invoke("validate", "--data", data_root, "--format", "json", data_root / "provinces")
    assert result.exit_code == 1
    [item] = json.loads(result.stdout)
    assert item["code"] == "path-outside-layout"
    assert item["file"].endswith("provinces/lai-chau/notes.txt")


def test_whole_data_folder_is_the_default(data_root):
    place(data_root, "lai-chau/2026-11.csv")
    shutil.copy(SUBMISSIONS / "so-khong-hop-le.csv", data_root / "provinces/lai-chau/2026-10.csv")
    result = invoke("validate", "--data", data_root, "--format", "json")
    assert result.exit_code == 1
    assert codes(result) == ["phone-invalid", "phone-several-numbers", "phone-invalid"]


def test_file_outside_the_layout(data_root):
    path = data_root / "diem-thu-lai-chau.csv"
    path.write_text(valid_text(), encoding="utf-8")
    assert layout_codes(data_root, path) == ["path-outside-layout"]


def test_a_side_file_named_on_its_own_is_checked_as_a_side_file_not_as_a_list(data_root):
    """`validate provinces/<tỉnh>/ho-tro-dia-phuong.yaml`: the clerk is told what the build says of
    it, not that a YAML file is a list with an unbalanced quote and a bad month name."""
    place(data_root, "lai-chau/ho-tro-dia-phuong.yaml", 'a: &a ["x"]\nb: *a\n')
    result = invoke(
        "validate",
        "--data",
        data_root,
        "--format",
        "json",
        data_root / "provinces/lai-chau/ho-tro-dia-phuong.yaml",
    )
    assert result.exit_code == 1
    assert codes(result) == ["side-file-invalid"]


# --- help --------------------------------------------------------------------------------------


def test_every_command_is_documented_with_an_example():
    assert main.commands
    assert "Ví dụ" in invoke("--help").output
    for name in main.commands:
        result = invoke(name, "--help")
        assert result.exit_code == 0, name
        assert "Ví dụ" in result.output, f"`{name} --help` has no example"
