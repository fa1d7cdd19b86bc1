"""The glossary's pages: the index of terms and a page per term, in each script.

A term's page (:mod:`term_page`) shows how often the term occurs in each
report as numbers and as a bar chart. Counts alone mislead when the edition
holds a whole report for one year and an excerpt for another, so each year
also gives the characters of text the edition holds and the rate per 10,000
of them. The chart is drawn here as plain geometry (the template writes the
SVG): bars of the counts, one per report, earliest first, as a reader scans
a time line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from markupsafe import Markup

from generator.links import ENGLISH_GLOSSARY, Links, english_term_uri, glossary_uri, linker, report_uri, term_uri
from generator.model import Report
from generator.text.reference_formats import edition_page_tags
from generator.text.term_matching import by_slug
from generator.writers.glossary_index import BROWSE, by_category, english_a_to_z
from generator.writers.markup import Html, contents_name, join
from generator.writers.page import Page, TocToken
from generator.writers.rows import MARKS, PENDING_MARK
from generator.writers.templating import env, in_script
from generator.writers.term_page import InReport, Line, page_script, term_page


def render_glossary_index(loaded, links: Links, script: str = "hans") -> Page:
    """The index: in dictionary order with counts per report, then by English
    rendering (A–Z), then by category; headings and lists a reader browses
    without JavaScript, each way in named in the page's contents."""
    years, counts = year_counts(loaded)
    here, page = glossary_uri(script), page_script(loaded, script)
    entries = [e.entry for e in loaded.glossary.entries]
    t = page.t
    browse = [(anchor, t(zh), en) for anchor, zh, en in BROWSE]
    categories = by_category(entries, t)
    html = env.get_template("glossary_index.html").render(
        entries=entries, years=years, counts=counts, browse=browse, letters=english_a_to_z(entries),
        categories=categories, link=linker(links, here), **page.values(),
    )
    toc: list[TocToken] = [{"level": 2, "id": anchor, "name": contents_name(f"{zh} · {en}"), "children": []}
                           for anchor, zh, en in browse]
    toc[-1]["children"] = [{"level": 3, "id": c.anchor, "name": contents_name(f"{c.zh} · {c.en}"), "children": []}
                           for c in categories]
    meta = {"alternates": links.alternates(glossary_uri(), glossary_uri("hant"), ENGLISH_GLOSSARY)}
    return Page(here, t("术语表") + " · Glossary", in_script(html, script), toc, meta, in_nav=script == "hans")


def year_counts(loaded) -> tuple[list[int], dict[str, dict[int, int]]]:
    """The edition's years, and slug → year → the term's occurrences that year (the index's table)."""
    years, grouped = [r.report.year for r in loaded.reports], by_slug(loaded.occurrences)
    return years, {slug: {year: sum(1 for o in found if o.year == year) for year in years}
                   for slug, found in grouped.items()}


def report_sizes(loaded) -> dict[int, int]:
    """Year → characters of report text the edition holds (for term trends)."""
    return {r.report.year: characters(r.report) for r in loaded.reports}


_LINE = Html('<li><a href="{page}#{sentence}"><span lang="{lang}">{zh}</span> · <span lang="en">{en}</span></a>'
             '<br><span lang="{lang}">{before}<mark>{term}</mark>{after}</span><br>{english}</li>\n')
# Not .gwr-en: its lighter colour leaves too little contrast under the concordance's <mark>.
_ENGLISH = Html('<span lang="en">{words}</span>')
_ENGLISH_MARKED = Html('<span class="{mark}" lang="en" title="{title}">{words}</span>')
_PENDING = Html('<span class="gwr-pending" lang="en">{notice}</span>')(notice=PENDING_MARK)
_RENDERING = Html('{before}<mark>{term}</mark>{after}')


def english(line: Line) -> Markup:
    """The English beside a line: its rendering of the term marked, a title
    where it may be out of date or is not checked yet, a notice where it is pending."""
    en = line.english
    if en.pending:
        return _PENDING
    words = _RENDERING(before=en.before, term=en.term, after=en.after) if en.term else en.before
    if en.status in MARKS:  # stale, carried or suggested: said as on the report page
        mark, title = MARKS[en.status]
        return _ENGLISH_MARKED(mark=mark, title=title, words=words)
    return _ENGLISH(words=words)


def concordance(found: InReport, page: str, lang: str) -> Markup:
    """The list items of a term's occurrences in one report: each sentence's
    pinpoint, linked to it on the report's page (URL ``page``), the sentence
    with the term marked, and the English beside it. Made here, not in the
    template: at 30 reports a term can occur a thousand times, and Jinja's
    work per item was most of the term pages' time."""
    return join([_LINE(page=page, lang=lang, sentence=o.sentence_id, zh=o.pinpoint.zh, en=o.pinpoint.en,
                       before=o.before, term=o.term, after=o.after, english=english(o)) for o in found.lines])


