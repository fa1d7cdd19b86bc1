"""Glossary forms that would mark unrelated text (issue 20): a term or alias of
one character (一, 的) or of punctuation alone (，), and one that matches more
than FREQUENT_LIMIT times in a report, are errors at their line naming the
form, unless the entry's ``frequent_reason:`` says why."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

from generator.project.project import Project
from generator.sources.glossary_noise import FREQUENT_LIMIT, noise
from tests.conftest import ROOT

REASON = 'frequent_reason: "a test of the reason field"\n'


def _new_entry(slug: str, term: str, pinyin: str) -> str:
    return (f"slug: {slug}\n"
            f"term: {term}\n"
            "aliases: []\n"
            f"pinyin: {pinyin}\n"
            "category: economy\n"
            "english:\n"
            "  preferred: test rendering\n"
            "definition:\n"
            "  zh: 测试用释义。\n"
            "  en: A test definition.\n"
            "note:\n"
            "  zh: 测试用说明。\n"
            "  en: A test note.\n")


def _write_new(project: pathlib.Path, slug: str, term: str, pinyin: str, reason: bool) -> str:
    text = _new_entry(slug, term, pinyin) + (REASON if reason else "")
    (project / "glossary" / f"{slug}.yml").write_text(text, encoding="utf-8")
    return f"glossary/{slug}.yml"


def _add_alias(project: pathlib.Path, slug: str, alias: str, reason: bool) -> str:
    path = project / "glossary" / f"{slug}.yml"
    text = path.read_text(encoding="utf-8")
    assert "\naliases: []\n" in text
    path.write_text(text.replace("\naliases: []\n", f"\naliases: [{alias}]\n") + (REASON if reason else ""),
                    encoding="utf-8")
    return f"glossary/{slug}.yml"


# (how to break the project, the file and line of the error, what it must say)
CASES = {
    "term 一": (lambda p, r: _write_new(p, "yi", "一", "yī", r), 2, "term '一' is a single character"),
    "term 的": (lambda p, r: _write_new(p, "de", "的", "de", r), 2, "term '的' is a single character"),
    "alias ，": (lambda p, r: _add_alias(p, "xin-zhi-sheng-chan-li", "，", r), 3,
                "alias '，' is only punctuation or symbols"),
    # Two characters, so not refused for its length: refused for its count.
    "frequent alias 发展": (lambda p, r: _add_alias(p, "gao-zhi-liang-fa-zhan", "发展", r), 3,
                          "alias '发展' matches "),
}


@pytest.mark.parametrize("case", CASES)
def test_a_noisy_form_is_one_error_at_its_line_naming_it(project_copy, case):
    make, line, message = CASES[case]
    path = make(project_copy, False)
    errors = Project(project_copy).check().errors
    assert len(errors) == 1, errors
    (error,) = errors
    assert str(error).startswith(f"{path}:{line}: error: {message}"), error
    # What to do, in plain words.
    assert "frequent_reason:" in error.message
    assert ("hundreds of unrelated words" in error.message or "everywhere in the reports" in error.message
            or f"more than {FREQUENT_LIMIT} marks in one report" in error.message), error.message


@pytest.mark.parametrize("case", CASES)
def test_the_same_form_with_frequent_reason_passes(project_copy, case):
    make, _, _ = CASES[case]
    make(project_copy, True)
    diagnostics = Project(project_copy).check()
    assert not diagnostics.errors and not diagnostics.warnings, diagnostics.errors + diagnostics.warnings


def test_the_frequency_error_gives_the_count_and_the_report(project_copy):
    _add_alias(project_copy, "gao-zhi-liang-fa-zhan", "发展", False)
    (error,) = Project(project_copy).check().errors
    count = int(error.message.split("matches ")[1].split(" times")[0])
    assert count > FREQUENT_LIMIT
    assert "times in the 2024 report (" in error.message and "in all reports)" in error.message


def test_a_refused_entry_puts_no_mark_on_the_reports(project_copy):
    """Its hundreds of marks (and a notice for each) would bury the one error."""
    _write_new(project_copy, "yi", "一", "yī", False)
    _add_alias(project_copy, "gao-zhi-liang-fa-zhan", "发展", False)
    loaded = Project(project_copy).load()
    assert len(loaded.diagnostics.errors) == 2, loaded.diagnostics.errors
    assert "yi" not in loaded.glossary.by_slug
    marked = {o.slug for o in loaded.occurrences}
    marked |= {span.slug for spans in loaded.annotations.values() for found in spans.values() for span in found}
    assert "yi" not in marked and "gao-zhi-liang-fa-zhan" not in marked
    assert not any(d.message.startswith("terminology:") and ("发展" in d.message or "has 一 " in d.message)
                   for d in loaded.diagnostics)


@pytest.mark.parametrize("written, message", [
    ('""', "field 'frequent_reason': empty text"),
    ("", "field 'frequent_reason': empty; write why"),
    ("2024", "field 'frequent_reason' should be text"),
])
def test_the_reason_must_be_written_text(project_copy, written, message):
    path = _write_new(project_copy, "yi", "一", "yī", False)
    file = project_copy / path
    file.write_text(file.read_text(encoding="utf-8") + f"frequent_reason: {written}\n", encoding="utf-8")
    errors = Project(project_copy).check().errors
    assert len(errors) == 1, errors
    assert str(errors[0]).startswith(f"{path}:14: error: {message}"), errors


def test_a_reason_no_form_needs_is_a_warning(project_copy):
    path = _add_alias(project_copy, "xin-zhi-sheng-chan-li", "新质生产力量", True)
    diagnostics = Project(project_copy).check()
    assert not diagnostics.errors, diagnostics.errors
    (warning,) = diagnostics.warnings
    assert str(warning).startswith(f"{path}:")
    assert "frequent_reason is given but no term or alias needs it" in warning.message


@pytest.mark.parametrize("form, refused", [
    ("一", True), ("的", True), ("，", True), ("——", True), ("“”", True), ("+", True),
    ("三农", False), ("人工智能+", False), ("“三北”工程", False), ("5G", False),
])
def test_noise_is_one_character_or_only_signs(form, refused):
    assert (noise(form) is not None) is refused


def test_the_real_glossary_passes_check_strict():
    run = subprocess.run([sys.executable, "-m", "generator", "--root", str(ROOT), "check", "--strict", "--quiet"],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "check: 0 errors, 0 warnings" in run.stdout
