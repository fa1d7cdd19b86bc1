"""A term's page as every writer gets it (generator/writers/term_page.py), on
the small project of tests/fixtures/render/project/: the site's page and the
Markdown export's are its goldens (render/, markdown/)."""

from __future__ import annotations

from generator.project.project import Project
from generator.text.citation import Label
from generator.text.term_matching import by_slug
from generator.writers.rows import CHECKED, PENDING, STALE
from generator.writers.site import glossary_pages
from generator.writers.term_page import (
    Explained,
    InReport,
    Line,
    LineEnglish,
    Related,
    line_english,
    paragraph_english,
    term_page,
)
from tests.conftest import FIXTURES, default_links

TINY = FIXTURES / "render" / "project"


def _page(script: str, slug: str = "xin-zhi-sheng-chan-li"):
    loaded = Project(TINY).load()
    item = loaded.glossary.by_slug[slug]
    return term_page(loaded, item, by_slug(loaded.occurrences)[slug], script)


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


TITLE = LineEnglish(CHECKED, "(1) Develop ", "new quality productive forces", " faster.")
PENDING_ENGLISH = LineEnglish(PENDING)


def test_its_occurrences_report_by_report_cut_around_the_term():
    page = _page("hans")
    assert page.page.other_label == "繁體字版" and page.traditional == "新質生產力"
    para_2 = Label("二（一）第2段第2句", "Part II, task 1, para. 2, sent. 2")
    assert page.reports == (InReport(2099, "2099年政府工作报告", (
        Line("sec_2__item_1__para_1__sent_1", Label("二（一）第1段第1句", "Part II, task 1, para. 1, sent. 1"),
             "（一）加快发展", "新质生产力", "。", TITLE),
        Line("sec_2__item_1__para_2__sent_2", para_2, "以", "新质生产力", "推动发展，新质生产力是关键。",
             PENDING_ENGLISH),
        Line("sec_2__item_1__para_2__sent_2", para_2, "以新质生产力推动发展，", "新质生产力", "是关键。",
             PENDING_ENGLISH),
    )),)


def test_each_occurrence_has_its_pinpoint_and_the_english_beside_it_in_either_script():
    """Issue 21: a sentence is named by its pinpoint, not its anchor (the link
    keeps the anchor), and its English stands beside it: the task's title for a
    title sentence, the paragraph's English otherwise, stale or pending as the
    report page says."""
    hant = _page("hant")
    (first, *_), = (found.lines for found in hant.reports)
    assert first.sentence_id == "sec_2__item_1__para_1__sent_1"
    assert first.pinpoint == Label("二（一）第1段第1句", "Part II, task 1, para. 1, sent. 1")
    assert (first.before, first.term) == ("（一）加快發展", "新質生產力")
    assert first.english == TITLE  # the English is the same on the Traditional page
    # A paragraph's English whole where the unit splits nothing off; its translation is stale here.
    (line,), = (found.lines for found in _page("hans", "gao-zhi-liang-fa-zhan").reports)
    assert line.pinpoint == Label("一第1段第1句", "Part I, para. 1, sent. 1")
    assert line.english == LineEnglish(STALE, "Last year we pursued ", "high-quality development", ".")
    assert line.english.stale and not line.english.pending


def test_the_english_beside_a_sentence_is_the_unit_that_answers_it():
    loaded = Project(TINY).load()
    found = by_slug(loaded.occurrences)["xin-zhi-sheng-chan-li"]
    english = paragraph_english(loaded, found)
    assert {key: unit is not None for key, unit in english.items()} == {
        (2099, "sec_2__item_1__para_1"): True, (2099, "sec_2__item_1__para_2"): False}
    unit = english[(2099, "sec_2__item_1__para_1")]
    # Each sentence's own unit, the term's rendering cut out where it has one.
    assert line_english(unit, "sec_2__item_1__para_1__sent_1", "xin-zhi-sheng-chan-li", loaded.glossary) == TITLE
    assert line_english(unit, "sec_2__item_1__para_1__sent_2", "xin-zhi-sheng-chan-li", loaded.glossary) == \
        LineEnglish(CHECKED, "Upgrade industrial chains.")
    assert line_english(None, "sec_2__item_1__para_2__sent_1", "xin-zhi-sheng-chan-li", loaded.glossary) == \
        PENDING_ENGLISH


def test_the_site_concordance_links_pinpoints_not_anchors():
    loaded = Project(TINY).load()
    for script, prefix, lang in (("hans", "glossary", "zh-Hans"), ("hant", "zh-hant/glossary", "zh-Hant")):
        pages = {p.src_uri: p for p in glossary_pages.render_glossary(loaded, default_links(), script)}
        html = pages[f"{prefix}/xin-zhi-sheng-chan-li.md"].html
        concordance = html.split('<ol class="gwr-concordance">', 1)[1].split("</ol>", 1)[0]
        assert "<code>" not in concordance  # no raw anchor shown
        assert f'<a href="../../2099/#sec_2__item_1__para_1__sent_1"><span lang="{lang}">二（一）第1段第1句' \
               '</span> · <span lang="en">Part II, task 1, para. 1, sent. 1</span></a>' in concordance
        assert '<span lang="en">(1) Develop <mark>new quality productive forces</mark> faster.' \
               '</span>' in concordance
        assert concordance.count('<span class="gwr-pending" lang="en">[Translation pending]</span>') == 2
    stale = {p.src_uri: p for p in glossary_pages.render_glossary(loaded, default_links())}
    html = stale["glossary/gao-zhi-liang-fa-zhan.md"].html
    assert '<span class="gwr-stale" lang="en" title="The Chinese changed after this was translated; ' \
           'the English may be out of date.">Last year we pursued <mark>high-quality development</mark>.</span>' in html
