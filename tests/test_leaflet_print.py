"""The A4 tri-fold print documents and their PDFs."""

from __future__ import annotations

import json
import re
import stat
from datetime import date
from pathlib import Path

import pytest
from browser import chromium_path

from generator.build.pdf import normalise_pdf, print_pdfs
from generator.contract import PROJECT_ROOT
from generator.policy import load_local_supports, load_policy
from generator.render.leaflets import render_leaflets

DATA = PROJECT_ROOT / "directory_data"
PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]")
A4_LANDSCAPE = (842, 595)


def print_documents(tmp_path: Path, as_of: date = date(2026, 11, 22)) -> list[Path]:
    pages = render_leaflets(
        load_policy(DATA / "chinh-sach.yaml"),
        as_of,
        [("ha-noi", "Hà Nội")],
        load_local_supports(DATA / "provinces"),
        site_url="https://example.invalid/danh-ba/",
    )
    out = []
    for path, text in pages.items():
        if path.startswith("to-roi/in/"):
            target = tmp_path / "in" / Path(path).name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            out.append(target)
    return sorted(out)


def fake_chromium(tmp_path: Path, script: str) -> Path:
    path = tmp_path / "chromium"
    path.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_missing_chromium_skips_with_a_warning(tmp_path: Path) -> None:
    docs = print_documents(tmp_path)
    warnings = print_pdfs(docs, tmp_path / "pdf", chromium=tmp_path / "khong-co")
    assert len(warnings) == 1
    assert warnings[0].startswith("Không tìm thấy Chromium")
    for doc in docs:
        assert f"{doc.stem}.pdf" in warnings[0]
    assert not (tmp_path / "pdf").exists()


def test_failing_chromium_is_a_warning(tmp_path: Path) -> None:
    docs = print_documents(tmp_path)
    chromium = fake_chromium(tmp_path, "echo hỏng >&2; exit 3")
    warnings = print_pdfs(docs, tmp_path / "pdf", chromium=chromium)
    assert len(warnings) == len(docs)
    assert all("Chromium không in được" in w and "mã 3" in w for w in warnings)


def test_hanging_chromium_times_out(tmp_path: Path) -> None:
    docs = print_documents(tmp_path)[:1]
    chromium = fake_chromium(tmp_path, "exec sleep 30")
    warnings = print_pdfs(docs, tmp_path / "pdf", chromium=chromium, timeout=0.5)
    assert warnings == [f"Chromium quá 0.5 giây khi in {docs[0].name}: bỏ qua {docs[0].stem}.pdf."]


def test_no_documents_no_work(tmp_path: Path) -> None:
    assert print_pdfs([], tmp_path, chromium=tmp_path / "khong-co") == []


def test_pdf_dates_are_pinned_in_place() -> None:
    raw = b"<</CreationDate (D:20261122113758+00'00')\n/ModDate (D:20261122113758+00'00')>>"
    fixed = normalise_pdf(raw)
    assert len(fixed) == len(raw)
    assert b"2026" not in fixed and fixed.count(b"(D:20000101000000+00'00')") == 2


def pdf_pages(data: bytes) -> list[tuple[float, float]]:
    boxes = [tuple(float(x) for x in m.groups()) for m in MEDIA_BOX.finditer(data)]
    assert len(PAGE.findall(data)) == len(boxes)
    return [(x1 - x0, y1 - y0) for x0, y0, x1, y1 in boxes]


@pytest.mark.browser
def test_each_pdf_is_two_a4_landscape_pages_and_reproducible(tmp_path: Path) -> None:
    chromium = chromium_path()
    docs = print_documents(tmp_path)
    assert print_pdfs(docs, tmp_path / "pdf", chromium=chromium) == []
    assert print_pdfs(docs, tmp_path / "pdf2", chromium=chromium) == []
    for doc in docs:
        data = (tmp_path / "pdf" / f"{doc.stem}.pdf").read_bytes()
        assert data.startswith(b"%PDF-")
        sizes = pdf_pages(data)
        assert len(sizes) == 2, doc.name
        for width, height in sizes:
            assert abs(width - A4_LANDSCAPE[0]) <= 1 and abs(height - A4_LANDSCAPE[1]) <= 1
        assert data == (tmp_path / "pdf2" / f"{doc.stem}.pdf").read_bytes()


# Measures, inside Chromium, whether any panel's content spills out of its 99 × 210 mm box;
# each panel clips its overflow, so a spill would silently cut text off the paper.
PROBE = """<script>
window.addEventListener("load", function () {
  var res = Array.from(document.querySelectorAll(".panel")).map(function (p) {
    var box = p.getBoundingClientRect();
    var style = getComputedStyle(p);
    var inner = Array.from(p.querySelectorAll("*"));
    var right = Math.max.apply(null, inner.map(function (e) { return e.getBoundingClientRect().right; }));
    var bottom = Math.max.apply(null, inner.map(function (e) { return e.getBoundingClientRect().bottom; }));
    return { panel: p.getAttribute("data-panel"),
      right: right - (box.right - parseFloat(style.paddingRight)),
      bottom: bottom - (box.bottom - parseFloat(style.paddingBottom)),
      scroll: p.scrollHeight - p.clientHeight };
  });
  var out = document.createElement("pre");
  out.id = "do-tran";
  out.textContent = JSON.stringify(res);
  document.body.appendChild(out);
});
</script>"""


@pytest.fixture(scope="module")
def desktop(browser):
    """One desktop-sized page of the session's Chromium for all the documents measured here,
    rather than a browser started per document."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("as_of", [date(2026, 3, 1), date(2026, 11, 22), date(2027, 6, 1)])
def test_text_fits_every_panel(tmp_path: Path, desktop, as_of: date) -> None:
    for doc in print_documents(tmp_path, as_of):
        probe = tmp_path / f"do-{doc.name}"
        probe.write_text(doc.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"))
        desktop.goto(probe.as_uri(), wait_until="load")
        measured = desktop.wait_for_selector("#do-tran", state="attached").text_content()
        panels = json.loads(measured)
        assert [p["panel"] for p in panels] == [
            "nep-trong",
            "bia-sau",
            "bia-truoc",
            "trong-1",
            "trong-2",
            "trong-3",
        ]
        for p in panels:
            assert p["right"] <= 0.5 and p["bottom"] <= 0.5 and p["scroll"] <= 0, (doc.name, p)


def test_two_prints_whose_node_ids_came_in_another_order_normalise_to_the_same_bytes():
    """Chromium names a tagged PDF's structure elements after DOM node ids, whose order can change
    from one print to the next under load; the name tree lists them sorted by name."""
    from generator.build.pdf import normalise_pdf

    def pdf(header: int, cell: int) -> bytes:
        # The header cell is object 58, the data cell object 56, in every print.
        names = sorted([(header, 58), (cell, 56)])
        return (
            b"<</S /TH /ID (node%08d)>>\n<</S /TD /ID (node%08d)>>\n" % (header, cell)
            + b"<</Limits [(node%08d) (node%08d)]\n" % (names[0][0], names[1][0])
            + b"/Names [(node%08d) %d 0 R (node%08d) %d 0 R]>>" % (*names[0], *names[1])
        )

    one, other = normalise_pdf(pdf(7, 9), 0), normalise_pdf(pdf(9, 7), 0)
    assert one == other and len(one) == len(pdf(7, 9))
    assert b"/Names [(node00000001) 58 0 R (node00000002) 56 0 R]" in one
