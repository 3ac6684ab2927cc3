"""The search index (tim-kiem/): which points each word lists, by class, checked against the
points' own text (an independent answer: the words of the published fields); phone digits,
pre-2025 names, records and links.

The ranking over these lists is site_src/assets/search-core.js's, tested under Node with
hand-made indexes (tests/js/ranking.test.js) and in the browser (tests/test_search_browser.py).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from sample_data import sample_root, sample_validation

from generator.enrich import enrich
from generator.merge import Directory, latest_month, merge
from generator.model import Point
from generator.render.format import point_anchor
from generator.render.search_index import (
    SEARCH_DIR,
    legacy_by_commune,
    legacy_label,
    preloads,
    render_search_index,
    shard_key,
)
from generator.text import fold
from generator.units import admin_units

WORD = re.compile(r"[a-z0-9]+")


@pytest.fixture(scope="module")
def directory() -> Directory:
    validation = sample_validation()
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

    def postings(self, token: str) -> list[set[int]]:
        """The ids listed for a token, by class (name, other fields, pre-2025 name)."""
        key = shard_key(token)
        while key not in self.meta["shards"]:  # a large shard is split one character further
            key = token[: len(key) + 1]
        lists = self.shard(key).get(token, [])
        found: list[set[int]] = [set(), set(), set()]
        firsts = [
            dict(zip(self.meta["layouts"]["province"], p, strict=True))["first"]
            for p in self.meta["provinces"]
        ]
        for cls, encoded in enumerate(lists):
            # Segments "province:gaps" joined by ",", gaps from the province's first id − 1.
            for segment in filter(None, encoded.split(",")):
                province, gaps = segment.split(":")
                ident = firsts[int(province, 36)] - 1
                for delta in gaps.split():
                    ident += int(delta, 36)
                    found[cls].add(ident)
        return found

    def ids(self, token: str) -> set[int]:
        return set().union(*self.postings(token))

    def record(self, ident: int) -> dict:
        """A point's record by field name, as meta.json's layout declares it (and the browser reads it)."""
        chunk = json.loads(self.files[f"{SEARCH_DIR}/d/{ident // self.meta['chunk']}.json"])
        return dict(zip(self.meta["layouts"]["point"], chunk["p"][ident % self.meta["chunk"]], strict=True))

    def province_of(self, ident: int) -> str:
        provinces = (
            dict(zip(self.meta["layouts"]["province"], p, strict=True)) for p in self.meta["provinces"]
        )
        return next(p["slug"] for p in provinces if p["first"] <= ident < p["first"] + p["count"])


@pytest.fixture(scope="module")
def index(files: dict[str, str]) -> Index:
    return Index(files)


def anchors(index: Index, ids: list[int]) -> set[tuple[str, str]]:
    return {(index.province_of(i), index.record(i)["anchor"]) for i in ids}


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


@pytest.fixture(scope="module")
def by_id(index: Index, directory: Directory) -> dict[int, Point]:
    by_code = {p.code: p for p in directory.points}
    return {i: by_code[index.record(i)["code"]] for i in range(index.meta["n"])}


def words_of(*texts: str) -> set[str]:
    return set(WORD.findall(fold(" ".join(texts))))


@pytest.mark.parametrize("token", ["dien", "bien", "buu", "viettel", "xa", "ha", "phuong"])
def test_name_class_lists_exactly_the_points_named_so(
    index: Index, by_id: dict[int, Point], token: str
) -> None:
    """Class 0 of a word: the points whose own name or commune's name has the word."""
    expected = {i for i, p in by_id.items() if token in words_of(p.name, p.commune_name)}
    assert expected, token
    assert index.postings(token)[0] == expected


def test_every_published_word_lists_its_point(index: Index, by_id: dict[int, Point]) -> None:
    units = admin_units()
    for ident in range(0, index.meta["n"], 7):
        point = by_id[ident]
        province = units.provinces[point.province_code]
        for word in words_of(point.name, point.agent, point.address, point.commune_name, province.name):
            assert ident in index.ids(word), (word, point.code)


