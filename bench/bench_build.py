"""Print how long the generator stage and the whole build take.

Two sites: the seed site of this repository, and a larger one made in a
temporary folder from the full reports in ../shared/corpus (skipped when
absent; the corpus is never copied into the project). Numbers only: targets
are judged by people reading them, never by a timed test.

    .venv/bin/python bench/bench_build.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.pipeline import Project  # noqa: E402

CORPUS = pathlib.Path(os.environ.get("GWR_SHARED", ROOT.parent / "shared")) / "corpus"


def time_generator(project: pathlib.Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        Project(project).build()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def time_mkdocs(project: pathlib.Path, repeat: int) -> float:
    times = []
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with tempfile.TemporaryDirectory() as site:
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", site],
                           cwd=project, check=True, env=env)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def corpus_project(target: pathlib.Path) -> pathlib.Path | None:
    """A copy of the project whose sources are the corpus reports plus the seeds."""
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    if not files:
        return None
    for name in ("mkdocs.yml", "docs", "glossary"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.exists():
            shutil.copy2(source, target / name)
    sources = target / "source_texts"
    sources.mkdir()
    for path in files:
        year = int(path.stem) if path.stem.isdigit() else None
        if year is None:
            continue
        shutil.copy2(path, sources / path.name)
        lines = path.read_text(encoding="utf-8").splitlines()
        closing = next((n for n, l in enumerate(lines, 1) if l.strip().startswith("应对新挑战")), None)
        structure = f"structure:\n  closing_line: {closing}\n" if closing and year == 2025 else ""
        (sources / f"{year}.yml").write_text(
            f"year: {year}\ntitle: {year}年政府工作报告\ntitle_en: Report {year}\ndelivered: {year}-03-05\n"
            f"speaker: x\nspeaker_en: x\noccasion: x\noccasion_en: x\nholds: 全文\nholds_en: full text\n"
            f"source:\n  file: {path.name}\n{structure}"
            "drop:\n  - {text: 政府工作报告, reason: 标题, reason_en: title}\n"
            f"  - {{text: '{''.join(lines[1].split())}', reason: 副标题, reason_en: subtitle}}\n"
            f"  - {{text: '{''.join(lines[2].split())}', reason: 署名, reason_en: speaker}}\n",
            encoding="utf-8",
        )
    Project(target).write_lock()
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = [("seed site", ROOT)]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = corpus_project(pathlib.Path(tmp))
        if corpus:
            rows.append(("corpus site", corpus))
        else:
            print(f"(no corpus at {CORPUS}: corpus site skipped)")
        print(f"{'site':<14}{'paragraphs':>11}{'generator s':>13}{'mkdocs build s':>16}")
        for name, project in rows:
            loaded = Project(project).load()
            paragraphs = sum(sum(1 for _ in r.report.paragraphs()) for r in loaded.reports)
            gen = time_generator(project, args.repeat)
            build = time_mkdocs(project, args.repeat)
            print(f"{name:<14}{paragraphs:>11}{gen:>13.3f}{build:>16.3f}")


if __name__ == "__main__":
    main()
