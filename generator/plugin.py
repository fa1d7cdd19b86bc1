"""The MkDocs plugin: it routes MkDocs' events to the library and does no
work of its own (the shape of mkdocs-material's plugins).

:class:`generator.build.session.Session` does the work: on ``on_files`` it
hands MkDocs every generated page and file, served from memory
(``File.generated``: nothing is written into ``docs/``); on
``on_page_content`` it swaps in the rendered HTML and table of contents; on
``on_serve`` it names what `mkdocs serve` watches. One plugin instance, and
so one session, lasts a whole `mkdocs serve` session (``on_startup``).

Warnings go to the ``mkdocs.plugins.gwr`` logger, so ``mkdocs build
--strict`` fails on them; errors stop the build with their ``path:line``
messages.
"""

from __future__ import annotations

import os
import pathlib

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin

from generator.build import mkdocs_files, navigation
from generator.build.session import Session


class GwrConfig(Config):
    #: Project root, relative to mkdocs.yml; source_texts/ and glossary/ live there.
    root = config_options.Type(str, default=".")
    #: Build the Pagefind search index into site/pagefind/ (off: no search box works).
    search = config_options.Type(bool, default=True)
    #: The edition and each report as books in site/downloads/, linked from the
    #: pages: EPUBs, and PDFs where Chromium and a CJK font can print them (`make site` turns it on).
    downloads = config_options.Type(bool, default=False)
    #: `required`: a machine that cannot print the PDFs fails the build (the deploy
    #: workflow); `auto` builds without them, saying so in one line.
    pdf = config_options.Choice(("auto", "required"), default="auto")
    #: The site's name on the pages of the English edition (en/), in place of `site_name`.
    english_name = config_options.Type(
        str, default="Report on the Work of the Government · An annotated bilingual edition")


class GwrPlugin(BasePlugin[GwrConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.session: Session | None = None
        self.serving = False

    def on_startup(self, *, command, dirty):
        """Defining this keeps one plugin instance for the whole `mkdocs serve`
        session (MkDocs 1.4+), so the project and its memo survive rebuilds."""
        self.serving = command == "serve"

    def on_config(self, config):
        base = os.path.dirname(config.config_file_path) if config.config_file_path else os.getcwd()
        root = pathlib.Path(os.path.realpath(os.path.join(base, self.config.root)))
        if self.session is None or self.session.root != root:
            self.session = Session(root, self.serving)
        self.session.configure(config, self.config.search, self.config.downloads, self.config.pdf == "required")
        self.session.english_name = (config.site_name, self.config.english_name)
        return config

    def on_files(self, files, *, config):
        return self.session.files(files, config)

    def on_nav(self, nav, *, config, files):
        mkdocs_files.order_nav(nav, self.session.pages)
        mkdocs_files.titles_of_unread_pages(nav, self.session.pages, config)
        return nav

    def on_env(self, env, *, config, files):
        navigation.install(env)  # the nav rendered once per distinct result, not once per page
        return self.session.env(env)

    def on_page_content(self, content, *, page, config, files):
        return self.session.page_content(content, page, config)

    def on_post_page(self, output, *, page, config):
        return self.session.post_page(output, page)

    def on_post_build(self, *, config):
        self.session.post_build(config)

    def on_build_error(self, *, error):
        if self.session is not None:
            self.session.build_error()  # lets go of the build lock

    def on_serve(self, server, *, config, builder):
        for path in self.session.watched():
            server.watch(str(path))
        return server
