"""English translation: units, fingerprints, missing and stale units, terminology."""

from __future__ import annotations

import dataclasses
import json

import pytest
import yaml

from generator.build.site import build_site
from generator.diagnostics import Diagnostics, GeneratorError
from generator.project.project import Project
from generator.sources import translation, translation_edits
from tests.conftest import FIXTURES, ROOT, default_links


def test_every_seed_sentence_has_its_own_current_english():
    loaded = Project(ROOT).load()
    for entry in loaded.reports:
        english = loaded.translations[entry.report.year]
        assert english.missing == [] and english.stale == [], entry.report.year
        for paragraph in entry.report.paragraphs():
            assert english.block_text(paragraph.id)
            for sentence in paragraph.sentences:  # no run in the seeds: each sentence its own unit
                assert english.sentence_text(sentence.id), sentence.id


def test_the_english_is_word_for_word_what_it_was_by_paragraph():
    """Moving to sentence units split the English and changed no word of it:
    each paragraph's units joined are the paragraph's English as it was."""
    loaded = Project(ROOT).load()
    for year, english in loaded.translations.items():
        before = json.loads((FIXTURES / "english_by_paragraph" / f"{year}.json").read_text(encoding="utf-8"))
        assert {block: english.block_text(block) for block in before} == before


def test_a_run_or_a_whole_paragraph_is_one_unit_and_every_other_sentence_its_own():
    report = Project(ROOT).report(2024)
    paragraph = next(p for p in report.paragraphs() if p.id == "sec_3__item_1__para_2")
    ids = [s.id for s in paragraph.sentences]
    found = [s for s in translation.segments(report, {"sec_3__item_1__para_2__sent_2-4"}) if s.block == paragraph.id]
    assert [s.anchor for s in found] == [ids[0], "sec_3__item_1__para_2__sent_2-4", *ids[4:]]
    assert found[1].sentences == tuple(ids[1:4])
    assert found[1].chinese == "".join(s.text for s in paragraph.sentences[1:4])
    (whole,) = [s for s in translation.segments(report, {paragraph.id}) if s.block == paragraph.id]
    assert whole.sentences == tuple(ids) and whole.chinese == paragraph.text


def test_a_changed_sentence_marks_only_its_own_english_stale():
    project = Project(ROOT)
    report = project.report(2024)
    paragraph = next(p for p in report.paragraphs() if p.id == "sec_3__item_1__para_2")
    edited = dataclasses.replace(paragraph.sentences[2], text=paragraph.sentences[2].text.replace("。", "！"))
    changed = dataclasses.replace(paragraph, sentences=(*paragraph.sentences[:2], edited, *paragraph.sentences[3:]))
    section = report.sections[0]
    item = dataclasses.replace(section.items[0], paragraphs=(section.items[0].paragraphs[0], changed,
                                                             *section.items[0].paragraphs[2:]))
    report = dataclasses.replace(report, sections=(dataclasses.replace(section, items=(item, *section.items[1:])),
                                                   *report.sections[1:]))
    found = Diagnostics()
    english = translation.load_translation(report, project.source_dir, ROOT, found)
    assert english.stale == [edited.id]
    assert [d.message.split(";")[0] for d in found] == [
        f"stale translation: unit {edited.id} was made from different Chinese"]


def test_units_are_written_in_the_report_order_and_the_rest_of_the_file_kept(project_copy):
    path = _translation_file(project_copy, 2024)
    path.write_text(path.read_text(encoding="utf-8").replace("  sec_3__para_1__sent_1:", "  # kept\n"
                                                              "  sec_3__para_1__sent_1:", 1), encoding="utf-8")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))["units"]
    first = data.pop("sec_3__item_1__para_2__sent_3")
    text = path.read_text(encoding="utf-8")
    start = text.index("  sec_3__item_1__para_2__sent_3:")
    path.write_text(text[:start] + text[text.index("  sec_3__item_1__para_2__sent_4:"):], encoding="utf-8")
    long = "A sentence long enough to be folded over more than one line of the file, " * 3 + "with “quotes”."
    report = Project(project_copy).report(2024)
    translation_edits.put_units(report, project_copy / "source_texts", project_copy, {
        "sec_3__item_1__para_2__sent_3": first, "sec_3__item_1__para_2__sent_5": {"en": long.strip()}})
    after = path.read_text(encoding="utf-8")
    assert "  # kept\n" in after and after.startswith("# Unofficial English translation")
    units = yaml.safe_load(after)["units"]
    assert units == {**data, "sec_3__item_1__para_2__sent_3": first,
                     "sec_3__item_1__para_2__sent_5": {"en": long.strip()}}
    keys = list(units)
    assert keys.index("sec_3__item_1__para_2__sent_3") == keys.index("sec_3__item_1__para_2__sent_2") + 1
    assert Project(project_copy).load().translations[2024].stale == ["sec_3__item_1__para_2__sent_5"]


