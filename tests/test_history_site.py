"""The monthly history on the site: "Thay đổi" pages, their JSON, the Atom feeds and the
statistics page, on the bundled sample and on synthetic data whose changes are known; plus the
speed work that must not change behaviour (merge series, phone fast path, stashed HTML blocks)."""

from __future__ import annotations

import csv
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import phonenumbers
import pytest
from markupsafe import escape
from sample_data import sample_root, sample_validation

from generator.build import build_site
from generator.build.stash import restore_blocks, stash_blocks
from generator.enrich import enrich
from generator.merge import merge, merge_series
from generator.phones import parse_phone
from generator.pipeline import validate_dataset
from generator.render import history
from generator.render.feed import render_feeds
from generator.render.format import point_path
from generator.render.history import render_history_pages
from generator.render.monthly import month_changes
from generator.render.statistics import render_statistics
from generator.synth import MANIFEST_NAME, write_synthetic_dataset
from generator.units import admin_units

SAMPLE = sample_root()  # never the live lists: tests/sample_data.py
ATOM = "{http://www.w3.org/2005/Atom}"
SLUGS = [p.slug for p in admin_units().provinces.values()]


def _history(data: Path, month: str | None = None):
    validated = (sample_validation() if data == SAMPLE else validate_dataset(data)).validated
    month = month or max(v.loaded.month for v in validated if v.loaded.month)
    series = merge_series(validated, month)
    current = enrich(series[-1])
    return [*series[:-1], current], current


@pytest.fixture(scope="module")
def sample_pages() -> dict[str, str | bytes]:
    series, current = _history(SAMPLE)
    return render_history_pages(series, current) | render_statistics(current)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    write_synthetic_dataset(out, points=600, months=4, seed=11, first_month="2026-01", late_share=0.2)
    return out


def _section(page: str, slug: str) -> str:
    """The part of a month page about one province."""
    start = page.index(f"{{ #tinh-{slug} }}")
    following = page.find("{ #tinh-", start + 1)
    return page[start : following if following > 0 else len(page)]


# ---- the changes pages on the sample ----


def test_a_page_per_month_of_the_data_and_an_index_newest_first(sample_pages):
    for month in ("2026-09", "2026-10", "2026-11"):
        assert f"thay-doi/{month}.md" in sample_pages
        assert json.loads(sample_pages[f"thay-doi/{month}.json"])["month"] == month
    index = sample_pages["thay-doi/index.md"]
    assert index.index("(2026-11.md)") < index.index("(2026-10.md)") < index.index("(2026-09.md)")


def test_every_province_has_its_anchor_on_every_month_page(sample_pages):
    for month in ("2026-09", "2026-10", "2026-11"):
        page = sample_pages[f"thay-doi/{month}.md"]
        for slug in SLUGS:
            assert page.count(f"{{ #tinh-{slug} }}") == 1, (month, slug)


def test_province_lists_match_the_diff_with_links_to_cards_and_fields(sample_pages):
    series, _ = _history(SAMPLE)
    state = next(s for s in series[-1].provinces if s.province.slug == "ha-noi")
    diff = state.changes()
    section = _section(sample_pages["thay-doi/2026-11.md"], "ha-noi")
    live = {p.code for p in state.points}
    for point in diff.added:
        assert f'href="../../{point_path("ha-noi", point.commune_code, point.code)}"' in section
    for point in diff.removed:
        assert str(escape(point.name)) in section
        assert f'#diem-{point.code.lower()}"' not in section  # a removed point has no card
        assert point.code not in live
    for change in diff.changed:
        after = change.after
        assert f'href="../../{point_path("ha-noi", after.commune_code, after.code)}"' in section
    phone = next(c for c in diff.changed if c.fields == ("mobile_phone",))
    assert f"điện thoại di động {phone.before.mobile_phone} → {phone.after.mobile_phone}" in section


def test_provinces_without_a_new_list_say_so(sample_pages):
    page = sample_pages["thay-doi/2026-11.md"]
    series, _ = _history(SAMPLE)
    waiting = [s for s in series[-1].provinces if s.data_month != "2026-11"]
    assert waiting, "the sample has late provinces"
    for state in waiting:
        assert "chưa gửi danh sách tháng 11/2026" in _section(page, state.province.slug)


