"""The hostile site of tests/test_guarantees.py and tests/test_guarantees_browser.py: the bundled
sample's lists of four provinces, two of them made hostile (see `make_hostile_dataset`), and what
is built from them. The dataset, the site and the signage outputs are each made once per run and
shared by the pytest-xdist workers (`browser.run_once`), so the modules that read them can run on
different workers at the same time without building them twice.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import chromium_path, run_once
from sample_data import sample_root

from generator.contract import PROJECT_ROOT

SAMPLE = sample_root()  # never the live lists: tests/sample_data.py
AS_OF = "2026-11-22"
MONTH = "2026-11"

# Unique strings planted in never-published places; lower-case ASCII letters and digits only, so
# folding, slugs and search indexes cannot disguise them.
MARKERS = {
    "staff": "privnv5k2q",  # Nhân viên thu, published list
    "note": "privgc8m4w",  # Ghi chú, published list
    "extra": "privcot3j7x",  # a column the province added
    "extra_header": "privhdr4u2e",  # that column's title
    "previous": "privprev9h1d",  # staff and notes of the list it replaces
    "rejected": "privrej6t0b",  # staff and notes of a list refused for an ERROR
}
# Every hostile payload of the refused list carries this token: none of it may be published.
REFUSED_TOKEN = "dberr"

# Text that passes validation (at most a WARNING) and would turn into markup, an attribute or
# script if any page, script or map inserted it as HTML or into JavaScript source unescaped.
ALLOWED_HOSTILE = {
    "name": "&lt;img src=/db-inj-img.png id=db-inj-img&gt; “Tiền” & 'Hậu'",
    "agent": "Bưu điện x\" data-dbinj=\"1 y' data-dbinj='1",
    "address": "Số 1 [bấm vào](/db-inj-md) *db-inj-em* | ống | 1 < 2 > 0 }} %} # tiêu đề",
    "hours": "\\u003cimg src=x id=db-inj-u\\u003e \\x3cb id=db-inj-x\\x3e ＜script＞alert(1)＜/script＞",
}
ALLOWED_HOSTILE_2 = {
    "name": "Bưu điện `+alert('db-inj-bt')+` $ {x}",
    "agent": "'); alert('db-inj-q'); // \"); alert(\"db-inj-qq\"); //",
    "address": "Bản 1 --> ]]> */ db-inj-close \\",
    "hours": "&#106;avascript&#58;alert(1) javascript alert(1)",
}
CHANGED_NAME = "Điểm BĐVHX &lt;b id=db-inj-b&gt;Bình Lư&lt;/b&gt;"
REFUSED_PAYLOADS = {
    "name": f'<script>alert("{REFUSED_TOKEN}1")</script>',
    "agent": f"<img src=x onerror=alert('{REFUSED_TOKEN}2')>",
    "address": f"[bấm](javascript:alert('{REFUSED_TOKEN}3'))",
    "hours": f"{{{{ '{REFUSED_TOKEN}4' }}}}",
}
POSITION = (22.3930, 103.4700)  # the hostile points of Lai Châu sit here; so does the reader


# --- the hostile dataset and its builds --- ------------------------------------------------------


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _hostile_row(template: dict[str, str], code: str, values: dict[str, str]) -> dict[str, str]:
    row = dict(template)
    row.update(
        {
            "Mã điểm thu": code,
            "Tên điểm thu": values["name"],
            "Tên đại lý thu": values["agent"],
            "Địa chỉ": values["address"],
            "Giờ làm việc": values["hours"],
            "Xã/Phường": "Phường Tân Phong",
            "Tỉnh/Thành phố": "Lai Châu",
            "Điện thoại cố định": "0213 3876 543",
            "Điện thoại di động": "0912 037 468",
            "Vĩ độ": str(POSITION[0]),
            "Kinh độ": str(POSITION[1]),
        }
    )
    return row


# The sample's provinces kept in the hostile site: the two made hostile, Hà Nội (its own leaflets,
# from its local support) and Điện Biên (its list is two months old: the stale notices). The
# other provinces would add only more pages of the same templates from benign data, and every
# page is visited in a browser: 36 maps and ~900 commune pages took most of the suite's time.
PROVINCES = ("lai-chau", "cao-bang", "ha-noi", "dien-bien")
# For the same reason the benign provinces keep only their first few points (the same points in
# every month, so that no month-to-month rule sees a removal): each keeps every page type, its
# leaflets and notices, with a few commune pages instead of twenty or thirty. Cao Bằng keeps its
# first four rows, the ones made hostile, and two published as sent.
KEPT_POINTS = {"cao-bang": 6, "ha-noi": 3, "dien-bien": 3}


def _keep_first_points(folder: Path, count: int) -> None:
    """Only the first `count` points of the latest list present in every month, renumbered."""
    months = sorted(folder.glob("*.csv"))
    lists = {path: read(path) for path in months}
    everywhere = set.intersection(*({row["Mã điểm thu"] for row in rows} for rows in lists.values()))
    kept = [row["Mã điểm thu"] for row in lists[months[-1]] if row["Mã điểm thu"] in everywhere][:count]
    for path, rows in lists.items():
        rows = [row for row in rows if row["Mã điểm thu"] in kept]
        for i, row in enumerate(rows):
            row["STT"] = str(i + 1)
        _write(path, rows)


def make_hostile_dataset(data: Path) -> Path:
    for slug in PROVINCES:
        shutil.copytree(SAMPLE / "provinces" / slug, data / "provinces" / slug)
    for slug, count in KEPT_POINTS.items():
        _keep_first_points(data / "provinces" / slug, count)
    shutil.copy(SAMPLE / "dataset.yaml", data / "dataset.yaml")
    folder = data / "provinces" / "lai-chau"
    # The list being replaced: its private columns must not leak through the changes pages.
    previous = read(folder / "2026-10.csv")
    for row in previous:
        row["Nhân viên thu"] = row["Ghi chú"] = f"Lò Văn {MARKERS['previous']}"
    _write(folder / "2026-10.csv", previous)
    # The published list: private markers everywhere, one point renamed, two hostile points added.
    rows = read(folder / "2026-11.csv")
    rows[0]["Tên điểm thu"] = CHANGED_NAME
    rows.append(_hostile_row(rows[0], "LCU-9001", ALLOWED_HOSTILE))
    rows.append(_hostile_row(rows[0], "../../db-inj-path", ALLOWED_HOSTILE_2))
    for i, row in enumerate(rows):
        row["STT"] = str(i + 1)
        row["Nhân viên thu"] = f"Nguyễn Thị {MARKERS['staff']}"
        row["Ghi chú"] = f"Ghi chú nội bộ {MARKERS['note']}"
        row[f"Số CCCD {MARKERS['extra_header']}"] = f"0010{i:02d} {MARKERS['extra']}"
    _write(folder / "2026-11.csv", rows)
    # A refused list: script and template syntax, plus private markers.
    refused = data / "provinces" / "cao-bang" / "2026-11.csv"
    rows = read(refused)
    for row in rows[:4]:
        for key, column in (("name", "Tên điểm thu"), ("agent", "Tên đại lý thu"), ("address", "Địa chỉ")):
            row[column] = REFUSED_PAYLOADS[key]
        row["Giờ làm việc"] = REFUSED_PAYLOADS["hours"]
        row["Nhân viên thu"] = row["Ghi chú"] = MARKERS["rejected"]
    _write(refused, rows)
    return data


def build(data: Path, out: Path, *, seed: str, tz: str, cwd: Path, cache: bool = True) -> None:
    """A build in its own process, as CI runs it: the hash seed, time zone and working directory
    vary so that set ordering or local time leaking into an output shows up as a difference.
    With `cache`, through the run's build cache (tests/conftest.py)."""
    env = {"PYTHONHASHSEED": seed, "TZ": tz}
    options = ["--data", str(data), "--out", str(out), "--as-of", AS_OF, *([] if cache else ["--no-cache"])]
    run_generator("build", *options, cwd=cwd, env=env)


