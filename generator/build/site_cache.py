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
"""

from __future__ import annotations

import marshal
import pathlib
import sys

from generator.diagnostics import Diagnostic, Severity
from generator.project import store
from generator.project.paths import CACHE_DIR, inputs
from generator.writers.page import Page, Site

_FORMAT = 5  # bumped when the layout of a cached site changes
_FILE = "site.marshal"


def key(root: pathlib.Path, settings: object) -> str:
    """The key of the site made from the project at ``root`` under the engine's ``settings``."""
    return store.fingerprint(_FORMAT, sys.version, marshal.version, settings, store.package_digest(),
                             store.file_digest(store.files_under(*inputs(root)), root))


def load(root: pathlib.Path, wanted: str) -> Site | None:
    """The cached site made under the key ``wanted``, or None."""
    try:
        with open(root / CACHE_DIR / _FILE, "rb") as file:
            if marshal.load(file) != wanted:  # the key first: a stale site is never read
                return None
            if not store.unchanged(marshal.load(file)):
                return None
            data = marshal.load(file)
        pages = [Page(*p) for p in data["pages"]]
        diagnostics = [Diagnostic(Severity(d[0]), d[1], d[2], d[3]) for d in data["diagnostics"]]
        return Site(pages, data["files"], diagnostics, data["records"], data["links"], data["conversion"])
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError):  # missing, cut short, another layout
        return None


def save(root: pathlib.Path, made: str, site: Site) -> None:
    """Keep the site made under the key ``made``, with the libraries it was made with."""
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
        parts = [marshal.dumps(made), marshal.dumps(store.libraries()), marshal.dumps(data)]
    except ValueError:  # a value marshal cannot write: no cache, no error
        return
    store.write_file(root / CACHE_DIR / _FILE, b"".join(parts))