def test_a_rejected_list_is_reported_and_the_previous_one_kept(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE / "provinces" / "lai-chau", data / "provinces" / "lai-chau")
    newest = data / "provinces/lai-chau/2026-11.csv"
    header, rest = newest.read_text(encoding="utf-8-sig").split("\n", 1)
    # A required column gone: the whole list is held.
    newest.write_text(header.replace("Xã/Phường", "Ghi chú 2") + "\n" + rest, encoding="utf-8")
    series, current = _history(data, "2026-11")
    pages = render_history_pages(series, current)
    section = _section(pages["thay-doi/2026-11.md"], "lai-chau")
    assert "có lỗi nên chưa được công bố" in section
    assert "vẫn giữ danh sách tháng 10/2026" in section
    assert (
        json.loads(pages["thay-doi/2026-11.json"])["provinces"][SLUGS.index("lai-chau")]["status"]
        == "rejected"
    )
    assert "chưa gửi danh sách điểm thu nào" in _section(pages["thay-doi/2026-11.md"], "ha-noi")


def test_held_rows_are_listed_with_the_published_list(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE / "provinces" / "lai-chau", data / "provinces" / "lai-chau")
    newest = data / "provinces/lai-chau/2026-11.csv"
    newest.write_text(
        newest.read_text(encoding="utf-8-sig") + "999,[x](javascript:alert(1)),,,,\n", encoding="utf-8"
    )
    series, current = _history(data, "2026-11")
    section = _section(render_history_pages(series, current)["thay-doi/2026-11.md"], "lai-chau")
    assert "1 dòng chưa được công bố" in section and "thay cho danh sách tháng 10/2026" in section
    assert "](javascript:" not in section  # the held row's code is shown as literal text


def test_change_lists_are_html_that_markdown_never_reads(sample_pages):
    """Province data in the lists is escaped HTML inside blocks the build keeps away from
    Python-Markdown: it can turn into neither Markdown nor markup."""
    page = sample_pages["thay-doi/2026-11.md"]
    outside, blocks = stash_blocks(page)
    assert blocks and all(b.startswith('<article class="db-changes">') for b in blocks)
    assert "<li>" not in outside


# ---- synthetic data with planted changes ----


def test_month_json_holds_exactly_the_planted_changes(synthetic):
    manifest = json.loads((synthetic / MANIFEST_NAME).read_text(encoding="utf-8"))
    series, current = _history(synthetic)
    pages = render_history_pages(series, current)
    checked = 0
    for slug, province in manifest["provinces"].items():
        for planted in province["changes"]:
            data = json.loads(pages[f"thay-doi/{planted['month']}.json"])
            entry = next(p for p in data["provinces"] if p["province"] == slug)
            assert entry["status"] == "new" and entry["from_month"] == planted["previous"], slug
            assert sorted(p["code"] for p in entry["added"]) == sorted(planted["added"]), slug
            assert sorted(p["code"] for p in entry["removed"]) == sorted(planted["removed"]), slug
            moved = {p["code"]: p["commune_code"] for p in entry["changed"] if p["moved"]}
            assert moved == {code: m["to"] for code, m in planted["moved"].items()}, slug
            assert {p["code"] for p in entry["changed"]} >= set(planted["changed"]), slug
            checked += 1
        for month in province["skipped"]:
            data = json.loads(pages[f"thay-doi/{month}.json"])
            entry = next(p for p in data["provinces"] if p["province"] == slug)
            assert entry["status"] == "unchanged", (slug, month)
    assert checked > 34


def test_long_lists_are_capped_on_the_page_and_complete_in_json(synthetic, monkeypatch):
    monkeypatch.setattr(history, "PAGE_LIMIT", 1)
    series, current = _history(synthetic)
    pages = render_history_pages(series, current)
    month = series[-1].month
    data = json.loads(pages[f"thay-doi/{month}.json"])
    busiest = max(data["provinces"], key=lambda p: len(p.get("changed", [])))
    assert len(busiest["changed"]) > 1
    section = _section(pages[f"thay-doi/{month}.md"], busiest["province"])
    assert sum(1 for line in section.splitlines() if line.startswith("- ")) <= 3
    assert "thay đổi khác có trong" in section


# Measured on this 600-point series with each list capped at 2 points: month pages 11.7–24.1 KB,
# a province's section at most 1.4 KB. The bounds keep a 1.5× margin: a page that grows with the
# number of points instead of the cap fails them.
PAGE_BYTES = 36_000
SECTION_BYTES = 2_100


