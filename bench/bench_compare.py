"""Print how long `compare` takes: two full reports (2021 and 2025 from
../shared/corpus, skipped when absent), the seeds (2022 and 2024 of the
edition) and the hand-made fixture; alignment alone, and the whole command.

The target (issue 23) is two full reports in under a second, start-up included.

    .venv/bin/python bench/bench_compare.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sites import CORPUS  # noqa: E402
from generator.comparison.alignment import align, lineage_json  # noqa: E402
from generator.project.project import Project  # noqa: E402
from generator.sources.rawfile import parse_reports  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "lineage"


def timed(work, repeat: int) -> tuple[float, object]:
    """Median seconds of ``work()`` over ``repeat`` runs, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def closing_line(path: pathlib.Path) -> list[str]:
    """``--closing-line-b`` for the 2025 text, which lost its standalone 各位代表！ lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if any(line.strip().startswith("各位代表！") for line in lines):
        return []
    found = next((n for n, line in enumerate(lines, 1) if line.strip().startswith("应对新挑战")), None)
    return ["--closing-line-b", str(found)] if found else []


def report_line(name: str, a, b, repeat: int) -> None:
    seconds, lineage = timed(lambda: align(a, b), repeat)
    json_seconds, _ = timed(lambda: json.dumps(lineage_json(lineage), ensure_ascii=False), repeat)
    sentences = sum(len(p.sentences) for r in (a, b) for p in r.paragraphs())
    changes = [s.change for s in lineage.sentence_pairs()]
    counts = " ".join(f"{c}={changes.count(c)}" for c in ("same", "edited", "new", "removed"))
    print(f"{name:<24}{sentences:>10}{seconds * 1000:>11.1f}{json_seconds * 1000:>10.1f}   {counts}")


def command(args: list[str], repeat: int) -> float:
    def run():
        result = subprocess.run([sys.executable, "-m", "generator", "compare", *args], cwd=ROOT,
                                capture_output=True, text=True)
        if result.returncode:
            raise SystemExit(f"compare failed: {result.stderr.strip()}")
    return timed(run, repeat)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'reports':<24}{'sentences':>10}{'align ms':>11}{'JSON ms':>10}   sentence pairs")
    corpus = {year: CORPUS / f"{year}.txt" for year in (2021, 2025)}
    have_corpus = all(p.exists() for p in corpus.values())
    if have_corpus:
        extra = closing_line(corpus[2025])
        close = int(extra[1]) if extra else None
        parse_seconds, (a, b) = timed(lambda: (parse_reports(corpus[2021], 2021)[0].report,
                                               parse_reports(corpus[2025], 2025, closing_line=close)[0].report),
                                      args.repeat)
        report_line("corpus 2021 → 2025", a, b, args.repeat)
    else:
        print(f"(no corpus at {CORPUS}: the full reports are skipped)")
    project = Project(ROOT)
    loaded = project.load()
    report_line("seeds 2022 → 2024", project.report(2022, loaded), project.report(2024, loaded), args.repeat)
    fixture = [parse_reports(FIXTURE / f"{year}.txt")[0].report for year in (2098, 2099)]
    report_line("fixture 2098 → 2099", *fixture, args.repeat)

    print()
    if have_corpus:
        print(f"parse both corpus files: {parse_seconds * 1000:.1f} ms")
        whole = command([str(corpus[2021]), str(corpus[2025]), "--year-a", "2021", "--year-b", "2025", *extra],
                        args.repeat)
        print(f"python -m generator compare 2021.txt 2025.txt: {whole:.2f} s, start-up included (target: under 1 s)")
    whole = command(["2022", "2024"], args.repeat)
    print(f"python -m generator compare 2022 2024 (loads the edition): {whole:.2f} s")


if __name__ == "__main__":
    main()
