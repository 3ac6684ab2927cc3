"""Signage records (`python -m generator signage`, issue 7): the right signs with the right reasons
on the sample and on synthetic data with planted changes, CSV that no spreadsheet evaluates, a
PDF page of 90 × 130 cm, text fitted into the sign in Chromium, nothing unpublished in any output."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import shutil
from dataclasses import replace

import pytest
from browser import chromium_path
from click.testing import CliRunner
from sample_data import sample_root, sample_validation

from generator.cli import main
from generator.merge import Directory, ProvinceState, merge
from generator.model import Point
from generator.pipeline import validate_dataset
from generator.signage import plan_signs
from generator.signage.job import write_pdfs, write_proofs
from generator.signage.plan import KIND_NEW, KIND_REPLACEMENT, REASON_ALL, REASON_NEW, REASONS
from generator.signage.proof import render_proof
from generator.signage.records import SIGN_COLUMNS, neutralise, signs_csv, summary_csv
from generator.signage.site import render_signage_pages
from generator.synth import write_synthetic_dataset
from generator.units import admin_units

DATA = sample_root()  # never the live lists: tests/sample_data.py
MONTH = "2026-11"
# Manifest keys of changes that are printed on the sign, and the reason each gives.
MANIFEST_REASONS = {
    "agent": REASONS["agent"],
    "name": REASONS["name"],
    "address": REASONS["address"],
    "fixed_phone": REASONS["fixed_phone"],
    "mobile_phone": REASONS["mobile_phone"],
}
PRINTED_DIFF_FIELDS = {"commune_code", "agent", "name", "address", "fixed_phone", "mobile_phone"}
FORMULAS = ('=HYPERLINK("http://evil.example/x","Bấm vào")', "+1", "-2", "@SUM(A1:A9)")


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(codecs.BOM_UTF8), "CSV cho Excel cần BOM"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.fixture(scope="module")
def sample() -> tuple:
    validated = sample_validation().validated
    return validated, merge(validated, MONTH)


# --- which signs, and why ------------------------------------------------------------------------


def test_sample_delta_matches_the_published_changes(sample):
    """Against the merge's own diff: new points and sign-field changes, nothing else."""
    _, directory = sample
    plan = plan_signs(directory)
    by_code = {(s.province.slug, s.point.code): s for s in plan.signs}
    expected = set()
    for state in directory.provinces:
        if state.data_month != MONTH:
            assert not any(s.province.slug == state.province.slug for s in plan.signs)
            continue
        diff = state.changes()
        for point in diff.added:
            expected.add(point.key)
            assert by_code[point.key].reasons == (REASON_NEW,)
            assert by_code[point.key].kind == KIND_NEW
        for change in diff.changed:
            printed = set(change.fields) & {
                "commune_code",
                "agent",
                "name",
                "address",
                "fixed_phone",
                "mobile_phone",
            }
            if printed:
                expected.add(change.after.key)
                sign = by_code[change.after.key]
                assert sign.kind == KIND_REPLACEMENT
                wanted = {REASONS[f] for f in printed}
                assert set(sign.reasons) == wanted, change
    assert set(by_code) == expected
    assert plan.total("signs") == len(plan.signs) > 0
    assert plan.total("removed") == sum(
        len(s.changes().removed) for s in directory.provinces if s.data_month == MONTH
    )


def test_hours_and_coordinates_are_not_printed(sample):
    _, directory = sample
    state = next(s for s in directory.provinces if s.data_month == MONTH and s.previous_points)
    before = state.previous_points[0]
    after = before._replace(hours="6h–22h", lat=(before.lat or 20) + 0.01, lon=105.0, month=MONTH)
    changed = replace(state, points=(after,), previous_points=(before,))
    plan = plan_signs(Directory(MONTH, (changed,), ()))
    assert plan.signs == ()
    assert plan.tallies[0].points == 1


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    summary = write_synthetic_dataset(out, points=900, months=3, seed=7)
    validated = validate_dataset(out).validated
    return out, summary, validated


