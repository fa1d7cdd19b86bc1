"""The books: what the edition, or one report, holds as a book, and its print HTML for the PDF.

The EPUB (:mod:`epub`) is written from the same :class:`Book`.

Made from the document model as the report pages are, and from the same
pieces, so the book says what the pages say: report_page's sentence markup (the
words and glossary terms), cite's pinpoint labels, english's titles, leads
and table of contents names, the project's converter for Traditional text.
What paper needs differs from the site:

* Both languages side by side always, and each paragraph's pinpoint label in
  a margin column: a printed page is cited by the label (三（一）第2段), which
  every printing shares, not by a page number.
* One document may hold several reports, and every report has its sec_3: in
  the whole edition each id is prefixed with its year (2024-sec_3__item_1).
  A book of one report keeps the site's anchors, so gwr-2024.pdf#sec_3__item_1__para_2
  opens at the paragraph /2024/#sec_3__item_1__para_2 names.
* Glossary terms link to the glossary at the end of the book, which says
  where each term occurs, by pinpoint.
"""

from __future__ import annotations

import dataclasses
import os
import pathlib
import re
import subprocess
from collections.abc import Callable, Collection

from markupsafe import Markup

from generator.diagnostics import GeneratorError
from generator.links import SCRIPTS, book_name, term_uri
from generator.model import Report
from generator.project.loaded import LoadedReport
from generator.sources.glossary import Entry
from generator.sources.translation import Translation
from generator.text import citation
from generator.text.term_matching import by_slug
from generator.writers.export_files import claim
from generator.writers.markup import css_string, style_sheet
from generator.writers.page import TocToken
from generator.writers.rows import PENDING_MARK, ReportRows, report_rows
from generator.writers.site.report_page import toc_tokens
from generator.writers.site.sentence_markup import SentenceMarkup
from generator.writers.templating import asset, english_date, env, script_text


