"""The search bundle of a build: made beside the build, kept between builds.

The records (:mod:`generator.search.records`) are known as soon as the generator has
run, before MkDocs renders a page. So :func:`start` hands them at once to a
process of their own (``python -m generator.search.indexing``), which makes the
character maps, compacts the records and has Pagefind index them, while the
engine renders pages on the other core; the build waits for the bundle only
at its end (:meth:`Indexing.install`). That process runs at a lower
priority: the build is one Python thread, and both its GIL and its core were
taken by the indexing's own Python work (0.65 s at 30 reports) and by
Pagefind's threads (a 30-report build took 15.4 s with the index, 12.6 s
without, on two cores).

A finished bundle is kept under the project's ``.cache/gwr/pagefind/``,
named by a digest of its records: a build whose records are unchanged (a CSS
edit, a new hand-written page) copies it instead of indexing again. A bundle
is read back whole (:func:`generator.search.bundle.verify`) when it is made,
before it is kept: a broken one fails the build with what is wrong. A build
that takes it from the cache reads every file back against the record the
store keeps of it (:meth:`store.Store.checked`; 22 ms for the seed site's
~570 files, as long as the structural check took, which the same bytes need
not repeat): a file cut short, edited, removed or added since, and the
bundle is made again, never published. The
bundle is copied into the site, never linked: an edit of ``site/pagefind/``
must not reach the cache that later builds publish. Copying is creating
files: the seed site's ~570 took 0.2–0.5 s on the development VM (linking
them, 15 ms), so a bundle from the cache is copied while MkDocs renders the
pages (:meth:`Indexing.prefetch`), which hides most of it. Under
``mkdocs serve`` a rebuild does not wait: it installs the last bundle at
once and the new one replaces it when ready. Each bundle carries its digest
in ``gwr-index.json`` and each page the digest of its own build, so the
search box can say when the index is older than the page. ``gwr-scripts.json``
holds the search box's character maps (:func:`search.script_map`).
"""

from __future__ import annotations

import json
import logging
import marshal
import pathlib
import shutil
import sys
import threading
import time

from generator.project import apart, store

log = logging.getLogger("mkdocs.plugins.gwr")

BUNDLE = "pagefind"  # the folder in the site: Pagefind's JS API is at /pagefind/pagefind.js
STAMP = "gwr-index.json"
SCRIPTS = "gwr-scripts.json"  # search.script_map, beside Pagefind's files


def digest(records: list[dict]) -> str:
    """The bundle's key: its records, the generator that writes them and the
    Pagefind binary that indexes them."""
    from generator.search.pagefind import executable

    return store.fingerprint(records, store.package_digest(), store.stamp(executable()))[:20]


class Indexing:
    """One build's bundle: ready in the cache, or being made on a thread."""

    def __init__(self, root: pathlib.Path, records: list[dict], start: bool = True):
        """``root``: where ``.cache/gwr/`` is (the project, unless git tracks its caches)."""
        self.cache = store.Store(root, BUNDLE)
        self.key = digest(records)
        self.folder = self.cache.folder / self.key
        self.error: Exception | None = None
        self.seconds = 0.0  # Pagefind's time, when this build indexed
        self.count = len(records)
        self._thread: threading.Thread | None = None
        self._site: pathlib.Path | None = None  # where to install when done (serve)
        self._lock = threading.Lock()
        self._copying: threading.Thread | None = None  # a cached bundle, copied into the site early
        self._early: pathlib.Path | None = None  # where _make copies the bundle it made (prefetch)
        if not self._cached():
            self._thread = threading.Thread(target=self._make, args=(records,), daemon=True)
            if start:
                self._thread.start()

    def _cached(self) -> bool:
        """Whether the cache holds this bundle as it was made. One that does
        not read back so (a file truncated, edited or removed since) is made
        again, never published."""
        found, why = self.cache.checked(self.key)
        if why:
            log.info(f"the cached search index is not whole ({why}): indexing again")
        return found is not None

    def start(self) -> None:
        """Index now, if not begun. A `mkdocs serve` rebuild begins only once
        its pages are written: it does not wait for the index, and the
        thread's Python work (thousands of records) would slow the rebuild."""
        if self._thread is not None and self._thread.ident is None:
            self._thread.start()

    @property
    def ready(self) -> bool:
        return self._thread is None or (self._thread.ident is not None and not self._thread.is_alive())

    def _make(self, records: list[dict]) -> None:
        started = time.perf_counter()
        try:
            with self.cache.making(self.key) as partial:
                _write_apart(records, partial)
                stamp = {"digest": self.key, "records": self.count}
                (partial / STAMP).write_text(json.dumps(stamp, ensure_ascii=False), encoding="utf-8")
        except Exception as exc:  # reported by install(), on the build's thread
            self.error = exc
            return
        finally:
            self.seconds = time.perf_counter() - started
        with self._lock:
            early = self._early
            if self._site is not None:  # serve: the rebuild went on without us
                _copy(self.folder, self._site)
                log.info(f"search index rebuilt ({self.count} records, {self.seconds:.1f} s)")
        if early is not None:  # a build still rendering, maybe: into its site now
            self._copy_early(early)

    def prefetch(self, site_dir: str | pathlib.Path) -> None:
        """Copy the bundle into the site as soon as it is there, on a thread,
        while the pages are rendered (the copy is file creation, done by the
        kernel outside the GIL): one from the cache now, one being made when
        it is made. :meth:`install` waits for it. Only where nothing else
        installs a bundle meanwhile: a build, not a serve session."""
        target = pathlib.Path(site_dir) / BUNDLE
        with self._lock:
            if self._copying is not None or self._early is not None:
                return
            if self._thread is not None:
                self._early = target
                return
        self._copying = threading.Thread(target=self._copy_early, args=(target,), daemon=True)
        self._copying.start()

    def _copy_early(self, target: pathlib.Path) -> None:
        try:
            _copy(self.folder, target)
        except OSError:
            pass  # install() copies again, and reports what goes wrong then

    def install(self, site_dir: str | pathlib.Path, wait: bool = True) -> None:
        """Put the bundle in the site. ``wait=False`` (serve): install the
        newest finished bundle now and this one when it is done."""
        target = pathlib.Path(site_dir) / BUNDLE
        if self._copying is not None:
            self._copying.join()
            self._copying = None
        self.start()
        if not wait and not self.ready:
            with self._lock:
                self._site = target
                previous = self.cache.newest()
                if previous is not None:
                    _copy(previous, target)
            return
        if self._thread is not None:
            self._thread.join()
        if self.error is not None:
            raise self.error
        _copy(self.folder, target)


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


def _copy(bundle: pathlib.Path, target: pathlib.Path) -> None:
    """The bundle into the site, unless that very bundle is there already (a
    `mkdocs serve --dirty` rebuild keeps the site folder). Its files are
    copied, never hard-linked to the cache's, and its stamp last: a folder
    with the stamp holds the whole bundle."""
    stamp = target / STAMP
    if stamp.is_file() and stamp.read_bytes() == (bundle / STAMP).read_bytes():
        return
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(bundle, target, copy_function=shutil.copyfile,
                    ignore=lambda folder, names: [STAMP, store.RECORD] if pathlib.Path(folder) == bundle else [])
    shutil.copyfile(bundle / STAMP, stamp)


if __name__ == "__main__":  # _write_apart: the records as marshal data on stdin
    from generator.search.pagefind import PagefindError

    try:
        write(marshal.loads(sys.stdin.buffer.read()), pathlib.Path(sys.argv[1]))
    except PagefindError as exc:
        apart.refuse(str(exc))
