"""The search index (tim-kiem/): folding, AND of words, prefixes, phone digits, pre-2025 names.

`search()` below reads the generated files the way site_src/assets/search.js does (shards by
key, delta-coded postings, every word must match), so these tests check what a phone would get
from the index, without a browser; tests/test_search_browser.py checks the script itself.
"""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

import pytest
from sample_data import sample_root

from generator.enrich import enrich
from generator.merge import Directory, latest_month, merge
from generator.model import Point
from generator.pipeline import validate_dataset
from generator.render.format import point_anchor
from generator.render.search_index import SEARCH_DIR, legacy_by_commune, legacy_label, render_search_index
from generator.text import fold
from generator.units import admin_units

EXACT, PREFIX = 6, 3
CLASS_BONUS = (2, 1, 0)


@pytest.fixture(scope="module")
def directory() -> Directory:
    validation = validate_dataset(sample_root())
    return enrich(merge(validation.validated, latest_month(validation.validated)))


@pytest.fixture(scope="module")
def files(directory: Directory) -> dict[str, str]:
    return render_search_index(directory)


class Index:
    """The generated files, read as the browser reads them."""

    def __init__(self, files: dict[str, str]) -> None:
        self.files = files
        self.meta = json.loads(files[f"{SEARCH_DIR}/meta.json"])
        self.fetched: set[str] = set()

    def shard(self, key: str) -> dict:
        path = f"{SEARCH_DIR}/t/{key}.json"
        self.fetched.add(path)
        return json.loads(self.files[path])

    def key_length(self, word: str) -> int:
        return self.meta["keys"]["digit" if word[0].isdigit() else "letter"]

    def shards_for(self, form: str) -> list[str]:
        if len(form) < self.key_length(form):
            return [self.meta["keys"]["short"]]
        short = self.meta["keys"]["short"]
        return [k for k in self.meta["shards"] if k != short and (form.startswith(k) or k.startswith(form))]

    def record(self, ident: int) -> list:
        chunk = json.loads(self.files[f"{SEARCH_DIR}/d/{ident // self.meta['chunk']}.json"])
        return chunk["p"][ident % self.meta["chunk"]]

    def province_of(self, ident: int) -> str:
        return next(p[0] for p in self.meta["provinces"] if p[2] <= ident < p[2] + p[3])


def terms(query: str) -> list[list[str]]:
    words = re.findall(r"[a-z0-9]+", fold(query))
    found: list[list[str]] = []
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        while word.isdigit() and i < len(words) and words[i].isdigit():
            word += words[i]
            i += 1
        forms = [word]
        if word.isdigit() and len(word) >= 11 and word.startswith("84"):
            forms.append(word[2:])
        if word.isdigit() and len(word) > 1 and word.startswith("0"):
            forms.append(word[1:])
        found.append(forms)
    return found


def scores_of(index: Index, forms: list[str]) -> dict[int, int]:
    pair = index.meta["keys"]["pair"]
    scores: dict[int, int] = {}
    for form in forms:
        for key in index.shards_for(form):
            for token, lists in index.shard(key).items():
                if pair in token and pair not in form:
                    continue
                prefix = len(form) >= index.key_length(form) and token.startswith(form)
                kind = EXACT if token == form else PREFIX if prefix else 0
                for cls, encoded in enumerate(lists if kind else []):
                    ident = -1
                    for delta in encoded.split():
                        ident += int(delta, 36)
                        scores[ident] = max(scores.get(ident, 0), kind + CLASS_BONUS[cls])
    return scores


def search(index: Index, query: str) -> list[int]:
    """Point ids matching every word (exactly, or as a prefix once long enough), best first;
    words side by side in a name add their pair's score."""
    found = terms(query)
    totals: dict[int, int] = {}
    for n, forms in enumerate(found):
        scores = scores_of(index, forms)
        totals = scores if n == 0 else {i: s + scores[i] for i, s in totals.items() if i in scores}
    for first, second in pairwise(found):
        if not first[0].isdigit() and len(first[0]) >= index.meta["keys"]["letter"]:
            bonus = scores_of(index, [first[0] + index.meta["keys"]["pair"] + second[0]])
            totals = {i: s + bonus.get(i, 0) for i, s in totals.items()}
    return sorted(totals, key=lambda i: (-totals[i], i))


@pytest.fixture(scope="module")
def index(files: dict[str, str]) -> Index:
    return Index(files)


def anchors(index: Index, ids: list[int]) -> set[tuple[str, str]]:
    return {(index.province_of(i), index.record(i)[1]) for i in ids}


def of_province(directory: Directory, slug: str) -> set[tuple[str, str]]:
    return {(p.province_slug, point_anchor(p.code)) for p in directory.points if p.province_slug == slug}


def point_text(point: Point) -> str:
    """Everything a point is found by, its commune's pre-2025 names included."""
    province = admin_units().provinces[point.province_code]
    old = [legacy_label(x) for x in legacy_by_commune([point.province_code]).get(point.commune_code, [])]
    return fold(" ".join((point.name, point.agent, point.address, point.commune_name, province.name, *old)))


