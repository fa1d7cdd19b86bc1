"""Print how long the PDF export takes and how large its files are: the seed
edition (the set make site writes: the whole edition and one book per
report) and, when ../shared/corpus is there, an edition with the full 2021
and 2025 reports. For each book: the time to make its HTML from the model,
the time Chromium takes to print it, its pages and its size.

    .venv/bin/python bench/bench_pdf.py [--repeat N]
"""

from __future__ import annotations

import argparse
import pathlib
import re
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_compare import timed  # noqa: E402
from bench.sites import corpus_project  # noqa: E402
from generator.writers.books import book# noqa: E402
from generator.writers.books.pdf import Chromium, find_chromium  # noqa: E402
from generator.project.project import Project  # noqa: E402


def pages(data: bytes) -> int:
    """The page count from the PDF's page tree (no PDF library needed)."""
    return max(int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data) or [b"0"])


def bench_project(name: str, root: pathlib.Path, browser: Chromium, repeat: int) -> None:
    start = time.perf_counter()
    loaded = Project(root).load()
    print(f"{name}: project loaded in {time.perf_counter() - start:.2f} s")
    books = [("whole edition", None)] + [(str(r.report.year), r.report.year) for r in loaded.reports]
    total_seconds = total_bytes = 0
    for label, year in books:
        chosen = book.chosen_reports(loaded, year)
        html_seconds, html = timed(lambda: book.book_html(loaded, chosen), repeat)
        print_seconds, data = timed(lambda: browser.print_pdf(html, "bench"), repeat)
        total_seconds += html_seconds + print_seconds
        total_bytes += len(data)
        print(f"  {label:>13}: HTML {html_seconds:5.2f} s ({len(html) / 1024:6.0f} KiB)  "
              f"print {print_seconds:5.2f} s  {pages(data):4d} pages  {len(data) / 1024:6.0f} KiB")
    print(f"  {'all':>13}: {total_seconds:5.2f} s, {total_bytes / 1024 / 1024:.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement (the median is printed)")
    args = parser.parse_args()
    executable = find_chromium()
    start = time.perf_counter()
    with Chromium(executable) as browser:
        browser.call("Browser.getVersion")
        print(f"Chromium started in {time.perf_counter() - start:.2f} s ({executable})")
        bench_project("seed edition", ROOT, browser, args.repeat)
        with tempfile.TemporaryDirectory() as folder:
            corpus = corpus_project(pathlib.Path(folder) / "corpus")
            if corpus is None:
                print("corpus edition: skipped (no ../shared/corpus)")
            else:
                bench_project("corpus edition (full 2021 and 2025)", corpus, browser, args.repeat)


if __name__ == "__main__":
    main()
