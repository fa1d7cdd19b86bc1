"""Sentence similarity: comparable text, bigram Dice, and the index that finds every similar pair."""

from __future__ import annotations

import itertools

import pytest

from generator.comparison.similarity import comparable, dice, profile, similar_pairs
from tests.conftest import FIXTURES


@pytest.mark.parametrize("text, expected", [
    ("（十）切实保障和改善民生。", "切实保障和改善民生。"),   # a task's number is not its words
    ("切实保障和改善民生。", "切实保障和改善民生。"),
    ("增长５％，约 ３ 万亿元。", "增长5%,约3万亿元。"),      # full-width forms and spaces
    ("坚持（一）个中国原则。", "坚持(一)个中国原则。"),     # a marker only where a task starts
])
def test_comparable(text, expected):
    assert comparable(text) == expected


@pytest.mark.parametrize("a, b, expected", [
    ("稳妥推进改革。", "稳妥推进改革。", 1.0),
    ("（九）保障民生。", "（十）保障民生。", 1.0),
    ("推进改革。", "推进改革！", 1.0),                 # punctuation carries no bigram
    ("稳妥推进改革。", "积极推进改革。", 0.6),          # 推进 进改 改革 of 5 and 5
    ("加强公共文化服务。", "加强气象服务。", 4 / 12),    # 加强 服务 of 7 and 5
    ("各位代表！", "同志们！", 0.0),
    ("！", "。", 0.0),                               # no letters: nothing to compare
    ("中", "中", 1.0),
])
def test_dice(a, b, expected):
    assert dice(profile(a), profile(b)) == pytest.approx(expected)
    assert dice(profile(b), profile(a)) == pytest.approx(expected)


def test_repeated_bigrams_count_once_per_occurrence():
    # 发展 twice in one, once in the other: one shared.
    assert profile("发展经济发展").grams["发展"] == 2
    assert dice(profile("发展经济发展"), profile("发展")) == pytest.approx(2 * 1 / (5 + 1))


def test_similar_pairs_finds_what_comparing_all_pairs_finds():
    texts = [line for name in ("2098.txt", "2099.txt")
             for line in (FIXTURES / "lineage" / name).read_text(encoding="utf-8").split("。") if line]
    left, right = [profile(t) for t in texts[::2]], [profile(t) for t in texts[1::2]]
    for floor in (0.0001, 0.3, 0.5):
        expected = {(i, j) for (i, p), (j, q) in itertools.product(enumerate(left), enumerate(right))
                    if dice(p, q) >= floor}
        found = similar_pairs(left, right, floor)
        assert {(i, j) for _, i, j in found} == expected
        assert all(s == pytest.approx(dice(left[i], right[j])) for s, i, j in found)
