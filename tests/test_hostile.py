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
TRADITIONAL = "source_texts/traditional.yml"
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


def _bytes(path: str, data: bytes):
    return lambda root: (root / path).write_bytes(data)


def _remove(path: str):
    def edit(root):
        target = root / path
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    return edit


def _folder(path: str):
    """A folder where a file should be."""
    def edit(root):
        (root / path).unlink()
        (root / path).mkdir()
    return edit


def _copy(path: str, to: str, old: str, new: str):
    def edit(root):
        (root / to).write_text((root / path).read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return edit


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
     _write(TRADITIONAL, 'overrides:\n  - simplified: 㐀\n    traditional: "<"\n    reason: x\n'),
     "source_texts/traditional.yml:2", "puts '<' for '㐀'"),
    ("a correction to a quote", _write(TRADITIONAL,
                                       "overrides:\n  - simplified: 发展\n    traditional: 發\"\n    reason: x\n"),
     "source_texts/traditional.yml:2", "puts '\"' for '展'"),
    ("a glossary Traditional form with markup", _replace(GLOSSARY, "term: 新质生产力", "term: 新质生产力\ntraditional: 新質生產<"),
     f"{GLOSSARY}:1", "puts '<' for '力'"),
    ("a right-to-left override in a note (Trojan Source)", _replace(GLOSSARY, "测试用说明", "测试\u202e用说明"),
     f"{GLOSSARY}:11", "U+202E"),
    ("an isolate in a translation", _replace(ENGLISH, "Fellow Deputies,", "Fellow \u2066Deputies,"), f"{ENGLISH}:8",
     "U+2066"),
    # The metadata.
    ("a year that is not its file's", _replace(META, "year: 2099", "year: 2098"), f"{META}:3", "name the file 2098.yml"),
    ("a year in words", _replace(META, "year: 2099", "year: 二〇九九"), f"{META}:3", "should be a whole number"),
    ("no title", _replace(META, "title: 2099年政府工作报告\n", ""), f"{META}:1", "'title' is missing"),
    ("an unknown field", _replace(META, "holds:", "colour: red\nholds:"), f"{META}:11", "unknown field 'colour'"),
    ("a raw file that is not there", _replace(META, "file: 2099.txt", "file: 2098.txt"), f"{META}:14", "not found"),
    ("a raw file up the tree", _replace(META, "file: 2099.txt", "file: ../../../etc/passwd"), f"{META}:14",
     "outside source_texts/"),
    ("a raw file by absolute path", _replace(META, "file: 2099.txt", "file: /etc/passwd"), f"{META}:14",
     "outside source_texts/"),
    ("line 0", _replace(META, "layout: lines", "layout: lines\n  from_line: 0"), f"{META}:16", "at least 1"),
    ("lines past the end", _replace(META, "layout: lines", "layout: lines\n  to_line: 9999"), f"{META}:13",
     "which has 11 lines"),
    ("an unknown layout", _replace(META, "layout: lines", "layout: diagonal"), f"{META}:15", "'columns' or 'lines'"),
    ("a drop rule matching nothing", _replace(META, "  - text: 2099年政府工作报告", "  - text: 不存在的一行"), f"{META}:17",
     "matches no line"),
    ("a date in words", _replace(META, "delivered: 2099-03-05", "delivered: yesterday"), f"{META}:6",
     "should be a date"),
    ("a list for metadata", _write(META, "- a\n- b\n"), f"{META}:1", "should be a mapping of fields"),
    ("empty metadata", _write(META, ""), f"{META}:1", "'year' is missing"),
    ("an unclosed quote", _replace(META, "title: 2099年政府工作报告", 'title: "2099年政府工作报告'), f"{META}:4",
     "not valid YAML"),
    ("a tab to indent", _replace(META, "  file: 2099.txt", "\tfile: 2099.txt"), f"{META}:14", "a tab is used"),
    ("metadata in UTF-16", _bytes(META, "year: 2099\n".encode("utf-16")), f"{META}:1", "not UTF-8"),
    ("a key twice", _replace(META, "holds:", "title: again\nholds:"), f"{META}:11", "appears twice"),
    ("an unknown encoding", _replace(META, "layout: lines", "layout: lines\n  encoding: klingon"), f"{META}:16",
     "unknown encoding 'klingon'"),
    ("a split without a reason", _replace(META, "layout: lines", "layout: lines\n  split_after: [{after_line: 999}]"),
     f"{META}:16", "'source.split_after.0.reason' is missing"),
    # A glossary entry.
    ("a slug that is not its file's", _replace(GLOSSARY, "slug: xin-zhi-sheng-chan-li", "slug: something-else"),
     f"{GLOSSARY}:1", "does not match the file name"),
    ("an unknown category", _replace(GLOSSARY, "category: economy", "category: astrology"), f"{GLOSSARY}:4",
     "'astrology'; use one of"),
    ("no definition", _replace(GLOSSARY, "definition:\n  zh: 测试用释义。\n  en: A test definition.\n", ""),
     f"{GLOSSARY}:1", "'definition' is missing"),
    ("a related entry that is not there", _replace(GLOSSARY, "[gao-zhi-liang-fa-zhan]", "[no-such-entry]"),
     f"{GLOSSARY}:13", "'no-such-entry' does not exist"),
    ("an empty term", _replace(GLOSSARY, "term: 新质生产力", 'term: ""'), f"{GLOSSARY}:2", "empty text"),
    ("an empty English", _replace(GLOSSARY, "preferred: new quality productive forces", 'preferred: ""'),
     f"{GLOSSARY}:6", "empty text"),
    ("a list for an entry", _write(GLOSSARY, "- a\n"), f"{GLOSSARY}:1", "should be a mapping of fields"),
    ("an empty entry", _write(GLOSSARY, ""), f"{GLOSSARY}:1", "'slug' is missing"),
    ("a term two entries claim", _copy(GLOSSARY, "glossary/xin-zhi-sheng-chan-li-2.yml", "slug: xin-zhi-sheng-chan-li",
                                       "slug: xin-zhi-sheng-chan-li-2"),
     "glossary/xin-zhi-sheng-chan-li-2.yml:2", "is also claimed by"),
    ("a mapping for a definition", _replace(GLOSSARY, "  en: A test definition.", "  en: {a: b}"), f"{GLOSSARY}:9",
     "should be text"),
    ("a number for not_in", _replace(GLOSSARY, "related:", "not_in: 5\nrelated:"), f"{GLOSSARY}:13", "should be a list"),
    ("an entry not in UTF-8", _bytes(GLOSSARY, b"slug: x\nterm: \xff\xfe\n"), f"{GLOSSARY}:2", "not UTF-8"),
    ("the term 的", _replace(GLOSSARY, "term: 新质生产力", "term: 的"), f"{GLOSSARY}:2", "single character"),
    ("the alias ，", _replace(GLOSSARY, "related:", "aliases: [，]\nrelated:"), f"{GLOSSARY}:13",
     "only punctuation"),
    ("a file where the glossary folder is", lambda root: (shutil.rmtree(root / "glossary"),
                                                         (root / "glossary").write_text("x")),
     "glossary", "is not a folder"),
    # A translation.
    ("a translation of another year", _replace(ENGLISH, "year: 2099", "year: 2098"), f"{ENGLISH}:3",
     "does not match the file name"),
    ("a fingerprint made by hand", _replace(ENGLISH, "zh: 67086a72947c", "zh: xyz"), f"{ENGLISH}:7",
     "'xyz' is not a fingerprint"),
    ("an empty unit", _replace(ENGLISH, "en: Fellow Deputies,", 'en: ""'), f"{ENGLISH}:8", "empty text"),
    ("another language", _replace(ENGLISH, "language: en", "language: fr"), f"{ENGLISH}:4", "'fr'; use one of 'en'"),
    ("a list of units", _replace(ENGLISH, "units:\n", "units:\n  - a\nunused:\n"), f"{ENGLISH}:5",
     "should be a mapping"),
    ("a unit twice", _replace(ENGLISH, "  intro__para_2:\n", "  intro__para_1:\n    en: again\n  intro__para_2:\n"),
     f"{ENGLISH}:9", "appears twice"),
    ("an unknown field in a translation", _replace(ENGLISH, "language: en", "language: en\ntranslator: me"),
     f"{ENGLISH}:5", "unknown field 'translator'"),
    # The anchor lock.
    ("a line the lock cannot read", _replace(LOCK, "2099 sec_1\n", "2099 sec_1\nnot a line\n"), f"{LOCK}:10",
     "cannot read 'not a line'"),
    ("an anchor listed twice", _replace(LOCK, "2099 sec_1\n", "2099 sec_1\n2099 sec_1\n"), f"{LOCK}:10",
     "already listed on line 9"),
    ("a move to nowhere", _replace(LOCK, "2099 sec_1\n", "2099 sec_1\n2099 sec_7 -> sec_8\n"), f"{LOCK}:10",
     "not on the 2099 page"),
    ("moves in a loop", _replace(LOCK, "2099 sec_1\n", "2099 sec_1\n2099 gone_a -> gone_b\n2099 gone_b -> gone_a\n"),
     f"{LOCK}:10", "not on the 2099 page"),
    ("an amendment of nothing", _replace(LOCK, "2099 sec_1\n",
                                         "2099 sec_1\n2099 sec_9 amended 2099-01-01 000000000000 x | y\n"),
     f"{LOCK}:10", "amended before it is registered"),
    ("a fingerprint rewritten", _replace(LOCK, "2099 intro__para_1\n", "2099 intro__para_1 000000000000 各位代表：\n"),
     f"{LOCK}:5", "the words further on differ (or the fingerprint on this line was changed)"),
    ("the lock deleted", _remove(LOCK), LOCK, "the anchor lock is missing"),
    ("a lock not in UTF-8", _bytes(LOCK, b"2099 intro__para_1\n\xff\xfe\n"), f"{LOCK}:2", "not UTF-8"),
    ("a folder for the lock", _folder(LOCK), LOCK, "is a directory"),
    # The raw text.
    ("a raw text of random bytes", _bytes(RAW, bytes(range(128, 256)) * 50), f"{RAW}:1", "cannot decode"),
    ("an empty raw text", _write(RAW, ""), f"{META}:13", "which has 0 lines"),
    ("a raw text of blanks", _write(RAW, "   \n\n\u3000\n"), f"{META}:13", "hold no report text"),
    ("a folder for the raw text", _folder(RAW), f"{META}:14", "not found"),
    ("no raw text", _remove(RAW), f"{META}:14", "not found"),
    ("no source_texts/", _remove("source_texts"), "source_texts", "no report metadata"),
    # Corrections to the Traditional conversion.
    ("an unknown field in the corrections", _write(TRADITIONAL, "overrides: []\ncolour: red\n"), f"{TRADITIONAL}:2",
     "unknown field 'colour'"),
    ("a correction without a reason", _write(TRADITIONAL, "overrides:\n  - simplified: 发展\n    traditional: 發展\n"),
     f"{TRADITIONAL}:2", "'overrides.0.reason' is missing"),
    ("a correction of another length", _write(TRADITIONAL, "overrides:\n  - simplified: 发展\n    traditional: 發展發展\n"
                                                            "    reason: x\n"),
     f"{TRADITIONAL}:2", "the same number of characters"),
    ("a list of corrections", _write(TRADITIONAL, "- a\n"), f"{TRADITIONAL}:1", "should be a mapping of fields"),
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


