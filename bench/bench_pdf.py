"""Print how long the PDF export takes and where the time goes.

1. The fixed cost of a document: a one-line document in a Latin face against
   the same in the book's four CJK faces (each document sends each face's
   whole font file, Noto CJK's 20-27 MB collections, to the print compositor).
2. The seed set (the books make site writes: the whole edition and one per
   report), printed the old way (one book at a time, each in a new tab) and
   the new way (:func:`pdf.print_all`: the books side by side, one tab per
   core, each tab kept for its next book, and each finished by
   :func:`pdf_finish.finished` as it comes, as the export and the build do),
   in pairs, alternating which goes first: wall seconds (browser start
   included) and the CPU seconds of the browser's processes, which other
   work on the machine disturbs less.
3. Per book, printed alone: the seconds of each DevTools step (new tab,
   navigate, load event, ``document.fonts.ready``, ``Page.printToPDF``) the
   old way, and the whole in a tab kept from the book before (the new way);
   the time to make its HTML and to finish its PDF, its pages and size. The
   same for an edition with the full 2021 and 2025 reports when
   ../shared/corpus is there.

    .venv/bin/python bench/bench_pdf.py [--pairs N] [--repeat N]
"""

from __future__ import annotations

import argparse
import base64
import os
import pathlib
import re
import statistics
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_compare import timed  # noqa: E402
from bench.sites import corpus_project  # noqa: E402
from generator.project.project import Project  # noqa: E402
from generator.writers.books import book  # noqa: E402
from generator.writers.books.chromium import A4, PARALLEL, STEPS, Chromium  # noqa: E402
from generator.writers.books.pdf import find_chromium  # noqa: E402
from generator.writers.books.pdf_finish import finished  # noqa: E402

#: The book's faces (book.css): Song and Hei, regular and bold.
FACES = [("Noto Serif CJK SC", 400), ("Noto Serif CJK SC", 700), ("Noto Sans CJK SC", 400), ("Noto Sans CJK SC", 700)]


def pages(data: bytes) -> int:
    """The page count from the PDF's page tree (no PDF library needed)."""
    trees = re.findall(rb"<<((?:(?!<<|>>).)*?/Type\s*/Pages\b(?:(?!<<|>>).)*)>>", data, re.S)
    return max((int(n) for tree in trees for n in re.findall(rb"/Count\s+(\d+)", tree)), default=0)


def cpu_seconds(pid: int) -> float | None:
    """CPU seconds of process ``pid`` and all its descendants, the ones they
    waited for included (Linux /proc); None elsewhere."""
    try:
        tick = os.sysconf("SC_CLK_TCK")
        table = {}
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    fields = pathlib.Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                table[int(entry.name)] = (int(fields[1]), sum(map(int, fields[11:15])))
    except (OSError, ValueError, AttributeError):
        return None
    tree, grown = {pid}, True
    while grown:
        grown = False
        for child, (parent, _) in table.items():
            if parent in tree and child not in tree:
                tree.add(child)
                grown = True
    return sum(table[p][1] for p in tree if p in table) / tick


def books(loaded) -> list[tuple[str, int | None]]:
    """The set make site writes: (label, year), None for the whole edition."""
    return [("whole edition", None)] + [(str(r.report.year), r.report.year) for r in loaded.reports]


# --- the old way, as export printed until the books were printed side by side ---------


def old_print(browser: Chromium, html: str, name: str) -> tuple[bytes, dict[str, float]]:
    """One document in a new tab, step after step, the tab closed after."""
    steps, start = {}, time.perf_counter()

    def mark(step: str) -> None:
        nonlocal start
        steps[step] = (now := time.perf_counter()) - start
        start = now

    page = pathlib.Path(browser.folder.name) / f"old-{name}.html"
    page.write_text(html, encoding="utf-8")
    target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    browser.call("Page.enable", session=session)
    browser.call("Page.setLifecycleEventsEnabled", {"enabled": True}, session=session)
    mark("new tab")
    loader = browser.call("Page.navigate", {"url": page.as_uri()}, session=session)["loaderId"]
    mark("navigate")
    browser.wait_for("Page.lifecycleEvent", session, name="load", loaderId=loader)
    mark("load")
    browser.call("Runtime.evaluate", {"expression": "document.fonts.ready.then(() => true)", "awaitPromise": True},
                 session=session)
    mark("fonts")
    data = browser.call("Page.printToPDF", {
        "paperWidth": A4[0], "paperHeight": A4[1], "preferCSSPageSize": True, "printBackground": True,
        "generateDocumentOutline": True, "generateTaggedPDF": True}, session=session)["data"]
    mark("print")
    browser.call("Target.closeTarget", {"targetId": target})
    mark("close tab")
    page.unlink()
    return base64.b64decode(data), steps


def old_way(executable: str, documents: dict[str, str]) -> tuple[dict[str, bytes], float | None]:
    with Chromium(executable) as browser:
        printed = {name: old_print(browser, html, name)[0] for name, html in documents.items()}
        return printed, cpu_seconds(browser.process.pid)


def new_way(executable: str, documents: dict[str, str], steps: dict | None = None
            ) -> tuple[dict[str, bytes], float | None]:
    with Chromium(executable) as browser:
        printed = browser.print_all(documents, PARALLEL, lambda name, data: finished(data, documents[name], 0))
        if steps is not None:
            steps.update(browser.timings)
        return printed, cpu_seconds(browser.process.pid)


