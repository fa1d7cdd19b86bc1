"""The rows of a report page: each paragraph in Chinese and English, with
its pinpoint, its links for readers and contributors, its corrections and its
counterparts in other years.

Written in Python rather than as Jinja macros, as :class:`report_page.SentenceMarkup`
is: a report page has a few hundred rows and each row a dozen calls, and
Jinja's cost per call made the rows most of the time of a report page (2.5 s
of a 30-report build). ``report.html`` lays out the parts and tasks and calls
:meth:`Rows.paragraph` and :meth:`Rows.item_paragraph` for the rows. Every
value is escaped as Jinja's autoescape would (``markupsafe.escape``).

What a row holds, and why:

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
  there; gwr.js shows the row in the English view;
* a dated note for each correction the anchor registry records;
* where the paragraph's words stand in the reports it is compared with, and
  the compare page's row for the two (:func:`compare_page.counterparts`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from generator.sources.grammar import chinese_number
from generator.links import report_uri
from generator.model import Item, Paragraph, Section

if TYPE_CHECKING:
    from generator.writers.site.sentence_markup import SentenceMarkup
    from generator.sources.translation import Translation

#: What a reader sees of a unit not yet translated, and the title of one translated before the Chinese changed.
PENDING = "[Translation pending: this paragraph has not been translated yet.]"
STALE = "The Chinese changed after this was translated; the English may be out of date."
_STALE = f' title="{STALE}"'


@dataclasses.dataclass
class Rows:
    sentences: SentenceMarkup
    translation: Translation  # each unit's status
    label: Callable[[str], tuple[str, str]]  # anchor → (Chinese pinpoint in the page's script, English)
    english_label: Callable[[str], str]  # anchor → the English name of a part or task
    english_source: Callable[[str], str | None]  # anchor → where its English is edited
    report_problem: Callable[[str], str | None]  # anchor → a new issue about it
    amendments: dict
    counterparts: dict
    link: Callable
    lang: str
    script: str
    t: Callable[[str], str]

    # --- the pieces ------------------------------------------------------------------

    def pilcrow(self, anchor: str) -> str:
        zh, en = map(escape, self.label(anchor))
        cite = escape(self.t("引用本段"))
        return (f'<a class="gwr-pilcrow gwr-action" href="#{escape(anchor)}" title="{zh} · {en} — {cite} · Cite this '
                f'paragraph" aria-label="{cite} {zh} · Cite {en}" data-search-exclude>¶</a>')

    def pinpoint(self, anchor: str) -> str:
        zh, en = map(escape, self.label(anchor))
        return f' data-pin="{zh}" data-pin-en="{en}"'

    def problem(self, anchor: str) -> Markup:
        """⚑ for a part's heading (report.html)."""
        return Markup(self._problem(anchor))

    def _problem(self, anchor: str) -> str:
        # Plain str, as every piece here: str + Markup would escape the str.
        href = self.report_problem(anchor)
        if not href:
            return ""
        return (f'<a class="gwr-problem gwr-action" href="{escape(href)}" target="_blank" rel="noopener" '
                f'title="{escape(self.t("报告问题"))} · Report a problem" aria-label="'
                f'{escape(self.t("报告此处的问题"))} · Report a problem here (GitHub, new tab)" data-search-exclude>⚑</a>')

    def actions(self, p: Paragraph) -> str:
        return self.pilcrow(p.id) + self._problem(p.id)

    def edit_english(self, anchor: str, status: str) -> str:
        source = self.english_source(anchor)
        if not source:
            return ""
        verb = "Translate" if status == "missing" else "Improve"
        return (f'<a class="gwr-edit-en gwr-action" href="{escape(source)}" target="_blank" rel="noopener" '
                f'title="{verb} this English on GitHub" aria-label="{verb} this English on GitHub (new tab)" '
                f'data-search-exclude>✎</a>')

    def english(self, anchor: str) -> str:
        """A paragraph's English, its lead in bold; or a visible notice that it is pending."""
        status = self.translation.status(anchor)
        if status == "missing":
            return f'<p class="gwr-en gwr-pending" lang="en">{PENDING}{self.edit_english(anchor, status)}</p>'
        text = self.sentences.english
        head, rest = text(anchor, "head"), text(anchor, "rest")
        stale = status == "stale"
        shown = (f'<strong class="gwr-lead">{escape(head)}</strong>' + (f" {escape(rest)}" if rest else "")
                 if head else escape(text(anchor)))
        return (f'<p class="gwr-en{" gwr-stale" if stale else ""}" lang="en"{_STALE if stale else ""}>{shown}'
                f'{self.pilcrow(anchor)}{self.edit_english(anchor, status)}</p>')

    def english_heading(self, section: Section) -> Markup:
        """A part's heading in English, at the level of the Chinese one."""
        status = self.translation.status(section.id)
        extra = " gwr-stale" if status == "stale" else " gwr-pending" if status == "missing" else ""
        text = (f"{escape(self.english_label(section.id))} [translation pending]" if status == "missing"
                else escape(self.sentences.english(section.id)))
        return Markup(f'<h2 class="gwr-en gwr-en-heading{extra}" lang="en"{_STALE if status == "stale" else ""}>'
                      f'{text}<a class="headerlink" href="#{escape(section.id)}" aria-label="Link to this part">¶</a>'
                      f'{self.edit_english(section.id, status)}</h2>')

    def english_title(self, item: Item, p: Paragraph) -> str:
        """A task's first paragraph in English: its title a heading, as in the
        Chinese beside it. Pending, or with no title of its own, the pinpoint stands in."""
        status = self.translation.status(p.id)
        present = status != "missing"
        text = self.sentences.english
        head, rest = (text(p.id, "head"), text(p.id, "rest")) if present else (None, None)
        stale = status == "stale"
        link = f'<a class="headerlink" href="#{escape(item.id)}" aria-label="Link to this task">¶</a>'
        out = [f'<div class="gwr-en" lang="en"{_STALE if stale else ""}>\n']
        if head:
            tail = "" if rest else self.pilcrow(p.id) + self.edit_english(p.id, status)
            out.append(f'<h3 class="gwr-en-title{" gwr-stale" if stale and not rest else ""}">{escape(head)}{link}'
                       f'{tail}</h3>\n')
        else:
            out.append(f'<h3 class="gwr-en-title gwr-restored-heading">{escape(self.english_label(item.id))}{link}</h3>\n')
        if not present:
            out.append(f'<p class="gwr-pending">{PENDING}{self.edit_english(p.id, status)}</p>\n')
        elif rest or not head:
            marked = ' class="gwr-stale"' if stale else ""
            out.append(f'<p{marked}>{escape(rest or text(p.id))}{self.pilcrow(p.id)}'
                       f'{self.edit_english(p.id, status)}</p>\n')
        out.append("</div>")
        return "".join(out)

    def amended(self, p: Paragraph, also: tuple[str, ...] = ()) -> str:
        """A dated note for each correction the anchor registry records in this
        paragraph (and its task's title)."""
        out = []
        for anchor in (*also, p.id, *(s.id for s in p.sentences)):
            for a in self.amendments.get(anchor, ()):
                where = f' (<a href="#{escape(anchor)}">{escape(self.label(anchor)[0])}</a>)' if anchor != p.id else ""
                out.append(f'<p class="gwr-amended" data-anchor="{escape(anchor)}"><span lang="{escape(self.lang)}">'
                           f'{escape(self.t("更正于"))} {escape(a.date)}</span> · <span lang="en">corrected on '
                           f'{escape(a.date)}</span>: {escape(a.reason)}{where}</p>\n')
        return "".join(out)

    def lineage(self, p: Paragraph) -> str:
        """Where this paragraph's words stand in other years; the pinpoint
        shows in the page's language: Chinese, or English in the 英 view."""
        found = self.counterparts.get(p.id, ())
        if not found:
            return ""
        lang = escape(self.lang)
        out = [f'<p class="gwr-lineage"><span class="gwr-sr">{escape(self.t("其他年份的对应段落"))} · '
               f"Counterparts in other years:</span>"]
        for c in found:
            same = (f'<span class="gwr-lineage-same"> <span class="gwr-label-zh" lang="{lang}">{escape(self.t("相同"))}'
                    f'</span><span class="gwr-lineage-en" lang="en">same</span></span>' if c.change == "same" else "")
            out.append(
                f'<span class="gwr-lineage-item"><a href="{escape(self.link(report_uri(c.year, self.script), c.anchor))}">'
                f'<span class="gwr-label-zh" lang="{lang}">{c.year}：{escape(self.t(c.label.zh))}</span>'
                f'<span class="gwr-lineage-en" lang="en">{c.year}: {escape(c.label.en)}</span></a>{same}'
                f' <a class="gwr-lineage-cmp" href="{escape(self.link(c.page, c.row))}"><span class="gwr-label-zh" '
                f'lang="{lang}">{escape(self.t("对比"))}</span><span class="gwr-lineage-en" lang="en">compare</span>'
                f'<span class="gwr-sr"> {c.year}</span></a></span>')
        out.append("</p>\n")
        return "".join(out)

    # --- the rows --------------------------------------------------------------------

    def _open(self, p: Paragraph, classes: str) -> str:
        return (f'<div class="{classes}" id="{escape(p.id)}" data-line="{p.pos.line}"{self.pinpoint(p.id)}>'
                f"{self.sentences.alias_marks(p.id)}\n")

    def paragraph(self, p: Paragraph) -> Markup:
        sentence = self.sentences.sentence
        chinese = "".join(sentence(s, lead=(p.has_lead and k == 0)) for k, s in enumerate(p.sentences))
        return Markup(f'{self._open(p, "gwr-row")}<p class="gwr-zh" lang="{escape(self.lang)}">{chinese}'
                      f'{self.actions(p)}</p>\n{self.english(p.id)}\n{self.amended(p)}\n{self.lineage(p)}\n</div>')

    def item_paragraph(self, item: Item, p: Paragraph) -> Markup:
        """A task's first paragraph: its title sentence is the task's heading."""
        sentence = self.sentences.sentence
        restored = "" if item.marker else (
            '<span class="gwr-restored" title="序号为编者据原报告补出，原文缺 · Number supplied by the editors; '
            f'missing from the source">（{chinese_number(item.number)}）</span>')
        more = len(p.sentences) > 1  # the title's sentence, then the rest of the paragraph
        heading = (f'<h3 class="gwr-item" id="{escape(item.id)}">{self.sentences.alias_marks(item.id)}{restored}'
                   f'{sentence(p.sentences[0])}<a class="headerlink" href="#{escape(item.id)}" '
                   f'aria-label="{escape(self.t("本项链接"))}">¶</a>{"" if more else self.actions(p)}</h3>\n')
        rest = f'<p>{"".join(sentence(s) for s in p.sentences[1:])}{self.actions(p)}</p>\n' if more else ""
        return Markup(f'{self._open(p, "gwr-row gwr-item-row")}<div class="gwr-zh" lang="{escape(self.lang)}">\n'
                      f'{heading}{rest}</div>\n{self.english_title(item, p)}\n{self.amended(p, (item.id,))}\n'
                      f'{self.lineage(p)}\n</div>')
