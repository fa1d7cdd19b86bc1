"""Glossary entries: schema, cross-checks, the matcher, and how terms render."""

from __future__ import annotations

import shutil
import typing

import pytest

from generator.build.site import build_site
from generator.diagnostics import Diagnostics
from generator.project.project import Project
from generator.sources.glossary import CATEGORIES, Category, Entry, Glossary, LoadedEntry, load_glossary
from generator.text.term_matching import Matcher, segments
from generator.writers.site import glossary_pages, report_page
from tests.conftest import FIXTURES, ROOT, default_links

VALID = FIXTURES / "glossary" / "valid"


def _load(directory):
    diagnostics = Diagnostics()
    return load_glossary(directory, directory.parent, diagnostics), diagnostics


def _entry_file(tmp_path, name: str, text: str):
    directory = tmp_path / "glossary"
    directory.mkdir(exist_ok=True)
    for source in VALID.glob("*.yml"):
        shutil.copy(source, directory / source.name)
    (directory / name).write_text(text, encoding="utf-8")
    return directory


def test_valid_fixture_loads_with_generated_pinyin():
    glossary, diagnostics = _load(VALID)
    assert not diagnostics, diagnostics
    assert [e.entry.slug for e in glossary.entries] == ["sheng-chan-li", "xin-zhi-sheng-chan-li"]  # by pinyin
    assert glossary.by_slug["xin-zhi-sheng-chan-li"].entry.reading == "xīn zhì shēng chǎn lì"


@pytest.mark.parametrize("edit, line, message", [
    (lambda t: t.replace("category: economy", "category: economy\ncolour: red"), 5, "unknown field 'colour'"),
    (lambda t: t.replace("category: economy\n", ""), 1, "required field 'category' is missing"),
    (lambda t: t.replace("slug: sheng-chan-li", "slug: sheng-chan"), 1, "rename the file"),
    (lambda t: t.replace("[社会生产力]", "[新质生产力]"), 3, "also claimed by"),
    (lambda t: t.replace("related: []", "related: [no-such-entry]"), 14, "related entry 'no-such-entry' does not exist"),
    (lambda t: t.replace("  zh: 测试用释义。", "  zh: 见<b>这里</b>"), 9, "HTML is not allowed"),
    (lambda t: t.replace("[生产力促进中心]", "[促进中心]"), 15, "does not contain the term"),
    (lambda t: t.replace("category: economy", "category: [economy"), 4, "not valid YAML"),
    (lambda t: t.replace("en: A test definition.", "en: A test: definition."), 10,
     "holds ': ' (a colon and a space), which YAML reads as a new key; put the whole value in double quotes"),
    (lambda t: t.replace("  zh: 测试用释义。", "\tzh: 测试用释义。"), 9, "replace the tab with spaces"),
    (lambda t: t.replace("term: 生产力", "term: 2024"), 2,
     "field 'term' should be text, but YAML read a number (2024); put the value in quotes"),
    (lambda t: t.replace("  zh: 测试用释义。", "  zh:"), 9, "field 'definition.zh' is empty"),
    (lambda t: t.replace("category: economy", "category: econ"), 4, "field 'category' is 'econ'; use one of"),
    (lambda t: t.replace("slug: sheng-chan-li", "slug: Sheng_Chan"), 1,
     "'Sheng_Chan' is not a slug: write lowercase letters and digits, syllables joined by single hyphens"),
    (lambda t: t.replace("[社会生产力]", "[社会生产力, 生产力]"), 3, "alias '生产力' repeats the term; remove it"),
])
def test_malformed_entries_are_errors_at_their_line(tmp_path, edit, line, message):
    text = edit((VALID / "sheng-chan-li.yml").read_text(encoding="utf-8"))
    directory = _entry_file(tmp_path, "sheng-chan-li.yml", text)
    _, diagnostics = _load(directory)
    errors = [e for e in diagnostics.errors if message in e.message and e.path.endswith("sheng-chan-li.yml")
              and not e.path.endswith("xin-zhi-sheng-chan-li.yml")]
    assert errors, diagnostics
    assert errors[0].path.endswith("sheng-chan-li.yml") and errors[0].line == line, errors
    # One problem, one error, in the project's words: no pydantic phrasing, no raw regex.
    assert len(diagnostics.errors) == (2 if "also claimed" in message else 1), diagnostics.errors  # no follow-on errors
    assert "Input should" not in errors[0].message and "^[" not in errors[0].message


def test_the_category_type_names_the_categories_in_order():
    # Its order is the order of the names an unknown category's error lists.
    assert typing.get_args(Category) == tuple(CATEGORIES)


