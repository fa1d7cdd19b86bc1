"""What changed, as an analyst reads it (generator/comparison/summary.py, issue
23): figures changed whole, counts limited to what both texts hold, tasks
moved, terms and phrases that first appear; the compare JSON with its texts."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from generator.comparison.alignment import NEW, align
from generator.comparison.summary import summarize, term_changes
from generator.model import container_of as container
from generator.model import paragraph_of
from generator.project.project import Project
from generator.sources.rawfile import parse_reports
from generator.writers.site import compare_page
from tests.conftest import FIXTURES, ROOT

LINEAGE = FIXTURES / "lineage"


@pytest.fixture(scope="module")
def seeds():
    loaded = Project(ROOT).load()
    (comparison,) = compare_page.comparisons(loaded, compare_page.align_reports)
    meta_a, meta_b = comparison.a.meta.meta, comparison.b.meta.meta
    return loaded, comparison, summarize(comparison.lineage, meta_a.whole, meta_b.whole)


def test_every_changed_figure_of_the_fixture_whole_with_its_unit():
    a, b = (parse_reports(LINEAGE / f"{year}.txt")[0].report for year in (2098, 2099))
    found = {(f.before, f.after) for f in summarize(align(a, b), True, True).figures}
    # Read from the two texts: last year's results, this year's targets, the bonds.
    assert found == {("5.2%", "5%"), ("1244万人", "1256万人"), ("5.5%左右", "5%左右"),
                     ("1100万人以上", "1200万人以上"), ("3%左右", "2%左右"), ("3.8万亿元", "4.4万亿元")}


def test_what_lies_beyond_the_earlier_excerpt_is_not_counted_as_new(seeds):
    _, comparison, summary = seeds
    pairs = list(comparison.lineage.sentence_pairs())
    beyond = [p for p in pairs if not summary.in_scope(p)]
    # The edition holds 2022 from task 九: 2024's tasks 一 to 九 lie beyond it, but
    # for the paragraph of task 二 that took in 2022's education sentences.
    assert summary.beyond == {"a": 0, "b": len(beyond)} and len(beyond) > 150
    order = [s.id for p in comparison.lineage.b.paragraphs() for s in p.sentences]
    task_10 = next(k for k, anchor in enumerate(order) if container(anchor) == "sec_3__item_10")
    assert all(p.change == NEW and order.index(p.b.id) < task_10 for p in beyond)
    linked = {paragraph_of(p.b.id) for p in pairs if p.a and p.b}
    assert "sec_3__item_2__para_2" in linked
    assert not any(paragraph_of(p.b.id) in linked for p in beyond)
    assert summary.counts["new"] + len(beyond) == sum(p.change == NEW for p in pairs)


def test_the_renumbered_task_and_the_sentences_that_moved(seeds):
    _, _, summary = seeds
    moves = {(m.a, m.b): (m.sentences, m.main) for m in summary.moves}
    assert moves[("sec_3__item_9", "sec_3__item_10")][1] is True  # （九） went mostly to （十）
    assert moves[("sec_3__item_9", "sec_3__item_2")] == (5, False)  # education moved to task 二


def test_terms_and_quoted_phrases_that_first_appear(seeds):
    loaded, comparison, summary = seeds
    forms = {item.entry.slug: (item.entry.term, *item.entry.aliases) for item in loaded.glossary.entries}
    terms = term_changes(comparison.lineage, summary, loaded.occurrences, forms)
    first = dict(terms.first)
    assert first["gao-xiao-ban-cheng-yi-jian-shi"] == 1  # 高效办成一件事, in 2024's closing
    assert "高效办成一件事" in terms.phrases and "枫桥经验" in terms.phrases
    assert "xin-zhi-sheng-chan-li" not in first  # in 2024's task 一, beyond 2022's excerpt: not counted
    assert "dang-zhong-yang" not in first  # 党中央: 2022 has it, inside 以习近平同志为核心的党中央
    assert not set(terms.rose) & set(terms.fell) and all(slug in forms for slug in (*terms.rose, *terms.fell))


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True)


def test_compare_json_holds_the_texts_and_each_edit_s_diff():
    result = _run("compare", str(LINEAGE / "2098.txt"), str(LINEAGE / "2099.txt"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["a"]["year"], data["b"]["year"]) == (2098, 2099)
    sentences = [s for pair in data["pairs"] for s in pair["sentences"]]
    bonds = next(s for s in sentences if s["text_b"] and "专项债券4.4" in s["text_b"])
    assert bonds["change"] == "edited" and "3.8万亿元" in bonds["text_a"]
    assert ["delete", "3.8"] in bonds["diff"] and ["insert", "4.4"] in bonds["diff"]
    assert "".join(t for op, t in bonds["diff"] if op != "insert") == bonds["text_a"]
    assert all("diff" not in s for s in sentences if s["change"] != "edited")


def test_a_closing_read_into_the_last_task_is_warned_about(tmp_path):
    raw = tmp_path / "r.txt"
    lines = ["各位代表：", "现在，我代表国务院，向大会报告政府工作。", "一、2099年政府工作任务"]
    for n, numeral in enumerate("一二", 1):
        lines += [f"（{numeral}）任务{numeral}。", f"第{n}项任务的内容。"]
    lines += [f"政府自身建设的第{k}段。" for k in range(1, 8)] + ["各位代表！让我们更加紧密地团结起来。"]
    raw.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _run("compare", str(raw), str(raw), "--year-a", "2099", "--year-b", "2099")
    assert result.returncode == 0
    assert "closing is read as part of task 2" in result.stderr and "--closing-line-a" in result.stderr
    assert f"{raw}:" in result.stderr and "Traceback" not in result.stderr


# --- a clause's history through every report ---------------------------------------------------


def test_a_clause_s_history_runs_through_every_report_and_a_paragraph_names_each_year(tmp_path):
    from types import SimpleNamespace

    from generator.comparison.history import histories

    text = (LINEAGE / "2099.txt").read_text(encoding="utf-8")
    later = tmp_path / "2100.txt"
    later.write_text(text.replace("2099年政府工作报告", "2100年政府工作报告").replace("提高20元", "提高25元"),
                     encoding="utf-8")
    reports = [parse_reports(path)[0].report for path in (LINEAGE / "2098.txt", LINEAGE / "2099.txt", later)]
    lineages = [align(a, b) for a, b in zip(reports, reports[1:])]
    found = histories(lineages)
    pension = next(s for p in reports[2].paragraphs() for s in p.sentences if "提高25元" in s.text)
    steps = found[2100][pension.id]
    assert [(s.year, s.change) for s in steps] == [(2098, "edited"), (2099, "edited")]
    assert "提高20元" in next(s.text for p in reports[0].paragraphs() for s in p.sentences if s.id == steps[0].anchor)
    back = found[2098][steps[0].anchor]  # and the other way, from the oldest
    assert [(s.year, s.anchor) for s in back] == [(2099, steps[1].anchor), (2100, pension.id)]
    # On the page: 2100's paragraph names its counterpart in 2099 and, through it, in 2098,
    # each with the compare page of its own step.
    comparisons = [compare_page.Comparison(SimpleNamespace(report=a), SimpleNamespace(report=b), lineage)
                   for a, b, lineage in zip(reports, reports[1:], lineages)]
    paragraph = paragraph_of(pension.id)
    named = compare_page.counterparts(comparisons)[2100][paragraph]
    assert {(c.year, c.page) for c in named} == {(2098, "compare/2098-2099.md"), (2099, "compare/2099-2100.md")}
    assert [c.year for c in named] == sorted(c.year for c in named)
    assert (2098, paragraph_of(steps[0].anchor)) in {(c.year, c.anchor) for c in named}


def test_a_split_and_a_merge_are_second_links_not_new_or_removed(seeds):
    a, b = (parse_reports(LINEAGE / f"{year}.txt")[0].report for year in (2098, 2099))
    (split,) = align(a, b).also  # 2098's 推动产业链供应链优化升级，… is split: part of it is 2099's own sentence
    assert (split.change, split.a.text[:8], split.b.text) == ("split", "推动产业链供应链", "推动产业优化升级。")
    _, comparison, summary = seeds
    merged = {(s.a.id, s.b.id) for s in comparison.lineage.also if s.change == "merged"}
    # 2022's 加强县域普通高中建设。 is now the end of one 2024 sentence on basic education.
    assert ("sec_3__item_9__para_2__sent_7", "sec_3__item_2__para_2__sent_5") in merged
    alone = {s.a.id for s in comparison.lineage.sentence_pairs() if s.change == "removed"}
    assert {a_ for a_, _ in merged} <= alone  # still once in the pairs, as removed
    assert summary.counts["merged"] == len(merged)
    removed = sum(1 for s in comparison.lineage.sentence_pairs() if s.change == "removed" and summary.in_scope(s))
    assert summary.counts["removed"] == removed - len(merged)


def test_the_page_s_figure_table_names_each_change_with_links(tmp_path):
    """The compare page of two whole reports (the fixture's 2098 → 2099): each
    changed figure in a row, the clause's pinpoint as its header, both figures
    linked to their sentences."""
    from types import SimpleNamespace

    from generator.writers.templating import env
    from tests.conftest import default_links

    reports = [parse_reports(LINEAGE / f"{year}.txt")[0].report for year in (2098, 2099)]
    meta = SimpleNamespace(title="报告", title_en="Report", holds="全文", holds_en="The whole report", whole=True)
    sides = [SimpleNamespace(report=r, meta=SimpleNamespace(meta=meta)) for r in reports]
    comparison = compare_page.Comparison(*sides, align(*reports))
    from generator.sources.translation import Translation

    english = {year: Translation(year, f"{year}.en.yml", {}, None) for year in (2098, 2099)}  # none translated
    loaded = SimpleNamespace(translations=english, occurrences=[],
                             glossary=SimpleNamespace(by_slug={}, entries=[]))
    html = compare_page.render_compare(comparison, loaded, default_links(), env).html
    table = html[html.index('class="gwr-cmp-table gwr-cmp-figures"'):]
    table = table[:table.index("</table>")]
    rows = table.count('<tr><th scope="row">')
    assert rows == 6
    assert '2098/#sec_2__para_1__sent_1">5.5%左右</a>' in table and '2099/#sec_2__para_1__sent_1">5%左右</a>' in table
    assert '">3.8万亿元</a>' in table and '">4.4万亿元</a>' in table
