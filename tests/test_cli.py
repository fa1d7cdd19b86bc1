"""The command line: parse, check, lock, stamp; bad input is one line naming the file, exit 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def test_parse_prints_api_json_for_a_seed():
    result = run("parse", "source_texts/000_40cf7fe3becdb34f.txt", "--year", "2024")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["year"] == 2024 and data["layout"] == "columns"
    paragraphs = [b for b in data["blocks"] if b["kind"] == "paragraph"]
    assert len(paragraphs) == 54
    assert data["blocks"][0] == {"id": "sec_3", "kind": "section", "number": 3, "text": "三、2024年政府工作任务",
                                 "label_zh": "三", "label_en": "Part III"}


def test_parse_lists_every_report_of_a_multi_report_file():
    result = run("parse", "source_texts/001_eed1ed42a63fca27.txt")
    assert result.returncode == 0, result.stderr
    years = [r["year"] for r in json.loads(result.stdout)]
    assert years == [2024, 2021]  # by the file's own (wrong) titles: parse has no metadata


def test_parse_reports_an_unknown_year():
    result = run("parse", "source_texts/001_eed1ed42a63fca27.txt", "--year", "1999")
    assert result.returncode == 2 and "no report of 1999" in result.stderr


def _one_line_error(result, path, message):
    """Exit 2, nothing on stdout, one line `path[:line]: error: …` holding ``message``; never a traceback."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(str(path)) and ": error: " in line and message in line, line


@pytest.mark.parametrize("name, content, message", [
    ("missing.txt", None, "no such file"),
    ("folder", "dir", "is a directory"),
    ("empty.txt", b"", "no report text (the file is empty)"),
    ("blank.txt", "  \n\n\t\u3000\n".encode(), "no report text (only blank lines)"),
    ("titles.txt", "2024政府工作报告\n\n政府工作报告\n".encode(), "only lines that are not report text: title at line 1"),
])
def test_parse_refuses_a_file_without_report_text(tmp_path, name, content, message):
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    _one_line_error(run("parse", str(path)), path, message)


def test_parse_decodes_utf16_with_its_byte_order_mark(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes("各位代表：\n现在，我代表国务院，向大会报告政府工作。\n".encode("utf-16"))  # BOM + native order
    result = run("parse", str(path))
    assert result.returncode == 0, result.stderr
    assert [b["text"] for b in json.loads(result.stdout)["blocks"]][:1] == ["各位代表："]
    _one_line_error(run("parse", str(path), "--encoding", "gb18030"), path, "UTF-16 byte-order mark")


def test_parse_takes_an_encoding(tmp_path):
    path = tmp_path / "big5.txt"
    path.write_bytes("各位代表：\n現在，我代表國務院，向大會報告政府工作。\n".encode("big5"))
    result = run("parse", str(path), "--encoding", "big5")
    assert result.returncode == 0, result.stderr
    assert "現在，我代表國務院" in result.stdout
    _one_line_error(run("parse", str(path), "--encoding", "klingon"), path, "unknown encoding 'klingon'")


def test_check_passes_on_the_project():
    result = run("check")
    assert result.returncode == 0, result.stdout
    assert "0 errors" in result.stdout


def test_check_fails_with_path_line(project_copy):
    meta = project_copy / "source_texts" / "2021.yml"
    meta.write_text(meta.read_text(encoding="utf-8") + "bogus: 1\n", encoding="utf-8")
    result = run("--root", str(project_copy), "check")
    assert result.returncode == 1
    assert "source_texts/2021.yml:" in result.stdout and "unknown field 'bogus'" in result.stdout


def test_lock_registers_new_anchors(project_copy):
    lock = project_copy / "source_texts" / "anchors.lock"
    lock.write_text("\n".join(line for line in lock.read_text().splitlines() if not line.startswith("2021 ")) + "\n")
    assert "not registered" in run("--root", str(project_copy), "check").stdout
    result = run("--root", str(project_copy), "lock")
    assert result.returncode == 0 and "4 anchors registered" in result.stdout
    assert run("--root", str(project_copy), "check", "--strict").returncode == 0


def test_check_github_prints_workflow_annotations(project_copy):
    entry = project_copy / "glossary" / "shuang-jian.yml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("category:", "categry:"), encoding="utf-8")
    result = run("--root", str(project_copy), "check", "--github")
    assert result.returncode == 1
    line = next(n for n, text in enumerate(entry.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("categry"))
    assert f"::error file=glossary/shuang-jian.yml,line={line}::unknown field 'categry'" in result.stdout


def test_check_github_escapes_a_file_name_that_would_forge_a_command(project_copy):
    """A pull request may name a file anything: its name is data in the annotation, never a command."""
    forged = project_copy / "glossary" / "x\n::error file=README.md,line=1::forged.yml"
    forged.write_text("term: [\n", encoding="utf-8")
    result = run("--root", str(project_copy), "check", "--github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ", "check: ")) for line in lines)
    assert not any("README.md" in line.split("::")[1] and "forged" not in line for line in lines if "::" in line)
    (annotation,) = [line for line in lines if "forged" in line]
    assert annotation.startswith("::error file=glossary/x%0A%3A%3Aerror file=README.md%2Cline=1%3A%3Aforged.yml")
    plain = run("--root", str(project_copy), "check").stdout.splitlines()  # CI reads every line it prints
    assert not [line for line in plain if line.startswith("::")]
    assert any(line.startswith("glossary/x\\n::error file=README.md") for line in plain), plain


def test_stamp_reports_an_unknown_year():
    _one_line_error(run("stamp", "1999", "--all"), "source_texts/1999.yml", "no report of 1999")


@pytest.mark.parametrize("args", [("stamp", "2021"), ("stamp", "2021", "intro__para_1", "--all")])
def test_stamp_needs_named_units_or_all(project_copy, args):
    result = run("--root", str(project_copy), *args)
    assert result.returncode == 2 and "--all" in result.stderr and "Traceback" not in result.stderr


def test_stamp_prints_each_unit_with_its_project_path_and_line(project_copy):
    path = project_copy / "source_texts" / "2021.en.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("zh: ", "zh: 0", 1), encoding="utf-8")
    result = run("--root", str(project_copy), "stamp", "2021", "--all")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "source_texts/2021.en.yml:9: stamped intro__para_1__sent_1"


def test_stamp_suggests_the_nearest_anchor(project_copy):
    result = run("--root", str(project_copy), "stamp", "2021", "intro_para_2")
    _one_line_error(result, "source_texts/2021.en.yml:", "did you mean intro__para_2__sent_1?")


def test_unreadable_lock_stops_check_and_lock_with_exit_2(project_copy):
    (project_copy / "source_texts" / "anchors.lock").write_bytes(b"2021 intro__para_1\n\xff\xfe\n")
    for command in ("check", "lock"):
        _one_line_error(run("--root", str(project_copy), command), "source_texts/anchors.lock:2", "not UTF-8")


def test_lock_refuses_a_project_with_errors_with_exit_2(project_copy):
    meta = project_copy / "source_texts" / "2021.yml"
    meta.write_text(meta.read_text(encoding="utf-8") + "bogus: 1\n", encoding="utf-8")
    result = run("--root", str(project_copy), "lock")
    assert result.returncode == 2 and "unknown field 'bogus'" in result.stderr and "not written" in result.stderr


def test_a_root_that_is_not_a_directory_is_exit_2(tmp_path):
    result = run("--root", str(tmp_path / "nowhere"), "check")
    assert result.returncode == 2 and "no such directory" in result.stderr
