"""A report as a Markdown page, for ``python -m generator export md``.

The site renders report pages with templates (:mod:`report_page`,
``templates/report.html``): faster and safer than a round trip through
Markdown. This writes the same page as Markdown that any MkDocs site with
attr_list, md_in_html and toc builds, and that a person can read and edit:

* headings are Markdown headings with their anchor in an attribute list
  (``## 三、… {#sec_3 .gwr-section …}``); a glossary term is a Markdown link
  titled with the site's tooltip; a lead is bold, its id in an attribute list;
* a sentence is an inline HTML span with its id: Markdown has no element for
  a run of text;
* each row, a paragraph or heading beside its English, is an md_in_html
  ``<div class="gwr-row" markdown="1">`` with the site's classes, so gwr.css
  sets the languages side by side and gwr.js and cite.js work as on the site.

What the page says is what the site's says: the rows of :mod:`rows` (the
Chinese in the page's script, the English as it splits, the pinpoints,
aliases and corrections, what stands in where something is missing); only
the syntax differs. Every piece of text passes through :mod:`syntax`.
"""

from __future__ import annotations

from generator.links import SCRIPTS, Links, english_uri, linker, report_uri, term_uri
from generator.writers.markdown import syntax as md
from generator.writers.rows import (
    NOT_IN_EXCERPT,
    NOT_IN_EXCERPT_EN,
    NUMBER_SUPPLIED,
    PENDING_NOTICE,
    STALE_TITLE,
    English,
    Marked,
    Part,
    Row,
    Sentence,
    Task,
    english_tooltip,
    pending_heading,
    report_rows,
    term_tooltip,
)
from generator.writers.site.report_page import cite_data
from generator.writers.templating import english_date, english_note, script_text


