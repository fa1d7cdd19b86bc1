"""The English as the page shows it: titles and leads split off, glossary
renderings found and annotated, the English names of the table of contents."""

from __future__ import annotations

import html
import re

import pytest
import yaml

from generator.build.site import build_site
from generator.project.project import Project
from generator.sources.glossary import Entry, Glossary, LoadedEntry
from generator.sources.grammar import HAN
from generator.text import english_units
from generator.text.english_units import locate
from generator.writers.site import report_page
from tests.conftest import ROOT, default_links


def _glossary(*entries: dict) -> Glossary:
    loaded = []
    for data in entries:
        full = {"category": "economy", "definition": {"zh": "x", "en": "x"}, "note": {"zh": "x", "en": "x"}, **data}
        loaded.append(LoadedEntry(Entry.model_validate(full), "x.yml", None))
    return Glossary(loaded)


def _found(text: str, slugs: list[str], glossary: Glossary) -> list[tuple[str, str]]:
    spans, _ = locate(text, slugs, glossary)
    return [(text[s.start:s.end], s.slug) for s in spans]


def test_renderings_are_found_as_the_words_are_written():
    glossary = _glossary(
        {"slug": "a", "term": "人类命运共同体", "english": {"preferred": "a human community with a shared future"}},
        {"slug": "b", "term": "十四五", "english": {"preferred": "14th Five-Year Plan"}},
        {"slug": "c", "term": "以人民为中心的发展思想",
         "english": {"preferred": "people’s philosophy", "others": [{"rendering": "people-centred", "used": "x"}]}},
        {"slug": "d", "term": "改革", "english": {"preferred": "reform"}},
    )
    text = "building a Human  Community with a\nshared future in the 14th five-year plan; people's philosophy; reforms"
    # Any case, spacing and apostrophe; a leading article left out; the rest of the last word taken.
    assert _found(text, ["a", "b", "c", "d"], glossary) == [
        ("Human  Community with a\nshared future", "a"), ("14th five-year plan", "b"), ("people's philosophy", "c"),
        ("reforms", "d")]
    # Never inside another word.
    assert _found("nonreform measures", ["d"], glossary) == []
    assert locate("nonreform measures", ["d"], glossary)[1] == ["d"]


def test_single_spaced_text_is_searched_without_patterns_and_finds_the_same(monkeypatch):
    glossary = _glossary(
        {"slug": "c", "term": "以人民为中心的发展思想",
         "english": {"preferred": "people’s philosophy", "others": [{"rendering": "people-centred", "used": "x"}]}},
        {"slug": "d", "term": "改革", "english": {"preferred": "reform"}},
        {"slug": "e", "term": "新质生产力", "english": {"preferred": "new quality productive forces"}})
    text = "People's philosophy, 2reform, reformed “New quality productive forces” and people-centred reforms"
    expected = [("People's philosophy", "c"), ("reformed", "d"), ("New quality productive forces", "e")]
    assert _found(text, ["c", "d", "e"], glossary) == expected
    monkeypatch.setattr(english_units, "_SPACING", re.compile(""))  # by pattern
    assert _found(text, ["c", "d", "e"], glossary) == expected


def test_every_seed_unit_finds_the_same_with_and_without_patterns(monkeypatch):
    loaded = Project(ROOT).load()
    units = {(year, anchor): unit for year, by_anchor in loaded.english.items() for anchor, unit in by_anchor.items()}
    slugs = [e.entry.slug for e in loaded.glossary.entries]
    texts = sorted({unit.text for unit in units.values()})
    fast = [locate(text, slugs, loaded.glossary) for text in texts]
    monkeypatch.setattr(english_units, "_SPACING", re.compile(""))  # every text by pattern
    assert [locate(text, slugs, loaded.glossary) for text in texts] == fast
    assert sum(len(spans) for spans, _ in fast) > 100


def test_each_term_is_annotated_once_and_never_over_another():
    glossary = _glossary(
        {"slug": "long", "term": "习近平新时代中国特色社会主义思想",
         "english": {"preferred": "Xi Jinping Thought on Socialism", "others": [{"rendering": "Xi Jinping Thought",
                                                                                 "used": "x"}]}},
        {"slug": "culture", "term": "习近平文化思想", "english": {"preferred": "Xi Jinping Thought on Culture"}},
        {"slug": "dev", "term": "高质量发展", "english": {"preferred": "high-quality development"}},
    )
    text = ("Xi Jinping Thought on Culture and Xi Jinping Thought guide high-quality development; "
            "high-quality development again")
    # Leftmost first, then longest: the culture rendering wins its place; the other term's shorter
    # rendering is found after it; a term's later renderings are left plain.
    assert _found(text, ["long", "culture", "dev"], glossary) == [
        ("Xi Jinping Thought on Culture", "culture"), ("Xi Jinping Thought", "long"),
        ("high-quality development", "dev")]


