"""The translators' way: XLIFF 1.2 and TMX 1.4 read by translate-toolkit (the
library CAT tools' files are checked with), the round trip back into
``source_texts/YYYY.en.yml``, and next year's report pre-translated."""

from __future__ import annotations

import pathlib
import re

import pytest
import yaml

from generator.__main__ import main
from generator.project.project import Project
from generator.sources import translation as tr
from generator.translating.pretranslate import pretranslate
from generator.translating.tmx import export_tmx
from generator.translating.xliff import export_xliff, import_xliff
from tests.conftest import ROOT

xliff = pytest.importorskip("translate.storage.xliff", reason="translate-toolkit is a test dependency")
tmx = pytest.importorskip("translate.storage.tmx")


def _id(unit) -> str:
    """A unit's id as the file writes it (translate-toolkit prefixes the file's ``original``)."""
    return unit.xmlelement.get("id")


def _state(unit) -> str | None:
    target = unit.xmlelement.find(unit.namespaced("target"))
    return target.get("state") if target is not None else None


def test_every_unit_of_a_year_is_a_trans_unit_with_source_target_and_state(tmp_path):
    out = tmp_path / "2024.xlf"
    project = Project(ROOT)
    assert export_xliff(project, 2024, out) == 323
    store = xliff.xlifffile.parsefile(str(out))
    units = [u for u in store.units if not u.isheader()]
    english = project.load().translations[2024]
    assert [_id(u) for u in units] == [s.anchor for s in english.segments]
    for unit, segment in zip(units, english.segments):
        assert unit.source == segment.chinese
        assert unit.target == english.text(segment.anchor)
        assert _state(unit) == "final" and unit.isapproved()
    assert store.getsourcelanguage() == "zh-CN" and store.gettargetlanguage() == "en"
    # The notes: the pinpoint, and the glossary's renderings of the terms in the sentence.
    first_task = next(u for u in units if _id(u) == "sec_3__item_1__para_1__sent_1")
    notes = first_task.getnotes()
    assert "三（一）第1段第1句 · Part III, task 1, para. 1, sent. 1" in notes
    assert "新质生产力 → new quality productive forces" in notes


def test_states_say_what_a_unit_is(project_copy, tmp_path):
    path = project_copy / "source_texts" / "2024.en.yml"
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)["units"]
    # One unit stale, one removed (pending).
    text = text.replace(f"zh: {data['sec_3__para_1__sent_1']['zh']}", "zh: abcdefabcdef", 1)
    start = text.index("  sec_3__item_1__para_2__sent_2:")
    path.write_text(text[:start] + text[text.index("  sec_3__item_1__para_2__sent_3:"):], encoding="utf-8")
    out = tmp_path / "2024.xlf"
    export_xliff(Project(project_copy), 2024, out)
    units = {_id(u): u for u in xliff.xlifffile.parsefile(str(out)).units}
    assert _state(units["sec_3__para_1__sent_1"]) == "needs-review-translation"
    pending = units["sec_3__item_1__para_2__sent_2"]
    assert _state(pending) == "needs-translation" and pending.target == "" and not pending.istranslated()
    assert _state(units["sec_3__item_1__para_2__sent_3"]) == "final"


def test_an_unchanged_round_trip_changes_nothing(project_copy, tmp_path):
    before = {p.name: p.read_bytes() for p in (project_copy / "source_texts").glob("*.en.yml")}
    out = tmp_path / "2024.xlf"
    project = Project(project_copy)
    export_xliff(project, 2024, out)
    # Saved again by translate-toolkit, as a tool would save it.
    store = xliff.xlifffile.parsefile(str(out))
    store.savefile(str(out))
    done = import_xliff(project, out)
    assert done.written == [] and done.unchanged == 323 and not done.refused
    assert {p.name: p.read_bytes() for p in (project_copy / "source_texts").glob("*.en.yml")} == before


