"""What the writers hand an engine: pages and plain files.

A :class:`Site` is pages (HTML body, table of contents, front matter) and
plain files, plus the diagnostics the build reported. It is plain data, so
the engine can take it as it is, and the build can keep it between builds.
"""

from __future__ import annotations

import dataclasses
from typing import TypedDict

ASSETS = ("assets/gwr.css", "assets/gwr.js", "assets/cite.js", "assets/search.css", "assets/search.js",
          "assets/compare.css", "assets/print.css")
#: Around a page's own text when it is in the page's script already (a
#: Traditional page): the engine converts only what it puts around it.
IN_SCRIPT = ("<!--gwr:in-script-->", "<!--/gwr:in-script-->")


class TocToken(TypedDict):
    """A heading in a page's table of contents, as MkDocs reads one (``mkdocs.structure.toc.get_toc``)."""

    level: int
    id: str
    name: str  # HTML: the engine's themes print it as it is
    children: list[TocToken]


@dataclasses.dataclass
class Page:
    src_uri: str  # e.g. "2024.md": MkDocs maps it to /2024/
    title: str
    html: str
    #: Nested headings for the sidebar.
    toc: list[TocToken]
    #: Front matter for MkDocs (title is added by the plugin).
    meta: dict = dataclasses.field(default_factory=dict)
    #: False for pages reached from other pages rather than from the site's
    #: navigation: term pages and the Traditional editions.
    in_nav: bool = True
    #: The pages this page links to (source paths), recorded by render_site.
    targets: frozenset = frozenset()


@dataclasses.dataclass
class Site:
    pages: list[Page]
    files: dict[str, str]  # other files by path in the site, e.g. api/2024.json
    diagnostics: list = dataclasses.field(default_factory=list)
    #: Search records (:class:`generator.search.Record` as JSON), for the engine's index.
    records: list[dict] = dataclasses.field(default_factory=list)
    #: Every page the rendered pages link to, so the engine can check each exists.
    links: set[str] = dataclasses.field(default_factory=set)
    #: How the edition converts to Traditional (OpenCC configuration, corrections),
    #: so the engine converts the chrome of Traditional pages as the text is.
    conversion: tuple[str, tuple[tuple[str, str], ...]] = ("s2tw", ())
