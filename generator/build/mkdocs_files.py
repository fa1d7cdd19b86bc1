"""How the generator's site becomes MkDocs' own: page URLs, the repository,
files served from memory, the navigation's order, hand-written pages.

Every URL comes from MkDocs (``File.url``, ``File.url_relative_to``): the
generator names pages by source path (:mod:`generator.links`) and
:func:`page_urls` turns a pair of them into a link, as MkDocs does for links
written in Markdown.
"""

from __future__ import annotations

import functools
import html
import json
import logging
import os
import posixpath
import re

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.links import Repository, Resolve
from generator.sources.grammar import CHINESE_WRITING
from generator.writers.page import ASSETS, Page

log = logging.getLogger("mkdocs.plugins.gwr")
THEME = os.path.join(os.path.dirname(os.path.dirname(__file__)), "theme")


def page_urls(use_directory_urls: bool) -> Resolve:
    """The links render asks for, computed by MkDocs: a page's URL is its
    File.url under the site's use_directory_urls, and a link between pages is
    File.url_relative_to, as MkDocs does for links written in Markdown."""

    @functools.cache
    def file(src_uri: str) -> File:
        return File(src_uri, src_dir=None, dest_dir="", use_directory_urls=use_directory_urls)

    def url(source: str, target: str) -> str:
        return file(target).url_relative_to(file(source))

    return url


def repository(config, root: str) -> Repository | None:
    """The repository for edit and report links, from repo_url and MkDocs'
    edit_uri (``edit/BRANCH/PATH-OF-DOCS/``), which names the branch and where
    docs_dir sits in the repository; None without a repo_url."""
    if not config.repo_url:
        return None
    parts = (config.edit_uri or "").strip("/").split("/")
    if len(parts) < 2 or parts[0] not in ("edit", "blob", "tree"):
        log.warning(f"repo_url is set but edit_uri {config.edit_uri!r} names no branch; set edit_uri: "
                    "edit/BRANCH/docs/ in mkdocs.yml (without it there are no edit or report links)")
        return None
    docs_in_repo = "/".join(parts[2:])
    project_in_repo = posixpath.normpath(posixpath.join(docs_in_repo, os.path.relpath(root, config.docs_dir)))
    return Repository(config.repo_url.rstrip("/"), parts[1], "" if project_in_repo == "." else project_in_repo)


def prepare(config) -> None:
    """Our theme overrides (citation tags, sitemap alternates, the repository
    link) before Material's, and the pages' style sheets and scripts."""
    if THEME not in config.theme.dirs:
        config.theme.dirs.insert(0, THEME)
    for name in ASSETS:
        target = config.extra_css if name.endswith(".css") else config.extra_javascript
        if name not in target:
            target.append(name)
    if not config.repo_url:
        # mkdocs.yml names the branch in edit_uri for builds that set
        # REPO_URL; without a repository MkDocs would warn about it on
        # every hand-written page, and there is nothing to edit.
        config.edit_uri = None


