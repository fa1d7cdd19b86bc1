"""What the generator hands an engine, and a cache of it on disk.

A :class:`Site` is pages (HTML body, table of contents, front matter) and
plain files, plus the diagnostics the build reported. It is plain data, so it
can be kept between builds: :func:`load` and :func:`store` keep the last site
under the project's ``.cache/gwr/``, keyed by a digest of every
input (the source texts, the glossary, the generator's own code, templates
and assets, the versions of the libraries that shape the output, and the
engine's settings). A build whose inputs are all unchanged reads that file
instead of running the generator; any change, however small, is a new digest
and a full build. This module imports nothing heavy, so a cached build never
loads pydantic, OpenCC or the templates.

The file is written with :mod:`marshal`, Python's own format for plain
values: at 30 reports (63 MB) it loads in a quarter of the time JSON took
(0.2 s, not 0.9) and is written in half. Its format can change between
Python versions, so the digest names the version, and a file that does not
read is a cache miss. It is the project's own file, as .pyc files are.
"""

from __future__ import annotations

import hashlib
import marshal
import pathlib
import sys
from importlib import metadata

from generator.diagnostics import Diagnostic, Severity
from generator.project.paths import CACHE_DIR, inputs
from generator.writers.page import Page, Site

#: Libraries whose version can change the output for the same inputs.
_LIBRARIES = ("OpenCC", "Jinja2", "MarkupSafe", "pydantic", "PyYAML", "mkdocs")
_PACKAGE = pathlib.Path(__file__).resolve().parent.parent
_FORMAT = 4  # bumped when the layout of a cached site changes


def digest(root: pathlib.Path, settings: object) -> str:
    """A digest of every input file of the project at ``root``, of the
    generator itself, and of the engine's ``settings``."""
    sha = hashlib.sha256(repr((_FORMAT, sys.version, marshal.version, settings)).encode())
    for name in _LIBRARIES:
        try:
            sha.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            sha.update(name.encode())
    for folder in [*inputs(root), _PACKAGE]:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            sha.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()


_FILE = "site.marshal"


def load(root: pathlib.Path, key: str) -> Site | None:
    """The cached site built from inputs with this digest, or None."""
    try:
        with open(root / CACHE_DIR / _FILE, "rb") as file:
            if marshal.load(file) != key:  # the key first: a stale site is never read
                return None
            data = marshal.load(file)
        pages = [Page(*p) for p in data["pages"]]
        diagnostics = [Diagnostic(Severity(d[0]), d[1], d[2], d[3]) for d in data["diagnostics"]]
        return Site(pages, data["files"], diagnostics, data["records"], data["links"], data["conversion"])
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError):  # missing, cut short, another layout
        return None


def store(root: pathlib.Path, key: str, site: Site) -> None:
    """Keep the site for the next build; a cache that cannot be written is no error."""
    data = {
        # In Page's field order; the table of contents and front matter are plain already.
        "pages": [(p.src_uri, p.title, p.html, p.toc, p.meta, p.in_nav, p.targets) for p in site.pages],
        "files": site.files,
        "diagnostics": [(d.severity.value, d.path, d.line, d.message) for d in site.diagnostics],
        "records": site.records,
        "links": site.links,
        "conversion": site.conversion,
    }
    folder = root / CACHE_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / (_FILE + ".tmp")
        with open(temporary, "wb") as file:
            marshal.dump(key, file)
            marshal.dump(data, file)
        temporary.replace(folder / _FILE)  # never a half-written cache
        (folder / "site.json").unlink(missing_ok=True)  # the JSON cache of earlier versions
    except (OSError, ValueError):  # ValueError: a value marshal cannot write
        pass
