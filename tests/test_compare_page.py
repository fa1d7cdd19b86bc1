"""The compare pages (/compare/, /compare/A-B/) and api/compare/A-B.json, rendered from the project."""

from __future__ import annotations

import html
import json
import re

from generator.build.mkdocs_files import page_urls
from generator.comparison.alignment import EDITED, NEW, REMOVED, SAME, SentencePair, align, lineage_json
from generator.links import Links
from generator.model import Sentence, SourcePos
from generator.project.project import Project
from generator.writers.site import compare_page
from generator.writers.site import pages as site_pages
from tests.conftest import ROOT, default_links


def _site(links=None):
    loaded = Project(ROOT).load()
    return loaded, site_pages.render_site(loaded, links or default_links())


def _sentence(anchor: str, text: str) -> Sentence:
    return Sentence(anchor, text, SourcePos("x.txt", 1))


def _text(markup: str) -> str:
    """What a sighted reader sees: the markup without tags and without the screen-reader labels."""
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r'<span class="gwr-sr">[^<]*</span>', "", markup)))


def test_consecutive_years_with_shared_text_are_compared():
    loaded = Project(ROOT).load()
    found = compare_page.comparisons(loaded, compare_page.align_reports)
    assert [c.years for c in found] == [(2022, 2024)]
    # 2021 holds two opening paragraphs: its 各位代表： pairs with 2022's 各位代表！, and that is all.
    by_year = {r.report.year: r.report for r in loaded.reports}
    assert compare_page.paired(align(by_year[2021], by_year[2022])) == 1 < compare_page.MIN_PAIRED


def test_an_edited_sentence_marks_deletions_on_one_side_and_insertions_on_the_other():
    pair = SentencePair(_sentence("a__sent_1", "稳妥推进改革，扩大消费。"), _sentence("b__sent_1", "积极推进改革，扩大消费。"),
                        0.6, EDITED)
    before, after = str(compare_page.diff_markup(pair, "a")), str(compare_page.diff_markup(pair, "b"))
    assert "<del>" in before and "<ins>" not in before and "<ins>" in after and "<del>" not in after
    assert re.search(r"<del><span class=\"gwr-sr\">\[删去：deleted: </span>稳妥<", before)
    assert re.search(r"<ins><span class=\"gwr-sr\">\[新增：inserted: </span>积极<", after)
    # The marks add no characters to the report text.
    assert _text(before) == "稳妥推进改革，扩大消费。" and _text(after) == "积极推进改革，扩大消费。"


def test_new_and_removed_sentences_are_all_marked_and_a_renumbered_task_is_not():
    new = SentencePair(None, _sentence("b__sent_1", "新的一句<话>。"), 0.0, NEW)
    assert str(compare_page.diff_markup(new, "b")).startswith("<ins>") and "&lt;话&gt;" in compare_page.diff_markup(new, "b")
    removed = SentencePair(_sentence("a__sent_1", "删去的一句。"), None, 0.0, REMOVED)
    assert str(compare_page.diff_markup(removed, "a")).startswith("<del>")
    renumbered = SentencePair(_sentence("a", "（九）切实保障和改善民生。"), _sentence("b", "（十）切实保障和改善民生，加强社会治理。"),
                              0.7, EDITED)
    after = str(compare_page.diff_markup(renumbered, "b"))
    assert after.startswith("（十）切实保障和改善民生") and "，加强社会治理" in after.split("<ins>")[1]
    same = SentencePair(_sentence("a", "各位代表！"), _sentence("b", "各位代表！"), 1.0, SAME)
    assert str(compare_page.diff_markup(same, "b")) == "各位代表！"


