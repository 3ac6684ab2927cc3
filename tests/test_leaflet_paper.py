"""What a leaflet on paper must carry and how a print shop gets it (issue "Leaflets and signs that a
print shop accepts and a lawyer signs off"): validity statements taken only from the policy's own
periods, local support with who qualifies, the site address and a QR code that decodes to the
province's page or the finder, one embedded typeface, the print shop's geometry and specification,
and the guard that keeps example data out of a real build."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import markdown
import pytest
import yaml
from browser import chromium_path

from generator.build import BuildError
from generator.build.pdf import print_pdfs
from generator.contract import PROJECT_ROOT
from generator.pipeline import leaflet_inputs, quantities_by_province, site_url
from generator.policy import example_support_errors, load_local_support, load_local_supports, load_policy
from generator.render.leaflet_print import BLEED, HOME, print_shop, qr_target
from generator.render.leaflets import render_leaflets
from generator.signage.fit import NBSP, fitted, glue_names
from generator.signage.proof import NAME, render_proof

DATA = PROJECT_ROOT / "directory_data"
POLICY = DATA / "chinh-sach.yaml"
HA_NOI = DATA / "provinces" / "ha-noi" / "ho-tro-dia-phuong.yaml"
SITE = "https://example.invalid/danh-ba/"
PROVINCES = [("ha-noi", "Hà Nội"), ("lai-chau", "Lai Châu")]
JSON_BLOCK = re.compile(r'<script type="application/json">(.*?)</script>', re.S)


def render(as_of: date, supports: dict | None = None, **options) -> dict[str, str]:
    supports = load_local_supports(DATA / "provinces") if supports is None else supports
    return render_leaflets(load_policy(POLICY), as_of, PROVINCES, supports, site_url=SITE, **options)


def texts(pages: dict[str, str], stem: str) -> list[str]:
    """The site page and both print documents of a leaflet, tags removed."""
    keys = [f"to-roi/{stem}.md", f"to-roi/in/{stem}.html", f"to-roi/nha-in/{stem}.html"]
    return [re.sub(r"<[^>]+>", "", pages[k]) for k in keys]


# --- validity: only the periods the policy file gives ------------------------------------------


def test_on_30_06_2026_the_base_salary_is_dated_from_its_own_decree() -> None:
    for text in texts(render(date(2026, 6, 30)), "bhyt-ho-gia-dinh"):
        assert "Lương cơ sở 2.340.000 đ: từ 01/07/2024 đến 30/06/2026, theo Nghị định 73/2024/NĐ-CP" in text
        assert "Lương cơ sở 2.340.000 đ: từ 01/07/2025" not in text


@pytest.mark.parametrize("as_of", [date(2026, 7, 1), date(2026, 9, 15), date(2026, 12, 31)])
def test_from_july_2026_the_bhyt_rates_have_no_end_date(as_of: date) -> None:
    pages = render(as_of)
    for text in texts(pages, "bhyt-ho-gia-dinh"):
        assert "31/12/2026" not in text  # the poverty line's end is not the BHYT leaflet's
        assert "Lương cơ sở 2.530.000 đ: từ 01/07/2026 (chưa có ngày kết thúc)" in text
        assert "áp dụng từ 01/07/2026" in text
    for text in texts(pages, "bhxh-tu-nguyen"):
        assert "Chuẩn nghèo khu vực nông thôn 1.500.000 đ: từ 01/01/2022 đến 31/12/2026" in text


@pytest.mark.parametrize("as_of", [date(2027, 1, 1), date(2027, 6, 1), date(2027, 12, 31)])
def test_in_2027_only_the_poverty_line_ends_in_2030(as_of: date) -> None:
    pages = render(as_of)
    for text in texts(pages, "bhyt-ho-gia-dinh"):
        assert "2030" not in text and "01/01/2027" not in text
        assert "áp dụng từ 01/07/2026" in text
    for text in texts(pages, "bhxh-tu-nguyen"):
        assert text.count("31/12/2030") == text.count("2.200.000 đ: từ 01/01/2027 đến 31/12/2030") >= 1
        assert "Mức tham chiếu 2.530.000 đ: từ 01/07/2026 (chưa có ngày kết thúc)" in text
        assert "áp dụng từ 01/01/2027" in text


# --- wording a reader could misread --------------------------------------------------------------


def test_state_support_is_a_share_of_the_poverty_line_contribution() -> None:
    cover = render(date(2026, 11, 22))["to-roi/in/bhxh-tu-nguyen.html"]
    assert "Nhà nước hỗ trợ 20% đến 50% của mức đóng theo chuẩn nghèo nông thôn (22% × 1.500.000 đ" in cover
    assert "50% mức đóng<" not in cover and "50% mức đóng." not in cover


def test_pension_rate_names_its_15_and_20_year_base() -> None:
    for text in texts(render(date(2026, 11, 22)), "bhxh-tu-nguyen"):
        assert re.search(r"45% bình quân thu nhập đã đóng ứng với 15 năm đóng.{0,20}20 năm", text)


def test_bhyt_card_wording_says_who_waits_30_days() -> None:
    for text in texts(render(date(2026, 11, 22)), "bhyt-ho-gia-dinh"):
        assert "tham gia lại sau khi đã ngừng đóng từ 90 ngày trở lên" in text
        assert "hoặc lại sau" not in text


def test_documents_each_have_a_source_or_are_flagged() -> None:
    policy = load_policy(POLICY)
    pages = render(date(2026, 11, 22))
    for leaflet, stem in (("bhxh", "bhxh-tu-nguyen"), ("bhyt", "bhyt-ho-gia-dinh")):
        documents = policy.documents[leaflet]
        assert documents and all(d.source or d.unconfirmed for d in documents)
        page = pages[f"to-roi/{stem}.md"]
        for d in documents:
            item = next(line for line in page.splitlines() if line.startswith(f"<li>{d.name}"))
            assert (d.source or "") in item and (("(cần xác nhận)" in item) == d.unconfirmed)


def test_hotline_comes_from_the_policy_with_its_source_and_flag() -> None:
    value = load_policy(POLICY).values_in_force(date(2026, 11, 22)).values["duong_day_nong"]
    assert value.unconfirmed  # in none of the project's sources
    for text in texts(render(date(2026, 11, 22)), "bhyt-ho-gia-dinh"):
        assert re.search(rf"{value.value}\**\s*\(cần xác nhận\)", text) and value.source in text


# --- local support with who qualifies ------------------------------------------------------------


def test_local_support_conditions_period_and_source_wherever_the_amount_is() -> None:
    pages = render(date(2026, 11, 22))
    local = load_local_support(HA_NOI)
    poor = next(r for r in local.rules if r.group == "ngheo")
    assert poor.note
    shown = f"Điều kiện: {poor.note}. Áp dụng từ 01/01/2026 (chưa có ngày kết thúc); căn cứ: {poor.source}."
    for text in texts(pages, "bhxh-tu-nguyen-ha-noi"):
        assert "30%, tức 99.000 đ/tháng" in text and shown in text
    calculator = json.loads(JSON_BLOCK.search(pages["to-roi/bhxh-tu-nguyen-ha-noi.md"]).group(1))
    group = next(g for g in calculator["groups"] if g["key"] == "ngheo")
    assert group["localBp"] == 3000 and shown in group["localNote"]
    # A group without its own condition says so rather than reading as "everyone".
    assert "Không nêu điều kiện riêng" in pages["to-roi/bhxh-tu-nguyen-ha-noi.md"]


def test_bhyt_leaflet_has_local_support_with_conditions() -> None:
    pages = render(date(2026, 11, 22))
    rule = load_local_support(HA_NOI).bhyt_rules[0]
    for text in texts(pages, "bhyt-ho-gia-dinh-ha-noi"):
        assert rule.who in text and f"Điều kiện: {rule.note}." in text
        assert "20% mức đóng của người đó (người thứ nhất: 22.770 đ/tháng)" in text  # 20% × 113.850
    calculator = json.loads(JSON_BLOCK.search(pages["to-roi/bhyt-ho-gia-dinh-ha-noi.md"]).group(1))
    assert any(rule.who in note and rule.note in note for note in calculator["localNotes"])
    assert "Ví dụ minh họa" in pages["to-roi/in/bhyt-ho-gia-dinh-ha-noi.html"]
    assert rule.who not in pages["to-roi/bhyt-ho-gia-dinh.md"]  # the national leaflet stays national


def test_province_text_is_never_markdown(tmp_path: Path) -> None:
    path = tmp_path / "ha-noi" / "ho-tro-dia-phuong.yaml"
    path.parent.mkdir()
    rule = {"tu": "2026-01-01", "nguon": "[Nghị quyết](https://evil.invalid/)"}
    data = {
        "ten_chinh_sach": "**Hỗ trợ** <script>alert(1)</script>",
        "ho_tro": [{"nhom": "khac", "so_tien": 10000, "ghi_chu": "_chỉ_ `người` *nghèo*", **rule}],
        "ho_tro_bhyt": [{"doi_tuong": "# Tiêu đề", "phan_tram": 10, **rule}],
    }
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    pages = render(date(2026, 11, 22), {"ha-noi": load_local_support(path)})
    for stem in ("bhxh-tu-nguyen-ha-noi", "bhyt-ho-gia-dinh-ha-noi"):
        page = markdown.markdown(pages[f"to-roi/{stem}.md"], extensions=["attr_list", "md_in_html", "tables"])
        assert "<script>alert" not in page and 'href="https://evil' not in page
        assert "<em>chỉ</em>" not in page and "<h1>Tiêu đề" not in page
        assert "[Nghị quyết](https://evil.invalid/)" in page
    assert "_chỉ_ `người` *nghèo*" in markdown.markdown(
        pages["to-roi/bhxh-tu-nguyen-ha-noi.md"], extensions=["md_in_html", "tables"]
    )


# --- example data ----------------------------------------------------------------------------------


def data_root(tmp_path: Path, sample: bool) -> Path:
    root = tmp_path / "directory_data"
    (root / "provinces" / "ha-noi").mkdir(parents=True)
    shutil.copy(HA_NOI, root / "provinces" / "ha-noi" / HA_NOI.name)
    (root / "dataset.yaml").write_text(f"sample: {str(sample).lower()}\n", encoding="utf-8")
    return root


def test_example_support_never_reaches_a_real_build_and_the_file_is_named(tmp_path: Path) -> None:
    """One province's file never stops the national build: its example support is left out (the
    national leaflet is shown) and the build names the file as an ERROR."""
    root = data_root(tmp_path, sample=False)
    held: list[str] = []
    inputs = leaflet_inputs(root, date(2026, 11, 22), sample=False, crop_marks=False, held=held)
    assert "ha-noi" not in inputs.local_supports
    [line] = held
    assert line.startswith("LỖI:")
    assert re.search(r"provinces/ha-noi/ho-tro-dia-phuong\.yaml.*vi_du: true", line)


def test_example_support_is_fine_in_a_sample_build(tmp_path: Path) -> None:
    root = data_root(tmp_path, sample=True)
    inputs = leaflet_inputs(root, date(2026, 11, 22), sample=True, crop_marks=False, held=[])
    assert inputs.local_supports["ha-noi"].example
    real = yaml.safe_load(HA_NOI.read_text(encoding="utf-8")) | {"vi_du": False}
    path = tmp_path / "that" / "ho-tro-dia-phuong.yaml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(real, allow_unicode=True), encoding="utf-8")
    assert example_support_errors({"ha-noi": load_local_support(path, "ha-noi")}) == {}


def test_the_build_runs_the_guard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`run` reads `sample` from dataset.yaml and passes it to the guard."""
    from generator import pipeline

    seen = []
    monkeypatch.setattr(
        pipeline, "leaflet_inputs", lambda *args: seen.append(args) or (_ for _ in ()).throw(BuildError("x"))
    )
    with pytest.raises(BuildError):
        pipeline.run(DATA, None, tmp_path / "site", date(2026, 11, 22))
    assert seen and seen[0][2] is True  # the bundled data is a sample


