"""A thin MkDocs plugin over :class:`generator.pipeline.Project`.

It routes MkDocs events and does no work of its own (the shape of
mkdocs-material's plugins): on ``on_files`` it asks the pipeline for the site
and registers every page and file with ``File.generated`` (served from
memory; nothing is written into ``docs/``); on ``on_page_content`` it swaps in
the rendered HTML and the table of contents; on ``on_serve`` it watches the
source texts so ``mkdocs serve`` rebuilds when they change.

Warnings go to the ``mkdocs.plugins.gwr`` logger, so ``mkdocs build --strict``
fails on them; errors stop the build with their ``path:line`` messages.
"""

from __future__ import annotations

import html
import logging
import os

import yaml

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from .diagnostics import GeneratorError, Severity
from .pipeline import Project
from .render import ASSETS, Page

log = logging.getLogger("mkdocs.plugins.gwr")


def _teach_segmenter(words: list[str]) -> None:
    """Material's search segments Chinese with jieba when it is installed; teach
    it the glossary terms so a search for 新质生产力 finds the whole term."""
    try:
        import jieba
    except ImportError:
        return
    for word in words:
        jieba.add_word(word)


def _off_nav(src_uri: str) -> bool:
    """Pages reached from other pages, not from the nav: term pages, Traditional editions."""
    return (src_uri.startswith("glossary/") and src_uri != "glossary/index.md") or src_uri.startswith("zh-hant/")


class GwrConfig(Config):
    #: Project root, relative to mkdocs.yml; source_texts/ and glossary/ live there.
    root = config_options.Type(str, default=".")


class GwrPlugin(BasePlugin[GwrConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.project: Project | None = None
        self.pages: dict[str, Page] = {}

    def on_config(self, config):
        base = os.path.dirname(config.config_file_path) if config.config_file_path else os.getcwd()
        self.project = Project(os.path.join(base, self.config.root))
        # Our template overrides (hreflang alternates) go before the theme's own.
        theme_dir = os.path.join(os.path.dirname(__file__), "theme")
        if theme_dir not in config.theme.dirs:
            config.theme.dirs.insert(0, theme_dir)
        for name in ASSETS:
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if name not in target:
                target.append(name)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        assert self.project is not None
        try:
            site = self.project.build()
        except GeneratorError as exc:
            for d in exc.diagnostics:
                if d.severity is Severity.WARNING:
                    log.warning(str(d))
            errors = [str(d) for d in exc.diagnostics if d.severity is Severity.ERROR]
            raise PluginError("the generator found errors:\n" + "\n".join(errors)) from None
        for d in site.diagnostics:
            if d.severity is Severity.WARNING:
                log.warning(str(d))
        _teach_segmenter(site.words)
        self.pages = {}
        for page in site.pages:
            self.pages[page.src_uri] = page
            # Front matter gives MkDocs the title and page settings; the body is swapped in later.
            # MkDocs themes print page titles as HTML (nav, header): escape the text.
            meta = {"title": html.escape(page.title, quote=False), **page.meta}
            stub = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n"
            self._add(files, File.generated(config, page.src_uri, content=stub))
        for path, content in site.files.items():
            self._add(files, File.generated(config, path, content=content))
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
        """Home first, then the reports newest first, then the rest; term pages stay out of the nav."""
        order = [uri for uri in self.pages if not _off_nav(uri)]
        # MkDocs made sections of glossary/*.md and zh-hant/*.md: keep only the
        # glossary index; the rest are reached from the pages that link to them.
        items = []
        for item in nav.items:
            children = getattr(item, "children", None)
            if children is None:
                items.append(item)
                continue
            index = next((c for c in children if getattr(c, "file", None) and c.file.src_uri == "glossary/index.md"), None)
            if index is not None:
                index.parent = None
                items.append(index)
            elif not all(getattr(c, "file", None) and _off_nav(c.file.src_uri) for c in children):
                items.append(item)
        nav.items[:] = items
        for page in nav.pages:
            if _off_nav(page.file.src_uri):
                page.previous_page = page.next_page = None
        nav.pages[:] = [p for p in nav.pages if not _off_nav(p.file.src_uri)]

        def key(item):
            uri = item.file.src_uri if getattr(item, "file", None) else None
            return (0, order.index(uri)) if uri in order else (1, 0)

        nav.items.sort(key=key)  # stable: other pages keep their order
        nav.pages.sort(key=key)
        for previous, page in zip([None, *nav.pages], nav.pages):
            page.previous_page = previous
            if previous is not None:
                previous.next_page = page
        if nav.pages:
            nav.pages[-1].next_page = None
        return nav

    def on_page_content(self, content, *, page, config, files):
        rendered = self.pages.get(page.file.src_uri)
        if rendered is None:
            return content
        page.toc = get_toc(rendered.toc)
        return rendered.html

    def on_serve(self, server, *, config, builder):
        assert self.project is not None
        for path in self.project.watched_paths():
            if path.exists():
                server.watch(str(path))
        return server
