"""The rows of a report page in HTML: how each row of :mod:`rows` looks on the site.

Written in Python rather than as Jinja macros, as :class:`SentenceMarkup`
is: a report page has a few hundred rows and each row a dozen pieces, and
Jinja's cost per call made the rows most of the time of a report page (2.5 s
of a 30-report build). ``report.html`` lays out the parts and tasks and calls
:meth:`Rows.paragraph`, :meth:`Rows.task` and :meth:`Rows.part` for the rows;
every piece is an :class:`markup.Html` fragment, so every value is escaped.

What a row shows, and why:

* ``data-pin``: the pinpoint, which print.css sets in the margin, so a printed
  page can be cited;
* ¶ (``gwr-pilcrow``): the paragraph's link, titled with its pinpoint; with
  JavaScript it opens the cite tool. Row controls show on hover of their row
  and on keyboard focus (gwr.css); search leaves them out;
* ⚑ (``gwr-problem``): opens a new issue on the repository, prefilled with
  the block (gwr.js adds its words); ✎ (``gwr-edit-en``): the English unit's
  line in YYYY.en.yml (the file, for a pending unit). Both are absent without
  a repository;
* the English beside the Chinese, its lead in bold, a task's title a heading;
  pending, a visible notice; stale, a title saying so. The English headings
  carry no id: the anchors are the Chinese headings', and their ¶ links point
  there; gwr.js shows the row in the English view. Side by side (as the page
  is written) they are no headings to assistive technology (``role="none"``),
  so the outline holds each part and task once, by its Chinese heading, whose
  ¶ is named in both languages; gwr.js makes them headings in the English view;
* a dated note for each correction the anchor registry records;
* where the paragraph's words stand in the reports it is compared with, and
  the compare page's row for the two (:func:`compare_page.counterparts`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from markupsafe import Markup

from generator.links import report_uri
from generator.writers.markup import Html, join
from generator.writers.rows import (
    NOT_IN_EXCERPT,
    NOT_IN_EXCERPT_EN,
    NUMBER_SUPPLIED,
    PENDING_NOTICE,
    STALE_TITLE,
    Part,
    Row,
    Task,
    pending_heading,
)
from generator.writers.site.sentence_markup import SentenceMarkup

_PILCROW = Html('<a class="gwr-pilcrow gwr-action" href="#{anchor}" title="{zh} · {en} — {cite} · Cite this '
                'paragraph" aria-label="{cite} {zh} · Cite {en}" data-search-exclude>¶</a>')
_PROBLEM = Html('<a class="gwr-problem gwr-action" href="{href}" target="_blank" rel="noopener" title="{report} · '
                'Report a problem" aria-label="{here} · Report a problem here (GitHub, new tab)" '
                'data-search-exclude>⚑</a>')
_EDIT = Html('<a class="gwr-edit-en gwr-action" href="{href}" target="_blank" rel="noopener" title="{verb} this '
             'English on GitHub" aria-label="{verb} this English on GitHub (new tab)" data-search-exclude>✎</a>')
_STALE = Html(' title="{title}"')(title=STALE_TITLE)
_STALE_CLASS = Html(' class="gwr-stale"')()

#: A row opens with its pinpoint (print.css sets it in the margin) and the retired anchors that name it.
_PARAGRAPH = Html('<div class="gwr-row" id="{anchor}" data-line="{line}" data-pin="{zh}" data-pin-en="{en}">'
                  '{aliases}\n<p class="gwr-zh" lang="{lang}">{chinese}{pilcrow}{problem}</p>\n{english}\n{notes}\n'
                  '{lineage}\n</div>')
_PENDING = Html('<p class="gwr-en gwr-pending" lang="en">{notice}{edit}</p>')
_ENGLISH = Html('<p class="gwr-en{classes}" lang="en"{title}>{words}{pilcrow}{edit}</p>')
_ENGLISH_LEAD = Html('<p class="gwr-en{classes}" lang="en"{title}><strong class="gwr-lead">{head}</strong>{space}{rest}'
                     '{pilcrow}{edit}</p>')

_TASK = Html('<div class="gwr-row gwr-item-row" id="{paragraph}" data-line="{line}" data-pin="{zh}" '
             'data-pin-en="{en}">{paragraph_aliases}\n<div class="gwr-zh" lang="{lang}">\n<h3 class="gwr-item" '
             'id="{anchor}">{aliases}{number}{title}<a class="headerlink" href="#{anchor}" aria-label="{link}">¶</a>'
             '{actions}</h3>\n{rest}</div>\n{english}\n{notes}\n{lineage}\n</div>')
_TASK_REST = Html('<p>{chinese}{pilcrow}{problem}</p>\n')
_NUMBER = Html('<span class="gwr-restored" title="{title}">{number}</span>')
_TASK_ENGLISH = Html('<div class="gwr-en" lang="en"{title}>\n{heading}{rest}</div>')
_EN_TITLE = Html('<h3 class="gwr-en-title{classes}" role="none">{words}<a class="headerlink" href="#{anchor}" '
                 'aria-label="Link to this task">¶</a>{tail}</h3>\n')
_EN_TITLE_PENDING = Html('<p class="gwr-pending">{notice}{edit}</p>\n')
_EN_TITLE_REST = Html('<p{classes}>{words}{pilcrow}{edit}</p>\n')

_PART = Html('<div class="gwr-row gwr-section-row">\n<h2 class="gwr-section gwr-zh" id="{anchor}" lang="{lang}">'
             '{aliases}{words}<a class="headerlink" href="#{anchor}" aria-label="{link}">¶</a>{problem}</h2>\n'
             '<h2 class="gwr-en gwr-en-heading{classes}" lang="en" role="none"{title}>{english}<a class="headerlink" '
             'href="#{anchor}" aria-label="Link to this part">¶</a>{edit}</h2>\n</div>')
_PART_RESTORED = Html('<div class="gwr-row gwr-section-row">\n<h2 class="gwr-section gwr-zh gwr-restored-heading" '
                      'id="{anchor}" lang="{lang}" title="{title}">{aliases}{words}<a class="headerlink" '
                      'href="#{anchor}" aria-label="{link}">¶</a></h2>\n<h2 class="gwr-en gwr-en-heading '
                      'gwr-restored-heading" lang="en" role="none" title="{title_en}">{english}<a class="headerlink" '
                      'href="#{anchor}" aria-label="Link to this part">¶</a></h2>\n</div>')

_NOTE = Html('<p class="gwr-amended" data-anchor="{anchor}"><span lang="{lang}">{corrected} {date}</span> · '
             '<span lang="en">corrected on {date}</span>: {reason}{where}</p>\n')
_NOTE_WHERE = Html(' (<a href="#{anchor}">{where}</a>)')
_LINEAGE = Html('<p class="gwr-lineage"><span class="gwr-sr">{counterparts} · Counterparts in other years:</span>'
                '{items}</p>\n')
_COUNTERPART = Html('<span class="gwr-lineage-item"><a href="{href}"><span class="gwr-label-zh" lang="{lang}">'
                    '{year}：{zh}</span><span class="gwr-lineage-en" lang="en">{year}: {en}</span></a>{same} '
                    '<a class="gwr-lineage-cmp" href="{compare}"><span class="gwr-label-zh" lang="{lang}">'
                    '{compare_zh}</span><span class="gwr-lineage-en" lang="en">compare</span><span class="gwr-sr"> '
                    '{year}</span></a></span>')
_SAME = Html('<span class="gwr-lineage-same"> <span class="gwr-label-zh" lang="{lang}">{same}</span>'
             '<span class="gwr-lineage-en" lang="en">same</span></span>')


@dataclasses.dataclass
class Rows:
    sentences: SentenceMarkup
    english_source: Callable[[str], str | None]  # anchor → where its English is edited
    report_problem: Callable[[str], str | None]  # anchor → a new issue about it
    link: Callable
    lang: str
    script: str
    t: Callable[[str], str]

    def __post_init__(self) -> None:
        # The pieces with what is the same all through the page filled in once.
        lang, t = self.lang, self.t
        self._pilcrow = _PILCROW.fixed(cite=t("引用本段"))
        self._problem = _PROBLEM.fixed(report=t("报告问题"), here=t("报告此处的问题"))
        # A heading's ¶ is named in both languages: side by side, the English heading's is hidden (gwr.css).
        task_link, part_link = t("本项链接") + " · Link to this task", t("本部分链接") + " · Link to this part"
        self._paragraph, self._task = _PARAGRAPH.fixed(lang=lang), _TASK.fixed(lang=lang, link=task_link)
        self._part = _PART.fixed(lang=lang, link=part_link)
        self._part_restored = _PART_RESTORED.fixed(lang=lang, link=part_link, title=NOT_IN_EXCERPT,
                                                   title_en=NOT_IN_EXCERPT_EN)
        self._note = _NOTE.fixed(lang=lang, corrected=t("更正于"))
        self._lineage = _LINEAGE.fixed(counterparts=t("其他年份的对应段落"))
        self._counterpart = _COUNTERPART.fixed(lang=lang, compare_zh=t("对比"))
        self._same = _SAME(lang=lang, same=t("相同"))

    # --- the pieces ------------------------------------------------------------------

    def pilcrow(self, row: Row) -> Markup:
        return self._pilcrow(anchor=row.anchor, zh=row.pinpoint.zh, en=row.pinpoint.en)

    def problem(self, anchor: str) -> Markup | str:
        href = self.report_problem(anchor)
        return self._problem(href=href) if href else ""

    def edit_english(self, anchor: str, pending: bool) -> Markup | str:
        source = self.english_source(anchor)
        return _EDIT(href=source, verb="Translate" if pending else "Improve") if source else ""

    def english(self, row: Row, pilcrow: Markup, edit: Markup | str) -> Markup:
        """A paragraph's English, its lead in bold; or a visible notice that it is pending."""
        english, units = row.english, self.sentences.english
        if english.pending:
            return _PENDING(notice=PENDING_NOTICE, edit=edit)
        classes, title = (" gwr-stale", _STALE) if english.stale else ("", "")
        if not english.headed:
            return _ENGLISH(classes=classes, title=title, words=units(english.sentences), pilcrow=pilcrow, edit=edit)
        rest = english.tail
        return _ENGLISH_LEAD(classes=classes, title=title, head=units(english.sentences[:1]),
                             space=" " if rest else "", rest=units(rest) if rest else "", pilcrow=pilcrow, edit=edit)

    def english_title(self, task: Task, row: Row, pilcrow: Markup, edit: Markup | str) -> Markup:
        """A task's first paragraph in English: its title a heading, as in the
        Chinese beside it. Pending, or with no title of its own, the task's name stands in."""
        english, units = row.english, self.sentences.english
        head, rest, stale = english.headed and not english.pending, english.tail, english.stale
        if head:
            heading = _EN_TITLE(classes=" gwr-stale" if stale and not rest else "", words=units(english.sentences[:1]),
                                anchor=task.anchor, tail="" if rest else join((pilcrow, edit)))
        else:
            heading = _EN_TITLE(classes=" gwr-restored-heading", words=task.name, anchor=task.anchor, tail="")
        after: Markup | str
        if english.pending:
            after = _EN_TITLE_PENDING(notice=PENDING_NOTICE, edit=edit)
        elif rest:
            after = _EN_TITLE_REST(classes=_STALE_CLASS if stale else "", words=units(rest), pilcrow=pilcrow,
                                   edit=edit)
        else:
            after = ""
        return _TASK_ENGLISH(title=_STALE if stale else "", heading=heading, rest=after)

    def notes(self, row: Row) -> Markup | str:
        """A dated note for each correction the anchor registry records in the
        paragraph (and its task's title)."""
        return join(self._note(anchor=n.anchor, date=n.date, reason=n.reason,
                               where=_NOTE_WHERE(anchor=n.anchor, where=n.where) if n.where is not None else "")
                    for n in row.notes) if row.notes else ""

    def lineage(self, row: Row) -> Markup | str:
        """Where this paragraph's words stand in other years; the pinpoint
        shows in the page's language: Chinese, or English in the 英 view."""
        if not row.counterparts:
            return ""
        items = join(self._counterpart(
            href=self.link(report_uri(c.year, self.script), c.anchor), year=c.year, zh=self.t(c.label.zh),
            en=c.label.en, same=self._same if c.change == "same" else "", compare=self.link(c.page, c.row))
            for c in row.counterparts)
        return self._lineage(items=items)

    # --- the rows --------------------------------------------------------------------

    def paragraph(self, row: Row) -> Markup:
        pilcrow, edit = self.pilcrow(row), self.edit_english(row.anchor, row.english.pending)
        return self._paragraph(anchor=row.anchor, line=row.line, zh=row.pinpoint.zh, en=row.pinpoint.en,
                               aliases=self.sentences.alias_marks(row.anchor, row.aliases),
                               chinese=join([self.sentences.sentence(s) for s in row.chinese]), pilcrow=pilcrow,
                               problem=self.problem(row.anchor), english=self.english(row, pilcrow, edit),
                               notes=self.notes(row), lineage=self.lineage(row))

    def task(self, task: Task) -> Markup:
        """A task's first paragraph: its title sentence is the task's heading."""
        row = task.rows[0]
        sentence = self.sentences.sentence
        pilcrow, edit = self.pilcrow(row), self.edit_english(row.anchor, row.english.pending)
        problem = self.problem(row.anchor)
        more = len(row.chinese) > 1  # the title's sentence, then the rest of the paragraph
        return self._task(
            paragraph=row.anchor, line=row.line, zh=row.pinpoint.zh, en=row.pinpoint.en,
            paragraph_aliases=self.sentences.alias_marks(row.anchor, row.aliases), anchor=task.anchor,
            aliases=self.sentences.alias_marks(task.anchor, task.aliases),
            number=_NUMBER(title=NUMBER_SUPPLIED, number=task.number) if task.number else "",
            title=sentence(row.chinese[0]), actions="" if more else join((pilcrow, problem)),
            rest=_TASK_REST(chinese=join([sentence(s) for s in row.chinese[1:]]), pilcrow=pilcrow, problem=problem)
            if more else "",
            english=self.english_title(task, row, pilcrow, edit), notes=self.notes(row), lineage=self.lineage(row))

    def part(self, part: Part) -> Markup:
        """A part's heading in Chinese and English, or what the editors supply where an excerpt lacks it."""
        row = part.heading
        aliases = self.sentences.alias_marks(row.anchor, row.aliases)
        if part.restored:
            return self._part_restored(anchor=row.anchor, aliases=aliases, words=part.restored, english=part.name)
        english = row.english
        assert english is not None, "only a heading the excerpt lacks (part.restored) has no English"
        return self._part(anchor=row.anchor, aliases=aliases, words=self.sentences.terms(row.chinese[0].words),
                          problem=self.problem(row.anchor),
                          classes=" gwr-stale" if english.stale else " gwr-pending" if english.pending else "",
                          title=_STALE if english.stale else "",
                          english=pending_heading(part.name) if english.pending else
                          self.sentences.english(english.sentences),
                          edit=self.edit_english(row.anchor, english.pending))
