"""Print what search costs: index time, its share of the build, index bytes, bytes per query.

Two sites, each made in a temporary folder: the seed site (this repository)
and a 30-report site (the corpus texts repeated to the size of 30 full
reports; skipped when ../shared/corpus is absent). For each:

* records and index time: Pagefind indexing the site's records on its own
  (generator.search.pagefind.write_bundle), median of three;
* build with search ÷ build without: `mkdocs build` from a fresh clone (no
  .cache/gwr) with the plugin's search on and off, alternately in one run so
  machine noise hits both alike. Pagefind indexes on its own process while
  MkDocs renders, so the share is what the index adds to the build's wall time;
* bundle bytes: all of site/pagefind/, and its index data (the .pf_* chunks,
  which Pagefind writes gzipped already);
* bytes per query: headless Chromium opens /2024/ afresh for each query, types
  it into the search box and sums what was fetched under /pagefind/ (gzip
  size: the .pf_* files as they are, the scripts and WebAssembly gzipped as a
  server would send them; and uncompressed, as a server that does not
  compress sends them; and the number of requests). The first view fetches
  nothing: printed too.

Numbers only: targets are judged by people reading them, never by a timed test.

    .venv/bin/python bench/bench_search.py [--repeat N] [--sites seed,30]
"""

from __future__ import annotations

import argparse
import gzip
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sites import CORPUS, copy_project, corpus_project  # noqa: E402

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
QUERIES = ["新质生产力", "两个确立", "养老", "民生", "以旧换新", "銀髮經濟", "productivity", "rural revitalization"]


def _records(project: pathlib.Path) -> list:
    from generator.build.mkdocs_files import page_urls
    from generator.links import Links
    from generator.project.project import Project
    from generator.search import records as search_records

    return search_records.records(Project(project).load(), Links(page_urls(True)))


def index_time(records: list, repeat: int = 3) -> float:
    from generator.search import pagefind

    times = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(repeat):
            start = time.perf_counter()
            pagefind.write_bundle(records, pathlib.Path(out) / "pagefind")
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def _without_search(project: pathlib.Path) -> pathlib.Path:
    config = project / "mkdocs-nosearch.yml"
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(text.replace("  - gwr:\n", "  - gwr:\n      search: false\n"), encoding="utf-8")
    return config


def _build(project: pathlib.Path, config: pathlib.Path, site: str) -> float:
    shutil.rmtree(project / ".cache", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", site, "--config-file", str(config)],
                   cwd=project, check=True, env=ENV)
    return time.perf_counter() - start


def paired_builds(project: pathlib.Path, repeat: int, site: str) -> tuple[float, float]:
    plain = _without_search(project)
    with_search, without = [], []
    for _ in range(repeat):
        without.append(_build(project, plain, site + "-plain"))
        with_search.append(_build(project, project / "mkdocs.yml", site))
    return statistics.median(with_search), statistics.median(without)


def bundle_bytes(site: pathlib.Path) -> tuple[int, int]:
    files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), sum(p.stat().st_size for p in files if ".pf_" in p.name)


def _gzip_size(path: pathlib.Path) -> int:
    data = path.read_bytes()
    return len(data) if ".pf_" in path.name else len(gzip.compress(data, 6))


def bytes_per_query(site: pathlib.Path) -> tuple[int, dict[str, tuple[int, int, int]]]:
    """Files fetched on the first view, and per query (gzip bytes, bytes as a
    server that does not compress sends them, requests)."""
    from tests.browser import chrome_driver, serve, wait

    driver = chrome_driver()
    per_query, requests = {}, []
    try:
        # The server's log, not the page's resource timing: Pagefind's web
        # worker fetches the index chunks, and a page does not see those.
        with serve(site, requests) as base:
            def fetched() -> list[str]:
                # Whole addresses: pagefind.js?x-hans and pagefind.js?en are two downloads.
                return [n for n in requests if n.startswith("/pagefind/")]

            driver.get(f"{base}/2024/")
            time.sleep(1)
            first_view = len(fetched())
            for query in QUERIES:
                # A fresh browser cache for each query: what one query costs a new reader.
                driver.execute_cdp_cmd("Network.clearBrowserCache", {})
                driver.get(f"{base}/2024/")
                requests.clear()
                driver.execute_script("document.querySelector('.gwr-search-open').click();"
                                      "const i = document.getElementById('gwr-search-input'); i.value = arguments[0];"
                                      "i.dispatchEvent(new Event('input'))", query)
                try:
                    wait(driver, lambda: driver.execute_script(
                        "return document.querySelector('.gwr-search-results').getAttribute('data-query')") == query,
                         timeout=30)
                except Exception:
                    shown = driver.execute_script("return document.querySelector('.gwr-search-results').outerHTML")
                    raise SystemExit(f"the search box did not answer {query!r} in 30 s; "
                                     f"it shows: {shown[:500]}") from None
                paths = set(fetched())
                files = [site / urllib.parse.urlparse(p).path.lstrip("/") for p in paths]
                per_query[query] = (sum(_gzip_size(f) for f in files), sum(f.stat().st_size for f in files),
                                    len(paths))
    finally:
        driver.quit()
    return first_view, per_query


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sites", default="seed,30")
    args = parser.parse_args()
    wanted = args.sites.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        sites = []
        if "seed" in wanted:
            sites.append(("seed", copy_project(tmp / "seed")))
        if "30" in wanted:
            made = corpus_project(tmp / "30", 30)
            if made is None:
                print(f"(no corpus at {CORPUS}: the 30-report site is skipped)")
            else:
                sites.append(("30 reports", made))
        print(f"{'site':<11}{'records':>8}{'index s':>8}{'build s':>8}{'no-search s':>12}{'share':>7}"
              f"{'bundle KB':>10}{'index KB':>9}{'first view':>11}{'query KB (median/max)':>23}")
        for name, project in sites:
            records = _records(project)
            seconds = index_time(records)
            site = str(tmp / f"{name}-site")
            built, plain = paired_builds(project, args.repeat, site)
            total, data = bundle_bytes(pathlib.Path(site))
            first_view, per_query = bytes_per_query(pathlib.Path(site))
            sizes = sorted(gzipped for gzipped, _, _ in per_query.values())
            print(f"{name:<11}{len(records):>8}{seconds:>8.2f}{built:>8.2f}{plain:>12.2f}"
                  f"{(built - plain) / built:>7.0%}{total / 1024:>10.0f}{data / 1024:>9.0f}{first_view:>11}"
                  f"{statistics.median(sizes) / 1024:>14.1f} / {sizes[-1] / 1024:.1f}", flush=True)
            for query, (size, raw, count) in per_query.items():
                print(f"    {query}: {size / 1024:.1f} KB gzipped, {raw / 1024:.1f} KB uncompressed, {count} requests")
    print("targets: share <= 15% and build <= 5 s at 30 reports; nothing on first view; <= 100 KB per query (seed)")


if __name__ == "__main__":
    main()
