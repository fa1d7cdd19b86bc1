"""The search bundle of a build: made beside the build, kept between builds.

The records (:mod:`generator.search`) are known as soon as the generator has
run, before MkDocs renders a page, and Pagefind indexes them in a process of
its own. So :func:`start` hands them to Pagefind at once, on a thread, and
the engine renders pages while Pagefind works on the other core; the build
waits for the bundle only at its end (:meth:`Indexing.install`).

A finished bundle is kept under the project's ``.cache/gwr/pagefind/``,
named by a digest of its records: a build whose records are unchanged (a CSS
edit, a new hand-written page) copies it instead of indexing again. Under
``mkdocs serve`` a rebuild does not wait: it installs the last bundle at
once and the new one replaces it when ready. Each bundle carries its digest
in ``gwr-index.json`` and each page the digest of its own build, so the
search box can say when the index is older than the page. ``gwr-scripts.json``
holds the search box's character maps (:func:`search.script_map`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pathlib
import shutil
import threading
import time

from .output import CACHE_DIR

log = logging.getLogger("mkdocs.plugins.gwr")

BUNDLE = "pagefind"  # the folder in the site: Pagefind's JS API is at /pagefind/pagefind.js
STAMP = "gwr-index.json"
SCRIPTS = "gwr-scripts.json"  # search.script_map, beside Pagefind's files
_KEEP = 2  # bundles kept in the cache: the current one and the one before


#: The code that turns records into a bundle: a change to it is a new bundle too.
_WRITERS = ("indexing.py", "pagefind.py", "search.py")


def digest(records: list[dict]) -> str:
    sha = hashlib.sha256(json.dumps(records, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    for name in _WRITERS:
        sha.update(pathlib.Path(__file__).with_name(name).read_bytes())
    return sha.hexdigest()[:20]


class Indexing:
    """One build's bundle: ready in the cache, or being made on a thread."""

    def __init__(self, root: pathlib.Path, records: list[dict], start: bool = True):
        self.cache = root / CACHE_DIR / BUNDLE
        self.key = digest(records)
        self.folder = self.cache / self.key
        self.error: Exception | None = None
        self.seconds = 0.0  # Pagefind's time, when this build indexed
        self.count = len(records)
        self._thread: threading.Thread | None = None
        self._site: pathlib.Path | None = None  # where to install when done (serve)
        self._lock = threading.Lock()
        if not (self.folder / STAMP).is_file():
            self._thread = threading.Thread(target=self._make, args=(records,), daemon=True)
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

    def _make(self, records: list[dict]) -> None:
        from . import pagefind
        from .search import Record, compact, script_map

        started = time.perf_counter()
        partial = self.cache / f"{self.key}.partial"
        try:
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir(parents=True)
            # The character maps with which the search box reads a Traditional
            # query and shows a hit's Traditional text: fetched for Chinese queries only.
            made = script_map(records)
            pagefind.write_bundle([Record.from_json(r) for r in compact(records, made)], partial)
            (partial / SCRIPTS).write_text(json.dumps(made, ensure_ascii=False), encoding="utf-8")
            stamp = {"digest": self.key, "records": self.count}
            (partial / STAMP).write_text(json.dumps(stamp, ensure_ascii=False), encoding="utf-8")
            shutil.rmtree(self.folder, ignore_errors=True)
            partial.replace(self.folder)
            self._prune()
        except Exception as exc:  # reported by install(), on the build's thread
            self.error = exc
            shutil.rmtree(partial, ignore_errors=True)
            return
        finally:
            self.seconds = time.perf_counter() - started
        with self._lock:
            if self._site is not None:  # serve: the rebuild went on without us
                _copy(self.folder, self._site)
                log.info(f"search index rebuilt ({self.count} records, {self.seconds:.1f} s)")

    def _prune(self) -> None:
        bundles = sorted((p for p in self.cache.iterdir() if p.is_dir() and (p / STAMP).is_file()),
                         key=lambda p: p.stat().st_mtime, reverse=True)
        for old in bundles[_KEEP:]:
            if old != self.folder:
                shutil.rmtree(old, ignore_errors=True)

    def install(self, site_dir: str | pathlib.Path, wait: bool = True) -> None:
        """Put the bundle in the site. ``wait=False`` (serve): install the
        newest finished bundle now and this one when it is done."""
        target = pathlib.Path(site_dir) / BUNDLE
        self.start()
        if not wait and not self.ready:
            with self._lock:
                self._site = target
                previous = self._latest()
                if previous is not None:
                    _copy(previous, target)
            return
        if self._thread is not None:
            self._thread.join()
        if self.error is not None:
            raise self.error
        _copy(self.folder, target)

    def _latest(self) -> pathlib.Path | None:
        if not self.cache.is_dir():
            return None
        finished = [p for p in self.cache.iterdir() if p.is_dir() and (p / STAMP).is_file()]
        return max(finished, key=lambda p: p.stat().st_mtime, default=None)


def _copy(bundle: pathlib.Path, target: pathlib.Path) -> None:
    """The bundle into the site, unless that very bundle is there already (a
    `mkdocs serve --dirty` rebuild keeps the site folder). Files are
    hard-linked where the file system allows: a finished bundle is never
    written again, and a copy of its ~700 files was half a serve rebuild."""
    stamp = target / STAMP
    if stamp.is_file() and stamp.read_bytes() == (bundle / STAMP).read_bytes():
        return
    shutil.rmtree(target, ignore_errors=True)
    try:
        shutil.copytree(bundle, target, copy_function=os.link)
    except OSError:  # another device, or links not allowed
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(bundle, target)
