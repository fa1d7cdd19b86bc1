"""The English edition: each report in this edition's English at an address
of its own (``en/2024/``), and a home page for English readers (``en/``).

Why pages, not only a view: a reader who shares a link, a search engine and
``hreflang`` all need an English page to be an address. The Chinese pages keep
their views (中 / 英 / 中英); this page is the English alone, drawn as it is
from the first paint (no view switched after load, so no layout shift),
``<html lang="en">`` and the theme's chrome in English (``page.meta.gwr_lang``,
read by ``theme/partials/language.html``).

The anchors are the Chinese page's, every one: parts, tasks, paragraphs, and
the sentences, each on the English that answers it (where one English
sentence answers a run of Chinese ones, all of the run's anchors land on it),
and the retired anchors. A link made on one page works on the others; the language
switch keeps the anchor (``a[data-keep-anchor]``, gwr.js).

What the page shows is the rows of :func:`rows.report_rows`, as every writer
of a report reads them; :class:`EnglishRows` says how a row looks here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from markupsafe import Markup

from generator.links import ENGLISH_HOME, english_term_uri, english_uri, linker, report_uri
from generator.project.loaded import ReportInputs
from generator.text import reference_formats
from generator.writers.markup import Html, contents_name, join
from generator.writers.page import Page, TocToken
from generator.writers.rows import (
    NOT_IN_EXCERPT_EN,
    PENDING_NOTICE,
    STALE_TITLE,
    English,
    EnglishWords,
    Part,
    ReportRows,
    Row,
    Task,
    pending_heading,
    report_rows,
)
from generator.writers.site.report_page import cite_data
from generator.writers.site.sentence_markup import SentenceMarkup
from generator.writers.templating import english_date, env

_PILCROW = Html('<a class="gwr-pilcrow gwr-action" href="#{anchor}" title="{pin} — link to this paragraph" '
                'aria-label="Link to {pin}" data-search-exclude>¶</a>')
_EDIT = Html('<a class="gwr-edit-en gwr-action" href="{href}" target="_blank" rel="noopener" title="{verb} this '
             'English on GitHub" aria-label="{verb} this English on GitHub (new tab)" data-search-exclude>✎</a>')
#: Each sentence's anchor (and each retired one) lands on its paragraph.
_SENTENCE_ANCHOR = Html('<span class="gwr-anchor" id="{id}"></span>')
_PARAGRAPH = Html('<div class="gwr-row" id="{anchor}" data-pin-en="{pin}">{anchors}{english}{lineage}</div>')
#: A row's English: a paragraph's, or what follows a task's title.
_ENGLISH = Html('<p class="gwr-en{classes}"{title}>{words}{pilcrow}{edit}</p>\n')
_LEAD = Html('<strong class="gwr-lead">{head}</strong>{space}{rest}')
_TASK = Html('<div class="gwr-row gwr-item-row" id="{paragraph}" data-pin-en="{pin}">{anchors}'
             '<h3 class="gwr-item" id="{anchor}">{task_aliases}{title}<a class="headerlink" href="#{anchor}" '
             'aria-label="Link to this task">¶</a></h3>\n{rest}{lineage}</div>')
_PART = Html('<div class="gwr-row gwr-section-row">\n<h2 class="gwr-section{classes}" id="{anchor}"{title}>{aliases}'
             '{words}<a class="headerlink" href="#{anchor}" aria-label="Link to this part">¶</a>{edit}</h2>\n</div>')
_LINEAGE = Html('<p class="gwr-lineage"><span class="gwr-sr">Counterparts in other years:</span>{items}</p>\n')
_COUNTERPART = Html('<span class="gwr-lineage-item"><a href="{href}">{year}: {label}</a>{same} '
                    '<a class="gwr-lineage-cmp" href="{compare}">compare<span class="gwr-sr"> {year}</span></a></span>')
_STALE = Html(' title="{title}"')(title=STALE_TITLE)


@dataclasses.dataclass
class EnglishRows:
    """How each row of a report looks on its English page."""

    sentences: SentenceMarkup
    english_source: Callable[[str], str | None]  # anchor → where its English is edited
    link: Callable

    def anchors(self, row: Row) -> Markup:
        """The row's retired anchors; while its English is pending, its
        sentences' anchors and theirs too (else its units carry them)."""
        marks = [self.sentences.alias_marks(row.anchor, row.aliases)]
        if row.english.pending:
            for sentence in row.chinese:
                marks.append(_SENTENCE_ANCHOR(id=sentence.id))
                marks.append(self.sentences.alias_marks(sentence.id, sentence.aliases))
        return join(marks)

    def edit(self, anchor: str, english: English) -> Markup | str:
        source = self.english_source(anchor)
        return _EDIT(href=source, verb="Translate" if english.pending else "Improve") if source else ""

    def units(self, row: Row, sentences: tuple[EnglishWords, ...]) -> Markup:
        """Units of the row's English, each with the anchors of the Chinese sentences it answers."""
        return self.sentences.english(sentences, anchored=True, aliases={s.id: s.aliases for s in row.chinese})

    def words(self, row: Row, skip_head: bool = False) -> Markup | str:
        english = row.english
        if english.pending:
            return PENDING_NOTICE
        if skip_head:
            return self.units(row, english.tail)
        if not english.headed:
            return self.units(row, english.sentences)
        rest = self.units(row, english.tail) if english.tail else ""
        return _LEAD(head=self.units(row, english.sentences[:1]), space=" " if rest else "", rest=rest)

    def lineage(self, row: Row) -> Markup | str:
        if not row.counterparts:
            return ""
        return _LINEAGE(items=join(_COUNTERPART(
            href=self.link(english_uri(c.year), c.anchor), year=c.year, label=c.label.en,
            same=" (same)" if c.change == "same" else "", compare=self.link(c.page, c.row))
            for c in row.counterparts))

    @staticmethod
    def _status(english: English) -> dict:
        return {"classes": " gwr-stale" if english.stale else " gwr-pending" if english.pending else "",
                "title": _STALE if english.stale else ""}

    def english(self, row: Row, skip_head: bool = False) -> Markup:
        """The row's English, its ¶ and its edit link, marked stale or pending where it is."""
        return _ENGLISH(words=self.words(row, skip_head), pilcrow=_PILCROW(anchor=row.anchor, pin=row.pinpoint.en),
                        edit=self.edit(row.anchor, row.english), **self._status(row.english))

    def paragraph(self, row: Row) -> Markup:
        return _PARAGRAPH(anchor=row.anchor, pin=row.pinpoint.en, anchors=self.anchors(row), english=self.english(row),
                          lineage=self.lineage(row))

    def task(self, task: Task) -> Markup:
        """A task's first paragraph: its English title is the task's heading
        (its name, where the English has none or is pending)."""
        row = task.rows[0]
        english = row.english
        headed = english.headed and not english.pending
        title = self.units(row, english.sentences[:1]) if headed else task.name
        more = english.pending or not headed or english.tail
        rest = self.english(row, skip_head=headed) if more else ""
        return _TASK(paragraph=row.anchor, pin=row.pinpoint.en, anchors=self.anchors(row), anchor=task.anchor,
                     task_aliases=self.sentences.alias_marks(task.anchor, task.aliases), title=title, rest=rest,
                     lineage=self.lineage(row))

    def part(self, part: Part) -> Markup:
        row = part.heading
        aliases = self.sentences.alias_marks(row.anchor, row.aliases)
        english = row.english
        if part.restored or english is None:
            return _PART(anchor=row.anchor, aliases=aliases, words=part.name, edit="", classes=" gwr-restored-heading",
                         title=Html(' title="{t}"')(t=NOT_IN_EXCERPT_EN))
        # Not anchored: the heading holds the part's anchor.
        words = pending_heading(part.name) if english.pending else self.sentences.english(english.sentences)
        return _PART(anchor=row.anchor, aliases=aliases, words=words, edit=self.edit(row.anchor, english),
                     **self._status(english))