def test_a_yaml_file_spelt_otherwise_is_refused_by_name(tmp_path):
    text = (VALID / "sheng-chan-li.yml").read_text(encoding="utf-8").replace("sheng-chan-li", "sheng-chan")
    directory = _entry_file(tmp_path, "sheng-chan.yaml", text)
    _, diagnostics = _load(directory)
    (error,) = diagnostics.errors
    assert error.path == "glossary/sheng-chan.yaml" and "rename it to sheng-chan.yml" in error.message


def _data_factor(tmp_path, extra: str = "", slug: str = "data-factor"):
    text = (VALID / "sheng-chan-li.yml").read_text(encoding="utf-8")
    text = text.replace("slug: sheng-chan-li", f"slug: {slug}{extra}").replace("term: 生产力", "term: 数据要素")
    text = text.replace("aliases: [社会生产力]", "aliases: []").replace("not_in: [生产力促进中心]", "not_in: []")
    return _entry_file(tmp_path, f"{slug}.yml", text)


def test_slug_must_be_the_toneless_pinyin_of_the_term(tmp_path):
    _, diagnostics = _load(_data_factor(tmp_path))
    (error,) = diagnostics.errors
    assert (error.path, error.line) == ("glossary/data-factor.yml", 1)
    assert error.message.startswith("slug 'data-factor' is not the toneless pinyin of 数据要素 (shu-ju-yao-su); "
                                    "rename the entry: file shu-ju-yao-su.yml, slug: shu-ju-yao-su")
    assert "slug_reason:" in error.message


def test_slug_is_checked_against_the_pinyin_field_without_pypinyin(tmp_path):
    _, diagnostics = _load(_data_factor(tmp_path, "\npinyin: shùjù yàosù"))
    (error,) = diagnostics.errors
    assert "does not spell the pinyin 'shùjù yàosù' without tones" in error.message


def test_only_a_thorough_load_checks_syllables_against_the_term(tmp_path):
    # The letters agree with the pinyin field, so the cheap check passes; the syllables are wrong.
    directory = _data_factor(tmp_path, "\npinyin: shùjù yàosù", slug="shuj-uyao-su")
    assert not _load(directory)[1].errors
    diagnostics = Diagnostics()
    load_glossary(directory, directory.parent, diagnostics, thorough=True)
    (error,) = diagnostics.errors
    assert "not the toneless pinyin of 数据要素 (shu-ju-yao-su)" in error.message


def test_slug_reason_allows_a_deliberate_slug_and_must_be_needed(tmp_path):
    _, diagnostics = _load(_data_factor(tmp_path, "\nslug_reason: the English name is the established address"))
    assert not diagnostics, diagnostics
    (tmp_path / "second").mkdir()
    _, diagnostics = _load(_data_factor(tmp_path / "second", "\nslug_reason: no reason", slug="shu-ju-yao-su"))
    (warning,) = diagnostics
    assert warning.line == 2 and "remove slug_reason" in warning.message


def test_polyphonic_characters_and_latin_runs_need_no_exception(tmp_path):
    for slug, term in (("zhong-qing", "重庆"), ("chong-qing", "重庆"), ("5g-ji-zhan", "5G基站")):
        text = (VALID / "sheng-chan-li.yml").read_text(encoding="utf-8").replace("slug: sheng-chan-li", f"slug: {slug}")
        text = text.replace("term: 生产力", f"term: {term}").replace("aliases: [社会生产力]", "aliases: []")
        directory = _entry_file(tmp_path, f"{slug}.yml", text.replace("not_in: [生产力促进中心]", "not_in: []"))
        diagnostics = Diagnostics()
        load_glossary(directory, directory.parent, diagnostics, thorough=True)
        assert not diagnostics.errors, (slug, diagnostics.errors)
        (directory / f"{slug}.yml").unlink()


def test_check_runs_the_thorough_slug_check_and_the_build_does_not(project_copy):
    entry = project_copy / "glossary" / "chang-san-jiao.yml"
    text = entry.read_text(encoding="utf-8").replace("slug: chang-san-jiao", "slug: chan-gsan-jiao")
    entry.unlink()
    (project_copy / "glossary" / "chan-gsan-jiao.yml").write_text(text, encoding="utf-8")
    (project_copy / "glossary" / "chang-san-jiao.yml").write_text("", encoding="utf-8")  # keeps related: valid
    project = Project(project_copy)
    assert not [e for e in project.load().diagnostics.errors if "chan-gsan-jiao" in e.path]
    errors = [e for e in project.check().errors if "chan-gsan-jiao" in e.path]
    assert [e.message.split(";")[0] for e in errors] == ["slug 'chan-gsan-jiao' is not the toneless pinyin of 长三角 "
                                                         "(chang-san-jiao)"]


