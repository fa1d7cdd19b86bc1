"""A term's page as every writer gets it (generator/writers/term_page.py), on
the small project of tests/fixtures/render/project/: the site's page and the
Markdown export's are its goldens (render/, markdown/)."""

from __future__ import annotations

from generator.project.project import Project
from generator.text.term_matching import by_slug
from generator.writers.term_page import Explained, InReport, Line, Related, term_page
from tests.conftest import FIXTURES

TINY = FIXTURES / "render" / "project"


def _page(script: str):
    loaded = Project(TINY).load()
    item = loaded.glossary.by_slug["xin-zhi-sheng-chan-li"]
    return term_page(loaded, item, by_slug(loaded.occurrences)["xin-zhi-sheng-chan-li"], script)


def test_a_term_page_in_traditional():
    page = _page("hant")
    assert (page.page.script, page.page.lang, page.page.other, page.page.other_label) == \
        ("hant", "zh-Hant", "hans", "简体字版")
    assert page.traditional == "新質生產力" and page.variants is None
    assert page.category == ("經濟", "Economy")
    assert page.explained == (
        Explained("definition", "釋義", "Definition", "測試用釋義。", "A test definition."),
        Explained("note", "說明", "Note", "測試用說明。", "A test note."))
    assert page.related == (Related("gao-zhi-liang-fa-zhan", "高質量發展", "high-quality development"),)
    assert page.count == 3 and page.source == "glossary/xin-zhi-sheng-chan-li.yml"


def test_its_occurrences_report_by_report_cut_around_the_term():
    page = _page("hans")
    assert page.page.other_label == "繁體字版" and page.traditional == "新質生產力"
    assert page.reports == (InReport(2099, "2099年政府工作报告", (
        Line("sec_2__item_1__para_1__sent_1", "（一）加快发展", "新质生产力", "。"),
        Line("sec_2__item_1__para_2__sent_2", "以", "新质生产力", "推动发展，新质生产力是关键。"),
        Line("sec_2__item_1__para_2__sent_2", "以新质生产力推动发展，", "新质生产力", "是关键。"),
    )),)
