"""The document model → every page and file of the site.

The output is engine-neutral: a :class:`Site` of pages (HTML body + TOC
tokens) and plain files; the MkDocs plugin hands them to MkDocs, and another
engine could take them as they are. Every link between pages comes from the
engine's :class:`links.Links`. Report pages are written by :mod:`report_page`,
the glossary's by :mod:`glossary_pages`, the compare pages by :mod:`compare_page`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping

from generator.comparison.history import Step, histories
from generator.diagnostics import Diagnostics
from generator.links import ENGLISH_HOME, HOME, SCRIPTS, Links, english_uri, linker, report_uri
from generator.project.loaded import ReportInputs
from generator.project.memo import Memo
from generator.text import reference_formats
from generator.text.indicators import across_json, indicators
from generator.text.term_matching import by_slug
from generator.writers import opendata
from generator.writers.page import ASSETS, Page, Site
from generator.writers.site import compare_page
from generator.writers.site.english_glossary import render_english_glossary_index, render_english_term
from generator.writers.site.english_page import render_english_home, render_english_report
from generator.writers.site.glossary_pages import render_glossary_index, render_term, report_sizes
from generator.writers.site.report_page import alternates, english_sources, report_without_tooltips
from generator.writers.site.sentence_markup import fill_tooltips
from generator.writers.templating import asset, env, templates_stamp
from generator.writers.term_page import paragraph_english, related_entries


def render_home(loaded, links: Links) -> Page:
    html = env.get_template("home.html").render(reports=loaded.reports, glossary=loaded.glossary,
                                                 link=linker(links, HOME), downloads=links.downloads,
                                                 english_uri_home=ENGLISH_HOME)
    return Page(HOME, "首页 · Home", html, [])


def open_data(inputs: ReportInputs, links: Links, history: Mapping[str, tuple[Step, ...]]) -> str:
    entry = inputs.entry
    data = opendata.report_json(entry.report, entry.meta.meta.title, inputs.converter.convert, inputs.translation,
                                inputs.amendments, history)
    year = entry.report.year
    work = reference_formats.work(entry.meta.meta)
    data["citation"] = reference_formats.citation_json(work, links.absolute(report_uri(year)),
                                                       links.absolute(english_uri(year)))
    # Compact: json's C encoder only runs without indent, and with indent this
    # was a tenth of a 30-report build. Every JSON reader reads it alike.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def edition_json(loaded) -> str:
    """``api/edition.json``: what the edition holds of each report, newest
    first, for readers of the open data and for the search box's word when
    nothing is found."""
    metas = [(r.report.year, r.meta.meta) for r in sorted(loaded.reports, key=lambda r: -r.report.year)]
    reports = [{"year": year, "title": m.title, "title_en": m.title_en, "holds": m.holds,
                "holds_hant": loaded.converter.convert(m.holds), "holds_en": m.holds_en, "whole": m.whole,
                "official_text": m.official_text} for year, m in metas]
    return json.dumps({"reports": reports}, ensure_ascii=False, separators=(",", ":")) + "\n"


def render_site(loaded, links: Links, memo: Memo | None = None) -> Site:
    """Every page and file. With the project's ``memo`` (a `mkdocs serve`
    session), a page whose inputs are the objects and values of the last build
    is kept: a glossary edit makes again the pages that show that entry."""
    memo = memo or Memo()
    common = (templates_stamp(), links, loaded.converter)
    unused = Diagnostics()  # rendering reports nothing; the memo wants somewhere to put it

    def page(name: tuple, key: tuple, make) -> Page:
        return memo.get(("page", *name), (*common, *key), lambda _: _recorded(links, make), unused)

    grouped = by_slug(loaded.occurrences)
    reports = tuple((r.report, r.meta.meta) for r in loaded.reports)
    comparisons = compare_page.compared(loaded, memo, unused)
    counterparts = memo.get(("counterparts",), tuple(c.lineage for c in comparisons),
                            lambda _: compare_page.counterparts(comparisons), unused)
    sentence_histories = memo.get(("histories",), tuple(c.lineage for c in comparisons),
                                  lambda _: histories(c.lineage for c in comparisons), unused)
    pages = [page(("home",), (reports, len(loaded.glossary)), lambda urls: render_home(loaded, urls)),
             page(("home", "en"), (reports, len(loaded.glossary)), lambda urls: render_english_home(loaded, urls))]
    files: dict[str, str] = {}
    for entry in loaded.reports:
        year = entry.report.year
        spans = loaded.annotations.get(year, {})
        # The entries whose tooltips the page shows: their edits redo only fill_tooltips.
        shown = tuple(loaded.glossary.by_slug[slug].entry
                      for slug in sorted({span.slug for found in spans.values() for span in found}))
        mine = counterparts.get(year, {})
        # The page reads only its inputs (and the counterparts), so they are its key.
        inputs = loaded.inputs(entry)
        for script in SCRIPTS:
            made = page(("report", year, script), (inputs, mine),
                        lambda urls, inputs=inputs, script=script, mine=mine: report_without_tooltips(
                            inputs, script, urls, mine))
            pages.append(memo.get(("tooltips", year, script), (made, shown),
                                  lambda _: fill_tooltips(made, loaded, script), unused))
        english = page(("report", year, "en"), (inputs, mine),
                       lambda urls, inputs=inputs, mine=mine: render_english_report(
                           inputs, urls, mine, alternates(urls, inputs.report.year),
                           english_sources(urls, inputs.translation)))
        pages.append(memo.get(("tooltips", year, "en"), (english, shown),
                              lambda _: fill_tooltips(english, loaded, "hans"), unused))
        history = sentence_histories.get(year, {})
        files[f"api/{year}.json"] = memo.get(("api", year), (*common, inputs, tuple(history.items())),
                                              lambda _: open_data(inputs, links, history), unused)
    files["api/edition.json"] = memo.get(("api", "edition"), (reports, loaded.converter),
                                         lambda _: edition_json(loaded), unused)
    figures = {entry.report.year: indicators(entry.report) for entry in loaded.reports}
    files["api/indicators.json"] = json.dumps(across_json(figures), ensure_ascii=False, separators=(",", ":")) + "\n"
    entries = tuple(e.entry for e in loaded.glossary.entries)
    sizes = report_sizes(loaded)
    # A term page shows the English of each paragraph it quotes: it is in the
    # page's key, so a translation edit under `mkdocs serve` redoes the pages quoting it.
    keys = {item.entry.slug: (item.entry, item.path, tuple(found), reports, tuple(related_entries(loaded, item.entry)),
                              tuple(paragraph_english(loaded, found).items()))
            for item in loaded.glossary.entries for found in [grouped.get(item.entry.slug, [])]}
    for script in SCRIPTS:
        pages.append(page(("glossary", script), (entries, tuple(loaded.occurrences)),
                          lambda urls, script=script: render_glossary_index(loaded, urls, script)))
        for item in loaded.glossary.entries:
            found = grouped.get(item.entry.slug, [])
            pages.append(page(("term", item.entry.slug, script), keys[item.entry.slug],
                              lambda urls, item=item, found=found, script=script: render_term(
                                  loaded, item, found, urls, script, sizes)))
    pages.append(page(("glossary", "en"), (entries, tuple(loaded.occurrences), reports),
                      lambda urls: render_english_glossary_index(loaded, urls)))
    for item in loaded.glossary.entries:
        found = grouped.get(item.entry.slug, [])
        pages.append(page(("term", item.entry.slug, "en"), keys[item.entry.slug],
                          lambda urls, item=item, found=found: render_english_term(loaded, item, found, urls, sizes)))
    compare_pages, compare_files = compare_page.site_parts(comparisons, loaded, memo, page, env, unused)
    pages.extend(compare_pages)
    files.update(compare_files)
    for name in ASSETS:
        files[name] = asset(name)
    return Site(pages, files, links=set().union(*(p.targets for p in pages)),
                conversion=(loaded.converter.config, loaded.converter.corrections))


def _recorded(links: Links, make) -> Page:
    """``make(links)``, with the pages it links to recorded on the page, so the
    engine can check that each exists even when the page is kept from before."""
    targets: set[str] = set()

    def resolve(source: str, target: str) -> str:
        targets.add(target)
        return links.url(source, target)

    made = make(dataclasses.replace(links, url=resolve))
    made.targets = frozenset(targets)
    return made
