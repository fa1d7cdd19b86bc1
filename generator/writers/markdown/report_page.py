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

What the page says comes from where the site's does: the document model, the
glossary spans (:mod:`annotate`), the Traditional text (:mod:`traditional`),
the English as :mod:`english` splits and annotates it, the cite labels
(:mod:`cite`), the anchor registry's aliases and corrections; only the syntax
differs. Every piece of text passes through :mod:`mdescape`.
"""

from __future__ import annotations

from jinja2.utils import htmlsafe_json_dumps

from generator.text.script_conversion import converted_sentences
from generator.text import citation
from generator.writers.markdown import syntax as md
from generator.sources.anchor_lock import redirects
from generator.text.term_matching import segments
from generator.text.english_units import english_labels
from generator.sources.grammar import chinese_number
from generator.links import SCRIPTS, Links, linker, report_uri, term_uri
from generator.writers.site.report_page import cite_data
from generator.writers.site.sentence_markup import english_tooltip, term_tooltip
from generator.writers.site.report_rows import PENDING, STALE
from generator.writers.templating import english_date, script_text

NOT_IN_EXCERPT_EN = "The heading of this part is not in the excerpt"
NOT_IN_EXCERPT = f"本部分标题不在所收原文中 · {NOT_IN_EXCERPT_EN}"


class ReportPage:
    """One report in one script; :meth:`markdown` is the page."""

    def __init__(self, entry, loaded, script: str, links: Links):
        self.report, self.meta = entry.report, entry.meta.meta
        year = self.report.year
        self.entry, self.script, self.lang = entry, script, SCRIPTS[script][0]
        self.here = report_uri(year, script)
        self.link = linker(links, self.here)
        self.t = script_text(loaded, script)
        # Sentences cut from converted paragraphs, as on the site: OpenCC sees the whole paragraph.
        self.hant = converted_sentences(self.report, self.t) if script == "hant" else {}
        self.spans = loaded.annotations.get(year, {})
        self.glossary = loaded.glossary.by_slug
        self.translation = loaded.translations[year]
        self.units = loaded.english.get(year, {})
        self.labels = citation.labels(self.report)
        self.headings = english_labels(self.report, self.units, self.labels)
        self.amendments = loaded.lock.amendments(year)
        self.aliases: dict[str, list[str]] = {}
        for old, new in redirects(loaded.lock, year, self.report.anchors()).items():
            self.aliases.setdefault(new, []).append(old)
        self.cite = cite_data(entry, loaded, self.t, links.absolute(self.here))
        self.converter = loaded.converter

    def markdown(self) -> str:
        report, meta, t = self.report, self.meta, self.t
        parts = [md.front_matter(t(meta.title), hide=["navigation"]), self._head()]
        if report.intro:
            parts += [md.tag("div", "gwr-part", "gwr-intro", markdown="1"), "",
                      *(self._row(p) for p in report.intro), "</div>", ""]
        parts += [self._section(section) for section in report.sections]
        if report.closing:
            parts += [md.tag("div", "gwr-part", "gwr-closing", markdown="1"), "", '<hr class="gwr-closing-rule">', "",
                      *(self._row(p) for p in report.closing), "</div>", ""]
        parts += [self._source_notes(), "</div>", "",
                  # For the cite tool (cite.js), as on the site: a raw HTML block, left as it is.
                  f'<script type="application/json" id="gwr-cite-data">{self._cite_json()}</script>', ""]
        return "\n".join(parts)

    def _cite_json(self) -> str:
        # Jinja's `tojson`, as the site writes it: < > & ' escaped, so the JSON cannot end the script.
        return str(htmlsafe_json_dumps(self.cite, ensure_ascii=False, sort_keys=True))

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
        views = "".join(f'{md.tag("button", type="button", data_view=view, aria_pressed=str(view == "both").lower(), title=label)}{mark}</button>'
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
                 f'<span class="gwr-label-zh">{md.text(t("本版所收"))} · </span><span lang="en">This edition holds</span>',
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

    def _marked(self, text: str, spans, tooltip) -> str:
        """``text`` as Markdown, each linked glossary span a link to its term
        titled ``tooltip(entry, t)``; later occurrences stay plain text."""
        out = []
        for piece, span in segments(text, spans):
            shown = md.text(piece)
            if span is not None and span.linked:
                shown = md.link(shown, self.link(term_uri(span.slug, self.script)),
                                tooltip(self.glossary[span.slug].entry, self.t), "gwr-term")
            out.append(shown)
        return "".join(out)

    def _term_text(self, anchor: str, source: str) -> str:
        # Conversion keeps the length, so spans found on the Simplified text hold on the Traditional.
        return self._marked(self.hant.get(anchor) or self.t(source), self.spans.get(anchor), term_tooltip)

    def _english(self, anchor: str, which: str = "all") -> str | None:
        """A unit's English (``all``), its title or lead (``head``) or the rest, as render does."""
        shown = self.units[anchor].shown(which)
        return None if shown is None else self._marked(*shown, english_tooltip)

    def _alias_marks(self, anchor: str) -> str:
        """Empty elements with the ids of retired anchors that now name ``anchor`` (gwr.js follows them)."""
        return "".join(md.tag("span", "gwr-alias", id=old, data_successor=anchor) + "</span>"
                       for old in self.aliases.get(anchor, ()))

    def _sentence(self, s, lead: bool = False) -> str:
        inner = self._alias_marks(s.id) + self._term_text(s.id, s.text)
        if lead:
            return f"**{inner}**{md.attrs('gwr-s', 'gwr-lead', id=s.id)}"
        return f'{md.tag("span", "gwr-s", id=s.id)}{inner}</span>'

    def _pilcrow(self, anchor: str) -> str:
        label = self.labels[anchor]
        return md.link("¶", f"#{anchor}", f"{self.t(label.zh)} · {label.en} — {self.t('引用本段')} · Cite this paragraph",
                       "gwr-pilcrow", "gwr-action")

    # --- blocks -------------------------------------------------------------------------------

    def _english_block(self, anchor: str) -> list[str]:
        """A paragraph's English, its lead in bold; or a visible notice that it is pending."""
        status = self.translation.status(anchor)
        if status == "missing":
            return [md.text(PENDING, True), md.attrs("gwr-en", "gwr-pending", lang="en")]
        head, rest = self._english(anchor, "head"), self._english(anchor, "rest")
        body = f"**{head}**" + (f" {rest}" if rest else "") if head else self._english(anchor)
        stale = status == "stale"
        return [md.line(body + self._pilcrow(anchor)),
                md.attrs("gwr-en", *(["gwr-stale"] if stale else []), lang="en", title=STALE if stale else None)]

    def _amended(self, p, also=()) -> list[str]:
        """A dated note for each correction the anchor registry records in the paragraph (and its task's title)."""
        out = []
        for anchor in (*also, p.id, *(s.id for s in p.sentences)):
            for a in self.amendments.get(anchor, ()):
                where = "" if anchor == p.id else f" ({md.link(md.text(self.t(self.labels[anchor].zh)), f'#{anchor}')})"
                out += [f'{md.tag("span", lang=self.lang)}{md.text(self.t("更正于"))} {a.date}</span> · '
                        f'<span lang="en">corrected on {a.date}</span>: {md.text(a.reason)}{where}',
                        md.attrs("gwr-amended", data_anchor=anchor), ""]
        return out

    def _row(self, p) -> str:
        zh = self._alias_marks(p.id) + "".join(self._sentence(s, lead=p.has_lead and n == 0)
                                               for n, s in enumerate(p.sentences))
        return "\n".join([md.tag("div", "gwr-row", id=p.id, markdown="1"), "",
                          zh + self._pilcrow(p.id), md.attrs("gwr-zh", lang=self.lang), "",
                          *self._english_block(p.id), "", *self._amended(p), "</div>", ""])

    def _section(self, section) -> str:
        t, sid = self.t, section.id
        status = self.translation.status(sid)
        english = ["gwr-en", "gwr-en-heading"]
        heading = dict(lang="en", role="heading", aria_level=2)
        if section.heading:
            zh = f"## {self._alias_marks(sid)}{self._term_text(sid, section.heading)} " \
                 f"{md.attrs('gwr-section', 'gwr-zh', id=sid, lang=self.lang)}"
            if status == "missing":
                en = md.text(f"{self.headings[sid]} [translation pending]", True)
                english.append("gwr-pending")
            else:
                en = md.line(self._english(sid))
                english += ["gwr-stale"] if status == "stale" else []
                heading["title"] = STALE if status == "stale" else None
        else:
            zh = f"## {self._alias_marks(sid)}{md.text(t(f'第{chinese_number(section.number)}部分（节选）'))} " \
                 f"{md.attrs('gwr-section', 'gwr-zh', 'gwr-restored-heading', id=sid, lang=self.lang, title=NOT_IN_EXCERPT)}"
            en = md.text(self.headings[sid], True)
            english.append("gwr-restored-heading")
            heading["title"] = NOT_IN_EXCERPT_EN
        out = [md.tag("section", "gwr-part", aria_labelledby=sid, data_label_en=self.headings[sid], markdown="1"),
               md.tag("div", "gwr-row", "gwr-section-row", markdown="1"), "", zh, "", en,
               md.attrs(*english, **heading), "", "</div>", ""]
        out += [self._row(p) for p in section.paragraphs]
        out += [self._item(item) for item in section.items]
        return "\n".join([*out, "</section>", ""])

    def _item(self, item) -> str:
        """A task: its first paragraph's title sentence is the heading; the English title beside it."""
        p, rest = item.paragraphs[0], item.paragraphs[0].sentences[1:]
        restored = "" if item.marker else (
            md.tag("span", "gwr-restored", title="序号为编者据原报告补出，原文缺 · Number supplied by the editors; "
                                                 "missing from the source") + f"（{chinese_number(item.number)}）</span>")
        zh = [md.tag("div", "gwr-zh", lang=self.lang, markdown="1"), "",
              f"### {self._alias_marks(item.id)}{self._alias_marks(p.id)}{restored}{self._sentence(p.sentences[0])} "
              f"{md.attrs('gwr-item', id=item.id)}", ""]
        if rest:
            zh += ["".join(self._sentence(s) for s in rest) + self._pilcrow(p.id), ""]
        row = [md.tag("section", "gwr-item-block", aria_labelledby=item.id, data_label_en=self.headings[item.id],
                      markdown="1"),
               md.tag("div", "gwr-row", "gwr-item-row", id=p.id, markdown="1"), *zh, "</div>",
               *self._english_title(item, p), *self._amended(p, [item.id]), "</div>", ""]
        row += [self._row(q) for q in item.paragraphs[1:]]
        return "\n".join([*row, "</section>", ""])

    def _english_title(self, item, p) -> list[str]:
        """A task's first paragraph in English: its title a heading, as in the
        Chinese beside it. Pending, or with no title of its own, the pinpoint stands in."""
        status = self.translation.status(p.id)
        head, rest = (self._english(p.id, "head"), self._english(p.id, "rest")) if status != "missing" else (None, None)
        stale = ["gwr-stale"] if status == "stale" else []
        heading = dict(role="heading", aria_level=3)
        out = [md.tag("div", "gwr-en", lang="en", title=STALE if stale else None, markdown="1"), ""]
        if head:
            out += [md.line(head + ("" if rest else self._pilcrow(p.id))),
                    md.attrs("gwr-en-title", *(stale if not rest else []), **heading), ""]
        else:
            out += [md.text(self.headings[item.id], True), md.attrs("gwr-en-title", "gwr-restored-heading", **heading),
                    ""]
        if status == "missing":
            out += [md.text(PENDING, True), md.attrs("gwr-pending"), ""]
        elif rest or not head:
            out += [md.line((rest or self._english(p.id)) + self._pilcrow(p.id)), *([md.attrs(*stale)] if stale else []),
                    ""]
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
                         f"({settings.config}) and corrected by this edition's list of {len(settings.overrides)} overrides.")
        missing, stale = len(self.translation.missing), len(self.translation.stale)
        items.append('<span lang="en">The English translation is this edition\'s own and unofficial.'
                     + (f" {missing} {'unit is' if missing == 1 else 'units are'} still pending." if missing else "")
                     + (f" {stale} {'unit' if stale == 1 else 'units'} may be out of date." if stale else "")
                     + "</span>")
        summary = (f'<summary><span class="gwr-label-zh">{md.html(t("文本来源与编辑说明"))} · </span>'
                   '<span lang="en">Source and editorial notes</span></summary>')
        return "\n".join([md.tag("details", "gwr-source", id="source-note", data_search_exclude="", markdown="1"),
                          summary, "", *(f"- {md.line(item)}" for item in items), "", "</details>", ""])
