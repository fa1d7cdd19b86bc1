"""The navigation generator/build/navigation.py keeps is Material's own, page after page.

Each build here renders every page's navigation both ways, through the cache
and by the theme's own ``partials/nav.html`` for that very page, and compares
them: a key that left out something the templates read would serve some page
another page's navigation, and show here.
"""

from __future__ import annotations

import os

import jinja2
import pytest

from generator.build import navigation
from tests.sitebuild import variant


@pytest.fixture
def compared(monkeypatch):
    """Every navigation rendered while it is in use: (page, the cached HTML is
    Material's own), and the Navigation objects that rendered them."""
    seen: list[tuple[str, bool]] = []
    made: list[navigation.Navigation] = []
    cached = navigation.Navigation.__call__

    @jinja2.pass_context
    def both_ways(self, context):
        html = cached(self, context)
        page = context.get("page")
        seen.append((page.file.src_uri if page else "(no page)", html == self.material(context)))
        if self not in made:
            made.append(self)
        return html

    monkeypatch.setattr(navigation.Navigation, "__call__", both_ways)
    return seen, made


def _build(project, site, *, serve: bool = False, config=None):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    made = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    made.plugins["gwr"].config.search = False  # the index is not what this test is about
    if serve:
        made.plugins.on_startup(command="serve", dirty=False)
    build(made)
    return made


def _pages(site) -> int:
    return sum(1 for _ in site.rglob("*.html"))  # every page, and 404.html


@pytest.mark.parametrize("settings", [{}, {"use_directory_urls": "false", "repo_url": "https://github.com/o/n"}],
                         ids=["seed", "html-urls-and-repository"])
def test_every_page_gets_materials_own_navigation(compared, tmp_path, settings):
    seen, made = compared
    project = variant(tmp_path / "project", **settings)
    _build(project, tmp_path / "site")
    wrong = [page for page, same in seen if not same]
    assert not wrong, f"the kept navigation is not Material's on {len(wrong)} pages: {wrong[:5]}"
    assert len(seen) == _pages(tmp_path / "site")  # every page of the site was compared
    # The term pages share one navigation per folder (glossary/, zh-hant/glossary/):
    # the pages in the nav and 404.html are rendered, and the few others once each.
    [used] = made
    assert used.served > 250 and used.rendered < 20, (used.served, used.rendered)


def test_a_rebuild_shows_a_changed_nav_title(compared, project_copy, tmp_path):
    """`mkdocs serve`: each build has an environment and a cache of its own."""
    seen, made = compared
    site = tmp_path / "served"
    first = _build(project_copy, site, serve=True)
    term = site / "glossary" / "xin-zhi-sheng-chan-li" / "index.html"
    assert "关于本版 · About this edition" in term.read_text(encoding="utf-8")
    about = project_copy / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("title: 关于本版", "title: 关于此版", 1),
                     encoding="utf-8")
    second = _build(project_copy, site, serve=True)
    assert second.plugins["gwr"] is first.plugins["gwr"]  # one plugin for the session, as under serve
    text = term.read_text(encoding="utf-8")
    assert "关于此版 · About this edition" in text and "关于本版 · About this edition" not in text
    assert len(made) == 2 and all(same for _, same in seen)


def test_without_materials_url_filter_the_navigation_is_left_alone():
    env = jinja2.Environment(loader=jinja2.DictLoader({navigation.NAME: "theirs"}))
    env.filters["url"] = lambda value: value  # not MkDocs' filter: it cannot see the page
    assert navigation.install(env) is None
    assert env.get_template(navigation.NAME).render() == "theirs"


_HOOK = '''
from generator.build import navigation
placed = {}
def on_nav(nav, files, **kwargs):
    placed["section"] = nav.items[1]
def on_env(env, files, **kwargs):
    # As a plugin may: a page outside the nav given a section, which it marks active.
    files.get_file_from_path("x/b.md").page.parent = placed["section"]
    navigation.install(env)
    return env
'''


@pytest.mark.parametrize("features", [
    [], ["navigation.indexes", "navigation.sections", "navigation.expand", "navigation.prune", "toc.integrate"],
    ["navigation.tabs", "navigation.sections", "navigation.indexes"],
], ids=["plain", "indexes-sections-prune", "tabs"])
@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory-urls", "html-urls"])
def test_pages_at_one_depth_with_other_links_or_sections_get_their_own_navigation(
        compared, tmp_path, features, directory_urls):
    """A small Material site (no gwr plugin): x/b/ and x/c/ are both outside the
    nav, at one depth, and differ only in x/b/ being placed in a section; a/two/
    is at that depth too, but the section's pages are its neighbours, so its links differ."""
    import json

    seen, made = compared
    docs = tmp_path / "docs"
    pages = {"index.md": "# Home\n", "a/index.md": "# A\n\n## Part\n\ntext\n", "a/one.md": "# One\n\n## Part\n",
             "a/two.md": "# Two\n", "x/b.md": "# B\n", "x/c.md": "# C\n", "x/d.md": "# D\n"}
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    (tmp_path / "hooks.py").write_text(_HOOK, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: T\nuse_directory_urls: {json.dumps(directory_urls)}\n"
        f"theme:\n  name: material\n  features: {json.dumps(features)}\nhooks: [hooks.py]\n"
        "nav:\n  - Home: index.md\n  - Section:\n    - a/index.md\n    - One: a/one.md\n"
        "  - Elsewhere: https://example.org/\n", encoding="utf-8")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    build(load_config(config_file=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    wrong = [page for page, same in seen if not same]
    assert not wrong, f"the kept navigation is not Material's on {wrong}"
    assert {page for page, _ in seen} == {*pages, "(no page)"}  # 404.html has none
    [used] = made
    assert used.served == 1  # x/d/ had x/c/'s
