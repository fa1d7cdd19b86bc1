"""The glossary's pages: the index of terms and a page per term, in each script."""

from __future__ import annotations

from markupsafe import Markup

from generator.links import Links, glossary_uri, linker, report_uri, term_uri
from generator.sources.glossary import CATEGORIES
from generator.text.term_matching import by_slug
from generator.writers.markup import Html, join
from generator.writers.page import Page
from generator.writers.site import term_chart
from generator.writers.templating import env, in_script
from generator.writers.term_page import InReport, page_script, term_page


def render_glossary_index(loaded, links: Links, script: str = "hans") -> Page:
    """The index, in dictionary order, with counts per report."""
    years, grouped = [r.report.year for r in loaded.reports], by_slug(loaded.occurrences)
    counts = {slug: {year: sum(1 for o in found if o.year == year) for year in years}
              for slug, found in grouped.items()}
    here, page = glossary_uri(script), page_script(loaded, script)
    html = env.get_template("glossary_index.html").render(
        entries=[e.entry for e in loaded.glossary.entries], years=years, counts=counts, categories=CATEGORIES,
        link=linker(links, here), **page.values(),
    )
    return Page(here, page.t("术语表") + " · Glossary", in_script(html, script), [], in_nav=script == "hans")


def report_sizes(loaded) -> dict[int, int]:
    """Year → characters of report text the edition holds (for term trends)."""
    return {r.report.year: term_chart.characters(r.report) for r in loaded.reports}


_LINE = Html('<li><a href="{page}#{sentence}"><code>{sentence}</code></a><br><span lang="{lang}">{before}<mark>'
             '{term}</mark>{after}</span></li>\n')


def concordance(found: InReport, page: str, lang: str) -> Markup:
    """The list items of a term's occurrences in one report: each sentence,
    the term marked, linked to it on the report's page (URL ``page``). Made
    here, not in the template: at 30 reports a term can occur a thousand
    times, and Jinja's work per item was most of the term pages' time."""
    return join([_LINE(page=page, lang=lang, sentence=o.sentence_id, before=o.before, term=o.term, after=o.after)
                 for o in found.lines])


def render_term(loaded, item, occurrences: list, links: Links, script: str = "hans",
                sizes: dict[int, int] | None = None) -> Page:
    """A term's page (:func:`term_page.term_page`), with its count in each
    report (``sizes``: report_sizes, computed once per site) as a chart."""
    term = term_page(loaded, item, occurrences, script)
    page, entry = term.page, item.entry
    here = term_uri(entry.slug, script)
    rows = term_chart.counts(sizes or report_sizes(loaded), (o.year for o in occurrences))
    link = linker(links, here)
    html = env.get_template("glossary_entry.html").render(
        term=term,
        entry=entry,
        trend=rows,
        chart=term_chart.chart(rows),
        edit_url=links.repository.edit(item.path) if links.repository else None,
        link=link,
        concordance=lambda found: concordance(found, link(report_uri(found.year, script)), page.lang),
        **page.values(),
    )
    toc = [{"level": 2, "id": f"y{found.year}", "name": str(found.year), "children": []} for found in term.reports]
    title = f"{page.t(entry.term)} · {entry.english.preferred}"
    return Page(here, title, in_script(html, script), toc, in_nav=False)


def render_glossary(loaded, links: Links, script: str = "hans") -> list[Page]:
    """The index and every term page, in one script."""
    grouped, sizes = by_slug(loaded.occurrences), report_sizes(loaded)
    return [render_glossary_index(loaded, links, script),
            *(render_term(loaded, item, grouped.get(item.entry.slug, []), links, script, sizes)
              for item in loaded.glossary.entries)]