# --- geometry, specification, address -------------------------------------------------------------


def test_fold_in_panel_is_narrower_and_the_shop_file_has_bleed() -> None:
    assert sum(HOME.outside) == sum(HOME.inside) == 297
    assert 2 <= HOME.outside[1] - HOME.outside[0] <= 3
    assert HOME.inside[::-1] == HOME.outside  # the narrow panel is behind the flap
    shop, marked = print_shop(False), print_shop(True)
    assert (shop.page_w, shop.page_h) == (297 + 2 * BLEED, 210 + 2 * BLEED) and BLEED == 3
    assert marked.page_w > shop.page_w and marked.marks > 0 and shop.marks == 0
    pages = render(date(2026, 11, 22), crop_marks=True)
    assert 'class="dau"' in pages["to-roi/nha-in/bhxh-tu-nguyen.html"]
    assert 'class="dau"' not in pages["to-roi/in/bhxh-tu-nguyen.html"]
    assert "grid-template-columns: 97mm 100mm 100mm" in pages["to-roi/in/bhxh-tu-nguyen.html"]


def test_print_specification_has_both_leaflet_columns_and_the_totals() -> None:
    spec = render(date(2026, 11, 22), quantities=quantities_by_province())["to-roi/nha-in/thong-so-in.html"]
    for heading in (
        "Số tờ rơi BHXH tự nguyện đề xuất in",
        "Số tờ rơi BHYT hộ gia đình đề xuất in",
        "Số biển hiệu",
    ):
        assert heading in spec
    assert "23.300.000" in spec and "12.642.000" in spec and "30.119" in spec  # Phụ lục 3's totals
    assert "hai mặt lật theo cạnh dài" in spec and "tràn lề 3 mm" in spec
    assert len(quantities_by_province()) == 34