def test_a_raw_text_in_utf16_is_the_same_report(tmp_path):
    """Harmless input is correct output: a BOM says how to read the file, and the report is the same."""
    root = tmp_path / "project"
    shutil.copytree(TINY, root)
    (root / RAW).write_bytes((root / RAW).read_text(encoding="utf-8").encode("utf-16"))
    loaded = Project(root).load()
    assert not loaded.diagnostics.errors
    assert loaded.reports[0].report == Project(TINY).load().reports[0].report


@pytest.mark.parametrize("written", ['"zh": 67086a72947c', "zh : 67086a72947c", "{zh: 67086a72947c, en: x}"])
def test_stamp_refuses_a_unit_it_cannot_rewrite_line_by_line(tmp_path, written):
    """`stamp` edits the fingerprint's line and keeps the rest of the file as written:
    a unit written otherwise is one error at its line, and the file is untouched."""
    root = tmp_path / "project"
    shutil.copytree(TINY, root)
    path = root / ENGLISH
    text = path.read_text(encoding="utf-8")
    if written.startswith("{"):
        text = text.replace("  intro__para_1:\n    zh: 67086a72947c\n    en: Fellow Deputies,\n",
                            f"  intro__para_1: {written}\n")
    else:
        text = text.replace("    zh: 67086a72947c", f"    {written}")
    path.write_text(text, encoding="utf-8")
    with _limit(LIMIT), pytest.raises(GeneratorError) as raised:
        Project(root).stamp(2099, ["intro__para_1"])
    (error,) = raised.value.diagnostics
    assert error.path == ENGLISH and error.line in (6, 7) and "then stamp it" in error.message
    assert path.read_text(encoding="utf-8") == text