def test_synthetic_delta_has_the_planted_changes_with_their_reasons(synthetic):
    _, summary, validated = synthetic
    month = summary.months[-1]
    plan = plan_signs(merge(validated, month))
    got = {(s.province.slug, s.point.code): s for s in plan.signs}
    expected: dict[tuple[str, str], set[str]] = {}
    for slug, province in summary.provinces.items():
        for change in province.changes:
            if change.month != month:
                continue
            for code in change.added:
                expected[(slug, code)] = {REASON_NEW}
            for code in change.moved:
                expected[(slug, code)] = {REASONS["commune_code"]}
            for code, keys in change.changed.items():
                reasons = {MANIFEST_REASONS[k] for k in keys if k in MANIFEST_REASONS}
                if reasons:
                    expected[(slug, code)] = reasons
    assert expected, "the synthetic month plants no change"
    assert set(got) == set(expected)
    for key, reasons in expected.items():
        sign = got[key]
        if REASONS["commune_code"] in reasons:
            # A move usually renames the point and changes its address too; the move comes first.
            assert sign.reasons[0] == REASONS["commune_code"] and sign.kind == KIND_REPLACEMENT
        else:
            assert set(sign.reasons) == reasons, key
            assert sign.kind == (KIND_NEW if reasons == {REASON_NEW} else KIND_REPLACEMENT)


def test_since_compares_with_an_older_printed_month(synthetic):
    _, summary, validated = synthetic
    first, middle, last = summary.months
    since = plan_signs(merge(validated, last), merge(validated, first))
    default = plan_signs(merge(validated, last))
    codes = {(s.province.slug, s.point.code) for s in since.signs}
    added_in_middle = {
        (slug, code)
        for slug, p in summary.provinces.items()
        for c in p.changes
        if c.month == middle
        for code in c.added
    }
    current = {p.key for p in merge(validated, last).points}
    assert added_in_middle & current, "no point opened in the middle month"
    assert added_in_middle & current <= codes
    assert {(s.province.slug, s.point.code) for s in default.signs} - codes == set()
    assert since.since == first and all(t.baseline_month in (first, None) for t in since.tallies)


def test_all_reequips_every_point_of_a_province(sample):
    _, directory = sample
    plan = plan_signs(directory, province="lai-chau", all_points=True)
    state = next(s for s in directory.provinces if s.province.slug == "lai-chau")
    assert [s.point.code for s in plan.signs] == sorted(p.code for p in state.points)
    assert len(plan.tallies) == 1 and plan.tallies[0].signs == len(state.points)
    delta = {s.point.code for s in plan_signs(directory, province="lai-chau").signs}
    for sign in plan.signs:
        assert (sign.reasons == (REASON_ALL,)) == (sign.point.code not in delta)


# --- CSV safe for spreadsheets ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [*FORMULAS, " =1+1", "  @x", "\t=1", "\r=1", "\n=1", "＝1", "=", "-"],
)
def test_formula_cells_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Bưu điện xã A", "0213 3876 543", "Số 1 - Thôn 2", "", "'=1"])
def test_ordinary_cells_are_left_alone(cell):
    assert neutralise(cell) == cell


def _planted_directory() -> Directory:
    province = admin_units().province_by_slug("lai-chau")
    phones = {
        "fixed_phone": "+84 213 3876 543",
        "fixed_phone_e164": "+842133876543",
        "mobile_phone": "+84912345678",
        "mobile_phone_e164": "+84912345678",
    }
    points = tuple(
        Point(
            **{"province_code": province.code, "province_slug": province.slug, "code": f"LCU-X{n}"},
            **{"agent": formula, "name": "  " + formula, "address": formula, "hours": ""},
            **{"commune_code": "00001", "commune_name": "Xã Bình Lư", **phones},
            **{"lat": None, "lon": None, "approximate": False, "month": MONTH},
        )
        for n, formula in enumerate(FORMULAS, start=1)
    )
    state = ProvinceState(province, MONTH, points, None, (), (), False)
    return Directory(MONTH, (state,), ())


def test_no_formula_survives_in_the_csv_and_phones_print_nationally():
    plan = plan_signs(_planted_directory())
    rows = read_csv(signs_csv(plan.signs))
    assert tuple(rows[0]) == SIGN_COLUMNS
    assert len(rows) == 1 + len(FORMULAS)
    for row in [*rows, *read_csv(summary_csv(plan))]:
        for cell in row:
            assert not cell.lstrip().startswith(("=", "+", "-", "@")), cell
            assert not cell.startswith(("\t", "\r")), cell
    phones = {row[SIGN_COLUMNS.index("Điện thoại cố định")] for row in rows[1:]}
    mobiles = {row[SIGN_COLUMNS.index("Điện thoại di động")] for row in rows[1:]}
    assert phones == {"0213 3876 543"} and mobiles == {"0912 345 678"}
    agents = [row[SIGN_COLUMNS.index("Tên đại lý thu")] for row in rows[1:]]
    assert agents == ["'" + f for f in FORMULAS]


