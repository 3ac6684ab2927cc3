"""The month is the calendar's (Việt Nam): `status` and the statistics page say, for the current
month, who sent, whose list was held and who has not sent; a list for next month waits."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from sample_data import sample_root

from generator.cli import main
from generator.clock import TODAY_ENV, current_month, vietnam_today
from generator.contract import PROJECT_ROOT
from generator.enrich import enrich
from generator.merge import merge
from generator.pipeline import validate_dataset
from generator.render.statistics import render_statistics


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """The sample (Hà Nội … sent November; Điện Biên, Cà Mau, Quảng Ngãi did not), with Hà Nội's
    November list broken (held) and Lai Châu's December list sent early."""
    root = tmp_path_factory.mktemp("status") / "directory_data"
    shutil.copytree(sample_root(), root)
    november = root / "provinces/ha-noi/2026-11.csv"
    november.write_text(november.read_text(encoding="utf-8-sig").replace("Xã", "Xã Không Có", 1), "utf-8")
    shutil.copy(root / "provinces/lai-chau/2026-11.csv", root / "provinces/lai-chau/2026-12.csv")
    return root


def status(data: Path, today: str) -> dict:
    result = CliRunner().invoke(main, ["status", "--data", str(data), "--today", today, "--format", "json"])
    assert result.exit_code == 0, result.output
    return {p["province"]: p for p in json.loads(result.output)["provinces"]} | {
        "_month": json.loads(result.output)["month"]
    }


def test_status_of_the_current_month(data):
    seen = status(data, "2026-11-22")
    assert seen.pop("_month") == "2026-11"
    by_status = {
        s: {slug for slug, p in seen.items() if p["status"] == s}
        for s in ("da-gui", "bi-giu-lai", "chua-gui")
    }
    assert by_status["bi-giu-lai"] == {"ha-noi"}
    assert by_status["chua-gui"] == {"dien-bien", "ca-mau", "quang-ngai"}
    assert len(by_status["da-gui"]) == 30 and "lai-chau" in by_status["da-gui"]
    assert seen["ha-noi"]["published_month"] == "2026-10"  # the previous list stays online
    assert seen["lai-chau"]["waiting"] == ["2026-12"]  # sent early: waits for 1 December


def test_next_month_begins_on_the_calendar(data):
    seen = status(data, "2026-12-01")
    assert seen.pop("_month") == "2026-12"
    assert [slug for slug, p in seen.items() if p["status"] == "da-gui"] == ["lai-chau"]
    # Điện Biên's last list is September: two months and more behind the calendar is stale.
    assert seen["dien-bien"]["stale"] and not seen["lai-chau"]["stale"]


def test_status_text_names_the_groups(data):
    result = CliRunner().invoke(main, ["status", "--data", str(data), "--today", "2026-11-22"])
    assert result.exit_code == 0
    assert result.output.startswith("Danh sách tháng 11/2026\n")
    assert (
        "Đã gửi nhưng bị giữ lại (có lỗi): 1/34\n  Thành phố Hà Nội (đang công bố: tháng 10/2026)"
        in result.output
    )
    assert "Tỉnh Lai Châu (đã gửi tháng 12/2026, chờ đến đầu tháng)" in result.output


def test_statistics_page_shows_who_sent_this_month(data):
    page = render_statistics(enrich(merge(validate_dataset(data).validated, "2026-11")))["thong-ke.md"]
    section = page[page.index("{ #tinh-hinh-nop }") : page.index("{ #theo-tinh }")]
    held = next(line for line in section.splitlines() if line.startswith("- **Đã gửi nhưng bị giữ lại"))
    assert "(1)" in held and "[Hà Nội](tinh/ha-noi.md) (đang công bố tháng 10/2026)" in held
    missing = next(line for line in section.splitlines() if line.startswith("- **Chưa gửi"))
    assert "(3)" in missing and "Điện Biên" in missing and "Cà Mau" in missing


def test_the_month_is_vietnams_calendar(monkeypatch):
    monkeypatch.setenv(TODAY_ENV, "2026-11-30")
    assert vietnam_today() == date(2026, 11, 30) and current_month() == "2026-11"
    monkeypatch.delenv(TODAY_ENV)
    # 17:30 UTC on 30 November is 00:30 on 1 December in Hà Nội.
    assert current_month(date(2026, 12, 1)) == "2026-12"


def test_every_command_is_in_the_readme_table():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    table = {m.group(1) for m in re.finditer(r"^\| `([a-z-]+)", readme, re.M)}
    assert set(main.commands) <= table, set(main.commands) - table