def test_pages_stay_bounded_at_scale(synthetic, monkeypatch):
    monkeypatch.setattr(history, "PAGE_LIMIT", 2)  # small enough for the cap to bind at this scale
    series, current = _history(synthetic)
    pages = render_history_pages(series, current)
    longest = 0
    for month in (d.month for d in series):
        page = pages[f"thay-doi/{month}.md"]
        assert len(page.encode()) < PAGE_BYTES, month
        for slug in SLUGS:
            if f"{{ #tinh-{slug} }}" not in page:
                continue
            section = _section(page, slug)
            assert len(section.encode()) < SECTION_BYTES, (month, slug)
            for items in re.findall(r"<ul>(.*?)</ul>", section, re.DOTALL):
                listed = items.count("<li>")
                assert listed <= history.PAGE_LIMIT, (month, slug)
                longest = max(longest, listed)
    assert longest == history.PAGE_LIMIT  # some list was long enough to be capped


# ---- Atom ----


def _feed(xml: bytes) -> ET.Element:
    root = ET.fromstring(xml)
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{tag}").text, tag
    assert root.find(f"{ATOM}author/{ATOM}name").text
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    ids = set()
    for entry in root.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated", "content"):
            assert entry.find(f"{ATOM}{tag}") is not None, tag
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert re.fullmatch(r"\d{4}-\d{2}-01T00:00:00Z", entry.find(f"{ATOM}updated").text)
        assert entry.find(f"{ATOM}id").text.startswith("tag:")
        ids.add(entry.find(f"{ATOM}id").text)
    assert len(ids) == len(root.findall(f"{ATOM}entry"))
    return root


def test_feeds_are_valid_atom_and_stable(sample_pages):
    national = _feed(sample_pages["thay-doi/atom.xml"])
    entries = national.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == ["2026-11/", "2026-10/", "2026-09/"]
    assert national.find(f"{ATOM}updated").text == "2026-11-01T00:00:00Z"
    for slug in SLUGS:
        _feed(sample_pages[f"thay-doi/{slug}.xml"])
    series, _ = _history(SAMPLE)
    again = render_feeds([month_changes(d) for d in series])
    assert all(again[k] == sample_pages[k] for k in again)


def test_province_feed_has_an_entry_per_published_list(sample_pages):
    series, _ = _history(SAMPLE)
    for slug in ("ha-noi", "dien-bien"):
        published = sorted(
            {
                s.data_month
                for d in series
                for s in d.provinces
                if s.province.slug == slug and s.previous_month
            }
        )
        feed = _feed(sample_pages[f"thay-doi/{slug}.xml"])
        hrefs = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
        assert hrefs == [f"{m}/#tinh-{slug}" for m in reversed(published)]


# ---- statistics ----


def _sample_rows(slug: str) -> list[dict[str, str]]:
    newest = max((SAMPLE / "provinces" / slug).glob("*.csv"))
    return list(csv.DictReader(newest.read_text(encoding="utf-8-sig").splitlines()))


def test_statistics_match_an_independent_count(sample_pages):
    page = sample_pages["thong-ke.md"]
    units = admin_units()
    total = approximate_total = 0
    for province in units.provinces.values():
        rows = _sample_rows(province.slug)
        covered = {units.match_commune(province.code, r["Xã/Phường"]).commune.code for r in rows}
        approximate = sum(1 for r in rows if not r.get("Vĩ độ", "").strip())
        communes = len(units.communes_of(province.code))
        line = next(ln for ln in page.splitlines() if ln.startswith(f"| [{province.short_name}](tinh/"))
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[1] == f"{len(rows):,}".replace(",", "."), province.slug
        assert cells[3] == f"{len(covered)}/{communes}".replace(",", "."), province.slug
        assert cells[4] == str(communes - len(covered)), province.slug
        assert cells[5] == str(approximate), province.slug
        total += len(rows)
        approximate_total += approximate
    assert f"**{total:,}**".replace(",", ".") in page
    assert f"**{approximate_total:,}**".replace(",", ".") in page


def test_statistics_list_stale_and_missing_provinces(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE / "provinces" / "lai-chau", data / "provinces" / "lai-chau")
    for month in ("2026-10", "2026-11"):
        (data / f"provinces/lai-chau/{month}.csv").unlink()
    directory = enrich(merge(validate_dataset(data).validated, "2026-11"))
    page = render_statistics(directory)["thong-ke.md"]
    stale = page[page.index("**Dữ liệu cũ**") : page.index("**Chưa có dữ liệu**")]
    assert "Tỉnh Lai Châu" in stale and "tháng 9/2026" in stale
    missing = page[page.index("**Chưa có dữ liệu**") : page.index("{ #chua-co-diem-thu }")]
    assert missing.count("- [") == 33


