"""The rows every writer renders (generator/writers/rows.py), case by case.

``tests/fixtures/rows/cases.txt`` holds the cases in markdown-it-py's
fixture format: a title, then ``.``, the input, ``.``, the rows expected,
``.``. The input is a made-up report's raw text; after it, optionally,

* ``--- en``: English units, ``anchor: text``, an anchor a sentence's, a
  heading's, a run's (``…__sent_1-2``) or a paragraph's (``anchor!:`` for a
  unit translated before the Chinese changed; a sentence left out is pending);
* ``--- lock``: lines of the anchor registry (moves, amendments);
* ``--- meta``: more of the report's metadata, as YAML (where an excerpt starts).

Each case is built as a project from the small one of
``tests/fixtures/render/project/`` (its metadata and two glossary entries,
新质生产力 and 高质量发展) and its rows written out one field a line:
``[term](slug)`` a term linked to its entry, ``{term}`` one mentioned again.
"""

from __future__ import annotations

import difflib
import re
import shutil

import pytest
import yaml

from generator.project.project import Project
from generator.sources.translation import fingerprint, segments
from generator.writers import rows
from tests.conftest import FIXTURES

CASES = FIXTURES / "rows" / "cases.txt"
TINY = FIXTURES / "render" / "project"
YEAR = 2099
#: The metadata drops the title line, which every raw text of the case gets.
TITLE = f"{YEAR}年政府工作报告"


def _cases() -> list[tuple[str, str, str]]:
    """(title, input, expected) in markdown-it-py's fixture format."""
    found = re.findall(r"^([^\n]+)\n\.\n(.*?)\n\.\n(.*?)\n\.\n", CASES.read_text(encoding="utf-8"), re.M | re.S)
    assert found, CASES
    return found


def _blocks(given: str) -> dict[str, str]:
    parts = re.split(r"^--- (en|lock|meta)\n", given, flags=re.M)
    return {"text": parts[0], **dict(zip(parts[1::2], parts[2::2]))}


def _project(tmp_path, given: str):
    """The project of a case, loaded, with its English fingerprinted against its Chinese."""
    blocks = _blocks(given)
    root = tmp_path / "project"
    shutil.copytree(TINY, root)
    texts = root / "source_texts"
    (texts / f"{YEAR}.txt").write_text(f"{TITLE}\n{blocks['text']}\n", encoding="utf-8")
    (texts / f"{YEAR}.en.yml").unlink()
    (texts / "anchors.lock").write_text(blocks.get("lock", ""), encoding="utf-8")
    if "meta" in blocks:
        with open(texts / f"{YEAR}.yml", "a", encoding="utf-8") as meta:
            meta.write(blocks["meta"])
    given_units = [(anchor.rstrip("!"), anchor.endswith("!"), english)
                   for anchor, _, english in (line.partition(": ") for line in blocks.get("en", "").splitlines())]
    report = Project(root).load().reports[0].report
    chinese = {s.anchor: s.chinese for s in segments(report, {anchor for anchor, _, _ in given_units})}
    units = {anchor: {"zh": "0" * 12 if stale else fingerprint(chinese[anchor]), "en": english}
             for anchor, stale, english in given_units}
    (texts / f"{YEAR}.en.yml").write_text(yaml.safe_dump({"year": YEAR, "units": units}, allow_unicode=True),
                                          encoding="utf-8")
    return Project(root).load()


def _marked(words) -> str:
    return "".join(piece if span is None else f"[{piece}]({span.slug})" if span.linked else f"{{{piece}}}"
                   for piece, span in words)


def _row(row: rows.Row, indent: str) -> list[str]:
    aliases = f" ← {', '.join(row.aliases)}" if row.aliases else ""
    out = [f"{indent}{row.kind} {row.anchor} {row.pinpoint.zh} · {row.pinpoint.en}{aliases}"]
    indent += "  "
    for s in row.chinese:
        marks = (" lead" if s.lead else "") + (f" ← {', '.join(s.aliases)}" if s.aliases else "")
        out.append(f"{indent}zh {s.id}{marks}: {_marked(s.words)}")
    english = row.english
    if english is None:
        out.append(f"{indent}en none")
    else:
        out.append(f"{indent}en {english.status}")
        if len(english.sentences) > 1 or any(len(u.ids) > 1 for u in english.sentences):
            out += [f"{indent}  unit {u.anchor} {u.status}" + (f" for {', '.join(u.ids)}" if len(u.ids) > 1 else "")
                    + f": {_marked(u.words)}" for u in english.sentences]
        out += [f"{indent}  {which}: {_marked(getattr(english, which))}" for which in ("head", "rest", "whole")
                if getattr(english, which) is not None]
    out += [f"{indent}note {n.anchor} {n.date}: {n.reason}" + (f" ({n.where})" if n.where else "") for n in row.notes]
    return out


def dump(report: rows.ReportRows) -> str:
    """The rows of a report, one field a line."""
    out = [line for row in report.intro for line in _row(row, "")]
    for part in report.parts:
        out.append(f"part {part.name}" + (f" (restored: {part.restored})" if part.restored else ""))
        out += _row(part.heading, "  ")
        out += [line for row in part.rows for line in _row(row, "  ")]
        for task in part.tasks:
            aliases = f" ← {', '.join(task.aliases)}" if task.aliases else ""
            number = f" (number supplied: {task.number})" if task.number else ""
            out.append(f"  task {task.anchor} {task.name}{number}{aliases}")
            out += [line for row in task.rows for line in _row(row, "    ")]
    out += [line for row in report.closing for line in _row(row, "")]
    return "\n".join(out)


@pytest.mark.parametrize("title, given, expected", _cases(), ids=[case[0] for case in _cases()])
def test_rows(tmp_path, title, given, expected):
    loaded = _project(tmp_path, given)
    shown = dump(rows.report_rows(loaded.inputs(loaded.reports[0]), "hans"))
    assert shown == expected, "\n".join(difflib.unified_diff(expected.splitlines(), shown.splitlines(), "expected",
                                                             "made", lineterm=""))


def test_traditional_rows_convert_the_chinese_and_keep_the_terms():
    loaded = Project(TINY).load()
    hant = rows.report_rows(loaded.inputs(loaded.reports[0]), "hant")
    title = hant.parts[1].tasks[0].rows[0]
    assert _marked(title.chinese[0].words) == "（一）加快發展[新質生產力](xin-zhi-sheng-chan-li)。"
    assert title.pinpoint.zh == "二（一）第1段" and title.pinpoint.en == "Part II, task 1, para. 1"
    assert hant.parts[0].heading.english.whole == rows.report_rows(loaded.inputs(loaded.reports[0]),
                                                                   "hans").parts[0].heading.english.whole


def test_counterparts_are_the_rows_own():
    loaded = Project(TINY).load()
    found = rows.report_rows(loaded.inputs(loaded.reports[0]), "hans", {"intro__para_2": ("a counterpart",)})
    assert found.intro[1].counterparts == ("a counterpart",) and found.intro[0].counterparts == ()