def test_one_edited_target_changes_one_unit_of_the_yaml_and_stamps_it(project_copy, tmp_path):
    path = project_copy / "source_texts" / "2024.en.yml"
    before = path.read_text(encoding="utf-8").splitlines()
    out = tmp_path / "2024.xlf"
    project = Project(project_copy)
    export_xliff(project, 2024, out)
    store = xliff.xlifffile.parsefile(str(out))
    unit = next(u for u in store.units if _id(u) == "sec_3__item_1__para_2__sent_5")
    unit.target = "We will speed up the growth of modern producer services."
    store.savefile(str(out))
    done = import_xliff(project, out)
    assert done.written == ["sec_3__item_1__para_2__sent_5"] and not done.refused
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [line for line in after if line not in before] + [line for line in before if line not in after]
    assert changed == ["      We will speed up the growth of modern producer services.",
                       "      We will speed up the development of modern producer services."]
    english = Project(project_copy).load().translations[2024]
    assert english.text("sec_3__item_1__para_2__sent_5") == unit.target
    assert english.status("sec_3__item_1__para_2__sent_5") == tr.OK


def test_a_unit_whose_chinese_changed_is_refused_with_its_line_and_the_others_are_written(project_copy, tmp_path):
    out = tmp_path / "2024.xlf"
    project = Project(project_copy)
    export_xliff(project, 2024, out)
    text = out.read_text(encoding="utf-8")
    # The Chinese of one unit as it was before a correction; another unit's English edited.
    text = text.replace("大力推进现代化产业体系建设，加快发展新质生产力。</source>",
                        "大力推进现代化产业体系建设，加快发展新质生产力！</source>", 1)
    text = text.replace("We will promote the spirit of craftsmanship.</target>",
                        "We will foster the spirit of craftsmanship.</target>", 1)
    out.write_text(text, encoding="utf-8")
    line = text[:text.index("加快发展新质生产力！</source>")].count("\n") + 1
    done = import_xliff(project, out)
    (error,) = done.refused
    assert (error.path, error.line) == (str(out), line)
    assert "sec_3__item_1__para_1__sent_1" in error.message and "export again" in error.message
    assert done.written == ["sec_3__item_1__para_2__sent_7"]
    # The command says so and exits 2.
    assert main(["--root", str(project_copy), "xliff", "import", str(out)]) == 2


def test_a_file_that_is_not_xml_is_one_error_with_its_line(project_copy, tmp_path, capfd):
    out = tmp_path / "broken.xlf"
    out.write_text('<?xml version="1.0"?>\n<xliff version="1.2">\n<file original="2024.en.yml">\n', encoding="utf-8")
    assert main(["--root", str(project_copy), "xliff", "import", str(out)]) == 2
    err = capfd.readouterr().err
    assert err.startswith(f"{out}:") and "not well-formed XML" in err and "Traceback" not in err


def test_the_memory_holds_every_checked_unit_of_every_year(tmp_path):
    out = tmp_path / "edition.tmx"
    written, left = export_tmx(Project(ROOT), out)
    assert (written, left) == (439, 0)
    store = tmx.tmxfile.parsefile(str(out))
    units = store.units
    assert len(units) == 439
    by_id = {u.getid(): u for u in units}
    unit = by_id["2024/sec_3__item_1__para_1__sent_1"]
    assert unit.source == "（一）大力推进现代化产业体系建设，加快发展新质生产力。"
    assert unit.target.startswith("1. Vigorously building a modernized industrial system")
    assert by_id["2022/sec_3__item_9__para_1__sent_1"].target


def _next_year(project: pathlib.Path, edit) -> None:
    """A 2025 report made from the 2024 seed's text, one paragraph a line, after ``edit``."""
    report = Project(project).report(2024)
    lines = ["2025年政府工作报告"]
    for node in report.text_blocks():
        lines.append(node.text)
    (project / "source_texts" / "2025.txt").write_text("\n".join(edit(lines)) + "\n", encoding="utf-8")
    meta = (ROOT / "tests/fixtures/render/project/source_texts/2099.yml").read_text(encoding="utf-8")
    (project / "source_texts" / "2025.yml").write_text(meta.replace("2099", "2025").replace("whole: true", ""),
                                                      encoding="utf-8")