def test_site_address_comes_from_mkdocs_and_qr_targets_the_page() -> None:
    url = site_url()
    assert url and url.startswith("https://")
    assert qr_target(SITE, "ha-noi") == SITE + "tinh/ha-noi/"
    assert qr_target(SITE, None) == SITE + "gan-toi/"


# --- sign lines and proper names -------------------------------------------------------------------


def test_a_two_syllable_place_name_stays_on_one_line() -> None:
    assert glue_names("Bưu điện văn hóa xã Nậm Tăm") == f"Bưu điện văn hóa xã Nậm{NBSP}Tăm"
    assert glue_names("Điểm Bưu Điện Văn Hóa Xã Nậm Tăm").endswith(f"Xã Nậm{NBSP}Tăm")
    assert glue_names("BƯU ĐIỆN NẬM TĂM") == "BƯU ĐIỆN NẬM TĂM"  # capitals say nothing
    text, _ = fitted("Đại lý thu xã Nậm Tăm", NAME)
    assert f"Nậm{NBSP}Tăm" in text


def test_a_name_wider_than_the_line_may_break() -> None:
    from generator.signage.fit import Box

    narrow = Box(3, 20, ceiling_cm=2.0, floor_cm=2.0, line_height=1.2)
    assert fitted("Điểm thu Nậm Tăm", narrow)[0] == "Điểm thu Nậm Tăm"


