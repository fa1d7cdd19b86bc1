"""Throwaway sites for the benchmarks: the seed site, the corpus site, a 30-report site.

Everything is made in a temporary folder from the project and from
``../shared/corpus``; the corpus is never copied into the project. A site
that needs the corpus is ``None`` when it is absent, and the benchmark says so.
"""

from __future__ import annotations

import os
import pathlib
import shutil

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = pathlib.Path(os.environ.get("GWR_SHARED", ROOT.parent / "shared")) / "corpus"
PROJECT_FILES = ("mkdocs.yml", "docs", "glossary", "source_texts")


def copy_project(target: pathlib.Path) -> pathlib.Path:
    """A copy of everything a build reads: the seed site."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    for raw in (target / "source_texts").glob("*.txt"):
        raw.chmod(0o644)
    return target


def _corpus_texts() -> dict[int, pathlib.Path]:
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    return {int(p.stem): p for p in files if p.stem.isdigit()}


def _add_full_report(sources: pathlib.Path, year: int, text_file: pathlib.Path) -> None:
    """A full report, one paragraph per line, with the metadata a person would write."""
    name = f"{year}-full.txt"
    shutil.copy2(text_file, sources / name)
    lines = text_file.read_text(encoding="utf-8").splitlines()
    meta = {
        "year": year, "title": f"{year}年政府工作报告", "title_en": f"Report on the Work of the Government, {year}",
        "delivered": f"{year}-03-05", "speaker": "国务院总理", "speaker_en": "Premier",
        "occasion": "全国人民代表大会", "occasion_en": "National People's Congress",
        "holds": "全文", "holds_en": "the full text",
        "source": {"file": name, "layout": "lines"},
        "drop": [
            {"text": "".join(lines[0].split()), "reason": "标题", "reason_en": "title"},
            {"text": "".join(lines[1].split()), "reason": "副题", "reason_en": "subtitle"},
            {"text": "".join(lines[2].split()), "reason": "署名", "reason_en": "speaker"},
        ],
    }
    # The 2025 text lost its standalone 各位代表！ lines: place its closing.
    closing = next((n for n, line in enumerate(lines, 1) if line.strip().startswith("应对新挑战")), None)
    if closing and not any(line.strip().startswith("各位代表！") for line in lines):
        meta["structure"] = {"closing_line": closing}
    (sources / f"{year}.yml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    (sources / f"{year}.en.yml").unlink(missing_ok=True)


def corpus_project(target: pathlib.Path, reports: int = 4) -> pathlib.Path | None:
    """The seeds (2024, 2022) plus the full corpus reports, up to ``reports`` reports.

    With more reports than the corpus has, earlier years are filled with copies
    of the corpus texts, so a 30-report site has the size of 30 real reports.
    """
    texts = _corpus_texts()
    if not texts:
        return None
    from generator.project.project import Project

    copy_project(target)
    sources = target / "source_texts"
    # The full 2021 report replaces the seed's two-paragraph excerpt of it.
    for name in ("2021.yml", "2021.en.yml"):
        (sources / name).unlink(missing_ok=True)
    (sources / "anchors.lock").unlink()
    years = {2024, 2022}
    for year, path in sorted(texts.items()):
        _add_full_report(sources, year, path)
        years.add(year)
    fillers = list(texts.values())
    year = min(years)
    while len(years) < reports:
        year -= 1
        _add_full_report(sources, year, fillers[year % len(fillers)])
        years.add(year)
    Project(target).write_lock(new=True)  # a made-up edition, never published: its first lock
    return target


def glossary_file(project: pathlib.Path) -> pathlib.Path:
    """The entry a contributor would edit: 新质生产力."""
    return project / "glossary" / "xin-zhi-sheng-chan-li.yml"
