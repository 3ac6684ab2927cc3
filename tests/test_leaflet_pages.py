"""The leaflet pages: content computed from the policy, notices, flags, and the calculator agreeing
with the tables (in node, and in headless Chromium on the rendered page)."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from browser import require

from generator.contract import PROJECT_ROOT
from generator.policy import PolicyError, load_local_support, load_local_supports, load_policy
from generator.policy.contributions import bhxh_params, bhxh_table, bhyt_household_monthly
from generator.policy.contributions import bhyt_params as make_bhyt_params
from generator.render.leaflets import format_number, render_leaflets

DATA = PROJECT_ROOT / "directory_data"
POLICY = DATA / "chinh-sach.yaml"
CALCULATOR = PROJECT_ROOT / "site_src" / "assets" / "leaflet-calculator.js"
CSS = PROJECT_ROOT / "site_src" / "assets" / "leaflets.css"
PROVINCES = [("ha-noi", "Hà Nội"), ("lai-chau", "Lai Châu")]
AS_OF = date(2026, 11, 22)
JSON_BLOCK = re.compile(r'<script type="application/json">(.*?)</script>', re.S)


def render(as_of: date = AS_OF, policy_path: Path = POLICY, **links: Any) -> dict[str, str]:
    locals_ = load_local_supports(DATA / "provinces")
    return render_leaflets(load_policy(policy_path), as_of, PROVINCES, locals_, **links)


def policy_copy(tmp_path: Path, edit: Any) -> Path:
    data = yaml.safe_load(POLICY.read_text(encoding="utf-8"))
    edit(data["tham_so"])
    path = tmp_path / "chinh-sach.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def line_with(text: str, needle: str) -> str:
    return next(line for line in text.splitlines() if needle in line)


def page_params(page: str) -> dict[str, Any]:
    return json.loads(JSON_BLOCK.search(page).group(1))


def test_outputs() -> None:
    assert sorted(render()) == [
        "to-roi/bhxh-tu-nguyen-ha-noi.md",
        "to-roi/bhxh-tu-nguyen.md",
        "to-roi/bhyt-ho-gia-dinh-ha-noi.md",
        "to-roi/bhyt-ho-gia-dinh.md",
        "to-roi/in/bhxh-tu-nguyen-ha-noi.html",
        "to-roi/in/bhxh-tu-nguyen.html",
        "to-roi/in/bhyt-ho-gia-dinh-ha-noi.html",
        "to-roi/in/bhyt-ho-gia-dinh.html",
        "to-roi/nha-in/bhxh-tu-nguyen-ha-noi.html",
        "to-roi/nha-in/bhxh-tu-nguyen.html",
        "to-roi/nha-in/bhyt-ho-gia-dinh-ha-noi.html",
        "to-roi/nha-in/bhyt-ho-gia-dinh.html",
        "to-roi/nha-in/thong-so-in.html",
    ]


def test_bhyt_amounts_from_july_2026() -> None:
    pages = render()
    for path in ("to-roi/bhyt-ho-gia-dinh.md", "to-roi/in/bhyt-ho-gia-dinh.html"):
        first = line_with(pages[path], "Người thứ 1 |" if path.endswith(".md") else "<td>Thứ 1</td>")
        assert "113.850" in first and "1.366.200" in first
    assert "| Người thứ 1 | 100% | 113.850 đ |" in pages["to-roi/bhyt-ho-gia-dinh.md"]


def test_bhyt_amounts_until_june_2026() -> None:
    page = render(date(2026, 5, 1))["to-roi/bhyt-ho-gia-dinh.md"]
    assert "1.263.600 đ |" in line_with(page, "| Người thứ 1 |")
    notice = line_with(page, "Từ 01/07/2026")
    assert "113.850 đ/tháng (1.366.200 đ/12 tháng)" in notice


def test_bhxh_amounts_at_poverty_line() -> None:
    page = render()["to-roi/bhxh-tu-nguyen.md"]
    row = line_with(page, "| 1.500.000 đ | 330.000 đ |")
    assert row == "| 1.500.000 đ | 330.000 đ | 165.000 đ | 198.000 đ | 231.000 đ | 264.000 đ |"
    assert "| 50.600.000 đ | 11.132.000 đ |" in page
    assert "| 1.500.000 đ | 3.960.000 đ | 1.980.000 đ |" in page  # 12 months


def test_upcoming_poverty_line_is_announced() -> None:
    pages = render()
    for path in ("to-roi/bhxh-tu-nguyen.md", "to-roi/in/bhxh-tu-nguyen.html"):
        notice = line_with(pages[path], "Từ 01/01/2027")
        assert "2.200.000 đ" in notice and "484.000 đ/tháng" in notice
    assert "Sắp thay đổi" not in pages["to-roi/bhyt-ho-gia-dinh.md"]


def test_the_web_page_and_the_print_word_the_benefits_alike() -> None:
    """The benefits are written once (leaflets/_benefits.j2): each item of the print's "Quyền lợi"
    is an item of the web page, word for word, figures and flags included."""
    pages = render()
    for stem in ("bhxh-tu-nguyen", "bhyt-ho-gia-dinh", "bhxh-tu-nguyen-ha-noi"):
        printed = pages[f"to-roi/in/{stem}.html"]
        section = printed[
            printed.index("<h2>Quyền lợi</h2>") : printed.index("</ul>", printed.index("<h2>Quyền lợi</h2>"))
        ]
        items = re.findall(r"<li>(.*?)</li>", section)
        assert len(items) >= 2, stem
        web = pages[f"to-roi/{stem}.md"].splitlines()
        for item in items:
            assert f"- {item}" in web, (stem, item)


def test_unconfirmed_facts_say_so() -> None:
    page = render()["to-roi/bhxh-tu-nguyen.md"]
    assert "(cần xác nhận)" in line_with(page, "không quá 60 tháng")
    assert "(cần xác nhận)" in line_with(page, "TK1-TS")
    assert "(cần xác nhận)" not in line_with(page, "<strong>Thai sản:</strong>")


def test_flagging_a_value_marks_it_on_every_page(tmp_path: Path) -> None:
    def flag(params: dict) -> None:
        params["bhxh_tn_tro_cap_thai_san"]["gia_tri"][0]["can_xac_nhan"] = True
        params["luong_co_so"]["gia_tri"][1]["can_xac_nhan"] = True

    pages = render(policy_path=policy_copy(tmp_path, flag))
    assert "(cần xác nhận)" in line_with(pages["to-roi/bhxh-tu-nguyen.md"], "<strong>Thai sản:</strong>")
    assert "(cần xác nhận)" in line_with(pages["to-roi/in/bhxh-tu-nguyen.html"], "Thai sản:")
    bhyt = pages["to-roi/bhyt-ho-gia-dinh.md"]
    assert "dùng giá trị cần xác nhận: Lương cơ sở" in bhyt
    assert "(cần xác nhận)" in line_with(bhyt, "113.850 đ/tháng**")


def test_base_salary_edit_reaches_every_page(tmp_path: Path) -> None:
    def raise_salary(params: dict) -> None:
        params["luong_co_so"]["gia_tri"][1]["muc"] = 2_600_000

    before, after = render(), render(policy_path=policy_copy(tmp_path, raise_salary))
    for old, new in [("113.850", "117.000"), ("1.366.200", "1.404.000"), ("546.480", "561.600")]:
        assert old in before["to-roi/bhyt-ho-gia-dinh.md"]
        for path in ("to-roi/bhyt-ho-gia-dinh.md", "to-roi/in/bhyt-ho-gia-dinh.html"):
            assert old not in after[path] and new in after[path]
    for path in ("to-roi/bhxh-tu-nguyen.md", "to-roi/in/bhxh-tu-nguyen.html"):
        assert "50.600.000" not in after[path] and "52.000.000" in after[path]
        assert "25.300.000" not in after[path] and "26.000.000" in after[path]  # funeral grant
    assert page_params(after["to-roi/bhyt-ho-gia-dinh.md"])["baseSalary"] == 2_600_000


def test_same_inputs_same_bytes() -> None:
    assert render() == render()
    # nothing on the pages depends on the day itself, only on the values in force
    assert render(date(2026, 8, 1)) == render(AS_OF)


def test_province_variant() -> None:
    page = render()["to-roi/bhxh-tu-nguyen-ha-noi.md"]
    assert page.startswith("# Những điều cần biết về BHXH tự nguyện tại Hà Nội\n")
    assert "Ví dụ minh họa" in page
    assert "[danh sách điểm thu](../tinh/ha-noi.md)" in page
    assert "| 1.500.000 đ | 330.000 đ | 66.000 đ | 115.500 đ | 201.000 đ | 231.000 đ |" in page
    assert "Ví dụ minh họa" in render()["to-roi/in/bhxh-tu-nguyen-ha-noi.html"]
    assert "Ví dụ minh họa" not in render()["to-roi/bhxh-tu-nguyen.md"]


def test_local_changes_are_announced(tmp_path: Path) -> None:
    rules = [
        {"nhom": "khac", "phan_tram": 10, "tu": "2026-09-01", "den": "2027-03-31", "nguon": "Thử"},
        {"nhom": "ngheo", "so_tien": 50_000, "tu": "2027-01-01", "nguon": "Thử"},
    ]
    path = tmp_path / "ho-tro-dia-phuong.yaml"
    path.write_text(yaml.safe_dump({"ho_tro": rules}, allow_unicode=True), encoding="utf-8")
    local = load_local_support(path, "ha-noi")
    page = render_leaflets(load_policy(POLICY), AS_OF, PROVINCES, {"ha-noi": local})[
        "to-roi/bhxh-tu-nguyen-ha-noi.md"
    ]
    # The page's figures hold from the latest start; the local rule keeps its own end, from its source.
    assert "Các mức trong trang này áp dụng từ 01/09/2026, tính theo" in page
    assert "Áp dụng từ 01/09/2026 đến 31/03/2027; căn cứ: Thử." in page
    assert "Ví dụ minh họa" not in page
    notice = line_with(page, "Từ 01/01/2027")
    assert "hỗ trợ thêm cho người thuộc hộ nghèo; người sống ở xã đảo, đặc khu: 50.000 đ/tháng" in notice
    # 22% × 2.200.000 = 484.000; state 50% = 242.000; province 50.000 more
    assert "hộ nghèo, xã đảo 192.000 đ" in notice
    assert "Hết hỗ trợ thêm của địa phương cho người tham gia khác" in line_with(page, "Từ 01/04/2027")


def test_local_support_for_unknown_province() -> None:
    policy, locals_ = load_policy(POLICY), load_local_supports(DATA / "provinces")
    with pytest.raises(PolicyError, match="ha-noi"):
        render_leaflets(policy, AS_OF, [("lai-chau", "Lai Châu")], locals_)


def test_links_are_parameters() -> None:
    pages = render(home_link="../../index.md", finder_link="../tim/gan-toi.md", pdf_link="in/{stem}.pdf")
    page = pages["to-roi/bhyt-ho-gia-dinh.md"]
    assert "(../tim/gan-toi.md)" in page and "(../../index.md)" in page
    assert "[tải PDF](in/bhyt-ho-gia-dinh.pdf)" in page
    assert "[bản để in](in/bhyt-ho-gia-dinh.html)" in page
    assert "(../gan-toi.md)" in render()["to-roi/bhxh-tu-nguyen.md"]


def test_markdown_keeps_tables_and_calculator() -> None:
    for path, page in render().items():
        if not path.endswith(".md"):
            continue
        body = markdown.markdown(page, extensions=["toc", "tables", "fenced_code"])
        assert body.count("<table>") >= 2
        assert 'role="status" aria-live="polite"' in body
        assert json.loads(html.unescape(JSON_BLOCK.search(body).group(1))) == page_params(page)
        for target in re.findall(r'<label for="([^"]+)"', body):
            assert f'id="{target}"' in body


def test_print_documents_are_self_contained() -> None:
    pages = render()
    for path, doc in pages.items():
        if path.endswith(".html"):
            assert not re.search(r"<script|<link|https?://|src=|url\((?!data:)", doc), path
    for path, doc in pages.items():
        if path.startswith(("to-roi/in/", "to-roi/nha-in/bh")):
            # A4 for the site's PDF; 3 mm bleed on every side for the print shop's.
            size = "297mm 210mm" if path.startswith("to-roi/in/") else "303mm 216mm"
            assert f"@page {{ size: {size}; margin: 0; }}" in doc
            assert doc.count('<section class="sheet ') == 2
            assert doc.count('class="panel') == 6


# --- the calculator against the tables ---------------------------------------------------------


def bhxh_cases(page: str, as_of: date = AS_OF, variant: str | None = None) -> list[dict]:
    """Every cell of every BHXH table, with the inputs a person would type for it."""
    policy = load_policy(POLICY)
    values = policy.values_in_force(as_of)
    local = load_local_supports(DATA / "provinces")[variant].in_force(as_of) if variant else None
    params = bhxh_params(values, local)
    cases = []
    for i, row in enumerate(bhxh_table(params)):
        for s in params.supports:
            m = row.by_group[s.group]
            for months in params.periods:
                typed = format_number(row.income) if i % 2 else str(row.income)
                cases.append(
                    {
                        "set": {"thu_nhap": typed, "nhom": s.group, "ky_dong": str(months)},
                        "args": [row.income, s.group, months],
                        "want": {"gross": m.gross, "net": m.net, "total": m.net * months},
                    }
                )
    assert page_params(page)["minIncome"] == params.min_income
    return cases


def bhyt_cases(as_of: date = AS_OF) -> list[dict]:
    params = make_bhyt_params(load_policy(POLICY).values_in_force(as_of))
    return [
        {
            "set": {"so_nguoi": str(n), "ky_dong": str(months)},
            "args": [n, months],
            "want": {
                "monthly": bhyt_household_monthly(params, n),
                "total": bhyt_household_monthly(params, n) * months,
            },
        }
        for n in range(1, 8)
        for months in params.periods
    ]


NODE_DRIVER = """
const calc = require(process.argv[2]);
const input = JSON.parse(require("fs").readFileSync(process.argv[3], "utf8"));
const out = input.cases.map((c) => {
  const r = input.kind === "bhyt" ? calc.bhyt(input.params, ...c.args) : calc.bhxh(input.params, ...c.args);
  return Object.fromEntries(Object.keys(c.want).map((k) => [k, r[k]]));
});
const fmt = input.numbers.map(calc.formatVnd);
console.log(JSON.stringify({ out, fmt }));
"""


@pytest.mark.browser  # node, like chromium, is required in CI and may be absent locally
@pytest.mark.parametrize("stem", ["bhxh-tu-nguyen", "bhxh-tu-nguyen-ha-noi", "bhyt-ho-gia-dinh"])
def test_calculator_function_agrees_with_tables_in_node(tmp_path: Path, stem: str) -> None:
    node = shutil.which("node")
    if node is None:
        require("không có node")
    page = render()[f"to-roi/{stem}.md"]
    if stem.startswith("bhyt"):
        cases = bhyt_cases()
    else:
        cases = bhxh_cases(page, variant="ha-noi" if stem.endswith("ha-noi") else None)
    numbers = [0, 999, 1000, 113_850, 1_366_200, 133_584_000]
    params = page_params(page)
    data = {"kind": params["kind"], "params": params, "cases": cases, "numbers": numbers}
    (tmp_path / "input.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "driver.js").write_text(NODE_DRIVER, encoding="utf-8")
    done = subprocess.run(
        [node, str(tmp_path / "driver.js"), str(CALCULATOR), str(tmp_path / "input.json")],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result = json.loads(done.stdout)
    assert result["out"] == [c["want"] for c in cases]
    assert result["fmt"] == ["0 đ", "999 đ", "1.000 đ", "113.850 đ", "1.366.200 đ", "133.584.000 đ"]


BROWSER_DRIVER = """<script>
window.addEventListener("load", function () {
  var box = document.querySelector("[data-to-roi-may-tinh]");
  var form = box.querySelector("form");
  var results = CASES.map(function (c) {
    var last = null;
    Object.keys(c.set).forEach(function (name) {
      last = form.elements[name];
      last.value = c.set[name];
    });
    last.dispatchEvent(new Event("input", { bubbles: true }));
    var got = {};
    box.querySelectorAll("[data-gia-tri]").forEach(function (e) {
      got[e.getAttribute("data-gia-tri")] = e.textContent;
    });
    return got;
  });
  var right = Math.max.apply(null, Array.from(box.querySelectorAll("*")).concat([box]).map(function (e) {
    return e.getBoundingClientRect().right;
  }));
  var out = document.createElement("pre");
  out.id = "kiem-thu";
  out.textContent = JSON.stringify(
    { results: results, hidden: box.hidden, right: right, width: window.innerWidth });
  document.body.appendChild(out);
});
</script>"""


# On the site a wide table scrolls inside the theme's wrapper; without it the phone's page would
# zoom out to the table's width and the calculator would be measured on a wider screen.
TABLES_SCROLL = "<style>table { display: block; overflow-x: auto; }</style>"


def digits(text: str) -> int:
    return int(re.sub(r"\D", "", text))


@pytest.mark.browser
@pytest.mark.parametrize("stem", ["bhxh-tu-nguyen", "bhxh-tu-nguyen-ha-noi", "bhyt-ho-gia-dinh"])
def test_calculator_on_the_page_agrees_with_tables(tmp_path: Path, page, stem: str) -> None:
    source = render()[f"to-roi/{stem}.md"]
    if stem.startswith("bhyt"):
        cases = bhyt_cases()
        fields = {"monthly": "ca-ho-thang", "total": "moi-lan"}
    else:
        cases = bhxh_cases(source, variant="ha-noi" if stem.endswith("ha-noi") else None)
        fields = {"gross": "muc-dong", "net": "thuc-dong", "total": "moi-lan"}
    cases.append({"set": {"thu_nhap": "1.000", "ky_dong": "3"} if "bhxh" in stem else {"so_nguoi": "0"}})
    body = markdown.markdown(source, extensions=["toc", "tables", "fenced_code"])
    test_page = tmp_path / "trang.html"
    test_page.write_text(
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="stylesheet" href="{CSS.as_uri()}">{TABLES_SCROLL}</head><body>{body}'
        f'<script src="{CALCULATOR.as_uri()}"></script>'
        + BROWSER_DRIVER.replace("CASES", json.dumps([{"set": c["set"]} for c in cases]))
        + "</body></html>",
        encoding="utf-8",
    )
    # The phone-sized page of tests/browser.py: headless Chromium's --window-size gives at least
    # 500 px, too wide to show whether the calculator fits a 360 px phone.
    page.goto(test_page.as_uri())
    report = json.loads(page.wait_for_selector("#kiem-thu", state="attached").text_content())
    assert report["width"] == 360 and report["hidden"] is False
    assert report["right"] <= report["width"]  # fits a 360 px phone
    *results, invalid = report["results"]
    for case, got in zip(cases[:-1], results, strict=True):
        for key, field in fields.items():
            if key == "total" and case["set"]["ky_dong"] == "1":
                assert digits(got["thuc-dong"]) == case["want"]["total"]
            else:
                assert digits(got[field]) == case["want"][key], (case, got)
    assert "loi" in invalid


def test_only_the_leaflet_pages_load_their_styles_fonts_and_calculator(sample_site: Path) -> None:
    """The leaflet pages bring their stylesheet and calculator, and preload exactly the font files
    their stylesheet declares (with font-display: optional, so the text is laid out once); no other
    page loads any of them (issue 17: Lighthouse mobile performance of the leaflet page)."""
    faces = sorted(Path(url).name for url in re.findall(r"url\((vendor/noto-sans/[^)]+)\)", CSS.read_text()))
    assert faces and CSS.read_text().count("font-display: optional") == len(faces)
    assert "font-display: swap" not in CSS.read_text()
    leaflets = sorted(sample_site.glob("to-roi/bh*/index.html"))
    assert len(leaflets) >= 3
    for page in leaflets:
        text = page.read_text(encoding="utf-8")
        assert '<link rel="stylesheet" href="../../assets/leaflets.css">' in text, page
        assert '<script src="../../assets/leaflet-calculator.js" defer></script>' in text, page
        preloads = re.findall(r'<link rel="preload" href="../../assets/(vendor/[^"]+)" as="font"', text)
        assert sorted(Path(p).name for p in preloads) == faces, page
        assert all((sample_site / "assets" / p).is_file() for p in preloads)
    for other in ("index.html", "ban-do/index.html", "tinh/lai-chau/index.html", "thay-doi/index.html"):
        text = (sample_site / other).read_text(encoding="utf-8")
        assert not any(a in text for a in ("leaflets.css", "leaflet-calculator.js", "noto-sans")), other
