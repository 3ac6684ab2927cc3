"""Hostile province folders (tests/hostile/folders.yaml, issue 15): side files, symlinks and pipes
that a pull request touching one province's folder may carry. Each case gets exactly its
findings from `validate`, never a traceback, never the content of what a link points to; a bad
support file holds that province's leaflet variant while the build's leaflets still render."""

from __future__ import annotations

import json
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

from generator.cli import main
from generator.contract import PROJECT_ROOT
from generator.load import load_file
from generator.pipeline import leaflet_pages

AS_OF = date(2026, 11, 15)


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


def test_the_bundled_data_has_no_hostile_entry():
    result = validate(PROJECT_ROOT / "directory_data")
    codes = {f["code"] for f in json.loads(result.stdout)}
    assert not codes & {"not-regular-file", "side-file-invalid", "blank-header-with-data"}
