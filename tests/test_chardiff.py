"""The character diff of a sentence pair, as the compare page will show it."""

from __future__ import annotations

import pytest

from generator.comparison.chardiff import DELETE, EQUAL, INSERT, char_diff


def shown(a: str, b: str) -> str:
    """Segments as [-deleted-]{+inserted+}, the way a reader sees a diff."""
    marks = {EQUAL: "{}", DELETE: "[-{}-]", INSERT: "{{+{}+}}"}
    return "".join(marks[s.op].format(s.text) for s in char_diff(a, b))


@pytest.mark.parametrize("a, b, expected", [
    ("稳妥推进消费升级。", "积极推进消费升级。", "[-稳妥-]{+积极+}推进消费升级。"),
    # A figure changes whole: never a digit kept between two changed ones.
    ("国内生产总值增长5.5%左右。", "国内生产总值增长5%左右。", "国内生产总值增长[-5.5-]{+5+}%左右。"),
    ("赤字规模4.06万亿元。", "赤字规模5.66万亿元。", "赤字规模[-4.06-]{+5.66+}万亿元。"),
    ("提高基础养老金。", "提高基础养老金，适当提高退休人员基本养老金。", "提高基础养老金{+，适当提高退休人员基本养老金+}。"),
    # 和 alone between two changes joins them: one change, not two.
    ("改革和开放", "创新和发展", "[-改革和开放-]{+创新和发展+}"),
    ("相同。", "相同。", "相同。"),
    ("", "新增。", "{+新增。+}"),
    ("删去。", "", "[-删去。-]"),
])
def test_char_diff(a, b, expected):
    assert shown(a, b) == expected


@pytest.mark.parametrize("a, b", [
    ("坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。", "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局。"),
    ("发展在线教育。", "大力发展数字教育。"),
    ("abc", "xyz"),
])
def test_char_diff_spells_both_texts(a, b):
    segments = char_diff(a, b)
    assert "".join(s.text for s in segments if s.op != INSERT) == a
    assert "".join(s.text for s in segments if s.op != DELETE) == b
    assert all(s.text for s in segments)
    assert all(x.op != y.op for x, y in zip(segments, segments[1:]))  # neighbours merged


def test_sentence_diff_of_pairs_of_a_lineage():
    from generator.comparison.alignment import align, sentence_diff
    from generator.sources.rawfile import parse_reports
    from tests.conftest import FIXTURES

    a, b = (parse_reports(FIXTURES / "lineage" / f"{year}.txt")[0].report for year in (2098, 2099))
    diffs = {(s.a.id if s.a else None, s.b.id if s.b else None): sentence_diff(s) for s in align(a, b).sentence_pairs()}
    assert [(d.op, d.text) for d in diffs["sec_2__item_1__para_1__sent_2", "sec_2__item_2__para_1__sent_2"]] == [
        (DELETE, "稳妥"), (INSERT, "积极"), (EQUAL, "推进消费升级，把恢复和扩大消费摆在优先位置。")]
    assert [d.op for d in diffs[None, "sec_2__item_1__para_5__sent_1"]] == [INSERT]
    assert [d.op for d in diffs["closing__para_2__sent_1", None]] == [DELETE]
    assert [d.op for d in diffs["intro__para_1__sent_1", "intro__para_1__sent_1"]] == [EQUAL]