def test_fingerprint_is_pinned_and_short():
    # Pinned: every committed unit's zh: was made with this function, so a
    # change to it would mark every translation stale at once.
    assert translation.fingerprint("各位代表：") == "67086a72947c"
    assert translation.fingerprint("各位代表：") != translation.fingerprint("各位代表！")


def test_fingerprint_ignores_unicode_normalization_form():
    composed = "Café"
    decomposed = "Cafe\u0301"
    assert composed != decomposed
    assert translation.fingerprint(composed) == translation.fingerprint(decomposed)


def _translation_file(project_copy, year=2021):
    return project_copy / "source_texts" / f"{year}.en.yml"


def test_changed_chinese_makes_a_unit_stale_and_stamp_clears_it(project_copy):
    path = _translation_file(project_copy)
    text = path.read_text(encoding="utf-8")
    recorded = text[text.index("zh: ") + 4:][:12]
    path.write_text(text.replace(f"zh: {recorded}", "zh: abcdefabcdef", 1), encoding="utf-8")
    diagnostics = Project(project_copy).check()
    stale = [d for d in diagnostics if "stale translation: unit intro__para_1__sent_1" in d.message]
    assert stale and stale[0].path == "source_texts/2021.en.yml" and stale[0].line == 9
    assert not diagnostics.errors and not diagnostics.warnings  # a notice, not a build failure
    (stamped,) = Project(project_copy).stamp(2021, [])
    assert str(stamped) == "source_texts/2021.en.yml:9: stamped intro__para_1__sent_1"
    assert not [d for d in Project(project_copy).check() if "stale" in d.message]
    assert "# Unofficial English translation" in path.read_text(encoding="utf-8")  # comments survive


def test_missing_unit_is_listed_and_shown_as_pending(project_copy):
    path = _translation_file(project_copy)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  intro__para_2__sent_1:")], encoding="utf-8")
    project = Project(project_copy)
    diagnostics = project.check()
    assert any("missing translation: intro__para_2" in d.message for d in diagnostics)
    site = build_site(project, default_links())
    page = next(p for p in site.pages if p.src_uri == "2021.md")
    assert "Translation pending" in page.html


def test_unit_for_unknown_anchor_is_a_warning(project_copy):
    path = _translation_file(project_copy)
    path.write_text(path.read_text(encoding="utf-8") + "  intro__para_9:\n    en: Nothing.\n", encoding="utf-8")
    diagnostics = Project(project_copy).check()
    (warning,) = diagnostics.warnings
    assert "intro__para_9" in warning.message and warning.line


def test_terminology_check_reports_a_missing_rendering(project_copy):
    path = _translation_file(project_copy, 2024)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    unit = data["units"]["sec_3__item_1__para_1__sent_1"]
    assert "new quality productive forces" in unit["en"]
    unit["en"] = unit["en"].replace("new quality productive forces", "novel productive forces")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    loaded = Project(project_copy).load()
    misses = [d for d in loaded.diagnostics if d.message.startswith("terminology:")]
    assert any("新质生产力" in d.message and "sec_3__item_1__para_1" in d.message for d in misses)


def test_project_terminology_is_consistent():
    loaded = Project(ROOT).load()
    misses = [str(d) for d in loaded.diagnostics if d.message.startswith("terminology:")]
    assert misses == []


def _units_file(project_copy, body: str):
    path = _translation_file(project_copy)
    path.write_text("# translator's note, kept\nyear: 2021\nunits:\n" + body, encoding="utf-8")
    return path


def test_stamp_inserts_a_missing_fingerprint_with_the_unit_indentation(project_copy):
    path = _units_file(project_copy, "    intro__para_1:\n        en: Fellow Deputies,  # salutation\n"
                                     "    intro__para_2:\n        zh: 0  # old\n        en: Now, on behalf of the State Council.\n")
    assert [(s.anchor, s.line) for s in Project(project_copy).stamp(2021, [])] == [("intro__para_1", 4),
                                                                                   ("intro__para_2", 7)]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["units"]["intro__para_1"]["en"] == "Fellow Deputies,"
    assert data["units"]["intro__para_2"]["en"] == "Now, on behalf of the State Council."
    text = path.read_text(encoding="utf-8")
    assert "# translator's note, kept" in text and "  # old" in text
    assert not [d for d in Project(project_copy).check() if "stale" in d.message]


