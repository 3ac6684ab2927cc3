"""A province's posting lists (render/search_tokens.py), listed commune by commune, against the
index's definition point by point: a token counts once for a point, in the best class it occurs
in (its name or its commune's; agent, address, province, code, phones; old names)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sample_data import sample_validation

from generator.enrich import enrich
from generator.merge import Directory, latest_month, merge
from generator.model import Point
from generator.render.search_index import legacy_by_commune, ordered_points
from generator.render.search_tokens import (
    column_words,
    old_tokens,
    phone_tokens,
    province_postings,
    tokens,
    tokens_and_pairs,
)
from generator.units import admin_units


@pytest.fixture(scope="module")
def directory() -> Directory:
    validation = sample_validation()
    return enrich(merge(validation.validated, latest_month(validation.validated)))


def by_definition(
    points: list[Point], province_words: frozenset[str], old_of: Callable[[str], frozenset[str]]
) -> tuple[dict, ...]:
    found: tuple[dict[str, list[int]], ...] = ({}, {}, {})
    for ident, point in enumerate(points):
        name = tokens_and_pairs(point.name) | tokens_and_pairs(
            admin_units().communes[point.commune_code].name
        )
        fields = (
            tokens_and_pairs(point.agent)
            | tokens(point.address)
            | province_words
            | tokens(point.code)
            | phone_tokens(point.fixed_phone, point.fixed_phone_e164)
            | phone_tokens(point.mobile_phone, point.mobile_phone_e164)
        ) - name
        old = old_of(point.commune_code) - name - fields
        for cls, words in enumerate((name, fields, old)):
            for word in words:
                found[cls].setdefault(word, []).append(ident)
    return found


def provinces(directory: Directory) -> list[tuple[str, frozenset[str], list[Point]]]:
    """Each province with points: its name, its names' words, its points in page order."""
    points: dict[int, list[Point]] = {}
    for point, index in ordered_points(directory):
        points.setdefault(index, []).append(point)
    found = []
    for index, group in sorted(points.items()):
        province = directory.provinces[index].province
        found.append(
            (province.name, tokens_and_pairs(province.name) | tokens_and_pairs(province.short_name), group)
        )
    return found


def test_lists_are_those_of_the_definition(directory: Directory) -> None:
    old_of = old_names(directory)
    for _, words, points in provinces(directory):
        assert province_postings(points, words, old_of) == by_definition(points, words, old_of)


def test_a_word_a_point_has_in_a_better_class_is_listed_there_for_it(directory: Directory) -> None:
    """Every other point named after its province, and addresses naming an old commune of their
    commune: words every point of a commune shares, but a few have in a better class."""
    old_of = old_names(directory)
    legacy = legacy_by_commune(state.province.code for state in directory.provinces)
    split = {1: 0, 2: 0}  # words listed in class 0 and 1, in class 1 and 2, in one commune
    for name, words, points in provinces(directory):
        points = [
            point._replace(
                name=f"{point.name} {name}" if index % 2 else point.name,
                address=f"{point.address}, {legacy[point.commune_code][0].name} cũ"
                if point.commune_code in legacy and index % 3
                else point.address,
            )
            for index, point in enumerate(points)
        ]
        found = province_postings(points, words, old_of)
        assert found == by_definition(points, words, old_of)
        split[1] += len(found[0].keys() & found[1].keys())
        split[2] += len(found[1].keys() & found[2].keys())
    assert split[1] and split[2]


def old_names(directory: Directory) -> Callable[[str], frozenset[str]]:
    legacy = legacy_by_commune(state.province.code for state in directory.provinces)
    return lambda code: old_tokens(legacy[code]) if code in legacy else frozenset()


@pytest.mark.parametrize(
    "texts",
    [
        ["Bưu điện Điện Biên Phủ", "  Số 12,  Đường 3/2 ", "", "LCU-0001"],
        ["Bưu điện xã Ẵng Nưa", "Đại lý Ελλάς ΟΔΟΣ", "東京 12"],  # outside Latin: folded the general way
        ["a\0b c", "Đông Hà"],  # the separator in a text: read text by text
        [],
    ],
)
def test_a_column_folded_at_once_has_each_texts_own_words(texts: list[str]) -> None:
    assert [set(words) for words in column_words(texts)] == [tokens(text) for text in texts]
