"""The lock's history: `check --base REV` refuses a published record rewritten,
removed or reordered; a missing lock is an error, and only `lock --new` starts one."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from generator.diagnostics import Diagnostics
from generator.sources import lock_history

PUBLISHED = """\
# header
2024 a 111111111111 甲…
2024 a amended 2025-01-02 222222222222 乙… | typo
2024 b 333333333333 丙…
"""


def _compare(current: str) -> tuple[int, Diagnostics]:
    diagnostics = Diagnostics()
    return lock_history.compare(PUBLISHED, current, "main", "anchors.lock", diagnostics), diagnostics


def test_records_may_be_added_anywhere_and_comments_change_freely():
    current = PUBLISHED.replace("# header", "# a new header\n2024 c 444444444444 丁…") \
        + "2024 b -> c\n2024 a amended 2025-03-04 555555555555 戊… | another\n"
    added, diagnostics = _compare(current.replace("2024 b 333", "2024   b  333"))  # spacing is no change
    assert (added, diagnostics) == (3, [])


@pytest.mark.parametrize(("current", "line", "says"), [
    (PUBLISHED.replace("2024 b 333333333333", "2024 b 999999999999"), 4, "rewrites the published record `2024 b 333"),
    (PUBLISHED.replace("2024 b 333333333333 丙…\n", ""), None, "is removed"),
    (PUBLISHED.replace(" | typo", " | a better reason"), 3, "rewrites the published record `2024 a amended"),
    # An amendment put before the published one would make the older words current again.
    (PUBLISHED.replace("2024 a amended", "2024 a amended 2026-01-01 666666666666 己… | x\n2024 a amended"), 4,
     "is moved after a record written later"),
])
def test_a_published_record_is_never_rewritten_removed_or_reordered(current, line, says):
    _, diagnostics = _compare(current)
    (error,) = diagnostics.errors
    assert (error.path, error.line) == ("anchors.lock", line)
    assert says in error.message and "(line" in error.message and "at main)" in error.message


def _git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@t", "HOME": str(root), "PATH": "/usr/bin:/bin"})


def _run(root, *args):
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *args],
                          capture_output=True, text=True)


@pytest.fixture
def committed(project_copy):
    if shutil.which("git") is None:
        pytest.skip("no git")
    _git(project_copy, "init", "-q")
    _git(project_copy, "add", "-A")
    _git(project_copy, "commit", "-qm", "published")
    return project_copy


def test_check_base_refuses_a_fingerprint_rewritten_with_the_text(committed):
    """The attack: text and lock line changed together pass every other check."""
    lock = committed / "source_texts" / "anchors.lock"
    text = lock.read_text(encoding="utf-8")
    assert _run(committed, "check", "--strict", "--base", "HEAD").returncode == 0
    line = next(n for n, raw in enumerate(text.splitlines(), 1) if raw.startswith("2021 intro__para_2 "))
    lock.write_text(text.replace("2021 intro__para_2 9c83ef557975", "2021 intro__para_2 0123456789ab"),
                    encoding="utf-8")
    result = _run(committed, "check", "--base", "HEAD")
    assert result.returncode == 1
    assert f"source_texts/anchors.lock:{line}: error: this line rewrites the published record " \
           "`2021 intro__para_2 9c83ef557975" in result.stdout


def test_check_base_says_in_one_line_when_the_revision_is_not_there(committed):
    result = _run(committed, "check", "--base", "origin/main")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [result.stderr.strip()] and "--base: error: origin/main is not a commit" \
        in result.stderr and "Traceback" not in result.stderr


def test_a_missing_lock_is_an_error_and_only_lock_new_starts_one(project_copy):
    lock = project_copy / "source_texts" / "anchors.lock"
    lock.unlink()
    result = _run(project_copy, "check")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("source_texts/anchors.lock: error: the anchor lock is missing")
    assert "lock --new" in result.stdout and "not registered" not in result.stdout  # one error, not hundreds
    for command in (("lock",), ("lock", "--migrate")):
        assert _run(project_copy, *command).returncode == 2 and not lock.exists()
    assert _run(project_copy, "lock", "--new").returncode == 0 and lock.exists()
    assert _run(project_copy, "check", "--strict").returncode == 0
    again = _run(project_copy, "lock", "--new")
    assert again.returncode == 2 and "has a lock already" in again.stderr


@pytest.mark.parametrize("move", ["2021 intro__para_2 -> intro__para_2", "2021 intro__para_2 -> intro__para_1"])
def test_a_move_of_an_anchor_still_on_the_page_excuses_nothing(committed, move):
    """A move appended after the published records passes --base; it must not hide new words."""
    raw = next((committed / "source_texts").glob("001_*.txt"))
    text = raw.read_text(encoding="utf-8")
    assert "现在，我代表国务院" in text
    raw.write_text(text.replace("现在，我代表国务院", "现在，我代表政府", 1), encoding="utf-8")
    lock = committed / "source_texts" / "anchors.lock"
    lock.write_text(lock.read_text(encoding="utf-8") + move + "\n", encoding="utf-8")
    result = _run(committed, "check", "--strict", "--base", "HEAD")
    assert result.returncode == 1
    assert "#intro__para_2 is still on the 2021 page" in result.stdout
    assert "published anchor 2021 #intro__para_2 now names other words" in result.stdout
