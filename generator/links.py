"""How generated pages address each other, the published site and the repository.

Pages are named by source path (``2024.md``, ``glossary/SLUG.md``). Which URL
a page gets is the engine's business, so every link between pages comes from
the :data:`Resolve` callable in :class:`Links`, which the engine supplies (the
MkDocs plugin computes it with ``File.url_relative_to``); no module of the
core spells out a URL of the site.
"""

from __future__ import annotations

import dataclasses
import posixpath
import urllib.parse
from collections.abc import Callable

#: Script → (language tag, folder of its pages).
SCRIPTS = {"hans": ("zh-Hans", ""), "hant": ("zh-Hant", "zh-hant/")}

#: (page the link is on, page it goes to), both source paths → the URL of the
#: second relative to the first, e.g. ("glossary/x.md", "2024.md") → "../../2024/".
Resolve = Callable[[str, str], str]

HOME = "index.md"
#: The English edition: the reports in this edition's English (en/2024.md), and its home page.
ENGLISH = "en/"
ENGLISH_HOME = f"{ENGLISH}index.md"
GLOSSARY = "glossary/index.md"
COMPARE = "compare/index.md"


def report_uri(year: int, script: str = "hans") -> str:
    return f"{SCRIPTS[script][1]}{year}.md"


def english_uri(year: int) -> str:
    """A report's page in the English edition."""
    return f"{ENGLISH}{year}.md"


def term_uri(slug: str, script: str = "hans") -> str:
    return f"{SCRIPTS[script][1]}glossary/{slug}.md"


#: The English edition's glossary: its index and a page per term.
ENGLISH_GLOSSARY = f"{ENGLISH}{GLOSSARY}"


def english_term_uri(slug: str) -> str:
    """A term's page in the English edition."""
    return f"{ENGLISH}glossary/{slug}.md"


def compare_uri(year_a: int, year_b: int) -> str:
    """The page comparing two reports, earlier year first."""
    return f"compare/{year_a}-{year_b}.md"


#: The folder of the books to download (PDF and EPUB), made by `make site`.
DOWNLOADS = "downloads/"


def book_name(year: int | None = None, script: str = "hans", kind: str = "pdf") -> str:
    """A book's file: gwr.pdf (the edition), gwr-2024.pdf, gwr-2024-hant.epub."""
    stem = "gwr" if year is None else f"gwr-{year}"
    return f"{stem}.{kind}" if script == "hans" else f"{stem}-{script}.{kind}"


def download_uri(year: int | None = None, script: str = "hans", kind: str = "pdf") -> str:
    """Where the site serves a book: downloads/gwr-2024.pdf."""
    return DOWNLOADS + book_name(year, script, kind)


def glossary_uri(script: str = "hans") -> str:
    return f"{SCRIPTS[script][1]}{GLOSSARY}"


def source_path_link(source: str, target: str) -> str:
    """A :data:`Resolve` for pages written as Markdown files (the Markdown
    export): the target's source path relative to the source's folder,
    e.g. ("zh-hant/glossary/x.md", "zh-hant/2024.md") → "../2024.md". MkDocs
    turns such a link into the page's URL, whatever its settings."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


@dataclasses.dataclass(frozen=True)
class Repository:
    """The project's repository on GitHub, for links that make a reader a contributor.

    ``root`` is the project's folder inside the repository ("" at its top);
    paths given to the methods are relative to the project, as in diagnostics.
    """

    url: str  # https://github.com/OWNER/NAME
    branch: str
    root: str = ""

    def _file(self, kind: str, path: str) -> str:
        full = posixpath.join(self.root, path) if self.root else path
        return f"{self.url}/{kind}/{urllib.parse.quote(self.branch)}/{urllib.parse.quote(full)}"

    def edit(self, path: str) -> str:
        return self._file("edit", path)

    def line(self, path: str, line: int) -> str:
        # The file view, not the editor: only it scrolls to and highlights #L<line>.
        return f"{self._file('blob', path)}#L{line}"

    def new_issue(self, title: str, body: str) -> str:
        query = urllib.parse.urlencode({"title": title, "body": body}, quote_via=urllib.parse.quote)
        return f"{self.url}/issues/new?{query}"


@dataclasses.dataclass(frozen=True)
class Links:
    """What the engine knows about addresses: links between pages, the
    repository (None: no edit or report links), the published site's URL
    ("" when unknown: issue reports then name no page URL) and whether the
    books can be downloaded."""

    url: Resolve
    repository: Repository | None = None
    site_url: str = ""
    #: The kinds of book the site serves under DOWNLOADS ("pdf", "epub"): none
    #: without the plugin's `downloads` option, no "pdf" where Chromium cannot print.
    downloads: tuple[str, ...] = ()

    def absolute(self, src_uri: str) -> str | None:
        """The absolute address of a page, when the site's URL is known."""
        if not self.site_url:
            return None
        return urllib.parse.urljoin(self.site_url, self.url(HOME, src_uri))

    def alternates(self, hans: str, hant: str, english: str) -> list[dict]:
        """A page's three versions (Simplified, Traditional, English) as
        hreflang alternates (sitemap.xml). Relative to the site's root (as seen
        from the home page), so the theme can put the site's URL in front when it is known."""
        return [{"hreflang": lang, "href": self.url(HOME, src)}
                for lang, src in (("zh-Hans", hans), ("zh-Hant", hant), ("en", english))]

    def page_url(self, src_uri: str, anchor: str) -> str | None:
        """The absolute address of an anchor, when the site's URL is known."""
        page = self.absolute(src_uri)
        return page and f"{page}#{anchor}"


def linker(links: Links, here: str):
    """The templates' ``link(page, anchor=None)``: a URL relative to the page ``here``."""

    def link(target: str, anchor: str | None = None) -> str:
        url = links.url(here, target)
        return f"{url}#{anchor}" if anchor else url

    return link