def test_the_2022_2024_page_pairs_task_9_with_task_10_and_links_both_anchors():
    loaded, site = _site()
    pages = {p.src_uri: p for p in site.pages}
    page = pages["compare/2022-2024.md"].html
    section = page.split('id="sec_3__item_9__para_1--sec_3__item_10__para_1"', 1)[1].split("</section>", 1)[0]
    assert 'href="../../2022/#sec_3__item_9__para_1"' in section and 'href="../../2024/#sec_3__item_10__para_1"' in section
    row = section.split('id="sec_3__item_9__para_1__sent_1--sec_3__item_10__para_1__sent_1"', 1)[1].split("</tr>", 1)[0]
    assert "切实保障和改善民生，加强和创新社会治理。" in row and "<ins>" not in row  # the same title, renumbered
    # Each sentence's English under it, from each year's translation.
    for year, paragraph in ((2022, "sec_3__item_9__para_1"), (2024, "sec_3__item_10__para_1")):
        for segment in loaded.translations[year].by_block[paragraph]:
            english = html.escape(loaded.translations[year].text(segment.anchor)).replace("&#x27;", "&#39;")
            assert f'<span class="gwr-cmp-row-en" lang="en">{english}</span>' in section
    # Paragraphs beyond 2022's excerpt are folded, a run of them as one.
    assert page.count('<details class="gwr-cmp-beyond-group">') == 2 and "<summary>29 段 174 句" in page
    # Both closings align; new and removed sentences are named as such.
    assert 'id="closing__para_1--closing__para_1"' in page
    assert "新增 · <span lang=\"en\">new</span>" in page and "删去 · <span lang=\"en\">removed</span>" in page
    assert page.count("<ins>") > 10 and page.count("<del>") > 10
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    index = pages["compare/index.md"].html
    assert 'href="2022-2024/"' in index
    assert {"compare/index.md", "compare/2022-2024.md"} <= {p.src_uri for p in site.pages if p.src_uri.startswith("compare/")}


def test_links_follow_the_engine_urls():
    _, site = _site(Links(page_urls(use_directory_urls=False)))
    page = next(p for p in site.pages if p.src_uri == "compare/2022-2024.md")
    assert 'href="../2022.html#sec_3__item_9__para_1"' in page.html
    assert 'href="../api/compare/2022-2024.json"' in page.html and 'href="rules.html"' in page.html
    assert {"2022.md", "2024.md", "compare/rules.md", "api/compare/2022-2024.json"} <= page.targets


def test_open_data_is_the_cli_json_with_what_lies_beyond_the_excerpt_marked():
    loaded, site = _site()
    by_year = {r.report.year: r.report for r in loaded.reports}
    published = json.loads(site.files["api/compare/2022-2024.json"])
    beyond = [s for p in published["pairs"] for s in p["sentences"] if "in_scope" in s]
    # 2022's text here begins at task 九: 2024's tasks before （十） cannot be compared with it.
    assert beyond and all(s["in_scope"] is False and s["a"] is None for s in beyond)
    for pair in published["pairs"]:
        for s in pair["sentences"]:
            s.pop("in_scope", None)
    summary = published.pop("summary")  # and the page's summary
    assert published == lineage_json(align(by_year[2022], by_year[2024]))
    assert summary["counts"]["new"] + summary["beyond"]["b"] == sum(
        s["change"] == "new" for p in published["pairs"] for s in p["sentences"])
    assert {"a": "sec_3__item_9", "b": "sec_3__item_2", "sentences": 5, "main": False} in summary["moves"]
    assert "gao-xiao-ban-cheng-yi-jian-shi" in summary["terms"]["new"] and "高效办成一件事" in summary["terms"]["quoted"]
    assert not any(name.startswith("api/compare/2021") for name in site.files)