# --- command line ------------------------------------------------------------------------------------


def invoke(*args):
    return CliRunner().invoke(main, ["signage", *args])


def test_cli_writes_records_summary_and_proofs(tmp_path):
    result = invoke("--month", MONTH, "--no-pdf", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "Biển hiệu cần in tháng 11/2026" in result.output
    rows = read_csv((tmp_path / f"bien-hieu-{MONTH}.csv").read_bytes())
    data = json.loads((tmp_path / f"bien-hieu-{MONTH}.json").read_text(encoding="utf-8"))
    assert len(rows) - 1 == len(data["bien_hieu"]) > 0
    summary = read_csv((tmp_path / f"tong-hop-{MONTH}.csv").read_bytes())
    assert len(summary) == 1 + 34 + 1 and summary[-1][1] == "TỔNG CỘNG"
    assert int(summary[-1][summary[0].index("Cộng biển hiệu")]) == len(rows) - 1
    proofs = sorted((tmp_path / "ban-in-thu").glob("*.html"))
    assert len(proofs) == len({r[1] for r in rows[1:]})
    assert not (tmp_path / "pdf").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2026-13"], "YYYY-MM"),
        (["--month", MONTH, "--province", "khong-co"], "không phải mã tỉnh"),
        (["--month", MONTH, "--since", MONTH], "phải là tháng trước"),
        (["--month", MONTH, "--since", "11/2026"], "YYYY-MM"),
        (["--month", "2019-01"], "Chưa có danh sách"),
    ],
)
def test_cli_bad_input_exits_2_in_vietnamese(tmp_path, args, message):
    result = invoke(*args, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_missing_data_folder_exits_2(tmp_path):
    result = invoke("--data", str(tmp_path / "khong-co"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and "provinces" in result.output


def test_unpublished_columns_never_reach_any_output(tmp_path):
    """Plant a marker in Nhân viên thu, Ghi chú and a column outside the contract; no output
    file, site file or proof may contain it."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "provinces" / "lai-chau" / f"{MONTH}.csv"
    rows = read_csv(path.read_bytes())
    header = [*rows[0], "Số CCCD"]
    staff, note = header.index("Nhân viên thu"), header.index("Ghi chú")
    body = []
    for row in rows[1:]:
        row = [*row, "BIMAT-CCCD-7731"]
        row[staff], row[note] = "BIMAT-NV-7731", "BIMAT-GC-7731"
        body.append(row)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([header, *body])
    path.write_bytes(codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8"))

    out = tmp_path / "out"
    result = invoke("--data", str(data), "--month", MONTH, "--province", "lai-chau", "--all",
                    "--no-pdf", "--out", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Tỉnh Lai Châu: " in result.output
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) == 4
    site = render_signage_pages(merge(validate_dataset(data).validated, MONTH))
    assert any("lai-chau" in name for name in site)
    for blob in [
        *(p.read_bytes() for p in files),
        *(v if isinstance(v, bytes) else v.encode() for v in site.values()),
    ]:
        assert b"7731" not in blob


# --- staff page on the site --------------------------------------------------------------------------


def test_site_page_and_csvs_are_reproducible_and_linked(sample):
    _, directory = sample
    first, second = render_signage_pages(directory), render_signage_pages(directory)
    assert first == second
    page = first["can-bo/bien-hieu.md"]
    assert "TỔNG CỘNG" in page and "Biển hiệu cần in" in page
    for link in re.findall(r"\]\((bien-hieu/[^)]+\.csv)\)", page):
        assert f"can-bo/{link}" in first, link
    plan = plan_signs(directory)
    national = read_csv(first[f"can-bo/bien-hieu/{MONTH}.csv"])
    assert len(national) - 1 == len(plan.signs)
    assert f"**{plan.total('signs')}**" in page


def test_built_site_has_the_staff_page(sample_site):
    page = sample_site / "can-bo" / "bien-hieu" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "TỔNG CỘNG" in html
    for href in re.findall(r'href="([^"]+\.csv)"', html):
        assert (page.parent / href).resolve().is_file(), href


# --- the print proof ---------------------------------------------------------------------------------


def _mediaboxes(pdf: bytes) -> list[tuple[float, float]]:
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return [(float(x1) - float(x0), float(y1) - float(y0)) for x0, y0, x1, y1 in boxes]


@pytest.mark.browser
def test_pdf_pages_are_90_by_130_cm(sample, tmp_path):
    chromium = chromium_path()
    _, directory = sample
    plan = plan_signs(directory, province="lai-chau")
    proofs = write_proofs(plan, tmp_path)
    assert write_pdfs(plan, tmp_path, proofs, chromium=chromium) == []
    pdf = (tmp_path / "pdf" / f"{MONTH}-lai-chau.pdf").read_bytes()
    boxes = _mediaboxes(pdf)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == len(plan.signs)
    assert boxes
    for width, height in boxes:
        assert abs(width - 2551.2) <= 1 and abs(height - 3685.0) <= 1, (width, height)


def _longest_points(synthetic_validated) -> list[Point]:
    """The longest agent, name and address in the sample and the synthetic data, and a point at
    the contract's maximum lengths."""
    points = [p for v in (*sample_validation().validated, *synthetic_validated) for p in v.points]
    longest = [
        max(points, key=lambda p, f=f: (len(getattr(p, f)), p.code)) for f in ("agent", "name", "address")
    ]
    text = "Trung tâm Dịch vụ Bưu chính Viễn thông Nghiệp vụ Thương mại Hợp tác xã Quyền Nguyễn " * 40
    agent, address = text[:200].strip(), text[:300].strip()
    extreme = longest[0]._replace(code="MAX-1", agent=agent, name=agent, address=address)
    return [*longest, extreme]


FIT_CHECK = """() => [...document.querySelectorAll('.sign')].flatMap(sign => {
  const outer = sign.getBoundingClientRect();
  return [...sign.querySelectorAll('.fit')].map(box => {
    const r = box.getBoundingClientRect();
    return {sign: sign.id, box: box.className, size: parseFloat(box.style.fontSize),
            floor: parseFloat(box.dataset.floor || '0'), text: box.textContent.length,
            fits: box.scrollWidth <= box.clientWidth && box.scrollHeight <= box.clientHeight,
            inside: r.left >= outer.left && r.right <= outer.right && r.top >= outer.top
                    && r.bottom <= outer.bottom};
  });
})"""


@pytest.mark.browser
def test_longest_texts_fit_in_chromium(browser, synthetic, tmp_path):
    """The fitted sizes alone (script off) keep every box within its bounds, at or above the
    floor; the sign's own overflow check then changes nothing."""
    from generator.signage.plan import Sign

    _, _, validated = synthetic
    units = admin_units()
    signs = [
        Sign(p, units.provinces[p.province_code], True, (REASON_NEW,)) for p in _longest_points(validated)
    ]
    proof = tmp_path / "proof.html"
    proof.write_text(render_proof(signs[0].province, signs, MONTH), encoding="utf-8")
    for scripts in (False, True):
        context = browser.new_context(viewport={"width": 1200, "height": 900}, java_script_enabled=scripts)
        try:
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
            page.emulate_media(media="print")
            page.goto(proof.as_uri())
            boxes = page.evaluate(FIT_CHECK)
        finally:
            context.close()
        assert errors == []
        assert len(boxes) == 5 * len(signs)
        for box in boxes:
            assert box["fits"] and box["inside"], box
            assert box["text"] > 0
            assert box["size"] >= box["floor"], box


@pytest.mark.browser
def test_the_proof_shrinks_what_the_estimate_misjudged(page, tmp_path):
    """Text wider than any estimate (200 capital W): the proof's script shrinks the box below the
    floor rather than let the sign cut it off, and raises no error."""
    from generator.signage.plan import Sign

    province = admin_units().province_by_slug("lai-chau")
    point = _planted_directory().provinces[0].points[0]
    wide = point._replace(agent="W" * 200, name="W" * 200, address="Ẩ" * 300)
    proof = tmp_path / "proof.html"
    proof.write_text(render_proof(province, [Sign(wide, province, True, (REASON_NEW,))], MONTH), "utf-8")
    page.emulate_media(media="print")
    page.goto(proof.as_uri())
    boxes = page.evaluate(FIT_CHECK)
    assert page.errors == []
    assert boxes and all(b["fits"] and b["inside"] for b in boxes), boxes