class ReportPage:
    """One report in one script; :meth:`markdown` is the page."""

    def __init__(self, entry, loaded, script: str, links: Links):
        self.report, self.meta = entry.report, entry.meta.meta
        self.entry, self.script, self.lang = entry, script, SCRIPTS[script][0]
        self.here = report_uri(self.report.year, script)
        self.link = linker(links, self.here)
        self.t = script_text(loaded, script)
        self.glossary = loaded.glossary.by_slug
        self.translation = loaded.translations[self.report.year]
        inputs = loaded.inputs(entry)
        self.rows = report_rows(inputs, script)
        # The export has no English edition's pages: its English citations name the site's, where known.
        self.cite = cite_data(inputs, self.t, script, links, english=False)
        self.cite["english"] = links.absolute(english_uri(self.report.year))
        self.converter = loaded.converter

    def markdown(self) -> str:
        meta, t, rows = self.meta, self.t, self.rows
        parts = [md.front_matter(t(meta.title), hide=["navigation"]), self._head()]
        if rows.intro:
            parts += [md.tag("div", "gwr-part", "gwr-intro", markdown="1"), "",
                      *(self._row(row) for row in rows.intro), "</div>", ""]
        parts += [self._part(part) for part in rows.parts]
        if rows.closing:
            parts += [md.tag("div", "gwr-part", "gwr-closing", markdown="1"), "", '<hr class="gwr-closing-rule">', "",
                      *(self._row(row) for row in rows.closing), "</div>", ""]
        parts += [self._source_notes(), "</div>", "",
                  # For the cite tool (cite.js), as on the site: a raw HTML block, left as it is.
                  f'<script type="application/json" id="gwr-cite-data">{md.script_json(self.cite)}</script>', ""]
        return "\n".join(parts)

    # --- the head of the page ---------------------------------------------------------

    def _head(self) -> str:
        meta, t, year = self.meta, self.t, self.report.year
        # toc gives every heading an id: this one is the page's own, never made from
        # the title's words. Material leaves a level-1 heading out of the contents.
        title = (f'# <span class="gwr-label-zh">{md.text(t(meta.title))}</span> '
                 f'<span lang="en">{md.text(meta.title_en)}</span> {md.attrs("gwr-title", id="gwr-title")}')
        scripts = "".join(
            md.link(mark, self.link(report_uri(year, name)), label, "gwr-script", data_script=name, lang=code,
                    aria_current="page" if name == self.script else None)
            for name, (code, _), mark, label in zip(SCRIPTS, SCRIPTS.values(), "简繁",
                                                    ("简体字 · Simplified", "繁體字 · Traditional")))
        views = "".join(md.tag("button", type="button", data_view=view, aria_pressed=str(view == "both").lower(),
                               title=label) + f"{mark}</button>"
                        for view, mark, label in (("zh", "中", "只看中文 · Chinese only"), ("en", "英", "English only"),
                                                  ("both", "中英", "中英对照 · Side by side")))
        controls = (md.tag("div", "gwr-controls", data_search_exclude="", markdown="span")
                    + md.tag("span", "gwr-control", role="group", aria_label="字形 · Script") + scripts + "</span> "
                    + md.tag("span", "gwr-control", "gwr-views", role="group", aria_label="语言 · Language",
                             hidden="") + views + "</span></div>")
        byline = (f'<span class="gwr-label-zh">{md.text(t(meta.occasion))} · {meta.delivered.year}年'
                  f'{meta.delivered.month}月{meta.delivered.day}日 · {md.text(t(meta.speaker))}<br></span>\n'
                  f'<span lang="en">{md.text(meta.speaker_en)} · {md.text(meta.occasion_en)} · '
                  f'{english_date(meta.delivered)}</span>\n{md.attrs("gwr-byline")}')
        holds = [md.tag("div", "admonition", "info", "gwr-holds", markdown="1"), "",
                 f'<span class="gwr-label-zh">{md.text(t("本版所收"))} · </span>'
                 '<span lang="en">This edition holds</span>',
                 md.attrs("admonition-title"), "", md.text(t(meta.holds), True), md.attrs("gwr-label-zh"), "",
                 md.text(meta.holds_en, True), md.attrs(lang="en"), "",
                 "The English text is this edition's own translation, not an official one. "
                 f'{md.tag("span", "gwr-label-zh", lang=self.lang)}{md.text(t("英文为本版自译，非官方译文。"))}</span>',
                 md.attrs("gwr-unofficial", lang="en"), "", "</div>", ""]
        report = md.tag("div", "gwr-report", lang=self.lang, data_year=year, data_script=self.script,
                        data_view="both", data_title_en=f"{meta.title_en} · An annotated bilingual edition",
                        markdown="1")
        return "\n".join([report, "", title, "", controls, "", byline, "", *holds])

    # --- text ------------------------------------------------------------------------------

    def _marked(self, words: Marked, tooltip) -> str:
        """``words`` as Markdown, each linked glossary span a link to its term
        titled ``tooltip(entry, t)``; later occurrences stay plain text."""
        out = []
        for piece, span in words:
            shown = md.text(piece)
            if span is not None and span.linked:
                shown = md.link(shown, self.link(term_uri(span.slug, self.script)),
                                tooltip(self.glossary[span.slug].entry, self.t), "gwr-term")
            out.append(shown)
        return "".join(out)

    def _terms(self, words: Marked) -> str:
        return self._marked(words, term_tooltip)

    def _renderings(self, words: Marked) -> str:
        return self._marked(words, english_tooltip)

    def _whole(self, english: English) -> str:
        """A unit's English whole, with its renderings marked."""
        whole = english.whole
        assert whole is not None, "only pending English has no words, and no writer asks for them"
        return self._renderings(whole)

    @staticmethod
    def _alias_marks(anchor: str, aliases: tuple[str, ...]) -> str:
        """Empty elements with the ids of retired anchors that now name ``anchor`` (gwr.js follows them)."""
        return "".join(md.tag("span", "gwr-alias", id=old, data_successor=anchor) + "</span>" for old in aliases)

    def _sentence(self, s: Sentence) -> str:
        inner = self._alias_marks(s.id, s.aliases) + self._terms(s.words)
        if s.lead:
            return f"**{inner}**{md.attrs('gwr-s', 'gwr-lead', id=s.id)}"
        return f'{md.tag("span", "gwr-s", id=s.id)}{inner}</span>'

    def _pilcrow(self, row: Row) -> str:
        zh, en = row.pinpoint.zh, row.pinpoint.en
        return md.link("¶", f"#{row.anchor}", f"{zh} · {en} — {self.t('引用本段')} · Cite this paragraph",
                       "gwr-pilcrow", "gwr-action")

    # --- blocks -------------------------------------------------------------------------------

    def _english_block(self, row: Row) -> list[str]:
        """A paragraph's English, its lead in bold; or a visible notice that it is pending."""
        english = row.english
        if english.pending:
            return [md.text(PENDING_NOTICE, True), md.attrs("gwr-en", "gwr-pending", lang="en")]
        head, rest = english.head, english.rest
        body = (f"**{self._renderings(head)}**" + (f" {self._renderings(rest)}" if rest else "") if head
                else self._whole(english))
        stale = english.stale
        return [md.line(body + self._pilcrow(row)),
                md.attrs("gwr-en", *(["gwr-stale"] if stale else []), lang="en", title=STALE_TITLE if stale else None)]

    def _notes(self, row: Row) -> list[str]:
        """A dated note for each correction the anchor registry records in the paragraph (and its task's title)."""
        out = []
        for note in row.notes:
            where = "" if note.where is None else f" ({md.link(md.text(note.where), f'#{note.anchor}')})"
            out += [f'{md.tag("span", lang=self.lang)}{md.text(self.t("更正于"))} {note.date}</span> · '
                    f'<span lang="en">corrected on {note.date}</span>: {md.text(note.reason)}{where}',
                    md.attrs("gwr-amended", data_anchor=note.anchor), ""]
        return out

    def _row(self, row: Row) -> str:
        zh = self._alias_marks(row.anchor, row.aliases) + "".join(map(self._sentence, row.chinese))
        return "\n".join([md.tag("div", "gwr-row", id=row.anchor, markdown="1"), "",
                          zh + self._pilcrow(row), md.attrs("gwr-zh", lang=self.lang), "",
                          *self._english_block(row), "", *self._notes(row), "</div>", ""])

    def _part(self, part: Part) -> str:
        row = part.heading
        anchor, english = row.anchor, ["gwr-en", "gwr-en-heading"]
        heading: dict[str, str | int | None] = dict(lang="en", role="heading", aria_level=2)
        if not part.restored:
            assert row.english is not None, "only a heading the excerpt lacks (part.restored) has no English"
            zh = f"## {self._alias_marks(anchor, row.aliases)}{self._terms(row.chinese[0].words)} " \
                 f"{md.attrs('gwr-section', 'gwr-zh', id=anchor, lang=self.lang)}"
            if row.english.pending:
                en = md.text(pending_heading(part.name), True)
                english.append("gwr-pending")
            else:
                en = md.line(self._whole(row.english))
                english += ["gwr-stale"] if row.english.stale else []
                heading["title"] = STALE_TITLE if row.english.stale else None
        else:
            zh = f"## {self._alias_marks(anchor, row.aliases)}{md.text(part.restored)} " + md.attrs(
                'gwr-section', 'gwr-zh', 'gwr-restored-heading', id=anchor, lang=self.lang, title=NOT_IN_EXCERPT)
            en = md.text(part.name, True)
            english.append("gwr-restored-heading")
            heading["title"] = NOT_IN_EXCERPT_EN
        out = [md.tag("section", "gwr-part", aria_labelledby=anchor, data_label_en=part.name, markdown="1"),
               md.tag("div", "gwr-row", "gwr-section-row", markdown="1"), "", zh, "", en,
               md.attrs(*english, **heading), "", "</div>", ""]
        out += [self._row(row) for row in part.rows]
        out += [self._task(task) for task in part.tasks]
        return "\n".join([*out, "</section>", ""])

    def _task(self, task: Task) -> str:
        """A task: its first paragraph's title sentence is the heading; the English title beside it."""
        row = task.rows[0]
        number = "" if task.number is None else md.tag("span", "gwr-restored", title=NUMBER_SUPPLIED) + \
            f"{task.number}</span>"
        zh = [md.tag("div", "gwr-zh", lang=self.lang, markdown="1"), "",
              f"### {self._alias_marks(task.anchor, task.aliases)}{self._alias_marks(row.anchor, row.aliases)}"
              f"{number}{self._sentence(row.chinese[0])} {md.attrs('gwr-item', id=task.anchor)}", ""]
        if len(row.chinese) > 1:
            zh += ["".join(map(self._sentence, row.chinese[1:])) + self._pilcrow(row), ""]
        out = [md.tag("section", "gwr-item-block", aria_labelledby=task.anchor, data_label_en=task.name,
                      markdown="1"),
               md.tag("div", "gwr-row", "gwr-item-row", id=row.anchor, markdown="1"), *zh, "</div>",
               *self._english_title(task, row), *self._notes(row), "</div>", ""]
        out += [self._row(other) for other in task.rows[1:]]
        return "\n".join([*out, "</section>", ""])

    def _english_title(self, task: Task, row: Row) -> list[str]:
        """A task's first paragraph in English: its title a heading, as in the
        Chinese beside it. Pending, or with no title of its own, the task's name stands in."""
        english = row.english
        head, rest = english.head, english.rest
        stale = ["gwr-stale"] if english.stale else []
        heading: dict[str, str | int | None] = dict(role="heading", aria_level=3)
        out = [md.tag("div", "gwr-en", lang="en", title=STALE_TITLE if stale else None, markdown="1"), ""]
        if head:
            out += [md.line(self._renderings(head) + ("" if rest else self._pilcrow(row))),
                    md.attrs("gwr-en-title", *(stale if not rest else []), **heading), ""]
        else:
            out += [md.text(task.name, True), md.attrs("gwr-en-title", "gwr-restored-heading", **heading), ""]
        if english.pending:
            out += [md.text(PENDING_NOTICE, True), md.attrs("gwr-pending"), ""]
        elif rest or not head:
            out += [md.line((self._renderings(rest) if rest else self._whole(english)) + self._pilcrow(row)),
                    *([md.attrs(*stale)] if stale else []), ""]
        return [*out, "</div>", ""]

    # --- the end of the page ------------------------------------------------------------

    def _source_notes(self) -> str:
        """Where the text comes from and every editorial decision, as the site lists them."""
        t, meta, normalized = self.t, self.meta, self.entry.normalized
        source = meta.source
        lines = f", {t('第')} {source.from_line}–{source.to_line or t('末')} {t('行')}" \
            if source.from_line != 1 or source.to_line else ""
        items = [f"{t('原文')} Source: {md.code(self.entry.raw_path)}{md.text(lines)}"
                 f"（{md.text(t('逐字保存，未作改动'))} · kept verbatim）.",
                 f"{t('排版')} Layout: {md.text(normalized.layout)} ({md.text(normalized.layout_reason)}). "
                 f"{md.text(t('本版只去掉排版造成的断行和空格，文字及其顺序与原文相同。'))} Only layout (line breaks, "
                 "justification spaces) is removed; every character of the text is kept, in order."]
        items += [f"{t('删去第')} {d.line} {t('行')} · Removed line {d.line}: <q>{md.text(t(d.text))}</q> — "
                  f"{md.text(t(d.reason))}" for d in normalized.dropped]
        items += [f'{md.text(t(note.zh))} <span lang="en">{md.text(note.en)}</span>' for note in meta.notes]
        if self.script == "hant":
            settings = self.converter.settings
            items.append(f"{t('繁体字版由 OpenCC 转换')}（{settings.config}），{t('并按本版校订表改正')} "
                         f"{len(settings.overrides)} {t('处。')} The Traditional text is converted with OpenCC "
                         f"({settings.config}) and corrected by this edition's list of {len(settings.overrides)} "
                         "overrides.")
        items.append(f'<span lang="en">{english_note(self.translation)}</span>')
        summary = (f'<summary><span class="gwr-label-zh">{md.html(t("文本来源与编辑说明"))} · </span>'
                   '<span lang="en">Source and editorial notes</span></summary>')
        return "\n".join([md.tag("details", "gwr-source", id="source-note", data_search_exclude="", markdown="1"),
                          summary, "", *(f"- {md.line(item)}" for item in items), "", "</details>", ""])

