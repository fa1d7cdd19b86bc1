"""Material's site navigation, rendered once per distinct result in a build.

Why: Material renders the whole navigation again for every page
(``partials/nav.html``, then ``partials/nav-item.html`` for every item,
recursively): 32–53 % of the time MkDocs spent rendering our pages (0.29–0.35 s
of 0.93–1.09 s in a build of the seed site). Most of our pages, the term
pages under ``glossary/SLUG/`` and ``zh-hant/glossary/SLUG/`` (276 of the
seed site's 291), are not in the nav (``InclusionLevel.NOT_IN_NAV``), and
their navigation is the same HTML page after page. Kept, the seed site's
navigation is rendered 15 times, not 292, and takes 9 % of page rendering
(the look-ups included).

How: :func:`install` (the plugin's ``on_env``) makes the theme's
``partials/nav.html`` a one-line template that calls :class:`Navigation`,
which renders the theme's own ``partials/nav.html`` (reached under
:data:`ORIGINAL` through the same loader, so it is whatever MkDocs would have
included; no template of Material's is copied here) and keeps the HTML under a key.

The key is what the navigation templates (``nav.html``, ``nav-item.html``
and the ``logo.html``, ``source.html`` and ``toc.html`` they include) read
from the render context, less what cannot change within a build:

* ``config`` (the site name, ``extra.homepage``, ``extra.status``, the
  repository, the logo and icons, the language ``lang`` speaks) and ``nav``
  (its items, their titles, URLs, ``meta`` and children, ``nav.homepage``):
  MkDocs hands every page of a build the same two objects, and reads every
  page (its title, meta and table of contents) before it makes the
  environment. The key holds their identities, so a plugin that hands a page
  another nav or config in ``on_page_context`` gets another entry.
* ``features``, which ``base.html`` sets from the config: the key holds them.
* The language of the chrome: an English page's (``page.meta.gwr_lang``,
  which ``theme/partials/language.html`` reads) is in the key.
  (Whether an item ``is_index``, its ``meta`` and ``typeset`` are the nav's own.)
* The state of the nav for this page: every item's ``active`` (MkDocs marks
  the page being built and its sections). And the page itself, which the
  templates compare with each item (``nav_item == page``, ``page in
  nav_item.pages``): a page that is in the nav is shown expanded, with its
  own table of contents, so its navigation is its own and is not kept at all
  (Material renders it as ever); nor is a render without a page (``404.html``).
  For every other page those comparisons are all false, so they are not in
  the key beyond that.
* The page's location: the links are relative to it. Every URL in the
  navigation passes through MkDocs' ``url`` filter, which :func:`install`
  wraps to record, while the navigation is rendered, the values it was given.
  An entry is served to a later page only if ``url`` turns those values into
  the very same URLs for it. ``base_url`` is in the key too (it is
  ``../..`` for every ``glossary/SLUG/``), for a template that writes it out.

Page by page, nothing else is read (``page.meta.hide``, which hides the
sidebar, is read by ``base.html`` around the include, not inside it). The
templates are deterministic, so with the same inputs and the same results
from ``url``, call after call, they write the same HTML: a kept entry is what
Material would render. ``tests/test_navigation.py`` renders the navigation
both ways for every page of the built sites and compares.

The cache belongs to one environment, and MkDocs makes a new one for every
build (and every ``mkdocs serve`` rebuild), so a change of the nav or of a
title is never served an old navigation.
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup

#: The theme's own template, under a name of ours: the template MkDocs would have included.
NAME = "partials/nav.html"
ORIGINAL = "gwr-theme/" + NAME
_GLOBAL = "gwr_navigation"


class Navigation:
    """The navigation of each page, rendered by the theme once per key in this environment."""

    def __init__(self, url) -> None:
        self.url = url  # the `url` filter as MkDocs made it
        self.recorded: list | None = None  # (value, URL) of each `url` call while a navigation renders
        # key bar the URLs → the values the navigation gave `url` → the URLs it made → the HTML
        self.entries: dict[tuple, dict[tuple, dict[tuple, Markup]]] = {}
        self.rendered = 0  # how often the theme's template was rendered
        self.served = 0  # how often an entry was served instead

    @jinja2.pass_context
    def record(self, context, value):
        """The `url` filter, noting ``value`` while a navigation is recorded."""
        url = self.url(context, value)
        if self.recorded is not None:
            self.recorded.append((value, url))
        return url

    def state(self, context) -> tuple | None:
        """The key, bar the URLs; None for a page whose navigation is its own."""
        page, nav, config = context.get("page"), context.get("nav"), context.get("config")
        if page is None or context.environment.filters.get("url") != self.record:
            return None  # 404.html; or another plugin replaced `url` and we would not see it
        active = []
        stack = list(getattr(nav, "items", None) or ())
        while stack:
            item = stack.pop()
            if item == page:
                return None
            pages = getattr(item, "pages", None)
            if pages and page in pages:
                return None
            active.append(bool(getattr(item, "active", False)))
            stack.extend(getattr(item, "children", None) or ())
        features = context.get("features") or ()
        # The chrome's language (theme/partials/language.html).
        language = (getattr(page, "meta", None) or {}).get("gwr_lang")
        return id(config), id(nav), tuple(features), context.get("base_url"), tuple(active), language

    def material(self, context) -> str:
        """The theme's own navigation for this context, as an include renders it."""
        template = context.environment.get_template(ORIGINAL)
        return context.environment.concat(template.root_render_func(template.new_context(context.get_all(), True)))

    @jinja2.pass_context
    def __call__(self, context) -> str:
        state = self.state(context)
        if state is None:
            self.rendered += 1
            return Markup(self.material(context))
        recordings = self.entries.setdefault(state, {})
        for values, kept in recordings.items():
            html = kept.get(tuple(self.url(context, value) for value in values))
            if html is not None:
                self.served += 1
                return html
        self.recorded = []
        try:
            html = Markup(self.material(context))
            values, urls = tuple(zip(*self.recorded)) or ((), ())
        finally:
            self.recorded = None
        self.rendered += 1
        try:
            recordings.setdefault(values, {})[urls] = html
        except TypeError:  # a value `url` was given is not hashable: not kept
            pass
        return html


class _Loader(jinja2.BaseLoader):
    """The theme's templates, with ``partials/nav.html`` calling :class:`Navigation`
    and the theme's own one named :data:`ORIGINAL`."""

    def __init__(self, loader: jinja2.BaseLoader) -> None:
        self.loader = loader

    def get_source(self, environment, template):
        if template == NAME:
            return "{{ " + _GLOBAL + "() }}", None, lambda: True
        if template == ORIGINAL:
            template = NAME
        return self.loader.get_source(environment, template)

    def list_templates(self):
        return self.loader.list_templates()


def install(env: jinja2.Environment) -> Navigation | None:
    """Render the navigation of ``env``'s pages through a :class:`Navigation`;
    None (and nothing changed) where the theme has no ``partials/nav.html`` or
    ``url`` is not MkDocs' kind of filter, which reads the page from the context."""
    url = env.filters.get("url")
    # Read with getattr, as url's is: pass_context's typing (F -> F) does not show the attribute it sets.
    ours = getattr(Navigation.record, "jinja_pass_arg", None)
    if env.loader is None or getattr(url, "jinja_pass_arg", None) is not ours:
        return None
    try:
        env.loader.get_source(env, NAME)
    except jinja2.TemplateNotFound:
        return None
    navigation = Navigation(url)
    env.loader = _Loader(env.loader)
    env.filters["url"] = navigation.record
    env.globals[_GLOBAL] = navigation
    return navigation
