"""Anchor permanence: the registry, lost anchors, successors."""

from __future__ import annotations

from generator import anchors
from generator.diagnostics import Diagnostics
from generator.pipeline import Project
from tests.conftest import ROOT


def _lock(text: str):
    diagnostics = Diagnostics()
    return anchors.parse_lock(text, "anchors.lock", diagnostics), diagnostics


def test_registry_covers_every_current_anchor():
    loaded = Project(ROOT).load()
    assert not loaded.diagnostics.errors, loaded.diagnostics
    assert not loaded.diagnostics.warnings, loaded.diagnostics
    for year, ids in loaded.current_anchors().items():
        assert set(ids) <= set(loaded.lock.entries[year])


def test_lost_anchor_is_an_error_naming_it():
    lock, _ = _lock("2024 sec_3\n2024 sec_3__para_1\n")
    diagnostics = Diagnostics()
    anchors.verify(lock, {2024: ["sec_3"]}, diagnostics)
    (error,) = diagnostics.errors
    assert error.line == 2 and "#sec_3__para_1" in error.message and "->" in error.message


def test_successor_keeps_a_retired_anchor_alive():
    lock, _ = _lock("2024 a -> b\n2024 b -> c\n2024 c\n")
    diagnostics = Diagnostics()
    anchors.verify(lock, {2024: ["c"]}, diagnostics)
    assert not diagnostics.errors
    assert anchors.redirects(lock, 2024, ["c"]) == {"a": "c", "b": "c"}


def test_successor_that_does_not_exist_is_an_error():
    lock, _ = _lock("2024 a -> b\n")
    diagnostics = Diagnostics()
    anchors.verify(lock, {2024: ["c"]}, diagnostics)
    (error,) = diagnostics.errors
    assert "maps to b" in error.message


def test_unregistered_anchors_are_a_warning_and_lock_adds_them_without_removing():
    lock, _ = _lock("2024 old -> new\n2024 new\n")
    diagnostics = Diagnostics()
    anchors.verify(lock, {2024: ["new", "extra"]}, diagnostics)
    (warning,) = diagnostics.warnings
    assert "python -m generator lock" in warning.message
    original = "# my comment\n2024 old -> new\n2024 new\n"
    text = anchors.appended_text(original, anchors.additions(lock, {2024: ["new", "extra"]}))
    assert text == original + "2024 extra\n"  # existing lines, comments included, untouched
    again, problems = _lock(text)
    assert not problems
    assert again.entries[2024] == {"old": "new", "new": None, "extra": None}


def test_an_anchor_listed_twice_is_an_error():
    _, diagnostics = _lock("2024 x -> a\n2024 x -> b\n")
    (error,) = diagnostics.errors
    assert error.line == 2 and "already listed on line 1" in error.message


def test_malformed_lock_line_is_reported():
    _, diagnostics = _lock("2024 fine\nnot a line\n")
    (error,) = diagnostics.errors
    assert error.line == 2


def test_deleting_a_paragraph_fails_the_build_naming_lost_anchors(project_copy):
    raw = project_copy / "source_texts" / "000_40cf7fe3becdb34f.txt"
    lines = raw.read_text(encoding="utf-8").split("\n")
    # Lines 1321-1322 hold the last “各位代表！” paragraph of the closing.
    assert lines[1320].strip() == "各位代表！"
    del lines[1320:1322]
    raw.write_text("\n".join(lines), encoding="utf-8")
    diagnostics = Project(project_copy).check()
    messages = "\n".join(d.message for d in diagnostics.errors)
    assert "#closing__para_12 would be lost" in messages
    assert "#closing__para_12__sent_2 would be lost" in messages
    assert all(d.path == "source_texts/anchors.lock" and d.line for d in diagnostics.errors)