def edition_date(root: pathlib.Path) -> int:
    """When the books' inputs last changed, in seconds since 1970: every book
    says so (the EPUB's dcterms:modified, the PDF's dates), so the same inputs
    give the same bytes. ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds
    convention), else the last commit's time, else (not a git checkout) the
    newest file the books are made from."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given:
        if not given.isdigit():
            raise GeneratorError.single("SOURCE_DATE_EPOCH", None, f"{given!r} is not a number of seconds "
                                                                   "since 1970; set it to one, or unset it")
        return int(given)
    try:
        found = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True,
                               timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        found = ""
    if found.isdigit():
        return int(found)
    from generator.project.paths import inputs

    return max((int(p.stat().st_mtime) for folder in inputs(root) for p in folder.rglob("*") if p.is_file()),
               default=0)


def glossary_id(slug: str) -> str:
    return f"g-{slug}"


@dataclasses.dataclass(frozen=True)
class BookReport:
    """One report as book.html and epub.xhtml see it: its model and metadata,
    its rows, and the functions that give its marked text and ids in the book."""

    entry: LoadedReport
    translation: Translation
    top: str  # the id of its title
    toc: list[TocToken]  # report_page.toc_tokens, with English names
    ref: Callable[[str], str]  # anchor → id in the book
    rows: ReportRows
    terms: Callable  # sentence_markup.SentenceMarkup.terms: Chinese with its terms marked
    renderings: Callable  # SentenceMarkup.renderings: English with its renderings marked
    #: The slugs of the terms whose marks terms and renderings have written so far.
    linked_terms: Callable[[], Collection[str]]

    @property
    def meta(self):
        return self.entry.meta.meta

    @property
    def report(self) -> Report:
        return self.entry.report


@dataclasses.dataclass(frozen=True)
class BookTerm:
    entry: Entry
    id: str
    #: (year, [(id in the book, pinpoint)]) for every paragraph it occurs in.
    places: list[tuple[int, list[tuple[str, str]]]]


#: The edition's name in a book's title and publisher, in Simplified and as
#: OpenCC writes it in Traditional: an export recognises its earlier books by it.
EDITION = "注释双语版"
EDITION_NAMES = (EDITION, "註釋雙語版")


def planned(project, out: str, year: int | None, script: str, kind: str,
            ours: Callable[[pathlib.Path], bool], force: bool) -> tuple[object, list[tuple[pathlib.Path, int | None]]]:
    """The loaded project, and the books an export to ``out`` writes: (path,
    year, or None for the whole edition). A folder ``out`` (existing, or
    ending in /) gets the files under their own names (links.book_name): with
    no year, the edition and one book per report. Errors in the project, or
    an unknown year, stop the export before anything is written."""
    loaded = project.load()
    if loaded.diagnostics.errors:
        raise GeneratorError(loaded.diagnostics.errors)
    if year is not None:
        project.report(year, loaded)  # an unknown year is an error naming the years there are
    if not (out.endswith(("/", os.sep)) or os.path.isdir(out)):
        wanted = [(pathlib.Path(out), year)]
    else:
        years = [year] if year is not None else [None, *(r.report.year for r in loaded.reports)]
        wanted = [(pathlib.Path(out) / book_name(y, script, kind), y) for y in years]
    for path, _ in wanted:  # every book checked before any is written
        claim(path, ours, {"epub": "an EPUB", "pdf": "a PDF"}[kind], force)
    return loaded, wanted


def chosen_reports(loaded, year: int | None) -> list:
    """The reports of the book: all of them, newest first, or the one of ``year``
    (Project.report has already said which years there are)."""
    return [r for r in loaded.reports if year is None or r.report.year == year]


@dataclasses.dataclass(frozen=True)
class Book:
    """What a book holds, whatever it is written as (book.html for the PDF, epub.py)."""

    title: str
    lang: str  # the BCP 47 tag of its Chinese: zh-Hans, zh-Hant
    script: str
    t: Callable[[str], str]  # Simplified → the book's script
    reports: list[BookReport]
    glossary: list[BookTerm]

    @property
    def stale(self) -> bool:
        """Whether any of its English was translated before the Chinese last changed."""
        return any(r.translation.stale for r in self.reports)


def make_book(loaded, chosen: list, script: str, link: Callable[[str], str],
              ref: Callable[[int], Callable[[str], str]], term_markup: Markup = Markup("")) -> Book:
    """The book of the reports ``chosen`` in ``script``. ``link(slug)`` is
    where a glossary term's mark points; ``ref(year)`` gives a report's
    anchor → its id or address in the book; ``term_markup`` is added to each
    term's link (the EPUB's ``epub:type="noteref"``)."""
    t = script_text(loaded, script)
    years = {entry.report.year for entry in chosen}
    # Terms are linked to their entry in the book, not to the site's term pages.
    found = {slug: [o for o in found if o.year in years] for slug, found in by_slug(loaded.occurrences).items()}
    found = {slug: places for slug, places in found.items() if places}
    targets = {term_uri(slug, script): link(slug) for slug in found}

    reports, refs, labels = [], {}, {}
    for entry in chosen:
        year, report = entry.report.year, entry.report
        sentences = SentenceMarkup(loaded.glossary.by_slug, lambda target, anchor=None: targets[target], t, script,
                                   term_markup)
        rows = report_rows(loaded.inputs(entry), script)
        refs[year], labels[year] = ref(year), citation.labels(report)
        reports.append(BookReport(
            entry=entry, translation=loaded.translations[year], top=f"report-{year}",
            toc=toc_tokens(report, t, rows.names), ref=refs[year], rows=rows,
            terms=sentences.terms, renderings=sentences.renderings, linked_terms=sentences.titles.keys))

    glossary = []
    for item in loaded.glossary.entries:
        occurrences = found.get(item.entry.slug)
        if not occurrences:
            continue
        places: dict[int, dict[str, str]] = {}
        for o in occurrences:  # in document order; each paragraph once
            places.setdefault(o.year, {}).setdefault(refs[o.year](o.paragraph_id), t(labels[o.year][o.paragraph_id].zh))
        ordered = [(year, list(places[year].items())) for year in sorted(places, reverse=True)]
        glossary.append(BookTerm(item.entry, glossary_id(item.entry.slug), ordered))

    if len(chosen) == 1:
        title = f"{t(chosen[0].meta.meta.title)} · {t(EDITION)}"
    else:
        title = f"{t('政府工作报告')} · {t(EDITION)}"
    return Book(title=title, lang=SCRIPTS[script][0], script=script, t=t, reports=reports, glossary=glossary)


def book_html(loaded, chosen: list, script: str = "hans") -> str:
    """The whole book as one HTML document, its style sheet inline (Chromium reads it from a file)."""
    def ref(year: int) -> Callable[[str], str]:
        return (lambda anchor: anchor) if len(chosen) == 1 else (lambda anchor: f"{year}-{anchor}")

    book = make_book(loaded, chosen, script, lambda slug: f"#{glossary_id(slug)}", ref)
    several = len(chosen) > 1
    return for_print(env.get_template("book.html").render(
        lang=book.lang, script=script, t=book.t, converter=loaded.converter, title=book.title,
        running_head=css_string(book.title), css=style_sheet(asset("assets/book.css")),
        reports=book.reports, glossary=book.glossary, english_date=english_date, stale=book.stale,
        PENDING_MARK=PENDING_MARK, several=several,
        running_heads={r.report.year: css_string(f"{book.t(r.meta.title)} · {book.t(EDITION)}") for r in book.reports},
    ))


#: A span that says its language and has no role of its own.
_SPAN_WITH_LANGUAGE = re.compile(r'<span(?![^>]*\brole=)(?=[^>]*\blang=")')


def for_print(html: str) -> str:
    """The book's HTML with what Chromium needs to carry its anchors and
    languages into the PDF:

    * every id linked from an element that is not displayed: Chromium makes
      a named destination (gwr-2024.pdf#sec_3__item_1__para_2__sent_1) only
      for an id something in the document links to; a link that is not
      displayed counts, yet draws nothing and makes no link annotation;
    * every span that says its language given role="generic", the role a
      span has anyway: Chromium's accessibility tree, which the tagged PDF
      is made from, leaves out a span without a role of its own, and its
      language with it, so the English in a heading, a label or the contents
      would be tagged as Chinese."""
    linked = set(re.findall(r' href="#([^"]+)"', html))
    unlinked = dict.fromkeys(name for name in re.findall(r' id="([^"]+)"', html) if name not in linked)
    anchors = "".join(f'<a href="#{name}"></a>' for name in unlinked)
    html = _SPAN_WITH_LANGUAGE.sub('<span role="generic"', html)
    return html.replace("</body>", f"<div hidden>{anchors}</div>\n</body>", 1)