def test_fold_handles_d_stroke_and_marks() -> None:
    assert fold("Điện Biên") == "dien bien"
    assert fold("ĐẮK LẮK") == "dak lak"
    assert fold("Thừa Thiên Huế") == "thua thien hue"


@pytest.mark.parametrize(
    ("query", "slug"),
    [("dien bien", "dien-bien"), ("Điện Biên", "dien-bien"), ("dak lak", "dak-lak"), ("ha noi", "ha-noi")],
)
def test_province_names_without_diacritics(index: Index, directory: Directory, query: str, slug: str) -> None:
    found = search(index, query)
    expected = of_province(directory, slug)
    assert expected and expected <= anchors(index, found)
    # The province's own points come first: the words stand side by side in its name.
    assert anchors(index, found[: len(expected)]) == expected


def test_every_word_must_match(index: Index, directory: Directory) -> None:
    by_anchor = {(p.province_slug, point_anchor(p.code)): p for p in directory.points}
    found = anchors(index, search(index, "dien bien"))
    assert found, "no result"
    for key in found:
        text = point_text(by_anchor[key])
        assert re.search(r"\bdien", text) and re.search(r"\bbien", text), text
    # "buu dien" alone would match hundreds of points; with "dien bien" only Điện Biên's post offices.
    post_offices = anchors(index, search(index, "buu dien dien bien"))
    assert post_offices and post_offices <= of_province(directory, "dien-bien") | {
        k for k in found if "buu dien" in point_text(by_anchor[k])
    }
    assert len(post_offices) < len(anchors(index, search(index, "buu dien")))


def test_prefix_matching(index: Index, directory: Directory) -> None:
    assert of_province(directory, "dien-bien") <= anchors(index, search(index, "dien bi"))
    assert of_province(directory, "dak-lak") <= anchors(index, search(index, "dak la"))


def test_phone_digits(index: Index, directory: Directory) -> None:
    point = next(p for p in directory.points if p.mobile_phone)
    key = (point.province_slug, point_anchor(point.code))
    digits = re.sub(r"\D", "", point.mobile_phone)
    grouped = f"{digits[1:4]} {digits[4:7]}"  # "912 345": no leading 0, typed in groups
    for query in (digits[:7], grouped, point.mobile_phone, "+84 " + digits[1:]):
        assert key in anchors(index, search(index, query)), query
    fixed = next(p for p in directory.points if p.fixed_phone)
    subscriber = "".join(fixed.fixed_phone.split()[1:])  # without the area code
    assert (fixed.province_slug, point_anchor(fixed.code)) in anchors(index, search(index, subscriber))


def test_pre_2025_names_find_the_communes_they_became(index: Index, directory: Directory) -> None:
    units = admin_units()
    with_points = {p.commune_code for p in directory.points}
    checked = 0
    for state in directory.provinces:
        for legacy in units.legacy_communes_of(state.province.code):
            if fold(legacy.name) == fold(units.communes[legacy.new_codes[0]].name):
                continue  # same name before and after: not a test of old names
            if not set(legacy.new_codes) & with_points:
                continue
            found = {index.record(i)[5] for i in search(index, f"{legacy.name} {legacy.district}")}
            assert set(legacy.new_codes) & with_points <= found, legacy
            checked += 1
            break
    assert checked >= 10
    # "Tân Uyên": the Lai Châu district (and Bình Dương's town) people still name.
    tan_uyen = search(index, "tan uyen")
    assert {index.province_of(i) for i in tan_uyen} & {"lai-chau", "ho-chi-minh"}


def test_records_link_to_the_cards(index: Index, directory: Directory) -> None:
    assert index.meta["n"] == len(directory.points)
    seen = set()
    for ident in range(index.meta["n"]):
        record = index.record(ident)
        seen.add((index.province_of(ident), record[1]))
        assert record[1] == point_anchor(record[0])
    assert seen == {(p.province_slug, point_anchor(p.code)) for p in directory.points}
    assert len(index.meta["types"]) == index.meta["n"]


def test_private_columns_are_not_in_the_index(files: dict[str, str]) -> None:
    staff = set()
    for path in (sample_root() / "provinces").glob("*/*.csv"):
        for line in path.read_text(encoding="utf-8-sig").splitlines()[1:]:
            cells = line.split(",")
            if len(cells) > 12 and len(cells[12]) > 8:
                staff.add(cells[12])
    assert staff
    text = "\n".join(files.values())
    assert not [name for name in staff if name in text]


def test_build_is_reproducible(directory: Directory, files: dict[str, str]) -> None:
    assert render_search_index(directory) == files


def test_a_query_fetches_few_shards(index: Index) -> None:
    index.fetched.clear()
    search(index, "buu dien dien bien")
    assert len(index.fetched) <= 3
    assert not [p for p in index.files if Path(p).suffix != ".json"]
