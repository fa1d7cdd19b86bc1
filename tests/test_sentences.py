"""Sentences: where split_sentences ends one, quotations above all."""

from __future__ import annotations

import pytest

from generator.sources.grammar import split_sentences


def _sentences(text: str) -> list[str]:
    return [s for _, s in split_sentences(text)]


@pytest.mark.parametrize("text, sentences", [
    # A 。！？ inside a quotation the sentence goes on after does not end it.
    ("喊出“加油！”的口号。", ["喊出“加油！”的口号。"]),
    ("喊出“加油！”的口号。接着干。", ["喊出“加油！”的口号。", "接着干。"]),
    ("要问“为什么？”并找到答案。", ["要问“为什么？”并找到答案。"]),
    ("写下“到此为止。”四个字。", ["写下“到此为止。”四个字。"]),
    ("「你好？」他问。", ["「你好？」他问。"]),
    ("口号是『加油！』和「拼搏！」。完。", ["口号是『加油！』和「拼搏！」。", "完。"]),
    # A quotation that ends the sentence: the sentence's own mark after it,
    ("我们要“撸起袖子加油干！”。然后。", ["我们要“撸起袖子加油干！”。", "然后。"]),
    ("大家喊“加油！”", ["大家喊“加油！”"]),
    # or direct speech, introduced by a colon: it ends where the quotation closes.
    ("他说：“好！”然后走了。", ["他说：“好！”", "然后走了。"]),
    ("他说：“好。”然后走了。", ["他说：“好。”", "然后走了。"]),
    ("他问：「行吗？」没人回答。", ["他问：「行吗？」", "没人回答。"]),
    ("他说：“好！”。下一句。", ["他说：“好！”。", "下一句。"]),
    ("他说：“好！”）然后。", ["他说：“好！”）", "然后。"]),
    # Quoted speech of several sentences is one sentence with its introduction.
    ("他说：“好。我走了。”然后走了。", ["他说：“好。我走了。”", "然后走了。"]),
])
def test_quotations(text, sentences):
    assert _sentences(text) == sentences


@pytest.mark.parametrize("text, sentences", [
    ("他说：“她喊：‘加油！’然后跑了。”我们都笑了。", ["他说：“她喊：‘加油！’然后跑了。”", "我们都笑了。"]),
    ("提出“要有‘敢闯敢试！’的劲头”。再说。", ["提出“要有‘敢闯敢试！’的劲头”。", "再说。"]),
    ("他说：“‘好！’”然后走了。", ["他说：“‘好！’”", "然后走了。"]),
    ("“‘好！”然后。", ["“‘好！”然后。"]),  # the unclosed ‘ does not hold the outer quotation open
])
def test_nested_quotations(text, sentences):
    assert _sentences(text) == sentences


@pytest.mark.parametrize("text, sentences", [
    # A quotation mark never closed in the paragraph is ordinary text: the
    # paragraph splits as if it were not there.
    ("他说：“好。然后走了。还有", ["他说：“好。", "然后走了。", "还有"]),
    ("喊出“加油！大家都很振奋。最后一句。", ["喊出“加油！", "大家都很振奋。", "最后一句。"]),
    ("“加油！“继续！”好。", ["“加油！", "“继续！”好。"]),
    # So is a closing mark with nothing to close; after a 。！？ it stays with its sentence.
    ("好。”然后。", ["好。”", "然后。"]),
])
def test_unpaired_quotation_marks(text, sentences):
    assert _sentences(text) == sentences


def test_brackets_and_quotes_without_terminals_split_as_before():
    text = "落实“三个区分开来”，完善机制。政策（详见附件。）下一句。结尾没有句号"
    assert _sentences(text) == ["落实“三个区分开来”，完善机制。", "政策（详见附件。）", "下一句。", "结尾没有句号"]


def test_offsets_cover_the_text():
    text = "他说：“好！”然后走了。喊出“加油！”的口号！末尾"
    pieces = split_sentences(text)
    assert [o for o, _ in pieces] == [0, 7, 12, 23]
    assert "".join(s for _, s in pieces) == text
    assert all(text[o:o + len(s)] == s for o, s in pieces)
    assert split_sentences("") == []
