"""The books a reader can download from the site: the edition and each report
as PDF (``export pdf``) and as EPUB in Simplified and in Traditional
(``export epub``), served under ``downloads/``.

Books are made only when the plugin's ``downloads`` option is on (`make
site` and the deploy turn it on; `mkdocs serve` leaves it off). The EPUBs
need nothing but Python. The PDFs are printed by Chromium with a CJK font,
which a fresh machine may not have: :func:`kinds` says which books this
machine can make, and the pages link only those (``Links.downloads``), so
no page links a book that is not there. ``pdf: required`` (the deploy
workflow) turns a machine that cannot print into an error instead.

The books are made once per state of the inputs: they are kept in
``.cache/gwr/downloads/<digest>/`` under the digest of the site's inputs,
so a build whose inputs did not change prints nothing.
"""

from __future__ import annotations

import pathlib
import shutil

from generator.diagnostics import GeneratorError
from generator.links import DOWNLOADS, SCRIPTS
from generator.project.paths import CACHE_DIR

_DONE = "done"  # written last: a folder without it is an interrupted printing
_KEEP = 2  # sets kept: the current one and the one before
#: Every kind of book, in the order the pages name them.
KINDS = ("pdf", "epub")


def kinds(require_pdf: bool = False) -> tuple[tuple[str, ...], str]:
    """The kinds of book this machine makes, and, when it cannot print the
    PDFs, one line saying why and what to install (else "")."""
    from generator.writers.books.pdf import cannot_print

    why = cannot_print()
    if not why:
        return KINDS, ""
    said = f"the PDF books are not printed: {why}"
    if require_pdf:
        raise GeneratorError.single("mkdocs.yml", None, f"{said}; `pdf: required` asks for them")
    return tuple(k for k in KINDS if k != "pdf"), f"{said}; the site and its EPUB books are built without them"


def books(project, root: pathlib.Path, key: str, made: tuple[str, ...] = KINDS) -> dict[str, pathlib.Path]:
    """Site path (downloads/gwr-2024.pdf) → the book's file, for the inputs
    whose digest is ``key`` (which covers ``made``, the kinds of book);
    made now if the cache has no such set."""
    cache = root / CACHE_DIR / "downloads"
    folder = cache / key
    if not (folder / _DONE).is_file():
        from generator.writers.books import epub, pdf  # only when making books: the templates and the browser driver

        partial = cache / f"{key}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        if "pdf" in made:
            pdf.export(project, f"{partial}/")
        for script in SCRIPTS if "epub" in made else ():
            epub.export(project, f"{partial}/", script=script)
        (partial / _DONE).write_text("", encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        partial.rename(folder)
        _prune(cache, folder)
    return {DOWNLOADS + path.name: path for path in sorted(folder.iterdir()) if path.suffix[1:] in made}


def _prune(cache: pathlib.Path, current: pathlib.Path) -> None:
    sets = sorted((p for p in cache.iterdir() if p.is_dir() and (p / _DONE).is_file()),
                  key=lambda p: p.stat().st_mtime, reverse=True)
    for old in sets[_KEEP:]:
        if old != current:
            shutil.rmtree(old, ignore_errors=True)