def render_term(loaded, item, occurrences: list, links: Links, script: str = "hans",
                sizes: dict[int, int] | None = None) -> Page:
    """A term's page (:func:`term_page.term_page`), with its count in each
    report (``sizes``: report_sizes, computed once per site) as a chart."""
    term = term_page(loaded, item, occurrences, script)
    page, entry = term.page, item.entry
    here = term_uri(entry.slug, script)
    rows = trend(loaded, occurrences, sizes)
    link = linker(links, here)
    html = env.get_template("glossary_entry.html").render(
        term=term,
        entry=entry,
        trend=rows,
        chart=chart(rows),
        edit_url=links.repository.edit(item.path) if links.repository else None,
        link=link,
        concordance=lambda found: concordance(found, link(report_uri(found.year, script)), page.lang),
        **page.values(),
    )
    toc: list[TocToken] = [{"level": 2, "id": f"y{found.year}", "name": str(found.year), "children": []}
                           for found in term.reports]
    title = f"{page.t(entry.term)} · {entry.english.preferred}"
    meta = {"alternates": links.alternates(term_uri(entry.slug), term_uri(entry.slug, "hant"),
                                           english_term_uri(entry.slug)),
            "citation": edition_page_tags("dictionaryEntry", f"{page.t(entry.term)} · {entry.english.preferred}",
                                          page.lang, f"{page.t(entry.definition.zh)} {entry.definition.en}")}
    return Page(here, title, in_script(html, script), toc, meta, in_nav=False)


def trend(loaded, occurrences: list, sizes: dict[int, int] | None = None) -> tuple[YearCount, ...]:
    """A term's count in each report, from its ``occurrences``."""
    return counts(sizes or report_sizes(loaded), (o.year for o in occurrences),
                  (r.report.year for r in loaded.reports if not r.meta.meta.whole))


def render_glossary(loaded, links: Links, script: str = "hans") -> list[Page]:
    """The index and every term page, in one script."""
    grouped, sizes = by_slug(loaded.occurrences), report_sizes(loaded)
    return [render_glossary_index(loaded, links, script),
            *(render_term(loaded, item, grouped.get(item.entry.slug, []), links, script, sizes)
              for item in loaded.glossary.entries)]


# --- a term's count in each report ---------------------------------------------------

#: Chart geometry, in SVG user units (the SVG scales to the column's width).
BAR, GAP, PLOT, TOP, BOTTOM = 36, 20, 96, 18, 22


@dataclasses.dataclass(frozen=True)
class YearCount:
    year: int
    count: int
    characters: int  # of report text the edition holds for that year
    excerpt: bool = False  # the edition holds only part of that report

    @property
    def unknown(self) -> bool:
        """Not found in an excerpt: whether the report has the term is not
        known here (it may be in the parts the edition does not hold), so it
        is not shown as 0."""
        return self.excerpt and not self.count

    @property
    def per_10k(self) -> float:
        return self.count * 10_000 / self.characters if self.characters else 0.0


@dataclasses.dataclass(frozen=True)
class Bar:
    """One year's bar: its box, and where its count and year are written."""

    row: YearCount
    x: float
    y: float
    width: float
    height: float
    centre: float


@dataclasses.dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    width: float
    height: float
    baseline: float


def characters(report: Report) -> int:
    """The characters of a report's text, whitespace aside."""
    return sum(len("".join(s.text.split())) for p in report.paragraphs() for s in p.sentences)


def counts(sizes: dict[int, int], years_found: Iterable[int], excerpts: Iterable[int] = ()) -> tuple[YearCount, ...]:
    """``sizes``: year → characters held; ``years_found``: the year of each
    occurrence; ``excerpts``: the years of which the edition holds only a part."""
    found: dict[int, int] = {}
    for year in years_found:
        found[year] = found.get(year, 0) + 1
    parts = set(excerpts)
    return tuple(YearCount(year, found.get(year, 0), sizes[year], year in parts) for year in sorted(sizes))


def chart(rows: tuple[YearCount, ...]) -> Chart:
    """Bars scaled to the largest count; a year without the term keeps its
    place on the axis with no bar, so an absence reads as one."""
    top = max((r.count for r in rows), default=0) or 1
    baseline = TOP + PLOT
    bars = []
    for i, row in enumerate(rows):
        x = GAP / 2 + i * (BAR + GAP)
        height = PLOT * row.count / top
        bars.append(Bar(row, x, baseline - height, BAR, height, x + BAR / 2))
    return Chart(tuple(bars), len(rows) * (BAR + GAP), baseline + BOTTOM, baseline)