def test_next_years_report_is_pretranslated_carried_suggested_and_pending(project_copy):
    edited = "党中央对今年工作作出了全面部署，我们要认真贯彻落实，紧紧抓住主要矛盾，着力突破瓶颈制约，扎实做好各项工作。"
    added = "深入实施人工智能+行动，培育壮大新兴产业。"

    def edit(lines):
        lines[2] = edited  # sec_3__para_1: 深入 → 认真
        # Tasks 2 and 3 swap places: the same words, renumbered.
        second, third, fourth = (next(i for i, line in enumerate(lines) if line.startswith(m))
                                 for m in ("（二）", "（三）", "（四）"))
        two, three = lines[second:third], lines[third:fourth]
        lines[second:fourth] = ["（二）" + three[0][3:], *three[1:], "（三）" + two[0][3:], *two[1:]]
        task = next(i for i, line in enumerate(lines) if line.startswith("（一）"))
        lines[task + 1] = lines[task + 1].replace("弘扬工匠精神。", "")  # a sentence deleted
        lines[task + 2] = lines[task + 2] + added  # a sentence added
        return lines

    _next_year(project_copy, edit)
    project = Project(project_copy)
    done = pretranslate(project, 2025, 2024)
    assert done.path == "source_texts/2025.en.yml"
    english = project.load().translations[2025]
    statuses = english.statuses
    assert statuses["sec_3"] == tr.CARRIED
    assert statuses["sec_3__para_1__sent_1"] == tr.SUGGESTED
    unit = english.units["sec_3__para_1__sent_1"]
    assert unit.was and "深入贯彻落实" in unit.was and unit.source == "2024 sec_3__para_1__sent_1"
    assert unit.en == Project(ROOT).load().translations[2024].text("sec_3__para_1__sent_1")
    new_sentence = next(s for s in english.segments if s.chinese == added)
    assert statuses[new_sentence.anchor] == tr.MISSING
    carried = [k for k, v in statuses.items() if v == tr.CARRIED]
    # Carried only for the very same characters: a renumbered title is a suggestion (its English has the number).
    old_texts = {s.id: s.text for p in Project(ROOT).report(2024).paragraphs() for s in p.sentences}
    new_texts = {s.anchor: s.chinese for s in english.segments}
    assert all(old_texts[english.units[k].source.split()[1]] == new_texts[k] for k in carried if k != "sec_3")
    retitled = english.units["sec_3__item_3__para_1__sent_1"]  # now （三）, the old （二）'s words
    assert retitled.state == "suggested" and retitled.en.startswith("2. ")
    assert done.carried == len(carried) > 300 and done.suggested >= 1 and done.pending == 1
    assert tr.OK not in statuses.values()  # nothing is shown as checked
    # check counts them: one notice for the carried, one per suggestion.
    found = [d.message for d in project.check()]
    assert sum(m.startswith(f"carried translation: {len(carried)} sentences carried over") for m in found) == 1
    assert sum(m.startswith("suggested translation: unit ") for m in found) == done.suggested
    # The page shows them apart; the XLIFF gives them their states.
    from generator.build.site import build_site
    from tests.conftest import default_links

    page = next(p for p in build_site(project, default_links()).pages if p.src_uri == "2025.md").html
    assert 'class="gwr-s-en gwr-suggested" data-s="sec_3__para_1__sent_1"' in page
    assert page.count("gwr-s-en gwr-carried") == len(carried)
    out = project_copy / "2025.xlf"
    export_xliff(project, 2025, out)
    units = {_id(u): u for u in xliff.xlifffile.parsefile(str(out)).units}
    suggestion = units["sec_3__para_1__sent_1"]
    assert _state(suggestion) == "needs-review-translation" and not suggestion.isapproved()
    (match,) = suggestion.getalttrans()  # the old Chinese and its English, as the tool shows a match
    assert match.source == unit.was and match.target == unit.en
    assert _state(units["sec_3"]) == "translated" and _state(units[new_sentence.anchor]) == "needs-translation"
    # Run again: nothing more to fill, nothing overwritten.
    text = (project_copy / "source_texts" / "2025.en.yml").read_text(encoding="utf-8")
    again = pretranslate(project, 2025, 2024)
    assert (again.carried, again.suggested) == (0, 0)
    assert (project_copy / "source_texts" / "2025.en.yml").read_text(encoding="utf-8") == text
    # Stamping a suggestion (read and revised) makes it checked and drops the marks.
    project.stamp(2025, ["sec_3__para_1__sent_1"])
    after = yaml.safe_load((project_copy / "source_texts" / "2025.en.yml").read_text(encoding="utf-8"))
    assert set(after["units"]["sec_3__para_1__sent_1"]) == {"zh", "en"}
    assert Project(project_copy).load().translations[2025].status("sec_3__para_1__sent_1") == tr.OK