# ---- speed work that must not change behaviour ----


def test_merge_series_equals_merging_each_month(synthetic):
    validated = validate_dataset(synthetic).validated
    months = sorted({v.loaded.month for v in validated})
    series = merge_series(validated, months[-1])
    assert [d.month for d in series] == months
    for directory in series:
        alone = merge(validated, directory.month)
        assert directory == alone
        assert [s.changes() for s in directory.provinces] == [s.changes() for s in alone.provinces]


def test_enrich_does_not_turn_centroids_into_changes():
    plain = merge(sample_validation().validated, "2026-11")
    enriched = enrich(plain)
    assert any(p.approximate for p in enriched.points)

    def summary(diff):
        return (
            [p.code for p in diff.added],
            [p.code for p in diff.removed],
            [(c.after.code, c.fields) for c in diff.changed],
        )

    for before, after in zip(plain.provinces, enriched.provinces, strict=True):
        assert summary(before.changes()) == summary(after.changes())


@pytest.mark.parametrize(
    "raw",
    ["0912037468", "0213 3876 543", "02133876543", "0912.037.468", "0999999999", "0123456789", "00912037468",
     "0812 345 678", "0283 822 1234", "0243 825 1234", "019 0123 456", "01800 1234", "0912037468123"],
)  # fmt: skip
def test_phone_fast_path_agrees_with_phonenumbers(raw):
    phone = parse_phone.__wrapped__(raw)
    compact = re.sub(r"[\s.\-()/]+", "", raw)
    try:
        number = phonenumbers.parse(compact, "VN")
        valid = number.country_code == 84 and phonenumbers.is_valid_number(number)
    except phonenumbers.NumberParseException:
        valid = False
    assert (phone is not None) == valid, raw
    if phone is not None:
        assert phone.e164 == phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        assert phone.display == phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def test_stashed_blocks_come_back_exactly(tmp_path):
    card = '<article class="db-card" id="diem-a">\n<h3>A &amp; B</h3>\n</article>'
    text = (
        f'# T\n\n{card}\n\n{card.replace("diem-a", "diem-b")}\n\n<article markdown="1">\nkeep\n</article>\n'
    )
    stashed, blocks = stash_blocks(text)
    assert len(blocks) == 2 and "db-card" not in stashed and 'markdown="1"' in stashed
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "index.html").write_text(f"<main>{stashed}</main>", encoding="utf-8")
    restore_blocks(tmp_path, {"p.md": blocks})
    assert (tmp_path / "p" / "index.html").read_text(encoding="utf-8") == f"<main>{text}</main>"


@pytest.mark.slow  # two mkdocs builds
def test_a_build_with_stashed_cards_is_byte_identical_to_mkdocs_alone(tmp_path, monkeypatch):
    import generator.build as build

    series, current = _history(SAMPLE)
    pages = {
        k: v
        for k, v in render_history_pages(series, current).items()
        if "/2026-11" in k or k.endswith(".xml")
    }
    from generator.render.directory import render_directory_pages

    pages |= render_directory_pages(current)
    trees = []
    for name in ("stashed", "plain"):
        out = tmp_path / name
        build_site(pages, out, extra={"sample_data": True, "data_month": "2026-11"}, source_date_epoch=0)
        trees.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
        monkeypatch.setattr(build, "stash_blocks", lambda text: (text, []))
    assert trees[0] == trees[1]
    html = trees[0][Path("thay-doi/2026-11/index.html")].decode()
    assert 'id="tinh-ha-noi"' in html
    assert re.search(r'href="\.\./\.\./tinh/ha-noi/[a-z0-9-]+/#diem-hni-\d+"', html)
    # Visible links only: mkdocs-material reads every <link rel="alternate"> in the head as another
    # language of the site and fetches a sitemap.xml beside it (a 404 in the console).
    assert 'rel="alternate"' not in html.split("</head>")[0]
    province = trees[0][Path("tinh/ha-noi/index.html")].decode()
    assert '<a href="../atom.xml">' in html
    assert 'href="../../thay-doi/ha-noi.xml"' in province
