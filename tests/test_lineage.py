"""Lineage: pairs of paragraphs and sentences between two reports, checked
against a truth written by hand (tests/fixtures/lineage/), the seeds and the
full 2021 and 2025 reports of the shared corpus."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest

from generator.comparison.alignment import EDITED, NEW, REMOVED, SAME, Lineage, align, lineage_json
from generator.comparison.similarity import comparable
from generator.model import Report
from generator.project.project import Project
from generator.sources.rawfile import parse_reports
from tests.conftest import CORPUS, FIXTURES, ROOT

LINEAGE = FIXTURES / "lineage"


def _raw(path: pathlib.Path, year: int | None = None, closing_line: int | None = None) -> Report:
    (parsed,) = parse_reports(path, year, closing_line=closing_line)
    return parsed.report


def _truth(path: pathlib.Path) -> tuple[set, set]:
    """The ``[paragraphs]`` pairs and ``[sentences]`` triples of a truth file ("-" is None)."""
    sections: dict[str, set] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), set())
        elif line:
            current.add(tuple(None if field == "-" else field for field in line.split()))
    return sections["paragraphs"], sections["sentences"]


def _pairs(lineage: Lineage) -> set:
    return {(p.a.id if p.a else None, p.b.id if p.b else None) for p in lineage.pairs}


def _triples(lineage: Lineage) -> set:
    return {(s.a.id if s.a else None, s.b.id if s.b else None, s.change) for s in lineage.sentence_pairs()}


def assert_complete(lineage: Lineage) -> None:
    """What every lineage promises: each paragraph of A and B in a pair, each
    sentence in exactly one sentence pair of a pair holding its paragraph,
    changes that agree with the texts, similarities in 0..1."""
    for side, report in (("a", lineage.a), ("b", lineage.b)):
        paragraphs = {p.id for p in report.paragraphs()}
        assert {getattr(p, side).id for p in lineage.pairs if getattr(p, side)} == paragraphs
        sentences = [getattr(s, side).id for s in lineage.sentence_pairs() if getattr(s, side)]
        assert sorted(sentences) == sorted(s.id for p in report.paragraphs() for s in p.sentences)
    for pair in lineage.pairs:
        assert 0 <= pair.similarity <= 1
        assert pair.a or pair.b
        for s in pair.sentences:
            assert 0 <= s.similarity <= 1
            if s.a:
                assert pair.a and s.a in pair.a.sentences
            if s.b:
                assert pair.b and s.b in pair.b.sentences
            if s.change == SAME:
                assert comparable(s.a.text) == comparable(s.b.text) and s.similarity == 1
            elif s.change == EDITED:
                # Paired on some shared wording, however little (a gap's successor, a figure's slot).
                assert comparable(s.a.text) != comparable(s.b.text) and s.similarity > 0
            else:
                assert (s.change, s.similarity) == ((NEW, 0) if s.a is None else (REMOVED, 0))


# --- hand-made reports: moves, splits, merges, reorders, rewordings ----------------------------------


@pytest.fixture(scope="module")
def fixture_lineage() -> Lineage:
    return align(_raw(LINEAGE / "2098.txt"), _raw(LINEAGE / "2099.txt"))


def test_fixture_pairs_match_the_hand_written_truth(fixture_lineage):
    paragraphs, sentences = _truth(LINEAGE / "truth.txt")
    assert_complete(fixture_lineage)
    assert _triples(fixture_lineage) == sentences
    assert _pairs(fixture_lineage) == paragraphs


def test_fixture_pairs_read_in_the_order_of_b(fixture_lineage):
    """B's paragraphs in order; a dropped paragraph where its neighbours went
    (housing after education, the dropped 各位代表！ before the closing)."""
    shown = [(p.a.id if p.a else "-", p.b.id if p.b else "-") for p in fixture_lineage.pairs]
    b_order = [b for _, b in shown if b != "-"]
    assert b_order == sorted(b_order, key=[p.id for p in fixture_lineage.b.paragraphs()].index)
    assert shown[shown.index(("sec_2__item_3__para_3", "sec_2__item_1__para_4")) + 1] == ("sec_2__item_3__para_4", "-")
    assert shown[-4:] == [("closing__para_1", "-"), ("closing__para_2", "-"),
                          ("closing__para_3", "closing__para_1"), ("closing__para_4", "closing__para_2")]
    # Within a pair, B's order; a sentence moved in from another task comes where B has it.
    (security,) = [p for p in fixture_lineage.pairs if (p.a.id if p.a else None, p.b.id if p.b else None)
                   == ("sec_2__item_3__para_2", "sec_2__item_1__para_2")]
    assert [s.b.id[-6:] for s in security.sentences] == ["sent_1", "sent_2", "sent_3"]


def _report_of(folder: pathlib.Path, name: str, paragraphs: list[str]) -> Report:
    path = folder / name
    path.write_text("\n".join(["各位代表：", *paragraphs]) + "\n", encoding="utf-8")
    return _raw(path, 2099)


@pytest.mark.parametrize("before, after, change", [
    ("国内生产总值增长5.5%左右。", "国内生产总值增长5%左右。", EDITED),            # a number changed
    ("稳妥推进碳达峰碳中和。", "积极稳妥推进碳达峰碳中和。", EDITED),              # a word added
    ("提高城乡居民基础养老金。", "提高城乡居民基础养老金，适当提高退休人员基本养老金。", EDITED),  # a clause added
    ("推进基本养老保险全国统筹。", "推进基本养老保险全国统筹！", EDITED),           # punctuation only
    ("加强公共文化服务。", "加强气象服务。", None),                            # alike words, another thing
    ("稳定和扩大消费。", "更大力度稳定和扩大就业。", None),                      # half the bigrams, 4 in all
    # Alike at 0.44: edited inside its paragraph (the fixture's truth), apart here.
    ("优化消费环境，加强消费者权益保护。", "优化消费环境，开展放心消费行动。", None),
])
def test_one_sentence_between_unrelated_neighbours(tmp_path, before, after, change):
    a = _report_of(tmp_path, "a.txt", ["推进高水平科技自立自强。", before])
    b = _report_of(tmp_path, "b.txt", ["促进区域协调发展。", after])
    found = {s.change for s in align(a, b).sentence_pairs() if (s.a and s.a.text == before) or
             (s.b and s.b.text == after)}
    assert found == ({change} if change else {NEW, REMOVED})


def test_a_report_against_itself_is_the_same_throughout(fixture_lineage):
    """Every sentence pairs with itself, 各位代表！ repeated in the closing included."""
    for report in (fixture_lineage.a, fixture_lineage.b):
        lineage = align(report, report)
        assert all(p.a.id == p.b.id and p.similarity == 1 for p in lineage.pairs)
        assert all(s.change == SAME and s.a.id == s.b.id for s in lineage.sentence_pairs())
        assert len(lineage.pairs) == len(list(report.paragraphs()))


# --- the seeds: 2022 （九） and 2024 （十） share a title ------------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> Lineage:
    project = Project(ROOT)
    loaded = project.load()
    return align(project.report(2022, loaded), project.report(2024, loaded))


def test_seeds_pair_the_shared_task_and_the_closings(seeds):
    assert_complete(seeds)
    triples = _triples(seeds)
    assert ("sec_3__item_9__para_1__sent_1", "sec_3__item_10__para_1__sent_1", SAME) in triples
    pairs = _pairs(seeds)
    # The leads of the task's paragraphs that both reports have, read from the texts.
    for a, b in [("sec_3__item_9__para_1", "sec_3__item_10__para_1"),  # 切实保障和改善民生…
                 ("sec_3__item_9__para_3", "sec_3__item_10__para_3"),  # 提高医疗卫生服务能力。
                 ("sec_3__item_9__para_4", "sec_3__item_10__para_4"),  # 加强社会保障和服务。
                 ("sec_3__item_9__para_6", "sec_3__item_10__para_5"),  # 丰富人民群众精神文化生活。
                 ("sec_3__item_9__para_2", "sec_3__item_2__para_2"),   # education: 2024 moved it to task （二）
                 ("closing__para_1", "closing__para_1"),               # 各位代表！
                 ("closing__para_4", "closing__para_5"),               # 各位代表！ before the nationalities
                 ("closing__para_5", "closing__para_6"),               # 民族区域自治制度…
                 ("closing__para_9", "closing__para_8"),               # “一国两制”…
                 ("closing__para_13", "closing__para_11"),             # 各位代表！ before the last paragraph
                 ("closing__para_14", "closing__para_12")]:            # …团结在以习近平同志为核心的党中央周围
        assert (a, b) in pairs, (a, b)
    for a, b in pairs:  # a closing pairs with a closing only
        if a and b:
            assert a.startswith("closing") == b.startswith("closing"), (a, b)
    moved = {(a, b) for a, b, _ in triples if a and b and a.startswith("sec_3__item_9")}
    assert sum(b.startswith("sec_3__item_10") for _, b in moved) > len(moved) / 2


# --- the shared corpus: two full reports, four years apart ---------------------------------------------


@pytest.fixture(scope="module")
def corpus_lineage() -> Lineage:
    paths = {year: CORPUS / f"{year}.txt" for year in (2021, 2025)}
    if not all(p.exists() for p in paths.values()):
        pytest.skip(f"no 2021 and 2025 reports at {CORPUS}")
    # The 2025 text lost its standalone 各位代表！ lines: say where its closing begins.
    lines = paths[2025].read_text(encoding="utf-8").splitlines()
    closing = next(n for n, line in enumerate(lines, 1) if line.strip().startswith("应对新挑战"))
    return align(_raw(paths[2021], 2021), _raw(paths[2025], 2025, closing))


def _pair_of(lineage: Lineage, a_words: str, b_words: str):
    found = [s for s in lineage.sentence_pairs() if s.a and a_words in s.a.text]
    assert len(found) == 1, found
    assert found[0].b is not None and b_words in found[0].b.text, found[0]
    return found[0]


@pytest.mark.corpus
def test_corpus_lineage_is_complete(corpus_lineage):
    assert_complete(corpus_lineage)
    changes = [s.change for s in corpus_lineage.sentence_pairs()]
    # Four years apart: mostly new text, yet a hundred sentences carried over.
    assert changes.count(NEW) > 300 and changes.count(REMOVED) > 300
    assert 60 < changes.count(EDITED) + changes.count(SAME) < 150


@pytest.mark.corpus
@pytest.mark.parametrize("a_words, b_words, change", [
    ("现在，我代表国务院，向大会报告政府工作", "现在，我代表国务院，向大会报告政府工作", SAME),
    ("向全国各族人民，向各民主党派", "向全国各族人民，向各民主党派", EDITED),      # 诚挚感谢 → 衷心感谢
    ("审议法律议案9件", "审议法律议案19件", EDITED),                            # 9件/37部 → 19件/28部
    ("今年发展主要预期目标是", "今年发展主要预期目标是", EDITED),                # 6%以上 → 5%左右
    ("中央预算内投资安排6100亿元", "中央预算内投资拟安排7350亿元", EDITED),
    ("实行高水平对外开放，促进外贸外资稳中提质", "扩大高水平对外开放，积极稳外贸稳外资", EDITED),  # task 6 → task 5
    ("在肯定成绩的同时", "在肯定成绩的同时", EDITED),                            # 困难 → 问题
])
def test_corpus_sentences_that_recur(corpus_lineage, a_words, b_words, change):
    assert _pair_of(corpus_lineage, a_words, b_words).change == change


@pytest.mark.corpus
def test_corpus_task_renumbered_keeps_its_anchors_apart(corpus_lineage):
    pair = _pair_of(corpus_lineage, "实行高水平对外开放", "扩大高水平对外开放")
    assert (pair.a.id, pair.b.id) == ("sec_3__item_6__para_1__sent_1", "sec_3__item_5__para_1__sent_1")


@pytest.mark.corpus
def test_corpus_closing_merged_into_one_paragraph(corpus_lineage):
    """2021 ends 各位代表！ / 让我们…; 2025 prints them as one paragraph: both pair with it."""
    last_a = [p.id for p in corpus_lineage.a.closing][-2:]
    last_b = corpus_lineage.b.closing[-1].id
    pairs = _pairs(corpus_lineage)
    assert {(a, last_b) for a in last_a} <= pairs


@pytest.mark.corpus
def test_corpus_unrelated_short_sentences_stay_apart(corpus_lineage):
    for s in corpus_lineage.sentence_pairs():
        if s.a and "稳定和扩大消费" in s.a.text:
            assert s.b is None or "扩大就业" not in s.b.text


# --- the JSON and the command line ---------------------------------------------------------------------


def run(*args):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True)


def test_compare_prints_the_json_for_raw_files(fixture_lineage):
    result = run("compare", "tests/fixtures/lineage/2098.txt", "tests/fixtures/lineage/2099.txt")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data == lineage_json(fixture_lineage) | {"a": data["a"], "b": data["b"]}
    assert data["a"] == {"year": 2098, "path": "tests/fixtures/lineage/2098.txt"}
    assert data["b"]["year"] == 2099
    first = data["pairs"][0]
    assert set(first) == {"a", "b", "similarity", "sentences"}
    assert set(first["sentences"][0]) <= {"a", "b", "similarity", "change", "text_a", "text_b", "diff"}
    assert {"text_a", "text_b"} <= set(first["sentences"][0])
    assert {(p["a"], p["b"]) for p in data["pairs"]} == _truth(LINEAGE / "truth.txt")[0]


def test_compare_reads_years_of_the_edition(seeds):
    result = run("compare", "2022", "2024")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["a"]["year"], data["b"]["year"]) == (2022, 2024)
    assert data == lineage_json(seeds)


def test_compare_chooses_a_report_of_a_multi_report_file():
    result = run("compare", "source_texts/001_eed1ed42a63fca27.txt", "2024", "--year-a", "2024")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["a"]["year"] == 2024  # by the file's own (wrong) title


def _one_line_error(result, where, message):
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(where) and ": error: " in line and message in line, line


@pytest.mark.parametrize("args, where, message", [
    (("missing.txt", "2024"), "missing.txt", "no such file"),
    (("2022", "1999"), "source_texts/1999.yml", "no report of 1999 (reports: 2024, 2022, 2021)"),
    (("source_texts/001_eed1ed42a63fca27.txt", "2024"), "source_texts/001_eed1ed42a63fca27.txt",
     "holds 2 reports (2024, 2021); choose one with --year-a"),
    (("source_texts/001_eed1ed42a63fca27.txt", "2024", "--year-a", "1999"), "source_texts/001_eed1ed42a63fca27.txt",
     "no report of 1999 in this file (found: 2024, 2021); give --year-a one of those"),
    (("2022", "2024", "--year-b", "2024"), "2024", "--year-b and --closing-line-b read a raw file"),
])
def test_compare_refuses_bad_input_in_one_line(args, where, message):
    _one_line_error(run("compare", *args), where, message)
