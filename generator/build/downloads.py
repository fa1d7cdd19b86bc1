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

The books are made in a process of their own (:mod:`project.apart`) while
MkDocs renders the pages, and put into the site at the end of the build
(:meth:`Books.install`). Two caches, in ``.cache/gwr/``:

* ``downloads/KEY/``: the whole set, under the key of the site's inputs,
  the kinds of book, the EPUBs' date (``SOURCE_DATE_EPOCH``, else the last
  commit's) and the printer: a build whose inputs did not change loads
  nothing and prints nothing;
* ``pdf/KEY/``: each PDF under the digest of the HTML printed and the
  printer (Chromium, the fonts it finds, and what finishes the PDF:
  ``pdf.finishing``), without its date: an edit,
  or a new commit, reprints only the books whose pages it changes (a
  glossary entry: the books that hold the term).

What is read back is what was made: a set of books, and each printed PDF,
is read back against the record the store keeps of it
(:meth:`store.Store.checked`) before it is used. A book cut short or changed
since is made again (a set, with one line saying which book); a book is
never published from a cache it cannot be checked against. A book is copied into the site,
never linked: the site is the reader's, and an edit there (or a tool that
rewrites files in place) must not reach the cache the next build serves
from (copying the seed set costs ~10 ms).
"""

from __future__ import annotations

import logging
import os
import pathlib
import shutil
import sys
import threading
import time

from generator.diagnostics import GeneratorError
from generator.links import DOWNLOADS, SCRIPTS, book_name
from generator.project import apart, store

#: Every kind of book, in the order the pages name them.
KINDS = ("pdf", "epub")

log = logging.getLogger("mkdocs.plugins.gwr")


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


def printer() -> tuple:
    """What a PDF depends on besides its HTML: the browser, the fonts
    fontconfig offers it (their files, as a key sees a program), and what finishes the PDF."""
    from generator.writers.books.pdf import find_chromium, finishing, font_files

    return (store.stamp(find_chromium()), tuple(store.stamp(f) for f in font_files() if os.path.exists(f)),
            finishing())


class Books:
    """One build's books: ready in the cache, or being made in a process of their own."""

    def __init__(self, root: pathlib.Path, site_key: str, made: tuple[str, ...], caches: pathlib.Path | None = None):
        """``caches``: where ``.cache/gwr/`` is (the project's own, unless git tracks it)."""
        self.root, self.made = root, made
        self.caches = root if caches is None else caches
        from generator.writers.books.epub import modified

        self.when = modified(root)  # the books' date, which they print
        self.sets = store.Store(self.caches, "downloads")
        self.key = store.fingerprint(site_key, made, self.when.isoformat(), printer() if "pdf" in made else ())
        self.error: Exception | None = None
        self.seconds = 0.0
        # The set is checked (its books read back) or made beside the build.
        self._thread: threading.Thread | None = threading.Thread(target=self._ready, daemon=True)
        self._thread.start()

    def _ready(self) -> None:
        found, why = self.sets.checked(self.key)
        if why:
            log.info(f"the cached books are not whole ({why}): making them again")
        if found is None:
            self._make()

    def _make(self) -> None:
        started = time.perf_counter()
        try:
            with self.sets.making(self.key) as folder:
                apart.run("generator.build.downloads", [str(self.root), str(folder), ",".join(self.made),
                                                        str(int(self.when.timestamp())), str(self.caches)])
        except Exception as exc:  # reported by install(), on the build's thread
            self.error = exc
        self.seconds = time.perf_counter() - started

    def install(self, site_dir: str | pathlib.Path, expected: list[str]) -> None:
        """Wait for the books, and put them into the site under ``downloads/``:
        exactly the ``expected`` ones, which the pages link to."""
        if self._thread is not None:
            self._thread.join()
        if isinstance(self.error, apart.Refused):
            raise GeneratorError.single("downloads", None, str(self.error))
        if self.error is not None:
            raise self.error
        folder = self.sets.get(self.key)
        assert folder is not None
        books = [p for p in folder.iterdir() if p.name != store.RECORD]
        made = sorted(DOWNLOADS + p.name for p in books)
        if made != sorted(expected):
            raise GeneratorError.single("downloads", None, f"made {made}, but the pages link {sorted(expected)}")
        target = pathlib.Path(site_dir) / DOWNLOADS
        target.mkdir(parents=True, exist_ok=True)
        for book in books:
            (target / book.name).unlink(missing_ok=True)
            shutil.copyfile(book, target / book.name)  # a copy: an edit of the site never reaches the cache


def make(root: pathlib.Path, folder: pathlib.Path, made: tuple[str, ...], epoch: int,
         caches: pathlib.Path | None = None) -> None:
    """In the child: every book of the project at ``root`` into ``folder``
    (printed PDFs kept in ``caches``' ``.cache/gwr/pdf/``, by default the project's)."""
    import datetime

    from generator.project.project import Project
    from generator.writers.books import book, epub

    project = Project(root)
    loaded = project.checked()
    when = datetime.datetime.fromtimestamp(epoch, datetime.UTC)
    years = [None, *(r.report.year for r in loaded.reports)]
    if "epub" in made:
        for script in SCRIPTS:
            for year in years:
                documents = epub.documents(loaded, book.chosen_reports(loaded, year), script, when)
                epub.write(folder / book_name(year, script, "epub"), documents, when)
    if "pdf" in made:
        _print(root if caches is None else caches, folder,
               {book_name(year): book.book_html(loaded, book.chosen_reports(loaded, year)) for year in years}, epoch)


def _print(caches: pathlib.Path, folder: pathlib.Path, pages: dict[str, str], date: int) -> None:
    """Each book's PDF from the cache of printed HTML, or printed now. A PDF
    is kept under its HTML and printer alone, printed with no date; the
    books' date is written into each copy (the same bytes Chromium would
    have made with it), so a new commit reprints only the books it changed.
    A kept PDF that is not as it was printed is printed again."""
    from generator.writers.books.pdf import print_all
    from generator.writers.books.pdf_finish import fixed_dates

    printed = store.Store(caches, "pdf", keep=4 * len(pages))  # this edition's books, and the last few edits'
    engine = printer()
    keys = {name: store.fingerprint(html, engine) for name, html in pages.items()}
    found = {name: _printed(printed, key) for name, key in keys.items()}
    missing = {name: html for name, html in pages.items() if found[name] is None}
    for name, data in print_all(missing, date=0).items():
        with printed.making(keys[name]) as made:
            (made / "book.pdf").write_bytes(data)
        found[name] = data
    for name, pdf in found.items():
        assert pdf is not None
        (folder / name).write_bytes(fixed_dates(pdf, date))


def _printed(printed: store.Store, key: str) -> bytes | None:
    """The PDF kept under ``key``, if it is as it was printed; else None
    (and a broken one is removed)."""
    found, _ = printed.checked(key)
    if found is None:
        return None
    try:
        return (found / "book.pdf").read_bytes()
    except OSError:
        return None


if __name__ == "__main__":  # Books._make: ROOT FOLDER KINDS EPOCH CACHES
    try:
        make(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), tuple(sys.argv[3].split(",")), int(sys.argv[4]),
             pathlib.Path(sys.argv[5]))
    except GeneratorError as exc:
        apart.refuse("; ".join(str(d) for d in exc.diagnostics))
