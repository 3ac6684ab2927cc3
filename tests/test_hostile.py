"""The hostile corpus (tests/hostile/cases.yaml): each broken or hostile submission gets exactly its
intended findings and exit code from `python -m generator validate`, in every report format, with
no traceback and without replaying the control characters it carries to the terminal."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile.corpus import CASES, GENERATORS, HOSTILE, MB, case_file

from generator.cli import main
from generator.validate.checks.content import FORMAT_CHARACTERS

PROVINCE, MONTH = "lai-chau", "2026-11"
FORMATS = ("json", "text", "github", "markdown")
# What a report must never print as it is: terminal escapes and other C0 controls, and characters
# that reorder or hide text (a report line reversed by U+202E would lie to the clerk).
UNPRINTABLE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f{FORMAT_CHARACTERS}]")


def validate(path: Path, output_format: str):
    return CliRunner().invoke(
        main, ["validate", "--province", PROVINCE, "--month", MONTH, "--format", output_format, str(path)]
    )


# --- the table itself ---------------------------------------------------------------------------


def test_the_corpus_is_large_and_well_formed():
    assert len(CASES) >= 30
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))
    for case in CASES:
        assert len({"file", "replace", "generate"} & set(case)) == 1, case["name"]
        assert case["exit"] in (0, 1) and case["what"], case["name"]
        assert case.get("generate", "") in ("", *GENERATORS), case["name"]
    committed = {p.name for p in (HOSTILE / "files").iterdir()}
    assert committed == {c["file"] for c in CASES if "file" in c}, "a file of the corpus has no case"
    assert all(p.stat().st_size < 64 * 1024 for p in (HOSTILE / "files").iterdir()), "big files are generated"


def test_the_invisible_characters_are_every_unicode_format_character():
    pattern = re.compile(f"[{FORMAT_CHARACTERS}]")
    matched = {c for c in map(chr, range(sys.maxunicode + 1)) if pattern.match(c)}
    format_chars = {c for c in map(chr, range(sys.maxunicode + 1)) if unicodedata.category(c) == "Cf"}
    assert format_chars <= matched
    # The list may run ahead of this Python's Unicode version, never into assigned letters.
    assert {unicodedata.category(c) for c in matched - format_chars} <= {"Cn"}


# --- one test per case --------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hostile_submission(case, tmp_path):
    path = case_file(case, tmp_path)
    result = validate(path, "json")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    found = {(f["row"], f["column"], f["code"]) for f in json.loads(result.stdout)}
    expected = {tuple(f) for f in case["findings"]}
    assert found == expected
    assert result.exit_code == case["exit"]
    for output_format in FORMATS[1:]:
        other = validate(path, output_format)
        assert other.exit_code == case["exit"], (output_format, other.output)
        assert "Traceback" not in other.output
        assert not UNPRINTABLE.search(other.output), (output_format, UNPRINTABLE.search(other.output))
    # JSON escapes what it carries; nothing reaches the terminal raw.
    assert not UNPRINTABLE.search(result.output)


def test_the_50_mb_file_is_refused_before_it_is_parsed(tmp_path):
    path = case_file(next(c for c in CASES if c["name"] == "file-50-mb"), tmp_path)
    assert path.stat().st_size >= 50 * MB
    [finding] = json.loads(validate(path, "json").stdout)
    assert "vượt giới hạn 20 MB" in finding["message"]


def test_invisible_characters_are_shown_by_their_code(tmp_path):
    case = next(c for c in CASES if c["name"] == "dao-chieu-bidi")
    findings = json.loads(validate(case_file(case, tmp_path), "json").stdout)
    first = next(f for f in findings if f["code"] == "invisible-characters")
    assert "U+202E" in first["message"] and "right-to-left override" in first["message"]
    assert "Bưu điện [U+202E]Trung tâm" in first["message"]