# --- on paper (Chromium) ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Printed once for the tests that read the PDFs (Chromium takes a core for most of a minute)."""
    return print_all(tmp_path_factory.mktemp("printed"))


def print_all(tmp_path: Path) -> dict[str, Path]:
    """Every print document, printed: the site's, the shop's, the specification, a sign proof."""
    pages = render(date(2026, 11, 22), quantities=quantities_by_province(), crop_marks=True)
    html_files = []
    for path, text in pages.items():
        if path.endswith(".html"):
            target = tmp_path / path.replace("/", "__")
            target.write_text(text, encoding="utf-8")
            html_files.append(target)
    from sample_data import sample_validation

    from generator.merge import merge
    from generator.signage.plan import plan_signs

    # Signs of the sample's month (tests/sample_data.py), validated once per process.
    plan = plan_signs(merge(sample_validation().validated, "2026-11"))
    signs = next(iter(plan.by_province().values()))
    proof = tmp_path / "proof.html"
    proof.write_text(render_proof(signs[0].province, signs[:3], "2026-11"), encoding="utf-8")
    html_files.append(proof)
    assert print_pdfs(html_files, tmp_path / "pdf", chromium=chromium_path()) == []
    return {f.stem: tmp_path / "pdf" / f"{f.stem}.pdf" for f in html_files}


def font_families(pdf: Path) -> set[str]:
    """The families of the fonts embedded in a PDF (subset tag and style removed); a font with
    no embedded file counts as 'NOT-EMBEDDED:<name>'."""
    from pypdf import PdfReader

    families = set()
    for page in PdfReader(pdf).pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            font = ref.get_object()
            name = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            families.add(name.split("-")[0] if embedded else f"NOT-EMBEDDED:{name}")
    return families