def test_an_english_title_that_is_not_a_unit_of_its_own_is_a_notice_and_the_pinpoint_stands_in(project_copy):
    # One English sentence for the title and the next Chinese sentence: a run (…__sent_1-2).
    path = project_copy / "source_texts" / "2024.en.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    units = data["units"]
    first, second = units.pop("sec_3__item_1__para_1__sent_1"), units.pop("sec_3__item_1__para_1__sent_2")
    units["sec_3__item_1__para_1__sent_1-2"] = {"en": first["en"][:-1] + "; " + second["en"]}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    project = Project(project_copy)
    loaded = project.load()
    (notice,) = [d for d in loaded.diagnostics if "should be a unit of its own" in d.message]
    assert notice.path == "source_texts/2024.en.yml" and notice.line and not loaded.diagnostics.errors
    assert notice.message.startswith("sec_3__item_1__para_1__sent_1-2: the title")
    assert not loaded.english[2024]["sec_3__item_1__para_1"].head
    page = build_site(project, default_links())
    report = next(p for p in page.pages if p.src_uri == "2024.md")
    title = report.html.split('<h3 class="gwr-en-title', 1)[1].split("</h3>", 1)[0]
    assert "gwr-restored-heading" in title and "Part III, task 1<" in title
    assert report.toc[0]["children"][0]["name"].endswith('<span class="gwr-toc-en" lang="en">Part III, task 1</span>')
    # The run's English answers both sentences: both anchors land on it on the English page.
    english = next(p for p in page.pages if p.src_uri == "en/2024.md")
    run = re.search(r'<span class="gwr-s gwr-s-en[^"]*" id="sec_3__item_1__para_1__sent_1" '
                    r'data-s="sec_3__item_1__para_1__sent_1 sec_3__item_1__para_1__sent_2"[^>]*>'
                    r'<span class="gwr-anchor" id="sec_3__item_1__para_1__sent_2"></span>', english.html)
    assert run


@pytest.fixture(scope="module")
def page_2024():
    loaded = Project(ROOT).load()
    entry = next(r for r in loaded.reports if r.report.year == 2024)
    return loaded, entry, report_page.render_report(entry, loaded, "hans", default_links())


def _words(markup: str) -> str:
    """The text of some markup, without the row controls (¶ ✎ ⚑), white space folded."""
    markup = re.sub(r'<a class="(?:gwr-pilcrow|gwr-edit-en|gwr-problem|headerlink)[^>]*>[^<]*</a>', "", markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def test_task_titles_are_english_headings_without_ids_and_leads_are_bold(page_2024):
    loaded, entry, page = page_2024
    english = loaded.translations[2024]
    row = page.html.split('id="sec_3__item_1__para_1"', 1)[1].split('<div class="gwr-row', 1)[0]
    # No heading to assistive technology side by side (the page as written): test_reading.
    title = row.split('<h3 class="gwr-en-title" role="none">', 1)[1].split("</h3>", 1)[0]
    assert _words(title) == ("1. Vigorously building a modernized industrial system and developing new quality "
                             "productive forces at a faster pace.")
    assert ' id="' not in title
    assert '<a class="headerlink" href="#sec_3__item_1" aria-label="Link to this task">¶</a>' in title
    # The English is the unit's text, character for character: only markup is added.
    for paragraph in entry.report.paragraphs():
        block = page.html.split(f'id="{paragraph.id}"', 1)[1].split('<div class="gwr-row', 1)[0]
        tag = block.split('class="gwr-en', 1)[0].rsplit("<", 1)[1].strip()  # p, or div around a title
        en = block.split('class="gwr-en', 1)[1].split(">", 1)[1].split(f"</{tag}>", 1)[0]
        assert _words(en) == " ".join(english.block_text(paragraph.id).split()), paragraph.id
    lead = page.html.split('id="sec_3__item_1__para_2"', 1)[1].split('<div class="gwr-row', 1)[0]
    bold = re.search(r'<strong class="gwr-lead">(.*?)</strong> <span', lead)
    assert bold and _words(bold.group(1)) == "We will optimize and upgrade industrial and supply chains."
    # The anchors are the page's only ids besides its own few (the title's is where the skip link
    # lands): no English heading adds one.
    ids = set(re.findall(r'\bid="([^"]+)"', page.html))
    assert ids - set(entry.report.anchors()) == {"gwr-title", "source-note", "gwr-cite-data"}


def test_english_renderings_link_their_term_with_the_chinese_pinyin_and_definition(page_2024):
    loaded, _, page = page_2024
    entry = loaded.glossary.by_slug["xin-zhi-sheng-chan-li"].entry
    title = html.escape(f"新质生产力 ({entry.pinyin}) — {entry.definition.en}")
    assert (f'<a class="gwr-term" href="../glossary/xin-zhi-sheng-chan-li/" title="{title}">'
            "new quality productive forces</a>") in page.html
    # As in the Chinese: the first of each term's renderings in a unit, headings included.
    spans = loaded.english[2024]
    assert sum(len(s.spans) for unit in spans.values() for s in unit.sentences) > 50
    section = page.html.split('<h2 class="gwr-en gwr-en-heading"', 1)[1].split("</h2>", 1)[0]
    assert "III. Government Work Tasks for 2024" in section


def test_the_table_of_contents_names_every_entry_in_both_languages(page_2024):
    _, _, page = page_2024

    def names(tokens):
        for token in tokens:
            yield token["name"]
            yield from names(token["children"])

    all_names = list(names(page.toc))
    assert len(all_names) == 1 + 10 + 32
    for name in all_names:
        zh, en = re.fullmatch(r'<span class="gwr-toc-zh">(.+)</span> <span class="gwr-toc-en" lang="en">(.+)</span>',
                              name).groups()
        assert re.search(f"[{HAN}]", zh) and not re.search(f"[{HAN}]", en)
    item = page.toc[0]["children"][2]
    assert item["id"] == "sec_3__item_3" and "3. Striving to expand domestic demand" in item["name"]
    assert page.toc[0]["children"][0]["children"][0]["name"].endswith(
        ">We will optimize and upgrade industrial and supply chains.</span>")
