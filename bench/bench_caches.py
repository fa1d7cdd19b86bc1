"""Print what each cache saves: a build with it against the same build without it, paired in one run.

Every cache of the project lives under ``.cache/gwr/`` (CONTRIBUTING,
"Caches"); this bench takes them away one at a time from a build that
would otherwise find them all, and prints the seconds each one saves:

* ``site.marshal``: the last site; a build whose inputs did not change
  loads none of the stages;
* ``chrome.json``: the Traditional pages' chrome, converted run by run,
  without OpenCC;
* ``jinja/``: compiled templates, Material's and ours;
* ``search/``: the listing of the search bundle kept in the site folder;
  without it the bundle there is not trusted, and Pagefind indexes again;
* ``downloads/`` and ``pdf/``: the books (`make site`); without both, every
  PDF is printed again; without the set alone, the EPUBs are made again and
  each PDF found under the digest of its HTML;
* the warm-up: under `mkdocs serve`, a session whose first build came from
  the site cache loads the project on a thread while the contributor reads,
  so the first rebuild after an edit redoes only what the edit touched.

Then it edits one glossary entry and prints which PDFs a `make site`
prints again: only the books that hold the term.

Numbers only, paired and alternated so that machine noise hits both sides.

    .venv/bin/python bench/bench_caches.py [--repeat N] [--sites seed,30]
"""

from __future__ import annotations

import argparse
import json
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

from bench.sites import CORPUS, copy_project, corpus_project, glossary_file  # noqa: E402

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
CACHE = ".cache/gwr"


def build(project: pathlib.Path, site: str, books: bool = False) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", site], cwd=project, check=True,
                   env=dict(ENV, GWR_DOWNLOADS="true" if books else "false"))
    return time.perf_counter() - start


def without(project: pathlib.Path, site: str, names: tuple[str, ...], repeat: int, books: bool = False):
    """(with, without) medians: a build finding every cache, and one missing ``names``."""
    kept = pathlib.Path(tempfile.mkdtemp())
    with_all, missing = [], []
    for _ in range(repeat):
        with_all.append(build(project, site, books))
        for name in names:  # put aside, then back, so the next round finds them
            if (project / CACHE / name).exists():
                shutil.move(project / CACHE / name, kept / name)
        missing.append(build(project, site, books))
        for name in names:
            if name == "search":  # the listing of the bundle now in the site, which the build just made
                continue
            shutil.rmtree(project / CACHE / name, ignore_errors=True)
            if (kept / name).exists():
                shutil.move(kept / name, project / CACHE / name)
    shutil.rmtree(kept, ignore_errors=True)
    return statistics.median(with_all), statistics.median(missing)


_SERVE = """
import json, pathlib, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
from generator.build.session import Session
project, entry, warm = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3] == "warm"
if not warm:
    Session._warm = lambda self, links: None  # the project is loaded by the first rebuild instead
def config():
    return load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "served"))
first = config()
first.plugins.on_startup(command="serve", dirty=True)
build(first, dirty=True)
assert first.plugins["gwr"].session.from_cache
time.sleep(3)  # a contributor reads the page, then edits
original = entry.read_text(encoding="utf-8")
entry.write_text(original.replace("definition:", "definition:  # edited", 1), encoding="utf-8")
start = time.perf_counter()
build(config(), dirty=True)
print(json.dumps(time.perf_counter() - start))
entry.write_text(original, encoding="utf-8")
"""


def warm_up(project: pathlib.Path, site: str, repeat: int) -> tuple[float, float]:
    """(with, without) the warm-up: the first serve rebuild of a session that started from the cache."""
    build(project, site)  # the site cache a session starts from
    runs: dict[str, list[float]] = {"warm": [], "cold": []}
    for _ in range(repeat):
        for mode in runs:
            result = subprocess.run([sys.executable, "-c", _SERVE, str(project), str(glossary_file(project)), mode],
                                    capture_output=True, text=True, env=ENV, cwd=ROOT, check=True)
            runs[mode].append(json.loads(result.stdout.strip().splitlines()[-1]))
            shutil.rmtree(project / "served", ignore_errors=True)
    return statistics.median(runs["warm"]), statistics.median(runs["cold"])


def reprinted(project: pathlib.Path, site: str) -> tuple[list[str], int]:
    """The PDFs a `make site` prints again after a glossary edit: the books
    whose bytes changed (their dates aside), and how many printings the PDF
    cache gained."""
    from generator.writers.books.pdf_finish import fixed_dates

    def books() -> dict[str, bytes]:
        build(project, site, books=True)
        return {p.name: fixed_dates(p.read_bytes(), 0) for p in (pathlib.Path(site) / "downloads").glob("*.pdf")}

    before, printings = books(), len(list((project / CACHE / "pdf").iterdir()))
    entry = glossary_file(project)
    original = entry.read_text(encoding="utf-8")
    entry.write_text(original.replace("  zh: ", "  zh: 【", 1), encoding="utf-8")  # the definition a book prints
    try:
        after = books()
    finally:
        entry.write_text(original, encoding="utf-8")
    return sorted(name for name in after if after[name] != before.get(name)), \
        len(list((project / CACHE / "pdf").iterdir())) - printings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sites", default="seed")
    args = parser.parse_args()
    books = shutil.which("chromium") is not None
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        sites = []
        for name in args.sites.split(","):
            if name == "seed":
                sites.append(("seed", copy_project(tmp / "seed")))
            else:
                made = corpus_project(tmp / name, int(name))
                if made is None:
                    print(f"(no corpus at {CORPUS}: the {name}-report site is skipped)")
                else:
                    sites.append((f"{name} reports", made))
        for name, project in sites:
            site = str(tmp / f"{name}-site")
            build(project, site, books)  # every cache filled, for the builds with books and without
            build(project, site)
            print(f"{name}: seconds a build takes with every cache, and without one (median of {args.repeat})")
            print(f"  {'cache':<34}{'with':>7}{'without':>9}{'saves':>7}")
            rows = [("site.marshal (the last site)", ("site.marshal",), False),
                    ("chrome.json (Traditional chrome)", ("chrome.json",), False),
                    ("jinja/ (compiled templates)", ("jinja",), False),
                    ("search/ (bundle kept in the site)", ("search",), False)]
            if books:
                rows += [("downloads/ (the set of books)", ("downloads",), True),
                         ("downloads/ and pdf/ (every PDF)", ("downloads", "pdf"), True)]
            else:
                print("  (no chromium: the books' caches are not measured)")
            for label, names, with_books in rows:
                kept, lost = without(project, site, names, args.repeat, with_books)
                print(f"  {label:<34}{kept:>7.2f}{lost:>9.2f}{lost - kept:>7.2f}", flush=True)
            warm, cold = warm_up(project, site, args.repeat)
            print(f"  {'warm-up (first serve rebuild)':<34}{warm:>7.2f}{cold:>9.2f}{cold - warm:>7.2f}", flush=True)
            if books:
                names, printings = reprinted(project, site)
                print(f"  a glossary edit (新质生产力) prints again: {', '.join(names) or 'nothing'} "
                      f"({printings} new printings in the PDF cache)")


if __name__ == "__main__":
    main()
