"""A thin MkDocs plugin over :class:`generator.pipeline.Project`.

It routes MkDocs events and does no work of its own (the shape of
mkdocs-material's plugins): on ``on_files`` it asks the pipeline for the site,
giving it MkDocs' page URLs (:func:`page_urls`) and the repository from
``repo_url``, and registers every page and file with ``File.generated``
(served from memory; nothing is written into ``docs/``); pages the site
reaches only through links are ``NOT_IN_NAV``. On ``on_page_content`` it swaps in
the rendered HTML and the table of contents; on ``on_serve`` it watches the
source texts so ``mkdocs serve`` rebuilds when they change.

Warnings go to the ``mkdocs.plugins.gwr`` logger, so ``mkdocs build --strict``
fails on them; errors stop the build with their ``path:line`` messages.
"""

from __future__ import annotations

import functools
import html
import json
import logging
import os
import pathlib
import posixpath
import re
import threading
import time

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from generator.build import site_cache as cache
from generator.build.site import build_site
from generator.diagnostics import GeneratorError, Severity
from generator.links import SCRIPTS, Links, Repository, Resolve
from generator.sources.grammar import CHINESE_WRITING
from generator.writers.page import ASSETS, Page, Site
from generator.build.chrome import Chrome
from generator.writers.templating import compiled_templates

log = logging.getLogger("mkdocs.plugins.gwr")