def test_the_build_does_not_import_pypinyin_but_check_does():
    """Every committed entry writes its pinyin: the build must not pay 0.15 s and 56 MiB for pypinyin."""
    import subprocess
    import sys

    script = ("import sys; from generator.project.project import Project; p = Project({root!r}); p.{call}; "
              "print('pypinyin' in sys.modules)")
    for call, imported in (("load()", "False"), ("check()", "True")):
        result = subprocess.run([sys.executable, "-c", script.format(root=str(ROOT), call=call)],
                                capture_output=True, text=True, cwd=ROOT)
        assert result.stdout.strip() == imported, (call, result.stderr)


def _matcher(*entries: dict) -> Matcher:
    loaded = []
    for data in entries:
        full = {"category": "economy", "english": {"preferred": "x"}, "definition": {"zh": "x", "en": "x"},
                "note": {"zh": "x", "en": "x"}, **data}
        loaded.append(LoadedEntry(Entry.model_validate(full), "x.yml", None))
    return Matcher(Glossary(loaded))


def test_longest_match_wins_leftmost_first():
    matcher = _matcher({"slug": "a", "term": "生产力"}, {"slug": "b", "term": "新质生产力"},
                       {"slug": "c", "term": "质生"})
    assert matcher.find("加快发展新质生产力，提高生产力") == [(4, 9, "b"), (12, 15, "a")]


def test_aliases_match_too():
    matcher = _matcher({"slug": "t", "term": "碳达峰碳中和", "aliases": ["碳达峰、碳中和"]})
    assert matcher.find("扎实做好碳达峰、碳中和各项工作") == [(4, 11, "t")]


def test_not_in_context_blocks_a_false_match_but_keeps_true_ones():
    matcher = _matcher({"slug": "s", "term": "三农", "not_in": ["三农场"]})
    assert matcher.find("抓好“三农”工作") == [(3, 5, "s")]          # true match
    assert matcher.find("走访三农场职工") == []                       # false match, refused


def test_a_shorter_form_still_matches_inside_a_refused_longer_one():
    matcher = _matcher({"slug": "long", "term": "一带一路", "not_in": ["一带一路线"]},
                       {"slug": "short", "term": "一带"})
    assert matcher.find("一带一路线") == [(0, 2, "short")]


def test_segments_split_a_sentence_at_terms():
    matcher = _matcher({"slug": "a", "term": "生产力"})
    from generator.text.term_matching import Span

    spans = tuple(Span(s, e, slug) for s, e, slug in matcher.find("发展生产力。"))
    assert segments("发展生产力。", spans) == [("发展", None), ("生产力", spans[0]), ("。", None)]


def test_project_glossary_checks_clean_and_is_large_enough():
    loaded = Project(ROOT).load()
    assert not loaded.diagnostics.errors, loaded.diagnostics.errors
    assert len(loaded.glossary) >= 60
    slugs = {o.slug for o in loaded.occurrences}
    for required in ("xin-zhi-sheng-chan-li", "liang-ge-que-li", "yi-dai-yi-lu", "qian-cun-shi-fan-wan-cun-zheng-zhi",
                     "feng-qiao-jing-yan", "jiu-er-gong-shi", "ren-gong-zhi-neng-plus"):
        assert required in slugs, required


def test_first_occurrence_per_paragraph_is_linked_in_the_page():
    loaded = Project(ROOT).load()
    entry = next(r for r in loaded.reports if r.report.year == 2024)
    html = report_page.render_report(entry, loaded, "hans", default_links()).html
    link = ('<a class="gwr-term" href="../glossary/xin-zhi-sheng-chan-li/" title="new quality productive forces — ')
    assert link in html
    spans = loaded.annotations[2024]
    paragraph_slugs = {}
    for paragraph in entry.report.paragraphs():
        for sentence in paragraph.sentences:
            for span in spans.get(sentence.id, ()):
                paragraph_slugs.setdefault((paragraph.id, span.slug), []).append(span.linked)
    assert all(flags[0] and not any(flags[1:]) for flags in paragraph_slugs.values())


def test_script_in_a_definition_renders_as_text(tmp_path):
    """Text fields are escaped on render even if validation were bypassed."""
    data = {"slug": "bad-html", "term": "生产力", "category": "economy", "english": {"preferred": "x"},
            "definition": {"zh": "x", "en": "x"}, "note": {"zh": "x", "en": "x"}}
    entry = Entry.model_construct(**{**Entry.model_validate(data).__dict__,
                                     "definition": Entry.model_validate(data).definition.model_construct(
                                         zh="<script>alert(1)</script>", en="<script>x</script>")})
    loaded = Project(ROOT).load()
    loaded.glossary = Glossary([LoadedEntry(entry, "glossary/bad-html.yml", None)])
    pages = glossary_pages.render_glossary(loaded, default_links())
    term_page = next(p for p in pages if p.src_uri == "glossary/bad-html.md")
    assert "<script>" not in term_page.html and "&lt;script&gt;alert(1)&lt;/script&gt;" in term_page.html


