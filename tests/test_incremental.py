"""One project loaded again and again, as under `mkdocs serve`: only what changed is redone."""

from __future__ import annotations

import pytest

from generator.diagnostics import Diagnostics
from generator.project.memo import Memo
from generator.project.project import Project


def test_memo_reuses_by_identity_and_value_and_replays_diagnostics():
    memo, calls = Memo(), []

    def compute(found):
        calls.append(1)
        found.warning("x.yml", 3, "something to fix")
        return object()

    token = object()
    first_diagnostics, second_diagnostics = Diagnostics(), Diagnostics()
    first = memo.get("a", (token, "text", 1), compute, first_diagnostics)
    second = memo.get("a", (token, "text", 1), compute, second_diagnostics)
    assert first is second and len(calls) == 1
    assert [str(d) for d in second_diagnostics] == [str(d) for d in first_diagnostics]  # the warning stays
    memo.get("a", (object(), "text", 1), compute, Diagnostics())  # an equal-looking but new object
    memo.get("a", (token, "other", 1), compute, Diagnostics())
    assert len(calls) == 3


def test_a_second_load_of_an_unchanged_project_recomputes_nothing(project_copy):
    project = Project(project_copy)
    first = project.load()
    project.memo.counts()
    second = project.load()
    computed, reused = project.memo.counts()
    assert computed == 0 and reused > 0
    assert [r.report for r in first.reports] == [r.report for r in second.reports]
    assert all(a.report is b.report for a, b in zip(first.reports, second.reports))


def test_a_glossary_edit_shows_on_the_next_load_and_leaves_the_reports_alone(project_copy):
    project = Project(project_copy)
    before = project.load()
    entry = project_copy / "glossary" / "xin-zhi-sheng-chan-li.yml"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("preferred: new quality productive forces",
                                  "preferred: new-quality productive forces"), encoding="utf-8")
    after = project.load()
    assert after.glossary.by_slug["xin-zhi-sheng-chan-li"].entry.english.preferred == \
        "new-quality productive forces"
    assert all(a.report is b.report for a, b in zip(before.reports, after.reports))  # no re-parse
    assert after.glossary is not before.glossary


def test_an_error_introduced_between_loads_is_reported_and_then_cleared(project_copy):
    project = Project(project_copy)
    assert not project.load().diagnostics.errors
    entry = project_copy / "glossary" / "xin-zhi-sheng-chan-li.yml"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("category: economy", "category: econ"), encoding="utf-8")
    errors = project.load().diagnostics.errors
    assert errors and errors[0].path == "glossary/xin-zhi-sheng-chan-li.yml"
    entry.write_text(text, encoding="utf-8")
    assert not project.load().diagnostics.errors


def test_the_site_cache_round_trips_and_its_key_follows_every_input(project_copy):
    from generator.build import site_cache
    from generator.build.site import build_site
    from tests.conftest import default_links

    site = build_site(Project(project_copy), default_links())
    key = site_cache.key(project_copy, ("settings",))
    assert site_cache.load(project_copy, key) is None
    site_cache.save(project_copy, key, site)
    again = site_cache.load(project_copy, key)
    assert [(p.src_uri, p.title, p.html, p.toc, p.in_nav, p.targets) for p in again.pages] == \
        [(p.src_uri, p.title, p.html, p.toc, p.in_nav, p.targets) for p in site.pages]
    assert again.files == site.files and again.links == site.links and again.records == site.records
    assert [p.meta for p in again.pages] == [p.meta for p in site.pages] and again.conversion == site.conversion
    assert again.pages == site.pages  # equal in every field: a warmed page can stand for a cached one
    assert [str(d) for d in again.diagnostics] == [str(d) for d in site.diagnostics]
    # Another engine setting, or one changed byte in any input, is another key: no stale site.
    assert site_cache.key(project_copy, ("other",)) != key
    entry = project_copy / "glossary" / "xin-zhi-sheng-chan-li.yml"
    entry.write_text(entry.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert site_cache.key(project_copy, ("settings",)) != key
    assert site_cache.load(project_copy, site_cache.key(project_copy, ("settings",))) is None


@pytest.mark.parametrize("first_from_cache", [False, True], ids=["first-built", "first-from-cache"])
def test_a_dirty_serve_rebuild_writes_only_the_pages_a_glossary_edit_touches(project_copy, tmp_path,
                                                                             first_from_cache):
    """`mkdocs serve --dirty`: MkDocs rebuilds what its files call modified.
    A session whose first build came from the site cache (an earlier `mkdocs
    build`) loads the project on a thread; its first rebuild must still keep
    the pages the edit does not touch."""
    import os

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = tmp_path / "served"
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

    def config():
        made = load_config(config_file=str(project_copy / "mkdocs.yml"), site_dir=str(site))
        made.plugins["gwr"].config.search = False  # the index is not what this test is about
        return made

    if first_from_cache:  # an earlier `mkdocs build` wrote the site cache
        from tests.sitebuild import build_site

        assert build_site(project_copy, tmp_path / "earlier").returncode == 0
    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    build(first, dirty=True)
    assert first.plugins["gwr"].session.from_cache == first_from_cache  # what the test is about
    first.plugins["gwr"].session.warmed()
    written = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
    entry = project_copy / "glossary" / "yin-fa-jing-ji.yml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("zh: 向老年人提供产品和服务", "zh: 向长者提供产品和服务", 1),
                     encoding="utf-8")
    second = config()
    assert second.plugins["gwr"] is first.plugins["gwr"]  # one plugin for the session
    build(second, dirty=True)
    rewritten = {p.relative_to(site).as_posix() for p, t in written.items() if p.stat().st_mtime_ns != t}
    # The term's pages and the report that shows its tooltip; not the other terms, not 2022.
    assert {"glossary/yin-fa-jing-ji/index.html", "zh-hant/glossary/yin-fa-jing-ji/index.html",
            "2024/index.html", "zh-hant/2024/index.html"} <= rewritten
    assert "2022/index.html" not in rewritten and "glossary/xin-zhi-sheng-chan-li/index.html" not in rewritten
    assert len(rewritten) < len(written) / 10
    # The page kept from the first build shows the new definition in its tooltips.
    page = (site / "2024/index.html").read_text(encoding="utf-8")
    assert "向长者提供产品和服务" in page and "向老年人提供产品和服务" not in page
    assert "\x00" not in page


def test_a_glossary_edit_remakes_the_search_records_of_that_term_only(project_copy):
    from generator.search import records as search_records
    from tests.conftest import default_links

    project, links = Project(project_copy), default_links()
    first = {r.url: r for r in search_records.records(project.load(), links, project.memo)}
    entry = project_copy / "glossary" / "yin-fa-jing-ji.yml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("definition:", "definition:  # edited", 1),
                     encoding="utf-8")
    second = {r.url: r for r in search_records.records(project.load(), links, project.memo)}
    assert first.keys() == second.keys()
    remade = {url for url in first if first[url] is not second[url]}
    assert remade and all("yin-fa-jing-ji" in url for url in remade)


def test_the_plugin_loads_neither_the_project_nor_pydantic():
    """A build that reads its site from the cache never needs them: importing
    them was 0.2 s of CPU, a tenth of such a build of the seed site."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    script = ("import sys, generator.plugin; "
              "print(sorted(m for m in ('pydantic', 'generator.project.project') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.stdout.strip() == "[]", result.stderr
