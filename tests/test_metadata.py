"""Report metadata: schema errors point at the line to fix."""

from __future__ import annotations

import pytest

from generator.project.project import Project


def _check(project_copy, year: int, edit):
    path = project_copy / "source_texts" / f"{year}.yml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return Project(project_copy).check()


def _line_of(project_copy, year, needle):
    text = (project_copy / "source_texts" / f"{year}.yml").read_text(encoding="utf-8")
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_unknown_key_is_reported_at_its_line(project_copy):
    diagnostics = _check(project_copy, 2021, lambda t: t.replace("speaker_en:", "speakr_en: x\nspeaker_en:"))
    errors = diagnostics.errors
    assert any(e.path == "source_texts/2021.yml" and e.line == _line_of(project_copy, 2021, "speakr_en")
               and "unknown field 'speakr_en'" in e.message for e in errors), errors


def test_missing_field_is_reported(project_copy):
    diagnostics = _check(project_copy, 2021, lambda t: t.replace("holds_en:", "# holds_en:"))
    assert any("required field 'holds_en' is missing" in e.message for e in diagnostics.errors)


def test_year_must_match_file_name(project_copy):
    diagnostics = _check(project_copy, 2021, lambda t: t.replace("year: 2021", "year: 2020"))
    assert any("name the file 2020.yml" in e.message for e in diagnostics.errors)


def test_drop_rule_that_matches_nothing_is_an_error(project_copy):
    diagnostics = _check(project_copy, 2024, lambda t: t.replace("（新华社北京3月12日电）", "（新华社北京3月13日电）"))
    errors = [e for e in diagnostics.errors if e.path == "source_texts/2024.yml"]
    assert errors and "matches no line" in errors[0].message


def test_unrecorded_noise_is_a_warning_naming_the_metadata(project_copy):
    diagnostics = _check(project_copy, 2021, lambda t: t.split("drop:")[0])
    (warning,) = diagnostics.warnings
    assert warning.path == "source_texts/001_eed1ed42a63fca27.txt" and warning.line == 46
    assert "source_texts/2021.yml" in warning.message


def test_yaml_syntax_error_has_a_line(project_copy):
    diagnostics = _check(project_copy, 2021, lambda t: t.replace("year: 2021", "year: [2021"))
    (error,) = diagnostics.errors
    assert error.path == "source_texts/2021.yml" and error.line


def test_metadata_can_correct_the_column_heuristic(project_copy):
    from generator.project.project import Project

    def edit(text):
        return text.replace("  layout: columns\n", "  layout: columns\n  join_after:\n"
                                                   "    - after_line: 21\n      reason: test join\n"
                                                   "  split_after:\n    - after_line: 13\n      reason: test split\n")
    errors = _check(project_copy, 2024, edit).errors
    # The corrections are read; moving a break moves words under published
    # anchors, and the anchor registry is the only thing that objects.
    assert errors and all(e.path == "source_texts/anchors.lock" for e in errors), errors
    assert any("#sec_3__item_1__para_2 now names other words" in e.message for e in errors)
    report = next(r.report for r in Project(project_copy).load().reports if r.report.year == 2024)
    item = report.sections[0].items[0]
    assert item.paragraphs[0].text.endswith("加快发展新质生产力。充分发挥创")  # split after line 13
    assert item.paragraphs[1].text.startswith("新主导作用") and "推动产业链供应链优化升级" in item.paragraphs[1].text


def test_break_correction_on_a_blank_line_is_an_error(project_copy):
    diagnostics = _check(project_copy, 2024, lambda t: t.replace(
        "  layout: columns\n", "  layout: columns\n  split_after:\n    - after_line: 12\n      reason: x\n"))
    assert any("not a line of text" in e.message and e.line for e in diagnostics.errors)


@pytest.mark.parametrize("range_, why", [
    ("from_line: 47\n  to_line: 47", "only blank lines"),  # and the drop: rule goes, as it matches nothing here
    ("from_line: 46\n  to_line: 46", "only lines that are not report text: a drop: rule at line 46"),
])
def test_a_range_without_report_text_is_one_error(project_copy, range_, why):
    def edit(text):
        text = text.replace("from_line: 46", range_)
        return text.split("drop:")[0] if "47" in range_ else text
    diagnostics = _check(project_copy, 2021, edit)
    (error,) = diagnostics.errors  # one clear error; no verdict on the anchors of a report that did not load
    assert (error.path, error.line) == ("source_texts/2021.yml", _line_of(project_copy, 2021, "source:"))
    assert f"of source_texts/001_eed1ed42a63fca27.txt hold no report text ({why}); fix source.from_line" \
        in error.message


def test_a_metadata_file_spelt_yaml_is_refused_by_name(project_copy):
    source = project_copy / "source_texts"
    (source / "2021.yml").rename(source / "2021.yaml")
    errors = Project(project_copy).check().errors
    assert any(e.path == "source_texts/2021.yaml" and "rename it to 2021.yml" in e.message for e in errors), errors
    # One clear error, not buried under the anchors of a report that was never read.
    assert not any("would be lost" in e.message for e in errors), errors


def test_wrong_types_are_explained_in_plain_words(project_copy):
    diagnostics = _check(project_copy, 2021, lambda t: t.replace("from_line: 46", "from_line: 0").replace(
        "delivered: 2021-03-05", "delivered: March 5").replace("speaker_en:", "speaker_en: yes\n# was:"))
    messages = sorted(e.message for e in diagnostics.errors)
    assert messages == [
        "field 'delivered' should be a date (YYYY-MM-DD), but YAML read 'March 5'",
        "field 'source.from_line' is 0; it should be at least 1",
        "field 'speaker_en' should be text, but YAML read true (YAML reads yes, no, on, off, true and false so); "
        "put the value in quotes",
    ], messages


@pytest.mark.parametrize("address", ["javascript:alert(1)", "http://www.gov.cn/x.htm", 'https://x.cn/"onmouseover=alert(1)',
                                     "https://x.cn/a b", "https:///no-host"])
def test_an_official_text_address_that_is_not_a_plain_https_address_is_refused_at_its_line(project_copy, address):
    line = "official_text: https://www.gov.cn/yaowen/liebiao/202403/content_6939153.htm"
    diagnostics = _check(project_copy, 2024, lambda t: t.replace(line, f"official_text: '{address}'"))
    errors = [e for e in diagnostics.errors if e.path == "source_texts/2024.yml"]
    assert len(errors) == 1 and errors[0].line == _line_of(project_copy, 2024, "official_text:"), errors
    assert "https address of the official full text" in errors[0].message