def english_toc(text: ReportRows) -> list[TocToken]:
    """Parts → tasks, by their English names, as MkDocs TOC tokens."""
    def token(level: int, anchor: str, name: str, children: list[TocToken] | None = None) -> TocToken:
        return {"level": level, "id": anchor, "name": contents_name(name), "children": children or []}

    tokens = []
    if text.intro:
        tokens.append(token(2, text.intro[0].anchor, "Opening"))
    for part in text.parts:
        tasks = [token(3, task.anchor, task.name) for task in part.tasks]
        tokens.append(token(2, part.heading.anchor, part.name, tasks))
    if text.closing:
        tokens.append(token(2, text.closing[0].anchor, "Closing"))
    return tokens


def render_english_report(inputs: ReportInputs, links, counterparts: dict | None, alternates: list[dict],
                          english_source: Callable[[str], str | None]) -> Page:
    """The report's English page, with each glossary tooltip a placeholder
    for :func:`sentence_markup.fill_tooltips`, as the Chinese page's."""
    entry, report = inputs.entry, inputs.report
    meta = entry.meta.meta
    here = english_uri(report.year)
    link = linker(links, here)
    text = report_rows(inputs, "hans", counterparts)
    sentences = SentenceMarkup(None, link, lambda words: words, "hans", deferred=True, term_page=english_term_uri)
    html = env.get_template("report_en.html").render(
        report=report, meta=meta, text=text, rows=EnglishRows(sentences, english_source, link), link=link,
        english_date=english_date, downloads=links.downloads, chinese=link(report_uri(report.year)),
        cite_data=cite_data(inputs, lambda words: words, "hans", links, here=here),
        traditional=link(report_uri(report.year, "hant")))
    # A reference manager saves from this page the report in this edition's
    # English translation: the State Council its author, the edition its translator.
    meta_out = {"hide": ["navigation"], "alternates": alternates, "gwr_lang": "en",
                "citation": reference_formats.page_tags(reference_formats.work(meta), lambda words: words, "en")}
    return Page(here, meta.title_en, html, english_toc(text), meta_out,
                in_nav=False)


def render_english_home(loaded, links) -> Page:
    """The English readers' way in: the reports by their English titles, what
    the edition holds of each, and where to read on."""
    html = env.get_template("home_en.html").render(reports=loaded.reports, glossary=loaded.glossary,
                                                   link=linker(links, ENGLISH_HOME), downloads=links.downloads,
                                                   english_date=english_date)
    return Page(ENGLISH_HOME, "English edition", html, [], {"gwr_lang": "en"}, in_nav=False)