def compare(executable: str, documents: dict[str, str], pairs: int) -> None:
    print(f"  the seed set, old way (one at a time, a new tab each) against new (print_all, {PARALLEL} at once), "
          f"{pairs} pairs, browser start included:")
    seconds = {"old": [], "new": []}
    cpu = {"old": [], "new": []}
    outputs, steps = {}, {}
    for pair in range(pairs):
        for way in ("old", "new") if pair % 2 == 0 else ("new", "old"):
            start = time.perf_counter()
            printed, used = old_way(executable, documents) if way == "old" else new_way(executable, documents, steps)
            seconds[way].append(time.perf_counter() - start)
            if used is not None:
                cpu[way].append(used)
            outputs[way] = printed
    same = all(finished(outputs["old"][n], documents[n], 0) == outputs["new"][n] for n in documents)
    for way in ("old", "new"):
        used = f", CPU {statistics.median(cpu[way]):5.2f} s" if cpu[way] else ""
        print(f"    {way}: wall {statistics.median(seconds[way]):5.2f} s (median; "
              f"{' '.join(f'{s:.2f}' for s in seconds[way])}){used}")
    print(f"    new/old: {statistics.median(seconds['new']) / statistics.median(seconds['old']):.2f} wall"
          + (f", {statistics.median(cpu['new']) / statistics.median(cpu['old']):.2f} CPU" if cpu["old"] else "")
          + f"; the PDFs {'are the same bytes' if same else 'DIFFER'} once the old way's are finished")
    print(f"    new, per book (side by side, so the steps overlap), seconds: {'  '.join(STEPS)}")
    for label, taken in steps.items():
        print(f"    {label:>13}: " + " ".join(f"{taken[step]:5.2f}" for step in STEPS))


def fixed_cost(browser: Chromium, repeat: int) -> None:
    def one_line(faces) -> str:
        lines = "".join(f'<p style="font: {weight} 10pt \'{family}\'">加快发展新质生产力 new quality</p>'
                        for family, weight in faces)
        return f"<!DOCTYPE html><html lang=zh><meta charset=utf-8><body>{lines}</body></html>"

    latin, _ = timed(lambda: browser.print_pdf(one_line([("DejaVu Serif", 400)]), "latin"), repeat)
    cjk, _ = timed(lambda: browser.print_pdf(one_line(FACES), "cjk"), repeat)
    print(f"  a one-line document: {latin:.2f} s in a Latin face, {cjk:.2f} s in the four CJK faces "
          f"(each document sends each face's whole font file to the print compositor)")


def bench_project(name: str, root: pathlib.Path, executable: str, repeat: int, pairs: int) -> None:
    start = time.perf_counter()
    loaded = Project(root).load()
    print(f"{name}: project loaded in {time.perf_counter() - start:.2f} s")
    html_seconds = {}
    documents = {}
    for label, year in books(loaded):
        html_seconds[label], documents[label] = timed(
            lambda year=year: book.book_html(loaded, book.chosen_reports(loaded, year)), repeat)
    if pairs:
        compare(executable, documents, pairs)
    print(f"  per book, printed alone, seconds: in a new tab (old way): "
          f"{'  '.join(('new tab', *STEPS, 'close tab'))}; in the tab kept from the book before (new way)")
    total_bytes = 0
    with Chromium(executable) as old_browser, Chromium(executable) as new_browser:
        new_browser.print_pdf(documents[next(iter(documents))], "warm")  # as if a book came before
        for label, html in documents.items():
            runs = [old_print(old_browser, html, label) for _ in range(repeat)]
            data = runs[-1][0]
            steps = {step: statistics.median(run[1][step] for run in runs) for step in runs[0][1]}
            kept, _ = timed(lambda html=html, label=label: new_browser.print_pdf(html, label), repeat)
            finishing, data = timed(lambda data=data, html=html: finished(data, html, 0), repeat)
            total_bytes += len(data)
            print(f"  {label:>13}: HTML {html_seconds[label]:5.2f} s ({len(html) / 1024:4.0f} KiB)  "
                  + " ".join(f"{value:5.2f}" for value in steps.values())
                  + f"  = {sum(steps.values()):5.2f} s; kept tab {kept:5.2f} s; finish {finishing:4.2f} s  "
                  f"{pages(data):4d} pages  {len(data) / 1024:5.0f} KiB")
    print(f"  {'all':>13}: {total_bytes / 1024 / 1024:.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per per-book measurement (the median is printed)")
    parser.add_argument("--pairs", type=int, default=3, help="old/new pairs of the whole seed set (0: none)")
    args = parser.parse_args()
    executable = find_chromium()
    start = time.perf_counter()
    with Chromium(executable) as browser:
        version = browser.call("Browser.getVersion")["product"]
        print(f"Chromium started in {time.perf_counter() - start:.2f} s ({executable}, {version}); "
              f"{PARALLEL} core(s) to print on")
        fixed_cost(browser, max(args.repeat, 3))
    bench_project("seed edition", ROOT, executable, args.repeat, args.pairs)
    with tempfile.TemporaryDirectory() as folder:
        corpus = corpus_project(pathlib.Path(folder) / "corpus")
        if corpus is None:
            print("corpus edition: skipped (no ../shared/corpus)")
        else:
            bench_project("corpus edition (full 2021 and 2025)", corpus, executable, args.repeat, 0)


if __name__ == "__main__":
    main()
