"""Print how many of N search-index builds in a row came out broken (wanted: 0).

Pagefind once left a file of the bundle empty in 5–10% of builds (issue 20):
its service answered the write before the files were on disk, and ended as
soon as its input was closed. Each round here indexes the seed site's
records afresh into a new folder, as a build does
(generator.search.pagefind.write_bundle), then reads the bundle back with
generator.search.bundle.verify. A round that raises is a failure and is
named with its reason. The failure showed under load (a test run on
every core), never on an idle machine: so the rounds run beside busy
processes, one per core unless ``--busy`` says otherwise.

    .venv/bin/python bench/bench_index_builds.py [--builds 100] [--busy N]
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

from bench.bench_search import _records  # noqa: E402
from bench.sites import copy_project  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builds", type=int, default=100)
    parser.add_argument("--busy", type=int, default=os.cpu_count() or 1,
                        help="processes that keep a core busy meanwhile (default: one per core)")
    args = parser.parse_args()

    from generator.search.records import Record, compact, script_map

    with tempfile.TemporaryDirectory() as temp:
        project = copy_project(pathlib.Path(temp) / "project")
        raw = _records(project)
        dicts = [r.as_json() for r in raw]
        records = [Record.from_json(r) for r in compact(dicts, script_map(dicts))]
        failures, times = [], []
        busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy)]
        try:
            _rounds(args.builds, records, pathlib.Path(temp), failures, times)
        finally:
            for process in busy:
                process.kill()
    for failure in failures:
        print(failure)
    print(f"{len(records)} records, {args.builds} index builds in a row beside {args.busy} busy processes: "
          f"{len(failures)} broken (median {statistics.median(times):.2f} s a build)")


def _rounds(builds: int, records: list, temp: pathlib.Path, failures: list, times: list) -> None:
    from generator.search import bundle, pagefind

    for number in range(builds):
        out = temp / f"bundle-{number}"
        start = time.perf_counter()
        try:
            pagefind.write_bundle(records, out)
            bundle.verify(out)
        except (pagefind.PagefindError, bundle.BrokenBundle) as exc:
            failures.append(f"build {number + 1}: {exc}")
        times.append(time.perf_counter() - start)
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