def test_words_side_by_side_are_listed_as_a_pair(index: Index, by_id: dict[int, Point]) -> None:
    dien_bien = {i for i, p in by_id.items() if p.province_slug == "dien-bien"}
    assert dien_bien and dien_bien <= index.ids("dien_bien")
    # "Bưu điện phường An Biên" has both words but not side by side.
    apart = {
        i
        for i, p in by_id.items()
        if {"dien", "bien"} <= words_of(p.name) and "dien bien" not in fold(p.name)
    }
    assert not apart & index.postings("dien_bien")[0]


def test_phone_digits(index: Index, directory: Directory, by_id: dict[int, Point]) -> None:
    ident_of = {p.code: i for i, p in by_id.items()}
    point = next(p for p in directory.points if p.mobile_phone)
    digits = re.sub(r"\D", "", point.mobile_phone)
    assert ident_of[point.code] in index.ids(digits[1:])  # stored without the leading 0
    fixed = next(p for p in directory.points if p.fixed_phone)
    subscriber = "".join(fixed.fixed_phone.split()[1:])  # without the area code
    assert ident_of[fixed.code] in index.ids(subscriber)


def test_pre_2025_names_list_the_communes_they_became(index: Index, by_id: dict[int, Point]) -> None:
    units = admin_units()
    ids_of_commune: dict[str, set[int]] = {}
    for i, p in by_id.items():
        ids_of_commune.setdefault(p.commune_code, set()).add(i)
    checked = 0
    for code in sorted({p.province_code for p in by_id.values()}):
        for legacy in units.legacy_communes_of(code):
            became = set().union(*(ids_of_commune.get(c, set()) for c in legacy.new_codes))
            if not became or fold(legacy.name) == fold(units.communes[legacy.new_codes[0]].name):
                continue
            for word in words_of(legacy.name, legacy.district):
                assert became <= index.ids(word), (word, legacy)
            checked += 1
    assert checked >= 10
    # "Tân Uyên": the Lai Châu district (and Bình Dương's town) people still name.
    assert {index.province_of(i) for i in index.ids("tan_uyen")} & {"lai-chau", "ho-chi-minh"}


def test_records_link_to_the_cards(index: Index, directory: Directory) -> None:
    assert index.meta["n"] == len(directory.points)
    seen = set()
    for ident in range(index.meta["n"]):
        record = index.record(ident)
        seen.add((index.province_of(ident), record["anchor"]))
        assert record["anchor"] == point_anchor(record["code"])
    assert seen == {(p.province_slug, point_anchor(p.code)) for p in directory.points}
    assert len(index.meta["types"]) == index.meta["n"]


def test_the_old_communes_are_listed_in_the_manifest_and_not_preloaded(files: dict[str, str]) -> None:
    meta = json.loads(files[f"{SEARCH_DIR}/meta.json"])
    where = meta["oldCommunes"]
    written = sorted(
        path.removeprefix(f"{SEARCH_DIR}/{where['dir']}").removesuffix(".json")
        for path in files
        if path.startswith(f"{SEARCH_DIR}/{where['dir']}")
    )
    assert written == where["shards"] and "n" in written and "0" in written
    assert not any(where["dir"] in url for url in preloads(files))