class GeneratedFile(File):
    """A generated page or file that knows whether it changed since the last
    build of this `mkdocs serve` session. MkDocs counts generated content as
    always modified; with `mkdocs serve --dirty` this lets it rebuild only the
    pages an edit touched (a glossary entry: the pages that show it)."""

    changed = True

    @classmethod
    def made(cls, config, src_uri: str, content: str, changed: bool,
             inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> GeneratedFile:
        """MkDocs' File.generated, knowing whether it ``changed``."""
        file = cls.generated(config, src_uri, content=content, inclusion=inclusion)
        # File.generated makes a cls(...), one of ours, though MkDocs annotates it as returning a File.
        assert isinstance(file, GeneratedFile)
        file.changed = changed
        return file

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


def front_matter(page: Page) -> str:
    """What MkDocs reads of a page: its title (MkDocs themes print page
    titles as HTML: escaped) and settings; the body is swapped in later.
    Written as JSON, which is YAML too: yaml.safe_dump was 0.15 s of a seed build."""
    meta = {"title": html.escape(page.title, quote=False), **page.meta}
    return "---\n" + json.dumps(meta, ensure_ascii=False) + "\n---\n"


def page_file(config, page: Page, stub: str, changed: bool) -> GeneratedFile:
    # NOT_IN_NAV: MkDocs keeps such pages out of the nav and of previous/next, without a notice.
    inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
    return GeneratedFile.made(config, page.src_uri, stub, changed, inclusion)


def plain_file(config, path: str, content: str, changed: bool) -> GeneratedFile:
    return GeneratedFile.made(config, path, content, changed)


def add(files: Files, file: File) -> None:
    """A generated file among MkDocs' files; docs/ must not hold one of the same name."""
    if files.get_file_from_path(file.src_uri) is not None:
        raise PluginError(f"docs/{file.src_uri} clashes with a generated page; "
                          "docs/ holds hand-written pages only: rename or remove it")
    files.append(file)


def check_links(files: Files, targets: set[str]) -> None:
    """MkDocs checks the links of Markdown pages only; ours are HTML."""
    for target in sorted(targets):
        if files.get_file_from_path(target) is None:
            log.warning(f"generated pages link to {target}, which is not a page of the site")


def order_nav(nav, pages: dict[str, Page]) -> None:
    """Home first, then the reports newest first (the order of ``pages``), then the rest."""
    order = {uri: index for index, uri in enumerate(pages)}
    # glossary/index.md is the one nav page under glossary/: a page, not a section of one.
    nav.items[:] = [_lone_page(item) for item in nav.items]
    # A folder of pages (compare/) is named by its index page, not by the folder.
    for item in nav.items:
        for child in getattr(item, "children", None) or ():
            uri = getattr(getattr(child, "file", None), "src_uri", "")
            if uri.endswith("index.md") and uri in pages:
                item.title = pages[uri].title

    def key(item):
        uri = item.file.src_uri if getattr(item, "file", None) else None
        return (0, order[uri]) if uri in order else (1, 0)

    nav.items.sort(key=key)  # stable: other pages keep their order
    nav.pages.sort(key=key)
    for k, page in enumerate(nav.pages):
        page.previous_page = nav.pages[k - 1] if k else None
        page.next_page = nav.pages[k + 1] if k + 1 < len(nav.pages) else None


def titles_of_unread_pages(nav, pages: dict[str, Page], config) -> None:
    """`mkdocs serve --dirty` reads only the pages it rebuilds, and MkDocs'
    nav then names every other page None: give each its title, from its
    generated page, or from its Markdown for a hand-written one."""
    for page in nav.pages:
        if page.markdown is not None or page.file.is_modified():
            continue
        made = pages.get(page.file.src_uri)
        if made is not None:
            page.title = html.escape(made.title, quote=False)  # as its front matter says it
        else:
            page.read_source(config)


def _lone_page(item):
    """A section holding a single page, as that page."""
    children = getattr(item, "children", None)
    if children and len(children) == 1 and not getattr(children[0], "children", None):
        children[0].parent = None
        return children[0]
    return item


_BLOCK = re.compile(r"<(p|li|td|th|dd|dt)>(.*?)</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_CHINESE = re.compile(f"[{CHINESE_WRITING}]")


#: A block of a hand-written page that speaks of what only some builds have
#: (``{: data-gwr-needs="repository" }`` in the Markdown: the ✎ and ⚑ links,
#: "Edit this entry"; ``site-url``: hreflang and canonical addresses).
_NEEDS = re.compile(r'<(p|li)\b([^>]*?) data-gwr-needs="([a-z-]+)"([^>]*)>(.*?)</\1>\n?', re.S)
#: What a build may have, for ``data-gwr-needs``.
NEEDS = ("repository", "site-url")


def for_this_build(html_text: str, has: set[str]) -> tuple[str, list[str]]:
    """A hand-written page as this build has it: a block that speaks of what
    the build lacks is left out (a page says only what the build it is in
    has), the others lose the marker. Also the needs it does not know, whose
    blocks are shown as written (the build warns)."""
    unknown: list[str] = []

    def keep(found: re.Match) -> str:
        need = found.group(3)
        if need not in NEEDS:
            unknown.append(need)
            return found.group(0)
        if need not in has:
            return ""
        return f"<{found.group(1)}{found.group(2)}{found.group(4)}>{found.group(5)}</{found.group(1)}>\n"

    return _NEEDS.sub(keep, html_text), unknown


def mark_english(html_text: str) -> str:
    """Hand-written pages alternate Chinese and English paragraphs: give each
    block with no Chinese in it ``lang="en"``, so a screen reader reads it
    with an English voice. Blocks that already carry attributes are left alone."""

    def mark(found: re.Match) -> str:
        words = _TAG.sub("", found.group(2))
        if _CHINESE.search(words) or not re.search(r"[A-Za-z]", words):
            return found.group(0)
        return f'<{found.group(1)} lang="en">{found.group(2)}</{found.group(1)}>'

    return _BLOCK.sub(mark, html_text)
