"""Anchor permanence: the registry, lost anchors, successors."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys

import pytest

from generator.diagnostics import Diagnostics, GeneratorError
from generator.project.project import Project
from generator.sources import anchor_lock
from tests.conftest import ROOT


def _lock(text: str):
    diagnostics = Diagnostics()
    return anchor_lock.parse_lock(text, "anchors.lock", diagnostics), diagnostics


def test_registry_covers_every_current_anchor():
    loaded = Project(ROOT).load()
    assert not loaded.diagnostics.errors, loaded.diagnostics
    assert not loaded.diagnostics.warnings, loaded.diagnostics
    for year, texts in loaded.current_texts().items():
        assert set(texts) <= set(loaded.lock.entries[year])
        # Every published anchor carries the fingerprint of the words it names.
        assert all(loaded.lock.words[(year, anchor)][-1].fingerprint == anchor_lock.fingerprint(text)
                   for anchor, text in texts.items())


def test_lost_anchor_is_an_error_naming_it():
    lock, _ = _lock("2024 sec_3\n2024 sec_3__para_1\n")
    diagnostics = Diagnostics()
    anchor_lock.verify(lock, {2024: {"sec_3": ""}}, diagnostics)
    (error,) = diagnostics.errors
    assert error.line == 2 and "#sec_3__para_1" in error.message and "->" in error.message


def test_successor_keeps_a_retired_anchor_alive():
    lock, _ = _lock("2024 a -> b\n2024 b -> c\n2024 c\n")
    diagnostics = Diagnostics()
    anchor_lock.verify(lock, {2024: {"c": "words"}}, diagnostics)
    assert not diagnostics.errors
    assert anchor_lock.redirects(lock.entries[2024], ["c"]) == {"a": "c", "b": "c"}


def test_successor_that_does_not_exist_is_an_error():
    lock, _ = _lock("2024 a -> b\n")
    diagnostics = Diagnostics()
    anchor_lock.verify(lock, {2024: {"c": "words"}}, diagnostics)
    (error,) = diagnostics.errors
    assert "maps to b" in error.message


def test_unregistered_anchors_are_a_warning_and_lock_adds_them_without_removing():
    lock, _ = _lock("2024 old -> new\n2024 new\n")
    diagnostics = Diagnostics()
    anchor_lock.verify(lock, {2024: {"new": "新", "extra": "另一段"}}, diagnostics)
    (warning,) = diagnostics.warnings
    assert "python -m generator lock" in warning.message
    original = "# my comment\n2024 old -> new\n2024 new\n"
    text = anchor_lock.appended_text(original, anchor_lock.additions(lock, {2024: {"new": "新", "extra": "另一段"}}))
    # Existing lines, comments included, untouched; the new one with its fingerprint and opening.
    assert text == original + f"2024 extra {anchor_lock.fingerprint('另一段')} 另一段\n"
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


def _delete_paragraph_2_of_task_1(project_copy):
    """The issue's case: raw lines 23-46 of seed 000 hold paragraph 2 of task （一）."""
    raw = project_copy / "source_texts" / "000_40cf7fe3becdb34f.txt"
    lines = raw.read_text(encoding="utf-8").split("\n")
    assert "".join(lines[22].split()).startswith("推动产业链供应链优化升级")
    del lines[22:46]
    raw.write_text("\n".join(lines), encoding="utf-8")


def _drift_errors(project_copy):
    return {d.message.split("#", 1)[1].split(" ", 1)[0]
            for d in Project(project_copy).check().errors if "now names other words" in d.message}


def test_an_anchor_that_names_other_words_fails_check_with_the_way_out(project_copy):
    _delete_paragraph_2_of_task_1(project_copy)
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(project_copy), "check"],
                            capture_output=True, text=True)
    assert result.returncode == 1
    for anchor in ("sec_3__item_1__para_2", "sec_3__item_1__para_3"):
        line = next(line for line in result.stdout.splitlines() if f"#{anchor} now names other words" in line)
        assert line.startswith("source_texts/anchors.lock:")  # its line in the lock
        assert "it was “" in line and "it is “" in line  # the opening of the old and the new words
        assert f"lock --amend 2024 {anchor}" in line and "split_after" in line


def test_lock_amend_records_the_corrected_words_and_keeps_the_old_line(project_copy):
    _delete_paragraph_2_of_task_1(project_copy)
    lock_file = project_copy / "source_texts" / "anchors.lock"
    before = lock_file.read_text(encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(project_copy), "lock", "--amend",
                             "2024", "sec_3__item_1__para_2", "--reason", "a paragraph was wrongly duplicated"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    after = lock_file.read_text(encoding="utf-8")
    assert after.startswith(before)  # append-only: the old line is the record
    assert "sec_3__item_1__para_2" not in _drift_errors(project_copy)
    assert "sec_3__item_1__para_3" in _drift_errors(project_copy)
    loaded = Project(project_copy).load()
    (amended,) = loaded.lock.amendments(2024)["sec_3__item_1__para_2"]
    assert amended.reason == "a paragraph was wrongly duplicated" and amended.date


def test_mapping_an_anchor_still_on_the_page_resolves_nothing(project_copy):
    """Once read as a way out of a deleted paragraph: paragraph 3 is still on
    the page (naming paragraph 4's words), so a move of it is never followed."""
    _delete_paragraph_2_of_task_1(project_copy)
    lock_file = project_copy / "source_texts" / "anchors.lock"
    lock_file.write_text(lock_file.read_text(encoding="utf-8") + "2024 sec_3__item_1__para_3 -> sec_3__item_1__para_2\n",
                         encoding="utf-8")
    assert {"sec_3__item_1__para_2", "sec_3__item_1__para_3"} <= _drift_errors(project_copy)
    errors = [d for d in Project(project_copy).check().errors if "is still on the 2024 page" in d.message]
    assert [d.line for d in errors] == [len(lock_file.read_text(encoding="utf-8").splitlines())]


def test_amend_refuses_an_unknown_or_unchanged_anchor(project_copy):
    project = Project(project_copy)
    with pytest.raises(GeneratorError, match="did you mean sec_3__item_1__para_2"):
        project.amend(2024, "sec_3__item_1_para_2", "typo", datetime.date(2026, 12, 1))
    with pytest.raises(GeneratorError, match="still names the words"):
        project.amend(2024, "sec_3__item_1__para_2", "nothing changed", datetime.date(2026, 12, 1))


def test_migration_adds_fingerprints_once_and_changes_no_anchor(project_copy):
    lock_file = project_copy / "source_texts" / "anchors.lock"
    current = lock_file.read_text(encoding="utf-8")
    # The lock as it was before fingerprints: `YEAR ANCHOR` lines.
    old = re.sub(r"^(\d{4} \S+) [0-9a-f]{12} \S+$", r"\1", current, flags=re.M)
    lock_file.write_text(old, encoding="utf-8")
    notices = [d.message for d in Project(project_copy).check() if "no fingerprint yet" in d.message]
    assert notices and "lock --migrate" in notices[0]
    changed, _ = Project(project_copy).write_lock(migrate=True)
    migrated = lock_file.read_text(encoding="utf-8")
    assert changed == 528 and migrated == current
    assert Project(project_copy).write_lock(migrate=True)[0] == 0  # idempotent
    assert lock_file.read_text(encoding="utf-8") == current
