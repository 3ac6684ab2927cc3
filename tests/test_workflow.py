"""The province workflow on GitHub: report snapshots, the changed-files selection and the
one-province rule (on a real temporary git repository), the workflow files (actionlint),
CODEOWNERS, and the round trip of the province CSV a clerk downloads and submits again.

Snapshots live in tests/expected/; after an intended change of a report, refresh them with
`UPDATE_SNAPSHOTS=1 python -m pytest tests/test_workflow.py` and review the diff.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import SUBMISSIONS
from sample_data import sample_root, sample_validation

from generator.cli import main
from generator.contract import PROJECT_ROOT, columns
from generator.enrich import enrich
from generator.merge import merge
from generator.pipeline import validate_dataset, validate_paths
from generator.render.submission_csv import render_submission_csvs, submission_header
from generator.review.changed import ChangedFile, Kind, classify, parse_file_list
from generator.review.codeowners import CODEOWNERS_PATH, render_codeowners
from generator.units import admin_units

EXPECTED = Path(__file__).parent / "expected"
DATA = sample_root()  # never the live lists: tests/sample_data.py
WORKFLOWS = PROJECT_ROOT / ".github" / "workflows"
TODAY = "2026-11-22"
LAI_CHAU_DEC = "directory_data/provinces/lai-chau/2026-12.csv"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Kiểm thử",
    "GIT_AUTHOR_EMAIL": "kiem-thu@example.invalid",
    "GIT_COMMITTER_NAME": "Kiểm thử",
    "GIT_COMMITTER_EMAIL": "kiem-thu@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def assert_snapshot(name: str, text: str) -> None:
    path = EXPECTED / name
    if os.environ.get("UPDATE_SNAPSHOTS"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"{path} thiếu: UPDATE_SNAPSHOTS=1 python -m pytest tests/test_workflow.py"
    assert text == path.read_text(encoding="utf-8"), f"{name} khác bản chụp; xem git diff sau khi cập nhật"


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


# --- validator reports, as the pull request check prints them ---------------------------------

SNAPSHOT_FIXTURES = [
    "hop-le.csv",
    "so-khong-hop-le.csv",
    "ma-diem-thu-trung.csv",
    "xa-cu-duoc-chuyen-doi.csv",
]


@pytest.fixture
def many_findings(tmp_path) -> Path:
    """More findings of one kind than GitHub shows annotations: the cap and its note."""
    header = "Mã điểm thu,Tên đại lý thu,Tên điểm thu,Địa chỉ,Xã/Phường,Điện thoại cố định,Điện thoại di động"
    rows = [header]
    row = "LCU-{:04d},Bưu điện tỉnh Lai Châu,Điểm thu số {},Bản {},Xã Bình Lư,,0123"  # unreadable phone
    rows += [row.format(i, i, i) for i in range(1, 14)]
    path = tmp_path / "nhieu-loi.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("output_format", ["github", "markdown"])
def test_validate_report_snapshot(output_format, monkeypatch, tmp_path, many_findings):
    # File names in reports are relative to the working folder: copies keep them machine-independent.
    folder = tmp_path / "fixtures"
    folder.mkdir()
    for name in SNAPSHOT_FIXTURES:
        shutil.copy(SUBMISSIONS / name, folder / name)
    shutil.copy(many_findings, folder / many_findings.name)
    monkeypatch.chdir(tmp_path)
    outputs = []
    for name in [*SNAPSHOT_FIXTURES, many_findings.name]:
        args = ["validate", "--province", "lai-chau", "--month", "2026-11", "--format", output_format]
        result = invoke(*args, f"fixtures/{name}")
        assert result.exit_code in (0, 1), result.output
        outputs.append(f"<!-- fixtures/{name} -->\n{result.stdout}")
    suffix = "txt" if output_format == "github" else "md"
    assert_snapshot(f"validate-{output_format}.{suffix}", "\n".join(outputs))


# --- changed files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "kind", "slug"),
    [
        ("directory_data/provinces/lai-chau/2026-12.csv", Kind.PROVINCE, "lai-chau"),
        ("directory_data/provinces/lai-chau/2026-12.yaml", Kind.PROVINCE, "lai-chau"),
        ("directory_data/provinces/binh-duong/2026-12.csv", Kind.PROVINCE, "binh-duong"),
        ("directory_data/provinces/2026-12.csv", Kind.MISPLACED, None),
        ("2026-12.csv", Kind.MISPLACED, None),
        ("directory_data/Danh sách Lai Châu.xlsx", Kind.MISPLACED, None),
        ("directory_data/chinh-sach.yaml", Kind.POLICY, None),
        ("directory_data/schema/mau-diem-thu.csv", Kind.SCHEMA, None),
        ("directory_data/dataset.yaml", Kind.SHARED_DATA, None),
        ("tests/fixtures/submissions/hop-le.csv", Kind.CODE, None),
        ("generator/cli.py", Kind.CODE, None),
        (".github/workflows/ci.yml", Kind.CODE, None),
    ],
)
def test_classify(path, kind, slug):
    assert classify(path) == (kind, slug)


def test_file_list_reads_name_status_and_bare_paths(tmp_path):
    (tmp_path / "co.csv").write_text("x", encoding="utf-8")
    text = "M\tdirectory_data/a.csv\nR087\tcu/2026-11.csv\tmoi/2026-12.csv\nco.csv\nkhong-con.csv\n\n"
    assert parse_file_list(text, tmp_path) == [
        ChangedFile("M", "co.csv"),
        ChangedFile("D", "cu/2026-11.csv"),
        ChangedFile("M", "directory_data/a.csv"),
        ChangedFile("D", "khong-con.csv"),
        ChangedFile("A", "moi/2026-12.csv"),
    ]


# --- a pull request on a real git repository ---------------------------------------------------


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, env={**os.environ, **GIT_ENV}
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """The bundled data committed on main, and a branch `pr` checked out for the change."""
    root = tmp_path / "kho"
    shutil.copytree(DATA, root / "directory_data")
    (root / "generator").mkdir()
    (root / "generator" / "cli.py").write_text("# mã nguồn\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Dữ liệu mẫu")
    git(root, "checkout", "-q", "-b", "pr")
    monkeypatch.chdir(root)  # as in GitHub Actions: the check runs at the root of the checkout
    return root


def downloaded(slug: str) -> bytes:
    """The province's current list, as its page offers it for download."""
    directory = enrich(merge(validate_paths([DATA / "provinces" / slug], DATA).validated, "2026-11"))
    return render_submission_csvs(directory)[f"du-lieu/tinh/{slug}.csv"]


