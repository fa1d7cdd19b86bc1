"""The site as MkDocs builds it: one :class:`Session` for a `mkdocs build`,
or for a whole `mkdocs serve` session, which keeps what it made between
rebuilds. The plugin (:mod:`generator.plugin`) hands it MkDocs' events.

A build gets its site from one of three places, cheapest first:

* under `mkdocs serve`, the project in memory: the memo (:mod:`project.memo`)
  redoes only what an edit touched, and only changed pages are written again
  (:class:`mkdocs_files.GeneratedFile`);
* the site cache (:mod:`site_cache`), when no input changed since the last
  build: nothing of the generator is loaded;
* a build from the sources (:func:`site.build_site`).

Meanwhile Pagefind indexes the search records on its own process
(:mod:`search.indexing`), and with ``downloads`` the books are made
(:mod:`downloads`).

Each build first takes the project's build lock and asks git whether it
tracks the caches (:mod:`guard`): a second build at once stops in one line,
and caches git tracks are set aside for a folder of the session's own.
"""

from __future__ import annotations

import html
import json
import logging
import pathlib
import shutil
import tempfile
import threading
import time
import weakref
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.toc import get_toc

from generator.build import guard, mkdocs_files, site_cache
from generator.build.chrome import Chrome
from generator.build.policy import with_policy
from generator.build.site import build_site
from generator.diagnostics import GeneratorError, Severity
from generator.links import DOWNLOADS, ENGLISH, SCRIPTS, Links
from generator.project.paths import inputs
from generator.writers.page import Page, Site
from generator.writers.templating import CompiledTemplates, compiled_templates

if TYPE_CHECKING:  # imported where they are used, so a build loads only what it needs
    from generator.build.downloads import Books
    from generator.project.project import Project
    from generator.search.indexing import Indexing
    from generator.search.site_bundle import SiteBundle

log = logging.getLogger("mkdocs.plugins.gwr")
#: Beside the pages: the digest of the search index the last build asked for.
EXPECTED = "search-index.json"


