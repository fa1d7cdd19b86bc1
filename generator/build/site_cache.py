"""The last site, kept for a build whose inputs did not change.

A build whose every input is as it was reads the site (:class:`Site`: pages,
files, search records, diagnostics) from ``.cache/gwr/site.marshal`` instead
of running the generator, and so loads none of the stages (pydantic, OpenCC,
the templates). Its key (:func:`key`) is computed from files alone, before
anything is parsed: every file under ``source_texts/`` and ``glossary/``,
the generator's own files, the engine's settings and Python's version. The
libraries the site was made with are recorded beside it and checked before
it is used (:func:`store.unchanged`). Any change, however small, is a miss
and a full build; `mkdocs serve` keeps finer results in memory
(:mod:`project.memo`).

The file is written with :mod:`marshal`, Python's own format for plain
values: at 30 reports (63 MB) it loads in a quarter of the time JSON took
(0.2 s, not 0.9) and is written in half. Its format can change between
Python versions, so the key names the version, and a file that does not
read is a miss. It is the project's own file, as .pyc files are.

What is read back is what was written: the site's bytes are stored with
their length and SHA-256 (4 ms at the seed site's 4 MB, 65 ms at 63 MB,
against a quarter of a second to load them), checked before they are
unmarshalled. A file cut short, edited, or that does not read is no cache:
the build says why in one line and builds from the sources (and writes the
cache again). A cache git tracks is not read at all (:mod:`guard`).
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import pathlib
import sys

from generator.diagnostics import Diagnostic, Severity
from generator.project import store
from generator.project.paths import CACHE_DIR, inputs
from generator.writers.page import Page, Site

_FORMAT = 6  # bumped when the layout of a cached site changes
_FILE = "site.marshal"

log = logging.getLogger("mkdocs.plugins.gwr")


def key(root: pathlib.Path, settings: object) -> str:
    """The key of the site made from the project at ``root`` under the engine's ``settings``."""
    return store.fingerprint(_FORMAT, sys.version, marshal.version, settings, store.package_digest(),
                             store.file_digest(store.files_under(*inputs(root)), root))


def load(root: pathlib.Path, wanted: str) -> Site | None:
    """The cached site made under the key ``wanted``, or None: no file,
    another key or libraries (a miss), or a file that is not what was
    written (a miss, said in one line)."""
    path = root / CACHE_DIR / _FILE
    try:
        with open(path, "rb") as file:
            if marshal.load(file) != wanted:  # the key first: a stale site is never read
                return None
            if not store.unchanged(marshal.load(file)):
                return None
            size, digest = marshal.load(file)
            payload = file.read(size + 1)
    except FileNotFoundError:
        return None
    except (OSError, EOFError, ValueError, TypeError, MemoryError) as exc:  # unreadable, cut short, garbled
        return _not_whole(f"it does not read ({exc})")
    if len(payload) != size:
        return _not_whole(f"{len(payload)} bytes of the site where {size} were written")
    if hashlib.sha256(payload).digest() != digest:
        return _not_whole("its bytes are not those written (SHA-256 differs)")
    try:
        data = marshal.loads(payload)
        pages = [Page(*p) for p in data["pages"]]
        diagnostics = [Diagnostic(Severity(d[0]), d[1], d[2], d[3]) for d in data["diagnostics"]]
        return Site(pages, data["files"], diagnostics, data["records"], data["links"], data["conversion"])
    except (EOFError, ValueError, TypeError, KeyError, IndexError) as exc:  # another layout
        return _not_whole(f"it does not hold a site ({exc!r})")


def _not_whole(why: str) -> Site | None:
    log.info(f"the site cache {CACHE_DIR}/{_FILE} is not used: {why}; building from the sources")
    return None


def save(root: pathlib.Path, made: str, site: Site) -> None:
    """Keep the site made under the key ``made``, with the libraries it was
    made with, and the length and digest of what is kept."""
    data = {
        # In Page's field order; the table of contents and front matter are plain already.
        "pages": [(p.src_uri, p.title, p.html, p.toc, p.meta, p.in_nav, p.targets) for p in site.pages],
        "files": site.files,
        "diagnostics": [(d.severity.value, d.path, d.line, d.message) for d in site.diagnostics],
        "records": site.records,
        "links": site.links,
        "conversion": site.conversion,
    }
    try:
        payload = marshal.dumps(data)
        parts = [marshal.dumps(made), marshal.dumps(store.libraries()),
                 marshal.dumps((len(payload), hashlib.sha256(payload).digest())), payload]
    except ValueError:  # a value marshal cannot write: no cache, no error
        return
    store.write_file(root / CACHE_DIR / _FILE, b"".join(parts))