def test_stamp_refuses_a_flow_style_unit_and_writes_nothing(project_copy):
    path = _units_file(project_copy, "  intro__para_1: {en: 'Fellow Deputies,'}\n")
    before = path.read_text(encoding="utf-8")
    with pytest.raises(GeneratorError) as info:
        Project(project_copy).stamp(2021, ["intro__para_1", "intro__para_1"])
    assert "block mapping" in str(info.value)
    assert path.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("anchors, line, message", [
    (["intro__para_1", "intro_para_1"], 3, "intro_para_1 is not a sentence or heading of the 2021 report; "
                                           "did you mean intro__para_1?"),
    (["sec_9"], 3, "sec_9 is not a sentence or heading of the 2021 report; check the anchor on the report page"),
    (["intro__para_2__sent_1"], 3, "unit intro__para_2__sent_1 has no English yet; write it under units:, "
                                   "then stamp it"),
])
def test_stamp_refuses_what_it_cannot_stamp_and_writes_nothing(project_copy, anchors, line, message):
    path = _units_file(project_copy, "  intro__para_1:\n    en: Fellow Deputies,\n")
    before = path.read_text(encoding="utf-8")
    with pytest.raises(GeneratorError) as info:
        Project(project_copy).stamp(2021, anchors)
    (error,) = info.value.diagnostics
    assert (error.path, error.line, error.message) == ("source_texts/2021.en.yml", line, message)
    assert path.read_text(encoding="utf-8") == before


def test_stamp_names_a_file_that_is_not_utf8(project_copy):
    _translation_file(project_copy).write_bytes(b"year: 2021\nunits:\n  # \xff\n")
    with pytest.raises(GeneratorError) as info:
        Project(project_copy).stamp(2021, ["intro__para_1"])
    assert str(info.value) == ("source_texts/2021.en.yml:3: error: not UTF-8 (byte 0xff at line 3); "
                               "save the file as UTF-8")


def test_stamp_quotes_a_fingerprint_of_digits_only(project_copy, monkeypatch):
    """YAML reads 123456789012 as a number: stamp writes it so that it reads back as text."""
    path = _translation_file(project_copy)
    path.write_text(path.read_text(encoding="utf-8").replace("zh: 67086a72947c", "zh: abcdefabcdef", 1),
                    encoding="utf-8")
    monkeypatch.setattr(translation_edits, "fingerprint", lambda chinese: "123456789012")
    (stamped,) = Project(project_copy).stamp(2021, ["intro__para_1__sent_1"])
    assert '    zh: "123456789012"\n' in path.read_text(encoding="utf-8")
    monkeypatch.undo()
    assert not Project(project_copy).check().errors


def _report_2021():
    return Project(ROOT).report(2021)


@pytest.mark.parametrize("body, written", [
    # Keys after units: stay; the new unit goes before the comment over the unit it precedes.
    ("units:\n  # the opening\n  intro__para_2__sent_1:\n    en: Now.\nyear: 2021\nlanguage: en\n",
     "units:\n  intro__para_1__sent_1:\n    en: >-\n      Fellow Deputies,\n  # the opening\n  intro__para_2__sent_1:\n"
     "    en: Now.\nyear: 2021\nlanguage: en\n"),
    # A unit with a typo'd anchor (a warning in check) does not decide where new units go.
    ("year: 2021\nunits:\n  intro_para_9:\n    en: Typo.\n",
     "year: 2021\nunits:\n  intro_para_9:\n    en: Typo.\n  intro__para_1__sent_1:\n    en: >-\n      Fellow Deputies,\n"),
    # No units yet, written either way.
    ("year: 2021\nunits: {}\n", "year: 2021\nunits:\n  intro__para_1__sent_1:\n    en: >-\n      Fellow Deputies,\n"),
    ("year: 2021\n", "year: 2021\nunits:\n  intro__para_1__sent_1:\n    en: >-\n      Fellow Deputies,\n"),
])
def test_put_units_keeps_the_rest_of_the_file(project_copy, body, written):
    path = _translation_file(project_copy)
    path.write_text(body, encoding="utf-8")
    translation_edits.put_units(_report_2021(), project_copy / "source_texts", project_copy,
                                {"intro__para_1__sent_1": {"en": "Fellow Deputies,"}})
    assert path.read_text(encoding="utf-8") == written


def test_stamp_drops_pretranslate_marks_wherever_they_are_and_keeps_what_follows(project_copy):
    path = _translation_file(project_copy)
    path.write_text("units:\n  intro__para_1__sent_1:\n    state: suggested\n    from: 2020 intro__para_1__sent_1\n"
                    "    was: >-\n      各位代表！\n      # a translator's comment, kept\n    zh: abcdefabcdef\n"
                    "    en: Fellow Deputies,\nyear: 2021\nlanguage: en\n", encoding="utf-8")
    Project(project_copy).stamp(2021, ["intro__para_1__sent_1"])
    assert path.read_text(encoding="utf-8") == (
        "units:\n  intro__para_1__sent_1:\n      # a translator's comment, kept\n    zh: 67086a72947c\n"
        "    en: Fellow Deputies,\nyear: 2021\nlanguage: en\n")
