"""Hostile and broken input, as a pull request could bring it: each case
ends in one clear ``path:line`` error (or, where the input is harmless, in
correct escaped output), never in a traceback, a hang or a silent success.

Each case edits a copy of the small project of ``tests/fixtures/render/project``
and runs ``check`` on it in this process, under a time limit; the table
below is the list of what was tried (issue 20 has the whole survey).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal

import pytest

from generator.diagnostics import GeneratorError
from generator.project.project import Project
from tests.conftest import FIXTURES

TINY = FIXTURES / "render" / "project"
GLOSSARY = "glossary/xin-zhi-sheng-chan-li.yml"
ENGLISH = "source_texts/2099.en.yml"
META = "source_texts/2099.yml"
RAW = "source_texts/2099.txt"
LOCK = "source_texts/anchors.lock"
#: Seconds a case may take: the slowest honest one takes a tenth of that.
LIMIT = 10


def _replace(path: str, old: str, new: str):
    def edit(root):
        text = (root / path).read_text(encoding="utf-8")
        assert old in text, f"{path} no longer holds {old!r}: update this case"
        (root / path).write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def _write(path: str, text: str):
    return lambda root: (root / path).write_text(text, encoding="utf-8")


def _link(path: str, target: str):
    def edit(root):
        (root / path).unlink(missing_ok=True)
        os.symlink(target, root / path)
    return edit


def _laughs() -> str:
    """Nine lines of nine aliases each: a billion strings once expanded."""
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for before, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{before}'] * 9)}]")
    return "\n".join(lines) + "\n"


def _sparse(path: str, size: int):
    def edit(root):
        with open(root / path, "r+b") as file:
            file.truncate(size)
    return edit


#: (case, edit, where the error is as path:line or path, what it says)
CASES = [
    ("aliases expand to a billion values", _write("glossary/zzz.yml", _laughs()), "glossary/zzz.yml:1",
     "anchors and aliases"),
    ("an alias inside an entry", _replace(GLOSSARY, "  zh: 测试用说明。", "  zh: &n 测试用说明。"), f"{GLOSSARY}:11",
     "anchors and aliases"),
    ("an alias of itself", _write("glossary/zzz.yml", "a: &a [*a]\n"), "glossary/zzz.yml:1", "anchors and aliases"),
    ("5,000 nested brackets", _replace(GLOSSARY, "related:", "x: " + "[" * 5000 + "]" * 5000 + "\nrelated:"),
     f"{GLOSSARY}:13", "nested more than"),
    ("a NUL in the raw text", _replace(RAW, "各位代表", "各位\x00代表"), f"{RAW}:2", "U+0000"),
    ("a NUL in a glossary note", _replace(GLOSSARY, "测试用说明", "测试\x00用说明"), f"{GLOSSARY}:11", "U+0000"),
    ("a NUL in a translation", _replace(ENGLISH, "Fellow Deputies,", "Fellow\x00 Deputies,"), f"{ENGLISH}:8",
     "U+0000"),
    ("a NUL in the metadata", _replace(META, "title: 2099年", "title: 2099\x00年"), f"{META}:4", "U+0000"),
    ("a bell in a glossary note", _replace(GLOSSARY, "测试用说明", "测试\x07用说明"), f"{GLOSSARY}:11", "U+0007"),
    ("an escape sequence in a translation", _replace(ENGLISH, "Fellow Deputies,", "Fellow\x1b[31m Deputies,"),
     f"{ENGLISH}:8", "U+001B"),
    ("a C1 control in the raw text", _replace(RAW, "各位代表", "各位\x85代表"), f"{RAW}:2", "U+0085"),
    ("a date that does not exist", _replace(META, "2099-03-05", "2099-02-30"), f"{META}:6", "2099-02-30 is not a date"),
    ("a glossary file linked to /etc/passwd", _link("glossary/zzz.yml", "/etc/passwd"), "glossary/zzz.yml",
     "symbolic link"),
    ("a glossary file linked to /dev/zero", _link("glossary/zzz.yml", "/dev/zero"), "glossary/zzz.yml",
     "symbolic link"),
    ("a glossary file linked to YAML outside", _link("glossary/zzz.yml", str(TINY / GLOSSARY)), "glossary/zzz.yml",
     "symbolic link"),
    ("a translation linked elsewhere", _link(ENGLISH, str(TINY / ENGLISH)), ENGLISH, "symbolic link"),
    ("a raw file linked elsewhere", _link(RAW, str(TINY / RAW)), f"{META}:14", "outside source_texts/"),
    ("the lock linked elsewhere", _link(LOCK, str(TINY / LOCK)), LOCK, "symbolic link"),
    ("a raw file of 50 MB", _sparse(RAW, 50 << 20), RAW, "at most 4 MiB"),
    ("a translation of 3 MB", _sparse(ENGLISH, 3 << 20), ENGLISH, "at most 2 MiB"),
    ("a pipe as a glossary file", lambda root: os.mkfifo(root / "glossary/zzz.yml"), "glossary/zzz.yml",
     "not a regular file"),
    ("a correction to markup (the XSS pull request)",
     _write("source_texts/traditional.yml", 'overrides:\n  - simplified: 㐀\n    traditional: "<"\n    reason: x\n'),
     "source_texts/traditional.yml:2", "puts '<' for '㐀'"),
    ("a correction to a quote", _write("source_texts/traditional.yml",
                                       "overrides:\n  - simplified: 发展\n    traditional: 發\"\n    reason: x\n"),
     "source_texts/traditional.yml:2", "puts '\"' for '展'"),
    ("a glossary Traditional form with markup", _replace(GLOSSARY, "term: 新质生产力", "term: 新质生产力\ntraditional: 新質生產<"),
     f"{GLOSSARY}:1", "puts '<' for '力'"),
]


@contextlib.contextmanager
def _limit(seconds: int):
    def stop(*_):
        raise TimeoutError(f"still running after {seconds} s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("edit, where, says", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_input_is_one_clear_error(tmp_path, edit, where, says):
    root = tmp_path / "project"
    shutil.copytree(TINY, root)
    edit(root)
    with _limit(LIMIT):
        try:
            errors = Project(root).check().errors
        except GeneratorError as exc:  # a file the project cannot do without
            errors = exc.diagnostics
    shown = [str(e) for e in errors]
    matching = [e for e in errors if (e.path if ":" not in where else f"{e.path}:{e.line}") == where
                and says in e.message]
    assert matching, shown
    assert all("\n" not in e.message for e in matching), shown


@pytest.mark.parametrize("name, says", [
    ("20245.yml", "not a report's metadata"),
    ("v2031.yml", "not a report's metadata"),
    ("2030.en.yml", "a translation of 2030, but there is no 2030.yml"),
])
def test_a_yaml_file_nothing_reads_is_a_warning(tmp_path, name, says):
    root = tmp_path / "project"
    shutil.copytree(TINY, root)
    (root / "source_texts" / name).write_text("year: 2030\n", encoding="utf-8")
    warnings = Project(root).check().warnings
    assert [w.message for w in warnings if w.path == f"source_texts/{name}" and says in w.message]


def test_the_lock_is_never_written_through_a_link(tmp_path):
    """A dangling link as the lock once made `lock` write 44 KB outside the repository."""
    root = tmp_path / "project"
    shutil.copytree(TINY, root)
    outside = tmp_path / "outside.lock"
    _link(LOCK, str(outside))(root)
    for migrate in (False, True):
        with pytest.raises(GeneratorError, match="symbolic link"):
            Project(root).write_lock(migrate=migrate)
    assert not outside.exists()
