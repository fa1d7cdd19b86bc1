"""The command line: parse, check, lock."""

from __future__ import annotations

import json
import subprocess
import sys

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
    assert data["blocks"][0] == {"id": "sec_3", "kind": "section", "number": 3, "text": "三、2024年政府工作任务"}


def test_parse_lists_every_report_of_a_multi_report_file():
    result = run("parse", "source_texts/001_eed1ed42a63fca27.txt")
    assert result.returncode == 0, result.stderr
    years = [r["year"] for r in json.loads(result.stdout)]
    assert years == [2024, 2021]  # by the file's own (wrong) titles: parse has no metadata


def test_parse_reports_an_unknown_year():
    result = run("parse", "source_texts/001_eed1ed42a63fca27.txt", "--year", "1999")
    assert result.returncode == 1 and "no report of 1999" in result.stderr


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
    lock.write_text("\n".join(l for l in lock.read_text().splitlines() if not l.startswith("2021 ")) + "\n")
    assert "not registered" in run("--root", str(project_copy), "check").stdout
    result = run("--root", str(project_copy), "lock")
    assert result.returncode == 0 and "4 anchors registered" in result.stdout
    assert run("--root", str(project_copy), "check", "--strict").returncode == 0


def test_check_github_prints_workflow_annotations(project_copy):
    entry = project_copy / "glossary" / "shuang-jian.yml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("category:", "categry:"), encoding="utf-8")
    result = run("--root", str(project_copy), "check", "--github")
    assert result.returncode == 1
    line = next(n for n, l in enumerate(entry.read_text(encoding="utf-8").splitlines(), 1) if l.startswith("categry"))
    assert f"::error file=glossary/shuang-jian.yml,line={line}::unknown field 'categry'" in result.stdout


def test_stamp_reports_an_unknown_year():
    result = run("stamp", "1999")
    assert result.returncode == 1 and "no report of 1999" in result.stderr