def test_private_columns_are_not_in_the_index(files: dict[str, str]) -> None:
    staff = set()
    for path in (sample_root() / "provinces").glob("*/*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                for column in ("Nhân viên thu", "Ghi chú"):
                    if len(row.get(column) or "") > 8:
                        staff.add(row[column])
    assert staff
    text = "\n".join(files.values())
    assert not [name for name in staff if name in text]


def test_build_is_reproducible(directory: Directory, files: dict[str, str]) -> None:
    assert render_search_index(directory) == files


def test_a_word_lives_in_one_or_two_shards(index: Index) -> None:
    for word in ("dien", "buu", "viettel", "912"):
        holding = [k for k in index.meta["shards"] if k != index.meta["keys"]["short"] and word.startswith(k)]
        assert 1 <= len(holding) <= 2, (word, holding)
    assert not [p for p in index.files if Path(p).suffix != ".json"]


def test_a_new_list_remakes_only_its_province_parts(directory: Directory, files: dict[str, str]) -> None:
    """The index is joined from per-province parts kept in the build's cache: after one
    province's new list only that province's parts are made again, and the join gives the
    files a build without any cache gives."""
    from dataclasses import replace

    store: dict[tuple[str, bytes], bytes] = {}
    made: list[str] = []

    def memo(namespace: str, source: bytes, make) -> bytes:
        if (namespace, source) not in store:
            made.append(namespace)
            store[namespace, source] = make()
        return store[namespace, source]

    assert render_search_index(directory, memo) == files
    with_data = [s for s in directory.provinces if s.points]
    assert len(made) == 2 * len(with_data)  # tokens and records of each province
    changed = with_data[0]
    first = changed.points[0]
    renamed = replace(changed, points=(first._replace(name=first.name + " Mới"), *changed.points[1:]))
    newer = replace(directory, provinces=tuple(renamed if s is changed else s for s in directory.provinces))
    made.clear()
    warm = render_search_index(newer, memo)
    assert sorted(made) == ["search-records", "search-tokens"]
    assert warm == render_search_index(newer)
    assert "moi" in Index(warm).shard(shard_key("moi"))


def test_a_shard_is_small_exactly_when_its_gzip_is_at_most_the_limit():
    import gzip
    import random

    from generator.render.search_index import SPLIT_ABOVE, _small

    rng = random.Random(7)
    texts = ["", "a" * 200_000]
    for size in (SPLIT_ABOVE - 2_000, SPLIT_ABOVE - 100, SPLIT_ABOVE, SPLIT_ABOVE + 500):
        # Printable characters drawn at random barely compress: near the limit either way.
        texts.append("".join(chr(rng.randrange(0x21, 0x7F)) for _ in range(size)))
    for text in texts:
        assert _small(text) == (len(gzip.compress(text.encode(), 6, mtime=0)) <= SPLIT_ABOVE)


def test_each_shard_carries_the_first_screens_of_its_words_and_their_records(index: Index) -> None:
    """The cards a shard carries are the first screens of its key and of the key's prefixes from
    the key length on, ranked over the whole lists as the browser ranks (search-core.js: the
    best of exact or prefix match plus the class bonus, then the index order), each record as
    its record chunk holds it."""
    meta = index.meta
    scores = meta["scores"]
    tokens = {
        token
        for key in meta["shards"]
        for token in json.loads(index.files[f"{SEARCH_DIR}/t/{key}.json"])
        if token != meta["keys"]["cards"] and meta["keys"]["pair"] not in token
    }

    def first_screen(word: str) -> list[int]:
        best: dict[int, int] = {}
        for token in (t for t in tokens if t.startswith(word)):
            kind = scores["exact"] if token == word else scores["prefix"]
            for cls, ids in enumerate(index.postings(token)):
                for ident in ids:
                    best[ident] = max(best.get(ident, 0), kind + scores["class"][cls])
        return sorted(best, key=lambda ident: (-best[ident], ident))[: meta["first"]]

    carried_any = 0
    for key in meta["shards"]:
        if key == meta["keys"]["short"]:
            continue
        cards = json.loads(index.files[f"{SEARCH_DIR}/t/{key}.json"]).get(meta["keys"]["cards"], {"p": {}})
        wanted = {i for end in range(index.key_length(key), len(key) + 1) for i in first_screen(key[:end])}
        assert set(map(int, cards["p"])) == wanted, key
        for ident, record in cards["p"].items():
            chunk = json.loads(index.files[f"{SEARCH_DIR}/d/{int(ident) // meta['chunk']}.json"])
            assert record == chunk["p"][int(ident) % meta["chunk"]]
            assert record[meta["layouts"]["point"].index("commune")] in cards["c"]
        carried_any += len(wanted)
    assert carried_any