@pytest.mark.browser
def test_every_pdf_embeds_one_family_and_leads_to_the_site(printed: dict[str, Path]) -> None:
    import pypdfium2
    import zxingcpp
    from pypdf import PdfReader

    pdfs = printed
    for stem, pdf in pdfs.items():
        assert font_families(pdf) == {"NotoSans"}, stem
    for stem, pdf in pdfs.items():
        if "__thong-so-in" in stem or stem == "proof":
            continue
        province = "ha-noi" if stem.endswith("-ha-noi") else None
        text = "".join("".join(p.extract_text() for p in PdfReader(pdf).pages).split())
        assert SITE in text and "19009068" in text, stem
        document = pypdfium2.PdfDocument(pdf)
        try:
            image = document[0].render(scale=3, grayscale=True).to_numpy()
        finally:
            document.close()
        decoded = [code.text for code in zxingcpp.read_barcodes(image)]
        assert decoded == [qr_target(SITE, province)], stem


@pytest.mark.browser
def test_shop_pdf_pages_include_bleed_and_marks(printed: dict[str, Path]) -> None:
    from pypdf import PdfReader

    pdfs = printed
    marked = print_shop(True)
    mm = 72 / 25.4
    for stem, pdf in pdfs.items():
        if stem.startswith("to-roi__nha-in__bh"):
            for page in PdfReader(pdf).pages:
                assert abs(float(page.mediabox.width) - marked.page_w * mm) < 1.5, stem
                assert abs(float(page.mediabox.height) - marked.page_h * mm) < 1.5, stem


def test_a_pull_request_bringing_example_support_into_real_data_is_an_error(tmp_path: Path) -> None:
    from generator.review.changed import ChangedFile
    from generator.review.check import _example_support

    root = data_root(tmp_path, sample=False)
    changed = [ChangedFile("A", "directory_data/provinces/ha-noi/ho-tro-dia-phuong.yaml")]
    problems = _example_support(changed, root)
    assert [p.code for p in problems] == ["pr-local-support-invalid"]
    assert "ho-tro-dia-phuong.yaml" in problems[0].message and "vi_du: true" in problems[0].message
    (root / "dataset.yaml").write_text("sample: true\n", encoding="utf-8")
    assert _example_support(changed, root) == []


@pytest.mark.browser
@pytest.mark.parametrize(
    ("stem", "inputs", "field"),
    [
        ("bhxh-tu-nguyen-ha-noi", {"thu_nhap": "1.500.000", "ky_dong": "1", "nhom": "ngheo"}, "dieu-kien"),
        ("bhyt-ho-gia-dinh-ha-noi", {"so_nguoi": "2", "ky_dong": "12"}, "dieu-kien-1"),
    ],
)
def test_the_calculator_shows_who_qualifies_for_local_support(
    tmp_path: Path, stem: str, inputs: dict, field: str
) -> None:
    import html

    from browser import dump_dom
    from test_leaflet_pages import BROWSER_DRIVER, CALCULATOR, CSS

    chromium_path()
    page = render(date(2026, 11, 22))[f"to-roi/{stem}.md"]
    body = markdown.markdown(page, extensions=["toc", "tables", "md_in_html"])
    test_page = tmp_path / "trang.html"
    test_page.write_text(
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        f'<link rel="stylesheet" href="{CSS.as_uri()}"></head><body>{body}'
        f'<script src="{CALCULATOR.as_uri()}"></script>'
        + BROWSER_DRIVER.replace("CASES", json.dumps([{"set": inputs}]))
        + "</body></html>",
        encoding="utf-8",
    )
    dom = dump_dom(test_page, tmp_path / "profile", width=360)
    report = json.loads(html.unescape(re.search(r'<pre id="kiem-thu">(.*?)</pre>', dom, re.S).group(1)))
    shown = report["results"][0][field]
    local = load_local_support(HA_NOI)
    note = (
        next(r for r in local.rules if r.group == "ngheo").note
        if "bhxh" in stem
        else local.bhyt_rules[0].note
    )
    assert f"Điều kiện: {note}." in shown and "căn cứ:" in shown