def commit(repo: Path, changes: dict[str, bytes | None], message: str = "Nộp danh sách") -> None:
    for name, data in changes.items():
        path = repo / name
        if data is None:
            git(repo, "rm", "-q", name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def check_pr(repo: Path, tmp_path: Path):
    summary, report = tmp_path / "tom-tat.md", tmp_path / "bao-cao.json"
    summary.unlink(missing_ok=True)  # GitHub gives each run its own summary file
    result = invoke(
        "check-pr", "--base", "main", "--repo", repo, "--format", "github", "--today", TODAY,
        "--summary", summary, "--json", report, "--html", tmp_path / "bao-cao.html",
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    return result, summary.read_text(encoding="utf-8"), json.loads(report.read_text(encoding="utf-8"))


def edited(data: bytes, old: str, new: str) -> bytes:
    text = data.decode("utf-8-sig")
    assert old in text
    return codecs.BOM_UTF8 + text.replace(old, new, 1).encode("utf-8")


def problem_codes(report: dict) -> list[str]:
    """The pull request rules that fired, without the note that a December list (checked on
    TODAY, in November) waits for 1 December: every test here submits December."""
    return [p["code"] for p in report["problems"] if p["code"] != "pr-month-waits"]


def test_one_province_list_passes_with_its_changes(repo, tmp_path):
    data = edited(downloaded("lai-chau"), "Điểm BĐVHX Bình Lư", "Điểm Bưu điện - Văn hóa xã Bình Lư")
    commit(repo, {LAI_CHAU_DEC: data})
    result, summary, report = check_pr(repo, tmp_path)
    assert result.exit_code == 0, summary
    assert report["ok"] and report["provinces"] == ["lai-chau"]
    # December's list, checked in November: it passes and waits for 1 December (not red).
    assert [(p["code"], p["severity"]) for p in report["problems"]] == [("pr-month-waits", "INFO")]
    assert report["files"] == [{"status": "A", "path": LAI_CHAU_DEC, "kind": "tinh", "province": "lai-chau"}]
    month = report["months"][0]
    assert (month["month"], month["published"]) == ("2026-12", True)
    assert month["changes"]["changed"] == [{"code": "LCU-0001", "fields": ["name"]}]
    assert month["changes"]["added"] == month["changes"]["removed"] == []
    assert "✅ **Đạt" in summary and "Thay đổi tháng 12/2026" in summary
    assert "LCU-0001" in summary
    assert_snapshot("check-pr-mot-tinh.md", summary)


def test_pr_touching_two_provinces_is_refused(repo, tmp_path):
    commit(
        repo,
        {
            LAI_CHAU_DEC: downloaded("lai-chau"),
            "directory_data/provinces/dien-bien/2026-12.csv": downloaded("dien-bien"),
        },
    )
    result, summary, report = check_pr(repo, tmp_path)
    assert result.exit_code == 1
    assert problem_codes(report) == ["pr-several-provinces"]
    assert report["provinces"] == ["dien-bien", "lai-chau"]
    message = report["problems"][0]["message"]
    assert "Tỉnh Điện Biên (dien-bien)" in message and "Tỉnh Lai Châu (lai-chau)" in message
    assert "::error title=pr-several-provinces" in result.stdout
    # Both lists are still checked, so each province learns about its own file in one pass.
    assert {m["province"] for m in report["months"]} == {"dien-bien", "lai-chau"}
    assert_snapshot("check-pr-hai-tinh.md", summary)
    assert_snapshot("check-pr-hai-tinh.txt", result.stdout)


def test_policy_code_and_deletion_in_a_province_pr_are_refused(repo, tmp_path):
    commit(
        repo,
        {
            LAI_CHAU_DEC: downloaded("lai-chau"),
            "directory_data/provinces/lai-chau/2026-09.csv": None,
            "directory_data/chinh-sach.yaml": (DATA / "chinh-sach.yaml").read_bytes() + "# sửa\n".encode(),
            "generator/cli.py": "# mã nguồn đã sửa\n".encode(),
        },
    )
    result, summary, report = check_pr(repo, tmp_path)
    assert result.exit_code == 1
    assert sorted(problem_codes(report)) == ["pr-deletes-file", "pr-touches-code", "pr-touches-policy"]
    deleted = next(p for p in report["problems"] if p["code"] == "pr-deletes-file")
    assert deleted["file"] == "directory_data/provinces/lai-chau/2026-09.csv"
    assert "file=generator/cli.py" in result.stdout
    assert "| xoá | <code>directory_data/provinces/lai-chau/2026-09.csv</code> |" in summary


def test_renaming_a_list_is_deleting_it(repo, tmp_path):
    git(repo, "mv", "directory_data/provinces/lai-chau/2026-11.csv", LAI_CHAU_DEC)
    git(repo, "commit", "-q", "-m", "Đổi tên")
    _, _, report = check_pr(repo, tmp_path)
    assert problem_codes(report) == ["pr-deletes-file"]
    assert [f["status"] for f in report["files"]] == ["D", "A"]


def test_mass_removal_is_reported_and_the_list_not_published(repo, tmp_path):
    lines = downloaded("lai-chau").decode("utf-8-sig").splitlines()
    kept = codecs.BOM_UTF8 + "\r\n".join(lines[:3]).encode("utf-8") + b"\r\n"
    commit(repo, {LAI_CHAU_DEC: kept})
    result, summary, report = check_pr(repo, tmp_path)
    assert result.exit_code == 1
    assert [f["code"] for f in report["findings"]] == ["mass-removal"]
    assert report["months"] == [
        {
            "province": "lai-chau",
            "month": "2026-12",
            "published": False,
            "held_rows": 0,
            "current_month": "2026-11",
            "changes": None,
            "refused_changes": report["months"][0]["refused_changes"],
        }
    ]
    # The points the list would remove are listed, so the clerk can see whether they closed.
    removed = report["months"][0]["refused_changes"]["removed"]
    assert len(removed) == 19 and "LCU-0022" in removed
    assert "<code>LCU-0022</code>" in summary
    assert "**không được công bố**" in summary and "tháng 11/2026 đang công bố được giữ nguyên" in summary
    # The recorded confirmation, added in the same pull request, lets it through.
    confirmation = "xac_nhan_giam_diem_thu: true\nly_do: Sắp xếp lại mạng lưới điểm thu\n"
    commit(repo, {"directory_data/provinces/lai-chau/2026-12.yaml": confirmation.encode()})
    result, _, report = check_pr(repo, tmp_path)
    assert result.exit_code == 0, result.output
    assert [f["code"] for f in report["findings"]] == ["mass-removal-confirmed"]
    assert report["months"][0]["published"] is True


def test_misplaced_upload_is_explained(repo, tmp_path):
    commit(repo, {"2026-12.csv": downloaded("lai-chau")})
    result, _, report = check_pr(repo, tmp_path)
    assert result.exit_code == 1
    assert [f["code"] for f in report["findings"]] == ["path-outside-layout"]
    assert report["findings"][0]["file"] == "2026-12.csv"


def test_errors_in_the_list_fail_the_check_with_line_annotations(repo, tmp_path):
    data = edited(downloaded("lai-chau"), "0213 3834 827", "12345")
    commit(repo, {LAI_CHAU_DEC: data})
    result, summary, report = check_pr(repo, tmp_path)
    assert result.exit_code == 1
    # The bad row is held; the rest of the list would be published.
    assert report["counts"]["ERROR"] >= 1 and report["months"][0]["published"] is True
    assert report["months"][0]["held_rows"] == 1
    assert re.search(rf"^::error file={re.escape(LAI_CHAU_DEC)},line=2,", result.stdout, re.M)
    assert "❌ **Chưa đạt" in summary


def test_a_month_far_ahead_is_refused(repo, tmp_path):
    commit(repo, {"directory_data/provinces/lai-chau/2027-11.csv": downloaded("lai-chau")})
    _, _, report = check_pr(repo, tmp_path)
    assert "pr-month-in-future" in problem_codes(report)


def test_maintainers_change_without_lists_is_not_a_province_pr(repo, tmp_path):
    commit(repo, {"generator/cli.py": "# mã nguồn đã sửa\n".encode()})
    result, summary, report = check_pr(repo, tmp_path)
    assert result.exit_code == 0
    assert report["problems"] == [] and report["findings"] == []
    assert "không nộp danh sách của tỉnh nào" in summary


def test_annotations_are_capped_with_a_note(repo, tmp_path):
    lines = downloaded("lai-chau").decode("utf-8-sig").splitlines()
    broken = [lines[0]] + [re.sub(r",0213 [0-9 ]+,", ",12345,", line) for line in lines[1:]]
    data = codecs.BOM_UTF8 + "\r\n".join(broken).encode("utf-8")
    commit(repo, {LAI_CHAU_DEC: data})
    result, summary, _ = check_pr(repo, tmp_path)
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert len(errors) == 10
    assert errors[-1].startswith("::error title=LỖI::Còn ")
    assert "GitHub chỉ hiện tối đa 10 chú thích" in summary


def test_check_pr_usage_errors(repo):
    assert invoke("check-pr").exit_code == 2
    result = invoke("check-pr", "--base", "khong-co-nhanh-nay", "--repo", repo)
    assert result.exit_code == 2
    assert "fetch-depth: 0" in result.output and "Traceback" not in result.output


# --- the workflow files ------------------------------------------------------------------------


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def test_actions_are_official_and_pinned_by_commit_sha():
    """A tag can be moved to other code; a commit cannot (zizmor's unpinned-uses)."""
    for path in sorted(WORKFLOWS.glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        for step in steps(workflow(path.name)):
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", step["uses"]), (path.name, step["uses"])
                assert re.search(re.escape(step["uses"]) + r" # v\d+\.\d+\.\d+", text), "name the version"


def ci_image() -> str:
    [line] = [
        ln for ln in (PROJECT_ROOT / ".ci" / "Dockerfile").read_text().splitlines() if ln.startswith("FROM ")
    ]
    return line.removeprefix("FROM ").strip()


def test_every_job_runs_in_the_one_image_pinned_by_digest():
    image = ci_image()
    assert re.fullmatch(r"python:3\.11-bookworm@sha256:[0-9a-f]{64}", image)
    containers = {
        (path.name, name): job.get("container")
        for path in sorted(WORKFLOWS.glob("*.yml"))
        for name, job in workflow(path.name)["jobs"].items()
        if job.get("steps") and any("run" in s for s in job["steps"])
    }
    assert containers and set(containers.values()) == {image}, containers


def test_every_job_installs_the_locked_dependencies():
    lock = (PROJECT_ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = re.findall(r"^([a-z0-9._-]+)==\S+ \\$", lock, re.MULTILINE)
    assert {"pyyaml", "mkdocs-material", "pytest", "zizmor"} <= set(pins)
    assert lock.count("--hash=sha256:") >= len(pins)
    installs = [(PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")]
    installs += [
        s["run"]
        for name in ("deploy.yml", "province-check.yml")
        for s in steps(workflow(name))
        if "pip" in s.get("run", "")
    ]
    for text in installs:
        assert "--require-hashes -r requirements.lock" in text and "--no-deps -e ." in text, text


def test_dependabot_keeps_every_pin_current():
    config = yaml.safe_load((PROJECT_ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {u["package-ecosystem"]: u["directory"] for u in config["updates"]}
    assert set(ecosystems) == {"github-actions", "pip", "npm", "docker"}
    assert (PROJECT_ROOT / ecosystems["docker"].strip("/") / "Dockerfile").is_file()


def test_zizmor_finds_nothing_high():
    zizmor = shutil.which("zizmor")
    assert zizmor, 'không có zizmor: pip install -e ".[test]"'
    done = subprocess.run(
        [zizmor, "--offline", "--format", "json", "--min-severity", "high", str(WORKFLOWS)],
        capture_output=True, text=True, cwd=PROJECT_ROOT,
    )  # fmt: skip
    assert done.returncode in (0, 14) or done.stdout.strip(), done.stderr
    findings = json.loads(done.stdout or "[]")
    assert findings == [], [(f["ident"], f["locations"][0]["symbolic"]["key"]) for f in findings]


def test_province_check_workflow():
    data = workflow("province-check.yml")
    assert "directory_data/**" in data["on"]["pull_request"]["paths"]
    assert data["permissions"] == {"contents": "read"}  # no comments: forks cannot write
    checkouts = [s for s in steps(data) if s.get("uses", "").startswith("actions/checkout@")]
    # The tool from the base branch; the pull request beside it, as data only.
    tool, head = checkouts
    assert (
        tool["with"]["ref"] == "${{ github.event.pull_request.base.sha }}" and tool["with"]["path"] == "tool"
    )
    assert head["with"]["path"] == "pr" and head["with"]["fetch-depth"] == 0
    install = next(s for s in steps(data) if "pip install" in s.get("run", ""))
    assert install["working-directory"] == "tool"
    run = next(s for s in steps(data) if "check-pr" in s.get("run", ""))
    assert run["working-directory"] == "pr" and "python -P -m generator" in run["run"]
    assert '--summary "$GITHUB_STEP_SUMMARY"' in run["run"] and "--format github" in run["run"]
    assert not any(s.get("working-directory") == "pr" and "pip" in s.get("run", "") for s in steps(data))
    used = {s.get("uses", "").split("@")[0]: s for s in steps(data)}
    assert used["actions/upload-artifact"]["if"] == "always()"


def test_deploy_workflow():
    data = workflow("deploy.yml")
    assert data["on"]["push"]["branches"] == ["main"] and data["on"]["schedule"]
    assert "workflow_dispatch" in data["on"]
    assert data["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    used = [s["uses"].split("@")[0] for s in steps(data) if "uses" in s]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in used
    build = next(s for s in steps(data) if "python -m generator build" in s.get("run", ""))
    # A held list is a warning on the run while the rest deploys; bash, so the pipe keeps failures.
    assert build["shell"] == "bash" and "::warning" in build["run"] and "Không công bố: " in build["run"]


def test_ci_workflow_runs_the_projects_ci():
    data = workflow("ci.yml")
    assert {"pull_request", "push"} <= set(data["on"])
    assert any(s.get("run") == ".ci/run" for s in steps(data))


def test_actionlint_is_clean():
    actionlint = shutil.which("actionlint")
    assert actionlint, 'không có actionlint: pip install -e ".[test]"'
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    done = subprocess.run([actionlint, "-oneline", *files], capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


# --- CODEOWNERS ----------------------------------------------------------------------------------


def test_codeowners_is_up_to_date():
    text = CODEOWNERS_PATH.read_text(encoding="utf-8")
    assert text == render_codeowners(), "chạy: python -m generator codeowners"
    for province in admin_units().provinces.values():
        line = f"/directory_data/provinces/{province.slug}/"
        assert re.search(rf"^{re.escape(line)}\s+@bhxh-vn/{province.slug}$", text, re.M), province.slug
    assert invoke("codeowners", "--check").exit_code == 0


def test_codeowners_check_fails_when_stale(tmp_path):
    stale = tmp_path / "CODEOWNERS"
    stale.write_text("* @bhxh-vn/ky-thuat\n", encoding="utf-8")
    assert invoke("codeowners", "--check", "--out", stale).exit_code == 1
    assert invoke("codeowners", "--out", stale).exit_code == 0
    assert stale.read_text(encoding="utf-8") == render_codeowners()


# --- the province CSV: download, re-submit ------------------------------------------------------


@pytest.fixture(scope="module")
def published():
    validation = sample_validation()
    directory = enrich(merge(validation.validated, "2026-11"))
    return directory, render_submission_csvs(directory)


def test_province_csv_is_the_submission_format(published):
    directory, files = published
    with_data = [s for s in directory.provinces if s.has_data]
    expected = ["du-lieu/mau-diem-thu.csv"] + [
        f"du-lieu/tinh/{s.province.slug}.{kind}" for s in with_data for kind in ("csv", "xlsx")
    ]
    assert sorted(files) == sorted(expected)
    template = (DATA / "schema" / "mau-diem-thu.csv").read_bytes()
    assert files["du-lieu/mau-diem-thu.csv"] == template
    header = next(csv.reader(io.StringIO(template.decode("utf-8-sig"))))
    unpublished = {c.title for c in columns() if not c.publish}
    assert submission_header() == [h for h in header if h not in unpublished]
    data = files["du-lieu/tinh/lai-chau.csv"]
    assert data.startswith(codecs.BOM_UTF8) and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == submission_header()
    lai_chau = next(s for s in directory.provinces if s.province.slug == "lai-chau")
    assert [r[1] for r in rows[1:]] == [p.code for p in lai_chau.points]
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, len(lai_chau.points) + 1)]


def test_staff_names_and_notes_are_not_in_the_download(published):
    _, files = published
    source = (DATA / "provinces" / "lai-chau" / "2026-11.csv").read_text(encoding="utf-8-sig")
    private = [row["Nhân viên thu"] for row in csv.DictReader(io.StringIO(source)) if row["Nhân viên thu"]]
    private += [row["Ghi chú"] for row in csv.DictReader(io.StringIO(source)) if row["Ghi chú"]]
    text = files["du-lieu/tinh/lai-chau.csv"].decode("utf-8-sig")
    assert private and not [value for value in private if value in text]


def test_round_trip_downloaded_list_resubmitted_unchanged(published, tmp_path):
    """Every province's download, saved as next month's list in a copy of the data, validates
    with no ERROR and publishes exactly the same points (an empty diff)."""
    _, files = published
    data = tmp_path / "directory_data"
    shutil.copytree(DATA, data)
    lists = [name for name in files if name.startswith("du-lieu/tinh/") and name.endswith(".csv")]
    slugs = [name.removeprefix("du-lieu/tinh/").removesuffix(".csv") for name in lists]
    for slug in slugs:
        (data / "provinces" / slug / "2026-12.csv").write_bytes(files[f"du-lieu/tinh/{slug}.csv"])
    run = validate_paths([data / "provinces" / slug / "2026-12.csv" for slug in slugs], data)
    assert not run.has_errors, [f.message for f in run.findings if f.severity.value == "ERROR"][:5]
    directory = merge(validate_dataset(data).validated, "2026-12")
    for state in directory.provinces:
        if state.province.slug in slugs:
            assert state.data_month == "2026-12", state.province.slug
            diff = state.changes()
            assert diff.empty, (state.province.slug, diff.added[:1], diff.removed[:1], diff.changed[:1])


@pytest.mark.slow
def test_built_site_offers_the_csvs(sample_site):
    template = (DATA / "schema" / "mau-diem-thu.csv").read_bytes()
    assert (sample_site / "du-lieu" / "mau-diem-thu.csv").read_bytes() == template
    assert (sample_site / "du-lieu" / "tinh" / "lai-chau.csv").read_bytes().startswith(codecs.BOM_UTF8)
    page = (sample_site / "tinh" / "lai-chau" / "index.html").read_text(encoding="utf-8")
    assert "../../du-lieu/tinh/lai-chau.csv" in page
    guide = (sample_site / "huong-dan-nop" / "index.html").read_text(encoding="utf-8")
    assert "../du-lieu/mau-diem-thu.csv" in guide and "../quy-tac/" in guide