def test_script_fixture_fails_check_with_path_line(project_copy):
    shutil.copy(FIXTURES / "glossary" / "script" / "bad-html.yml", project_copy / "glossary" / "bad-html.yml")
    diagnostics = Project(project_copy).check()
    (error,) = diagnostics.errors
    assert str(error).startswith("glossary/bad-html.yml:9: error: field 'definition.zh': ")
    assert "HTML is not allowed" in error.message


def test_traditional_field_corrects_the_term_on_traditional_pages(project_copy):
    entry = project_copy / "glossary" / "xin-zhi-sheng-chan-li.yml"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("category:", "traditional: 新質生產力\ncategory:"), encoding="utf-8")
    # A deliberately different (but same-length) form proves the field wins over OpenCC.
    entry.write_text(entry.read_text(encoding="utf-8").replace("traditional: 新質生產力", "traditional: 新质生產力"),
                     encoding="utf-8")
    project = Project(project_copy)
    site = build_site(project, default_links())
    hant = next(p for p in site.pages if p.src_uri == "zh-hant/2024.md")
    assert ">新质生產力</a>" in hant.html
    term_page = next(p for p in site.pages if p.src_uri == "glossary/xin-zhi-sheng-chan-li.md")
    assert 'lang="zh-Hant" title="繁體 · Traditional">新质生產力<' in term_page.html


def test_traditional_field_must_match_the_term_length(tmp_path):
    text = (VALID / "sheng-chan-li.yml").read_text(encoding="utf-8").replace("category:", "traditional: 生產\ncategory:")
    directory = _entry_file(tmp_path, "sheng-chan-li.yml", text)
    _, diagnostics = _load(directory)
    assert any("as many characters as term" in e.message for e in diagnostics.errors)


def test_terms_in_section_headings_are_found():
    from generator.sources import normalize as norm
    from generator.sources.structure import Placement, build_report
    from generator.text.term_matching import annotate

    blocks = norm.normalize(["二、“十三五”时期发展成就和“十四五”时期主要目标任务", "正文。"], layout="lines").blocks
    report = build_report(2099, list(blocks), "x.txt", Placement(), Diagnostics())
    spans, occurrences = annotate(report, _matcher({"slug": "s", "term": "十四五"}))
    assert [o.sentence_id for o in occurrences] == ["sec_2"]
    assert spans["sec_2"][0].linked


def test_hostile_definition_is_escaped_in_report_tooltips():
    loaded = Project(ROOT).load()
    item = loaded.glossary.by_slug["xin-zhi-sheng-chan-li"]
    hostile = item.entry.definition.model_construct(zh='"><script>alert(1)</script>', en="x")
    loaded.glossary.by_slug["xin-zhi-sheng-chan-li"] = LoadedEntry(
        item.entry.model_copy(update={"definition": hostile}), item.path, item.doc)
    entry = next(r for r in loaded.reports if r.report.year == 2024)
    html = report_page.render_report(entry, loaded, "hans", default_links()).html
    # Escaped twice in the title: Material reads a title's value as HTML.
    # The page's one script of its own is the template's (the reader's view, drawn at once).
    assert html.count("<script>") == html.count("<script>(function (s) {") == 1
    assert "<script>alert" not in html and "&#34;&amp;gt;&amp;lt;script&amp;gt;" in html


def test_the_glossary_is_in_dictionary_order_by_syllable_then_tone():
    """pypinyin's syllable-and-tone order, reading polyphonic characters as the
    entry does (pypinyin alone reads 长三角 as zhǎng)."""
    from pypinyin import Style, pinyin

    def key(entry):
        syllables = entry.slug.split("-")
        readings = pinyin(entry.term, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True,
                          v_to_u=False, errors="ignore")
        out = []
        for k, candidates in enumerate(readings):
            # The candidate spelt as the entry's slug spells this syllable (ü is v).
            wanted = syllables[k] if k < len(syllables) else ""
            chosen = next((c for c in candidates if c[:-1] in (wanted, wanted.replace("u", "v"))), candidates[0])
            # Dictionaries file 一 and 不 under their own tones, whatever the phrase makes of them.
            tone = {"一": 1, "不": 4}.get(entry.term[k], int(chosen[-1])) if k < len(entry.term) else int(chosen[-1])
            out.append((chosen[:-1], tone))
        return out

    entries = [e.entry for e in Project(ROOT).load().glossary.entries]
    assert [e.term for e in entries] == [e.term for e in sorted(entries, key=key)]
    terms = [e.term for e in entries]
    assert terms.index("大农业观") < terms.index("党史学习教育")
    assert terms.index("低空经济") < terms.index("第三支柱养老保险")