def run_generator(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
    """`python -m generator ARGS` in its own process; it must succeed without a traceback."""
    environment = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT), **(env or {}))
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stdout + done.stderr


@pytest.fixture(scope="session")
def hostile_data(tmp_path_factory) -> Path:
    return run_once(tmp_path_factory, "hostile-data", make_hostile_dataset)


@pytest.fixture(scope="session")
def hostile_site(hostile_data, tmp_path_factory) -> Path:
    """The hostile site, built through the run's build cache (tests/conftest.py)."""

    def make(folder: Path) -> None:
        build(hostile_data, folder / "site", seed="1", tz="UTC", cwd=PROJECT_ROOT)

    return run_once(tmp_path_factory, "hostile-site", make) / "site"


@pytest.fixture(scope="session")
def hostile_signage(hostile_data, tmp_path_factory) -> Path:
    return run_once(tmp_path_factory, "hostile-signage", lambda folder: signage_outputs(hostile_data, folder))


# --- reading every output -----------------------------------------------------------------------


def files_of(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def readable_forms(path: Path) -> Iterator[bytes]:
    """The bytes of a file, and what a reader would get out of it: gzip content, the parts of a
    zip (an .xlsx workbook), the inflated streams of a PDF (page text is drawn as glyph ids, so
    text inside a PDF page is only found when the PDF keeps it as text; the HTML each PDF is
    printed from is searched as a page)."""
    data = path.read_bytes()
    yield data
    if data[:2] == b"\x1f\x8b":
        yield gzip.decompress(data)
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            yield from (archive.read(name) for name in archive.namelist())
    if data.startswith(b"%PDF"):
        for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
            try:
                yield zlib.decompress(match.group(1))
            except zlib.error:
                continue


def occurrences(root: Path, needles: list[str]) -> list[str]:
    """'file: needle' for each needle found, as UTF-8 or UTF-16 (PDF strings), any letter case."""
    forms = {n: [n.encode("utf-8"), n.encode("utf-16-be")] for n in needles}
    found = []
    for path in files_of(root):
        for content in readable_forms(path):
            lowered = content.lower()
            for needle, encoded in forms.items():
                if any(e in lowered for e in encoded):
                    found.append(f"{path.relative_to(root)}: {needle}")
    return sorted(set(found))


def signage_outputs(data: Path, out: Path) -> Path:
    """Every sign of the month as CSV, JSON and print proofs (`--all`), and the month's Lai Châu
    signs (the hostile points are new there) printed to PDF too."""
    chromium_path()  # the Lai Châu signs are printed to PDF
    for extra, folder in ((["--all"], "tat-ca"), (["--province", "lai-chau", "--pdf"], "lai-chau")):
        run_generator("signage", "--month", MONTH, "--data", str(data), *extra, "--out", str(out / folder))
        assert files_of(out / folder), f"signage {extra} wrote nothing"
    return out


def first_difference(a: Path, b: Path) -> str | None:
    paths_a = [p.relative_to(a) for p in files_of(a)]
    paths_b = [p.relative_to(b) for p in files_of(b)]
    if paths_a != paths_b:
        only = sorted(set(paths_a) ^ set(paths_b))
        return f"the trees differ in their files, first: {only[0]}"
    for relative in paths_a:
        if (a / relative).read_bytes() != (b / relative).read_bytes():
            return f"first differing file: {relative}"
    return None


def read_points(site: Path, slug: str) -> list[str]:
    """The codes on a province's commune pages: one card per published point."""
    pages = sorted((site / "tinh" / slug).glob("*/index.html"))
    return [
        anchor
        for page in pages
        for anchor in re.findall(r'<article class="db-card" id="([^"]+)"', page.read_text(encoding="utf-8"))
    ]