def test_counterparts_name_each_paragraph_in_the_other_year_both_ways():
    loaded = Project(ROOT).load()
    found = compare_page.comparisons(loaded, compare_page.align_reports)
    by_year = compare_page.counterparts(found)
    (title,) = by_year[2024]["sec_3__item_10__para_1"]
    # The title is the same; 2024's task opens with sentences 2022's did not have.
    assert (title.year, title.anchor, title.change) == (2022, "sec_3__item_9__para_1", EDITED)
    assert by_year[2024]["closing__para_1"][0].change == SAME  # 各位代表！
    assert (title.label.zh, title.label.en) == ("三（九）第1段", "Part III, task 9, para. 1")
    assert title.page == "compare/2022-2024.md" and title.row == "sec_3__item_9__para_1--sec_3__item_10__para_1"
    # Symmetric: every counterpart of a 2024 paragraph names it back, on the same row.
    for anchor, found_ in by_year[2024].items():
        for c in found_:
            assert any(back.anchor == anchor and back.row == c.row for back in by_year[2022][c.anchor])
    # A paragraph 2024 split (2022's closing para. 2 holds what 2024 says in two) has both.
    assert {c.anchor for c in by_year[2022]["closing__para_2"]} == {"closing__para_2", "closing__para_3"}
    # 2021 is compared with nothing: its paragraphs have no counterpart.
    assert 2021 not in by_year


def test_a_report_paragraph_links_its_counterpart_and_the_compare_row():
    loaded, site = _site()
    pages = {p.src_uri: p for p in site.pages}
    compare = pages["compare/2022-2024.md"].html
    report = pages["2024.md"].html
    row = re.search(r'<div class="gwr-row gwr-item-row" id="sec_3__item_10__para_1".*?<p class="gwr-lineage">(.*?)</p>',
                    report, re.S).group(1)
    assert 'href="../2022/#sec_3__item_9__para_1"' in row and "2022：三（九）第1段" in row
    assert "2022: Part III, task 9, para. 1" in row and "相同" not in row
    same = re.search(r'id="closing__para_1".*?<p class="gwr-lineage">(.*?)</p>', report, re.S).group(1)
    assert "相同" in same and ">same<" in same
    target = re.search(r'href="../compare/2022-2024/#([^"]+)"', row).group(1)
    assert f'id="{target}"' in compare
    # Every row a report page links to is on the compare page.
    for page in ("2022.md", "2024.md", "zh-hant/2024.md"):
        for anchor in re.findall(r'compare/2022-2024/#([^"]+)"', pages[page].html):
            assert f'id="{anchor}"' in compare, (page, anchor)
    # The Traditional page shows its labels in Traditional script.
    assert "2022：三（九）第1段" in pages["zh-hant/2024.md"].html
    hant = re.search(r'id="sec_3__item_10__para_4".*?<p class="gwr-lineage">(.*?)</p>', pages["zh-hant/2024.md"].html,
                     re.S).group(1)
    assert "對比" in hant and "zh-hant/2022/#" not in hant and "../2022/" in hant
    # A paragraph with no counterpart has no line.
    assert not re.search(r'id="sec_3__item_1__para_1".*?</div>\s*<p class="gwr-lineage">', report.split(
        'id="sec_3__item_1__para_2"')[0], re.S)


def test_words_merged_into_a_sentence_are_not_marked_inserted_there():
    """2022's 加强县域普通高中建设。 merged into 2024's basic-education sentence: the 2024
    row diffs that sentence against both of 2022's, so the merged words are no insertion."""
    loaded, site = _site()
    page = next(p for p in site.pages if p.src_uri == "compare/2022-2024.md").html
    row = re.search(r'<tr class="gwr-cmp-row gwr-cmp-edited" id="[^"]*--sec_3__item_2__para_2__sent_5">.*?</tr>',
                    page, re.S).group(0)
    inserted = "".join(re.findall(r"<ins>(?:<span[^>]*>[^<]*</span>)?([^<]*)", row.split('class="gwr-cmp-b"')[1]))
    assert "开展基础教育扩优提质行动" in inserted and "加强县域普通高中建设" not in inserted
    assert "加强县域普通高中建设" in row.split('class="gwr-cmp-b"')[1]