_BLOCK = re.compile(r"<(p|li|td|th|dd|dt)>(.*?)</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_CHINESE = re.compile(f"[{CHINESE_WRITING}]")


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


def _log(diagnostics) -> None:
    """Warnings fail `mkdocs build --strict`; notices (a stale translation, an
    unused term) are shown too, so a contributor sees them in the serve log."""
    for d in diagnostics:
        if d.severity is Severity.WARNING:
            log.warning(str(d))
        elif d.severity is Severity.INFO:
            log.info(str(d))


def page_urls(use_directory_urls: bool) -> Resolve:
    """The links render asks for, computed by MkDocs: a page's URL is its
    File.url under the site's use_directory_urls, and a link between pages is
    File.url_relative_to, as MkDocs does for links written in Markdown."""

    @functools.lru_cache(maxsize=None)
    def file(src_uri: str) -> File:
        return File(src_uri, src_dir=None, dest_dir="", use_directory_urls=use_directory_urls)

    def url(source: str, target: str) -> str:
        return file(target).url_relative_to(file(source))

    return url


def _repository(config, root: str) -> Repository | None:
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


def _lone_page(item):
    """A section holding a single page, as that page."""
    children = getattr(item, "children", None)
    if children and len(children) == 1 and not getattr(children[0], "children", None):
        children[0].parent = None
        return children[0]
    return item


class _GeneratedFile(File):
    """A generated page or file that knows whether it changed since the last
    build of this `mkdocs serve` session. MkDocs counts generated content as
    always modified; with `mkdocs serve --dirty` this lets it rebuild only the
    pages an edit touched (a glossary entry: the pages that show it)."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


class GwrConfig(Config):
    #: Project root, relative to mkdocs.yml; source_texts/ and glossary/ live there.
    root = config_options.Type(str, default=".")
    #: Build the Pagefind search index into site/pagefind/ (off: no search box works).
    search = config_options.Type(bool, default=True)
    #: Print the edition and each report as PDF into site/downloads/ and link them
    #: from the pages (needs Chromium and a CJK font; `make site` turns it on).
    downloads = config_options.Type(bool, default=False)


class GwrPlugin(BasePlugin[GwrConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.root: pathlib.Path | None = None
        self.project = None  # the pipeline's Project, made on the first build that needs it
        self.pages: dict[str, Page] = {}
        self.links: tuple | None = None
        self.chrome: Chrome | None = None  # converts the chrome of Traditional pages
        # Material's templates compiled once, not once per build or rebuild.
        self.bytecode = compiled_templates()
        self.indexing = None  # this build's search bundle (generator.indexing)
        self.serving = False
        self.layout: tuple = ()  # the generated pages, their titles and nav places, of the last build
        self.contents: dict[str, str] = {}  # the generated files of the last build
        self.stubs: dict[str, str] = {}  # each page's front matter, kept with its page
        self.key = ""  # the digest of this build's inputs
        self._warming: threading.Thread | None = None
        self._warmed: list[Page] = []  # the pages _warm made
        self.installed = False  # a bundle is in the site folder of this session
        self.from_cache = False  # the last build's site was read from the site cache

    def on_startup(self, *, command, dirty):
        """Defining this keeps one plugin instance for the whole `mkdocs serve`
        session (MkDocs 1.4+), so the project and its memo survive rebuilds."""
        self.serving = command == "serve"

    def on_config(self, config):
        base = os.path.dirname(config.config_file_path) if config.config_file_path else os.getcwd()
        root = pathlib.Path(os.path.realpath(os.path.join(base, self.config.root)))
        if root != self.root:
            self.root, self.project = root, None
        # Our template overrides (citation tags, sitemap alternates, the repository link) go first.
        theme_dir = os.path.join(os.path.dirname(__file__), "theme")
        if theme_dir not in config.theme.dirs:
            config.theme.dirs.insert(0, theme_dir)
        for name in ASSETS:
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if name not in target:
                target.append(name)
        if not config.repo_url:
            # mkdocs.yml names the branch in edit_uri for builds that set
            # REPO_URL; without a repository MkDocs would warn about it on
            # every hand-written page, and there is nothing to edit.
            config.edit_uri = None
        return config

    def _links(self, config) -> Links:
        """The same Links while the settings are the same, so pages kept from
        the last build of a `mkdocs serve` session (keyed on it) stay valid."""
        settings = (config.use_directory_urls, _repository(config, str(self.root)), config.site_url or "",
                    self.config.downloads)
        if self.links is None or self.links[0] != settings:
            self.links = (settings, Links(page_urls(settings[0]), *settings[1:]))
        return self.links[1]

    def _project(self):
        if self._warming is not None:  # made on a thread after a first build read from the cache
            self._warming.join()
            self._warming = None
            # The pages the cache gave the first build, made again from the
            # same inputs: where they are equal, hold the memo's own objects,
            # so the next rebuild knows which pages it keeps and writes only the others.
            for page in self._warmed:
                if page == self.pages.get(page.src_uri):
                    self.pages[page.src_uri] = page
            self._warmed = []
        return self._project_unwarmed()

    def warmed(self) -> None:
        """Wait until the project is in memory (`mkdocs serve` loads it on a
        thread after a first build read from the cache): for benchmarks."""
        self._project()

    def _warm(self, links: Links) -> None:
        try:
            self._warmed = build_site(self._project_unwarmed(), links).pages
        except GeneratorError:
            pass  # the rebuild that needs the project reports them

    def _project_unwarmed(self):
        if self.project is None:
            from generator.project.project import Project  # only now: a cached build never loads the generator

            self.project = Project(self.root)
        return self.project

    def _site(self, config) -> Site:
        """The generator's output: from the cache when no input changed, else built."""
        links = self._links(config)
        key = self.key = cache.digest(self.root, self.links[0])
        # A session that holds the project has a quicker cache: its memo.
        site = cache.load(self.root, key) if self.project is None else None
        self.from_cache = site is not None
        self.indexing = None
        if site is None:
            site = build_site(self._project(), links, self._index)
            # A `mkdocs serve` rebuild does not write the cache for the next
            # build: that was a tenth of a rebuild, for a build that would
            # find it only if the edits of the session were undone.
            if not (self.serving and self.pages):
                cache.store(self.root, key, site)
        return site

    def _index(self, records: list[dict]) -> None:
        """Pagefind indexes the records on its own process while the pages are made."""
        if self.config.search:
            from generator.search.indexing import Indexing

            self.indexing = Indexing(self.root, records, start=not (self.serving and self.installed))

    def on_files(self, files: Files, *, config) -> Files:
        assert self.root is not None
        try:
            site = self._site(config)
        except GeneratorError as exc:
            _log(exc.diagnostics)
            errors = [str(d) for d in exc.diagnostics if d.severity is Severity.ERROR]
            raise PluginError("the generator found errors:\n" + "\n".join(errors)) from None
        _log(site.diagnostics)
        if self.chrome is None or self.chrome.conversion != site.conversion:
            self.chrome = Chrome(self.root, site.conversion, SCRIPTS["hant"][0])
        if self.indexing is None:  # a site from the cache: its records are known only now
            self._index(site.records)
        # A page kept from the last build (the very same object, from the memo)
        # is unchanged, unless the set of pages, a title or the nav changed:
        # every page shows the nav.
        previous, self.pages = self.pages, {}
        layout = tuple((page.src_uri, page.title, page.in_nav) for page in site.pages)
        same_layout, self.layout = layout == self.layout, layout
        for page in site.pages:
            self.pages[page.src_uri] = page
            # Front matter gives MkDocs the title and page settings; the body is swapped in later.
            # MkDocs themes print page titles as HTML (nav, header): escape the text. Written
            # as JSON, which is YAML too: yaml.safe_dump was 0.15 s of a seed build.
            stub = self.stubs.get(page.src_uri) if previous.get(page.src_uri) is page else None
            if stub is None:
                meta = {"title": html.escape(page.title, quote=False), **page.meta}
                stub = self.stubs[page.src_uri] = "---\n" + json.dumps(meta, ensure_ascii=False) + "\n---\n"
            # NOT_IN_NAV: MkDocs keeps such pages out of the nav and of previous/next, without a notice.
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = _GeneratedFile.generated(config, page.src_uri, content=stub, inclusion=inclusion)
            file.changed = not (same_layout and previous.get(page.src_uri) is page)
            self._add(files, file)
        contents, self.contents = self.contents, dict(site.files)
        for path, content in site.files.items():
            file = _GeneratedFile.generated(config, path, content=content)
            file.changed = contents.get(path) != content
            self._add(files, file)
        if self.config.downloads:
            from generator.build.downloads import books

            try:
                printed = books(self._project(), self.root, self.key)
            except GeneratorError as exc:
                raise PluginError("the PDF books could not be printed: " + "; ".join(
                    d.message for d in exc.diagnostics)) from None
            for path, source in printed.items():
                self._add(files, File.generated(config, path, abs_src_path=str(source)))
        # MkDocs checks the links of Markdown pages only; ours are HTML.
        for target in sorted(site.links):
            if files.get_file_from_path(target) is None:
                log.warning(f"generated pages link to {target}, which is not a page of the site")
        return files

    @staticmethod
    def _add(files: Files, file: File) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            raise PluginError(
                f"docs/{file.src_uri} clashes with a generated page; "
                "docs/ holds hand-written pages only: rename or remove it"
            )
        files.append(file)

    def on_nav(self, nav, *, config, files):
        """Home first, then the reports newest first, then the rest."""
        order = {uri: index for index, uri in enumerate(self.pages)}
        # glossary/index.md is the one nav page under glossary/: a page, not a section of one.
        nav.items[:] = [_lone_page(item) for item in nav.items]
        # A folder of pages (compare/) is named by its index page, not by the folder.
        for item in nav.items:
            for child in getattr(item, "children", None) or ():
                uri = getattr(getattr(child, "file", None), "src_uri", "")
                if uri.endswith("index.md") and uri in self.pages:
                    item.title = self.pages[uri].title

        def key(item):
            uri = item.file.src_uri if getattr(item, "file", None) else None
            return (0, order[uri]) if uri in order else (1, 0)

        nav.items.sort(key=key)  # stable: other pages keep their order
        nav.pages.sort(key=key)
        for k, page in enumerate(nav.pages):
            page.previous_page = nav.pages[k - 1] if k else None
            page.next_page = nav.pages[k + 1] if k + 1 < len(nav.pages) else None
        return nav

    def on_page_content(self, content, *, page, config, files):
        rendered = self.pages.get(page.file.src_uri)
        if rendered is None:
            return mark_english(content)  # a hand-written page
        page.toc = get_toc(rendered.toc)
        return rendered.html

    def on_post_page(self, output: str, *, page, config) -> str:
        """A Traditional page is Traditional throughout: its document language,
        and the chrome MkDocs and Material put around the report."""
        if not page.file.src_uri.startswith(SCRIPTS["hant"][1]):
            return output
        assert self.chrome is not None
        return self.chrome.page(output)

    def on_env(self, env, *, config, files):
        # MkDocs makes a new environment for every build, and compiling
        # Material's templates was a fifth of a build, a third of a rebuild.
        env.bytecode_cache = self.bytecode
        # Every page names the search index of its build: the search box says
        # when the bundle it loads is older (a `mkdocs serve` rebuild in progress).
        env.globals["gwr_search_index"] = self.indexing.key if self.indexing else ""
        return env

    def on_post_build(self, *, config):
        """The search bundle into site/pagefind/: waited for by a build; under
        `mkdocs serve` a rebuild installs the last bundle and the new one when ready."""
        if self.chrome is not None:
            self.chrome.save()
        if self.serving and self.project is None and self._warming is None:
            # The first build of a session came from the site cache: load the
            # project now, while the contributor reads, so that the first
            # rebuild redoes only what the edit touched, not everything.
            links = self._links(config)
            self._warming = threading.Thread(target=self._warm, args=(links,), daemon=True)
            self._warming.start()
        if self.indexing is None:
            return
        started = time.perf_counter()
        try:
            self.indexing.install(config.site_dir, wait=not (self.serving and self.installed))
        except Exception as exc:
            raise PluginError(f"the search index could not be built: {exc}") from None
        self.installed = True
        if self.indexing.seconds:
            log.info(f"search index: {self.indexing.count} records, made by Pagefind in "
                     f"{self.indexing.seconds:.1f} s beside the build, which waited "
                     f"{time.perf_counter() - started:.1f} s for it")

    def on_serve(self, server, *, config, builder):
        assert self.root is not None
        package = pathlib.Path(__file__).parent
        # The texts and glossary, and the generator's own templates, assets
        # and theme overrides, so a contributor's CSS edit arrives too.
        for path in [*cache.inputs(self.root), package / "templates", package / "assets", package / "theme"]:
            if path.exists():
                server.watch(str(path))
        return server
