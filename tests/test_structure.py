"""Structure: sections, items, closing, sentences and the anchors they get."""

from __future__ import annotations

import pytest

from generator.diagnostics import Diagnostics
from generator.project.project import Project
from generator.sources import grammar, normalize
from generator.sources.grammar import chinese_number, numeral, split_sentences
from generator.sources.structure import Placement, build_report
from generator.writers.opendata import parse_file
from tests.conftest import ROOT


def _report(paragraphs: list[str], placement: Placement = Placement(), diagnostics=None):
    blocks = normalize.normalize(paragraphs).blocks
    return build_report(2099, list(blocks), "x.txt", placement, diagnostics if diagnostics is not None else Diagnostics())


@pytest.mark.parametrize("text, value", [("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23)])
def test_numerals(text, value):
    assert numeral(text) == value
    assert chinese_number(value) == text


def test_sentences_end_after_terminal_and_closing_quotes():
    text = "落实“三个区分开来”，完善机制。广大干部要增强“时时放心不下”的责任感！真抓实干？结尾没有句号"
    assert [s for _, s in split_sentences(text)] == [
        "落实“三个区分开来”，完善机制。",
        "广大干部要增强“时时放心不下”的责任感！",
        "真抓实干？",
        "结尾没有句号",
    ]
    assert [s for _, s in split_sentences("他说：“好。”然后走了。")] == ["他说：“好。”", "然后走了。"]


def test_grammar_intro_sections_items_closing():
    report = _report([
        "各位代表：", "现在，我代表国务院报告工作。",
        "一、回顾", "过去一年很不平凡。",
        "二、任务", "今年要做好以下工作。",
        "（一）第一项。展开说明。", "引导句。正文。",
        "（二）第二项。",
        "各位代表！", "结束语。",
    ])
    assert report.anchors() == [
        "intro__para_1", "intro__para_1__sent_1", "intro__para_2", "intro__para_2__sent_1",
        "sec_1", "sec_1__para_1", "sec_1__para_1__sent_1",
        "sec_2", "sec_2__para_1", "sec_2__para_1__sent_1",
        "sec_2__item_1", "sec_2__item_1__para_1", "sec_2__item_1__para_1__sent_1", "sec_2__item_1__para_1__sent_2",
        "sec_2__item_1__para_2", "sec_2__item_1__para_2__sent_1", "sec_2__item_1__para_2__sent_2",
        "sec_2__item_2", "sec_2__item_2__para_1", "sec_2__item_2__para_1__sent_1",
        "closing__para_1", "closing__para_1__sent_1", "closing__para_2", "closing__para_2__sent_1",
    ]
    item = report.sections[1].items[0]
    assert item.title == "第一项。" and item.marker == "（一）"
    assert [p.has_lead for p in item.paragraphs] == [False, True]


def test_a_cue_before_the_last_item_is_not_the_closing():
    report = _report(["一、回顾", "各位代表！", "成绩来之不易。", "二、任务", "（一）一项。", "各位代表！", "结束。"])
    assert [p.id for p in report.sections[0].paragraphs] == ["sec_1__para_1", "sec_1__para_2"]
    assert [p.text for p in report.closing] == ["各位代表！", "结束。"]


def test_placement_starts_an_excerpt_inside_an_item_with_missing_marker():
    report = _report(["切实保障和改善民生。坚持尽力而为。", "促进教育公平。", "各位代表！", "结束。"],
                     Placement(section=3, item=9))
    (section,) = report.sections
    assert section.id == "sec_3" and section.heading is None
    (item,) = section.items
    assert item.id == "sec_3__item_9" and item.marker is None
    assert item.title == "切实保障和改善民生。"
    assert [p.id for p in item.paragraphs] == ["sec_3__item_9__para_1", "sec_3__item_9__para_2"]
    assert report.closing[0].id == "closing__para_1"


def test_metadata_can_place_the_closing_when_the_cue_is_missing():
    report = _report(["一、任务", "（一）一项。", "收尾段落。", "最后的话。"], Placement(closing_line=3))
    assert [p.text for p in report.closing] == ["收尾段落。", "最后的话。"]


def test_numbering_gaps_are_warnings_with_lines():
    diagnostics = Diagnostics()
    _report(["一、任务", "（一）一项。", "（三）三项。"], diagnostics=diagnostics)
    (warning,) = diagnostics.warnings
    assert warning.line == 3 and "item 3 follows item 1" in warning.message


def test_seed_reports_have_the_published_structure():
    loaded = {r.report.year: r.report for r in Project(ROOT).load().reports}
    r2024 = loaded[2024]
    (sec,) = r2024.sections
    assert sec.id == "sec_3" and sec.heading == "三、2024年政府工作任务"
    assert [i.id for i in sec.items] == [f"sec_3__item_{m}" for m in range(1, 11)]
    assert sec.items[0].title == "大力推进现代化产业体系建设，加快发展新质生产力。"
    assert sum(1 for _ in r2024.paragraphs()) == 54
    assert len(r2024.closing) == 12 and r2024.closing[0].text == "各位代表！"
    r2022 = loaded[2022]
    (item,) = r2022.sections[0].items
    assert item.id == "sec_3__item_9" and item.title == "切实保障和改善民生，加强和创新社会治理。"
    assert item.pos.line == 4
    r2021 = loaded[2021]
    assert [p.id for p in r2021.intro] == ["intro__para_1", "intro__para_2"]
    assert not r2021.sections and not r2021.closing
    # Nothing of the 2022 text on the 2024 page.
    text_2024 = "".join(p.text for p in r2024.paragraphs())
    assert "切实保障和改善民生，加强和创新社会治理。坚持尽力而为" not in text_2024


def test_sentence_positions_point_at_raw_lines():
    r2024 = next(r.report for r in Project(ROOT).load().reports if r.report.year == 2024)
    para = r2024.sections[0].items[0].paragraphs[1]
    assert para.id == "sec_3__item_1__para_2"
    assert (para.pos.path, para.pos.line) == ("source_texts/000_40cf7fe3becdb34f.txt", 23)
    assert para.sentences[1].text == "保持工业经济平稳运行。"
    assert para.sentences[1].pos.line == 23


# The full reports of the shared corpus: expected shape, from the printed reports.
CORPUS_SHAPE = {
    "2021": {"sections": [1, 2, 3], "items": {3: 8}, "closing_first": "各位代表！", "intro": 2},
    "2025": {"sections": [1, 2, 3], "items": {3: 10}, "closing_first": "应对新挑战", "intro": 2},
}


def test_parse_splits_corpus_reports(corpus):
    for path in corpus:
        shape = CORPUS_SHAPE.get(path.stem)
        if shape is None:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        # The 2025 file lost its standalone 各位代表！ lines; metadata would place the closing.
        closing = next((n for n, line in enumerate(lines, 1) if line.strip().startswith(shape["closing_first"])), None)
        placement = {"2025": closing}.get(path.stem)
        data = parse_file(path, closing_line=placement)[0]
        blocks = data["blocks"]
        sections = [b["number"] for b in blocks if b["kind"] == "section"]
        assert sections == shape["sections"]
        for n, count in shape["items"].items():
            items = [b for b in blocks if b["kind"] == "item" and b["id"].startswith(f"sec_{n}__")]
            assert [b["number"] for b in items] == list(range(1, count + 1))
            assert all(b["text"] and b["text"].endswith("。") for b in items)
        intro = [b for b in blocks if b["id"].startswith("intro__")]
        assert len(intro) == shape["intro"] and intro[0]["text"] == "各位代表："
        closing_blocks = [b for b in blocks if b["id"].startswith("closing__")]
        assert closing_blocks and closing_blocks[0]["text"].startswith(shape["closing_first"])
        # Every paragraph of the file is in exactly one block, in order.
        paragraphs = [b["text"] for b in blocks if b["kind"] == "paragraph"]
        body = [line.strip().strip("\u3000") for line in lines[4:] if line.strip()]
        assert ["".join(p.split()) for p in paragraphs] == ["".join(line.split()) for line in body if not
                                                              grammar.is_section_heading(line.strip())]
        assert data["diagnostics"] == []


def test_repeated_number_is_an_error_because_anchors_would_collide():
    diagnostics = Diagnostics()
    _report(["一、任务", "（一）一项。", "（一）又一项。"], diagnostics=diagnostics)
    (error,) = diagnostics.errors
    assert error.line == 3 and "anchors would collide" in error.message


def test_closing_line_must_start_a_paragraph_and_follow_the_last_item():
    diagnostics = Diagnostics()
    _report(["一、任务", "（一）一项。", "结束。"], Placement(closing_line=2), diagnostics=diagnostics)
    assert any("after the start of the closing" in e.message for e in diagnostics.errors)