def test_a_copy_source_export_for_omegat_round_trips_and_its_untranslated_units_change_nothing(project_copy, tmp_path):
    """OmegaT's XLIFF filter translates the target's text: given our English there, it offered the
    English for translation (OmegaT 3.6, tried by hand). With --copy-source every target is the
    Chinese; what the tool leaves untranslated comes back as the Chinese, and changes nothing."""
    before = (project_copy / "source_texts" / "2024.en.yml").read_bytes()
    out = tmp_path / "2024.xlf"
    project = Project(project_copy)
    export_xliff(project, 2024, out, copy_source=True)
    units = {_id(u): u for u in xliff.xlifffile.parsefile(str(out)).units}
    assert all(u.target == u.source and _state(u) == "needs-translation" for u in units.values())
    done = import_xliff(project, out)
    assert (done.written, done.unchanged, len(done.refused)) == ([], 323, 0)
    assert (project_copy / "source_texts" / "2024.en.yml").read_bytes() == before


@pytest.mark.parametrize("target, written, refused", [
    # An inline code of another tool is not words; its tail is.
    ('We will promote<ph id="1">&lt;br/&gt;</ph> the spirit of craftsmanship anew.',
     "We will promote the spirit of craftsmanship anew.", None),
    ("我们将弘扬工匠精神。", None, "its target is Chinese, not English"),
    ("We will promote the spirit\x85 of craftsmanship.", None, "cannot be written"),
])
def test_import_writes_words_and_refuses_what_the_file_cannot_hold(project_copy, tmp_path, target, written, refused):
    out = tmp_path / "2024.xlf"
    project = Project(project_copy)
    export_xliff(project, 2024, out)
    text = out.read_text(encoding="utf-8")
    old = "We will promote the spirit of craftsmanship.</target>"
    # A prefixed namespace, as some tools write it.
    text = text.replace(old, target + "</target>").replace("<xliff xmlns=", "<x:xliff xmlns:x=").replace(
        "</xliff>", "</x:xliff>")
    text = re.sub(r"<(/?)(?!x:|\?)([a-z-]+)", r"<\1x:\2", text)
    out.write_text(text, encoding="utf-8")
    done = import_xliff(project, out)
    english = Project(project_copy).load().translations[2024]
    if written:
        assert done.written == ["sec_3__item_1__para_2__sent_7"] and not done.refused
        assert english.text("sec_3__item_1__para_2__sent_7") == written
    else:
        (error,) = done.refused
        assert refused in error.message and error.line and done.written == []
        assert english.text("sec_3__item_1__para_2__sent_7") == "We will promote the spirit of craftsmanship."


def test_an_untouched_stale_unit_with_a_no_break_space_stays_stale(project_copy, tmp_path):
    path = project_copy / "source_texts" / "2024.en.yml"
    text = path.read_text(encoding="utf-8")
    fingerprint = yaml.safe_load(text)["units"]["sec_3__item_1__para_2__sent_7"]["zh"]
    text = text.replace(f"zh: {fingerprint}", "zh: abcdefabcdef").replace(
        "We will promote the spirit of craftsmanship.", "We will promote the spirit of\u00a0craftsmanship.")
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "2024.xlf"
    project = Project(project_copy)
    export_xliff(project, 2024, out)
    done = import_xliff(project, out)
    assert done.written == [] and path.read_text(encoding="utf-8") == text
