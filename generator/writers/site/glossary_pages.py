"""The glossary's pages: the index of terms and a page per term, in each script."""

from __future__ import annotations

from markupsafe import Markup, escape

from generator.writers.site import term_chart
from generator.text.term_matching import by_slug
from generator.sources.glossary import CATEGORIES
from generator.links import SCRIPTS, Links, glossary_uri, linker, report_uri, term_uri
from generator.writers.page import Page
from generator.writers.templating import env, in_script, script_text


def _glossary_counts(loaded) -> tuple[list[int], dict[str, list]]:
    return [r.report.year for r in loaded.reports], by_slug(loaded.occurrences)


def _script(loaded, script: str) -> dict:
    """What a glossary template needs to be written in one script."""
    other = "hans" if script == "hant" else "hant"
    return {"script": script, "lang": SCRIPTS[script][0], "other": other, "other_lang": SCRIPTS[other][0],
            "t": script_text(loaded, script)}


def render_glossary_index(loaded, links: Links, script: str = "hans") -> Page:
    """The index, in dictionary order, with counts per report."""
    years, grouped = _glossary_counts(loaded)
    counts = {slug: {year: sum(1 for o in found if o.year == year) for year in years}
              for slug, found in grouped.items()}
    here, words = glossary_uri(script), _script(loaded, script)
    html = env.get_template("glossary_index.html").render(
        entries=[e.entry for e in loaded.glossary.entries], years=years, counts=counts, categories=CATEGORIES,
        link=linker(links, here), **words,
    )
    return Page(here, words["t"]("术语表") + " · Glossary", in_script(html, script), [], in_nav=script == "hans")


def report_sizes(loaded) -> dict[int, int]:
    """Year → characters of report text the edition holds (for term trends)."""
    return {r.report.year: term_chart.characters(r.report) for r in loaded.reports}


def concordance(found: list, page: str, lang: str, t) -> Markup:
    """The list items of a term's occurrences in one report: each sentence,
    the term marked, linked to it on the report's page (URL ``page``). Made
    here, not in the template: at 30 reports a term can occur a thousand
    times, and Jinja's work per item was most of the term pages' time."""
    out = []
    for o in found:
        words = t(o.sentence)
        out.append(f'<li><a href="{escape(page)}#{escape(o.sentence_id)}"><code>{escape(o.sentence_id)}</code></a><br>'
                   f'<span lang="{escape(lang)}">{escape(words[:o.start])}<mark>{escape(words[o.start:o.end])}</mark>'
                   f'{escape(words[o.end:])}</span></li>\n')
    return Markup("".join(out))


def render_term(loaded, item, occurrences: list, links: Links, script: str = "hans",
                sizes: dict[int, int] | None = None) -> Page:
    """A term's page: both scripts, renderings, definition, note, related entries,
    its count in each report (``sizes``: report_sizes, computed once per site) and concordance."""
    entry = item.entry
    here, words = term_uri(entry.slug, script), _script(loaded, script)
    years = [r.report.year for r in loaded.reports]
    by_year: dict[int, list] = {}
    for o in occurrences:  # the concordance, one list per report (a filter per year was a third of the page)
        by_year.setdefault(o.year, []).append(o)
    rows = term_chart.counts(sizes or report_sizes(loaded), (o.year for o in occurrences))
    link = linker(links, here)
    html = env.get_template("glossary_entry.html").render(
        entry=entry,
        traditional=loaded.converter.convert(entry.term),  # includes the entry's own `traditional`
        occurrences=occurrences,
        by_year=by_year,
        years=years,
        trend=rows,
        chart=term_chart.chart(rows),
        titles={r.report.year: r.meta.meta.title for r in loaded.reports},
        related=related_entries(loaded, entry),
        categories=CATEGORIES,
        source_path=item.path,
        edit_url=links.repository.edit(item.path) if links.repository else None,
        link=link,
        concordance=lambda year, found: concordance(found, link(report_uri(year, script)), words["lang"], words["t"]),
        **words,
    )
    toc = [{"level": 2, "id": f"y{year}", "name": str(year), "children": []}
           for year in years if year in by_year]
    title = f"{words['t'](entry.term)} · {entry.english.preferred}"
    return Page(here, title, in_script(html, script), toc, in_nav=False)


def related_entries(loaded, entry) -> list:
    return [loaded.glossary.by_slug[s].entry for s in entry.related if s in loaded.glossary.by_slug]


def render_glossary(loaded, links: Links, script: str = "hans") -> list[Page]:
    """The index and every term page, in one script."""
    grouped, sizes = by_slug(loaded.occurrences), report_sizes(loaded)
    return [render_glossary_index(loaded, links, script),
            *(render_term(loaded, item, grouped.get(item.entry.slug, []), links, script, sizes)
              for item in loaded.glossary.entries)]