class Session:
    def __init__(self, root: pathlib.Path, serving: bool):
        self.root, self.serving = root, serving
        self.project: Project | None = None  # the project in memory, made on the first build that needs it
        self.kinds: tuple[str, ...] = ()  # the books this build makes
        self.links: tuple[tuple, Links] | None = None  # (settings, Links)
        self.key = ""  # the site cache's key of this build's inputs
        self.pages: dict[str, Page] = {}  # the generated pages of the last build
        self.layout: tuple = ()  # their titles and nav places
        self.contents: dict[str, str] = {}  # the generated files of the last build
        self.stubs: dict[str, str] = {}  # each page's front matter, kept with its page
        self.chrome: Chrome | None = None  # converts the chrome of Traditional pages
        self.told_relative = False  # that the site's URL is unknown
        self.english_name = ("", "")  # (site_name, the site's name on the English edition's pages)
        self.indexing: Indexing | None = None  # this build's search bundle
        self.bundle: SiteBundle | None = None  # the site folder's bundle, kept between builds
        self.books: Books | None = None  # this build's books (downloads)
        self.linked_books: list[str] = []  # the books the pages link to
        self.installed = False  # a bundle is in the site folder of this session
        self.from_cache = False  # the last build's site was read from the site cache
        self.lock = guard.BuildLock(root)  # held from configure() to the end of each build
        # Where this build's caches are: the project, or, when they are not
        # this machine's own, a folder of the session's own (:meth:`_trust`).
        self.caches = root
        self._scratch: pathlib.Path | None = None
        self.compiled: CompiledTemplates | None = None  # Material's templates compiled once, kept in self.caches
        self._warming: threading.Thread | None = None
        self._unsaved: tuple[str, Site] | None = None  # the site cache, written at the end of the build
        self._warmed: list[Page] = []

    def configure(self, config, search: bool, downloads: bool, require_pdf: bool) -> None:
        try:
            self.lock.acquire()  # before anything is written: MkDocs cleans the site folder next
        except guard.Busy as busy:
            raise PluginError(str(busy)) from None
        self._trust()
        self._unsaved = None  # a build that failed keeps nothing
        self.bundle = None
        if search:  # before MkDocs empties the site folder: the last bundle is kept aside
            from generator.search.site_bundle import SiteBundle

            self.bundle = SiteBundle(config.site_dir, self.caches)
            self.bundle.set_aside()
        mkdocs_files.prepare(config)
        if not config.site_url and not self.told_relative:  # once a session: serve configures every rebuild
            log.info("site_url is not set (SITE_URL): the citation tags reference managers read and the "
                     "sitemap will carry addresses relative to the site; set SITE_URL to the published address")
            self.told_relative = True
        self.kinds = ()
        self.books = None
        if downloads:
            from generator.build.downloads import Books, kinds

            try:
                self.kinds, note = kinds(require_pdf)
            except GeneratorError as exc:
                raise PluginError(exc.diagnostics[0].message) from None
            if note:
                log.info(note)
            # Made from now, beside the whole build: the books' process reads
            # the sources itself, and printing the PDFs is the longest part
            # of `make site` (4.5 s of the seed edition's books on two cores).
            self.books = Books(self.root, site_cache.key(self.root, self._links(config)[0]), self.kinds, self.caches)

    def _trust(self) -> None:
        """Use the project's caches, unless they are not this machine's own
        (git tracks them, or a link leads to them: :func:`guard.distrust`):
        then say so (a warning, which ``--strict`` fails on, where it is a
        mistake to fix) and keep this session's caches in a folder of its
        own, as if the project had none."""
        found = guard.distrust(self.root)
        if not found:
            self.caches = self.root
        else:
            mistake, why = found
            (log.warning if mistake else log.info)(why)
            if self._scratch is None:
                self._scratch = pathlib.Path(tempfile.mkdtemp(prefix="gwr-caches-"))
                weakref.finalize(self, shutil.rmtree, self._scratch, ignore_errors=True)
            self.caches = self._scratch
        self.compiled = compiled_templates(self.caches)

    def _links(self, config) -> tuple[tuple, Links]:
        """The engine's settings, and the same Links while they are the same, so
        pages kept from the last build of a `mkdocs serve` session (keyed on it) stay valid."""
        settings = (config.use_directory_urls, mkdocs_files.repository(config, str(self.root)),
                    config.site_url or "", self.kinds)
        if self.links is None or self.links[0] != settings:
            self.links = (settings, Links(mkdocs_files.page_urls(settings[0]), *settings[1:]))
        return self.links

    # --- the site -----------------------------------------------------------------------

    def files(self, files: Files, config) -> Files:
        try:
            site = self._site(config)
        except GeneratorError as exc:
            _log(exc.diagnostics)
            errors = [str(d) for d in exc.diagnostics if d.severity is Severity.ERROR]
            raise PluginError("the generator found errors:\n" + "\n".join(errors)) from None
        _log(site.diagnostics)
        if self.chrome is None or self.chrome.conversion != site.conversion or self.chrome.root != self.caches:
            self.chrome = Chrome(self.caches, site.conversion, SCRIPTS["hant"][0])
        if self.indexing is None:  # a site from the cache: its records are known only now
            self._index(site.records)
        # A page kept from the last build (the very same object, from the memo)
        # is unchanged, unless the set of pages, a title or the nav changed:
        # every page shows the nav.
        previous, self.pages = self.pages, {page.src_uri: page for page in site.pages}
        layout = tuple((page.src_uri, page.title, page.in_nav) for page in site.pages)
        same_layout, self.layout = layout == self.layout, layout
        for page in site.pages:
            kept = previous.get(page.src_uri) is page
            stub = self.stubs.get(page.src_uri) if kept else None
            if stub is None:
                stub = self.stubs[page.src_uri] = mkdocs_files.front_matter(page)
            mkdocs_files.add(files, mkdocs_files.page_file(config, page, stub, not (same_layout and kept)))
        contents, self.contents = self.contents, dict(site.files)
        for path, content in site.files.items():
            mkdocs_files.add(files, mkdocs_files.plain_file(config, path, content, contents.get(path) != content))
        # The books are made beside the build and put into the site at its end.
        self.linked_books = sorted(t for t in site.links if t.startswith(DOWNLOADS))
        if self.indexing is not None:
            expected = self.contents[EXPECTED] = json.dumps({"digest": self.indexing.key})
            mkdocs_files.add(files, mkdocs_files.plain_file(config, EXPECTED, expected,
                                                            contents.get(EXPECTED) != expected))
        mkdocs_files.check_links(files, site.links - set(self.linked_books))
        return files

    def _site(self, config) -> Site:
        """The generator's output: from the cache when no input changed, else built."""
        settings, links = self._links(config)
        key = self.key = site_cache.key(self.root, settings)
        # A session that holds the project has a quicker cache: its memo.
        trusted = self.caches == self.root
        site = site_cache.load(self.root, key) if self.project is None and trusted else None
        self.from_cache = site is not None
        self.indexing = None
        if site is None:
            site = build_site(self._project(), links, self._index)
            # A `mkdocs serve` rebuild does not write the cache for the next
            # build: that was a tenth of a rebuild, for a build that would
            # find it only if the edits of the session were undone.
            if not (self.serving and self.pages) and trusted:
                self._unsaved = (key, site)
        return site

    def _index(self, records: list[dict]) -> None:
        """Pagefind indexes the records on its own process while the pages are made."""
        if self.bundle is not None:
            from generator.search.indexing import Indexing

            self.indexing = Indexing(self.bundle, records, start=not (self.serving and self.installed))

    # --- the project in memory ----------------------------------------------------------

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
        return self._loaded()

    def _loaded(self):
        if self.project is None:
            from generator.project.project import Project  # only now: a cached build never loads the stages

            self.project = Project(self.root)
        return self.project

    def warmed(self) -> None:
        """Wait until the project is in memory (`mkdocs serve` loads it on a
        thread after a first build read from the cache): for benchmarks and tests."""
        self._project()

    def _warm(self, links: Links) -> None:
        try:
            self._warmed = build_site(self._loaded(), links).pages
        except GeneratorError:
            pass  # the rebuild that needs the project reports them

    # --- pages, and after the build ----------------------------------------------------------

    def page_content(self, content: str, page, config) -> str:
        rendered = self.pages.get(page.file.src_uri)
        if rendered is None:
            # A hand-written page: it says only what this build has, and its English is marked.
            links = self._links(config)[1]
            has = {name for name, there in (("repository", links.repository), ("site-url", config.site_url)) if there}
            shown, unknown = mkdocs_files.for_this_build(content, has)
            for need in unknown:
                log.warning(f'{page.file.src_uri}: data-gwr-needs="{need}" names nothing a build has or lacks '
                            f'(it knows {", ".join(mkdocs_files.NEEDS)}); the block is shown as written')
            return mkdocs_files.mark_english(shown)
        page.toc = get_toc(rendered.toc)
        return rendered.html

    def post_page(self, output: str, page) -> str:
        """A Traditional page is Traditional throughout: its document language,
        and the chrome MkDocs and Material put around the report. Every page
        but a served one carries its script policy (:mod:`.policy`)."""
        if page.file.src_uri.startswith(SCRIPTS["hant"][1]) and self.chrome is not None:
            output = self.chrome.page(output)
        elif page.file.src_uri.startswith(ENGLISH) and self.english_name[0]:
            # Its chrome is English (theme/partials/language.html) but for the site's name.
            site_name, english = (html.escape(name, quote=False) for name in self.english_name)
            output = output.replace(site_name, english)
        return output if self.serving else with_policy(output)

    def env(self, env):
        # MkDocs makes a new environment for every build, and compiling
        # Material's templates was a fifth of a build, a third of a rebuild.
        env.bytecode_cache = self.compiled
        # Every page names the file that names the search index of the last
        # build: the search box says when the bundle it loads is older (a
        # `mkdocs serve` rebuild in progress).
        env.globals["gwr_search_index"] = EXPECTED if self.indexing else ""
        return env

    def post_build(self, config) -> None:
        """The search bundle into site/pagefind/: waited for by a build; under
        `mkdocs serve` a rebuild installs the last bundle and the new one when
        ready. Then the build lock is let go."""
        try:
            self._post_build(config)
        finally:
            self.lock.release()

    def build_error(self) -> None:
        """The build failed (MkDocs' ``on_build_error``): the site keeps
        its search bundle, and the next build is let in."""
        try:
            if self.bundle is not None:
                self.bundle.restore()
        finally:
            self.lock.release()

    def _post_build(self, config) -> None:
        # Written now, while Pagefind and the books' process finish on the
        # other core (the build would wait for them anyway): at 30 reports the
        # cache is 60 MB and takes a second to write.
        if self._unsaved is not None:
            site_cache.save(self.root, *self._unsaved)
            self._unsaved = None
        if self.chrome is not None:
            self.chrome.save()
        if self.serving and self.project is None and self._warming is None:
            # The first build of a session came from the site cache: load the
            # project now, while the contributor reads, so that the first
            # rebuild redoes only what the edit touched, not everything.
            self._warming = threading.Thread(target=self._warm, args=(self._links(config)[1],), daemon=True)
            self._warming.start()
        if self.books is not None:
            try:
                self.books.install(config.site_dir, self.linked_books)
            except GeneratorError as exc:
                raise PluginError("the books could not be made: " + "; ".join(
                    d.message for d in exc.diagnostics)) from None
        if self.indexing is None:
            return
        started = time.perf_counter()
        try:
            self.indexing.install(wait=not (self.serving and self.installed))
        except Exception as exc:
            raise PluginError(f"the search index could not be built: {exc}") from None
        self.installed = True
        if self.indexing.seconds:
            log.info(f"search index: {self.indexing.count} records, made by Pagefind in "
                     f"{self.indexing.seconds:.1f} s beside the build, which waited "
                     f"{time.perf_counter() - started:.1f} s for it")

    def watched(self) -> list[pathlib.Path]:
        """What `mkdocs serve` watches: the texts and glossary, and the
        generator's own templates, assets and theme, so a CSS edit arrives too."""
        package = pathlib.Path(__file__).resolve().parents[1]
        return [path for path in [*inputs(self.root), package / "templates", package / "assets", package / "theme"]
                if path.exists()]


def _log(diagnostics) -> None:
    """Warnings fail `mkdocs build --strict`; notices (a stale translation, an
    unused term) are shown too, so a contributor sees them in the serve log."""
    for d in diagnostics:
        if d.severity is Severity.WARNING:
            log.warning(str(d))
        elif d.severity is Severity.INFO:
            log.info(str(d))
