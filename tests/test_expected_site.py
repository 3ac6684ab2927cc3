"""The built site of one small province, compared file by file with a committed tree (as pelican
tests its output): any change to what a page, a feed or an open data file says shows up as a
diff in review.

The data is `tests/fixtures/expected-site/` (Lai Châu, four points, October and November 2026:
one closed, one opened, one changed). The tree is `tests/expected/site-lai-chau/`: the province's
own outputs and a few shared JSON files, not the theme. HTML pages keep only their content
(`<article class="md-content__inner">`), so a theme upgrade does not touch the tree.

After an intended change, refresh the tree and review its diff:

    python -m pytest tests/test_expected_site.py --refresh-expected
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

HERE = Path(__file__).parent
DATA = HERE / "fixtures" / "expected-site"
EXPECTED = HERE / "expected" / "site-lai-chau"
SLUG, MONTH = "lai-chau", "2026-11"
COMPARED = [
    f"tinh/{SLUG}/index.html",
    f"tinh/{SLUG}/xa-nam-hang/index.html",  # the changed point's commune page
    f"tinh/{SLUG}/xa-pa-u/index.html",  # the opened point's
    f"thay-doi/{MONTH}/index.html",
    f"thay-doi/{SLUG}.xml",
    f"thay-doi/{MONTH}.json",
    f"du-lieu/tinh/{SLUG}.csv",
    "du-lieu/diem-thu.json",
    "du-lieu/datapackage.json",
    f"can-bo/bien-hieu/{MONTH}/{SLUG}.csv",
]
_ARTICLE = re.compile(r"<article\b|</article>")


def page_content(html: str) -> str:
    """The page's own content: the outer `md-content__inner` article, nested articles included."""
    start = html.index('<article class="md-content__inner')
    depth = 0
    for tag in _ARTICLE.finditer(html, start):
        depth += 1 if tag[0] == "<article" else -1
        if depth == 0:
            return html[start : tag.end()] + "\n"
    raise AssertionError("unclosed <article>")


def comparable(relative: str, content: bytes) -> bytes:
    if relative.endswith(".html"):
        return page_content(content.decode("utf-8")).encode("utf-8")
    return content


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("expected-site") / "site"
    args = ["build", "--no-pdf", "--data", str(DATA), "--out", str(out), "--as-of", "2026-11-22"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return out


def test_the_province_builds_into_the_committed_tree(built, request):
    actual = {relative: comparable(relative, (built / relative).read_bytes()) for relative in COMPARED}
    if request.config.getoption("--refresh-expected"):
        for relative, content in actual.items():
            (EXPECTED / relative).parent.mkdir(parents=True, exist_ok=True)
            (EXPECTED / relative).write_bytes(content)
    committed = sorted(p.relative_to(EXPECTED).as_posix() for p in EXPECTED.rglob("*") if p.is_file())
    assert committed == sorted(COMPARED), "run with --refresh-expected (see the module docstring)"
    differences = []
    for relative, content in actual.items():
        expected = (EXPECTED / relative).read_bytes()
        if content != expected:
            diff = difflib.unified_diff(
                expected.decode("utf-8").splitlines(),
                content.decode("utf-8").splitlines(),
                f"expected/{relative}",
                f"built/{relative}",
                lineterm="",
            )
            differences.append("\n".join(list(diff)[:40]))
    assert not differences, "\n\n".join(differences) + "\n\nAfter an intended change: --refresh-expected"


def test_the_tree_shows_the_province_and_its_changes():
    """What the committed tree is there to hold, so that a refresh cannot empty it unnoticed."""
    page = (EXPECTED / f"tinh/{SLUG}/index.html").read_text(encoding="utf-8")
    assert "xa-nam-hang/" in page and "xa-pa-u/" in page and "LCU-0004" not in page
    changed = (EXPECTED / f"tinh/{SLUG}/xa-nam-hang/index.html").read_text(encoding="utf-8")
    assert changed.count('class="db-card"') == 1 and "0213 3823 999" in changed
    assert 'class="db-card"' in (EXPECTED / f"tinh/{SLUG}/xa-pa-u/index.html").read_text(encoding="utf-8")
    changes = (EXPECTED / f"thay-doi/{MONTH}/index.html").read_text(encoding="utf-8")
    assert "Cửa hàng Viettel Pa Ủ" in changes and "LCU-0004" in changes
    opened = (EXPECTED / f"du-lieu/tinh/{SLUG}.csv").read_text(encoding="utf-8-sig")
    assert "Lý Thị Bích Vân" not in opened  # the staff column is never published
