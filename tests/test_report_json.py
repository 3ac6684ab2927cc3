"""`validate --format report-json`: the findings grouped by severity then code, with totals and
capped samples, as gtfs-validator's report.json holds its notices."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import SUBMISSIONS

from generator.cli import main

HEADER = "Mã điểm thu,Tên đại lý thu,Tên điểm thu,Địa chỉ,Xã/Phường,Điện thoại cố định,Điện thoại di động"


def report(*paths, sample: int | None = None) -> tuple[int, dict]:
    args = ["validate", "--province", "lai-chau", "--month", "2026-11", "--format", "report-json"]
    args += ["--sample", str(sample)] if sample is not None else []
    result = CliRunner().invoke(main, [*args, *map(str, paths)])
    return result.exit_code, json.loads(result.stdout)


def noisy_file(tmp_path, name: str, bad_phone: int, lost_zero: int):
    rows = [HEADER]
    for i in range(1, bad_phone + 1):
        rows.append(f"LCU-{i:04d},Bưu điện tỉnh Lai Châu,Điểm thu số {i},Bản {i},Xã Bình Lư,12345,")
    for i in range(100, 100 + lost_zero):
        rows.append(f"LCU-{i:04d},Bưu điện tỉnh Lai Châu,Điểm thu số {i},Bản {i},Xã Bình Lư,,912037468")
    path = tmp_path / name
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_grouped_by_severity_then_code_with_totals_and_capped_samples(tmp_path):
    first = noisy_file(tmp_path, "a.csv", bad_phone=7, lost_zero=2)
    second = noisy_file(tmp_path, "b.csv", bad_phone=6, lost_zero=0)
    code, data = report(first, second, sample=4)
    assert code == 1
    assert data["version"] == 1 and data["files"] == 2 and data["has_errors"] is True
    assert data["totals"] == {"ERROR": 13, "WARNING": 2, "INFO": 0}
    assert data["sample_limit"] == 4
    assert [g["severity"] for g in data["groups"]] == ["ERROR", "WARNING"]
    errors, warnings = data["groups"]
    assert errors["label"] == "LỖI" and errors["total"] == 13
    [no_phone] = [c for c in errors["codes"] if c["code"] == "phone-invalid"]
    assert no_phone["total"] == 13 and no_phone["files"] == 2
    assert len(no_phone["samples"]) == 4 and no_phone["not_shown"] == 9
    assert no_phone["title"] and no_phone["fix"]
    sample = no_phone["samples"][0]
    assert set(sample) == {"file", "row", "column", "value", "message"}
    assert sample["row"] == 2 and sample["file"].endswith("a.csv")
    assert sum(c["total"] for c in warnings["codes"]) == warnings["total"] == 2
    assert [c["code"] for c in errors["codes"]] == sorted(c["code"] for c in errors["codes"])


def test_a_valid_file_has_an_empty_report():
    code, data = report(SUBMISSIONS / "hop-le.csv")
    assert code == 0
    assert data["groups"] == [] and data["totals"] == {"ERROR": 0, "WARNING": 0, "INFO": 0}
    assert data["has_errors"] is False and data["files"] == 1
