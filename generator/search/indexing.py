"""The search bundle of a build: made beside the build, kept in the site between builds.

The records (:mod:`generator.search.records`) are known as soon as the generator has
run, before MkDocs renders a page. So :class:`Indexing` hands them at once to a
process of their own (``python -m generator.search.indexing``), which makes the
character maps, compacts the records and has Pagefind index them, while the
engine renders pages on the other core; the build waits for the bundle only
at its end (:meth:`Indexing.install`). That process runs at a lower
priority: the build is one Python thread, and both its GIL and its core were
taken by the indexing's own Python work (0.65 s at 30 reports) and by
Pagefind's threads (a 30-report build took 15.4 s with the index, 12.6 s
without, on two cores).

The bundle is made straight into the site folder and kept there
(:mod:`generator.search.site_bundle`): a build whose records, generator and
Pagefind are those of the bundle in the site keeps it, and indexes nothing.
A bundle is read back whole (:func:`generator.search.bundle.verify`) when it
is made, before it goes into place: a broken one fails the build with what
is wrong. Under ``mkdocs serve`` a rebuild does not wait: it shows the last
bundle at once and the new one replaces it when ready. Each bundle carries
its digest in ``gwr-index.json`` and each page the digest of its own build,
so the search box can say when the index is older than the page.
``gwr-scripts.json`` holds the search box's character maps (:func:`search.script_map`).
"""

from __future__ import annotations

import json
import logging
import marshal
import pathlib
import sys
import threading
import time

from generator.project import apart, store
from generator.search.site_bundle import BUNDLE, SiteBundle

log = logging.getLogger("mkdocs.plugins.gwr")

__all__ = ["BUNDLE", "STAMP", "SCRIPTS", "Indexing", "digest", "write"]
STAMP = "gwr-index.json"
SCRIPTS = "gwr-scripts.json"  # search.script_map, beside Pagefind's files


def digest(records: list[dict]) -> str:
    """The bundle's key: its records, the generator that writes them and the
    Pagefind binary that indexes them."""
    from generator.search.pagefind import executable

    return store.fingerprint(records, store.package_digest(), store.stamp(executable()))[:20]


class Indexing:
    """One build's bundle: kept in the site, or being made on a thread."""

    def __init__(self, place: SiteBundle, records: list[dict], start: bool = True):
        """``place``: the site folder's bundle, set aside by the build (:meth:`SiteBundle.set_aside`)."""
        self.place = place
        self.key = digest(records)
        self.error: Exception | None = None
        self.seconds = 0.0  # Pagefind's time, when this build indexed
        self.count = len(records)
        self._records = records
        self._lock = threading.Lock()
        self._made: pathlib.Path | None = None  # the bundle this build made, not yet in place
        self._waiting = True  # False: a serve rebuild went on; the bundle goes into place when made
        self._thread: threading.Thread | None = None
        if place.kept_key() != self.key:
            self._thread = threading.Thread(target=self._make, daemon=True)
            if start:
                self._thread.start()

    def start(self) -> None:
        """Index now, if not begun. A `mkdocs serve` rebuild begins only once
        its pages are written: it does not wait for the index, and the
        thread's Python work (thousands of records) would slow the rebuild."""
        if self._thread is not None and self._thread.ident is None:
            self._thread.start()

    @property
    def ready(self) -> bool:
        return self._thread is None or (self._thread.ident is not None and not self._thread.is_alive())

    def _make(self) -> None:
        started = time.perf_counter()
        try:
            with self.place.staging(self.key) as folder:
                _write_apart(self._records, folder)
                stamp = {"digest": self.key, "records": self.count}
                (folder / STAMP).write_text(json.dumps(stamp, ensure_ascii=False), encoding="utf-8")
                self.seconds = time.perf_counter() - started
                with self._lock:
                    self._made = folder
                    if not self._waiting:  # serve: the rebuild went on without us
                        self.place.put(folder, self.key)
                        log.info(f"search index rebuilt ({self.count} records, {self.seconds:.1f} s)")
        except Exception as exc:  # reported by install(), on the build's thread
            with self._lock:
                self.error = exc
                if not self._waiting:  # no build waits to report it: the serve log says it
                    log.warning(f"the search index could not be rebuilt: {exc}")

    def install(self, wait: bool = True) -> None:
        """Put the bundle in place. ``wait=False`` (serve): show the last
        bundle now, and this one when it is made."""
        if self._thread is None:
            if self.place.restore(self.key, checked=True):  # kept_key() said so when this build began
                return
            # The kept bundle changed or went since this build looked: made now.
            self._thread = threading.Thread(target=self._make, daemon=True)
        self.start()
        if not wait:
            with self._lock:
                if self._made is None and self.error is None:
                    self._waiting = False
                    self.place.restore()
                    return
        self._thread.join()
        if self.error is not None:
            raise self.error
        assert self._made is not None
        self.place.put(self._made, self.key)


def _write_apart(records: list[dict], folder: pathlib.Path) -> None:
    """:func:`write` in a process of its own (:mod:`project.apart`); Pagefind's
    refusal comes back as it said it."""
    from generator.search.pagefind import PagefindError

    try:
        apart.run("generator.search.indexing", [str(folder.resolve())], marshal.dumps(records))
    except apart.Refused as exc:
        raise PagefindError(str(exc)) from None


def write(records: list[dict], folder: pathlib.Path) -> None:
    """The bundle of ``records`` into ``folder``: Pagefind's files, and the
    character maps with which the search box reads a Traditional query and
    shows a hit's Traditional text (fetched for Chinese queries only)."""
    from generator.search import pagefind
    from generator.search.records import Record, compact, script_map

    made = script_map(records)
    pagefind.write_bundle([Record.from_json(r) for r in compact(records, made)], folder)
    (folder / SCRIPTS).write_text(json.dumps(made, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":  # _write_apart: the records as marshal data on stdin
    from generator.search.pagefind import PagefindError

    try:
        write(marshal.loads(sys.stdin.buffer.read()), pathlib.Path(sys.argv[1]))
    except PagefindError as exc:
        apart.refuse(str(exc))
