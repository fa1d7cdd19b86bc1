"""The books a reader can download from the site: the edition and each report
as PDF (``export pdf``) and as EPUB in Simplified and in Traditional
(``export epub``), served under ``downloads/``.

Printing takes seconds and needs Chromium and a CJK font, so the site has
downloads only when the plugin's ``downloads`` option is on (`make site` and
the deploy turn it on; `mkdocs serve` leaves it off, and then no page links
to a book that is not there). The books are made once per state of the
inputs: they are kept in ``.cache/gwr/downloads/<digest>/`` under the digest
of the site's inputs, so a build whose inputs did not change prints nothing.
"""

from __future__ import annotations

import pathlib
import shutil

from generator.links import DOWNLOADS, SCRIPTS
from generator.project.paths import CACHE_DIR

_DONE = "done"  # written last: a folder without it is an interrupted printing
_KEEP = 2  # sets kept: the current one and the one before


def books(project, root: pathlib.Path, key: str) -> dict[str, pathlib.Path]:
    """Site path (downloads/gwr-2024.pdf) → the book's file, for the inputs
    whose digest is ``key``; made now if the cache has no such set."""
    cache = root / CACHE_DIR / "downloads"
    folder = cache / key
    if not (folder / _DONE).is_file():
        from generator.writers.books import epub, pdf  # only when making books: the templates and the browser driver

        partial = cache / f"{key}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        pdf.export(project, f"{partial}/")
        for script in SCRIPTS:
            epub.export(project, f"{partial}/", script=script)
        (partial / _DONE).write_text("", encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        partial.rename(folder)
        _prune(cache, folder)
    return {DOWNLOADS + path.name: path for path in sorted(folder.iterdir()) if path.suffix in (".pdf", ".epub")}


def _prune(cache: pathlib.Path, current: pathlib.Path) -> None:
    sets = sorted((p for p in cache.iterdir() if p.is_dir() and (p / _DONE).is_file()),
                  key=lambda p: p.stat().st_mtime, reverse=True)
    for old in sets[_KEEP:]:
        if old != current:
            shutil.rmtree(old, ignore_errors=True)
