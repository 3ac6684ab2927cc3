"""Hostile province folders (tests/hostile/folders.yaml, issue 15): side files, symlinks and pipes
that a pull request touching one province's folder may carry. Each case gets exactly its
findings from `validate`, never a traceback, never the content of what a link points to; a bad
support file holds that province's leaflet variant while the build's leaflets still render."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import tracemalloc
from collections import Counter
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from click.testing import CliRunner
from hostile.folders import FOLDER_CASES, GENERATORS, SECRET, SUPPORT, add_case, data_folder
from test_workflow import GIT_ENV

from generator.build import BuildError, build_site
from generator.cli import main
from generator.contract import PROJECT_ROOT
from generator.load import load_file
from generator.merge import merge_series
from generator.pipeline import dataset_info, leaflet_inputs, validate_dataset
from generator.render.site import render_leaflet_pages

AS_OF = date(2026, 11, 15)


def leaflet_pages(root, as_of, held: list[str] | None = None):
    """The leaflet pages the build makes of this data folder, and the provinces with their own."""
    sample = bool(dataset_info(root).get("sample"))
    inputs = leaflet_inputs(root, as_of, sample, crop_marks=False, held=[] if held is None else held)
    return render_leaflet_pages(inputs), frozenset(inputs.local_supports)


def validate(root: Path):
    return CliRunner().invoke(main, ["validate", "--data", str(root), "--format", "json", str(root)])


def lai_chau_findings(output: str) -> set[tuple]:
    return {(f["row"], f["column"], f["code"]) for f in json.loads(output) if "lai-chau" in f["file"]}


def test_the_table_is_well_formed():
    names = [c["name"] for c in FOLDER_CASES]
    assert len(names) == len(set(names)) >= 20
    kinds = {"support", "confirmation", "generate", "link", "fifo"}
    for case in FOLDER_CASES:
        assert len(kinds & set(case)) == 1 and case["what"] and case["exit"] in (0, 1), case["name"]
        assert case.get("generate", "") in ("", *GENERATORS), case["name"]


@pytest.mark.parametrize("case", FOLDER_CASES, ids=[c["name"] for c in FOLDER_CASES])
def test_hostile_folder(case, tmp_path):
    root = data_folder(tmp_path)
    add_case(case, root)
    result = validate(root)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert lai_chau_findings(result.stdout) == {tuple(f) for f in case["findings"]}
    assert result.exit_code == case["exit"], result.output
    # Nothing a link points to is ever read, so nothing of it can reach a report.
    assert SECRET not in result.output and "root:x:0" not in result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output
    if "variant" in case:
        held: list[str] = []
        pages, variants = leaflet_pages(root, AS_OF, held)
        assert ("lai-chau" in variants) is case["variant"]
        assert ("to-roi/bhxh-tu-nguyen-lai-chau.md" in pages) is case["variant"]
        assert bool(held) is not case["variant"], held
        assert "ha-noi" in variants  # another province's support is untouched


def test_a_support_file_is_text_on_the_page_never_markup(tmp_path):
    """The leaflet page through Python-Markdown with the site's extensions: the province's text
    is on the page as typed, and none of it became an element or an attribute."""
    root = data_folder(tmp_path)
    case = next(c for c in FOLDER_CASES if c["name"] == "ho-tro-markdown-script")
    add_case(case, root)
    pages, _ = leaflet_pages(root, AS_OF)
    hostile = _page_html(pages["to-roi/bhxh-tu-nguyen-lai-chau.md"])
    # The same file with plain words in place of each text: what the page has anyway.
    data = yaml.safe_load(case["support"])
    data["ten_chinh_sach"] = "Chính sách"
    for number, rule in enumerate(data["ho_tro"]):
        rule["nguon"] = f"Nghị quyết {number}"
        rule.pop("ghi_chu", None)
    (root / "provinces" / "lai-chau" / SUPPORT).write_text(yaml.safe_dump(data, allow_unicode=True))
    plain = _page_html(leaflet_pages(root, AS_OF)[0]["to-roi/bhxh-tu-nguyen-lai-chau.md"])
    shape = Counter(tag for tag, _ in _elements(hostile))
    assert shape == Counter(tag for tag, _ in _elements(plain))  # not one element more
    attributes = {name for _, attrs in _elements(hostile) for name, _ in attrs}
    assert attributes == {name for _, attrs in _elements(plain) for name, _ in attrs}
    assert not {a for a in attributes if a.startswith("on")}
    text = "".join(_text(hostile))
    assert '{: onmouseover="alert(1)" } <img src=x onerror=alert(1)> **đậm**' in text
    assert '[bấm vào đây](#" onmouseover="alert(2))' in text


def _page_html(source: str) -> str:
    return markdown.markdown(source, extensions=["attr_list", "md_in_html", "admonition", "tables"])


def _elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    found: list = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collect().feed(html)
    return found


def _text(html: str) -> list[str]:
    found: list[str] = []

    class Collect(HTMLParser):
        def handle_data(self, data):
            found.append(data)

    Collect(convert_charrefs=True).feed(html)
    return found


def test_a_symlinked_list_does_not_change_another_province(tmp_path):
    """A link into Hà Nội's folder is refused: Hà Nội's list is judged once, as itself."""
    root = data_folder(tmp_path)
    add_case(next(c for c in FOLDER_CASES if c["name"] == "symlink-sang-tinh-khac"), root)
    findings = json.loads(validate(root).stdout)
    assert [f["file"] for f in findings if f["code"] == "not-regular-file"] == [
        str(root / "provinces" / "lai-chau" / "2026-12.csv")
    ]


def test_a_symlinked_province_folder_is_never_entered(tmp_path):
    root = data_folder(tmp_path)
    (root / "provinces" / "lai-chau" / "2026-11.csv").unlink()
    (root / "provinces" / "lai-chau").rmdir()
    (root / "provinces" / "lai-chau").symlink_to("ha-noi")
    findings = json.loads(validate(root).stdout)
    assert {f["code"] for f in findings if "lai-chau" in f["file"]} == {"not-regular-file"}
    # Named explicitly, a file below the linked folder is refused too.
    loaded = load_file(root / "provinces" / "lai-chau" / "2026-11.csv", root)
    assert loaded.table is None and [f.code for f in loaded.findings] == ["not-regular-file"]


def test_the_size_limit_is_checked_before_reading(tmp_path):
    """A 300 MB sparse file: refused from its size, with bounded memory (it used to be read
    whole first)."""
    root = data_folder(tmp_path)
    big = root / "provinces" / "lai-chau" / "2026-12.csv"
    with big.open("wb") as handle:
        handle.truncate(300 * 1024 * 1024)
    tracemalloc.start()
    try:
        loaded = load_file(big, root)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [f.code for f in loaded.findings] == ["file-too-large"]
    assert peak < 16 * 1024 * 1024


def test_a_file_that_grew_after_its_size_was_taken_is_read_whole_up_to_the_limit(tmp_path, monkeypatch):
    """The read asks for the size fstat gave; bytes written since are read too, and past the
    limit the file is refused, as if its size had been taken after the writing."""
    from generator.load import safe_read

    path = tmp_path / "2026-12.csv"
    path.write_bytes(b"x" * 5000)
    real_fstat = os.fstat

    def fstat_before_growth(fd: int) -> os.stat_result:
        info = list(real_fstat(fd))
        info[6] = 1000  # st_size: the file had 1,000 bytes when it was looked at
        return os.stat_result(info)

    monkeypatch.setattr(safe_read.os, "fstat", fstat_before_growth)
    assert safe_read.read_regular(path, 5000) == b"x" * 5000
    with pytest.raises(safe_read.FileTooLarge) as refused:
        safe_read.read_regular(path, 4999)
    assert refused.value.size == 5000


def test_the_bundled_data_has_no_hostile_entry():
    result = validate(PROJECT_ROOT / "directory_data")
    codes = {f["code"] for f in json.loads(result.stdout)}
    assert not codes & {"not-regular-file", "side-file-invalid", "blank-header-with-data"}


# --- the pull request check on the same cases ------------------------------------------------------


def git(repo: Path, *args: str) -> None:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, env={**os.environ, **GIT_ENV})
    assert done.returncode == 0, done.stderr


@pytest.fixture
def pull_request(tmp_path, monkeypatch):
    """The bundled data on main; `add(case)` commits a hostile folder case on branch `pr` and
    runs check-pr as the workflow does: (exit code, annotations, job summary, JSON report)."""
    repo = tmp_path / "kho"
    shutil.copytree(PROJECT_ROOT / "directory_data", repo / "directory_data")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Dữ liệu")
    git(repo, "checkout", "-q", "-b", "pr")
    monkeypatch.chdir(repo)

    def add(case: dict | None = None, extra: dict[str, bytes] | None = None):
        if case is not None:
            add_case(case, repo / "directory_data")
        for name, data in (extra or {}).items():
            (repo / name).write_bytes(data)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "Nộp")
        summary, report = tmp_path / "tom-tat.md", tmp_path / "bao-cao.json"
        result = CliRunner().invoke(
            main,
            ["check-pr", "--base", "main", "--format", "github", "--today", "2026-11-22",
             "--summary", str(summary), "--json", str(report)],
        )  # fmt: skip
        assert "Traceback" not in result.output and result.exit_code in (0, 1), result.output
        text = summary.read_text(encoding="utf-8")
        return result.exit_code, result.output, text, json.loads(report.read_text(encoding="utf-8"))

    return add


@pytest.mark.parametrize(
    "name",
    [
        "symlink-sang-tinh-khac",
        "symlink-etc-passwd",
        "symlink-treo",
        "symlink-ho-tro",
        "ho-tro-ngay-9999",
        "fifo-git",
    ],
)
def test_check_pr_refuses_what_the_build_would_not_publish(pull_request, name):
    if name == "fifo-git":  # git stores no pipe: the closest a pull request gets is a link to one
        case = {"link": ["2026-12.csv", "/dev/stdin"]}
    else:
        case = next(c for c in FOLDER_CASES if c["name"] == name)
    code, annotations, summary, report = pull_request(case)
    assert code == 1, summary
    assert not report["ok"]
    expected = "side-file-invalid" if "support" in case else "not-regular-file"
    assert expected in {f["code"] for f in report["findings"]}, report["findings"]
    assert "root:x:0" not in annotations + summary and SECRET not in annotations + summary
    # Hà Nội's published list is never read through the link: no changes reported for it.
    assert all(m["province"] == "lai-chau" for m in report["months"])


def test_a_file_name_cannot_write_the_job_summary(pull_request):
    name = "directory_data/provinces/lai-chau/2026-12\n## ✅ Đạt\n[x](javascript:alert(1))|`.csv"
    code, _, summary, _ = pull_request(extra={name: b"x"})
    assert code == 1
    assert not [line for line in summary.splitlines() if line.startswith("## ✅")]
    # Anywhere outside inline code the brackets are escaped: no link.
    outside_code = re.sub(r"(`+).*?\1", "", summary)
    assert "](javascript:" not in outside_code.replace("\\]", "")


# --- in the browser ------------------------------------------------------------------------------------

HOVER_EVERYTHING = """() => {
  for (const element of document.querySelectorAll("article *, .md-content *")) {
    for (const type of ["mouseover", "mouseenter", "focus", "animationstart"]) {
      element.dispatchEvent(new Event(type, {bubbles: true}));
    }
  }
  return [...document.querySelectorAll("*")]
    .flatMap(e => [...e.attributes].filter(a => /^on/i.test(a.name)).map(a => `${e.tagName} ${a.name}`));
}"""


@pytest.mark.browser
def test_the_leaflet_of_a_hostile_support_file_runs_nothing(tmp_path, page):
    """The built leaflet page of the Markdown-and-script support file, in Chromium: no dialog,
    no handler attribute anywhere, every element hovered, the text shown as typed."""
    from browser import chromium_path, serve

    chromium_path()
    root = data_folder(tmp_path)
    add_case(next(c for c in FOLDER_CASES if c["name"] == "ho-tro-markdown-script"), root)
    pages, variants = leaflet_pages(root, AS_OF)
    assert "lai-chau" in variants
    site = tmp_path / "site"
    build_site(pages, site, extra={"sample_data": False, "data_month": "2026-11"}, source_date_epoch=0)
    server = serve(site)
    url = next(server)
    try:
        page.goto(url + "to-roi/bhxh-tu-nguyen-lai-chau/", wait_until="load")
        handlers = page.evaluate(HOVER_EVERYTHING)
        page.wait_for_timeout(300)
        assert page.dialogs == [] and handlers == []
        assert not [e for e in page.errors if e.startswith("pageerror")]
        assert "<img src=x onerror=alert(1)> **đậm**" in page.inner_text("body")
    finally:
        server.close()


# --- interrupted builds, full disks, held lists -------------------------------------------------------


def test_an_interrupted_swap_gets_the_site_back_and_leftovers_go(tmp_path):
    """Killed between the two renames: site.old and no site/. Killed while staging: a
    .site-build-<pid>- folder of a process that is gone. Both are undone before the next build."""
    out = tmp_path / "site"
    (tmp_path / "site.old").mkdir()
    (tmp_path / "site.old" / "index.html").write_text("trang đã công bố", encoding="utf-8")
    leftover = tmp_path / ".site-build-999999999-abc"
    (leftover / "docs").mkdir(parents=True)
    mine = tmp_path / f".site-build-{os.getpid()}-xyz"
    mine.mkdir()
    from generator.build import recover

    recover(out)
    assert (out / "index.html").read_text(encoding="utf-8") == "trang đã công bố"
    assert not (tmp_path / "site.old").exists() and not leftover.exists() and not mine.exists()
    # Killed after both renames: the new site stays, the old one goes.
    (tmp_path / "site.old").mkdir()
    recover(out)
    assert out.is_dir() and not (tmp_path / "site.old").exists()


def test_a_full_disk_is_reported_as_a_write_failure(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / ".site-build-x"))

    monkeypatch.setattr("generator.build.shutil.copytree", full)
    with pytest.raises(BuildError, match="Không ghi được"):
        build_site({}, tmp_path / "site", extra={}, source_date_epoch=0)
    assert not list(tmp_path.glob(".site-build-*"))


def test_a_read_only_disk_says_it_cannot_write(tmp_path, monkeypatch):
    def read_only(self, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "write_text", read_only)
    result = CliRunner().invoke(main, ["rule-docs", "--out", str(tmp_path / "quy-tac.md")])
    assert (
        result.exit_code == 2 and "Không ghi được" in result.output and "Không đọc được" not in result.output
    )


def test_the_build_summary_counts_a_list_the_removal_guard_held(tmp_path):
    root = data_folder(tmp_path)
    folder = root / "provinces" / "lai-chau"
    header, *rows = (folder / "2026-11.csv").read_text(encoding="utf-8").splitlines()
    (folder / "2026-10.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    (folder / "2026-11.csv").write_text("\n".join([header, rows[0]]) + "\n", encoding="utf-8")
    validation = validate_dataset(root)
    assert not validation.has_errors  # both lists are valid: only the merge holds November
    series = merge_series(validation.validated, "2026-11")
    from generator.pipeline import held_files

    held = held_files(validation, series[-1].findings)
    assert len(held) == 1 and "lai-chau/2026-11.csv" in held[0] and "mass-removal" in held[0]


# --- point codes ------------------------------------------------------------------------------------


def test_card_anchors_are_never_empty_and_unique_per_code():
    from generator.render.format import point_anchor
    from generator.text import code_key

    codes = [
        "LCU-0001",
        "LCU-0002",
        "中文",
        "文中",
        "中",
        "A中",
        "中A",
        "a-u4e2d",
        "A_4E2D",
        "Đ-01",
        "---",
        "--",
    ]
    anchors = {code: point_anchor(code) for code in codes}
    assert all(a != "diem-" and re.fullmatch(r"diem-[a-z0-9_-]+", a) for a in anchors.values()), anchors
    by_key: dict[str, set[str]] = {}
    for code, anchor in anchors.items():
        by_key.setdefault(code_key(code) or code, set()).add(anchor)
    assert len(set(anchors.values())) == len(by_key)  # one anchor per distinct code
    assert point_anchor("LCU-0001") == "diem-lcu-0001"  # published URLs stay as they were
